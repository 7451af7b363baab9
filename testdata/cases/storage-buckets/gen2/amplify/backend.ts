import { defineBackend } from '@aws-amplify/backend';
import { CfnUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { auth } from './auth/resource';
import { gen1UserPool, userMigration } from './auth/user-migration/resource';
import { exportsStorage, storage } from './storage/resource';

const backend = defineBackend({ auth, userMigration, exportsStorage, storage });

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

// Storage: sharedAssets (imported in Gen 1)
const sharedAssetsBucketStack = backend.createStack('sharedAssets');
const sharedAssetsBucket = Bucket.fromBucketName(
  sharedAssetsBucketStack,
  'sharedAssets',
  'acme-shared-assets'
);
// TODO(amplify-migrate): the frontend finds the default bucket in amplify_outputs.json; pass
// sharedAssetsBucket.bucketName to the code that used the imported bucket sharedAssets.
