import { defineBackend } from '@aws-amplify/backend';
import { CfnOutput, Tags } from 'aws-cdk-lib';
import { cdkStack as CustomNotifier } from './custom/notifier/resource';
import { cdkStack as CustomReporting } from './custom/reporting/resource';
import { cdkStack as CustomScratchpad } from './custom/scratchpad/resource';
import { data } from './data/resource';
import { notesprocessor } from './functions/notesprocessor/resource';

// Gen 1 put the environment name in resource names; Gen 2 uses the branch.
const branchName = process.env.AWS_BRANCH ?? 'sandbox';

const backend = defineBackend({ data, notesprocessor });

// custom/notifier: the Gen 1 custom CDK stack, ported to a construct in
// custom/notifier/resource.ts.
const customNotifier = new CustomNotifier(backend.createStack('notifier'), 'notifier', {
  api: {
    notesapp: {
      GraphQLAPIIdOutput: backend.data.apiId,
      GraphQLAPIEndpointOutput: backend.data.graphqlUrl,
    },
  },
  function: {
    notesprocessor: {
      Arn: backend.notesprocessor.resources.lambda.functionArn,
      Name: backend.notesprocessor.resources.lambda.functionName,
    },
  },
});

// custom/reporting: the Gen 1 custom CDK stack, ported to a construct in
// custom/reporting/resource.ts.
const customReporting = new CustomReporting(backend.createStack('reporting'), 'reporting', {
  custom: {
    notifier: { topicArn: (customNotifier.node.findChild('topicArn') as CfnOutput).value },
  },
});

// custom/scratchpad: the Gen 1 custom CDK stack, ported to a construct in
// custom/scratchpad/resource.ts.
const customScratchpad = new CustomScratchpad(backend.createStack('scratchpad'), 'scratchpad', {});

// Stack tags from Gen 1's backend/tags.json: {project-env} is the branch name, {project-name} the
// Gen 1 project name.
Tags.of(backend.stack).add('user:Stack', branchName);
Tags.of(backend.stack).add('user:Application', 'notesapp');
