import { defineFunction } from '@aws-amplify/backend';

// The Gen 1 user pool users come from (amplify/backend/amplify-meta.json) and its web app client.
export const gen1UserPool = {
  userPoolId: 'us-east-1_EXAMPLE',
  clientId: 'webclient',
  region: 'us-east-1',
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
