/* Amplify Params - DO NOT EDIT
	ENV
	REGION
	STORAGE_READINGLOG_ARN
	STORAGE_READINGLOG_NAME
Amplify Params - DO NOT EDIT */
const express = require('express');
const bodyParser = require('body-parser');
const awsServerlessExpressMiddleware = require('aws-serverless-express/middleware');
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, QueryCommand, PutCommand, DeleteCommand } = require('@aws-sdk/lib-dynamodb');
const { score } = require('/opt/nodejs/ranking');

const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: process.env.REGION }));
const TableName = process.env.STORAGE_READINGLOG_NAME;

const app = express();
app.use(bodyParser.json());
app.use(awsServerlessExpressMiddleware.eventContext());

// Enable CORS for all methods
app.use(function (req, res, next) {
  res.header('Access-Control-Allow-Origin', '*');
  res.header('Access-Control-Allow-Headers', '*');
  next();
});

function userId(req) {
  return req.apiGateway.event.requestContext.identity.cognitoIdentityId || 'guest';
}

app.get('/books', async function (req, res) {
  res.json({ books: [], ranking: score({ publishedYear: 2020 }) });
});

app.get('/reading-log', async function (req, res) {
  const { Items } = await db.send(
    new QueryCommand({ TableName, KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': userId(req) } }),
  );
  res.json(Items);
});

app.post('/reading-log', async function (req, res) {
  const item = { userId: userId(req), bookIsbn: req.body.bookIsbn, readAt: new Date().toISOString(), pages: req.body.pages };
  await db.send(new PutCommand({ TableName, Item: item }));
  res.status(201).json(item);
});

app.delete('/reading-log/:isbn', async function (req, res) {
  await db.send(new DeleteCommand({ TableName, Key: { userId: userId(req), bookIsbn: req.params.isbn } }));
  res.status(204).end();
});

app.listen(3000, function () {
  console.log('App started');
});

module.exports = app;
