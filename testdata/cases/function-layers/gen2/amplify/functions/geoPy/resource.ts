import { defineFunction } from '@aws-amplify/backend';
import { Aws, Duration } from 'aws-cdk-lib';
import { Function, Runtime } from 'aws-cdk-lib/aws-lambda';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pythonCode } from '../code';

// Gen 1 passed the environment name in ENV; Gen 2 passes the branch.
const branchName = process.env.AWS_BRANCH ?? 'sandbox';
const functionDir = path.dirname(fileURLToPath(import.meta.url));

// Gen 1: function/geoPy (amplify/backend/function/geoPy). defineFunction builds only Node.js
// functions, so this Python function is a CDK Function that defineFunction adopts.
export const geoPy = defineFunction((scope) => new Function(
  scope,
  'geoPy',
  {
    runtime: Runtime.PYTHON_3_11,
    handler: 'index.handler',
    // the sources, built without Docker (see amplify/functions/code.ts)
    code: pythonCode(functionDir, '3.11', 'x86_64'),
    timeout: Duration.seconds(25),
    memorySize: 128,
    environment: { ENV: branchName, REGION: Aws.REGION },
  }
));
