import { type ClientSchema, a, defineData } from '@aws-amplify/backend';

// Converted from the Gen 1 GraphQL API recipes (amplify/backend/api/recipes/schema.graphql).
// The schema was written for transformer v1 and is upgraded to v2 semantics; relationships keep the
// attribute names v1 stored.
const schema = a.schema({
  Recipe: a.model({
    title: a.string().required(),
    steps: a.string().array(),
    expiresAt: a.timestamp(),
  }).authorization((allow) => [allow.owner(), allow.groups(['Chefs'])]),
});

export type Schema = ClientSchema<typeof schema>;

export const data = defineData({
  schema,
  authorizationModes: { defaultAuthorizationMode: 'userPool' },
});
