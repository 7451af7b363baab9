package writers

import (
	"fmt"

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
// dep, or "" and the reason there is none. What a writer published wins;
// then the resources this package creates (custom stacks, other
// categories); then the fixed shapes of defineAuth, defineData,
// defineStorage and defineFunction, which attrExpr knows.
func (g *gen) resolveAttr(dep model.ResourceRef, attr string) (expr, why string) {
	if e, ok := g.exports[dep][attr]; ok {
		return e, ""
	}
	r := g.p.Find(dep.Category, dep.Name)
	if r == nil {
		return "", fmt.Sprintf("%s is not a resource of this project", dep)
	}
	if e, why, known := g.ownAttr(r, attr); known {
		return e, why
	}
	ref := g.attrExpr(model.AttrRef{Category: dep.Category, Resource: dep.Name, Attribute: attr})
	return ref.code, ref.todo
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
