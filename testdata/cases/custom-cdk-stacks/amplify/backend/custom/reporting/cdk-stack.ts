import { Construct, Stack, StackProps, CfnParameter, Fn, Duration, CfnOutput } from '@aws-cdk/core';
import { AmplifyResourceProps, addResourceDependency, getProjectInfo } from '@aws-amplify/cli-extensibility-helper';
import * as iam from '@aws-cdk/aws-iam';
import * as lambda from '@aws-cdk/aws-lambda';
import * as glue from '@aws-cdk/aws-glue';
import * as events from '@aws-cdk/aws-events';

// Nightly report of note activity (written for CDK v1, Amplify CLI 7).
export class cdkStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps, amplifyResourceProps?: AmplifyResourceProps) {
    super(scope, id, props);
    new CfnParameter(this, 'env', { type: 'String', description: 'Current Amplify CLI env name' });
    const info = getProjectInfo();
    const retainDays = new CfnParameter(this, 'retainDays', { type: 'Number', default: 14 });

    const deps = addResourceDependency(this, amplifyResourceProps.category, amplifyResourceProps.resourceName, [
      { category: 'custom', resourceName: 'notifier' },
    ]);

    const database = new glue.CfnDatabase(this, 'ReportsDatabase', {
      catalogId: this.account,
      databaseInput: { name: `notes_reports_${info.envName}` },
    });

    const fn = new lambda.Function(this, 'ReportFunction', {
      runtime: lambda.Runtime.NODEJS_18_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ ok: true });'),
      timeout: Duration.minutes(5),
      environment: {
        TOPIC_ARN: Fn.ref(deps.custom.notifier.topicArn),
        DATABASE: database.ref,
        RETAIN_DAYS: retainDays.valueAsString,
      },
    });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [Fn.ref(deps.custom.notifier.topicArn)] }));
    new events.CfnRule(this, 'Nightly', {
      scheduleExpression: 'cron(0 3 * * ? *)',
      targets: [{ arn: fn.functionArn, id: 'report' }],
    });
    new CfnOutput(this, 'reportFunctionName', { value: fn.functionName });
  }
}
