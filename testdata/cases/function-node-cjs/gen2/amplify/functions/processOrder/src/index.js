/* Amplify Params - DO NOT EDIT
	ENV
	REGION
Amplify Params - DO NOT EDIT */
'use strict';

const AWS = require('aws-sdk');
const { SSMClient, GetParametersCommand } = require('@aws-sdk/client-ssm');
const { Tracer } = require('@aws-lambda-powertools/tracer');
const dayjs = require('dayjs');
const { formatOrder } = require('./lib/format');

const tracer = new Tracer({ serviceName: 'orders' });
const ssm = new SSMClient();

/**
 * @type {import('@types/aws-lambda').APIGatewayProxyHandler}
 */
export const handler = async (event) => {
  const { Parameters } = await ssm.send(
    // TODO(amplify-migrate): Gen 2 puts the value of the secret STRIPE_KEY in process.env before the handler runs (secret() in resource.ts); the variable no longer holds an SSM parameter path, so read process.env directly instead of fetching it here.
    new GetParametersCommand({
      Names: ['STRIPE_KEY'].map((secretName) => process.env[secretName]),
      WithDecryption: true,
    }),
  );
  const order = formatOrder(JSON.parse(event.body), dayjs());
  await new AWS.SNS()
    .publish({ TopicArn: `arn:aws:sns:${process.env.REGION}:${process.env.ACCOUNT}:orders-${process.env.ENV}`, Message: JSON.stringify(order) })
    .promise();
  tracer.putAnnotation('order', order.id);
  return { statusCode: 200, body: JSON.stringify({ order, key: Parameters.length }) };
};
