import { defineFunction } from '@aws-amplify/backend';
import { Aws } from 'aws-cdk-lib';

// Gen 1 passed the environment name in ENV; Gen 2 passes the branch.
const branchName = process.env.AWS_BRANCH ?? 'sandbox';

// Gen 1: function/roadScraper (amplify/backend/function/roadScraper).
export const roadScraper = defineFunction({
  name: 'roadScraper',
  entry: './lib/index.ts',
  // Lambda has deprecated nodejs16.x and no longer creates functions on it; Node 22 (the Gen 2
  // default) is used, so test the function
  runtime: 22,
  timeoutSeconds: 900,
  memoryMB: 512,
  environment: {
    ENV: branchName,
    REGION: Aws.REGION,
    ROADS_URL: 'https://services1.example.com/arcgis/rest/services/Roads/FeatureServer/0/query',
  },
  schedule: 'every day',
});
