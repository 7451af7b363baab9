package writers

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

// Stack groups of the generated backend. A function's group is its
// resourceGroupName ("function" when it has none).
const (
	groupAuth     = "auth"
	groupData     = "data"
	groupStorage  = "storage"
	groupFunction = "function"
	// groupTables is the stack of the storage conversion's DynamoDB tables.
	groupTables = "storageTables"
	// groupLayers is the stack of the project's Lambda layers.
	groupLayers = "layers"
)

// stackGraph records which stacks of the generated backend refer to which,
// so that function wiring can avoid circular stack dependencies (official
// tool issue #14727, amplify-backend #3286): a reference from stack a to
// stack b is only made directly when b does not (transitively) depend on a.
type stackGraph struct {
	edges map[string]map[string]bool
}

func newStackGraph() *stackGraph { return &stackGraph{edges: map[string]map[string]bool{}} }

// add records that from depends on to.
func (s *stackGraph) add(from, to string) {
	if from == to {
		return
	}
	if s.edges[from] == nil {
		s.edges[from] = map[string]bool{}
	}
	s.edges[from][to] = true
}

// reaches reports whether from depends on to, directly or not.
func (s *stackGraph) reaches(from, to string) bool {
	if from == to {
		return true
	}
	seen := map[string]bool{from: true}
	queue := []string{from}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for m := range s.edges[n] {
			if m == to {
				return true
			}
			if !seen[m] {
				seen[m] = true
				queue = append(queue, m)
			}
		}
	}
	return false
}

// canRefer reports whether stack from may refer to every one of targets
// without making a cycle.
func (s *stackGraph) canRefer(from string, targets []string) bool {
	for _, t := range targets {
		if t != from && s.reaches(t, from) {
			return false
		}
	}
	return true
}

// structuralGraph builds the dependencies the other conversions create,
// as far as the model tells them: data and storage use the user pool,
// defineAuth and defineStorage access rules attach policies to function
// roles, REST APIs call their functions.
func (g *gen) structuralGraph() *stackGraph {
	s := newStackGraph()
	hasAuth := g.backend.HasResource("auth")
	if hasAuth && g.backend.HasResource("data") {
		s.add(groupData, groupAuth)
	}
	if hasAuth && g.backend.HasResource("storage") {
		s.add(groupStorage, groupAuth)
	}
	for _, r := range g.p.ByService(model.CategoryFunction, "Lambda") {
		sym := g.functions[r.Name]
		if sym == nil || r.Function == nil {
			continue
		}
		grp := fnGroup(sym)
		for cat, res := range r.Function.Permissions {
			for name := range res {
				target := g.p.Find(cat, name)
				switch {
				case cat == model.CategoryAuth && hasAuth:
					s.add(groupAuth, grp)
				case cat == model.CategoryStorage && target != nil && target.Bucket != nil && !target.Imported:
					s.add(groupStorage, grp)
				}
			}
		}
	}
	for _, r := range g.p.ByService(model.CategoryAPI, "API Gateway") {
		for _, d := range r.DependsOn {
			if sym := g.functions[d.ResourceName]; sym != nil && d.Category == model.CategoryFunction {
				s.add("rest:"+r.Name, fnGroup(sym))
			}
		}
	}
	return s
}

func fnGroup(sym *functionSymbol) string {
	if sym.Group == "" {
		return groupFunction
	}
	return sym.Group
}

// refExpr is a Gen 2 expression for an attribute of a Gen 1 resource,
// with the stack it lives in.
type refExpr struct {
	code  string
	group string
	// todo says why there is no expression; code is empty then.
	todo string
}

// attrExpr returns the backend.ts expression of a Gen 1 resource attribute
// that a function refers to.
func (g *gen) attrExpr(ref model.AttrRef) refExpr {
	target := g.p.Find(ref.Category, ref.Resource)
	what := fmt.Sprintf("%s of %s/%s", ref.Attribute, ref.Category, ref.Resource)
	if ref.Model != "" {
		what = fmt.Sprintf("the %s of the %s model table", ref.Attribute, ref.Model)
	}
	if target == nil {
		return refExpr{todo: fmt.Sprintf("%s: the resource is not in this project", what)}
	}
	needs := func(key string) (refExpr, bool) {
		if !g.backend.HasResource(key) {
			return refExpr{todo: fmt.Sprintf("%s: %s/%s has no Gen 2 %s resource in this conversion", what, ref.Category, ref.Resource, key)}, false
		}
		return refExpr{}, true
	}
	switch {
	case ref.Category == model.CategoryAPI && target.Service == "AppSync":
		if e, ok := needs("data"); !ok {
			return e
		}
		if first := g.p.ByService(model.CategoryAPI, "AppSync"); len(first) > 0 && first[0].Name != ref.Resource {
			return refExpr{todo: what + ": Gen 2 has one data API, converted from " + first[0].Name}
		}
		if ref.Model != "" {
			if gq := target.GraphQL; gq != nil && len(gq.Models) > 0 && !slices.Contains(gq.Models, ref.Model) {
				return refExpr{todo: fmt.Sprintf("%s: the schema has no model %s", what, ref.Model)}
			}
			table := "backend.data.resources.tables[" + ts.Quote(ref.Model) + "]"
			switch ref.Attribute {
			case "Name":
				return refExpr{code: table + ".tableName", group: groupData}
			case "Arn":
				return refExpr{code: table + ".tableArn", group: groupData}
			case "StreamArn":
				return refExpr{code: table + ".tableStreamArn!", group: groupData}
			}
			break
		}
		switch ref.Attribute {
		case "GraphQLAPIIdOutput":
			return refExpr{code: "backend.data.apiId", group: groupData}
		case "GraphQLAPIEndpointOutput":
			return refExpr{code: "backend.data.graphqlUrl", group: groupData}
		case "GraphQLAPIKeyOutput":
			if !graphQLHasAPIKey(target) {
				return refExpr{todo: what + ": the Gen 1 API has no API key authorization mode, so Gen 2 makes no key"}
			}
			return refExpr{code: "backend.data.apiKey!", group: groupData}
		}
	case ref.Category == model.CategoryAuth && target.Service == "Cognito":
		if e, ok := needs("auth"); !ok {
			return e
		}
		switch ref.Attribute {
		case "UserPoolId":
			return refExpr{code: "backend.auth.resources.userPool.userPoolId", group: groupAuth}
		case "UserPoolArn":
			return refExpr{code: "backend.auth.resources.userPool.userPoolArn", group: groupAuth}
		case "AppClientIDWeb":
			return refExpr{code: "backend.auth.resources.userPoolClient.userPoolClientId", group: groupAuth}
		case "IdentityPoolId":
			return refExpr{code: "backend.auth.resources.identityPoolId", group: groupAuth}
		case "IdentityPoolName":
			// referenceAuth exposes no L1 resources.
			if !target.Imported && g.opts.Auth != AuthReference {
				return refExpr{code: "backend.auth.resources.cfnResources.cfnIdentityPool.attrName", group: groupAuth}
			}
		case "AppClientID":
			return refExpr{todo: what + ": Gen 2 has one app client (the Gen 1 web client, AppClientIDWeb); point this at the native client if the auth conversion creates one"}
		}
	case ref.Category == model.CategoryAuth && target.Service == "Cognito-UserPool-Groups":
		if e, ok := needs("auth"); !ok {
			return e
		}
		if grp, ok := strings.CutSuffix(ref.Attribute, "GroupRole"); ok && grp != "" {
			return refExpr{code: "backend.auth.resources.groups[" + ts.Quote(grp) + "].role.roleArn", group: groupAuth}
		}
	case ref.Category == model.CategoryStorage && target.Service == "S3":
		bucket := g.storageBucketExpr(ref.Resource)
		if bucket == "" || !target.Imported && !g.backend.HasResource(g.storageNames().bucketKey[ref.Resource]) {
			return refExpr{todo: what + ": the storage conversion declares no bucket for it"}
		}
		switch ref.Attribute {
		case "BucketName":
			return refExpr{code: bucket + ".bucketName", group: groupStorage}
		case "Arn", "BucketArn":
			return refExpr{code: bucket + ".bucketArn", group: groupStorage}
		case "Region":
			return refExpr{code: bucket + ".stack.region", group: groupStorage}
		}
	case ref.Category == model.CategoryStorage && target.Service == "DynamoDB":
		table := g.storageTableExpr(ref.Resource)
		if table == "" {
			return refExpr{todo: what + ": the storage conversion declares no table for it"}
		}
		switch ref.Attribute {
		case "Name":
			return refExpr{code: table + ".tableName", group: groupTables}
		case "Arn":
			return refExpr{code: table + ".tableArn", group: groupTables}
		case "StreamArn":
			return refExpr{code: table + ".tableStreamArn!", group: groupTables}
		}
	case ref.Category == model.CategoryFunction && target.Service == "Lambda":
		sym := g.functions[ref.Resource]
		if sym == nil || !g.backend.HasResource(sym.Ident) {
			return refExpr{todo: what + ": the function was not converted"}
		}
		fn := "backend." + sym.Ident + ".resources.lambda"
		switch ref.Attribute {
		case "Name":
			return refExpr{code: fn + ".functionName", group: fnGroup(sym)}
		case "Arn":
			return refExpr{code: fn + ".functionArn", group: fnGroup(sym)}
		case "LambdaExecutionRole":
			return refExpr{code: fn + ".role!.roleName", group: fnGroup(sym)}
		case "LambdaExecutionRoleArn":
			return refExpr{code: fn + ".role!.roleArn", group: fnGroup(sym)}
		case "Region":
			return refExpr{code: "backend." + sym.Ident + ".stack.region", group: fnGroup(sym)}
		}
	case ref.Category == model.CategoryFunction && target.Service == "LambdaLayer":
		if l := g.fns.layers[ref.Resource]; l != nil && ref.Attribute == "Arn" {
			return refExpr{code: l.ident + ".layerVersionArn", group: groupLayers}
		}
	}
	return refExpr{todo: what + ": amplify-migrate has no Gen 2 equivalent for this attribute"}
}

// graphQLHasAPIKey reports whether a Gen 1 AppSync API used API keys.
func graphQLHasAPIKey(r *model.Resource) bool {
	if r.GraphQL == nil {
		return false
	}
	for k, v := range r.GraphQL.Settings {
		if strings.Contains(k, "uthType") || strings.Contains(k, "uthenticationType") {
			if strings.Contains(v, "API_KEY") {
				return true
			}
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
