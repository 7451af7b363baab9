import { AmplifyRootStackTemplate } from '@aws-amplify/cli-extensibility-helper';

export function override(resources: AmplifyRootStackTemplate) {
  resources.authRole.addPropertyOverride('MaxSessionDuration', 7200);
  resources.unauthRole.addPropertyOverride('Description', 'Guests of the tide pools app');
  resources.deploymentBucket.addPropertyOverride('VersioningConfiguration', { Status: 'Enabled' });
}
