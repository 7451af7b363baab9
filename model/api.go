package model

// GraphQLAPI is an AppSync resource (service "AppSync"): its schema and the
// settings of the API.
//
// Owned by the data conversion; extend it with every setting Gen 2 needs.
// Other conversions rely on Models and Functions.
type GraphQLAPI struct {
	// SchemaFiles are the schema.graphql file, or the files of the schema/
	// folder, relative to Project.Root, in the order they were joined.
	SchemaFiles []string
	// Settings are cli-inputs.json serviceConfiguration values flattened to
	// strings, kept for the report; the typed fields below are what
	// conversions use.
	Settings  map[string]string
	Positions map[string]Pos

	// Models are the @model types in schema order (their DynamoDB tables
	// are named after them), including @manyToMany join models.
	Models []string
	// Functions are the Gen 1 function resource names the API invokes
	// (@function handlers with "-${env}" removed, the Lambda authorizer,
	// the conflict handler).
	Functions []string

	// APIName is the AppSync API name (parameters.json AppSyncApiName, else
	// the resource name).
	APIName string
	// APIID is the deployed API id (amplify-meta GraphQLAPIIdOutput); empty
	// when amplify-meta.json is missing.
	APIID string

	// Transformer is the GraphQL transformer version the schema was built
	// with, and how that was decided.
	Transformer TransformerVersion
	// Flags are the cli.json graphqltransformer flags that change names or
	// stored data, with Gen 1's defaults applied.
	Flags TransformerFlags

	// Auth are the API's authorization modes.
	Auth APIAuth
	// Conflict is DataStore conflict resolution, nil when off.
	Conflict *ConflictResolution

	// Schema is the schema normalised to transformer v2 semantics (v1
	// schemas are upgraded as the official migrator does, keeping the
	// attribute names and keys v1 stored). Nil when the schema is missing
	// or could not be parsed.
	Schema *Schema
	// SourceSDL is the joined schema text as written.
	SourceSDL string

	// Resolvers are the custom VTL files of resolvers/ (README excluded).
	Resolvers []string
	// Stacks are custom CloudFormation stacks of stacks/ that define
	// resources (the default empty CustomResources.json is left out).
	Stacks []string
	// AdminRoles are custom-roles.json adminRoleNames: IAM roles given full
	// access to the API.
	AdminRoles    []string
	AdminRolesPos Pos
	// TransformConfig holds transform.conf.json settings that matter:
	// StackMapping entries, custom transformer plugins, resolver deduping.
	TransformConfig TransformConfig
}

// TransformConfig is what transform.conf.json holds besides conflict
// resolution.
type TransformConfig struct {
	// Version is the config-file format version (4 or 5), not the
	// transformer version.
	Version int
	// StackMapping moves resolvers into named stacks.
	StackMapping map[string]string
	// Transformers are custom transformer plugins.
	Transformers []string
	Pos          Pos
}

// TransformerVersion says which GraphQL transformer built the schema.
type TransformerVersion struct {
	// Version is 1 or 2.
	Version int
	// Source explains how Version was chosen ("cli.json transformerversion",
	// "no cli.json: projects without it predate v2", ...).
	Source string
	Pos    Pos
	// Directives are the version-specific directives seen in the schema
	// (e.g. "@key" for v1, "@primaryKey" for v2), deduplicated in order.
	V1Directives []string
	V2Directives []string
}

// TransformerFlags are the cli.json graphqltransformer flags that change
// names, keys or stored data. Values are Gen 1's, with Gen 1's defaults for
// flags that are missing.
type TransformerFlags struct {
	// RespectPrimaryKeyAttributesOnConnectionField: implicit foreign keys end
	// in the parent's primary key field name (postCommentsId) rather than a
	// fixed "id"; join-model keys are postId rather than postID.
	RespectPrimaryKeyAttributesOnConnectionField bool
	// EnableAutoIndexQueryNames: an @index without queryField gets a query.
	EnableAutoIndexQueryNames bool
	// SecondaryKeyAsGSI: when false an index on the table's partition key
	// was created as an LSI.
	SecondaryKeyAsGSI bool
	// UseSubUsernameForDefaultIdentityClaim: owner values are "sub::username".
	UseSubUsernameForDefaultIdentityClaim bool
	// ShouldDeepMergeDirectiveConfigDefaults: partial @model maps are
	// deep-merged with the defaults (Gen 1 default false, Gen 2 true).
	ShouldDeepMergeDirectiveConfigDefaults bool
	// PopulateOwnerFieldForStaticGroupAuth fills the owner field when a
	// static group rule authorizes a create.
	PopulateOwnerFieldForStaticGroupAuth bool
	// ImprovePluralization (v1 only; v2 always pluralizes properly).
	ImprovePluralization bool
	// Pos is cli.json's graphqltransformer section.
	Pos Pos
}

// AuthModeType is an AppSync authorization type as Gen 1 writes it.
type AuthModeType string

// AppSync authorization types.
const (
	AuthAPIKey    AuthModeType = "API_KEY"
	AuthIAM       AuthModeType = "AWS_IAM"
	AuthUserPools AuthModeType = "AMAZON_COGNITO_USER_POOLS"
	AuthOIDC      AuthModeType = "OPENID_CONNECT"
	AuthLambda    AuthModeType = "AWS_LAMBDA"
)

// APIAuth are the authorization modes of an AppSync API.
type APIAuth struct {
	// Default is the default mode; Type is empty when none was found.
	Default AuthMode
	// Additional are the other modes, in file order.
	Additional []AuthMode
	// Source is the file the modes were read from.
	Source string
}

// Modes returns the default and additional modes.
func (a APIAuth) Modes() []AuthMode {
	if a.Default.Type == "" {
		return a.Additional
	}
	return append([]AuthMode{a.Default}, a.Additional...)
}

// Has reports whether the API has a mode of type t.
func (a APIAuth) Has(t AuthModeType) bool {
	for _, m := range a.Modes() {
		if m.Type == t {
			return true
		}
	}
	return false
}

// Mode returns the mode of type t, or nil.
func (a APIAuth) Mode(t AuthModeType) *AuthMode {
	if a.Default.Type == t {
		return &a.Default
	}
	for i := range a.Additional {
		if a.Additional[i].Type == t {
			return &a.Additional[i]
		}
	}
	return nil
}

// AuthMode is one authorization mode with its settings.
type AuthMode struct {
	Type AuthModeType
	Pos  Pos

	// API key.
	APIKeyExpirationDays int
	APIKeyDescription    string

	// Cognito user pools: the auth resource that holds the pool.
	UserPoolResource string

	// OpenID Connect. TTLs are in milliseconds as Gen 1 stores them; 0 when
	// unset.
	OIDCProviderName string
	OIDCIssuerURL    string
	OIDCClientID     string
	OIDCAuthTTL      int
	OIDCIatTTL       int

	// Lambda authorizer: the Gen 1 function resource and the cache TTL.
	LambdaFunction   string
	LambdaTTLSeconds int
	LambdaTTLSet     bool
}

// ConflictResolution is DataStore conflict detection and resolution.
type ConflictResolution struct {
	// Strategy is the project-wide handler: OPTIMISTIC_CONCURRENCY,
	// AUTOMERGE or LAMBDA.
	Strategy string
	// LambdaFunction is the conflict handler function, for LAMBDA.
	LambdaFunction string
	// Models are per-model overrides, in file order.
	Models []ModelConflict
	Pos    Pos
}

// ModelConflict is a per-model conflict strategy.
type ModelConflict struct {
	Model    string
	Strategy string
	Pos      Pos
}
