import { defineFunction } from '@aws-amplify/backend';

// Gen 1: function/thumbnailer (amplify/backend/function/thumbnailer).
export const thumbnailer = defineFunction({
  name: 'thumbnailer',
  entry: './src/index.js',
  // Lambda has deprecated nodejs18.x and no longer creates functions on it; Node 22 (the Gen 2
  // default) is used, so test the function
  runtime: 22,
  timeoutSeconds: 25,
  memoryMB: 128,
});
