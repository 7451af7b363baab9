import { AmplifyAuthCognitoStackTemplate, AmplifyProjectInfo } from '@aws-amplify/cli-extensibility-helper';

export function override(resources: AmplifyAuthCognitoStackTemplate, amplifyProjectInfo: AmplifyProjectInfo) {
  // Stronger passwords than the CLI offered, and a shorter temporary password.
  resources.userPool.policies = {
    passwordPolicy: {
      ...resources.userPool.policies['passwordPolicy'],
      minimumLength: 12,
      requireSymbols: true,
      temporaryPasswordValidityDays: 3,
    },
  };
  resources.userPool.addPropertyOverride('DeviceConfiguration', {
    ChallengeRequiredOnNewDevice: true,
    DeviceOnlyRememberedOnUserPrompt: true,
  });
  resources.userPool.userPoolTags = { Project: amplifyProjectInfo.projectName, Env: amplifyProjectInfo.envName };
  resources.userPoolClientWeb.accessTokenValidity = 30;
  resources.userPoolClientWeb.tokenValidityUnits = { accessToken: 'minutes', idToken: 'minutes', refreshToken: 'days' };
  resources.identityPool.allowClassicFlow = true;

  if (amplifyProjectInfo.envName === 'prod') {
    resources.userPool.deletionProtection = 'ACTIVE';
  }
}
