import { defineBackend } from '@aws-amplify/backend';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Function as LambdaFunction, LayerVersion } from 'aws-cdk-lib/aws-lambda';
import { commentsJava } from './functions/commentsJava/resource';
import { invoiceDotnet } from './functions/invoiceDotnet/resource';
import { resizeGo } from './functions/resizeGo/resource';

const backend = defineBackend({ commentsJava, invoiceDotnet, resizeGo });

// Function commentsJava (Gen 1: amplify/backend/function/commentsJava)
backend.commentsJava.resources.lambda.addToRolePolicy(new PolicyStatement({
  actions: ['comprehend:DetectSentiment'],
  resources: ['*'],
}));

// Function resizeGo (Gen 1: amplify/backend/function/resizeGo)
(backend.resizeGo.resources.lambda as LambdaFunction).addLayers(LayerVersion.fromLayerVersionArn(
  backend.resizeGo.stack,
  'resizeGoLayer1',
  'arn:aws:lambda:us-east-1:123456789012:layer:imagemagick:3'
));
