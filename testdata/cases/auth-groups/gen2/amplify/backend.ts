import { defineBackend } from '@aws-amplify/backend';
import { Duration } from 'aws-cdk-lib';
import { CfnUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { auth } from './auth/resource';

const backend = defineBackend({ auth });

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
backend.auth.resources.groups['Editors'].cfnUserGroup.precedence = 1;
backend.auth.resources.groups['Viewers'].cfnUserGroup.precedence = 2;
backend.auth.resources.groups['Admin'].cfnUserGroup.precedence = 3;
backend.auth.resources.groups['Guests'].cfnUserGroup.precedence = undefined;
