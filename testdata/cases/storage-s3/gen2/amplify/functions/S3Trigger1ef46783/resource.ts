import { defineFunction } from '@aws-amplify/backend';

// Gen 1: function/S3Trigger1ef46783 (amplify/backend/function/S3Trigger1ef46783).
export const s3Trigger1ef46783 = defineFunction({
  name: 'S3Trigger1ef46783',
  entry: './src/index.js',
  // Lambda has deprecated nodejs18.x and no longer creates functions on it; Node 22 (the Gen 2
  // default) is used, so test the function
  runtime: 22,
  timeoutSeconds: 25,
  memoryMB: 128,
  resourceGroupName: 'storage',
});
