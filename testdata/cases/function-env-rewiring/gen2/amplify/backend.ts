import { defineBackend } from '@aws-amplify/backend';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { mealStream } from './functions/mealStream/resource';
import { mealsApi } from './functions/mealsApi/resource';
import { mealsauthPostConfirmation } from './functions/mealsauthPostConfirmation/resource';
import { notify } from './functions/notify/resource';

const backend = defineBackend({ mealStream, mealsApi, mealsauthPostConfirmation, notify });

// Function mealStream (Gen 1: amplify/backend/function/mealStream)
// TODO(amplify-migrate): feed mealStream from the stream of mealsapi: the StreamArn of the Meal
// model table: api/mealsapi has no Gen 2 data resource in this conversion

// Function mealsApi (Gen 1: amplify/backend/function/mealsApi)
// TODO(amplify-migrate): set API_MEALSAPI_GRAPHQLAPIIDOUTPUT of mealsApi: GraphQLAPIIdOutput of
// api/mealsapi: api/mealsapi has no Gen 2 data resource in this conversion.
// TODO(amplify-migrate): set API_MEALSAPI_GRAPHQLAPIENDPOINTOUTPUT of mealsApi:
// GraphQLAPIEndpointOutput of api/mealsapi: api/mealsapi has no Gen 2 data resource in this
// conversion.
// TODO(amplify-migrate): set API_MEALSAPI_GRAPHQLAPIKEYOUTPUT of mealsApi: GraphQLAPIKeyOutput of
// api/mealsapi: api/mealsapi has no Gen 2 data resource in this conversion.
// TODO(amplify-migrate): set API_MEALSAPI_MEALTABLE_NAME of mealsApi: the Name of the Meal model
// table: api/mealsapi has no Gen 2 data resource in this conversion.
// TODO(amplify-migrate): set API_MEALSAPI_MEALTABLE_ARN of mealsApi: the Name of the Meal model
// table: api/mealsapi has no Gen 2 data resource in this conversion.
// TODO(amplify-migrate): set AUTH_MEALSAUTH_USERPOOLID of mealsApi: UserPoolId of auth/mealsauth:
// auth/mealsauth has no Gen 2 auth resource in this conversion.
// TODO(amplify-migrate): set STORAGE_PHOTOS_BUCKETNAME of mealsApi: BucketName of storage/photos:
// storage/photos has no Gen 2 storage resource in this conversion.
// TODO(amplify-migrate): set STORAGE_ACTIVITY_NAME of mealsApi: Name of storage/activity: the
// storage conversion declares no table for it.
// TODO(amplify-migrate): set STORAGE_ACTIVITY_ARN of mealsApi: Arn of storage/activity: the storage
// conversion declares no table for it.
backend.mealsApi.addEnvironment(
  'FUNCTION_NOTIFY_NAME',
  backend.notify.resources.lambda.functionName
);
// TODO(amplify-migrate): add the Gen 1 template policy AmplifyResourcesPolicy statement to
// mealsApi: GraphQLAPIIdOutput of api/mealsapi: api/mealsapi has no Gen 2 data resource in this
// conversion. Statement:
// {"Action":["appsync:GraphQL"],"Effect":"Allow","Resource":[{"Fn::Join":["",["arn:aws:appsync:",{"Ref":"AWS::Region"},":",{"Ref":"AWS::AccountId"},":apis/",{"Ref":"apimealsapiGraphQLAPIIdOutput"},"/types/Query/*"]]},{"Fn::Join":["",["arn:aws:appsync:",{"Ref":"AWS::Region"},":",{"Ref":"AWS::AccountId"},":apis/",{"Ref":"apimealsapiGraphQLAPIIdOutput"},"/types/Mutation/*"]]}]}
// TODO(amplify-migrate): add the Gen 1 template policy AmplifyResourcesPolicy statement to
// mealsApi: the Name of the Meal model table: api/mealsapi has no Gen 2 data resource in this
// conversion. Statement:
// {"Action":["dynamodb:Get*","dynamodb:BatchGetItem","dynamodb:List*","dynamodb:Describe*","dynamodb:Scan","dynamodb:Query","dynamodb:PartiQLSelect"],"Effect":"Allow","Resource":[{"Fn::Join":["",["arn:aws:dynamodb:",{"Ref":"AWS::Region"},":",{"Ref":"AWS::AccountId"},":table/",{"Fn::ImportValue":{"Fn::Sub":"${apimealsapiGraphQLAPIIdOutput}:GetAtt:MealTable:Name"}}]]},{"Fn::Join":["",["arn:aws:dynamodb:",{"Ref":"AWS::Region"},":",{"Ref":"AWS::AccountId"},":table/",{"Fn::ImportValue":{"Fn::Sub":"${apimealsapiGraphQLAPIIdOutput}:GetAtt:MealTable:Name"}},"/index/*"]]}]}
// TODO(amplify-migrate): add the Gen 1 template policy AmplifyResourcesPolicy statement to
// mealsApi: BucketName of storage/photos: storage/photos has no Gen 2 storage resource in this
// conversion. Statement:
// {"Action":["s3:GetObject"],"Effect":"Allow","Resource":[{"Fn::Join":["",["arn:aws:s3:::",{"Ref":"storagephotosBucketName"},"/*"]]}]}
// TODO(amplify-migrate): add the Gen 1 template policy AmplifyResourcesPolicy statement to
// mealsApi: Arn of storage/activity: the storage conversion declares no table for it. Statement:
// {"Action":["dynamodb:Get*","dynamodb:BatchGetItem","dynamodb:List*","dynamodb:Describe*","dynamodb:Scan","dynamodb:Query","dynamodb:PartiQLSelect","dynamodb:Update*","dynamodb:RestoreTable*","dynamodb:PartiQLUpdate"],"Effect":"Allow","Resource":[{"Ref":"storageactivityArn"},{"Fn::Join":["/",[{"Ref":"storageactivityArn"},"index/*"]]}]}
// TODO(amplify-migrate): add the Gen 1 template policy AmplifyResourcesPolicy statement to
// mealsApi: UserPoolId of auth/mealsauth: auth/mealsauth has no Gen 2 auth resource in this
// conversion. Statement:
// {"Action":["cognito-idp:AdminGetUser","cognito-idp:ListUsers"],"Effect":"Allow","Resource":[{"Fn::Join":["",["arn:aws:cognito-idp:",{"Ref":"AWS::Region"},":",{"Ref":"AWS::AccountId"},":userpool/",{"Ref":"authmealsauthUserPoolId"}]]}]}
backend.mealsApi.resources.lambda.addToRolePolicy(new PolicyStatement({
  actions: ['lambda:Get*', 'lambda:List*', 'lambda:Invoke*'],
  resources: [backend.notify.resources.lambda.functionArn],
}));

// Function mealsauthPostConfirmation (Gen 1: amplify/backend/function/mealsauthPostConfirmation)
// TODO(amplify-migrate): set API_MEALSAPI_PROFILETABLE_NAME of mealsauthPostConfirmation: the Name
// of the Profile model table: api/mealsapi has no Gen 2 data resource in this conversion.
// TODO(amplify-migrate): add the Gen 1 template policy AmplifyResourcesPolicy statement to
// mealsauthPostConfirmation: the Name of the Profile model table: api/mealsapi has no Gen 2 data
// resource in this conversion. Statement:
// {"Action":["dynamodb:Put*","dynamodb:Create*","dynamodb:BatchWriteItem","dynamodb:PartiQLInsert"],"Effect":"Allow","Resource":[{"Fn::Join":["",["arn:aws:dynamodb:",{"Ref":"AWS::Region"},":",{"Ref":"AWS::AccountId"},":table/",{"Fn::ImportValue":{"Fn::Sub":"${apimealsapiGraphQLAPIIdOutput}:GetAtt:ProfileTable:Name"}}]]},{"Fn::Join":["",["arn:aws:dynamodb:",{"Ref":"AWS::Region"},":",{"Ref":"AWS::AccountId"},":table/",{"Fn::ImportValue":{"Fn::Sub":"${apimealsapiGraphQLAPIIdOutput}:GetAtt:ProfileTable:Name"}},"/index/*"]]}]}

// Resources with no Gen 2 conversion
// TODO(amplify-migrate): api/mealsapi (service "AppSync") was not converted; recreate it with CDK
// in this file (backend.createStack('mealsapi')) or remove it if it is no longer used. Its Gen 1
// files are in amplify/backend/api/mealsapi.
// TODO(amplify-migrate): auth/mealsauth (service "Cognito") was not converted; recreate it with CDK
// in this file (backend.createStack('mealsauth')) or remove it if it is no longer used. Its Gen 1
// files are in amplify/backend/auth/mealsauth.
// TODO(amplify-migrate): storage/activity (service "DynamoDB") was not converted; recreate it with
// CDK in this file (backend.createStack('activity')) or remove it if it is no longer used. Its Gen
// 1 files are in amplify/backend/storage/activity.
// TODO(amplify-migrate): storage/photos (service "S3") was not converted; recreate it with CDK in
// this file (backend.createStack('photos')) or remove it if it is no longer used. Its Gen 1 files
// are in amplify/backend/storage/photos.
