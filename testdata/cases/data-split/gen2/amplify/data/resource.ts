import { type ClientSchema, a, defineData } from '@aws-amplify/backend';
import { pricing } from '../functions/pricing/resource';

// Gen 1 put the environment name in function names; Gen 2 uses the branch.
const branchName = process.env.AWS_BRANCH ?? 'sandbox';

// Converted from the Gen 1 GraphQL API shopapi
// (amplify/backend/api/shopapi/schema/models/Order.graphql,
// amplify/backend/api/shopapi/schema/models/Product.graphql,
// amplify/backend/api/shopapi/schema/types/Mutation.graphql,
// amplify/backend/api/shopapi/schema/types/Query.graphql,
// amplify/backend/api/shopapi/schema/types/Types.graphql).
const schema = a.schema({
  OrderState: a.enum(['OPEN', 'PAID', 'SHIPPED']),
  // TODO(amplify-migrate): Gen 1 @model(timestamps) stored createdAt as "placedAt" and updatedAt as
  // nothing (off); Gen 2 always maintains createdAt and updatedAt; placedAt stay as plain fields so
  // that migrated data remains readable, but nothing sets them any more. Gen 1 renamed operations:
  // get is fetchOrder (Gen 2: getOrder). Gen 2 cannot rename model operations; clients must use the
  // Gen 2 names (or add custom operations with the old names). Gen 1 @model(subscriptions: {level:
  // public}) let anyone subscribe without auth checks; Gen 2 applies the model's rules to
  // subscriptions. Gen 1 @searchable streamed this table to OpenSearch and added search queries;
  // Gen 2 has no @searchable: set up the OpenSearch zero-ETL integration (docs:
  // search-and-aggregate-queries) and a custom search query, then reindex.
  Order: a.model({
    // TODO(amplify-migrate): Gen 1 @default(value: "OPEN") on state: Gen 2 has no default for enum
    // or ref fields; set it in the client or a custom mutation.
    state: a.ref('OrderState').required(),
    total: a.float().required(),
    lines: a.hasMany('OrderLine', 'orderLinesId'),
    placedAt: a.datetime(),
  }).authorization((allow) => [allow.owner(), allow.groups(['Staff']).to(['read', 'update'])]),
  // TODO(amplify-migrate): Gen 1 renamed operations: create is addOrderLine (Gen 2:
  // createOrderLine); delete is removeOrderLine (Gen 2: deleteOrderLine). Gen 2 cannot rename model
  // operations; clients must use the Gen 2 names (or add custom operations with the old names).
  OrderLine: a.model({
    sku: a.string().required(),
    quantity: a.integer().required(),
    order: a.belongsTo('Order', 'orderLinesId'),
    // Foreign key Gen 1 added implicitly; the name is the attribute the Gen 1 table stores.
    orderLinesId: a.id(),
  }).disableOperations(['update']).authorization((allow) => [allow.owner()]),
  Product: a.model({
    name: a.string().required(),
    price: a.float().required(),
    description: a.string(),
  })
    .disableOperations(['subscriptions'])
    .authorization((allow) => [allow.publicApiKey().to(['read']), allow.groups(['Staff'])]),
  Currency: a.enum(['EUR', 'USD']),
  Money: a.customType({ amount: a.float().required(), currency: a.ref('Currency').required() }),
  Receipt: a.customType({
    orderId: a.id().required(),
    total: a.ref('Money'),
    paidAt: a.datetime(),
  }),
  // Gen 1 input CheckoutInput: Gen 2 generates it from this customType as CheckoutInput.
  Checkout: a.customType({
    orderId: a.id().required(),
    lines: a.ref('CheckoutLine').required().array().required(),
    currency: a.ref('Currency'),
  }),
  CheckoutLine: a.customType({ sku: a.string().required(), quantity: a.integer().required() }),
  // Gen 1 input SearchInput: Gen 2 generates it from this customType as SearchInput.
  Search: a.customType({ text: a.string(), maxPrice: a.float() }),
  // TODO(amplify-migrate): Gen 1 interface Priced has no Gen 2 equivalent; fields that return it
  // are written as a.json(). Keep it with `--tables reuse`, or return a customType.
  // TODO(amplify-migrate): Gen 1 union SearchHit has no Gen 2 equivalent (members: Product, Order);
  // fields that return it are written as a.json(). Keep it with `--tables reuse`, or return a
  // customType.
  // TODO(amplify-migrate): the default value EUR of argument currency is not kept; apply it in the
  // handler.
  orderTotal: a.query()
    .arguments({ orderId: a.id().required(), currency: a.ref('Currency') })
    .returns(a.ref('Money'))
    .handler(a.handler.function(pricing))
    .authorization((allow) => [allow.authenticated()]),
  // TODO(amplify-migrate): Query.exchangeRate was not converted: Gen 1 resolved it with @http(url:
  // "https://api.example.com/rates/${env}"); Gen 2 needs an HTTP data source
  // (backend.data.addHttpDataSource) and a JavaScript resolver (a.handler.custom). Gen 1
  // definition: exchangeRate(from: Currency!, to: Currency!): Float @http(url:
  // "https://api.example.com/rates/${env}") @aws_api_key
  // TODO(amplify-migrate): Query.translate was not converted: Gen 1 resolved it with
  // @predictions(actions: [translateText]); Gen 2 has no @predictions: call Amazon Translate, Polly
  // or Rekognition from a function or a custom handler. Gen 1 definition: translate(text: String!):
  // String @predictions(actions: [translateText]) @aws_iam
  // TODO(amplify-migrate): Query.legacyReport was not converted: it has no @function, so Gen 1
  // resolved it with a custom VTL resolver
  // (amplify/backend/api/shopapi/resolvers/Query.legacyReport.req.vtl,
  // amplify/backend/api/shopapi/resolvers/Query.legacyReport.res.vtl); Gen 2 resolvers are
  // JavaScript (a.handler.custom). Gen 1 definition: legacyReport(month: Int!): AWSJSON
  // @aws_cognito_user_pools(cognito_groups: ["Staff"])
  search: a.query()
    .arguments({ filter: a.ref('Search').required() })
    .returns(a.ref('Product').array())
    .handler([a.handler.function(`search-${branchName}`), a.handler.function('audit')])
    .authorization((allow) => [allow.authenticated(), allow.authenticated('identityPool')]),
  checkout: a.mutation()
    .arguments({ input: a.ref('Checkout').required() })
    .returns(a.ref('Receipt'))
    .handler(a.handler.function(pricing))
    .authorization((allow) => [allow.authenticated()]),
  notifyShipped: a.mutation()
    .arguments({ orderId: a.id().required() })
    .returns(a.ref('Receipt'))
    .handler(a.handler.function(pricing))
    .authorization((allow) => [allow.authenticated('identityPool')]),
  onCheckout: a.subscription()
    .for(a.ref('checkout'))
    .handler(a.handler.custom({ entry: './subscription-passthrough.js' }))
    .authorization((allow) => [allow.authenticated()]),
  onOrderCreated: a.subscription()
    .for(a.ref('Order').mutations(['create']))
    .handler(a.handler.custom({ entry: './subscription-passthrough.js' }))
    .authorization((allow) => [allow.authenticated()]),
});

export type Schema = ClientSchema<typeof schema>;

export const data = defineData({
  schema,
  authorizationModes: {
    defaultAuthorizationMode: 'userPool',
    apiKeyAuthorizationMode: { expiresInDays: 7 },
  },
});
