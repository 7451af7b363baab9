import { defineAuth } from '@aws-amplify/backend';
import { userMigration } from './user-migration/resource';

// The Gen 1 auth resource emailphone9f8e7d6c
// (amplify/backend/auth/emailphone9f8e7d6c/cli-inputs.json). Settings defineAuth cannot express are
// pinned to their Gen 1 values in amplify/backend.ts.
export const auth = defineAuth({
  loginWith: {
    email: {
      verificationEmailStyle: 'CODE',
      verificationEmailSubject: 'Your verification code',
      verificationEmailBody: (createCode) => `Your verification code is ${createCode()}`,
    },
    phone: { verificationMessage: (createCode) => `Code: ${createCode()}` },
  },
  userAttributes: {
    email: { required: false, mutable: true },
    phoneNumber: { required: false, mutable: true },
  },
  multifactor: { mode: 'REQUIRED', sms: true, totp: true },
  triggers: { userMigration: userMigration },
  // userMigration: copies migrated users' Gen 1 groups
  access: (allow) => [allow.resource(userMigration).to(['getUser', 'addUserToGroup'])],
});
