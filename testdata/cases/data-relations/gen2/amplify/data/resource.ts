import { type ClientSchema, a, defineData } from '@aws-amplify/backend';

// Converted from the Gen 1 GraphQL API blogapi (amplify/backend/api/blogapi/schema.graphql).
const schema = a.schema({
  PostStatus: a.enum(['DRAFT', 'PUBLISHED', 'ARCHIVED']),
  Blog: a.model({
    name: a.string().required(),
    posts: a.hasMany('Post', 'blogPostsId'),
    settings: a.belongsTo('BlogSettings', 'blogSettingsId'),
    // Foreign key Gen 1 added implicitly; the name is the attribute the Gen 1 table stores.
    blogSettingsId: a.id(),
  }).authorization((allow) => [allow.owner(), allow.publicApiKey().to(['read'])]),
  BlogSettings: a.model({
    theme: a.string().default('light'),
    postsPerPage: a.integer().default(10),
    // Gen 2 relationships are bidirectional: Blog.settings needs a hasOne on BlogSettings.
    blog: a.hasOne('Blog', 'blogSettingsId'),
  }).authorization((allow) => [allow.owner()]),
  Post: a.model({
    title: a.string().required(),
    status: a.ref('PostStatus').required(),
    rating: a.float(),
    tags: a.string().required().array(),
    blog: a.belongsTo('Blog', 'blogPostsId'),
    comments: a.hasMany('Comment', 'postID'),
    attachments: a.hasMany('Attachment', 'postAttachmentsId'),
    categories: a.hasMany('PostCategories', 'postId'),
    // Foreign key Gen 1 added implicitly; the name is the attribute the Gen 1 table stores.
    blogPostsId: a.id(),
  })
    .authorization((allow) => [
      allow.groups(['Admin', 'Editors']),
      allow.authenticated().to(['read']),
      allow.publicApiKey().to(['read']),
    ]),
  Comment: a.model({
    postID: a.id().required(),
    createdAt: a.datetime().required(),
    content: a.string().required(),
    post: a.belongsTo('Post', 'postID'),
  })
    .secondaryIndexes((index) => [
      index('postID').sortKeys(['createdAt']).name('byPost').queryField('commentsByPostIDAndCreatedAt'),
    ])
    .authorization((allow) => [
      allow.owner().to(['create', 'read', 'update', 'delete']),
      allow.authenticated().to(['read']),
    ]),
  Attachment: a.model({
    url: a.url().required(),
    size: a.integer(),
    // Foreign key Gen 1 added implicitly; the name is the attribute the Gen 1 table stores.
    postAttachmentsId: a.id(),
    // Gen 2 relationships are bidirectional: Post.attachments needs a belongsTo on Attachment.
    post: a.belongsTo('Post', 'postAttachmentsId'),
  }).authorization((allow) => [allow.authenticated()]),
  Category: a.model({
    label: a.string().required(),
    posts: a.hasMany('PostCategories', 'categoryId'),
  }).authorization((allow) => [allow.authenticated().to(['read']), allow.groups(['Admin'])]),
  Store: a.model({
    storeId: a.id().required(),
    region: a.string().required(),
    city: a.string().required(),
    name: a.string().required(),
    managerEmail: a.email(),
    items: a.hasMany('Item', ['storeItemsStoreId', 'storeItemsRegion', 'storeItemsCity']),
  })
    .identifier(['storeId', 'region', 'city'])
    .secondaryIndexes((index) => [
      index('name').name('byName').queryField('storesByName'),
      index('managerEmail').name('byManager').queryField('storesByManagerEmail'),
    ])
    .authorization((allow) => [allow.authenticated()]),
  Item: a.model({
    sku: a.string().required(),
    store: a.belongsTo('Store', ['storeItemsStoreId', 'storeItemsRegion', 'storeItemsCity']),
    // Foreign key Gen 1 added implicitly; the name is the attribute the Gen 1 table stores.
    storeItemsStoreId: a.id(),
    // Foreign key Gen 1 added implicitly; the name is the attribute the Gen 1 table stores.
    storeItemsRegion: a.string(),
    // Foreign key Gen 1 added implicitly; the name is the attribute the Gen 1 table stores.
    storeItemsCity: a.string(),
  }).authorization((allow) => [allow.authenticated()]),
  Team: a.model({
    name: a.string().required(),
    project: a.hasOne('Project', 'projectTeamId'),
    // Foreign key Gen 1 added implicitly; the name is the attribute the Gen 1 table stores.
    teamProjectId: a.id(),
  }).authorization((allow) => [allow.authenticated()]),
  Project: a.model({
    title: a.string().required(),
    team: a.belongsTo('Team', 'projectTeamId'),
    // Foreign key Gen 1 added implicitly; the name is the attribute the Gen 1 table stores.
    projectTeamId: a.id(),
  }).authorization((allow) => [allow.authenticated()]),
  Address: a.customType({ street: a.string(), city: a.string().required(), zip: a.string() }),
  Customer: a.model({
    id: a.id().required(),
    email: a.email().required(),
    address: a.ref('Address'),
    previousAddresses: a.ref('Address').required().array().required(),
    loyalty: a.integer().authorization((allow) => [allow.groups(['Admin'])]),
    metadata: a.json(),
    phone: a.phone(),
    lastLogin: a.timestamp(),
    birthday: a.date(),
    wakeUp: a.time(),
    ip: a.ipAddress(),
    active: a.boolean().default(true),
  }).authorization((allow) => [allow.owner(), allow.groups(['Admin']).to(['read'])]),
  PostCategories: a.model({
    postId: a.id().required(),
    categoryId: a.id().required(),
    post: a.belongsTo('Post', 'postId'),
    category: a.belongsTo('Category', 'categoryId'),
  })
    .secondaryIndexes((index) => [
      index('postId').name('byPost').queryField('postCategoriesByPostId'),
      index('categoryId').name('byCategory').queryField('postCategoriesByCategoryId'),
    ])
    .authorization((allow) => [
      allow.groups(['Admin', 'Editors']),
      allow.authenticated().to(['read']),
      allow.publicApiKey().to(['read']),
    ]),
});

export type Schema = ClientSchema<typeof schema>;

export const data = defineData({
  schema,
  authorizationModes: {
    defaultAuthorizationMode: 'userPool',
    apiKeyAuthorizationMode: { expiresInDays: 30, description: 'public reads' },
  },
});
