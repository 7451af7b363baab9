import { defineAuth } from '@aws-amplify/backend';
import { mealsApi } from '../functions/mealsApi/resource';
import { mealsauthPostConfirmation } from '../functions/mealsauthPostConfirmation/resource';
import { userMigration } from './user-migration/resource';

// The Gen 1 auth resource mealsauth (amplify/backend/auth/mealsauth/cli-inputs.json). Settings
// defineAuth cannot express are pinned to their Gen 1 values in amplify/backend.ts.
export const auth = defineAuth({
  loginWith: { email: true },
  userAttributes: { email: { required: true, mutable: true } },
  triggers: { postConfirmation: mealsauthPostConfirmation, userMigration: userMigration },
  // userMigration: copies migrated users' Gen 1 groups. mealsApi: Gen 1 function permissions read
  access: (allow) => [
    allow.resource(userMigration).to(['getUser', 'addUserToGroup']),
    allow.resource(mealsApi).to([
      'getUser',
      'listUsers',
      'listUsersInGroup',
      'listGroups',
      'listGroupsForUser',
      'getGroup',
      'getDevice',
      'listDevices',
    ]),
  ],
});
