import { defineAuth } from '@aws-amplify/backend';
import { userMigration } from './user-migration/resource';

// The Gen 1 auth resource usernamealiases4d2c
// (amplify/backend/auth/usernamealiases4d2c/cli-inputs.json). Settings defineAuth cannot express
// are pinned to their Gen 1 values in amplify/backend.ts.
export const auth = defineAuth({
  loginWith: {
    email: {
      verificationEmailStyle: 'CODE',
      verificationEmailSubject: 'Welcome to Acme',
      verificationEmailBody: (createCode) => `Hello,\nyour Acme code is ${createCode()}. It expires in 24 hours; use \`it\` soon.`,
    },
  },
  userAttributes: {
    email: { required: true, mutable: true },
    fullname: { required: true, mutable: true },
  },
  multifactor: {
    mode: 'OPTIONAL',
    sms: { smsMessage: (createCode) => `Your sign-in code for Acme is ${createCode()}.` },
    totp: true,
  },
  // Gen 2 derives precedence from this order; backend.ts pins the Gen 1 values.
  groups: ['Admin', 'Editors'],
  triggers: { userMigration: userMigration },
  // userMigration: copies migrated users' Gen 1 groups
  access: (allow) => [allow.resource(userMigration).to(['getUser', 'addUserToGroup'])],
});
