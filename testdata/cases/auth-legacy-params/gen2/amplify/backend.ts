import { defineBackend } from '@aws-amplify/backend';
import { Duration } from 'aws-cdk-lib';
import {
  CfnUserPoolClient,
  CfnUserPoolDomain,
  OAuthScope,
  UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { auth } from './auth/resource';
import { gen1UserPool, userMigration } from './auth/user-migration/resource';

const backend = defineBackend({ auth, userMigration });

// Auth: settings defineAuth cannot express, pinned to their Gen 1 values.
const { cfnUserPool, cfnUserPoolClient, cfnIdentityPool } = backend.auth.resources.cfnResources;
// The Gen 1 pool predates usernameCaseSensitive, so Cognito made it case sensitive.
cfnUserPool.usernameConfiguration = { caseSensitive: true };
// Gen 1's verification SMS (the phone number is not a username attribute, so loginWith cannot carry
// it).
cfnUserPool.smsVerificationMessage = 'Your verification code is {####}';
cfnUserPool.addPropertyOverride('VerificationMessageTemplate.SmsMessage', 'Your verification code is {####}');
// Gen 1's password policy (Gen 2's default requires every character class).
cfnUserPool.policies = {
  passwordPolicy: {
    minimumLength: 10,
    requireLowercase: false,
    requireUppercase: true,
    requireNumbers: false,
    requireSymbols: true,
    temporaryPasswordValidityDays: 7,
  },
};
// The attributes Gen 1's app clients could read and write.
cfnUserPoolClient.readAttributes = ['email'];
cfnUserPoolClient.writeAttributes = ['email'];
// Refresh tokens last 365 days, as in Gen 1.
cfnUserPoolClient.refreshTokenValidity = 365;
// Cognito runs the userMigration trigger only for USER_PASSWORD_AUTH sign-ins (with SRP it never
// sees the password). Remove ALLOW_USER_PASSWORD_AUTH once every user has signed in since the move.
cfnUserPoolClient.explicitAuthFlows = [
  'ALLOW_CUSTOM_AUTH',
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
];
// Gen 1's second app client, used by native apps (amplify-meta.json AppClientID).
const nativeAppClient = backend.auth.resources.userPool.addClient('NativeAppClient', {
  generateSecret: true,
  refreshTokenValidity: Duration.days(365),
  authFlows: { custom: true, userSrp: true, userPassword: true },
  oAuth: {
    flows: { authorizationCodeGrant: true },
    scopes: [OAuthScope.OPENID, OAuthScope.EMAIL],
    callbackUrls: ['https://legacy.example.com/'],
    logoutUrls: ['https://legacy.example.com/'],
  },
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
// Gen 1 had no identity pool; Gen 2 always creates one, so guests are kept out of it.
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
// TODO(amplify-migrate): Gen 1's hosted UI domain prefix was "legacy-login". Cognito domain
// prefixes are unique per region, so the new pool gets its own while the Gen 1 pool holds this one:
// add https://<new domain>/oauth2/idpresponse to each identity provider's allowed redirect URIs.
// Once the Gen 1 domain is deleted, uncomment these lines to take the prefix over.
// const userPoolDomain = backend.auth.resources.userPool.node.findChild('UserPoolDomain') as UserPoolDomain;
// (userPoolDomain.node.defaultChild as CfnUserPoolDomain).domain = 'legacy-login';

// Resources with no Gen 2 conversion
// TODO(amplify-migrate): function/legacyCustomMessage (service "Lambda") was not converted;
// recreate it with CDK in this file (backend.createStack('legacyCustomMessage')) or remove it if it
// is no longer used. Its Gen 1 files are in amplify/backend/function/legacyCustomMessage.
// TODO(amplify-migrate): function/legacyDefineAuthChallenge (service "Lambda") was not converted;
// recreate it with CDK in this file (backend.createStack('legacyDefineAuthChallenge')) or remove it
// if it is no longer used. Its Gen 1 files are in
// amplify/backend/function/legacyDefineAuthChallenge.
// TODO(amplify-migrate): function/legacyMystery (service "Lambda") was not converted; recreate it
// with CDK in this file (backend.createStack('legacyMystery')) or remove it if it is no longer
// used. Its Gen 1 files are in amplify/backend/function/legacyMystery.
// TODO(amplify-migrate): function/legacyVerifyAuthChallenge (service "Lambda") was not converted;
// recreate it with CDK in this file (backend.createStack('legacyVerifyAuthChallenge')) or remove it
// if it is no longer used. Its Gen 1 files are in
// amplify/backend/function/legacyVerifyAuthChallenge.
