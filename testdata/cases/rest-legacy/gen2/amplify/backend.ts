import { defineBackend } from '@aws-amplify/backend';
import { AuthorizationType, MockIntegration, RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';

// Gen 1 put the environment name in resource names; Gen 2 uses the branch.
const branchName = process.env.AWS_BRANCH ?? 'sandbox';

const backend = defineBackend({});

// REST API brokerApi (Gen 1 API Gateway)
const brokerApiStack = backend.createStack('rest-api-brokerApi');
const brokerApi = new RestApi(brokerApiStack, 'brokerApi', {
  restApiName: `brokerApi-${branchName}`,
  // Gen 1 set no account-wide logging role.
  cloudWatchRole: false,
});
const brokerApiOauth2Authorize = brokerApi.root.resourceForPath('/oauth2/authorize');
// TODO(amplify-migrate): Gen 1 served ANY /oauth2/authorize with function authorize, which was not
// converted: add the method once it exists.
brokerApiOauth2Authorize.addCorsPreflight({
  allowOrigins: ['*'],
  allowMethods: ['GET', 'HEAD', 'OPTIONS'],
  allowHeaders: [
    'Content-Type',
    'X-Amz-Date',
    'Authorization',
    'X-Api-Key',
    'X-Amz-Security-Token',
    'X-Amz-User-Agent',
  ],
  statusCode: 200,
});
const brokerApiOauth2AuthorizeProxy = brokerApi.root.resourceForPath('/oauth2/authorize/{proxy+}');
// TODO(amplify-migrate): Gen 1 served ANY /oauth2/authorize/{proxy+} with function authorize, which
// was not converted: add the method once it exists.
brokerApiOauth2AuthorizeProxy.addCorsPreflight({
  allowOrigins: ['*'],
  allowMethods: ['GET', 'HEAD', 'OPTIONS'],
  allowHeaders: [
    'Content-Type',
    'X-Amz-Date',
    'Authorization',
    'X-Api-Key',
    'X-Amz-Security-Token',
    'X-Amz-User-Agent',
  ],
  statusCode: 200,
});
const brokerApiConfirm = brokerApi.root.resourceForPath('/confirm');
// TODO(amplify-migrate): Gen 1 served GET /confirm with function confirm, which was not converted:
// add the method once it exists.
brokerApiConfirm.addCorsPreflight({
  allowOrigins: ['*'],
  allowMethods: ['GET', 'OPTIONS'],
  allowHeaders: [
    'Content-Type',
    'X-Amz-Date',
    'Authorization',
    'X-Api-Key',
    'X-Amz-Security-Token',
    'X-Amz-User-Agent',
  ],
  statusCode: 200,
});
const brokerApiLegacy = brokerApi.root.resourceForPath('/legacy');
// TODO(amplify-migrate): Gen 1 served ANY /legacy with function retired, which was not converted:
// add the method once it exists.
brokerApiLegacy.addCorsPreflight({
  allowOrigins: ['*'],
  allowMethods: ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'],
  allowHeaders: [
    'Content-Type',
    'X-Amz-Date',
    'Authorization',
    'X-Api-Key',
    'X-Amz-Security-Token',
    'X-Amz-User-Agent',
  ],
  statusCode: 200,
});
const brokerApiHealth = brokerApi.root.resourceForPath('/health');
brokerApiHealth.addMethod(
  'GET',
  new MockIntegration({
    requestTemplates: { 'application/json': '{"statusCode": 200}' },
    integrationResponses: [
      { statusCode: '200', responseTemplates: { 'application/json': '{"status": "ok"}' } },
    ],
  }),
  { authorizationType: AuthorizationType.NONE, methodResponses: [{ statusCode: '200' }] }
);
// Who may call the API, as in Gen 1 (whose policies named the stage too).
const brokerApiStage = brokerApi.deploymentStage.stageName;
// TODO(amplify-migrate): Gen 1 let signed-in users call * /legacy; attach this policy to their Gen
// 2 role (backend.auth.resources.authenticatedUserIamRole).
new Policy(brokerApiStack, 'brokerApiAuthenticatedAccess', {
  statements: [
    new PolicyStatement({
      actions: ['execute-api:Invoke'],
      resources: [
        brokerApi.arnForExecuteApi('*', '/legacy/*', brokerApiStage),
        brokerApi.arnForExecuteApi('*', '/legacy', brokerApiStage),
      ],
    }),
  ],
});
backend.addOutput({
  custom: {
    API: {
      brokerApi: {
        endpoint: `https://${brokerApi.restApiId}.execute-api.${brokerApiStack.region}.${brokerApiStack.urlSuffix}/${brokerApi.deploymentStage.stageName}`,
        region: brokerApiStack.region,
        apiName: brokerApi.restApiName,
      },
    },
  },
});
// TODO(amplify-migrate): the Gen 1 API template has brokerApi (AWS::ApiGateway::RestApi)
// Body.x-amazon-apigateway-binary-media-types at
// amplify/backend/api/brokerApi/brokerApi-cloudformation-template.json:57:53
// (Resources.brokerApi.Properties.Body.x-amazon-apigateway-binary-media-types), which was not
// converted: add its Gen 2 equivalent here.
// TODO(amplify-migrate): the Gen 1 API template has UsagePlan (AWS::ApiGateway::UsagePlan) at
// amplify/backend/api/brokerApi/brokerApi-cloudformation-template.json:442:18
// (Resources.UsagePlan), which was not converted: add its Gen 2 equivalent here.

// Resources with no Gen 2 conversion
// TODO(amplify-migrate): function/authorize (service "Lambda") was not converted; recreate it with
// CDK in this file (backend.createStack('authorize')) or remove it if it is no longer used. Its Gen
// 1 files are in amplify/backend/function/authorize.
// TODO(amplify-migrate): function/confirm (service "Lambda") was not converted; recreate it with
// CDK in this file (backend.createStack('confirm')) or remove it if it is no longer used. Its Gen 1
// files are in amplify/backend/function/confirm.
