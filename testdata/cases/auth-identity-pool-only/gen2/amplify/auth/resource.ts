import { defineAuth } from '@aws-amplify/backend';

// The Gen 1 auth resource guestappidp (amplify/backend/auth/guestappidp/cli-inputs.json). Settings
// defineAuth cannot express are pinned to their Gen 1 values in amplify/backend.ts.
export const auth = defineAuth({
  // Gen 1 had only an identity pool; defineAuth always creates a user pool, which nothing uses.
  loginWith: { email: true },
});
