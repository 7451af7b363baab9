import { defineBackend } from '@aws-amplify/backend';
import { Stack } from 'aws-cdk-lib';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { storage } from './storage/resource';

const backend = defineBackend({ storage });

// Storage: photos
const photosStack = Stack.of(backend.storage.resources.bucket);
// Gen 1 granted these roles the whole bucket (or keys Gen 2 access rules cannot name). The rules in
// storage/resource.ts cover the Amplify prefixes; these policies keep every other key as Gen 1 had
// it.
// TODO(amplify-migrate): attach this policy to the role of signed-in users
// (backend.auth.resources.authenticatedUserIamRole), which has no Gen 2 equivalent here.
new Policy(photosStack, 'photosGen1AuthenticatedAccess', {
  statements: [
    new PolicyStatement({
      actions: ['s3:GetObjectAcl'],
      resources: [backend.storage.resources.bucket.arnForObjects('public/*')],
    }),
  ],
});
// TODO(amplify-migrate): attach this policy to the role of group Editors
// (backend.auth.resources.groups['Editors'].role), which has no Gen 2 equivalent here.
new Policy(photosStack, 'photosGen1EditorsGroupAccess', {
  statements: [
    new PolicyStatement({
      actions: ['s3:PutObject', 's3:GetObject', 's3:ListBucket'],
      resources: [backend.storage.resources.bucket.arnForObjects('*')],
    }),
    new PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [backend.storage.resources.bucket.bucketArn],
    }),
  ],
});

// Gen 1 bucket notifications that defineStorage triggers cannot express (key filters, more than one
// function per event).
// TODO(amplify-migrate): Gen 1 ran function resizer on s3:ObjectCreated:*; it was not converted:
// add the notification once it exists.

// Gen 1 CORS rules (Gen 2 sets one rule for GET, HEAD, PUT, POST, DELETE from any origin).
backend.storage.resources.cfnResources.cfnBucket.corsConfiguration = {
  corsRules: [
    {
      id: 'S3CORSRuleId1',
      allowedHeaders: ['*'],
      allowedMethods: ['GET', 'PUT'],
      allowedOrigins: ['https://photos.example.com'],
      exposedHeaders: ['ETag'],
      maxAge: 3000,
    },
  ],
};

// Gen 1 bucket encryption.
backend.storage.resources.cfnResources.cfnBucket.bucketEncryption = {
  serverSideEncryptionConfiguration: [
    { serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'alias/photos' } },
  ],
};

// Gen 1 bucket properties from the S3 template, as written there.
backend.storage.resources.cfnResources.cfnBucket.addPropertyOverride('LifecycleConfiguration', {
  Rules: [{ Id: 'expire-uploads', Status: 'Enabled', Prefix: 'uploads/', ExpirationInDays: 7 }],
});

// TODO(amplify-migrate): the Gen 1 S3 template has UploadTopic (AWS::SNS::Topic) at
// amplify/backend/storage/photos/s3-cloudformation-template.json:802:20 (Resources.UploadTopic),
// which was not converted: add its Gen 2 equivalent here.

// Resources with no Gen 2 conversion
// TODO(amplify-migrate): auth/photoalbum (service "Cognito") was not converted; recreate it with
// CDK in this file (backend.createStack('photoalbum')) or remove it if it is no longer used. Its
// Gen 1 files are in amplify/backend/auth/photoalbum.
// TODO(amplify-migrate): auth/userPoolGroups (service "Cognito-UserPool-Groups") was not converted;
// recreate it with CDK in this file (backend.createStack('userPoolGroups')) or remove it if it is
// no longer used. Its Gen 1 files are in amplify/backend/auth/userPoolGroups.
// TODO(amplify-migrate): function/resizer (service "Lambda") was not converted; recreate it with
// CDK in this file (backend.createStack('resizer')) or remove it if it is no longer used. Its Gen 1
// files are in amplify/backend/function/resizer.
