import { AmplifyUserPoolGroupStackTemplate } from '@aws-amplify/cli-extensibility-helper';

export function override(resources: AmplifyUserPoolGroupStackTemplate) {
  resources.userPoolGroup['Chefs'].description = 'People who publish recipes';
  resources.userPoolGroupRole['Chefs'].addPropertyOverride('MaxSessionDuration', 7200);
}
