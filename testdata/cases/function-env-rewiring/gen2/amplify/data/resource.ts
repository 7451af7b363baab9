import { type ClientSchema, a, defineData } from '@aws-amplify/backend';

// Converted from the Gen 1 GraphQL API mealsapi (amplify/backend/api/mealsapi/schema.graphql).
// The schema was written for transformer v1 and is upgraded to v2 semantics; relationships keep the
// attribute names v1 stored.
const schema = a.schema({
  Meal: a.model({
    name: a.string().required(),
    calories: a.integer(),
  }).authorization((allow) => [allow.publicApiKey()]),
  Profile: a.model({ displayName: a.string() }).authorization((allow) => [allow.owner()]),
});

export type Schema = ClientSchema<typeof schema>;

export const data = defineData({
  schema,
  authorizationModes: {
    defaultAuthorizationMode: 'apiKey',
    apiKeyAuthorizationMode: { expiresInDays: 7 },
  },
});
