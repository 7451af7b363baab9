import { defineFunction } from '@aws-amplify/backend';

// TODO(amplify-migrate): the Gen 1 user pool's IDs are not in the project files
// (amplify/backend/amplify-meta.json is missing or has no auth outputs). Set GEN1_USER_POOL_ID,
// GEN1_USER_POOL_CLIENT_ID (the web client, AppClientIDWeb) and GEN1_REGION in the environment of
// `npx ampx sandbox` and in the Amplify console, or write the values here.
export const gen1UserPool = {
  userPoolId: process.env.GEN1_USER_POOL_ID ?? '',
  clientId: process.env.GEN1_USER_POOL_CLIENT_ID ?? '',
  region: process.env.GEN1_REGION ?? 'us-west-2',
};

// Brings each Gen 1 user over on their first sign-in: see handler.ts. Cognito waits at most 5
// seconds for a trigger; the longer timeout is for the asynchronous copy of the user's groups.
export const userMigration = defineFunction({
  name: 'userMigration',
  entry: './handler.ts',
  resourceGroupName: 'auth',
  timeoutSeconds: 15,
  environment: {
    GEN1_USER_POOL_ID: gen1UserPool.userPoolId,
    GEN1_USER_POOL_CLIENT_ID: gen1UserPool.clientId,
    GEN1_REGION: gen1UserPool.region,
    GEN1_SIGN_IN_WITH_USERNAME: 'false',
  },
});
