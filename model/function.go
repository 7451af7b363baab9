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
	// SourceDir is the folder holding the handler code, relative to
	// Project.Root ("amplify/backend/function/<name>/src").
	SourceDir string
	// Template is the function's CloudFormation template, relative to Project.Root.
	Template string
	// Permissions are function-parameters.json permissions: category ->
	// resource name (or "Model:@model(appsync)") -> operations as written
	// ("create", "read", "update", "delete", "Query", "Mutation", ...).
	Permissions map[string]map[string][]string
	Settings    map[string]string
	Positions   map[string]Pos
}

// Layer is a Lambda layer resource (service "LambdaLayer").
type Layer struct {
	Runtimes  []string
	Settings  map[string]string
	Positions map[string]Pos
}
