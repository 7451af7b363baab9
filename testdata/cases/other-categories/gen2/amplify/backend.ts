import { defineBackend } from '@aws-amplify/backend';
import { Tags } from 'aws-cdk-lib';
import { CfnChannel, CfnStreamKey } from 'aws-cdk-lib/aws-ivs';
import { CfnStream } from 'aws-cdk-lib/aws-kinesis';
import { CfnGeofenceCollection, CfnMap, CfnPlaceIndex } from 'aws-cdk-lib/aws-location';
import { CfnApp, CfnSMSChannel } from 'aws-cdk-lib/aws-pinpoint';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { fileURLToPath } from 'node:url';

// Gen 1 put the environment name in resource names; Gen 2 uses the branch.
const branchName = process.env.AWS_BRANCH ?? 'sandbox';

const backend = defineBackend({});

const analyticsStack = backend.createStack('analytics');

// analytics/fieldguide: the Pinpoint project fieldguide-<branch>.
const analyticsFieldguide = new CfnApp(analyticsStack, 'fieldguide', {
  name: `fieldguide-${branchName}`,
});

// analytics/fieldguide: who may record events, and the analytics section of amplify_outputs.json.
// TODO(amplify-migrate): grant mobiletargeting:PutEvents, mobiletargeting:UpdateEndpoint on
// analytics/fieldguide: auth was not converted, so Gen 2 has no identity pool roles to grant access
// to.
// TODO(amplify-migrate): grant mobiletargeting:GetInAppMessages on analytics/fieldguide: auth was
// not converted, so Gen 2 has no identity pool roles to grant access to.
backend.addOutput({
  analytics: {
    amazon_pinpoint: { app_id: analyticsFieldguide.ref, aws_region: analyticsStack.region },
  },
});

// analytics/sightings: the Kinesis stream sightings-<branch> and the app users' access to it.
const analyticsSightings = new CfnStream(analyticsStack, 'sightings', {
  name: `sightings-${branchName}`,
  shardCount: 2,
});
// TODO(amplify-migrate): grant kinesis:PutRecord, kinesis:PutRecords on analytics/sightings: auth
// was not converted, so Gen 2 has no identity pool roles to grant access to.
backend.addOutput({
  custom: {
    analytics: {
      kinesis: {
        sightings: { stream_name: analyticsSightings.ref, aws_region: analyticsStack.region },
      },
    },
  },
});

const geoStack = backend.createStack('geo');

// geo/parkbounds: the Amazon Location geofence collection parkbounds-<branch> (Gen 1:
// parkbounds-main) and who may use it.
const geoParkbounds = new CfnGeofenceCollection(geoStack, 'parkbounds', {
  collectionName: `parkbounds-${branchName}`,
});
// TODO(amplify-migrate): grant geo:BatchPutGeofence, geo:GetGeofence, geo:ListGeofences,
// geo:PutGeofence on geo/parkbounds: auth was not converted, so Gen 2 has no identity pool roles to
// grant access to.
// TODO(amplify-migrate): grant geo:BatchDeleteGeofence, geo:BatchPutGeofence, geo:GetGeofence,
// geo:ListGeofences, geo:PutGeofence on geo/parkbounds: auth was not converted, so Gen 2 has no
// identity pool roles to grant access to.

// geo/placesearch: the Amazon Location place index placesearch-<branch> (Gen 1: placesearch-main)
// and who may use it.
const geoPlacesearch = new CfnPlaceIndex(geoStack, 'placesearch', {
  indexName: `placesearch-${branchName}`,
  dataSource: 'Here',
  dataSourceConfiguration: { intendedUse: 'Storage' },
  pricingPlan: 'RequestBasedUsage',
});
// TODO(amplify-migrate): grant geo:GetPlace, geo:SearchPlaceIndexForPosition,
// geo:SearchPlaceIndexForSuggestions, geo:SearchPlaceIndexForText on geo/placesearch: auth was not
// converted, so Gen 2 has no identity pool roles to grant access to.

// geo/satellite: the Amazon Location map satellite-<branch> (Gen 1: satellite-main) and who may use
// it.
const geoSatellite = new CfnMap(geoStack, 'satellite', {
  mapName: `satellite-${branchName}`,
  configuration: { style: 'RasterEsriImagery' },
  pricingPlan: 'RequestBasedUsage',
});
// TODO(amplify-migrate): grant geo:GetMapGlyphs, geo:GetMapSprites, geo:GetMapStyleDescriptor,
// geo:GetMapTile on geo/satellite: auth was not converted, so Gen 2 has no identity pool roles to
// grant access to.

// geo/trailmap: the Amazon Location map trailmap-<branch> (Gen 1: trailmap-main) and who may use
// it.
const geoTrailmap = new CfnMap(geoStack, 'trailmap', {
  mapName: `trailmap-${branchName}`,
  configuration: { style: 'VectorEsriTopographic' },
  pricingPlan: 'RequestBasedUsage',
});
// TODO(amplify-migrate): grant geo:GetMapGlyphs, geo:GetMapSprites, geo:GetMapStyleDescriptor,
// geo:GetMapTile on geo/trailmap: auth was not converted, so Gen 2 has no identity pool roles to
// grant access to.

// interactions/rangerbot: a Lex V1 bot.
// TODO(amplify-migrate): recreate the Lex V1 bot RangerHelp (intents: ReportSighting (2
// utterance(s), slots Animal); TrailStatus (1 utterance(s), slots none); voice Joanna;
// child-directed false) on Lex V2: define it in the Lex console or with CfnBot
// (aws-cdk-lib/aws-lex) in backend.createStack('interactions'), allow lex:RecognizeText and
// lex:RecognizeUtterance on its alias ARN
// (arn:aws:lex:<region>:<account>:bot-alias/<botId>/<aliasId>) for
// backend.auth.resources.authenticatedUserIamRole (and the guest role if guests chat), then
// backend.addOutput({ custom: { Interactions: { LexV2: { 'RangerHelp': { botId, aliasId, localeId:
// 'en_US', region } } } } }) and pass it to Amplify.configure.

// notifications/fieldguide: the channels InAppMessaging, SMS, FCM, Email and the notifications
// section of amplify_outputs.json.
new CfnSMSChannel(analyticsStack, 'fieldguideSMSChannel', {
  applicationId: analyticsFieldguide.ref,
  enabled: true,
});
// TODO(amplify-migrate): enable the FCM channel with the Firebase server key or service account
// JSON: new CfnGCMChannel(analyticsStack, 'fieldguideFCMChannel', { applicationId:
// analyticsFieldguide.ref, enabled: true, ... }) from aws-cdk-lib/aws-pinpoint, keeping the
// credentials out of the code (for example in the Pinpoint console), and add 'FCM' to the channels
// output below.
// TODO(amplify-migrate): enable the Email channel: new CfnEmailChannel(analyticsStack,
// 'fieldguideEmailChannel', { applicationId: analyticsFieldguide.ref, enabled: true, fromAddress:
// '<verified sender>', identity: '<SES identity ARN>' }) from aws-cdk-lib/aws-pinpoint, and add
// 'EMAIL' to the channels output below.
backend.addOutput({
  notifications: {
    aws_region: analyticsStack.region,
    amazon_pinpoint_app_id: analyticsFieldguide.ref,
    channels: ['IN_APP_MESSAGING', 'SMS'],
  },
});

const predictionsStack = backend.createStack('predictions');

// predictions/identifyrangers: identifyEntities (Rekognition) for the app's users.
// TODO(amplify-migrate): grant rekognition:DetectFaces, rekognition:RecognizeCelebrities,
// rekognition:SearchFacesByImage on predictions/identifyrangers: auth was not converted, so Gen 2
// has no identity pool roles to grant access to.
// TODO(amplify-migrate): the Gen 1 template of predictions/identifyrangers also created
// CollectionCreationFunction (AWS::Lambda::Function), CollectionsCreation (Custom::LambdaCallout);
// re-create them with CDK if the app relies on them.
backend.addOutput({
  custom: {
    Predictions: {
      identify: {
        identifyEntities: {
          region: predictionsStack.region,
          proxy: false,
          defaults: { maxEntities: 10 },
        },
      },
    },
  },
});

// predictions/speakname: speechGenerator (Polly) for the app's users.
// TODO(amplify-migrate): grant polly:SynthesizeSpeech on predictions/speakname: auth was not
// converted, so Gen 2 has no identity pool roles to grant access to.
backend.addOutput({
  custom: {
    Predictions: {
      convert: {
        speechGenerator: {
          region: predictionsStack.region,
          proxy: false,
          defaults: { voiceId: 'Amy' },
        },
      },
    },
  },
});

// predictions/translatenotes: translateText (Translate) for the app's users.
// TODO(amplify-migrate): grant translate:TranslateText, comprehend:DetectDominantLanguage on
// predictions/translatenotes: auth was not converted, so Gen 2 has no identity pool roles to grant
// access to.
backend.addOutput({
  custom: {
    Predictions: {
      convert: {
        translateText: {
          region: predictionsStack.region,
          proxy: false,
          defaults: { sourceLanguage: 'en', targetLanguage: 'es' },
        },
      },
    },
  },
});

// video/lectures
// TODO(amplify-migrate): video/lectures (amplify-video video-on-demand, settings
// contentDeliveryNetwork.enableDistribution=true, contentDeliveryNetwork.signedKey=false,
// shared.resourceName=lectures, template.name=Amplify_Video_HLS.json, template.type=[ "HLS" ]) was
// not converted: rebuild it with CDK in backend.createStack('video') (the AWS "Video on Demand on
// AWS" solution is the reference), or keep it in the Gen 1 stack.

const videoStack = backend.createStack('video');

// video/trailcam: the IVS live channel.
const videoTrailcam = new CfnChannel(videoStack, 'trailcam', {
  name: `trailcam-${branchName}`,
  latencyMode: 'NORMAL',
  type: 'BASIC',
});
new CfnStreamKey(videoStack, 'trailcamStreamKey', { channelArn: videoTrailcam.attrArn });
backend.addOutput({
  custom: {
    video: {
      trailcam: {
        channel_arn: videoTrailcam.attrArn,
        ingest_endpoint: videoTrailcam.attrIngestEndpoint,
        playback_url: videoTrailcam.attrPlaybackUrl,
      },
    },
  },
});

// The geo section of amplify_outputs.json, as Gen 1's aws-exports had it (default map, index and
// collection).
backend.addOutput({
  geo: {
    aws_region: geoStack.region,
    maps: {
      items: {
        [geoSatellite.mapName]: { style: 'RasterEsriImagery' },
        [geoTrailmap.mapName]: { style: 'VectorEsriTopographic' },
      },
      default: geoTrailmap.mapName,
    },
    search_indices: { items: [geoPlacesearch.indexName], default: geoPlacesearch.indexName },
    geofence_collections: {
      items: [geoParkbounds.collectionName],
      default: geoParkbounds.collectionName,
    },
  },
});

// kms/tokenkey: the Gen 1 CloudFormation template.
// TODO(amplify-migrate): kms/tokenkey was not converted: the template is YAML, which
// amplify-migrate does not analyse, so its parameters cannot be matched to Gen 2 values. Copy
// amplify/backend/kms/tokenkey/tokenkey-cloudformation-template.yml next to this file and include
// it: new CfnInclude(backend.createStack('tokenkey'), 'tokenkey', { templateFile, parameters: {
// env: branchName, ... } }) from aws-cdk-lib/cloudformation-include, or rewrite its resources in
// CDK.

// myplugin/auditlog: the Gen 1 CloudFormation template, included as is (same logical IDs) in its
// own stack.
const mypluginAuditlog = new CfnInclude(backend.createStack('auditlog'), 'auditlog', {
  templateFile: fileURLToPath(new URL('./myplugin/auditlog/auditlog-cloudformation-template.json', import.meta.url)),
  parameters: {
    env: branchName,
    retentionInDays: '30',
    analyticssightingskinesisStreamArn: analyticsSightings.attrArn,
  },
});

// Resources with no Gen 2 conversion
// TODO(amplify-migrate): auth/fieldguideauth (service "Cognito") was not converted; recreate it
// with CDK in this file (backend.createStack('fieldguideauth')) or remove it if it is no longer
// used. Its Gen 1 files are in amplify/backend/auth/fieldguideauth.
// TODO(amplify-migrate): auth/userPoolGroups (service "Cognito-UserPool-Groups") was not converted;
// recreate it with CDK in this file (backend.createStack('userPoolGroups')) or remove it if it is
// no longer used. Its Gen 1 files are in amplify/backend/auth/userPoolGroups.

// Stack tags from Gen 1's backend/tags.json: {project-env} is the branch name, {project-name} the
// Gen 1 project name.
Tags.of(backend.stack).add('user:Stack', branchName);
Tags.of(backend.stack).add('user:Application', 'fieldguide');
