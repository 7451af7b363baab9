import * as cdk from 'aws-cdk-lib';
import * as AmplifyHelpers from '@aws-amplify/cli-extensibility-helper';
import { AmplifyDependentResourcesAttributes } from '../../types/amplify-dependent-resources-ref';
import { Construct } from 'constructs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as iam from 'aws-cdk-lib/aws-iam';

export class cdkStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps, amplifyResourceProps?: AmplifyHelpers.AmplifyResourceProps) {
    super(scope, id, props);
    /* Do not remove - Amplify CLI automatically injects the current deployment environment in this input parameter */
    new cdk.CfnParameter(this, 'env', {
      type: 'String',
      description: 'Current Amplify CLI env name',
    });

    const amplifyProjectInfo = AmplifyHelpers.getProjectInfo();
    const dependencies: AmplifyDependentResourcesAttributes = AmplifyHelpers.addResourceDependency(
      this,
      amplifyResourceProps.category,
      amplifyResourceProps.resourceName,
      [{ category: 'function', resourceName: 'bookclubdigest' }],
    );
    const digestRoleArn = cdk.Fn.ref(dependencies.function.bookclubdigest.LambdaExecutionRole);

    // Organisers get an email whenever the weekly digest goes out.
    const topic = new sns.Topic(this, 'DigestTopic', {
      topicName: `digest-${amplifyProjectInfo.projectName}-${cdk.Fn.ref('env')}`,
    });
    topic.addSubscription(new subs.EmailSubscription('organisers@bookclub.example.com'));
    topic.grantPublish(iam.Role.fromRoleArn(this, 'DigestRole', digestRoleArn));

    new cdk.CfnOutput(this, 'DigestTopicArn', { value: topic.topicArn });
  }
}
