import { type ClientSchema, a, defineData } from '@aws-amplify/backend';
import { authorizer } from '../functions/authorizer/resource';

// Gen 1 put the environment name in function names; Gen 2 uses the branch.
const branchName = process.env.AWS_BRANCH ?? 'sandbox';

// Converted from the Gen 1 GraphQL API authapi (amplify/backend/api/authapi/schema.graphql).
const schema = a.schema({
  Note: a.model({
    author: a.string(),
    editors: a.string().array(),
    team: a.string(),
    viewers: a.string().array(),
    oidcOwner: a.string(),
    body: a.string().required(),
    secret: a.string(),
  })
    .authorization((allow) => [
      allow.ownerDefinedIn('author').identityClaim('sub'),
      allow.ownersDefinedIn('editors').to(['update', 'read']),
      allow.groupDefinedIn('team'),
      allow.groupsDefinedIn('viewers').withClaimIn('custom:groups').to(['read']),
      allow.authenticated('identityPool').to(['read']),
      allow.guest().to(['read']),
      allow.authenticated('oidc').to(['read']),
      allow.ownerDefinedIn('oidcOwner', 'oidc').identityClaim('email'),
      allow.custom(),
      allow.publicApiKey(),
    ]),
  Announcement: a.model({
    text: a.string().required(),
  }).authorization((allow) => [allow.publicApiKey()]),
  whoami: a.query()
    .returns(a.string())
    .handler(a.handler.function(authorizer))
    .authorization((allow) => [allow.authenticated(), allow.custom()]),
  health: a.query()
    .returns(a.string())
    .handler(a.handler.function(`healthcheck-${branchName}`))
    .authorization((allow) => [allow.publicApiKey(), allow.authenticated('identityPool')]),
}).authorization((allow) => [allow.publicApiKey()]);

export type Schema = ClientSchema<typeof schema>;

export const data = defineData({
  schema,
  authorizationModes: {
    defaultAuthorizationMode: 'oidc',
    oidcAuthorizationMode: {
      oidcProviderName: 'Auth0',
      oidcIssuerUrl: 'https://example.auth0.com/',
      clientId: 'client123',
      // Gen 1 stored the TTLs in milliseconds (3600000 and 7200000); Gen 2 takes seconds.
      tokenExpiryFromAuthInSeconds: 3600,
      tokenExpireFromIssueInSeconds: 7200,
    },
    lambdaAuthorizationMode: { function: authorizer, timeToLiveInSeconds: 300 },
    apiKeyAuthorizationMode: { expiresInDays: 365 },
  },
});
