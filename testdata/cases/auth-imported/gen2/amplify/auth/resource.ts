import { referenceAuth } from '@aws-amplify/backend';

// Gen 1 imported these existing Cognito pools (auth resource importedapp3c4d5e6f); Gen 2 references
// them the same way.
export const auth = referenceAuth({
  userPoolId: 'eu-central-1_ImPoRt789',
  identityPoolId: 'eu-central-1:99999999-8888-7777-6666-555555555555',
  userPoolClientId: 'importedwebclient0123456789',
  authRoleArn: 'arn:aws:iam::444455556666:role/corporate-auth',
  unauthRoleArn: 'arn:aws:iam::444455556666:role/corporate-unauth',
});
