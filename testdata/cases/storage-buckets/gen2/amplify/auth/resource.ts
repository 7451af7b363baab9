import { defineAuth } from '@aws-amplify/backend';
import { userMigration } from './user-migration/resource';

// The Gen 1 auth resource archive (amplify/backend/auth/archive/cli-inputs.json). Settings
// defineAuth cannot express are pinned to their Gen 1 values in amplify/backend.ts.
export const auth = defineAuth({
  loginWith: { email: true },
  userAttributes: { email: { required: false, mutable: true } },
  triggers: { userMigration: userMigration },
  // userMigration: copies migrated users' Gen 1 groups
  access: (allow) => [allow.resource(userMigration).to(['getUser', 'addUserToGroup'])],
});
