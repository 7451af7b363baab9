import { defineFunction } from '@aws-amplify/backend';
import { Aws, Duration } from 'aws-cdk-lib';
import { Function, Runtime } from 'aws-cdk-lib/aws-lambda';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dotnetCode } from '../code';

// Gen 1 passed the environment name in ENV; Gen 2 passes the branch.
const branchName = process.env.AWS_BRANCH ?? 'sandbox';
const functionDir = path.dirname(fileURLToPath(import.meta.url));

// Gen 1: function/invoiceDotnet (amplify/backend/function/invoiceDotnet). defineFunction builds
// only Node.js functions, so this .NET function is a CDK Function that defineFunction adopts.
export const invoiceDotnet = defineFunction((scope) => new Function(
  scope,
  'invoiceDotnet',
  {
    // Lambda has deprecated dotnet6; .NET 8 is used, so update the project's target framework to
    // net8.0
    runtime: Runtime.DOTNET_8,
    handler: 'invoiceDotnet::invoiceDotnet.Function::FunctionHandler',
    // published with dotnet publish for Linux (see amplify/functions/code.ts)
    code: dotnetCode(functionDir, 'x86_64'),
    timeout: Duration.seconds(30),
    memorySize: 256,
    environment: { ENV: branchName, REGION: Aws.REGION },
  }
));
