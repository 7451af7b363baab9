package model

// Function is a Lambda function resource (service "Lambda").
//
// Owned by the function conversion; extend it with every setting Gen 2 needs.
// Other conversions rely on Permissions (auth and storage turn them into
// access rules) and on Runtime/RuntimeFamily.
type Function struct {
	// Runtime is the Lambda runtime identifier from the CloudFormation
	// template (e.g. "nodejs18.x", "python3.8"); RuntimeFamily is
	// amplify.state's functionRuntime (nodejs, python, go, java, dotnet...).
	Runtime       string
	RuntimeFamily string
	Handler       string
	// Architecture is "arm64" when the template asks for it; "" means the
	// Lambda default, x86_64.
	Architecture string
	// TimeoutSeconds and MemoryMB are the template's Timeout and MemorySize;
	// 0 means the template leaves them to Lambda's defaults (3 s, 128 MB).
	TimeoutSeconds int
	MemoryMB       int

	// SourceDir is the folder holding the handler code, relative to
	// Project.Root ("amplify/backend/function/<name>/src", or lib/ for
	// TypeScript functions that Gen 1 compiled into src/).
	SourceDir string
	// Files are the files under SourceDir (relative to Project.Root,
	// sorted), without dependencies and build output.
	Files []string
	// Code are the JavaScript and TypeScript files among Files, with their
	// text (handlers may need mechanical rewrites).
	Code []SourceFile
	// BuildFiles are files beside SourceDir that the Gen 1 build used and
	// that a Gen 2 build needs too (Pipfile, build.gradle, go.mod, *.csproj,
	// the gradle wrapper), relative to Project.Root, sorted.
	BuildFiles []string
	// PackageJSON is the function's package.json (relative to Project.Root),
	// "" when it has none; Dependencies and DevDependencies are read from it.
	PackageJSON     string
	Dependencies    []PackageDependency
	DevDependencies []PackageDependency
	// PythonPackages are the packages of a Python function's Pipfile.lock
	// (pinned "==1.2.3") or, without a lock, its Pipfile; PythonPackagesFrom
	// names the file.
	PythonPackages     []PackageDependency
	PythonPackagesFrom string

	// Template is the function's CloudFormation template, relative to Project.Root.
	Template string
	// Env are the template's environment variables, in template order.
	Env []EnvVar
	// Secrets are function-parameters.json secretNames: their values live in
	// SSM and are never read.
	Secrets []FunctionSecret
	// Schedule is the CloudWatchRule parameter ("rate(5 minutes)",
	// "cron(0 12 * * ? *)"), "" when the function is not scheduled.
	Schedule string
	// Layers are the layers the function uses, in function-parameters.json order.
	Layers []LayerRef
	// Policies are the IAM statements the Gen 1 function role had beyond
	// the basic execution policy: the template's policies (the generated
	// AmplifyResourcesPolicy and any the user added) and custom-policies.json.
	Policies []PolicyStatement
	// EventSources are the template's event source mappings (DynamoDB and
	// Kinesis stream triggers).
	EventSources []EventSource
	// OtherResources are template resources the reader does not interpret,
	// reported so that nothing in the template is silently dropped.
	OtherResources []TemplateResource
	// Trigger is set for Cognito trigger functions made by `amplify add auth`.
	Trigger *TriggerInfo

	// Permissions are function-parameters.json permissions: category ->
	// resource name (or "Model:@model(appsync)") -> operations as written
	// ("create", "read", "update", "delete", "Query", "Mutation", ...).
	Permissions map[string]map[string][]string
	// Settings are function-parameters.json values flattened to strings.
	Settings map[string]string
	// Positions maps setting names to where they were read: the keys of
	// Settings, and "runtime", "handler", "timeout", "memory",
	// "architecture", "schedule", "permissions.<category>.<resource>".
	Positions map[string]Pos
}

// PackageDependency is one entry of a package.json dependency map.
type PackageDependency struct {
	Name    string
	Version string
	Pos     Pos
}

// FunctionSecret is a secret a Gen 1 function read from SSM.
type FunctionSecret struct {
	Name string
	Pos  Pos
}

// EnvVar is one environment variable of a Gen 1 function.
type EnvVar struct {
	Name  string
	Value CfnValue
	Pos   Pos
}

// LayerRef is a layer a function uses: a layer of the project (Project is
// its resource name) or an external one (Arn).
type LayerRef struct {
	Project string
	Arn     string
	// Version is the Gen 1 version choice for project layers ("Always
	// choose latest version" or a number).
	Version string
	Pos     Pos
}

// PolicyStatement is an IAM statement of a Gen 1 function role.
type PolicyStatement struct {
	// Source names where the statement came from, for reports:
	// "custom-policies.json" or "template policy AmplifyResourcesPolicy".
	Source string
	// Generated is true for statements Amplify generated from
	// function-parameters.json permissions (the template's
	// AmplifyResourcesPolicy); false for statements a person wrote.
	Generated bool
	Effect    string // "Allow" or "Deny"
	Actions   []string
	Resources []CfnValue
	// Condition is the statement's Condition block as JSON, "" when none.
	Condition string
	// Unsupported says why the statement cannot be converted as is
	// (NotAction, NotResource, Principal); "" when it can.
	Unsupported string
	Raw         string
	Pos         Pos
}

// EventSource is an AWS::Lambda::EventSourceMapping of the function.
type EventSource struct {
	LogicalID        string
	Source           CfnValue // the stream (or queue) ARN
	BatchSize        int
	StartingPosition string
	// Enabled is false only when the template disables the mapping.
	Enabled bool
	// Extra are other properties of the mapping, as JSON by name.
	Extra map[string]string
	Pos   Pos
}

// TemplateResource is a resource of a Gen 1 template.
type TemplateResource struct {
	LogicalID string
	Type      string
	// Principal is the service a Lambda permission is for ("s3.amazonaws.com").
	Principal string
	// Raw is the resource (or property value) as JSON.
	Raw string
	Pos Pos
}

// TriggerInfo describes a Cognito trigger made by the auth category.
type TriggerInfo struct {
	// Auth is the auth resource the trigger belongs to.
	Auth string
	// Event is the Gen 1 trigger key ("PreSignup", "CustomMessage").
	Event string
	// Modules are the template modules the Gen 1 dispatcher loads, in MODULES order.
	Modules []string
	Pos     Pos
}

// Layer is a Lambda layer resource (service "LambdaLayer").
type Layer struct {
	// Runtimes are the Lambda runtimes the layer is compatible with
	// ("nodejs18.x"); RuntimeFamilies are the layer-configuration.json
	// runtime values ("nodejs", "python").
	Runtimes        []string
	RuntimeFamilies []string
	// Files are the layer's content files (lib/ and opt/), relative to
	// Project.Root, sorted.
	Files []string
	// Dependencies are those of the package.json files under lib/<runtime>/
	// (Node layers): the modules the layer provides.
	Dependencies []PackageDependency
	Description  string
	// Permissions are the layer-configuration.json sharing permissions
	// ("Private", "Public", "AwsAccounts", "AwsOrg").
	Permissions []string
	Settings    map[string]string
	Positions   map[string]Pos
}

// CfnValue is a CloudFormation value from a Gen 1 template, as the parts it
// concatenates, with the references the reader could resolve.
type CfnValue struct {
	Parts []ValuePart
	// Raw is the value as written in the template (JSON).
	Raw string
	Pos Pos
}

// PartKind says what a ValuePart is.
type PartKind int

const (
	// PartText is literal text.
	PartText PartKind = iota
	// PartEnv is the Gen 1 environment name (Ref env).
	PartEnv
	// PartPseudo is a pseudo parameter; Text holds its name ("AWS::Region").
	PartPseudo
	// PartRef is an attribute of another resource of the project.
	PartRef
	// PartParam is a template parameter set per environment or in
	// parameters.json; Param names it and Value holds its value.
	PartParam
	// PartSelf is an attribute of the function itself; Text is "Name",
	// "Arn", "RoleName" or "RoleArn".
	PartSelf
	// PartUnknown is an expression the reader does not interpret; Text
	// holds its JSON.
	PartUnknown
)

// ValuePart is one piece of a CfnValue.
type ValuePart struct {
	Kind PartKind
	Text string
	Ref  AttrRef
	// Param, Value, HasValue and ValuePos describe a PartParam.
	Param    string
	Value    string
	HasValue bool
	ValuePos Pos
}

// AttrRef names an attribute of a resource of the project.
type AttrRef struct {
	Category  string
	Resource  string
	Attribute string
	// Model is set for a GraphQL model table: Resource is the API and
	// Attribute "Name", "Arn" or "StreamArn".
	Model string
}

// Literal returns the value as one string when every part is literal text.
func (v CfnValue) Literal() (string, bool) {
	s := ""
	for _, p := range v.Parts {
		if p.Kind != PartText {
			return "", false
		}
		s += p.Text
	}
	return s, true
}

// Single returns the value's only part, when it has exactly one.
func (v CfnValue) Single() (ValuePart, bool) {
	if len(v.Parts) != 1 {
		return ValuePart{}, false
	}
	return v.Parts[0], true
}
