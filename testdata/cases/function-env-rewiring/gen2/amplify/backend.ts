import { defineBackend } from '@aws-amplify/backend';
import { SecretValue, Stack } from 'aws-cdk-lib';
import { CfnUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { AttributeType, BillingMode, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { EventSourceMapping, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { auth } from './auth/resource';
import { gen1UserPool, userMigration } from './auth/user-migration/resource';
import { data } from './data/resource';
import { mealStream } from './functions/mealStream/resource';
import { mealsApi } from './functions/mealsApi/resource';
import { mealsauthPostConfirmation } from './functions/mealsauthPostConfirmation/resource';
import { notify } from './functions/notify/resource';
import { storage } from './storage/resource';

const backend = defineBackend({
  auth,
  userMigration,
  data,
  storage,
  mealStream,
  mealsApi,
  mealsauthPostConfirmation,
  notify,
});

// Auth: settings defineAuth cannot express, pinned to their Gen 1 values.
const { cfnUserPool, cfnUserPoolClient, cfnIdentityPool } = backend.auth.resources.cfnResources;
// The Gen 1 pool predates usernameCaseSensitive, so Cognito made it case sensitive.
cfnUserPool.usernameConfiguration = { caseSensitive: true };
// Gen 1 verifies nothing (defineAuth would verify email).
cfnUserPool.autoVerifiedAttributes = [];
cfnUserPool.userAttributeUpdateSettings = undefined;
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
// Cognito runs the userMigration trigger only for USER_PASSWORD_AUTH sign-ins (with SRP it never
// sees the password). Remove ALLOW_USER_PASSWORD_AUTH once every user has signed in since the move.
cfnUserPoolClient.explicitAuthFlows = [
  'ALLOW_CUSTOM_AUTH',
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
];
// Gen 1 had no hosted UI, so its app client had OAuth off; Gen 2's turns it on with a placeholder
// callback URL.
cfnUserPoolClient.allowedOAuthFlowsUserPoolClient = false;
cfnUserPoolClient.allowedOAuthFlows = undefined;
cfnUserPoolClient.allowedOAuthScopes = undefined;
cfnUserPoolClient.callbackUrLs = undefined;
// Gen 1's second app client, used by native apps (amplify-meta.json AppClientID).
const nativeAppClient = backend.auth.resources.userPool.addClient('NativeAppClient', {
  generateSecret: false,
  authFlows: { custom: true, userSrp: true, userPassword: true },
  disableOAuth: true,
});
// Gen 1's identity pool accepted tokens from both app clients.
const webClientProviders = cfnIdentityPool.cognitoIdentityProviders;
cfnIdentityPool.cognitoIdentityProviders = [
  ...(Array.isArray(webClientProviders) ? webClientProviders : []),
  {
    clientId: nativeAppClient.userPoolClientId,
    providerName: backend.auth.resources.userPool.userPoolProviderName,
  },
];
// The Gen 1 settings leave guest access out; the CLI's default was off.
cfnIdentityPool.allowUnauthenticatedIdentities = false;
// The userMigration trigger checks passwords against the Gen 1 pool and reads users and their
// groups there; it may do nothing else to it.
backend.userMigration.resources.lambda.addToRolePolicy(new PolicyStatement({
  actions: [
    'cognito-idp:AdminInitiateAuth',
    'cognito-idp:AdminGetUser',
    'cognito-idp:AdminListGroupsForUser',
  ],
  resources: [
    `arn:aws:cognito-idp:${gen1UserPool.region}:${backend.auth.stack.account}:userpool/${gen1UserPool.userPoolId}`,
  ],
}));
// It copies groups in an asynchronous call to itself, once Cognito has created the user. A separate
// policy, so that the function does not depend on a policy that names it.
backend.userMigration.resources.lambda.role?.attachInlinePolicy(new Policy(
  backend.auth.stack,
  'UserMigrationSelfInvoke',
  {
    statements: [
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [backend.userMigration.resources.lambda.functionArn],
      }),
    ],
  }
));

// Storage: photos
const photosStack = Stack.of(backend.storage.resources.bucket);
// Gen 1 granted these roles the whole bucket (or keys Gen 2 access rules cannot name). The rules in
// storage/resource.ts cover the Amplify prefixes; these policies keep every other key as Gen 1 had
// it.
new Policy(Stack.of(backend.mealsApi.resources.lambda), 'photosGen1MealsApiFunctionAccess', {
  roles: [backend.mealsApi.resources.lambda.role!],
  statements: [
    new PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [backend.storage.resources.bucket.bucketArn],
    }),
    new PolicyStatement({
      actions: ['s3:GetObject'],
      resources: [backend.storage.resources.bucket.arnForObjects('*')],
    }),
  ],
});

// Storage: DynamoDB tables of the Gen 1 storage category
const storageTablesStack = backend.createStack('storageTables');

// activity: Gen 1 table activity-dev.
const activityTable = new Table(storageTablesStack, 'activity', {
  partitionKey: { name: 'id', type: AttributeType.STRING },
  billingMode: BillingMode.PROVISIONED,
  readCapacity: 5,
  writeCapacity: 5,
  stream: StreamViewType.NEW_IMAGE,
});

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

// Function mealStream (Gen 1: amplify/backend/function/mealStream)
// The mapping lives in the table's stack: the function's stack cannot refer to it without a
// circular dependency.
new EventSourceMapping(
  backend.data.stack,
  'mealStreamStream1',
  {
    target: backend.mealStream.resources.lambda,
    eventSourceArn: backend.data.resources.tables['Meal'].tableStreamArn!,
    startingPosition: StartingPosition.LATEST,
    batchSize: 100,
  }
);
backend.mealStream.resources.lambda.role?.attachInlinePolicy(new Policy(
  backend.data.stack,
  'mealStreamStreamRead2',
  {
    statements: [
      new PolicyStatement({
        actions: [
          'dynamodb:DescribeStream',
          'dynamodb:GetRecords',
          'dynamodb:GetShardIterator',
          'dynamodb:ListStreams',
        ],
        resources: [backend.data.resources.tables['Meal'].tableStreamArn!],
      }),
    ],
  }
));

// Function mealsApi (Gen 1: amplify/backend/function/mealsApi)
backend.mealsApi.addEnvironment(
  'API_MEALSAPI_GRAPHQLAPIIDOUTPUT',
  ssmValue(backend.data.stack, 'mealsApi-API_MEALSAPI_GRAPHQLAPIIDOUTPUT', backend.data.apiId)
);
backend.mealsApi.addEnvironment(
  'API_MEALSAPI_GRAPHQLAPIENDPOINTOUTPUT',
  ssmValue(
    backend.data.stack,
    'mealsApi-API_MEALSAPI_GRAPHQLAPIENDPOINTOUTPUT',
    backend.data.graphqlUrl
  )
);
backend.mealsApi.addEnvironment(
  'API_MEALSAPI_GRAPHQLAPIKEYOUTPUT',
  ssmValue(backend.data.stack, 'mealsApi-API_MEALSAPI_GRAPHQLAPIKEYOUTPUT', backend.data.apiKey!)
);
backend.mealsApi.addEnvironment(
  'API_MEALSAPI_MEALTABLE_NAME',
  ssmValue(
    backend.data.stack,
    'mealsApi-API_MEALSAPI_MEALTABLE_NAME',
    backend.data.resources.tables['Meal'].tableName
  )
);
backend.mealsApi.addEnvironment(
  'API_MEALSAPI_MEALTABLE_ARN',
  ssmValue(
    backend.data.stack,
    'mealsApi-API_MEALSAPI_MEALTABLE_ARN',
    backend.data.resources.tables['Meal'].tableArn
  )
);
backend.mealsApi.addEnvironment(
  'AUTH_MEALSAUTH_USERPOOLID',
  ssmValue(
    backend.auth.stack,
    'mealsApi-AUTH_MEALSAUTH_USERPOOLID',
    backend.auth.resources.userPool.userPoolId
  )
);
backend.mealsApi.addEnvironment(
  'STORAGE_PHOTOS_BUCKETNAME',
  ssmValue(
    backend.storage.stack,
    'mealsApi-STORAGE_PHOTOS_BUCKETNAME',
    backend.storage.resources.bucket.bucketName
  )
);
backend.mealsApi.addEnvironment('STORAGE_ACTIVITY_NAME', activityTable.tableName);
backend.mealsApi.addEnvironment('STORAGE_ACTIVITY_ARN', activityTable.tableArn);
backend.mealsApi.addEnvironment(
  'FUNCTION_NOTIFY_NAME',
  backend.notify.resources.lambda.functionName
);
backend.mealsApi.resources.lambda.role?.attachInlinePolicy(new Policy(
  backend.data.stack,
  'mealsApiPolicy1',
  {
    statements: [
      new PolicyStatement({
        actions: ['appsync:GraphQL'],
        resources: [
          `${backend.data.resources.graphqlApi.arn}/types/Query/*`,
          `${backend.data.resources.graphqlApi.arn}/types/Mutation/*`,
        ],
      }),
    ],
  }
));
backend.mealsApi.resources.lambda.role?.attachInlinePolicy(new Policy(
  backend.data.stack,
  'mealsApiPolicy2',
  {
    statements: [
      new PolicyStatement({
        actions: [
          'dynamodb:Get*',
          'dynamodb:BatchGetItem',
          'dynamodb:List*',
          'dynamodb:Describe*',
          'dynamodb:Scan',
          'dynamodb:Query',
          'dynamodb:PartiQLSelect',
        ],
        resources: [
          backend.data.resources.tables['Meal'].tableArn,
          `${backend.data.resources.tables['Meal'].tableArn}/index/*`,
        ],
      }),
    ],
  }
));
backend.mealsApi.resources.lambda.addToRolePolicy(new PolicyStatement({
  actions: [
    'dynamodb:Get*',
    'dynamodb:BatchGetItem',
    'dynamodb:List*',
    'dynamodb:Describe*',
    'dynamodb:Scan',
    'dynamodb:Query',
    'dynamodb:PartiQLSelect',
    'dynamodb:Update*',
    'dynamodb:RestoreTable*',
    'dynamodb:PartiQLUpdate',
  ],
  resources: [activityTable.tableArn, `${activityTable.tableArn}/index/*`],
}));
backend.mealsApi.resources.lambda.addToRolePolicy(new PolicyStatement({
  actions: ['lambda:Get*', 'lambda:List*', 'lambda:Invoke*'],
  resources: [backend.notify.resources.lambda.functionArn],
}));

// Function mealsauthPostConfirmation (Gen 1: amplify/backend/function/mealsauthPostConfirmation)
backend.mealsauthPostConfirmation.addEnvironment(
  'API_MEALSAPI_PROFILETABLE_NAME',
  ssmValue(
    backend.data.stack,
    'mealsauthPostConfirmation-API_MEALSAPI_PROFILETABLE_NAME',
    backend.data.resources.tables['Profile'].tableName
  )
);
backend.mealsauthPostConfirmation.resources.lambda.role?.attachInlinePolicy(new Policy(
  backend.data.stack,
  'mealsauthPostConfirmationPolicy1',
  {
    statements: [
      new PolicyStatement({
        actions: [
          'dynamodb:Put*',
          'dynamodb:Create*',
          'dynamodb:BatchWriteItem',
          'dynamodb:PartiQLInsert',
        ],
        resources: [
          backend.data.resources.tables['Profile'].tableArn,
          `${backend.data.resources.tables['Profile'].tableArn}/index/*`,
        ],
      }),
    ],
  }
));
