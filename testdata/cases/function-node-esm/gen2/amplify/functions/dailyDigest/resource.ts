import { defineFunction } from '@aws-amplify/backend';
import { Aws } from 'aws-cdk-lib';

// Gen 1 passed the environment name in ENV; Gen 2 passes the branch.
const branchName = process.env.AWS_BRANCH ?? 'sandbox';

// Gen 1: function/dailyDigest (amplify/backend/function/dailyDigest).
export const dailyDigest = defineFunction({
  name: 'dailyDigest',
  entry: './src/index.js',
  runtime: 20,
  timeoutSeconds: 60,
  memoryMB: 128,
  environment: { ENV: branchName, REGION: Aws.REGION },
  schedule: '30 6 * * ? *',
});
