import { defineData } from '@aws-amplify/backend';
import { enrich } from '../functions/enrich/resource';

// The Gen 1 GraphQL API tasksapi (amplify/backend/api/tasksapi/schema.graphql), kept as a GraphQL
// string so that Gen 2 uses the Gen 1 tables (see migratedAmplifyGen1DynamoDbTableMappings below).
// The schema was written for transformer v1 and is upgraded to v2 directives; relationships and
// indexes name the attributes and indexes the v1 tables have.
const schema = /* GraphQL */ `
type TaskList @model @auth(rules: [{allow: owner}]) {
  id: ID!
  title: String!
  tasks: [Task] @hasMany(indexName: "gsi-ListTasks", fields: ["id"])
  archive: [Task] @hasMany
}

type Task @model @auth(rules: [{allow: owner}]) {
  id: ID!
  state: String! @index(name: "byState", sortKeyFields: ["dueAt"], queryField: "tasksByState")
  dueAt: AWSDateTime!
  list: TaskList @belongsTo(fields: ["taskListId"])
  assignee: Person @hasOne(fields: ["taskAssigneeId"])
  function: String @function(name: "enrich-\${env}")
  taskListId: ID @index(name: "gsi-ListTasks", sortKeyFields: ["dueAt"], queryField: null)
  taskAssigneeId: ID
}

type Person @model(queries: {get: "getPerson", list: "listPersons"}) @auth(rules: [{allow: private}]) {
  id: ID!
  name: String!
}

type Tag @model @auth(rules: [{allow: private}]) {
  name: String! @primaryKey
  color: String
}
`;

export const data = defineData({
  schema,
  authorizationModes: {
    defaultAuthorizationMode: 'userPool',
    apiKeyAuthorizationMode: { expiresInDays: 30 },
  },
  // @function names as written in the schema, bound to the converted functions.
  functions: { 'enrich-${env}': enrich },
  migratedAmplifyGen1DynamoDbTableMappings: [
    {
      // TODO(amplify-migrate): these tables are used only by the Gen 2 branch named here (the Gen 1
      // environment's name, "prod"); set it to the branch that should take over the Gen 1 data.
      // Other branches and sandboxes get new, empty tables.
      branchName: 'prod',
      modelNameToTableNameMapping: {
        TaskList: 'TaskList-x7ywvbnzqngkvmzl3qlu7zwqgi-prod',
        Task: 'Task-x7ywvbnzqngkvmzl3qlu7zwqgi-prod',
        Person: 'Person-x7ywvbnzqngkvmzl3qlu7zwqgi-prod',
        Tag: 'Tag-x7ywvbnzqngkvmzl3qlu7zwqgi-prod',
      },
    },
  ],
});
