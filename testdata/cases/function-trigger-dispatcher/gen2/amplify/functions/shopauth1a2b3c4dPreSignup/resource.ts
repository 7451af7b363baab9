import { defineFunction } from '@aws-amplify/backend';
import { Aws } from 'aws-cdk-lib';

// Gen 1 passed the environment name in ENV; Gen 2 passes the branch.
const branchName = process.env.AWS_BRANCH ?? 'sandbox';

// Gen 1: function/shopauth1a2b3c4dPreSignup (amplify/backend/function/shopauth1a2b3c4dPreSignup).
export const shopauth1a2b3c4dPreSignup = defineFunction({
  name: 'shopauth1a2b3c4dPreSignup',
  entry: './src/index.js',
  // Lambda has deprecated nodejs16.x and no longer creates functions on it; Node 22 (the Gen 2
  // default) is used, so test the function
  runtime: 22,
  timeoutSeconds: 25,
  memoryMB: 128,
  environment: {
    ENV: branchName,
    REGION: Aws.REGION,
    MODULES: 'email-filter-allowlist,custom',
    DOMAINALLOWLIST: 'example.com, example.org',
  },
  resourceGroupName: 'auth',
});
