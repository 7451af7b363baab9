import { AmplifyRootStackTemplate, AmplifyProjectInfo } from '@aws-amplify/cli-extensibility-helper';

export function override(resources: AmplifyRootStackTemplate, amplifyProjectInfo: AmplifyProjectInfo) {
  // Long reading sessions: keep signed-in members' credentials for two hours.
  resources.authRole.maxSessionDuration = 7200;
  resources.deploymentBucket.versioningConfiguration = { status: 'Enabled' };
}
