import { defineFunction } from '@aws-amplify/backend';
import { Aws, Duration } from 'aws-cdk-lib';
import { Function, Runtime } from 'aws-cdk-lib/aws-lambda';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { javaCode } from '../code';

// Gen 1 passed the environment name in ENV; Gen 2 passes the branch.
const branchName = process.env.AWS_BRANCH ?? 'sandbox';
const functionDir = path.dirname(fileURLToPath(import.meta.url));

// Gen 1: function/commentsJava (amplify/backend/function/commentsJava). defineFunction builds only
// Node.js functions, so this Java function is a CDK Function that defineFunction adopts.
export const commentsJava = defineFunction((scope) => new Function(
  scope,
  'commentsJava',
  {
    runtime: Runtime.JAVA_11,
    handler: 'example.LambdaRequestHandler::handleRequest',
    // built with Gradle, as Gen 1 did (see amplify/functions/code.ts)
    code: javaCode(functionDir),
    timeout: Duration.seconds(30),
    memorySize: 512,
    environment: { ENV: branchName, REGION: Aws.REGION },
  }
));
