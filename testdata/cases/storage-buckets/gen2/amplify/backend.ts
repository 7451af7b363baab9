import { defineBackend } from '@aws-amplify/backend';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { exportsStorage, storage } from './storage/resource';

const backend = defineBackend({ exportsStorage, storage });

// Storage: sharedAssets (imported in Gen 1)
const sharedAssetsBucketStack = backend.createStack('sharedAssets');
const sharedAssetsBucket = Bucket.fromBucketName(
  sharedAssetsBucketStack,
  'sharedAssets',
  'acme-shared-assets'
);
// TODO(amplify-migrate): the frontend finds the default bucket in amplify_outputs.json; pass
// sharedAssetsBucket.bucketName to the code that used the imported bucket sharedAssets.

// Resources with no Gen 2 conversion
// TODO(amplify-migrate): auth/archive (service "Cognito") was not converted; recreate it with CDK
// in this file (backend.createStack('archive')) or remove it if it is no longer used. Its Gen 1
// files are in amplify/backend/auth/archive.
