import { defineBackend } from '@aws-amplify/backend';
import { Tags } from 'aws-cdk-lib';

// Gen 1 put the environment name in resource names; Gen 2 uses the branch.
const branchName = process.env.AWS_BRANCH ?? 'sandbox';

const backend = defineBackend({});

// hosting/S3AndCloudFront
// TODO(amplify-migrate): Gen 1 hosted the frontend in the S3 bucket
// tidepools-20230101-hostingbucket behind CloudFront (amplify publish). Gen 2 has no such hosting:
// connect the repository to Amplify Hosting (see MIGRATION.md for its amplify.yml), or create a
// Bucket and a Distribution (aws-cdk-lib/aws-s3, aws-cdk-lib/aws-cloudfront) in
// backend.createStack('hosting') and deploy the build output with BucketDeployment.

// Overrides of the root stack, translated from amplify/backend/awscloudformation/override.ts.
// TODO(amplify-migrate): amplify/backend/awscloudformation/override.ts:4 was not translated: auth
// was not converted, so Gen 2 has no identity pool roles. It follows as a comment; port it with the
// Gen 2 escape hatches.
// resources.authRole.addPropertyOverride('MaxSessionDuration', 7200);
// TODO(amplify-migrate): amplify/backend/awscloudformation/override.ts:5 was not translated: auth
// was not converted, so Gen 2 has no identity pool roles. It follows as a comment; port it with the
// Gen 2 escape hatches.
// resources.unauthRole.addPropertyOverride('Description', 'Guests of the tide pools app');
// TODO(amplify-migrate): amplify/backend/awscloudformation/override.ts:6 was not translated: Gen 2
// has no Amplify deployment bucket (it deploys through the CDK bootstrap bucket). It follows as a
// comment; port it with the Gen 2 escape hatches.
// resources.deploymentBucket.addPropertyOverride('VersioningConfiguration', { Status: 'Enabled' });

// Stack tags from Gen 1's backend/tags.json: {project-env} is the branch name, {project-name} the
// Gen 1 project name.
Tags.of(backend.stack).add('user:Stack', branchName);
Tags.of(backend.stack).add('user:Application', 'tidepools');
Tags.of(backend.stack).add('cost-center', `marine-tidepools-${branchName}`);
Tags.of(backend.stack).add('owner', 'mobile-team');
Tags.of(backend.stack).add('amplify:managed', 'yes');
