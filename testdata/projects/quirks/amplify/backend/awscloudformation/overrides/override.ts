import { AmplifyRootStackTemplate } from '@aws-amplify/cli-extensibility-helper';

export function override(resources: AmplifyRootStackTemplate) {
  resources.unauthRole.addOverride('Properties.MaxSessionDuration', 3600);
}
