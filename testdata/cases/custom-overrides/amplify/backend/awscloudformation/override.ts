import { AmplifyRootStackTemplate, AmplifyProjectInfo } from '@aws-amplify/cli-extensibility-helper';

export function override(resources: AmplifyRootStackTemplate, amplifyProjectInfo: AmplifyProjectInfo) {
  resources.authRole.addPropertyOverride('MaxSessionDuration', 7200);
  resources.authRole.description = `Signed-in users of ${amplifyProjectInfo.projectName}`;
}
