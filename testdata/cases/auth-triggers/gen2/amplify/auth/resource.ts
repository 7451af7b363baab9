import { defineAuth } from '@aws-amplify/backend';
import { adminQueries6a7b8c9d } from '../functions/AdminQueries6a7b8c9d/resource';
import { reportUsers } from '../functions/reportUsers/resource';
import {
  triggersapp6a7b8c9dCreateAuthChallenge,
} from '../functions/triggersapp6a7b8c9dCreateAuthChallenge/resource';
import {
  triggersapp6a7b8c9dCustomMessage,
} from '../functions/triggersapp6a7b8c9dCustomMessage/resource';
import {
  triggersapp6a7b8c9dDefineAuthChallenge,
} from '../functions/triggersapp6a7b8c9dDefineAuthChallenge/resource';
import {
  triggersapp6a7b8c9dPostAuthentication,
} from '../functions/triggersapp6a7b8c9dPostAuthentication/resource';
import {
  triggersapp6a7b8c9dPostConfirmation,
} from '../functions/triggersapp6a7b8c9dPostConfirmation/resource';
import {
  triggersapp6a7b8c9dPreAuthentication,
} from '../functions/triggersapp6a7b8c9dPreAuthentication/resource';
import { triggersapp6a7b8c9dPreSignup } from '../functions/triggersapp6a7b8c9dPreSignup/resource';
import {
  triggersapp6a7b8c9dPreTokenGeneration,
} from '../functions/triggersapp6a7b8c9dPreTokenGeneration/resource';
import {
  triggersapp6a7b8c9dUserMigration,
} from '../functions/triggersapp6a7b8c9dUserMigration/resource';
import {
  triggersapp6a7b8c9dVerifyAuthChallengeResponse,
} from '../functions/triggersapp6a7b8c9dVerifyAuthChallengeResponse/resource';

// The Gen 1 auth resource triggersapp6a7b8c9d
// (amplify/backend/auth/triggersapp6a7b8c9d/cli-inputs.json). Settings defineAuth cannot express
// are pinned to their Gen 1 values in amplify/backend.ts.
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
  groups: ['Admins'],
  triggers: {
    preSignUp: triggersapp6a7b8c9dPreSignup,
    postConfirmation: triggersapp6a7b8c9dPostConfirmation,
    customMessage: triggersapp6a7b8c9dCustomMessage,
    preAuthentication: triggersapp6a7b8c9dPreAuthentication,
    postAuthentication: triggersapp6a7b8c9dPostAuthentication,
    preTokenGeneration: triggersapp6a7b8c9dPreTokenGeneration,
    defineAuthChallenge: triggersapp6a7b8c9dDefineAuthChallenge,
    createAuthChallenge: triggersapp6a7b8c9dCreateAuthChallenge,
    verifyAuthChallengeResponse: triggersapp6a7b8c9dVerifyAuthChallengeResponse,
    userMigration: triggersapp6a7b8c9dUserMigration,
  },
  // triggersapp6a7b8c9dPostConfirmation: Gen 1 policy AddToGroupCognito of the PostConfirmation
  // trigger. reportUsers: Gen 1 function permissions read. adminQueries6a7b8c9d: the Admin Queries
  // API
  access: (allow) => [
    allow.resource(triggersapp6a7b8c9dPostConfirmation).to([
      'addUserToGroup',
      'getGroup',
      'createGroup',
      'listDevices',
    ]),
    allow.resource(reportUsers).to([
      'getUser',
      'listUsers',
      'listUsersInGroup',
      'listGroups',
      'listGroupsForUser',
      'getGroup',
      'getDevice',
      'listDevices',
    ]),
    allow.resource(adminQueries6a7b8c9d).to([
      'manageUsers',
      'manageGroupMembership',
      'listUsers',
      'listUsersInGroup',
      'listGroups',
    ]),
  ],
});
