import { defineFunction } from '@aws-amplify/backend';
import { Aws, Duration } from 'aws-cdk-lib';
import { Function, Runtime } from 'aws-cdk-lib/aws-lambda';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { goCode } from '../code';

// Gen 1 passed the environment name in ENV; Gen 2 passes the branch.
const branchName = process.env.AWS_BRANCH ?? 'sandbox';
const functionDir = path.dirname(fileURLToPath(import.meta.url));

// Gen 1: function/resizeGo (amplify/backend/function/resizeGo). defineFunction builds only Node.js
// functions, so this Go function is a CDK Function that defineFunction adopts.
export const resizeGo = defineFunction((scope) => new Function(
  scope,
  'resizeGo',
  {
    // Lambda has retired go1.x; Go functions run on the OS-only runtime provided.al2023 as a binary
    // named bootstrap
    runtime: Runtime.PROVIDED_AL2023,
    handler: 'bootstrap',
    // built with go build for Linux (see amplify/functions/code.ts)
    code: goCode(functionDir, 'x86_64'),
    timeout: Duration.seconds(10),
    memorySize: 128,
    environment: { ENV: branchName, REGION: Aws.REGION },
  }
));
