import { defineBackend } from '@aws-amplify/backend';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';

const backend = defineBackend({});

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
// TODO(amplify-migrate): Gen 1 fed this table's stream to function activityStream, which was not
// converted: add backend.<function>.resources.lambda.addEventSource(new
// DynamoEventSource(activityTable, { startingPosition: StartingPosition.TRIM_HORIZON })) once it
// exists.

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

// Resources with no Gen 2 conversion
// TODO(amplify-migrate): function/activityStream (service "Lambda") was not converted; recreate it
// with CDK in this file (backend.createStack('activityStream')) or remove it if it is no longer
// used. Its Gen 1 files are in amplify/backend/function/activityStream.
// TODO(amplify-migrate): function/reporter (service "Lambda") was not converted; recreate it with
// CDK in this file (backend.createStack('reporter')) or remove it if it is no longer used. Its Gen
// 1 files are in amplify/backend/function/reporter.
