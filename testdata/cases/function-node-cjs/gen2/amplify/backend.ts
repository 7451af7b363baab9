import { defineBackend } from '@aws-amplify/backend';
import { Aws } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { processOrder } from './functions/processOrder/resource';

// Gen 1 put the environment name in resource names; Gen 2 uses the branch.
const branchName = process.env.AWS_BRANCH ?? 'sandbox';

const backend = defineBackend({ processOrder });

// Function processOrder (Gen 1: amplify/backend/function/processOrder)
backend.processOrder.resources.lambda.addToRolePolicy(new PolicyStatement({
  actions: ['sns:Publish'],
  resources: [`arn:aws:sns:${Aws.REGION}:${Aws.ACCOUNT_ID}:orders-${branchName}`],
}));
backend.processOrder.resources.lambda.addToRolePolicy(new PolicyStatement({
  actions: ['s3:GetObject'],
  resources: ['arn:aws:s3:::orders-archive/*'],
}));
