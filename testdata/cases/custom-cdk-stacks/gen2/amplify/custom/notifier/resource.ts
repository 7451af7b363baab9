import * as cdk from 'aws-cdk-lib';
// (Gen 1 @aws-amplify/cli-extensibility-helper import removed: amplify/backend.ts passes the values in.)
// (Gen 1 amplify-dependent-resources-ref import removed: the type is declared below.)
import { Construct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';

// Gen 2 loads this file as an ES module, which has no __dirname or __filename.
const __dirname = dirname(fileURLToPath(import.meta.url));
// Gen 1 used the environment name where Gen 2 uses the branch.
const branchName = process.env.AWS_BRANCH ?? 'sandbox';
// The Gen 1 outputs of the resources this stack depends on (its dependsOn in backend-config.json),
// passed in by amplify/backend.ts where Gen 1 passed CloudFormation parameters.
export type AmplifyDependentResourcesAttributes = {
  api: { notesapp: { GraphQLAPIIdOutput: string, GraphQLAPIEndpointOutput: string } },
  function: { notesprocessor: { Arn: string, Name: string } },
};

export class cdkStack extends Construct {
  constructor(scope: Construct, id: string, amplifyResources: AmplifyDependentResourcesAttributes) {
    super(scope, id);
    /* Do not remove - Amplify CLI automatically injects the current deployment environment in this input parameter */
    // (Gen 1's "env" CfnParameter removed: Gen 2 uses the branch name, branchName.)

    const amplifyProjectInfo = { envName: branchName, projectName: 'notesapp' };
    const dependencies: AmplifyDependentResourcesAttributes = amplifyResources;
    const apiId = dependencies.api.notesapp.GraphQLAPIIdOutput;

    // A queue fed by a topic, named after the project and environment.
    const queue = new sqs.Queue(this, 'sqs-queue', {
      queueName: `notes-events-${amplifyProjectInfo.projectName}-${branchName}`,
      visibilityTimeout: cdk.Duration.seconds(60),
    });
    const topic = new sns.Topic(this, 'sns-topic', {
      displayName: `Notes events (${amplifyProjectInfo.envName})`,
    });
    topic.addSubscription(new subs.SqsSubscription(queue));

    // The processor may publish to the topic.
    const role = iam.Role.fromRoleArn(this, 'ProcessorRole', `arn:aws:iam::${cdk.Stack.of(this).account}:role/notesprocessor-role`);
    topic.grantPublish(role);
    new sns.Subscription(this, 'ProcessorSubscription', {
      topic,
      protocol: sns.SubscriptionProtocol.LAMBDA,
      endpoint: dependencies.function.notesprocessor.Arn,
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
      description: `The arn of the SNS topic in ${cdk.Stack.of(this).region}`,
    });
    new cdk.CfnOutput(this, 'queueUrl', { value: queue.queueUrl });
  }
}
