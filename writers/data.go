package writers

import (
	"fmt"
	"sort"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

// writeData converts the project's AppSync API to amplify/data/resource.ts
// (defineBackend key `data`): a typed a.schema by default, or the schema as
// a GraphQL string that keeps the Gen 1 tables with `--tables reuse`.
func (g *gen) writeData() error {
	apis := g.p.ByService(model.CategoryAPI, "AppSync")
	var main *model.Resource
	for _, r := range apis {
		if r.GraphQL == nil {
			continue
		}
		if main != nil {
			g.markHandled(r)
			g.finding(r, model.Finding{Code: "data.multiple-apis", Level: model.Manual,
				Reason: fmt.Sprintf("Gen 2 has one defineData per backend; %s is converted and %s is not", main.Name, r.Name),
				Action: "merge the schemas into one, or create the second API with CDK (AmplifyGraphqlApi) in backend.ts"})
			g.backend.Add(OrderData, "", func(p *ts.Printer) {
				p.Todo("data.multiple-apis", fmt.Sprintf("GraphQL API %s was not converted: Gen 2 has one defineData per backend. Recreate it with AmplifyGraphqlApi from @aws-amplify/graphql-api-construct in a stack of its own (backend.createStack('%s')), using %s.", r.Name, r.Name, strings.Join(r.GraphQL.SchemaFiles, ", ")))
			})
			continue
		}
		main = r
	}
	if main == nil {
		return nil
	}
	api := main.GraphQL
	if api.Schema == nil {
		// The reader reported why; nothing can be written from no schema.
		return nil
	}
	g.markHandled(main)
	var p *ts.Printer
	var err error
	if g.opts.Tables == TablesReuse {
		p, err = g.reuseData(main, api)
		if err != nil {
			return err
		}
	} else {
		p = g.typedData(main, api)
	}
	g.addTS("amplify/data/resource.ts", p)
	g.backend.Resource(OrderData, "data", "data", "./data/resource")
	g.apiFindings(main, api)
	g.dataNote(main, api)
	return nil
}

// typedData prints resource.ts with a typed a.schema.
func (g *gen) typedData(r *model.Resource, api *model.GraphQLAPI) *ts.Printer {
	ts_ := &typedSchema{g: g, r: r, api: api, s: api.Schema, fnImports: map[string]*functionSymbol{}, files: map[string]string{}, emitted: map[string]bool{}}
	ts_.build()
	modes, modeTodos := g.authModes(r, api, ts_.fnImports)

	p := ts.New()
	var im ts.Imports
	im.Add("@aws-amplify/backend", "a", "defineData", "type ClientSchema")
	for _, sym := range ts_.fnImports {
		im.Add(dataModule(sym.Module), sym.Ident)
	}
	im.Print(p)
	p.Blank()
	if ts_.usesBranch {
		p.Comment("Gen 1 put the environment name in function names; Gen 2 uses the branch.")
		p.Line(BranchNameDecl)
		p.Blank()
	}
	p.Comment(fmt.Sprintf("Converted from the Gen 1 GraphQL API %s (%s).", r.Name, strings.Join(api.SchemaFiles, ", ")))
	if api.Schema.Upgraded {
		p.Comment("The schema was written for transformer v1 and is upgraded to v2 semantics; relationships keep the attribute names v1 stored.")
	}
	schema := ts.Value(ts.Call{Fn: "a.schema", Args: []ts.Value{ts_.entries}})
	if api.Schema.GlobalAuth != nil {
		rule := *api.Schema.GlobalAuth
		if arrow := authArrow([]model.AuthRule{rule}, false, func(string, model.AuthRule) {}); arrow != nil {
			schema = ts.Chain{Base: schema, Links: []ts.Value{ts.Call{Fn: "authorization", Args: []ts.Value{arrow}}}}
		}
	}
	p.Value("const schema = ", schema, ";")
	p.Blank()
	p.Line("export type Schema = ClientSchema<typeof schema>;")
	p.Blank()
	for _, t := range modeTodos {
		p.Todo(t[0], t[1])
	}
	obj := ts.Obj{{Shorthand: true, Value: ts.Expr("schema")}}
	if len(modes) > 0 {
		obj.Set("authorizationModes", modes)
	}
	p.Value("export const data = defineData(", obj, ");")
	names := make([]string, 0, len(ts_.files))
	for n := range ts_.files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		g.addFile("amplify/data/"+n, []byte(ts_.files[n]))
	}
	if len(ts_.iamOps) > 0 {
		g.finding(r, model.Finding{Code: "data.operation-iam", Level: model.Manual, Subject: "custom operations",
			Reason: fmt.Sprintf("%s allowed IAM callers (@aws_iam); in Gen 2 that is the identity pool's roles (allow.authenticated('identityPool'))", strings.Join(ts_.iamOps, ", ")),
			Action: "if only Lambda functions called them, grant those functions with allow.resource(fn) on the schema instead; check that signed-in users should reach them"})
	}
	return p
}

// dataModule turns a module path relative to amplify/ into one relative to
// amplify/data/.
func dataModule(m string) string {
	if strings.HasPrefix(m, "./") {
		return "../" + strings.TrimPrefix(m, "./")
	}
	return m
}

// authModes builds defineData's authorizationModes from the API's modes.
func (g *gen) authModes(r *model.Resource, api *model.GraphQLAPI, fnImports map[string]*functionSymbol) (ts.Obj, [][2]string) {
	var obj ts.Obj
	var todos [][2]string
	names := map[model.AuthModeType]string{
		model.AuthAPIKey: "apiKey", model.AuthIAM: "iam", model.AuthUserPools: "userPool",
		model.AuthOIDC: "oidc", model.AuthLambda: "lambda",
	}
	if api.Auth.Default.Type != "" {
		obj.Set("defaultAuthorizationMode", ts.Str(names[api.Auth.Default.Type]))
	}
	for _, m := range api.Auth.Modes() {
		switch m.Type {
		case model.AuthAPIKey:
			var o ts.Obj
			if m.APIKeyExpirationDays > 0 {
				days := m.APIKeyExpirationDays
				if days > 365 {
					days = 365
				}
				o.Set("expiresInDays", ts.Num(days))
			}
			if m.APIKeyDescription != "" {
				o.Set("description", ts.Str(m.APIKeyDescription))
			}
			obj.Set("apiKeyAuthorizationMode", o)
		case model.AuthLambda:
			sym, ok := g.functions[m.LambdaFunction]
			if !ok {
				todos = append(todos, [2]string{"data.lambda-authorizer", fmt.Sprintf("the Gen 1 Lambda authorizer %q is not a function of this project; add lambdaAuthorizationMode with its defineFunction.", m.LambdaFunction)})
				continue
			}
			fnImports[m.LambdaFunction] = sym
			o := ts.Obj{{Key: "function", Value: ts.Expr(sym.Ident)}}
			if m.LambdaTTLSet {
				o.Set("timeToLiveInSeconds", ts.Num(m.LambdaTTLSeconds))
			}
			obj.Set("lambdaAuthorizationMode", o)
		case model.AuthOIDC:
			o := ts.Obj{{Key: "oidcProviderName", Value: ts.Str(m.OIDCProviderName)}, {Key: "oidcIssuerUrl", Value: ts.Str(m.OIDCIssuerURL)}}
			if m.OIDCClientID != "" {
				o.Set("clientId", ts.Str(m.OIDCClientID))
			}
			o.Add(ts.Entry{Key: "tokenExpiryFromAuthInSeconds", Value: ts.Num(m.OIDCAuthTTL / 1000), Comment: fmt.Sprintf("Gen 1 stored the TTLs in milliseconds (%d and %d); Gen 2 takes seconds.", m.OIDCAuthTTL, m.OIDCIatTTL)})
			o.Set("tokenExpireFromIssueInSeconds", ts.Num(m.OIDCIatTTL/1000))
			obj.Set("oidcAuthorizationMode", o)
		}
	}
	return obj, todos
}

// apiFindings records the API-level findings: modes, DataStore, custom
// resolvers and stacks, admin roles, the transformer version, the tables.
func (g *gen) apiFindings(r *model.Resource, api *model.GraphQLAPI) {
	typed := g.opts.Tables != TablesReuse
	mode := "a typed a.schema in amplify/data/resource.ts"
	if !typed {
		mode = "the schema as a GraphQL string in amplify/data/resource.ts, keeping the Gen 1 tables"
	}
	g.finding(r, model.Finding{Code: "data.api", Level: model.Auto, Reason: fmt.Sprintf("GraphQL API %s (%d models) is converted to defineData with %s", api.APIName, len(api.Models), mode)})
	for _, m := range api.Auth.Modes() {
		f := model.Finding{Code: "data.auth-mode", Level: model.Auto, Subject: string(m.Type), Pos: m.Pos}
		switch m.Type {
		case model.AuthAPIKey:
			f.Reason = fmt.Sprintf("API key mode; Gen 2 creates a new key expiring in %d days", clampDays(m.APIKeyExpirationDays))
			f.Action = "give clients the new key from amplify_outputs.json; the Gen 1 key is not carried over"
			if m.APIKeyExpirationDays > 365 {
				f.Reason += fmt.Sprintf(" (Gen 1 asked for %d; AppSync allows at most 365)", m.APIKeyExpirationDays)
			}
		case model.AuthUserPools:
			f.Reason = "Cognito user pools mode, with the user pool of defineAuth"
			if !g.backend.HasResource("auth") {
				f.Level = model.Manual
				f.Reason = "Cognito user pools mode, but the project's auth was not converted, so Gen 2 has no user pool for the API"
				f.Action = "convert the auth resource (defineAuth) or reference the Gen 1 pool with referenceAuth"
			}
		case model.AuthIAM:
			f.Reason = "IAM mode; Gen 2 always enables it, with the identity pool of defineAuth"
		case model.AuthOIDC:
			f.Reason = fmt.Sprintf("OpenID Connect mode (%s), with the token TTLs converted from milliseconds to seconds", m.OIDCIssuerURL)
		case model.AuthLambda:
			f.Reason = fmt.Sprintf("Lambda authorizer %s", m.LambdaFunction)
			if _, ok := g.functions[m.LambdaFunction]; !ok {
				f.Level = model.Manual
				f.Reason += ", which is not a function of this project"
				f.Action = "define the authorizer with defineFunction and pass it as lambdaAuthorizationMode.function"
			}
		}
		g.finding(r, f)
	}
	if g.backend.HasResource("auth") && !hasAuthMode(api.Auth.Modes(), model.AuthUserPools) {
		g.finding(r, model.Finding{Code: "data.auth-mode", Level: model.Auto, Subject: string(model.AuthUserPools),
			Reason: "Gen 2 adds the user pool of defineAuth as an authorization mode (Gen 1 had none); no rule of the schema allows user pool callers, so they are refused as before"})
	}
	t := api.Transformer
	if t.Version == 1 {
		notes := make([]string, 0, len(api.Schema.UpgradeNotes))
		for _, n := range api.Schema.UpgradeNotes {
			notes = append(notes, n.Subject+": "+n.Text)
		}
		g.finding(r, model.Finding{Code: "data.transformer-v1", Level: model.Manual, Subject: "transformer", Pos: t.Pos,
			Reason: "the schema was built with GraphQL transformer v1 (" + t.Source + "); it is upgraded to v2 semantics as `amplify migrate api` would, keeping the attribute names and keys v1 stored. " + strings.Join(notes, "; "),
			Action: "review the upgraded rules and relationships; v1 clients' queries may need the v2 names"})
	}
	if api.Conflict != nil {
		g.finding(r, model.Finding{Code: "data.conflict-resolution", Level: model.Manual, Subject: "conflict resolution", Pos: api.Conflict.Pos,
			Reason: fmt.Sprintf("DataStore conflict resolution (%s) is on: the tables carry _version, _deleted and _lastChangedAt, deleted items are only marked deleted, and clients sync through sync queries and the AmplifyDataStore delta table; Gen 2 has no conflict resolution", api.Conflict.Strategy),
			Action: "move clients off DataStore, then copy the data with `migrate data --strip-datastore-fields` (soft-deleted items are left out by default; the flag drops _version, _lastChangedAt and _ttl); with `--tables reuse` soft-deleted rows reappear in Gen 2 lists"})
	}
	for _, f := range api.Resolvers {
		g.finding(r, model.Finding{Code: "data.custom-resolver", Level: model.Manual, Subject: f, Pos: model.Pos{File: f},
			Reason: "custom VTL resolver (override or resolver of its own); Gen 2 resolvers are JavaScript", Action: "port it to a JavaScript resolver (a.handler.custom) or attach it with CDK in backend.ts"})
	}
	for _, f := range api.Stacks {
		g.finding(r, model.Finding{Code: "data.custom-stack", Level: model.Manual, Subject: f, Pos: model.Pos{File: f},
			Reason: "custom CloudFormation stack of the API", Action: "recreate its resources with CDK in backend.ts (backend.createStack)"})
	}
	if len(api.AdminRoles) > 0 {
		g.finding(r, model.Finding{Code: "data.admin-roles", Level: model.Manual, Subject: "custom-roles.json", Pos: api.AdminRolesPos,
			Reason: "IAM roles " + strings.Join(api.AdminRoles, ", ") + " had full access to the API (adminRoleNames)",
			Action: "grant Gen 2 functions with allow.resource(fn) on the schema; grant other roles with backend.data.resources.graphqlApi.grant(role, ...)"})
	}
	if len(api.TransformConfig.StackMapping) > 0 {
		g.finding(r, model.Finding{Code: "data.stack-mapping", Level: model.Manual, Subject: "StackMapping", Pos: api.TransformConfig.Pos,
			Reason: "transform.conf.json moves resolvers into named stacks", Action: "Gen 2 places resolvers itself; drop the mapping unless you hit the stack resource limit (then use defineData's stackMappings)"})
	}
	if len(api.TransformConfig.Transformers) > 0 {
		g.finding(r, model.Finding{Code: "data.custom-transformers", Level: model.Manual, Subject: "transformers", Pos: api.TransformConfig.Pos,
			Reason: "custom transformer plugins " + strings.Join(api.TransformConfig.Transformers, ", ") + " ran in Gen 1", Action: "Gen 2 has no transformer plugins; reimplement what they generated with CDK"})
	}
	if api.Schema.GlobalAuth != nil {
		g.finding(r, model.Finding{Code: "data.global-auth", Level: model.Auto, Subject: "input AMPLIFY", Pos: api.Schema.GlobalAuth.Pos,
			Reason: "the global auth rule " + ruleText(*api.Schema.GlobalAuth) + " (sandbox access) is written as the schema's authorization, which applies to models without rules",
			Action: "replace it with real rules before production"})
	}
	if typed && len(api.Models) > 0 {
		g.finding(r, model.Finding{Code: "data.new-tables", Level: model.Manual, Subject: "tables",
			Reason: fmt.Sprintf("typed Gen 2 creates new, empty tables for the %d models; the Gen 1 tables keep their data", len(api.Models)),
			Action: "copy the data with `migrate data` after the first deploy, or keep the Gen 1 tables with `migrate convert --tables reuse`"})
	}
}

func clampDays(d int) int {
	switch {
	case d <= 0:
		return 7
	case d > 365:
		return 365
	}
	return d
}

// dataNote writes the MIGRATION.md section on the API's data.
func (g *gen) dataNote(r *model.Resource, api *model.GraphQLAPI) {
	env := g.p.Env
	if env == "" {
		env = "<env>"
	}
	id := api.APIID
	if g.opts.APIID != "" {
		id = g.opts.APIID
	}
	if id == "" {
		id = "<apiId>"
	}
	var tables []string
	for _, name := range api.Models {
		t := api.Schema.Type(name)
		tables = append(tables, "`"+t.Model.TableModelName(name)+"-"+id+"-"+env+"`")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "The GraphQL API `%s` has %d model tables in Gen 1: %s.\n\n", api.APIName, len(tables), strings.Join(tables, ", "))
	b.WriteString("There are two ways to bring the data along:\n\n")
	b.WriteString("1. **Copy into new tables** (what this conversion wrote: a typed `a.schema`). Deploy the Gen 2 backend, then run `migrate data` to copy every Gen 1 table into the table Gen 2 created for the same model. Foreign keys, owner values (`sub::username`) and index keys keep their Gen 1 attribute names, so items copy unchanged.")
	if api.Conflict != nil {
		b.WriteString(" DataStore was on: soft-deleted items (`_deleted = true`) are left out by default; add `--strip-datastore-fields` to drop the `_version`, `_lastChangedAt` and `_ttl` attributes.")
	}
	b.WriteString(" An interrupted copy resumes with `--checkpoint FILE`. Right before switching clients over, run it once more with a new checkpoint file: puts are idempotent, so items changed in Gen 1 since the first copy are brought up to date (items deleted in Gen 1 meanwhile stay in Gen 2).\n")
	b.WriteString("2. **Keep the Gen 1 tables**: `migrate convert --tables reuse` writes the schema as a GraphQL string with `migratedAmplifyGen1DynamoDbTableMappings`, so the Gen 2 API reads and writes the Gen 1 tables (same account and region; Gen 1 and Gen 2 then share them). Nothing is copied, but the schema stays untyped.\n")
	if g.opts.Tables == TablesReuse {
		b.WriteString("\nThis conversion used option 2.\n")
	}
	g.note(25, "Data: moving the GraphQL tables", b.String())
}

// hasAuthMode reports whether modes include the mode typ.
func hasAuthMode(modes []model.AuthMode, typ model.AuthModeType) bool {
	for _, m := range modes {
		if m.Type == typ {
			return true
		}
	}
	return false
}
