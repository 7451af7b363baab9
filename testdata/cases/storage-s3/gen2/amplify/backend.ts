import { defineBackend } from '@aws-amplify/backend';
import { Stack } from 'aws-cdk-lib';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { storage } from './storage/resource';

const backend = defineBackend({ storage });

// Storage: mediavault
const mediavaultStack = Stack.of(backend.storage.resources.bucket);
// Gen 1 granted these roles the whole bucket (or keys Gen 2 access rules cannot name). The rules in
// storage/resource.ts cover the Amplify prefixes; these policies keep every other key as Gen 1 had
// it.
// TODO(amplify-migrate): attach this policy to the role of group Admin
// (backend.auth.resources.groups['Admin'].role), which has no Gen 2 equivalent here.
new Policy(mediavaultStack, 'mediavaultGen1AdminGroupAccess', {
  statements: [
    new PolicyStatement({
      actions: ['s3:PutObject', 's3:GetObject', 's3:ListBucket', 's3:DeleteObject'],
      resources: [backend.storage.resources.bucket.arnForObjects('*')],
    }),
    new PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [backend.storage.resources.bucket.bucketArn],
    }),
  ],
});
// TODO(amplify-migrate): attach this policy to the role of group Basic
// (backend.auth.resources.groups['Basic'].role), which has no Gen 2 equivalent here.
new Policy(mediavaultStack, 'mediavaultGen1BasicGroupAccess', {
  statements: [
    new PolicyStatement({
      actions: ['s3:GetObject', 's3:ListBucket'],
      resources: [backend.storage.resources.bucket.arnForObjects('*')],
    }),
    new PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [backend.storage.resources.bucket.bucketArn],
    }),
  ],
});
// TODO(amplify-migrate): attach this policy to the role of function S3Trigger1ef46783 (function
// S3Trigger1ef46783), which has no Gen 2 equivalent here.
new Policy(mediavaultStack, 'mediavaultGen1S3Trigger1ef46783FunctionAccess', {
  statements: [
    new PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [backend.storage.resources.bucket.bucketArn],
    }),
    new PolicyStatement({
      actions: ['s3:PutObject', 's3:GetObject', 's3:ListBucket', 's3:DeleteObject'],
      resources: [backend.storage.resources.bucket.arnForObjects('*')],
    }),
  ],
});
// TODO(amplify-migrate): attach this policy to the role of function thumbnailer (function
// thumbnailer), which has no Gen 2 equivalent here.
new Policy(mediavaultStack, 'mediavaultGen1ThumbnailerFunctionAccess', {
  statements: [
    new PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [backend.storage.resources.bucket.bucketArn],
    }),
    new PolicyStatement({
      actions: ['s3:PutObject', 's3:GetObject'],
      resources: [backend.storage.resources.bucket.arnForObjects('*')],
    }),
  ],
});

// Gen 1 bucket notifications that defineStorage triggers cannot express (key filters, more than one
// function per event).
// TODO(amplify-migrate): Gen 1 ran function S3Trigger1ef46783 on s3:ObjectCreated:*,
// s3:ObjectRemoved:*; it was not converted: add the notification once it exists.

// TODO(amplify-migrate): amplify/backend/storage/mediavault/override.ts customized the Gen 1
// resource; port what it does to backend.storage.resources.cfnResources.cfnBucket (and the other
// resources of this section). Its code follows.
// import { AmplifyS3ResourceTemplate } from '@aws-amplify/cli-extensibility-helper';
//
// export function override(resources: AmplifyS3ResourceTemplate) {
//   resources.s3Bucket.accelerateConfiguration = { accelerationStatus: 'Enabled' };
// }

// Resources with no Gen 2 conversion
// TODO(amplify-migrate): auth/mediavault (service "Cognito") was not converted; recreate it with
// CDK in this file (backend.createStack('mediavault')) or remove it if it is no longer used. Its
// Gen 1 files are in amplify/backend/auth/mediavault.
// TODO(amplify-migrate): auth/userPoolGroups (service "Cognito-UserPool-Groups") was not converted;
// recreate it with CDK in this file (backend.createStack('userPoolGroups')) or remove it if it is
// no longer used. Its Gen 1 files are in amplify/backend/auth/userPoolGroups.
// TODO(amplify-migrate): function/S3Trigger1ef46783 (service "Lambda") was not converted; recreate
// it with CDK in this file (backend.createStack('S3Trigger1ef46783')) or remove it if it is no
// longer used. Its Gen 1 files are in amplify/backend/function/S3Trigger1ef46783.
// TODO(amplify-migrate): function/thumbnailer (service "Lambda") was not converted; recreate it
// with CDK in this file (backend.createStack('thumbnailer')) or remove it if it is no longer used.
// Its Gen 1 files are in amplify/backend/function/thumbnailer.
