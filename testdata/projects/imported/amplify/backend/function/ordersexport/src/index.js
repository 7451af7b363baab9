/* Amplify Params - DO NOT EDIT
	ENV
	REGION
	STORAGE_ORDERS_ARN
	STORAGE_ORDERS_NAME
	STORAGE_PRODUCTIMAGES_BUCKETNAME
Amplify Params - DO NOT EDIT */
const { DynamoDBClient, ScanCommand } = require('@aws-sdk/client-dynamodb');
const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');

const db = new DynamoDBClient({});
const s3 = new S3Client({});

/** Exports yesterday's orders as JSON next to the product images. */
exports.handler = async () => {
  const { Items = [] } = await db.send(new ScanCommand({ TableName: process.env.STORAGE_ORDERS_NAME }));
  const Key = `exports/orders-${new Date().toISOString().slice(0, 10)}.json`;
  await s3.send(new PutObjectCommand({ Bucket: process.env.STORAGE_PRODUCTIMAGES_BUCKETNAME, Key, Body: JSON.stringify(Items) }));
  return { exported: Items.length, key: Key };
};
