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
cfnUserPoolClient.readAttributes = ['email', 'name', 'given_name', 'custom:company'];
cfnUserPoolClient.writeAttributes = ['email', 'name', 'given_name', 'custom:company'];
// Refresh tokens last 30 days, as in Gen 1.
cfnUserPoolClient.refreshTokenValidity = 30;
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
  generateSecret: false,
  refreshTokenValidity: Duration.days(30),
  authFlows: { custom: true, userSrp: true, userPassword: true },
  oAuth: {
    flows: { authorizationCodeGrant: true, implicitCodeGrant: true },
    scopes: [
      OAuthScope.PHONE,
      OAuthScope.EMAIL,
      OAuthScope.OPENID,
      OAuthScope.PROFILE,
      OAuthScope.COGNITO_ADMIN,
      OAuthScope.custom('socialapi/read'),
    ],
    callbackUrls: ['http://localhost:3000/', 'https://app.example.com/'],
    logoutUrls: ['http://localhost:3000/', 'https://app.example.com/signout'],
  },
});
const cfnNativeAppClient = nativeAppClient.node.defaultChild as CfnUserPoolClient;
cfnNativeAppClient.readAttributes = ['email', 'name', 'given_name', 'custom:company'];
cfnNativeAppClient.writeAttributes = ['email', 'name', 'given_name', 'custom:company'];
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
// Identity-pool federation (Gen 1 thirdPartyAuth): users sign in to the identity pool directly with
// these providers. App IDs are public identifiers, taken from the Gen 1 environment.
cfnIdentityPool.supportedLoginProviders = {
  'accounts.google.com': '123456789012-identitypoolweb.apps.googleusercontent.com',
  'graph.facebook.com': '556677889900112',
};
// The userMigration trigger checks passwords against the Gen 1 pool and reads users and their
// groups there; it may do nothing else to it.
backend.userMigration.resources.lambda.addToRolePolicy(new PolicyStatement({
  actions: [
    'cognito-idp:AdminInitiateAuth',
    'cognito-idp:AdminGetUser',
    'cognito-idp:AdminListGroupsForUser',
  ],
  resources: ['arn:aws:cognito-idp:us-east-1:111122223333:userpool/us-east-1_SoCiAl123'],
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
// Gen 1's OAuth flows (defineAuth allows only the authorization code grant).
cfnUserPoolClient.allowedOAuthFlows = ['code', 'implicit'];
// TODO(amplify-migrate): Gen 1 allowed the resource server scopes socialapi/read; create the
// resource server on the new pool (userPool.addResourceServer) before deploying, or remove them
// here.
cfnUserPoolClient.allowedOAuthScopes = [
  'phone',
  'email',
  'openid',
  'profile',
  'aws.cognito.signin.user.admin',
  'socialapi/read',
];
// TODO(amplify-migrate): Gen 1's hosted UI domain prefix was "socialapp-login". Cognito domain
// prefixes are unique per region, so the new pool gets its own while the Gen 1 pool holds this one:
// add https://<new domain>/oauth2/idpresponse to each identity provider's allowed redirect URIs.
// Once the Gen 1 domain is deleted, uncomment these lines to take the prefix over.
// const userPoolDomain = backend.auth.resources.userPool.node.findChild('UserPoolDomain') as UserPoolDomain;
// (userPoolDomain.node.defaultChild as CfnUserPoolDomain).domain = 'socialapp-login';
