import { defineBackend } from '@aws-amplify/backend';
import { Duration } from 'aws-cdk-lib';
import { CfnUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Policy, PolicyDocument, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { auth } from './auth/resource';
import { gen1UserPool, userMigration } from './auth/user-migration/resource';

const backend = defineBackend({ auth, userMigration });

// Auth: settings defineAuth cannot express, pinned to their Gen 1 values.
const { cfnUserPool, cfnUserPoolClient, cfnIdentityPool } = backend.auth.resources.cfnResources;
// Gen 1 users sign in with a username; defineAuth needs loginWith.email, so its username attribute
// is removed here.
cfnUserPool.usernameAttributes = undefined;
cfnUserPool.aliasAttributes = ['email', 'preferred_username'];
// Gen 1 sign-in is case sensitive (usernameCaseSensitive).
cfnUserPool.usernameConfiguration = { caseSensitive: true };
// Gen 1's verification SMS (the phone number is not a username attribute, so loginWith cannot carry
// it).
cfnUserPool.smsVerificationMessage = 'Your verification code is {####}';
cfnUserPool.addPropertyOverride('VerificationMessageTemplate.SmsMessage', 'Your verification code is {####}');
// Gen 1's password policy (Gen 2's default requires every character class).
cfnUserPool.policies = {
  passwordPolicy: {
    minimumLength: 12,
    requireLowercase: true,
    requireUppercase: false,
    requireNumbers: true,
    requireSymbols: false,
    temporaryPasswordValidityDays: 7,
  },
};
// The attributes Gen 1's app clients could read and write.
cfnUserPoolClient.readAttributes = ['email', 'email_verified', 'name', 'preferred_username'];
cfnUserPoolClient.writeAttributes = ['email', 'name', 'preferred_username'];
// Refresh tokens last 60 days, as in Gen 1.
cfnUserPoolClient.refreshTokenValidity = 60;
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
  generateSecret: true,
  refreshTokenValidity: Duration.days(60),
  authFlows: { custom: true, userSrp: true, userPassword: true },
  disableOAuth: true,
});
const cfnNativeAppClient = nativeAppClient.node.defaultChild as CfnUserPoolClient;
cfnNativeAppClient.readAttributes = ['email', 'email_verified', 'name', 'preferred_username'];
cfnNativeAppClient.writeAttributes = ['email', 'name', 'preferred_username'];
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
backend.auth.resources.groups['Admin'].cfnUserGroup.precedence = 1;
// Custom policy of group Admin (user-pool-group-precedence.json).
backend.auth.resources.groups['Admin'].role.attachInlinePolicy(new Policy(
  backend.auth.stack,
  'AdminGroupPolicy1',
  {
    policyName: 'admin-reports-bucket',
    document: PolicyDocument.fromJson({
      Statement: [
        { Action: ['s3:GetObject'], Effect: 'Allow', Resource: 'arn:aws:s3:::acme-reports/*' },
      ],
      Version: '2012-10-17',
    }),
  }
));
backend.auth.resources.groups['Editors'].cfnUserGroup.precedence = 2;
// The userMigration trigger checks passwords against the Gen 1 pool and reads users and their
// groups there; it may do nothing else to it.
backend.userMigration.resources.lambda.addToRolePolicy(new PolicyStatement({
  actions: [
    'cognito-idp:AdminInitiateAuth',
    'cognito-idp:AdminGetUser',
    'cognito-idp:AdminListGroupsForUser',
  ],
  resources: ['arn:aws:cognito-idp:us-east-1:111122223333:userpool/us-east-1_AbCdEf123'],
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

// Overrides of auth/usernamealiases4d2c, translated from
// amplify/backend/auth/usernamealiases4d2c/override.ts.
backend.auth.resources.cfnResources.cfnUserPool.deviceConfiguration = { challengeRequiredOnNewDevice: true };
