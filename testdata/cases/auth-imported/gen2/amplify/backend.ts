import { defineBackend } from '@aws-amplify/backend';
import { SecretValue } from 'aws-cdk-lib';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { auth } from './auth/resource';
import { userAdmin } from './functions/userAdmin/resource';

const backend = defineBackend({ auth, userAdmin });

// Passes a value to a function through SSM Parameter Store: an environment variable naming a
// resource of a stack that depends on the function's stack would make the two stacks depend on each
// other (amplify-backend#3286). Gen 2 loads the value into process.env before the handler runs, as
// it does for secrets.
function ssmValue(scope: Construct, id: string, value: string) {
  const path = `/amplify-migrate/${backend.stack.node.getContext('amplify-backend-namespace')}/${backend.stack.node.getContext('amplify-backend-name')}/${id}`;
  new StringParameter(scope, id, { parameterName: path, stringValue: value });
  // Shaped like secret(): the function's environment lists the parameter and
  // is allowed to read it.
  return {
    resolve: () => SecretValue.unsafePlainText(value),
    resolvePath: () => ({ branchSecretPath: path, sharedSecretPath: path }),
  };
}

// Function userAdmin (Gen 1: amplify/backend/function/userAdmin)
backend.userAdmin.addEnvironment(
  'AUTH_IMPORTEDAPP3C4D5E6F_USERPOOLID',
  ssmValue(
    backend.auth.stack,
    'userAdmin-AUTH_IMPORTEDAPP3C4D5E6F_USERPOOLID',
    backend.auth.resources.userPool.userPoolId
  )
);
