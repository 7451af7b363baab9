import { defineAuth } from '@aws-amplify/backend';
import { shopauth1a2b3c4dPreSignup } from '../functions/shopauth1a2b3c4dPreSignup/resource';
import { userMigration } from './user-migration/resource';

// The Gen 1 auth resource shopauth1a2b3c4d (amplify/backend/auth/shopauth1a2b3c4d/cli-inputs.json).
// Settings defineAuth cannot express are pinned to their Gen 1 values in amplify/backend.ts.
export const auth = defineAuth({
  loginWith: { email: true },
  userAttributes: { email: { required: true, mutable: true } },
  triggers: { preSignUp: shopauth1a2b3c4dPreSignup, userMigration: userMigration },
  // userMigration: copies migrated users' Gen 1 groups
  access: (allow) => [allow.resource(userMigration).to(['getUser', 'addUserToGroup'])],
});
