import { defineAuth } from '@aws-amplify/backend';

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
    // TODO(amplify-migrate): the PreSignUp trigger runs Gen 1 function
    // triggersapp6a7b8c9dPreSignup, which was not converted; convert it and add `preSignUp:
    // <function>` here.
    // TODO(amplify-migrate): the PostConfirmation trigger runs Gen 1 function
    // triggersapp6a7b8c9dPostConfirmation, which was not converted; convert it and add
    // `postConfirmation: <function>` here.
    // TODO(amplify-migrate): the CustomMessage trigger runs Gen 1 function
    // triggersapp6a7b8c9dCustomMessage, which was not converted; convert it and add `customMessage:
    // <function>` here.
    // TODO(amplify-migrate): the PreAuthentication trigger runs Gen 1 function
    // triggersapp6a7b8c9dPreAuthentication, which was not converted; convert it and add
    // `preAuthentication: <function>` here.
    // TODO(amplify-migrate): the PostAuthentication trigger runs Gen 1 function
    // triggersapp6a7b8c9dPostAuthentication, which was not converted; convert it and add
    // `postAuthentication: <function>` here.
    // TODO(amplify-migrate): the PreTokenGeneration trigger runs Gen 1 function
    // triggersapp6a7b8c9dPreTokenGeneration, which was not converted; convert it and add
    // `preTokenGeneration: <function>` here.
    // TODO(amplify-migrate): the DefineAuthChallenge trigger runs Gen 1 function
    // triggersapp6a7b8c9dDefineAuthChallenge, which was not converted; convert it and add
    // `defineAuthChallenge: <function>` here.
    // TODO(amplify-migrate): the CreateAuthChallenge trigger runs Gen 1 function
    // triggersapp6a7b8c9dCreateAuthChallenge, which was not converted; convert it and add
    // `createAuthChallenge: <function>` here.
    // TODO(amplify-migrate): the VerifyAuthChallengeResponse trigger runs Gen 1 function
    // triggersapp6a7b8c9dVerifyAuthChallengeResponse, which was not converted; convert it and add
    // `verifyAuthChallengeResponse: <function>` here.
    // TODO(amplify-migrate): the UserMigration trigger runs Gen 1 function
    // triggersapp6a7b8c9dUserMigration, which was not converted; convert it and add `userMigration:
    // <function>` here.
  },
});
