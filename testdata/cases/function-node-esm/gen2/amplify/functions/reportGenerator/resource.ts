import { defineFunction } from '@aws-amplify/backend';
import { Aws } from 'aws-cdk-lib';

// Gen 1 passed the environment name in ENV; Gen 2 passes the branch.
const branchName = process.env.AWS_BRANCH ?? 'sandbox';

// Gen 1: function/reportGenerator (amplify/backend/function/reportGenerator).
export const reportGenerator = defineFunction({
  name: 'reportGenerator',
  entry: './handler.js',
  // Lambda has deprecated nodejs18.x and no longer creates functions on it; Node 22 (the Gen 2
  // default) is used, so test the function
  runtime: 22,
  timeoutSeconds: 120,
  memoryMB: 1024,
  architecture: 'arm64',
  environment: { ENV: branchName, REGION: Aws.REGION },
});
