import { defineBackend } from '@aws-amplify/backend';
import {
  AuthorizationType,
  CfnRestApi,
  CognitoUserPoolsAuthorizer,
  type CorsOptions,
  LambdaIntegration,
  ResponseType,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import { CfnUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { auth } from './auth/resource';
import { gen1UserPool, userMigration } from './auth/user-migration/resource';
import { adminQueries5f2e } from './functions/AdminQueries5f2e/resource';
import { itemsHandler } from './functions/itemsHandler/resource';
import { ordersHandler } from './functions/ordersHandler/resource';

// Gen 1 put the environment name in resource names; Gen 2 uses the branch.
const branchName = process.env.AWS_BRANCH ?? 'sandbox';

const backend = defineBackend({
  auth,
  userMigration,
  adminQueries5f2e,
  itemsHandler,
  ordersHandler,
});

// Auth: settings defineAuth cannot express, pinned to their Gen 1 values.
const { cfnUserPool, cfnUserPoolClient, cfnIdentityPool } = backend.auth.resources.cfnResources;
// The Gen 1 pool predates usernameCaseSensitive, so Cognito made it case sensitive.
cfnUserPool.usernameConfiguration = { caseSensitive: true };
// Gen 1 verifies nothing (defineAuth would verify email).
cfnUserPool.autoVerifiedAttributes = [];
cfnUserPool.userAttributeUpdateSettings = undefined;
// Gen 1's password policy (Gen 2's default requires every character class).
cfnUserPool.policies = {
  passwordPolicy: {
    minimumLength: 8,
    requireLowercase: false,
    requireUppercase: false,
    requireNumbers: false,
    requireSymbols: false,
    temporaryPasswordValidityDays: 7,
  },
};
// Cognito runs the userMigration trigger only for USER_PASSWORD_AUTH sign-ins (with SRP it never
// sees the password). Remove ALLOW_USER_PASSWORD_AUTH once every user has signed in since the move.
cfnUserPoolClient.explicitAuthFlows = [
  'ALLOW_CUSTOM_AUTH',
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
];
// Gen 1 had no hosted UI, so its app client had OAuth off; Gen 2's turns it on with a placeholder
// callback URL.
cfnUserPoolClient.allowedOAuthFlowsUserPoolClient = false;
cfnUserPoolClient.allowedOAuthFlows = undefined;
cfnUserPoolClient.allowedOAuthScopes = undefined;
cfnUserPoolClient.callbackUrLs = undefined;
// Gen 1's second app client, used by native apps (amplify-meta.json AppClientID).
const nativeAppClient = backend.auth.resources.userPool.addClient('NativeAppClient', {
  generateSecret: false,
  authFlows: { custom: true, userSrp: true, userPassword: true },
  disableOAuth: true,
});
// Gen 1's identity pool accepted tokens from both app clients.
const webClientProviders = cfnIdentityPool.cognitoIdentityProviders;
cfnIdentityPool.cognitoIdentityProviders = [
  ...(Array.isArray(webClientProviders) ? webClientProviders : []),
  {
    clientId: nativeAppClient.userPoolClientId,
    providerName: backend.auth.resources.userPool.userPoolProviderName,
  },
];
// Guest (unauthenticated) access is on, as in Gen 1.
cfnIdentityPool.allowUnauthenticatedIdentities = true;
backend.auth.resources.groups['Admin'].cfnUserGroup.precedence = 1;
// The userMigration trigger checks passwords against the Gen 1 pool and reads users and their
// groups there; it may do nothing else to it.
backend.userMigration.resources.lambda.addToRolePolicy(new PolicyStatement({
  actions: [
    'cognito-idp:AdminInitiateAuth',
    'cognito-idp:AdminGetUser',
    'cognito-idp:AdminListGroupsForUser',
  ],
  resources: [
    `arn:aws:cognito-idp:${gen1UserPool.region}:${backend.auth.stack.account}:userpool/${gen1UserPool.userPoolId}`,
  ],
}));
// It copies groups in an asynchronous call to itself, once Cognito has created the user. A separate
// policy, so that the function does not depend on a policy that names it.
backend.userMigration.resources.lambda.role?.attachInlinePolicy(new Policy(
  backend.auth.stack,
  'UserMigrationSelfInvoke',
  {
    statements: [
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [backend.userMigration.resources.lambda.functionArn],
      }),
    ],
  }
));

// REST API AdminQueries (Gen 1 API Gateway)
const adminQueriesApiStack = backend.createStack('rest-api-AdminQueries');
const adminQueriesApi = new RestApi(adminQueriesApiStack, 'AdminQueries', {
  restApiName: `AdminQueries-${branchName}`,
  // Gen 1 set no account-wide logging role.
  cloudWatchRole: false,
});
const adminQueriesApiAuthorizer = new CognitoUserPoolsAuthorizer(
  adminQueriesApiStack,
  'AdminQueriesAuthorizer',
  { cognitoUserPools: [backend.auth.resources.userPool] }
);
const adminQueriesApiAdminQueries5f2eIntegration = new LambdaIntegration(backend.adminQueries5f2e.resources.lambda);
const adminQueriesApiProxy = adminQueriesApi.root.resourceForPath('/{proxy+}');
adminQueriesApiProxy.addMethod('ANY', adminQueriesApiAdminQueries5f2eIntegration, {
  authorizationType: AuthorizationType.COGNITO,
  authorizer: adminQueriesApiAuthorizer,
  authorizationScopes: ['aws.cognito.signin.user.admin'],
  requestParameters: {
    'method.request.path.proxy': true,
    'method.request.header.Authorization': false,
  },
  requestValidatorOptions: { validateRequestParameters: true },
});
adminQueriesApiProxy.addCorsPreflight({
  allowOrigins: ['*'],
  allowMethods: ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'],
  allowHeaders: [
    'Content-Type',
    'X-Amz-Date',
    'Authorization',
    'X-Api-Key',
    'X-Amz-Security-Token',
  ],
  statusCode: 200,
});
backend.addOutput({
  custom: {
    API: {
      AdminQueries: {
        endpoint: `https://${adminQueriesApi.restApiId}.execute-api.${adminQueriesApiStack.region}.${adminQueriesApiStack.urlSuffix}/${adminQueriesApi.deploymentStage.stageName}`,
        region: adminQueriesApiStack.region,
        apiName: adminQueriesApi.restApiName,
      },
    },
  },
});

// REST API shopapi (Gen 1 API Gateway)
const shopapiStack = backend.createStack('rest-api-shopapi');
const shopapi = new RestApi(shopapiStack, 'shopapi', {
  restApiName: `shopapi-${branchName}`,
  // Gen 1 set no account-wide logging role.
  cloudWatchRole: false,
});
const shopapiItemsHandlerIntegration = new LambdaIntegration(backend.itemsHandler.resources.lambda);
const shopapiOrdersHandlerIntegration = new LambdaIntegration(backend.ordersHandler.resources.lambda);
const shopapiCors: CorsOptions = {
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
};
const shopapiItems = shopapi.root.resourceForPath('/items');
shopapiItems.addMethod('ANY', shopapiItemsHandlerIntegration, {
  authorizationType: AuthorizationType.IAM,
});
shopapiItems.addCorsPreflight(shopapiCors);
const shopapiItemsProxy = shopapi.root.resourceForPath('/items/{proxy+}');
shopapiItemsProxy.addMethod('ANY', shopapiItemsHandlerIntegration, {
  authorizationType: AuthorizationType.IAM,
});
shopapiItemsProxy.addCorsPreflight(shopapiCors);
const shopapiOrdersOrderId = shopapi.root.resourceForPath('/orders/{orderId}');
shopapiOrdersOrderId.addMethod('ANY', shopapiOrdersHandlerIntegration, {
  authorizationType: AuthorizationType.IAM,
});
shopapiOrdersOrderId.addCorsPreflight(shopapiCors);
const shopapiOrdersOrderIdProxy = shopapi.root.resourceForPath('/orders/{orderId}/{proxy+}');
shopapiOrdersOrderIdProxy.addMethod('ANY', shopapiOrdersHandlerIntegration, {
  authorizationType: AuthorizationType.IAM,
});
shopapiOrdersOrderIdProxy.addCorsPreflight(shopapiCors);
shopapi.root.addMethod('ANY', shopapiItemsHandlerIntegration, {
  authorizationType: AuthorizationType.NONE,
});
shopapi.root.addCorsPreflight(shopapiCors);
const shopapiProxy = shopapi.root.resourceForPath('/{proxy+}');
shopapiProxy.addMethod('ANY', shopapiItemsHandlerIntegration, {
  authorizationType: AuthorizationType.NONE,
});
shopapiProxy.addCorsPreflight(shopapiCors);
const shopapiErrorHeaders = {
  'Access-Control-Allow-Origin': "'*'",
  'Access-Control-Allow-Headers': "'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token'",
  'Access-Control-Allow-Methods': "'DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT'",
  'Access-Control-Expose-Headers': "'Date,X-Amzn-ErrorType'",
};
shopapi.addGatewayResponse('Default4xx', {
  type: ResponseType.DEFAULT_4XX,
  responseHeaders: shopapiErrorHeaders,
});
shopapi.addGatewayResponse('Default5xx', {
  type: ResponseType.DEFAULT_5XX,
  responseHeaders: shopapiErrorHeaders,
});
// Who may call the API, as in Gen 1 (whose policies named the stage too).
const shopapiStage = shopapi.deploymentStage.stageName;
new Policy(shopapiStack, 'shopapiAuthenticatedAccess', {
  roles: [backend.auth.resources.authenticatedUserIamRole],
  statements: [
    new PolicyStatement({
      actions: ['execute-api:Invoke'],
      resources: [
        shopapi.arnForExecuteApi('*', '/items/*', shopapiStage),
        shopapi.arnForExecuteApi('*', '/items', shopapiStage),
        shopapi.arnForExecuteApi('GET', '/orders/*/*', shopapiStage),
        shopapi.arnForExecuteApi('GET', '/orders/*', shopapiStage),
      ],
    }),
  ],
});
new Policy(shopapiStack, 'shopapiGuestAccess', {
  roles: [backend.auth.resources.unauthenticatedUserIamRole],
  statements: [
    new PolicyStatement({
      actions: ['execute-api:Invoke'],
      resources: [
        shopapi.arnForExecuteApi('GET', '/items/*', shopapiStage),
        shopapi.arnForExecuteApi('GET', '/items', shopapiStage),
      ],
    }),
  ],
});
new Policy(shopapiStack, 'shopapiAdminGroupAccess', {
  roles: [backend.auth.resources.groups['Admin'].role],
  statements: [
    new PolicyStatement({
      actions: ['execute-api:Invoke'],
      resources: [
        shopapi.arnForExecuteApi('POST', '/orders/*', shopapiStage),
        shopapi.arnForExecuteApi('GET', '/orders/*', shopapiStage),
        shopapi.arnForExecuteApi('PUT', '/orders/*', shopapiStage),
        shopapi.arnForExecuteApi('PATCH', '/orders/*', shopapiStage),
        shopapi.arnForExecuteApi('POST', '/orders/*/*', shopapiStage),
        shopapi.arnForExecuteApi('GET', '/orders/*/*', shopapiStage),
        shopapi.arnForExecuteApi('PUT', '/orders/*/*', shopapiStage),
        shopapi.arnForExecuteApi('PATCH', '/orders/*/*', shopapiStage),
      ],
    }),
  ],
});
// TODO(amplify-migrate): Gen 1 let group Support call GET /orders/{orderId}; attach this policy to
// their Gen 2 role (backend.auth.resources.groups['Support'].role).
new Policy(shopapiStack, 'shopapiSupportGroupAccess', {
  statements: [
    new PolicyStatement({
      actions: ['execute-api:Invoke'],
      resources: [
        shopapi.arnForExecuteApi('GET', '/orders/*', shopapiStage),
        shopapi.arnForExecuteApi('GET', '/orders/*/*', shopapiStage),
      ],
    }),
  ],
});
backend.addOutput({
  custom: {
    API: {
      shopapi: {
        endpoint: `https://${shopapi.restApiId}.execute-api.${shopapiStack.region}.${shopapiStack.urlSuffix}/${shopapi.deploymentStage.stageName}`,
        region: shopapiStack.region,
        apiName: shopapi.restApiName,
      },
    },
  },
});

// Overrides of api/shopapi, translated from amplify/backend/api/shopapi/override.ts.
(shopapi.node.defaultChild as CfnRestApi).addPropertyOverride('MinimumCompressionSize', 1024);
