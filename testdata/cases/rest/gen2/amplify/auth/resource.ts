import { defineAuth } from '@aws-amplify/backend';
import { adminQueries5f2e } from '../functions/AdminQueries5f2e/resource';
import { userMigration } from './user-migration/resource';

// The Gen 1 auth resource shop (amplify/backend/auth/shop/cli-inputs.json). Settings defineAuth
// cannot express are pinned to their Gen 1 values in amplify/backend.ts.
export const auth = defineAuth({
  loginWith: { email: true },
  userAttributes: { email: { required: false, mutable: true } },
  // Gen 2 derives precedence from this order; backend.ts pins the Gen 1 values.
  groups: ['Admin'],
  triggers: { userMigration: userMigration },
  // userMigration: copies migrated users' Gen 1 groups. adminQueries5f2e: Gen 1 function
  // permissions create, read, update, delete
  access: (allow) => [
    allow.resource(userMigration).to(['getUser', 'addUserToGroup']),
    allow.resource(adminQueries5f2e).to([
      'manageUsers',
      'manageGroups',
      'manageGroupMembership',
      'getUser',
      'listUsers',
      'listUsersInGroup',
      'listGroups',
      'listGroupsForUser',
      'getGroup',
      'getDevice',
      'listDevices',
      'manageUserDevices',
      'managePasswordRecovery',
    ]),
  ],
});
