package writers

import (
	"fmt"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

// Cross-resource references.
//
// Gen 1 resources refer to each other's outputs by attribute name (a custom
// template's parameter "functionSubmissionHandlerArn", a CDK stack's
// dependencies.api.x.GraphQLAPIIdOutput, a function's environment). In Gen 2
// each becomes a TypeScript expression in amplify/backend.ts. A category
// writer that converts a resource publishes the expressions it knows with
// exportAttr (and, for override.ts, exportOverride); resolveAttr answers
// with the published expression, else with the Gen 2 default for resources
// whose shape is fixed (defineAuth, defineData, defineStorage,
// defineFunction, and the resources this package creates), else with the
// reason there is none.

// exportAttr publishes the expression for a Gen 1 output attribute of r
// ("Arn", "Name", "GraphQLAPIIdOutput", ...). The expression must be valid
// in amplify/backend.ts after the section that declares what it uses.
func (g *gen) exportAttr(r *model.Resource, attr, expr string) {
	m := g.exports[r.Ref()]
	if m == nil {
		m = map[string]string{}
		g.exports[r.Ref()] = m
	}
	m[attr] = expr
}

// exportOverride publishes the L1 construct that a Gen 1 override.ts
// reached as resources.<name> (e.g. "dynamoDBTable" -> the table's
// CfnTable expression).
func (g *gen) exportOverride(r *model.Resource, name, expr string) {
	g.exportAttr(r, "override:"+name, expr)
}

// resolveAttr returns the expression for attribute attr of the resource
// dep, adding the imports it needs to backend.ts, or "" and the reason
// there is none.
func (g *gen) resolveAttr(dep model.ResourceRef, attr string) (expr, why string) {
	if e, ok := g.exports[dep][attr]; ok {
		return e, ""
	}
	r := g.p.Find(dep.Category, dep.Name)
	if r == nil {
		return "", fmt.Sprintf("%s is not a resource of this project", dep)
	}
	switch {
	case r.Category == model.CategoryAuth && r.Service == "Cognito":
		return g.authAttr(r, attr)
	case r.Category == model.CategoryAuth && r.Service == "Cognito-UserPool-Groups":
		if !g.backend.HasResource("auth") {
			return "", "the user pool was not converted to defineAuth"
		}
		if group, ok := strings.CutSuffix(attr, "GroupRole"); ok && group != "" {
			return fmt.Sprintf("backend.auth.resources.groups[%s].role.roleArn", ts.Quote(group)), ""
		}
	case r.Category == model.CategoryAPI && r.Service == "AppSync":
		if !g.backend.HasResource("data") {
			return "", fmt.Sprintf("%s was not converted to defineData", dep)
		}
		switch attr {
		case "GraphQLAPIIdOutput":
			return "backend.data.apiId", ""
		case "GraphQLAPIEndpointOutput":
			return "backend.data.graphqlUrl", ""
		case "GraphQLAPIKeyOutput":
			return "backend.data.apiKey!", ""
		}
	case r.Category == model.CategoryStorage && r.Service == "S3":
		if !g.backend.HasResource("storage") || len(g.p.ByService(model.CategoryStorage, "S3")) != 1 {
			return "", fmt.Sprintf("%s was not converted to the defineStorage bucket", dep)
		}
		switch attr {
		case "BucketName":
			return "backend.storage.resources.bucket.bucketName", ""
		case "Arn", "BucketArn":
			return "backend.storage.resources.bucket.bucketArn", ""
		case "Region":
			return "backend.storage.stack.region", ""
		}
	case r.Category == model.CategoryFunction && r.Service == "Lambda":
		fn := g.functions[r.Name]
		if fn == nil || !g.backend.HasResource(fn.Ident) {
			return "", fmt.Sprintf("%s was not converted to a Gen 2 function", dep)
		}
		lambda := "backend." + fn.Ident + ".resources.lambda"
		switch attr {
		case "Name":
			return lambda + ".functionName", ""
		case "Arn":
			return lambda + ".functionArn", ""
		case "Region":
			return "backend." + fn.Ident + ".stack.region", ""
		case "LambdaExecutionRole":
			return lambda + ".role!.roleName", ""
		case "LambdaExecutionRoleArn":
			return lambda + ".role!.roleArn", ""
		}
	default:
		if e, why, known := g.ownAttr(r, attr); known {
			return e, why
		}
	}
	return "", fmt.Sprintf("amplify-migrate does not know the Gen 2 value of the %s attribute of %s (service %s)", attr, dep, r.Service)
}

// authAttr resolves the outputs of a Cognito resource.
func (g *gen) authAttr(r *model.Resource, attr string) (string, string) {
	if !g.backend.HasResource("auth") {
		return "", fmt.Sprintf("%s was not converted to Gen 2 auth", r.Ref())
	}
	// referenceAuth exposes no L1 resources.
	defined := !r.Imported && g.opts.Auth != AuthReference
	switch attr {
	case "UserPoolId":
		return "backend.auth.resources.userPool.userPoolId", ""
	case "UserPoolArn":
		return "backend.auth.resources.userPool.userPoolArn", ""
	case "AppClientIDWeb":
		return "backend.auth.resources.userPoolClient.userPoolClientId", ""
	case "IdentityPoolId":
		return "backend.auth.resources.identityPoolId", ""
	case "IdentityPoolName":
		if defined {
			return "backend.auth.resources.cfnResources.cfnIdentityPool.attrName", ""
		}
	case "AppClientID":
		return "", "the Gen 1 native app client (AppClientID) has no Gen 2 default; it exists only if the auth conversion re-created it"
	}
	return "", fmt.Sprintf("the %s output of %s has no Gen 2 equivalent", attr, r.Ref())
}

// resourceVar is the backend.ts variable that holds the construct this
// package creates for a resource: customImageSubmissions, geoPlaceIndex, ...
func resourceVar(r *model.Resource) string {
	return lowerFirst(ts.Ident(r.Category + "-" + r.Name))
}

// paramName is the CloudFormation parameter Gen 1 passed an attribute of a
// dependency through: <category><resourceName><attribute>.
func paramName(d model.Dependency, attr string) string {
	return d.Category + d.ResourceName + attr
}
