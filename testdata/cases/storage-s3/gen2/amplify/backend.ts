import { defineBackend } from '@aws-amplify/backend';
import { Stack } from 'aws-cdk-lib';
import { CfnUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { auth } from './auth/resource';
import { gen1UserPool, userMigration } from './auth/user-migration/resource';
import { s3Trigger1ef46783 } from './functions/S3Trigger1ef46783/resource';
import { thumbnailer } from './functions/thumbnailer/resource';
import { storage } from './storage/resource';

const backend = defineBackend({ auth, userMigration, storage, s3Trigger1ef46783, thumbnailer });

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
// Guest (unauthenticated) access is on, as in Gen 1.
cfnIdentityPool.allowUnauthenticatedIdentities = true;
backend.auth.resources.groups['Admin'].cfnUserGroup.precedence = 1;
backend.auth.resources.groups['Basic'].cfnUserGroup.precedence = 2;
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

// Storage: mediavault
const mediavaultStack = Stack.of(backend.storage.resources.bucket);
// Gen 1 granted these roles the whole bucket (or keys Gen 2 access rules cannot name). The rules in
// storage/resource.ts cover the Amplify prefixes; these policies keep every other key as Gen 1 had
// it.
new Policy(mediavaultStack, 'mediavaultGen1AdminGroupAccess', {
  roles: [backend.auth.resources.groups['Admin'].role],
  statements: [
    new PolicyStatement({
      actions: ['s3:PutObject', 's3:GetObject', 's3:ListBucket', 's3:DeleteObject'],
      resources: [backend.storage.resources.bucket.arnForObjects('*')],
    }),
    new PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [backend.storage.resources.bucket.bucketArn],
    }),
  ],
});
new Policy(mediavaultStack, 'mediavaultGen1BasicGroupAccess', {
  roles: [backend.auth.resources.groups['Basic'].role],
  statements: [
    new PolicyStatement({
      actions: ['s3:GetObject', 's3:ListBucket'],
      resources: [backend.storage.resources.bucket.arnForObjects('*')],
    }),
    new PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [backend.storage.resources.bucket.bucketArn],
    }),
  ],
});
new Policy(mediavaultStack, 'mediavaultGen1S3Trigger1ef46783FunctionAccess', {
  roles: [backend.s3Trigger1ef46783.resources.lambda.role!],
  statements: [
    new PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [backend.storage.resources.bucket.bucketArn],
    }),
    new PolicyStatement({
      actions: ['s3:PutObject', 's3:GetObject', 's3:ListBucket', 's3:DeleteObject'],
      resources: [backend.storage.resources.bucket.arnForObjects('*')],
    }),
  ],
});
new Policy(
  Stack.of(backend.thumbnailer.resources.lambda),
  'mediavaultGen1ThumbnailerFunctionAccess',
  {
    roles: [backend.thumbnailer.resources.lambda.role!],
    statements: [
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [backend.storage.resources.bucket.bucketArn],
      }),
      new PolicyStatement({
        actions: ['s3:PutObject', 's3:GetObject'],
        resources: [backend.storage.resources.bucket.arnForObjects('*')],
      }),
    ],
  }
);

// Overrides of storage/mediavault, translated from amplify/backend/storage/mediavault/override.ts.
backend.storage.resources.cfnResources.cfnBucket.accelerateConfiguration = { accelerationStatus: 'Enabled' };
