import { type ClientSchema, a, defineData } from '@aws-amplify/backend';

// Converted from the Gen 1 GraphQL API legacyapi (amplify/backend/api/legacyapi/schema.graphql).
// The schema was written for transformer v1 and is upgraded to v2 semantics; relationships keep the
// attribute names v1 stored.
const schema = a.schema({
  Author: a.model({
    email: a.string().required(),
    name: a.string().required(),
    books: a.hasMany('Book', 'bookAuthorId'),
    reviews: a.hasMany('Review', 'authorEmail'),
    profile: a.belongsTo('Profile', 'authorProfileId'),
    // Foreign key Gen 1 added implicitly; the name is the attribute the Gen 1 table stores.
    authorProfileId: a.id(),
  })
    .identifier(['email'])
    .authorization((allow) => [allow.owner(), allow.authenticated().to(['create', 'read'])]),
  Book: a.model({
    id: a.id().required(),
    title: a.string().required(),
    year: a.integer().required(),
    author: a.belongsTo('Author', 'bookAuthorId'),
    chapters: a.hasMany('Chapter', 'bookChaptersId'),
    // Foreign key Gen 1 added implicitly; the name is the attribute the Gen 1 table stores.
    bookAuthorId: a.id(),
  })
    .secondaryIndexes((index) => [
      index('title').sortKeys(['year']).name('byTitle').queryField('booksByTitle'),
    ])
    .authorization((allow) => [allow.groups(['Librarians']), allow.owner().to(['update'])]),
  Chapter: a.model({
    number: a.integer().required(),
    title: a.string(),
    // Foreign key Gen 1 added implicitly; the name is the attribute the Gen 1 table stores.
    bookChaptersId: a.id(),
    // Gen 2 relationships are bidirectional: Book.chapters needs a belongsTo on Chapter.
    book: a.belongsTo('Book', 'bookChaptersId'),
  }).authorization((allow) => [allow.authenticated()]),
  Review: a.model({
    id: a.id().required(),
    authorEmail: a.string().required(),
    stars: a.integer().required(),
    note: a.string().authorization((allow) => [allow.owner()]),
    // Gen 2 relationships are bidirectional: Author.reviews needs a belongsTo on Review.
    author: a.belongsTo('Author', 'authorEmail'),
  })
    .secondaryIndexes((index) => [
      index('authorEmail').sortKeys(['stars']).name('byAuthor').queryField(null),
    ])
    .authorization((allow) => [allow.authenticated().to(['read', 'create'])]),
  Profile: a.model({
    bio: a.string(),
    // Gen 2 relationships are bidirectional: Author.profile needs a hasOne on Profile.
    author: a.hasOne('Author', 'authorProfileId'),
  }).authorization((allow) => [allow.authenticated()]),
});

export type Schema = ClientSchema<typeof schema>;

export const data = defineData({
  schema,
  authorizationModes: {
    defaultAuthorizationMode: 'userPool',
    apiKeyAuthorizationMode: { expiresInDays: 7 },
  },
});
