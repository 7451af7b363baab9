import * as cdk from 'aws-cdk-lib';
import * as AmplifyHelpers from '@aws-amplify/cli-extensibility-helper';
import { AmplifyDependentResourcesAttributes } from '../../types/amplify-dependent-resources-ref';
import { Construct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as fs from 'fs';
import * as path from 'path';

export class cdkStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps, amplifyResourceProps?: AmplifyHelpers.AmplifyResourceProps) {
    super(scope, id, props);
    /* Do not remove - Amplify CLI automatically injects the current deployment environment in this input parameter */
    new cdk.CfnParameter(this, 'env', {
      type: 'String',
      description: 'Current Amplify CLI env name',
    });

    const amplifyProjectInfo = AmplifyHelpers.getProjectInfo();
    const dependencies: AmplifyDependentResourcesAttributes = AmplifyHelpers.addResourceDependency(this,
      amplifyResourceProps.category,
      amplifyResourceProps.resourceName,
      [
        { category: 'api', resourceName: 'notesapp' },
        { category: 'function', resourceName: 'notesprocessor' },
      ]
    );
    const apiId = cdk.Fn.ref(dependencies.api.notesapp.GraphQLAPIIdOutput);

    // A queue fed by a topic, named after the project and environment.
    const queue = new sqs.Queue(this, 'sqs-queue', {
      queueName: `notes-events-${amplifyProjectInfo.projectName}-${cdk.Fn.ref('env')}`,
      visibilityTimeout: cdk.Duration.seconds(60),
    });
    const topic = new sns.Topic(this, 'sns-topic', {
      displayName: `Notes events (${amplifyProjectInfo.envName})`,
    });
    topic.addSubscription(new subs.SqsSubscription(queue));

    // The processor may publish to the topic.
    const role = iam.Role.fromRoleArn(this, 'ProcessorRole', `arn:aws:iam::${this.account}:role/notesprocessor-role`);
    topic.grantPublish(role);
    new sns.Subscription(this, 'ProcessorSubscription', {
      topic,
      protocol: sns.SubscriptionProtocol.LAMBDA,
      endpoint: cdk.Fn.ref(dependencies.function.notesprocessor.Arn),
    });

    // A resolver on the Gen 1 API that publishes a note event.
    const dataSource = new appsync.CfnDataSource(this, 'TopicDataSource', {
      apiId,
      name: 'NotesTopic',
      type: 'NONE',
    });
    const resolver = new appsync.CfnResolver(this, 'PublishResolver', {
      apiId,
      typeName: 'Mutation',
      fieldName: 'publishNote',
      dataSourceName: dataSource.name,
      requestMappingTemplate: fs.readFileSync(path.join(__dirname, 'Mutation.publishNote.req.vtl'), 'utf8'),
      responseMappingTemplate: fs.readFileSync(path.join(__dirname, 'Mutation.publishNote.res.vtl'), 'utf8'),
    });
    resolver.addDependency(dataSource);

    new cdk.CfnOutput(this, 'topicArn', {
      value: topic.topicArn,
      description: `The arn of the SNS topic in ${this.region}`,
    });
    new cdk.CfnOutput(this, 'queueUrl', { value: queue.queueUrl });
  }
}
