import { referenceAuth } from '@aws-amplify/backend';

// Gen 1 imported these existing Cognito pools (auth resource importednoids1a2b); Gen 2 references
// them the same way.
// TODO(amplify-migrate): the IDs of the imported pools are not in the project files (userPoolId,
// identityPoolId, userPoolClientId, authRoleArn, unauthRoleArn); replace the placeholders below
// with the values of the Gen 1 environment (`amplify pull --envName <env>` fetches them, or see the
// Cognito console).
export const auth = referenceAuth({
  userPoolId: 'ca-central-1_TODOUserPoolId',
  identityPoolId: 'ca-central-1:00000000-0000-0000-0000-000000000000',
  userPoolClientId: 'TODOWebClientId',
  authRoleArn: 'arn:aws:iam::000000000000:role/TODO-authenticated-role',
  unauthRoleArn: 'arn:aws:iam::000000000000:role/TODO-unauthenticated-role',
});
