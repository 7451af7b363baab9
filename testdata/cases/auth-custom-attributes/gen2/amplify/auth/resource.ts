import { defineAuth } from '@aws-amplify/backend';
import { userMigration } from './user-migration/resource';

// The Gen 1 auth resource customattrs5e6f (amplify/backend/auth/customattrs5e6f/cli-inputs.json).
// Settings defineAuth cannot express are pinned to their Gen 1 values in amplify/backend.ts.
export const auth = defineAuth({
  loginWith: {
    email: {
      verificationEmailStyle: 'CODE',
      verificationEmailSubject: 'Your verification code',
      verificationEmailBody: (createCode) => `Your verification code is ${createCode()}`,
    },
  },
  userAttributes: {
    email: { required: true, mutable: true },
    givenName: { required: true, mutable: true },
    familyName: { required: true, mutable: true },
    'custom:tier': { dataType: 'String', mutable: true, minLen: 1, maxLen: 32 },
    'custom:score': { dataType: 'Number', mutable: true, min: 0, max: 100 },
    'custom:vip': { dataType: 'Boolean', mutable: false },
    'custom:joined': { dataType: 'DateTime', mutable: true },
    // TODO(amplify-migrate): custom:legacyid appears only in the app client's attributes
    // (amplify/backend/auth/customattrs5e6f/cli-inputs.json:37:37
    // (cognitoConfig.userpoolClientReadAttributes)), so its type and limits are unknown; check them
    // against the Gen 1 pool (aws cognito-idp describe-user-pool): custom attributes cannot be
    // changed once deployed.
    'custom:legacyid': { dataType: 'String', mutable: true },
  },
  multifactor: { mode: 'OFF' },
  triggers: { userMigration: userMigration },
  // userMigration: copies migrated users' Gen 1 groups
  access: (allow) => [allow.resource(userMigration).to(['getUser', 'addUserToGroup'])],
});
