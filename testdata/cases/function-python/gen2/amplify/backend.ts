import { defineBackend } from '@aws-amplify/backend';
import { Aws } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction as LambdaFunctionTarget } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { startStop } from './functions/startStop/resource';

const backend = defineBackend({ startStop });

// Function startStop (Gen 1: amplify/backend/function/startStop)
backend.startStop.resources.lambda.addToRolePolicy(new PolicyStatement({
  actions: ['ec2:StartInstances', 'ec2:StopInstances'],
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0'],
}));
new Rule(
  backend.startStop.stack,
  'startStopSchedule1',
  {
    schedule: Schedule.expression('rate(90 minutes)'),
    targets: [new LambdaFunctionTarget(backend.startStop.resources.lambda)],
  }
);
// The function reads its secrets from the Gen 1 SSM parameters, as before.
backend.startStop.resources.lambda.addToRolePolicy(new PolicyStatement({
  actions: ['ssm:GetParameter', 'ssm:GetParameters'],
  resources: [
    `arn:${Aws.PARTITION}:ssm:${Aws.REGION}:${Aws.ACCOUNT_ID}:parameter/amplify/d1abc2def3ghi4/dev/AMPLIFY_startStop_SCANNER_TOKEN`,
  ],
}));
