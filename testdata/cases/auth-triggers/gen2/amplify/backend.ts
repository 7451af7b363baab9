import { defineBackend } from '@aws-amplify/backend';
import { Duration, SecretValue } from 'aws-cdk-lib';
import {
  AuthorizationType,
  CognitoUserPoolsAuthorizer,
  LambdaIntegration,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import { CfnUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { auth } from './auth/resource';
import { adminQueries6a7b8c9d } from './functions/AdminQueries6a7b8c9d/resource';
import { reportUsers } from './functions/reportUsers/resource';
import {
  triggersapp6a7b8c9dCreateAuthChallenge,
} from './functions/triggersapp6a7b8c9dCreateAuthChallenge/resource';
import {
  triggersapp6a7b8c9dCustomMessage,
} from './functions/triggersapp6a7b8c9dCustomMessage/resource';
import {
  triggersapp6a7b8c9dDefineAuthChallenge,
} from './functions/triggersapp6a7b8c9dDefineAuthChallenge/resource';
import {
  triggersapp6a7b8c9dPostAuthentication,
} from './functions/triggersapp6a7b8c9dPostAuthentication/resource';
import {
  triggersapp6a7b8c9dPostConfirmation,
} from './functions/triggersapp6a7b8c9dPostConfirmation/resource';
import {
  triggersapp6a7b8c9dPreAuthentication,
} from './functions/triggersapp6a7b8c9dPreAuthentication/resource';
import { triggersapp6a7b8c9dPreSignup } from './functions/triggersapp6a7b8c9dPreSignup/resource';
import {
  triggersapp6a7b8c9dPreTokenGeneration,
} from './functions/triggersapp6a7b8c9dPreTokenGeneration/resource';
import {
  triggersapp6a7b8c9dUserMigration,
} from './functions/triggersapp6a7b8c9dUserMigration/resource';
import {
  triggersapp6a7b8c9dVerifyAuthChallengeResponse,
} from './functions/triggersapp6a7b8c9dVerifyAuthChallengeResponse/resource';

// Gen 1 put the environment name in resource names; Gen 2 uses the branch.
const branchName = process.env.AWS_BRANCH ?? 'sandbox';

const backend = defineBackend({
  auth,
  adminQueries6a7b8c9d,
  reportUsers,
  triggersapp6a7b8c9dCreateAuthChallenge,
  triggersapp6a7b8c9dCustomMessage,
  triggersapp6a7b8c9dDefineAuthChallenge,
  triggersapp6a7b8c9dPostAuthentication,
  triggersapp6a7b8c9dPostConfirmation,
  triggersapp6a7b8c9dPreAuthentication,
  triggersapp6a7b8c9dPreSignup,
  triggersapp6a7b8c9dPreTokenGeneration,
  triggersapp6a7b8c9dUserMigration,
  triggersapp6a7b8c9dVerifyAuthChallengeResponse,
});

// Auth: settings defineAuth cannot express, pinned to their Gen 1 values.
const { cfnUserPool, cfnUserPoolClient, cfnIdentityPool } = backend.auth.resources.cfnResources;
// Gen 1's verification SMS (the phone number is not a username attribute, so loginWith cannot carry
// it).
cfnUserPool.smsVerificationMessage = 'Your verification code is {####}';
cfnUserPool.addPropertyOverride('VerificationMessageTemplate.SmsMessage', 'Your verification code is {####}');
// Gen 1's password policy (Gen 2's default requires every character class).
cfnUserPool.policies = {
  passwordPolicy: {
    minimumLength: 8,
    requireLowercase: false,
    requireUppercase: false,
    requireNumbers: false,
    requireSymbols: false,
    temporaryPasswordValidityDays: 7,
  },
};
// The attributes Gen 1's app clients could read and write.
cfnUserPoolClient.readAttributes = ['email'];
cfnUserPoolClient.writeAttributes = ['email'];
// Refresh tokens last 30 days, as in Gen 1.
cfnUserPoolClient.refreshTokenValidity = 30;
// Gen 1 had no hosted UI, so its app client had OAuth off; Gen 2's turns it on with a placeholder
// callback URL.
cfnUserPoolClient.allowedOAuthFlowsUserPoolClient = false;
cfnUserPoolClient.allowedOAuthFlows = undefined;
cfnUserPoolClient.allowedOAuthScopes = undefined;
cfnUserPoolClient.callbackUrLs = undefined;
// Gen 1's second app client, used by native apps (amplify-meta.json AppClientID).
const nativeAppClient = backend.auth.resources.userPool.addClient('NativeAppClient', {
  generateSecret: false,
  refreshTokenValidity: Duration.days(30),
  disableOAuth: true,
});
const cfnNativeAppClient = nativeAppClient.node.defaultChild as CfnUserPoolClient;
cfnNativeAppClient.readAttributes = ['email'];
cfnNativeAppClient.writeAttributes = ['email'];
// Gen 1's identity pool accepted tokens from both app clients.
const webClientProviders = cfnIdentityPool.cognitoIdentityProviders;
cfnIdentityPool.cognitoIdentityProviders = [
  ...(Array.isArray(webClientProviders) ? webClientProviders : []),
  {
    clientId: nativeAppClient.userPoolClientId,
    providerName: backend.auth.resources.userPool.userPoolProviderName,
  },
];
// Guest (unauthenticated) access is off, as in Gen 1.
cfnIdentityPool.allowUnauthenticatedIdentities = false;
backend.auth.resources.groups['Admins'].cfnUserGroup.precedence = 1;
// Gen 1 also let triggersapp6a7b8c9dPostConfirmation call these on the user pool; defineAuth access
// has no name for them.
backend.triggersapp6a7b8c9dPostConfirmation.resources.lambda.addToRolePolicy(new PolicyStatement({
  actions: ['cognito-idp:DescribeUserPool'],
  resources: [backend.auth.resources.userPool.userPoolArn],
}));
// Admin Queries: the function only serves members of "Admins" (Gen 1 adminQueryGroup); it reads the
// group from GROUP.
backend.adminQueries6a7b8c9d.addEnvironment('GROUP', 'Admins');

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

// Function AdminQueries6a7b8c9d (Gen 1: amplify/backend/function/AdminQueries6a7b8c9d)
backend.adminQueries6a7b8c9d.addEnvironment(
  'USERPOOL',
  ssmValue(
    backend.auth.stack,
    'adminQueries6a7b8c9d-USERPOOL',
    backend.auth.resources.userPool.userPoolId
  )
);

// REST API AdminQueries (Gen 1 API Gateway)
const adminQueriesApiStack = backend.createStack('rest-api-AdminQueries');
const adminQueriesApi = new RestApi(adminQueriesApiStack, 'AdminQueries', {
  restApiName: `AdminQueries-${branchName}`,
  // Gen 1 set no account-wide logging role.
  cloudWatchRole: false,
});
const adminQueriesApiAuthorizer = new CognitoUserPoolsAuthorizer(
  adminQueriesApiStack,
  'AdminQueriesAuthorizer',
  { cognitoUserPools: [backend.auth.resources.userPool] }
);
const adminQueriesApiAdminQueries6a7b8c9dIntegration = new LambdaIntegration(backend.adminQueries6a7b8c9d.resources.lambda);
const adminQueriesApiProxy = adminQueriesApi.root.resourceForPath('/{proxy+}');
adminQueriesApiProxy.addMethod('ANY', adminQueriesApiAdminQueries6a7b8c9dIntegration, {
  authorizationType: AuthorizationType.COGNITO,
  authorizer: adminQueriesApiAuthorizer,
  authorizationScopes: ['aws.cognito.signin.user.admin'],
  requestParameters: {
    'method.request.path.proxy': true,
    'method.request.header.Authorization': false,
  },
  requestValidatorOptions: { validateRequestParameters: true },
});
adminQueriesApiProxy.addCorsPreflight({
  allowOrigins: ['*'],
  allowMethods: ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'],
  allowHeaders: [
    'Content-Type',
    'X-Amz-Date',
    'Authorization',
    'X-Api-Key',
    'X-Amz-Security-Token',
  ],
  statusCode: 200,
});
backend.addOutput({
  custom: {
    API: {
      AdminQueries: {
        endpoint: `https://${adminQueriesApi.restApiId}.execute-api.${adminQueriesApiStack.region}.${adminQueriesApiStack.urlSuffix}/${adminQueriesApi.deploymentStage.stageName}`,
        region: adminQueriesApiStack.region,
        apiName: adminQueriesApi.restApiName,
      },
    },
  },
});
