import { defineBackend } from '@aws-amplify/backend';
import { Tags } from 'aws-cdk-lib';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { fileURLToPath } from 'node:url';

// Gen 1 put the environment name in resource names; Gen 2 uses the branch.
const branchName = process.env.AWS_BRANCH ?? 'sandbox';

const backend = defineBackend({});

// custom/broken: the Gen 1 CloudFormation template.
// TODO(amplify-migrate): custom/broken was not converted: the template is not valid JSON
// (unexpected end of JSON input). Copy
// amplify/backend/custom/broken/broken-cloudformation-template.json next to this file and include
// it: new CfnInclude(backend.createStack('broken'), 'broken', { templateFile, parameters: { env:
// branchName, ... } }) from aws-cdk-lib/cloudformation-include, or rewrite its resources in CDK.

// custom/uploads: the Gen 1 CloudFormation template, included as is (same logical IDs) in its own
// stack.
const customUploads = new CfnInclude(backend.createStack('uploads'), 'uploads', {
  templateFile: fileURLToPath(new URL('./custom/uploads/uploads-cloudformation-template.json', import.meta.url)),
  parameters: {
    env: branchName,
    bucketPrefix: 'photoalbum',
    alertEmail: 'ops@example.com',
    // TODO(amplify-migrate): pass template parameter functionthumbnailerArn here: it is the Arn of
    // function/thumbnailer, and function/thumbnailer was not converted to a Gen 2 function. Until
    // it has a value, deployment fails with "Parameters: [functionthumbnailerArn] must have
    // values".
    // TODO(amplify-migrate): pass template parameter kmsKeyArn here: Gen 1 gave it no value that
    // amplify-migrate can find (parameters.json, team-provider-info.json and dependsOn have none).
    // Until it has a value, deployment fails with "Parameters: [kmsKeyArn] must have values".
  },
});

// custom/uploadsAccess: the Gen 1 CloudFormation template, included as is (same logical IDs) in its
// own stack.
const customUploadsAccess = new CfnInclude(backend.createStack('uploadsAccess'), 'uploadsAccess', {
  templateFile: fileURLToPath(new URL('./custom/uploadsAccess/uploadsAccess-cloudformation-template.json', import.meta.url)),
  parameters: {
    env: branchName,
    customuploadsBucketArn: customUploads.getOutput('BucketArn').value,
    customuploadsBucketName: customUploads.getOutput('BucketName').value,
    // TODO(amplify-migrate): pass template parameter authphotoalbumauthIdentityPoolId here: it is
    // the IdentityPoolId of auth/photoalbumauth, and auth/photoalbumauth was not converted to Gen 2
    // auth. Until it has a value, deployment fails with "Parameters:
    // [authphotoalbumauthIdentityPoolId] must have values".
    // TODO(amplify-migrate): pass template parameter authRoleName here: Gen 1 passed the root
    // stack's AuthRoleName, which is the identity pool's role, and auth was not converted. Until it
    // has a value, deployment fails with "Parameters: [authRoleName] must have values".
    region: backend.stack.region,
  },
});
// TODO(amplify-migrate): SignedInUploadPolicy of the template names Gen 1 resources that Gen 2 does
// not have: the auth role "amplify-photoalbum-staging-22222-authRole". Set the property on
// customUploadsAccess.getResource('SignedInUploadPolicy') to the Gen 2 value (for the roles:
// backend.auth.resources.authenticatedUserIamRole / unauthenticatedUserIamRole).
// TODO(amplify-migrate): Config of the template names Gen 1 resources that Gen 2 does not have: the
// deployment bucket
// "${customuploadsBucketName},${authphotoalbumauthIdentityPoolId},${region},amplify-photoalbum-staging-22222-deployment".
// Set the property on customUploadsAccess.getResource('Config') to the Gen 2 value (for the roles:
// backend.auth.resources.authenticatedUserIamRole / unauthenticatedUserIamRole).

// custom/alarms: the Gen 1 CloudFormation template, included as is (same logical IDs) in its own
// stack.
const customAlarms = new CfnInclude(backend.createStack('alarms'), 'alarms', {
  templateFile: fileURLToPath(new URL('./custom/alarms/alarms-cloudformation-template.json', import.meta.url)),
  parameters: {
    env: branchName,
    customuploadsTopicArn: customUploads.getOutput('TopicArn').value,
    threshold: '250',
    // TODO(amplify-migrate): pass template parameter deploymentBucket here: Gen 1 passed the root
    // stack's DeploymentBucketName, which has no Gen 2 equivalent (Gen 2 deploys through the CDK
    // bootstrap bucket). Until it has a value, deployment fails with "Parameters:
    // [deploymentBucket] must have values".
  },
});

// Resources with no Gen 2 conversion
// TODO(amplify-migrate): auth/photoalbumauth (service "Cognito") was not converted; recreate it
// with CDK in this file (backend.createStack('photoalbumauth')) or remove it if it is no longer
// used. Its Gen 1 files are in amplify/backend/auth/photoalbumauth.
// TODO(amplify-migrate): function/thumbnailer (service "Lambda") was not converted; recreate it
// with CDK in this file (backend.createStack('thumbnailer')) or remove it if it is no longer used.
// Its Gen 1 files are in amplify/backend/function/thumbnailer.

// Stack tags from Gen 1's backend/tags.json: {project-env} is the branch name, {project-name} the
// Gen 1 project name.
Tags.of(backend.stack).add('user:Stack', branchName);
Tags.of(backend.stack).add('cost-center', 'photoalbum-media');
