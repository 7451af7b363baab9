import { defineBackend } from '@aws-amplify/backend';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction as LambdaFunctionTarget } from 'aws-cdk-lib/aws-events-targets';
import { dailyDigest } from './functions/dailyDigest/resource';
import { reportGenerator } from './functions/reportGenerator/resource';

const backend = defineBackend({ dailyDigest, reportGenerator });

// Function reportGenerator (Gen 1: amplify/backend/function/reportGenerator)
new Rule(
  backend.reportGenerator.stack,
  'reportGeneratorSchedule1',
  {
    schedule: Schedule.expression('cron(0 9 ? * MON-FRI *)'),
    targets: [new LambdaFunctionTarget(backend.reportGenerator.resources.lambda)],
  }
);
backend.reportGenerator.resources.cfnResources.cfnFunction.addPropertyOverride(
  'TracingConfig',
  { Mode: 'Active' }
);
backend.reportGenerator.resources.cfnResources.cfnFunction.addPropertyOverride(
  'ReservedConcurrentExecutions',
  2
);
