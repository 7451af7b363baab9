/* Amplify Params - DO NOT EDIT
	API_BOOKCLUB_BOOKTABLE_ARN
	API_BOOKCLUB_BOOKTABLE_NAME
	API_BOOKCLUB_GRAPHQLAPIENDPOINTOUTPUT
	API_BOOKCLUB_GRAPHQLAPIIDOUTPUT
	ENV
	REGION
Amplify Params - DO NOT EDIT *//*
Use the following code to retrieve configured secrets from SSM:

const { SSMClient, GetParametersCommand } = require('@aws-sdk/client-ssm');

const { Parameters } = await (new SSMClient())
  .send(new GetParametersCommand({
    Names: ["RECS_API_KEY"].map(secretName => process.env[secretName]),
    WithDecryption: true,
  }));

Parameters will be of the form { Name: 'secretName', Value: 'secretValue', ... }[]
*/
const { SSMClient, GetParametersCommand } = require('@aws-sdk/client-ssm');
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, QueryCommand } = require('@aws-sdk/lib-dynamodb');
const { score } = require('/opt/nodejs/ranking');

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
let apiKey;

async function recsApiKey() {
  if (apiKey === undefined) {
    const { Parameters } = await new SSMClient().send(
      new GetParametersCommand({ Names: [process.env.RECS_API_KEY], WithDecryption: true }),
    );
    apiKey = Parameters[0].Value;
  }
  return apiKey;
}

/**
 * Resolves Query.recommendBooks: the books of a genre, best first.
 * @type {import('@types/aws-lambda').AppSyncResolverHandler}
 */
exports.handler = async (event) => {
  const { genre, limit } = event.arguments;
  const max = Math.min(limit || 10, Number(process.env.MAX_RESULTS || 10));
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: process.env.API_BOOKCLUB_BOOKTABLE_NAME,
      IndexName: 'byGenre',
      KeyConditionExpression: 'genre = :genre',
      ExpressionAttributeValues: { ':genre': genre },
    }),
  );
  const key = await recsApiKey();
  return Items.map((book) => ({ isbn: book.isbn, title: book.title, score: score(book, key) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, max);
};
