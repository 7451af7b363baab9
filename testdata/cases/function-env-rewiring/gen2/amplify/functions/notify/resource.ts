import { defineFunction } from '@aws-amplify/backend';
import { Aws } from 'aws-cdk-lib';

// Gen 1 passed the environment name in ENV; Gen 2 passes the branch.
const branchName = process.env.AWS_BRANCH ?? 'sandbox';

// Gen 1: function/notify (amplify/backend/function/notify).
export const notify = defineFunction({
  name: 'notify',
  entry: './src/index.js',
  runtime: 20,
  timeoutSeconds: 25,
  memoryMB: 128,
  environment: { ENV: branchName, REGION: Aws.REGION },
});
