import { CfnOutput, CfnParameter, Duration, Fn, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
// (Gen 1 @aws-amplify/cli-extensibility-helper import removed: amplify/backend.ts passes the values in.)
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as events from 'aws-cdk-lib/aws-events';

// Gen 1 used the environment name where Gen 2 uses the branch.
const branchName = process.env.AWS_BRANCH ?? 'sandbox';
// The Gen 1 outputs of the resources this stack depends on (its dependsOn in backend-config.json),
// passed in by amplify/backend.ts where Gen 1 passed CloudFormation parameters.
export type AmplifyDependentResourcesAttributes = { custom: { notifier: { topicArn: string } } };

// Nightly report of note activity (written for CDK v1, Amplify CLI 7).
export class cdkStack extends Construct {
  constructor(scope: Construct, id: string, amplifyResources: AmplifyDependentResourcesAttributes) {
    super(scope, id);
    // (Gen 1's "env" CfnParameter removed: Gen 2 uses the branch name, branchName.)
    const info = { envName: branchName, projectName: 'notesapp' };
    const retainDays = new CfnParameter(this, 'retainDays', { type: 'Number', default: 14 });

    const deps = amplifyResources;

    const database = new glue.CfnDatabase(this, 'ReportsDatabase', {
      catalogId: Stack.of(this).account,
      databaseInput: { name: `notes_reports_${info.envName}` },
    });

    const fn = new lambda.Function(this, 'ReportFunction', {
      runtime: lambda.Runtime.NODEJS_18_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ ok: true });'),
      timeout: Duration.minutes(5),
      environment: {
        TOPIC_ARN: deps.custom.notifier.topicArn,
        DATABASE: database.ref,
        RETAIN_DAYS: retainDays.valueAsString,
      },
    });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [deps.custom.notifier.topicArn] }));
    new events.CfnRule(this, 'Nightly', {
      scheduleExpression: 'cron(0 3 * * ? *)',
      targets: [{ arn: fn.functionArn, id: 'report' }],
    });
    new CfnOutput(this, 'reportFunctionName', { value: fn.functionName });
  }
}
