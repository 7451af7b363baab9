import { AmplifyApiGraphQlResourceStackTemplate, AmplifyProjectInfo } from '@aws-amplify/cli-extensibility-helper';

export function override(resources: AmplifyApiGraphQlResourceStackTemplate, amplifyProjectInfo: AmplifyProjectInfo) {
  resources.api.GraphQLAPI.xrayEnabled = true;
  resources.models['Recipe'].modelDDBTable.pointInTimeRecoverySpecification = { pointInTimeRecoveryEnabled: true };
  resources.models['Recipe'].modelDDBTable.timeToLiveSpecification = { attributeName: 'expiresAt', enabled: true };
  resources.models['Recipe'].resolvers['queryGetRecipe'].requestMappingTemplate = '...';
}
