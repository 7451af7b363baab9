import { defineBackend } from '@aws-amplify/backend';
import { Tags } from 'aws-cdk-lib';
import { data } from './data/resource';

// Gen 1 put the environment name in resource names; Gen 2 uses the branch.
const branchName = process.env.AWS_BRANCH ?? 'sandbox';

const backend = defineBackend({ data });

// Overrides of api/recipes, translated from amplify/backend/api/recipes/override.ts.
backend.data.resources.cfnResources.cfnGraphqlApi.xrayEnabled = true;
backend.data.resources.cfnResources.amplifyDynamoDbTables['Recipe'].pointInTimeRecoverySpecification = { pointInTimeRecoveryEnabled: true };
backend.data.resources.cfnResources.amplifyDynamoDbTables['Recipe'].timeToLiveAttribute = { attributeName: 'expiresAt', enabled: true };
// TODO(amplify-migrate): amplify/backend/api/recipes/override.ts:7 was not translated: Gen 2 names
// a model's resolvers and functions differently (backend.data.resources.cfnResources.cfnResolvers
// and cfnFunctionConfigurations); find the one for Recipe there. It follows as a comment; port it
// with the Gen 2 escape hatches.
// resources.models['Recipe'].resolvers['queryGetRecipe'].requestMappingTemplate = '...';

// Overrides of auth/recipesauth, translated from amplify/backend/auth/recipesauth/override.ts.
// Stronger passwords than the CLI offered, and a shorter temporary password.
// TODO(amplify-migrate): amplify/backend/auth/recipesauth/override.ts:5 was not translated: the
// user pool was not converted to defineAuth. It follows as a comment; port it with the Gen 2 escape
// hatches.
// resources.userPool.policies = {
//   passwordPolicy: {
//     ...resources.userPool.policies['passwordPolicy'],
//     minimumLength: 12,
//     requireSymbols: true,
//     temporaryPasswordValidityDays: 3,
//   },
// };
// TODO(amplify-migrate): amplify/backend/auth/recipesauth/override.ts:13 was not translated: the
// user pool was not converted to defineAuth. It follows as a comment; port it with the Gen 2 escape
// hatches.
// resources.userPool.addPropertyOverride('DeviceConfiguration', {
//   ChallengeRequiredOnNewDevice: true,
//   DeviceOnlyRememberedOnUserPrompt: true,
// });
// TODO(amplify-migrate): amplify/backend/auth/recipesauth/override.ts:17 was not translated: the
// user pool was not converted to defineAuth. It follows as a comment; port it with the Gen 2 escape
// hatches.
// resources.userPool.userPoolTags = { Project: amplifyProjectInfo.projectName, Env: amplifyProjectInfo.envName };
// TODO(amplify-migrate): amplify/backend/auth/recipesauth/override.ts:18 was not translated: the
// user pool was not converted to defineAuth. It follows as a comment; port it with the Gen 2 escape
// hatches.
// resources.userPoolClientWeb.accessTokenValidity = 30;
// TODO(amplify-migrate): amplify/backend/auth/recipesauth/override.ts:19 was not translated: the
// user pool was not converted to defineAuth. It follows as a comment; port it with the Gen 2 escape
// hatches.
// resources.userPoolClientWeb.tokenValidityUnits = { accessToken: 'minutes', idToken: 'minutes', refreshToken: 'days' };
// TODO(amplify-migrate): amplify/backend/auth/recipesauth/override.ts:20 was not translated: the
// user pool was not converted to defineAuth. It follows as a comment; port it with the Gen 2 escape
// hatches.
// resources.identityPool.allowClassicFlow = true;
// TODO(amplify-migrate): amplify/backend/auth/recipesauth/override.ts:22 was not translated: it is
// neither a property assignment nor an override method call on `resources.<resource>`. It follows
// as a comment; port it with the Gen 2 escape hatches.
// if (amplifyProjectInfo.envName === 'prod') {
//   resources.userPool.deletionProtection = 'ACTIVE';
// }

// Overrides of auth/userPoolGroups, translated from
// amplify/backend/auth/userPoolGroups/override.ts.
// TODO(amplify-migrate): amplify/backend/auth/userPoolGroups/override.ts was not translated: the
// user pool groups were not converted to defineAuth groups. Its statements follow as comments; port
// them with the Gen 2 escape hatches.
// resources.userPoolGroup['Chefs'].description = 'People who publish recipes';
// resources.userPoolGroupRole['Chefs'].addPropertyOverride('MaxSessionDuration', 7200);

// Overrides of storage/recipeimages, translated from
// amplify/backend/storage/recipeimages/override.ts.
// TODO(amplify-migrate): amplify/backend/storage/recipeimages/override.ts was not translated: the
// bucket was not converted to defineStorage. Its statements follow as comments; port them with the
// Gen 2 escape hatches.
// resources.s3Bucket.versioningConfiguration = { status: 'Enabled' };
// resources.s3Bucket.addPropertyOverride('LifecycleConfiguration', {
//   Rules: [{ Id: 'expire-old-versions', Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 30 } }],
// });
// resources.s3AuthPrivatePolicy.addPropertyOverride('PolicyDocument.Statement.0.Effect', 'Allow');

// Overrides of the root stack, translated from amplify/backend/awscloudformation/override.ts.
// TODO(amplify-migrate): amplify/backend/awscloudformation/override.ts was not translated: auth was
// not converted, so Gen 2 has no identity pool roles. Its statements follow as comments; port them
// with the Gen 2 escape hatches.
// resources.authRole.addPropertyOverride('MaxSessionDuration', 7200);
// resources.authRole.description = `Signed-in users of ${amplifyProjectInfo.projectName}`;

// Resources with no Gen 2 conversion
// TODO(amplify-migrate): auth/recipesauth (service "Cognito") was not converted; recreate it with
// CDK in this file (backend.createStack('recipesauth')) or remove it if it is no longer used. Its
// Gen 1 files are in amplify/backend/auth/recipesauth.
// TODO(amplify-migrate): auth/userPoolGroups (service "Cognito-UserPool-Groups") was not converted;
// recreate it with CDK in this file (backend.createStack('userPoolGroups')) or remove it if it is
// no longer used. Its Gen 1 files are in amplify/backend/auth/userPoolGroups.
// TODO(amplify-migrate): storage/recipeimages (service "S3") was not converted; recreate it with
// CDK in this file (backend.createStack('recipeimages')) or remove it if it is no longer used. Its
// Gen 1 files are in amplify/backend/storage/recipeimages.

// Stack tags from Gen 1's backend/tags.json: {project-env} is the branch name, {project-name} the
// Gen 1 project name.
Tags.of(backend.stack).add('user:Stack', branchName);
Tags.of(backend.stack).add('user:Application', 'recipes');
