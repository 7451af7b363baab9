package model

// OtherResource describes a resource whose service has no model of its own
// category file (analytics, geo, predictions, interactions, notifications,
// hosting, video, anything unknown): its parameters, the files in its
// folder, and, for the services the conversion knows, a typed view.
//
// Owned by the conversion of the "other" categories.
type OtherResource struct {
	// Parameters are the resource's backend-config.json settings overlaid
	// by its parameters.json and cli-inputs.json values, flattened to
	// strings; Positions says where each was read.
	Parameters map[string]string
	Positions  map[string]Pos
	// ParametersFile is the file the parameters came from (cli-inputs.json
	// when the folder has both it and parameters.json).
	ParametersFile string
	// Templates are CloudFormation templates found in the folder.
	Templates []string
	// Template is the first of Templates as read, for resources that are
	// carried into Gen 2 as the template itself.
	Template *CfnTemplate
	// Files are all files in the folder, relative to Project.Root, sorted.
	Files []string

	// At most one of these is set, by category and service.
	Geo           *Geo
	Analytics     *Analytics
	Notifications *Notifications
	Predictions   *Predictions
	Interactions  *Interactions
	Video         *Video
	Hosting       *Hosting
}

// Geo access types as Gen 1 writes them.
const (
	GeoAuthorizedUsers         = "AuthorizedUsers"
	GeoAuthorizedAndGuestUsers = "AuthorizedAndGuestUsers"
	GeoCognitoGroups           = "CognitoGroups"
)

// Geo is an Amazon Location resource: a map, a place index or a geofence
// collection (Service "Map", "PlaceIndex", "GeofenceCollection").
type Geo struct {
	// Name is mapName, indexName or collectionName; Gen 1 names the AWS
	// resource "<Name>-<env>".
	Name string
	// MapStyle is a map's style (e.g. "VectorEsriStreets").
	MapStyle string
	// DataProvider and IntendedUse ("SingleUse" or "Storage") are a place
	// index's data source settings.
	DataProvider string
	IntendedUse  string
	// PricingPlan is only set by old projects.
	PricingPlan string
	// IsDefault marks the default map, index or collection of the client
	// configuration.
	IsDefault bool
	// AccessType says which identity pool roles may use the resource.
	AccessType string
	// Groups are the Cognito groups given access (maps and indexes get the
	// same actions as signed-in users).
	Groups []string
	// GroupAccess holds a geofence collection's per-group permissions.
	GroupAccess []GeoGroupAccess
	// Actions are the IAM actions the Gen 1 template grants on the
	// resource (from its policy), or nil when the template was not read.
	Actions []string
}

// GeoGroupAccess is what one Cognito group may do with a geofence collection.
type GeoGroupAccess struct {
	Group string
	// Permissions as Gen 1 words them ("Read geofence", "Create/Update
	// geofence", "Delete geofence", "List geofences").
	Permissions []string
	Pos         Pos
}

// Analytics is an analytics resource: an Amazon Pinpoint project (Service
// "Pinpoint") or a Kinesis data stream (Service "Kinesis").
type Analytics struct {
	// AppName is the Pinpoint project name; Gen 1 names it "<AppName>-<env>".
	AppName string
	// StreamName and ShardCount describe a Kinesis stream ("<StreamName>-<env>").
	StreamName string
	ShardCount int
	// InAppMessaging is set when the template also lets app users fetch
	// in-app messages.
	InAppMessaging bool
	// GuestAccess is false when the template grants nothing to guests.
	GuestAccess bool
}

// Notifications is the Pinpoint resource of the notifications category.
type Notifications struct {
	// Channels are the enabled channels as Gen 1 names them (SMS, Email,
	// APNS, FCM, InAppMessaging), in file order.
	Channels []string
	// AppName is the Pinpoint project the channels belong to.
	AppName string
	// ChannelSettings are the non-secret channel settings Gen 1 recorded
	// in amplify-meta.json (e.g. Email FromAddress), by channel.
	ChannelSettings map[string]map[string]string
}

// Predictions is a predictions resource (Service "Rekognition",
// "Textract", "Translate", "Polly", "Transcribe", "Comprehend").
type Predictions struct {
	// Kind is convertType, identifyType or interpretType (e.g.
	// "speechGenerator", "translateText", "identifyText").
	Kind string
	// Access is "auth" or "authAndGuest".
	Access string
	// Settings are the remaining parameters (language, voice, ...).
	Settings map[string]string
	// Actions are the IAM actions the Gen 1 template grants to app users.
	Actions []string
	// OtherResources are resources of the template other than the user
	// policies (buckets, functions, collections), by type.
	OtherResources []string
}

// Interactions is a Lex (V1) chatbot.
type Interactions struct {
	BotName     string
	OutputVoice string
	// Coppa is the child-directed setting.
	Coppa   bool
	Intents []LexIntent
}

// LexIntent is one intent of a Lex bot.
type LexIntent struct {
	Name       string
	Utterances []string
	Slots      []string
}

// Video is an amplify-video resource (serviceType "ivs" for live
// streaming, "video-on-demand" for VOD).
type Video struct {
	ServiceType string
	// Settings are props.json values flattened to "section.key".
	Settings map[string]string
}

// Hosting is a hosting resource: Amplify Hosting ("amplifyhosting") or an
// S3 bucket behind CloudFront ("S3AndCloudFront").
type Hosting struct {
	// Type is amplifyhosting's "manual" or "cicd".
	Type string
	// BucketName is the S3AndCloudFront bucket setting.
	BucketName string
}

// FrontendBuild is how the frontend is built (project-config.json).
type FrontendBuild struct {
	SourceDir       string
	DistributionDir string
	BuildCommand    string
	StartCommand    string
	Pos             Pos
}
