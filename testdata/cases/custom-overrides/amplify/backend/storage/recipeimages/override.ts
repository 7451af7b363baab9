import { AmplifyS3ResourceTemplate } from '@aws-amplify/cli-extensibility-helper';

export function override(resources: AmplifyS3ResourceTemplate) {
  resources.s3Bucket.versioningConfiguration = { status: 'Enabled' };
  resources.s3Bucket.addPropertyOverride('LifecycleConfiguration', {
    Rules: [{ Id: 'expire-old-versions', Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 30 } }],
  });
  resources.s3AuthPrivatePolicy.addPropertyOverride('PolicyDocument.Statement.0.Effect', 'Allow');
}
