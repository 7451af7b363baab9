import { defineAuth } from '@aws-amplify/backend';
import { userMigration } from './user-migration/resource';

// The Gen 1 auth resource legacyAuth (amplify/backend/auth/legacyAuth/parameters.json). Settings
// defineAuth cannot express are pinned to their Gen 1 values in amplify/backend.ts.
export const auth = defineAuth({
  loginWith: {
    email: {
      verificationEmailStyle: 'CODE',
      verificationEmailSubject: 'Your verification code',
      verificationEmailBody: (createCode) => `Your verification code is ${createCode()}`,
    },
    externalProviders: {
      scopes: ['OPENID', 'EMAIL'],
      callbackUrls: ['https://legacy.example.com/'],
      logoutUrls: ['https://legacy.example.com/'],
    },
  },
  userAttributes: { email: { required: true, mutable: true } },
  multifactor: {
    mode: 'OPTIONAL',
    sms: { smsMessage: (createCode) => `Your authentication code is ${createCode()}` },
    totp: true,
  },
  triggers: {
    // TODO(amplify-migrate): the CustomMessage trigger runs Gen 1 function legacyCustomMessage,
    // which was not converted; convert it and add `customMessage: <function>` here.
    // TODO(amplify-migrate): the VerifyAuthChallengeResponse trigger runs Gen 1 function
    // legacyVerifyAuthChallenge, which was not converted; convert it and add
    // `verifyAuthChallengeResponse: <function>` here.
    // TODO(amplify-migrate): the DefineAuthChallenge trigger runs Gen 1 function
    // legacyDefineAuthChallenge, which was not converted; convert it and add `defineAuthChallenge:
    // <function>` here.
    // TODO(amplify-migrate): Gen 1 wired function legacyMystery to the user pool, but its trigger
    // event is unknown (amplify/backend/backend-config.json:34:9 (auth.legacyAuth.dependsOn.3));
    // add it here under the right event.
    userMigration: userMigration,
  },
  // userMigration: copies migrated users' Gen 1 groups
  access: (allow) => [allow.resource(userMigration).to(['getUser', 'addUserToGroup'])],
});
