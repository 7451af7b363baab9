import { defineFunction, secret } from '@aws-amplify/backend';
import { Aws } from 'aws-cdk-lib';

// Gen 1 passed the environment name in ENV; Gen 2 passes the branch.
const branchName = process.env.AWS_BRANCH ?? 'sandbox';

// Gen 1: function/processOrder (amplify/backend/function/processOrder).
export const processOrder = defineFunction({
  name: 'processOrder',
  entry: './src/index.js',
  // Lambda has deprecated nodejs14.x and no longer creates functions on it; Node 22 (the Gen 2
  // default) is used, so test the function
  runtime: 22,
  timeoutSeconds: 25,
  memoryMB: 128,
  environment: {
    ENV: branchName,
    REGION: Aws.REGION,
    API_KEY_HEADER: 'x-orders-key',
    WEBHOOK_TOKEN: secret('WEBHOOK_TOKEN'),
    STRIPE_KEY: secret('STRIPE_KEY'),
  },
  schedule: 'every 5m',
  layers: {
    '@aws-lambda-powertools/tracer': 'arn:aws:lambda:us-east-1:094274105915:layer:AWSLambdaPowertoolsTypeScript:24',
  },
});
