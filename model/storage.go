package model

// Bucket is an S3 storage resource (service "S3").
//
// Owned by the storage conversion. Settings come from cli-inputs.json (CLI
// 7+) or, in older projects, parameters.json and storage-params.json; when
// the S3 CloudFormation template is in the resource folder it is the truth
// for what Gen 1 deployed (IAM grants, CORS, encryption, versioning,
// notifications), since users edited it by hand.
type Bucket struct {
	// Source is the settings file (cli-inputs.json or parameters.json);
	// Template the CloudFormation template, when present.
	Source   string
	Template string

	// BucketName is the Gen 1 bucketName setting (the physical name adds the
	// stack id and the environment, see PhysicalName).
	BucketName    string
	BucketNamePos Pos
	// PhysicalName is the deployed bucket name (amplify-meta output
	// BucketName, or team-provider-info bucketName for imported buckets);
	// empty when unknown.
	PhysicalName string
	// Region is the deployed region, when known.
	Region string
	// PhysicalPattern is the template's BucketName with what is only known
	// in AWS left as {{Name}} ("claptime-storage-{{env}}"), when the
	// template is present.
	PhysicalPattern string

	// StorageAccess is "auth" or "authAndGuest" (who may use the bucket).
	StorageAccess    string
	StorageAccessPos Pos
	// AuthAccess and GuestAccess are the cli-inputs permissions
	// (S3Create, S3Read, S3Delete); empty for old projects, whose grants are
	// only in Grants.
	AuthAccess     []S3Permission
	AuthAccessPos  Pos
	GuestAccess    []S3Permission
	GuestAccessPos Pos
	// Groups are the user pool groups with bucket-wide access, in file order.
	Groups []S3GroupAccess

	// Grants are the IAM grants Gen 1 deployed for the bucket's users
	// (authenticated, guest, groups, trigger functions), resolved from the
	// template or computed with the CLI's rules. Function grants from
	// function-parameters.json are not here: they belong to the function
	// (Function.Permissions).
	Grants []S3Grant

	// Triggers are the Lambda notifications of the bucket.
	Triggers []S3Trigger

	// Bucket properties Gen 1 set; nil or empty means the CLI default.
	CORS       []S3CORSRule
	CORSPos    Pos
	Versioned  *bool
	VersionPos Pos
	// Encryption is the SSE algorithm ("AES256", "aws:kms"), with the KMS
	// key when one was named.
	Encryption    string
	EncryptionKMS string
	EncryptionPos Pos
	// Retain is the template's DeletionPolicy Retain (the CLI default).
	Retain bool
	// Unrecognized lists template resources and bucket properties the reader
	// did not map, so the writer can report them.
	Unrecognized []TemplateItem

	// PolicyUUID is CLI bookkeeping (names of the Gen 1 IAM policies).
	PolicyUUID string

	// Settings holds the raw values read, flattened to strings, so that
	// nothing is lost before a typed field exists for it.
	Settings  map[string]string
	Positions map[string]Pos
}

// S3Permission is a cli-inputs permission on a bucket.
type S3Permission string

// The cli-inputs permissions (S3PermissionType in the CLI).
const (
	S3Create S3Permission = "CREATE_AND_UPDATE"
	S3Read   S3Permission = "READ"
	S3Delete S3Permission = "DELETE"
)

// S3GroupAccess is a user pool group's permissions on a bucket.
type S3GroupAccess struct {
	Group       string
	Permissions []S3Permission
	Pos         Pos
}

// S3GranteeKind says who a grant is for.
type S3GranteeKind string

// Grantee kinds.
const (
	S3Authenticated S3GranteeKind = "authenticated"
	S3Guest         S3GranteeKind = "guest"
	S3Group         S3GranteeKind = "group"
	S3Function      S3GranteeKind = "function"
)

// S3Grantee is an IAM role that receives a grant: the identity pool's
// authenticated or unauthenticated role, a user pool group's role, or a
// function's execution role.
type S3Grantee struct {
	Kind S3GranteeKind
	// Name is the group or function name.
	Name string
}

// S3Grant is one Allow statement on the bucket: actions on object keys
// matching Key ("public/*", "protected/${cognito-identity.amazonaws.com:sub}/*",
// "*" for the whole bucket), or, when Key is empty, on the bucket itself
// (s3:ListBucket), limited to Prefixes (the s3:prefix condition) when given.
type S3Grant struct {
	Grantee  S3Grantee
	Actions  []string
	Key      string
	Prefixes []string
	Pos      Pos
}

// IdentitySub is the IAM policy variable Gen 1 used for "the signed-in
// identity" in protected/ and private/ keys.
const IdentitySub = "${cognito-identity.amazonaws.com:sub}"

// S3Trigger is a Lambda function notified of bucket events.
type S3Trigger struct {
	Function string
	// Events are S3 event names ("s3:ObjectCreated:*", "s3:ObjectRemoved:*").
	Events []string
	// Prefix and Suffix filter the keys; PrefixAddsRegion means Gen 1
	// appended the region to the prefix (the admin trigger of the CLI).
	Prefix           string
	PrefixAddsRegion bool
	Suffix           string
	Pos              Pos
}

// S3CORSRule is one bucket CORS rule.
type S3CORSRule struct {
	ID             string
	AllowedHeaders []string
	AllowedMethods []string
	AllowedOrigins []string
	ExposedHeaders []string
	MaxAge         int
}

// TemplateItem is something in a CloudFormation template: a resource
// (logical id and type) or a property of one.
type TemplateItem struct {
	LogicalID string
	Type      string
	Property  string
	// Raw is the item's JSON as written in the template.
	Raw string
	Pos Pos
}

// Table is a DynamoDB storage resource (service "DynamoDB").
//
// Owned by the storage conversion. Keys and indexes come from cli-inputs.json
// (CLI 7+) or parameters.json; the table's CloudFormation template, when
// present, is the truth (users edited billing, TTL and indexes there).
type Table struct {
	Source   string
	Template string

	// TableName is the Gen 1 tableName setting (deployed as
	// "<TableName>-<env>").
	TableName    string
	TableNamePos Pos
	// PhysicalName is the deployed table name, when known (amplify-meta
	// output Name, or team-provider-info tableName for imported tables).
	PhysicalName string
	// Arn and StreamArn are the deployed ARNs, when known.
	Arn       string
	StreamArn string
	Region    string

	PartitionKey KeyAttribute
	SortKey      *KeyAttribute
	GSIs         []TableIndex
	LSIs         []TableIndex

	// BillingMode is "PROVISIONED" or "PAY_PER_REQUEST".
	BillingMode   string
	ReadCapacity  int
	WriteCapacity int
	BillingPos    Pos
	// Stream is the stream view type ("NEW_IMAGE", ...), "" for none.
	Stream    string
	StreamPos Pos
	// TTLAttribute is the time-to-live attribute, "" for none.
	TTLAttribute string
	TTLPos       Pos
	// PointInTimeRecovery and SSE (server-side encryption with a KMS key)
	// as the template set them.
	PointInTimeRecovery bool
	SSE                 bool
	SSEPos              Pos
	// DeletionProtection as the template set it.
	DeletionProtection bool

	// Triggers are the functions the table's triggerFunctions (cli-inputs)
	// feeds from its stream; the storage conversion wires them. Other event
	// source mappings on the stream are in the functions' templates and the
	// function conversion wires them.
	Triggers []TableTrigger

	Unrecognized []TemplateItem

	Settings  map[string]string
	Positions map[string]Pos
}

// KeyAttribute is a key attribute: its name and DynamoDB type ("S", "N",
// "B").
type KeyAttribute struct {
	Name string
	Type string
	Pos  Pos
}

// TableIndex is a secondary index.
type TableIndex struct {
	Name         string
	PartitionKey KeyAttribute
	SortKey      *KeyAttribute
	// Projection is "ALL", "KEYS_ONLY" or "INCLUDE" (with NonKeyAttributes).
	Projection       string
	NonKeyAttributes []string
	// ReadCapacity and WriteCapacity are 0 for on-demand tables.
	ReadCapacity  int
	WriteCapacity int
	Pos           Pos
}

// TableTrigger is a function fed by the table's stream.
type TableTrigger struct {
	Function string
	// BatchSize and StartingPosition ("LATEST", "TRIM_HORIZON") as Gen 1
	// set them on the event source mapping (the CLI writes 100 and LATEST).
	BatchSize        int
	StartingPosition string
	Enabled          bool
	Pos              Pos
}
