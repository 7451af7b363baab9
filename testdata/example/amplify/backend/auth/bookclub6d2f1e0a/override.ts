import { AmplifyAuthCognitoStackTemplate, AmplifyProjectInfo } from '@aws-amplify/cli-extensibility-helper';

export function override(resources: AmplifyAuthCognitoStackTemplate, amplifyProjectInfo: AmplifyProjectInfo) {
  // Remember devices so that members are not asked for an MFA code on every sign-in.
  resources.userPool.deviceConfiguration = {
    challengeRequiredOnNewDevice: true,
    deviceOnlyRememberedOnUserPrompt: true,
  };
  // Invitations are sent by the club organisers, not by Cognito.
  resources.userPool.adminCreateUserConfig = {
    allowAdminCreateUserOnly: false,
    unusedAccountValidityDays: 14,
  };
}
