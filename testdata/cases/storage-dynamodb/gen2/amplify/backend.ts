import { defineBackend } from '@aws-amplify/backend';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { activityStream } from './functions/activityStream/resource';
import { reporter } from './functions/reporter/resource';

const backend = defineBackend({ activityStream, reporter });

// Storage: DynamoDB tables of the Gen 1 storage category
const storageTablesStack = backend.createStack('storageTables');

// activity: Gen 1 table activity-main.
const activityTable = new Table(storageTablesStack, 'activity', {
  partitionKey: { name: 'id', type: AttributeType.STRING },
  sortKey: { name: 'userId', type: AttributeType.STRING },
  billingMode: BillingMode.PROVISIONED,
  readCapacity: 5,
  writeCapacity: 5,
  stream: StreamViewType.NEW_IMAGE,
});
activityTable.addGlobalSecondaryIndex({
  indexName: 'byUserId',
  partitionKey: { name: 'userId', type: AttributeType.STRING },
  sortKey: { name: 'timestamp', type: AttributeType.NUMBER },
  readCapacity: 5,
  writeCapacity: 5,
});
backend.activityStream.resources.lambda.addEventSource(new DynamoEventSource(activityTable, {
  startingPosition: StartingPosition.TRIM_HORIZON,
  batchSize: 50,
}));

// legacyUsers: imported in Gen 1; the table is not managed by this backend.
const legacyUsersTable = Table.fromTableAttributes(storageTablesStack, 'legacyUsers', {
  tableName: 'users-prod',
  tableStreamArn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/users-prod/stream/2021-01-01T00:00:00.000',
});

// sessions: Gen 1 table sessions-main.
const sessionsTable = new Table(storageTablesStack, 'sessions', {
  partitionKey: { name: 'sessionId', type: AttributeType.STRING },
  sortKey: { name: 'createdAt', type: AttributeType.NUMBER },
  billingMode: BillingMode.PAY_PER_REQUEST,
  timeToLiveAttribute: 'expiresAt',
  encryption: TableEncryption.AWS_MANAGED,
  pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
});
sessionsTable.addGlobalSecondaryIndex({
  indexName: 'byOwner',
  partitionKey: { name: 'owner', type: AttributeType.STRING },
  projectionType: ProjectionType.INCLUDE,
  nonKeyAttributes: ['device', 'expiresAt'],
});
sessionsTable.addLocalSecondaryIndex({
  indexName: 'byDevice',
  sortKey: { name: 'device', type: AttributeType.STRING },
  projectionType: ProjectionType.KEYS_ONLY,
});
// TODO(amplify-migrate): the Gen 1 table template has DynamoDBTable (AWS::DynamoDB::Table)
// ContributorInsightsSpecification at
// amplify/backend/storage/sessions/sessions-cloudformation-template.json:128:45
// (Resources.DynamoDBTable.Properties.ContributorInsightsSpecification), which was not converted:
// add its Gen 2 equivalent here.

// Function activityStream (Gen 1: amplify/backend/function/activityStream)
backend.activityStream.resources.lambda.addToRolePolicy(new PolicyStatement({
  actions: ['dynamodb:GetRecords'],
  resources: [activityTable.tableStreamArn!],
}));
