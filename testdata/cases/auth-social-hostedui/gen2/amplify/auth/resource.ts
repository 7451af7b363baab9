import { defineAuth, secret } from '@aws-amplify/backend';
import { userMigration } from './user-migration/resource';

// The Gen 1 auth resource socialapp77aa88bb
// (amplify/backend/auth/socialapp77aa88bb/cli-inputs.json). Settings defineAuth cannot express are
// pinned to their Gen 1 values in amplify/backend.ts.
export const auth = defineAuth({
  loginWith: {
    email: {
      verificationEmailStyle: 'CODE',
      verificationEmailSubject: 'Your verification code',
      verificationEmailBody: (createCode) => `Your verification code is ${createCode()}`,
    },
    externalProviders: {
      google: {
        clientId: secret('GOOGLE_CLIENT_ID'),
        clientSecret: secret('GOOGLE_CLIENT_SECRET'),
        scopes: ['openid', 'email', 'profile'],
        attributeMapping: {
          email: 'email',
          fullname: 'name',
          custom: { 'custom:company': 'hd', username: 'sub' },
        },
      },
      facebook: {
        clientId: secret('FACEBOOK_CLIENT_ID'),
        clientSecret: secret('FACEBOOK_CLIENT_SECRET'),
        scopes: ['email', 'public_profile'],
        apiVersion: 'v17.0',
        attributeMapping: { email: 'email', givenName: 'first_name', custom: { username: 'id' } },
      },
      loginWithAmazon: {
        clientId: secret('LOGINWITHAMAZON_CLIENT_ID'),
        clientSecret: secret('LOGINWITHAMAZON_CLIENT_SECRET'),
        scopes: ['profile', 'profile:user_id'],
        attributeMapping: { email: 'email', custom: { username: 'user_id' } },
      },
      signInWithApple: {
        clientId: secret('SIWA_CLIENT_ID'),
        teamId: secret('SIWA_TEAM_ID'),
        keyId: secret('SIWA_KEY_ID'),
        privateKey: secret('SIWA_PRIVATE_KEY'),
        scopes: ['email', 'name'],
        attributeMapping: { email: 'email', emailVerified: 'email_verified' },
      },
      scopes: ['PHONE', 'EMAIL', 'OPENID', 'PROFILE', 'COGNITO_ADMIN'],
      callbackUrls: ['http://localhost:3000/', 'https://app.example.com/'],
      logoutUrls: ['http://localhost:3000/', 'https://app.example.com/signout'],
    },
  },
  userAttributes: {
    email: { required: true, mutable: true },
    // TODO(amplify-migrate): custom:company appears only in the app client's attributes
    // (amplify/backend/auth/socialapp77aa88bb/cli-inputs.json:34:37
    // (cognitoConfig.userpoolClientReadAttributes)), so its type and limits are unknown; check them
    // against the Gen 1 pool (aws cognito-idp describe-user-pool): custom attributes cannot be
    // changed once deployed.
    'custom:company': { dataType: 'String', mutable: true },
  },
  multifactor: { mode: 'OFF' },
  triggers: { userMigration: userMigration },
  // userMigration: copies migrated users' Gen 1 groups
  access: (allow) => [allow.resource(userMigration).to(['getUser', 'addUserToGroup'])],
});
