import { defineAuth } from '@aws-amplify/backend';

// The Gen 1 auth resource groupsapp0a1b2c3d
// (amplify/backend/auth/groupsapp0a1b2c3d/cli-inputs.json). Settings defineAuth cannot express are
// pinned to their Gen 1 values in amplify/backend.ts.
export const auth = defineAuth({
  loginWith: {
    email: {
      verificationEmailStyle: 'CODE',
      verificationEmailSubject: 'Your verification code',
      verificationEmailBody: (createCode) => `Your verification code is ${createCode()}`,
    },
  },
  userAttributes: { email: { required: true, mutable: true } },
  multifactor: { mode: 'OFF' },
  // Gen 2 derives precedence from this order; backend.ts pins the Gen 1 values.
  groups: ['Editors', 'Viewers', 'Admin', 'Guests'],
});
