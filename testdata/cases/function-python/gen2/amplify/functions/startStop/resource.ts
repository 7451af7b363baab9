import { defineFunction } from '@aws-amplify/backend';
import { Aws, Duration } from 'aws-cdk-lib';
import { Function, Runtime } from 'aws-cdk-lib/aws-lambda';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pythonCode } from '../code';

// Gen 1 passed the environment name in ENV; Gen 2 passes the branch.
const branchName = process.env.AWS_BRANCH ?? 'sandbox';
const functionDir = path.dirname(fileURLToPath(import.meta.url));

// Gen 1: function/startStop (amplify/backend/function/startStop). defineFunction builds only
// Node.js functions, so this Python function is a CDK Function that defineFunction adopts.
export const startStop = defineFunction((scope) => new Function(
  scope,
  'startStop',
  {
    // Lambda has deprecated python3.8 and no longer creates functions on it; Python 3.12 is used,
    // so test the function
    runtime: Runtime.PYTHON_3_12,
    handler: 'index.handler',
    // the sources plus the packages of Pipfile.lock (requirements.txt), installed with pip for
    // Lambda without Docker
    code: pythonCode(functionDir, '3.12', 'x86_64'),
    timeout: Duration.seconds(60),
    memorySize: 128,
    environment: {
      ENV: branchName,
      REGION: Aws.REGION,
      BARCODE_DIRECTORY: 'incoming/',
      // Gen 2 secrets reach only Node functions, so the function reads the Gen 1 secret parameter
      // as before.
      SCANNER_TOKEN: '/amplify/d1abc2def3ghi4/dev/AMPLIFY_startStop_SCANNER_TOKEN',
    },
  }
));
