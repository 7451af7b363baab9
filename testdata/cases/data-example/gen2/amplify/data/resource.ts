import { type ClientSchema, a, defineData } from '@aws-amplify/backend';

// Converted from the Gen 1 GraphQL API blogexample
// (amplify/backend/api/blogexample/schema.graphql).
const schema = a.schema({
  Blog: a.model({
    name: a.string().required(),
    posts: a.hasMany('Post', 'blogPostsId'),
  }).authorization((allow) => [allow.owner(), allow.publicApiKey().to(['read'])]),
  Post: a.model({
    title: a.string().required(),
    blog: a.belongsTo('Blog', 'blogPostsId'),
    status: a.ref('PostStatus'),
    // Foreign key Gen 1 added implicitly; the name is the attribute the Gen 1 table stores.
    blogPostsId: a.id(),
  }).authorization((allow) => [allow.groups(['Admin']), allow.authenticated().to(['read'])]),
  PostStatus: a.enum(['DRAFT', 'PUBLISHED']),
});

export type Schema = ClientSchema<typeof schema>;

export const data = defineData({
  schema,
  authorizationModes: {
    defaultAuthorizationMode: 'userPool',
    apiKeyAuthorizationMode: { expiresInDays: 30 },
  },
});
