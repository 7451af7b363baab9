package model

// Custom is a custom resource: a CDK stack (service "customCDK") or a
// CloudFormation template (service "customCloudformation").
//
// Owned by the custom-resource conversion.
type Custom struct {
	// Stack is cdk-stack.ts for CDK resources.
	Stack *SourceFile
	// Dependencies are the npm dependencies of the CDK resource's own
	// package.json, in file order (devDependencies flagged Dev).
	Dependencies []NpmDependency
	// Files are the other files of a CDK resource's folder that its code
	// may read at synth time (VTL templates, JSON, assets), relative to
	// Project.Root, sorted. Build files (package.json, tsconfig.json,
	// lock files, .npmrc) are in BuildFiles instead.
	Files      []string
	BuildFiles []string

	// Template is the CloudFormation template's path for CloudFormation
	// resources ("" when missing); CfnTemplate is what was read from it.
	Template    string
	CfnTemplate *CfnTemplate
	// Parameters are the values of the resource's parameters.json, in file
	// order.
	Parameters []ParamValue
}

// NpmDependency is one entry of a package.json dependency list.
type NpmDependency struct {
	Name    string
	Version string
	Dev     bool
	Pos     Pos
}

// ParamValue is one CloudFormation parameter value given in a Gen 1
// parameters.json. JSON is the value as JSON (a string value is quoted).
type ParamValue struct {
	Name string
	JSON string
	// Str is the value when it is a plain string, number or boolean
	// (CloudFormation passes all of them as strings); IsScalar says so.
	Str      string
	IsScalar bool
	// RootRef names the root-stack value a Gen 1 parameters.json passed
	// ({"Ref": "AuthRoleName"} -> "AuthRoleName", {"Fn::GetAtt": ["AuthRole",
	// "Arn"]} -> "AuthRole.Arn"), or is empty.
	RootRef string
	Pos     Pos
}

// CfnTemplate is what a conversion needs to know about a CloudFormation
// template it includes as is.
type CfnTemplate struct {
	// Path is relative to Project.Root.
	Path string
	// Format is "json" or "yaml".
	Format string
	// Parameters, Resources and Outputs are in file order.
	Parameters []CfnParameter
	Resources  []CfnResource
	Outputs    []string
	// Gen1Names are Gen 1 physical names written into the template as
	// literals (the auth and guest role names, the deployment bucket, the
	// root stack name): they no longer exist in Gen 2.
	Gen1Names []Gen1Name
	// Problem says why the template cannot be included as it is (empty,
	// not a CloudFormation template, YAML that was not analysed); empty
	// when it can.
	Problem string
	Pos     Pos
}

// CfnParameter is one parameter a template declares.
type CfnParameter struct {
	Name       string
	Type       string
	HasDefault bool
	Pos        Pos
}

// CfnResource is one resource of a template.
type CfnResource struct {
	LogicalID string
	Type      string
	// Roles are the literal role names of an IAM policy's Roles property
	// (every branch of an Fn::If), or nil when it names any role another way.
	Roles []string
	Pos   Pos
}

// Gen1Name is a Gen 1 physical name found as a literal in a template.
type Gen1Name struct {
	Value string
	// Kind is "auth role", "guest role", "deployment bucket" or "root stack".
	Kind string
	Pos  Pos
}

// Parameter returns the template parameter with the given name, or nil.
func (t *CfnTemplate) Parameter(name string) *CfnParameter {
	for i := range t.Parameters {
		if t.Parameters[i].Name == name {
			return &t.Parameters[i]
		}
	}
	return nil
}

// HasOutput reports whether the template declares the output.
func (t *CfnTemplate) HasOutput(name string) bool {
	for _, o := range t.Outputs {
		if o == name {
			return true
		}
	}
	return false
}
