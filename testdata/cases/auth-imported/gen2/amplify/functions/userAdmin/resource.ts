import { defineFunction } from '@aws-amplify/backend';
import { Aws } from 'aws-cdk-lib';

// Gen 1 passed the environment name in ENV; Gen 2 passes the branch.
const branchName = process.env.AWS_BRANCH ?? 'sandbox';

// Gen 1: function/userAdmin (amplify/backend/function/userAdmin).
export const userAdmin = defineFunction({
  name: 'userAdmin',
  entry: './src/index.js',
  // Lambda has deprecated nodejs18.x and no longer creates functions on it; Node 22 (the Gen 2
  // default) is used, so test the function
  runtime: 22,
  timeoutSeconds: 25,
  memoryMB: 128,
  environment: { ENV: branchName, REGION: Aws.REGION },
});
