import { type ClientSchema, a, defineData } from '@aws-amplify/backend';

// Converted from the Gen 1 GraphQL API notesapp (amplify/backend/api/notesapp/schema.graphql).
// The schema was written for transformer v1 and is upgraded to v2 semantics; relationships keep the
// attribute names v1 stored.
const schema = a.schema({
  Note: a.model({
    title: a.string().required(),
    body: a.string(),
  }).authorization((allow) => [allow.publicApiKey()]),
});

export type Schema = ClientSchema<typeof schema>;

export const data = defineData({
  schema,
  authorizationModes: {
    defaultAuthorizationMode: 'apiKey',
    apiKeyAuthorizationMode: { expiresInDays: 30 },
  },
});
