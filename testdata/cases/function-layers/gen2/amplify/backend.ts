import { defineBackend } from '@aws-amplify/backend';
import { Code, Function as LambdaFunction, LayerVersion, Runtime } from 'aws-cdk-lib/aws-lambda';
import { fileURLToPath } from 'node:url';
import { geoPy } from './functions/geoPy/resource';
import { routeOptimizer } from './functions/routeOptimizer/resource';

const backend = defineBackend({ geoPy, routeOptimizer });

// Lambda layer pydeps (Gen 1: amplify/backend/function/pydeps)
const layersStack = backend.createStack('layers');
const pydepsLayer = new LayerVersion(layersStack, 'pydeps', {
  code: Code.fromAsset(fileURLToPath(new URL('./layers/pydeps', import.meta.url))),
  compatibleRuntimes: [Runtime.PYTHON_3_11],
});

// Lambda layer sharedutils (Gen 1: amplify/backend/function/sharedutils)
const sharedutilsLayer = new LayerVersion(layersStack, 'sharedutils', {
  code: Code.fromAsset(fileURLToPath(new URL('./layers/sharedutils', import.meta.url))),
  compatibleRuntimes: [Runtime.NODEJS_22_X],
  description: 'Shared route utilities',
});

// Function geoPy (Gen 1: amplify/backend/function/geoPy)
(backend.geoPy.resources.lambda as LambdaFunction).addLayers(pydepsLayer);
(backend.geoPy.resources.lambda as LambdaFunction).addLayers(LayerVersion.fromLayerVersionArn(
  backend.geoPy.stack,
  'geoPyLayer1',
  'arn:aws:lambda:us-east-1:017000801446:layer:AWSLambdaPowertoolsPythonV2:46'
));

// Function routeOptimizer (Gen 1: amplify/backend/function/routeOptimizer)
(backend.routeOptimizer.resources.lambda as LambdaFunction).addLayers(sharedutilsLayer);
