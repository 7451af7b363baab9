package model

// Setting is one value read from a Gen 1 file, with where it was read.
// IsSet is false when the file left the setting out (Value is then the zero
// value and Pos names the file and the path where it would have been).
type Setting[T any] struct {
	Value T
	Pos   Pos
	IsSet bool
}

// Auth is a Cognito resource (service "Cognito"): a user pool and usually an
// identity pool. Settings come from cli-inputs.json (cognitoConfig) or, in
// older projects, parameters.json; deployed IDs come from amplify-meta.json
// and team-provider-info.json. Every typed field keeps its position.
//
// The model never holds secret values: social provider credentials are
// recorded only as present (with their position), so nothing downstream can
// leak them.
//
// Owned by the auth conversion; extend it with every setting Gen 2 needs.
// Other conversions may rely on Groups, Deployed and Imported.
type Auth struct {
	// Source is the file the settings were read from.
	Source string
	// Legacy is true when the settings came from parameters.json because the
	// project predates cli-inputs.json.
	Legacy bool

	// Imported is set for serviceType "imported": the pools exist outside
	// the Gen 1 project and are only referenced.
	Imported *ImportedAuth
	// Deployed are the IDs of the pools Gen 1 deployed (amplify-meta.json
	// outputs), empty when the file is missing.
	Deployed AuthIDs

	// Selection is authSelections: "identityPoolAndUserPool",
	// "userPoolOnly" or "identityPoolOnly".
	Selection Setting[string]

	// Sign-in. UsernameAttributes empty means users sign in with a username;
	// AliasAttributes then lists the attributes that also work.
	UsernameAttributes    Setting[[]string]
	AliasAttributes       Setting[[]string]
	UsernameCaseSensitive Setting[bool]

	// Attributes, with Gen 1 (OIDC) names: "email", "phone_number",
	// "given_name", "custom:tier".
	RequiredAttributes     Setting[[]string]
	AutoVerifiedAttributes Setting[[]string]
	CustomAttributes       []CustomAttribute
	ClientReadAttributes   Setting[[]string]
	ClientWriteAttributes  Setting[[]string]

	// Password policy: minimum length and the required character classes as
	// Gen 1 writes them ("Requires Lowercase", "Requires Uppercase",
	// "Requires Numbers", "Requires Symbols").
	PasswordMinLength  Setting[int]
	PasswordCharacters Setting[[]string]

	// MFA is "OFF", "ON" or "OPTIONAL"; MFATypes are "SMS Text Message" and
	// "TOTP".
	MFA                      Setting[string]
	MFATypes                 Setting[[]string]
	SMSAuthenticationMessage Setting[string]

	// Verification messages; "{####}" stands for the code.
	EmailVerificationSubject Setting[string]
	EmailVerificationMessage Setting[string]
	SMSVerificationMessage   Setting[string]

	// App clients: Gen 1 creates a web client (no secret) and a native
	// client (secret when ClientGenerateSecret). RefreshTokenValidity is in
	// days and applies to both.
	ClientGenerateSecret Setting[bool]
	RefreshTokenValidity Setting[int]

	// Identity pool.
	AllowUnauthenticated Setting[bool]
	// Federation are the identity-pool login providers (Gen 1
	// thirdPartyAuth): provider domains with their public app IDs.
	Federation []FederatedProvider

	// Groups is userPoolGroupList, in file order. The groups resource
	// (UserPoolGroups) holds their precedence.
	Groups Setting[[]string]

	// Triggers are the Lambda triggers with the function each runs.
	Triggers []AuthTrigger
	// TriggerPermissions are the IAM statements Gen 1 gave trigger
	// functions on the user pool (cognitoConfig.permissions).
	TriggerPermissions []TriggerPermission

	// Hosted UI and OAuth.
	HostedUI   Setting[bool]
	DomainName Setting[string]
	OAuth      *OAuthSettings
	Providers  []IdentityProvider
	// Credentials lists where Gen 1 kept provider credentials (never their
	// values): hostedUIProviderCreds, *AppIdUserPool, *SecretUserPool...
	Credentials []CredentialRef

	// Admin Queries: a REST API for user administration, restricted to
	// members of AdminQueryGroup.
	AdminQueries    Setting[bool]
	AdminQueryGroup Setting[string]

	// Dropped lists CLI bookkeeping keys that were read and have no Gen 2
	// meaning, so that reports can say so setting by setting.
	Dropped []RawSetting
	// Unknown lists keys no typed field reads: kept, reported, never lost.
	Unknown []RawSetting
}

// RawSetting is a setting kept as written (flattened to a string; secret
// values are never stored).
type RawSetting struct {
	Key   string
	Value string
	Pos   Pos
}

// AuthIDs are the identifiers of deployed Cognito resources, each with the
// file it came from.
type AuthIDs struct {
	UserPoolID     Setting[string]
	UserPoolArn    Setting[string]
	WebClientID    Setting[string]
	NativeClientID Setting[string]
	IdentityPoolID Setting[string]
	HostedUIDomain Setting[string]
	// AuthRoleArn and UnauthRoleArn are the identity pool's roles: the
	// project's root stack roles, or the imported pool's own.
	AuthRoleArn   Setting[string]
	UnauthRoleArn Setting[string]
}

// ImportedAuth describes pools that Gen 1 imported (amplify import auth).
type ImportedAuth struct {
	IDs AuthIDs
	// Region is where the pools live, when the files say.
	Region Setting[string]
	// UserPoolOnly is true when no identity pool was imported.
	UserPoolOnly bool
}

// CustomAttribute is a user pool custom attribute ("custom:" + Name).
type CustomAttribute struct {
	Name string
	// DataType is "String", "Number", "DateTime" or "Boolean".
	DataType string
	Mutable  bool
	// Length or value constraints; nil when not set.
	MinLen, MaxLen *int
	Min, Max       *int
	// Inferred is true when the attribute was only seen in the app client's
	// read or write attributes, so its type and constraints are unknown.
	Inferred bool
	Pos      Pos
}

// AuthTrigger is one Lambda trigger of the user pool.
type AuthTrigger struct {
	// Name is the trigger as Gen 1 wrote it ("PreSignup"); empty for
	// triggers found only through dependsOn.
	Name string
	// Event is the Cognito LambdaConfig name: "PreSignUp", "CustomMessage",
	// "PostConfirmation", "PreAuthentication", "PostAuthentication",
	// "PreTokenGeneration", "DefineAuthChallenge", "CreateAuthChallenge",
	// "VerifyAuthChallengeResponse", "UserMigration"; empty when the
	// function's event could not be determined.
	Event string
	// Modules are the Gen 1 template modules the function runs
	// ("email-filter-allowlist", "add-to-group", "custom").
	Modules []string
	// Function is the Gen 1 function resource name.
	Function string
	// Inferred is true when the event was deduced from the function name
	// rather than read from the triggers setting.
	Inferred bool
	Pos      Pos
}

// TriggerEvents are the Cognito trigger events in the order Gen 2 lists them.
var TriggerEvents = []string{
	"CreateAuthChallenge", "CustomMessage", "DefineAuthChallenge", "PostAuthentication",
	"PostConfirmation", "PreAuthentication", "PreSignUp", "PreTokenGeneration",
	"UserMigration", "VerifyAuthChallengeResponse",
}

// TriggerPermission is an IAM statement Gen 1 attached to a trigger function.
type TriggerPermission struct {
	// Trigger is the event of the function it applies to (see AuthTrigger.Event).
	Trigger string
	Policy  string
	Effect  string
	Actions []string
	// OnUserPool is true when the statement's resource is the user pool.
	OnUserPool bool
	Pos        Pos
}

// OAuthSettings are the hosted UI's OAuth settings (oAuthMetadata).
type OAuthSettings struct {
	// Flows are "code" and/or "implicit" (and "client_credentials").
	Flows []string
	// Scopes as Cognito names them: "phone", "email", "openid", "profile",
	// "aws.cognito.signin.user.admin", or resource-server scopes.
	Scopes       []string
	CallbackURLs []string
	LogoutURLs   []string
	Pos          Pos
}

// IdentityProvider is a user pool identity provider of the hosted UI.
type IdentityProvider struct {
	// Name is the Cognito provider name: "Google", "Facebook",
	// "LoginWithAmazon", "SignInWithApple", or the name of an OIDC or SAML
	// provider.
	Name string
	// Type is "Google", "Facebook", "LoginWithAmazon", "SignInWithApple",
	// "OIDC" or "SAML".
	Type string
	// Scopes are the authorize scopes, in order.
	Scopes []string
	// AttributeMapping maps user pool attributes (Gen 1 names) to provider
	// attributes, in file order.
	AttributeMapping []AttributeMap
	// Details are the other provider settings (api_version, oidc_issuer,
	// attributes_request_method, MetadataURL...), never credentials.
	Details []RawSetting
	Pos     Pos
}

// AttributeMap is one attribute mapping entry.
type AttributeMap struct {
	UserPoolAttribute string
	ProviderAttribute string
}

// CredentialRef says that Gen 1 kept a credential of a provider somewhere,
// without its value.
type CredentialRef struct {
	// Provider is the provider name ("Google", "Facebook"...).
	Provider string
	// Field is "client_id", "client_secret", "team_id", "key_id" or
	// "private_key".
	Field string
	// InRepo is true when the value sits in a committed file
	// (cli-inputs.json, parameters.json, team-provider-info.json).
	InRepo bool
	Pos    Pos
}

// FederatedProvider is an identity-pool login provider.
type FederatedProvider struct {
	// Domain is the provider key: "graph.facebook.com",
	// "accounts.google.com", "www.amazon.com", "appleid.apple.com".
	Domain string
	// AppID is the provider's public app or client ID (several comma-joined
	// for Google web, iOS and Android); empty when unknown.
	AppID string
	Pos   Pos
}

// UserPoolGroups is the Cognito-UserPool-Groups resource: the groups of the
// project's user pool with their Gen 1 precedence.
type UserPoolGroups struct {
	Groups []UserPoolGroup
	// Source is user-pool-group-precedence.json.
	Source string
}

// UserPoolGroup is one Cognito group.
type UserPoolGroup struct {
	Name string
	// Precedence is the Gen 1 precedence; HasPrecedence is false when the
	// file left it out.
	Precedence    int
	HasPrecedence bool
	// CustomPolicies are IAM statements attached to the group's role
	// (customPolicies in the precedence file), as JSON.
	CustomPolicies []string
	// RoleArn is the deployed group role (amplify-meta.json output
	// <Name>GroupRole), when known.
	RoleArn Setting[string]
	Pos     Pos
}
