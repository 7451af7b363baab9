package writers

import (
	"fmt"
	"slices"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

// branchToken stands for the Gen 2 branch name inside the schema text until
// the text becomes a template literal.
const branchToken = "\x00branch\x00"

// reuseData prints resource.ts for `--tables reuse`: the schema as a
// GraphQL string in v2 syntax (v1 schemas upgraded, keys kept) with the
// Gen 1 table of every model mapped in migratedAmplifyGen1DynamoDbTableMappings.
func (g *gen) reuseData(r *model.Resource, api *model.GraphQLAPI) (*ts.Printer, error) {
	apiID := g.opts.APIID
	if apiID == "" {
		apiID = api.APIID
	}
	if apiID == "" {
		return nil, fmt.Errorf("--tables reuse maps each model to its Gen 1 table <Model>-<apiId>-<env>, but the API id of %s is unknown (amplify/backend/amplify-meta.json is missing or has no GraphQLAPIIdOutput): pass --api-id with the id shown in the AppSync console (or by `aws appsync list-graphql-apis`)", r.Name)
	}
	env := g.p.Env
	if env == "" {
		return nil, fmt.Errorf("--tables reuse maps each model to its Gen 1 table <Model>-<apiId>-<env>, but no Gen 1 environment is selected: pass --env with one of %s", strings.Join(g.p.Envs, ", "))
	}
	w := &sdlWriter{g: g, r: r, api: api, s: api.Schema, fns: map[string]*functionSymbol{}}
	sdl := w.print()

	p := ts.New()
	var im ts.Imports
	im.Add("@aws-amplify/backend", "defineData")
	modes, modeTodos := g.authModes(r, api, w.fns)
	for _, sym := range w.fns {
		im.Add(dataModule(sym.Module), sym.Ident)
	}
	im.Print(p)
	p.Blank()
	if w.usesBranch {
		p.Comment("Gen 1 put the environment name in function names; Gen 2 uses the branch.")
		p.Line(BranchNameDecl)
		p.Blank()
	}
	p.Comment(fmt.Sprintf("The Gen 1 GraphQL API %s (%s), kept as a GraphQL string so that Gen 2 uses the Gen 1 tables (see migratedAmplifyGen1DynamoDbTableMappings below).", r.Name, strings.Join(api.SchemaFiles, ", ")))
	if api.Schema.Upgraded {
		p.Comment("The schema was written for transformer v1 and is upgraded to v2 directives; relationships and indexes name the attributes and indexes the v1 tables have.")
	}
	text := strings.ReplaceAll(ts.Template(sdl), branchToken, "${branchName}")
	p.Line("const schema = /* GraphQL */ `\n" + strings.TrimRight(text, "\n") + "\n`;")
	p.Blank()
	for _, t := range modeTodos {
		p.Todo(t[0], t[1])
	}
	obj := ts.Obj{{Shorthand: true, Value: ts.Expr("schema")}}
	if len(modes) > 0 {
		obj.Set("authorizationModes", modes)
	}
	if len(w.fnMap) > 0 {
		var fo ts.Obj
		for _, kv := range w.fnMap {
			fo.Set(kv[0], ts.Expr(kv[1]))
		}
		obj.Add(ts.Entry{Key: "functions", Value: fo, Comment: "@function names as written in the schema, bound to the converted functions."})
	}
	var mapping ts.Obj
	for _, name := range api.Models {
		t := api.Schema.Type(name)
		mapping.Set(name, ts.Str(t.Model.TableModelName(name)+"-"+apiID+"-"+env))
	}
	entry := ts.Obj{
		{Key: "branchName", Value: ts.Str(env),
			Todo:     fmt.Sprintf("these tables are used only by the Gen 2 branch named here (the Gen 1 environment's name, %q); set it to the branch that should take over the Gen 1 data. Other branches and sandboxes get new, empty tables.", env),
			TodoCode: "data.table-mapping"},
		{Key: "modelNameToTableNameMapping", Value: mapping},
	}
	obj.Add(ts.Entry{Key: "migratedAmplifyGen1DynamoDbTableMappings", Value: ts.Arr{entry}})
	p.Value("export const data = defineData(", obj, ");")

	g.finding(r, model.Finding{Code: "data.table-mapping", Level: model.Auto, Subject: "tables",
		Reason: fmt.Sprintf("the %d model tables (API %s, environment %s) are mapped into Gen 2 with migratedAmplifyGen1DynamoDbTableMappings", len(api.Models), apiID, env),
		Action: "deploy from the branch named in the mapping; Gen 1 and Gen 2 then share the tables, so keep the schemas compatible until Gen 1 is retired"})
	return p, nil
}

// sdlWriter prints a schema in transformer v2 syntax.
type sdlWriter struct {
	g   *gen
	r   *model.Resource
	api *model.GraphQLAPI
	s   *model.Schema
	b   strings.Builder
	fns map[string]*functionSymbol
	// fnMap are defineData functions entries: @function name -> ident.
	fnMap      [][2]string
	usesBranch bool
	// adds are fields to declare on a model (keys Gen 1 added implicitly
	// that the upgraded directives must name).
	adds map[string][]string
	// indexAdds are @index directives to put on a model's field.
	indexAdds map[string]map[string][]string
	// relDirs are the printed relationship directive of each field.
	relDirs map[string]map[string]string
	// expandM2M is set when the join models must be written out.
	expandM2M bool
}

func (w *sdlWriter) finding(code string, level model.Level, subject string, pos model.Pos, reason, action string) {
	w.g.finding(w.r, model.Finding{Code: code, Level: level, Subject: subject, Pos: pos, Reason: reason, Action: action})
}

func (w *sdlWriter) print() string {
	w.adds = map[string][]string{}
	w.indexAdds = map[string]map[string][]string{}
	w.relDirs = map[string]map[string]string{}
	w.expandM2M = !w.api.Flags.RespectPrimaryKeyAttributesOnConnectionField
	w.planRelations()
	for _, t := range w.s.Types {
		if t.Model != nil && len(t.Model.JoinFor) > 0 && !w.expandM2M {
			continue
		}
		w.printType(t)
	}
	for _, root := range []string{"Query", "Mutation", "Subscription"} {
		ops := w.s.Operations(root)
		if len(ops) == 0 {
			continue
		}
		fmt.Fprintf(&w.b, "type %s {\n", root)
		for _, f := range ops {
			w.printField(nil, f)
		}
		w.b.WriteString("}\n\n")
	}
	return w.b.String()
}

// gen2Implicit is the key Gen 2 (respectPrimaryKeyAttributesOnConnectionField
// on) would name for an implicit relationship.
func gen2Implicit(typeName, field string, pk []string) []string {
	out := []string{camelW(typeName, field, pk[0])}
	for _, sk := range pk[1:] {
		out = append(out, camelW(typeName, field, sk))
	}
	return out
}

func camelW(words ...string) string {
	var b strings.Builder
	for _, w := range words {
		if w == "" {
			continue
		}
		if b.Len() == 0 {
			b.WriteString(strings.ToLower(w[:1]) + w[1:])
		} else {
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
	}
	return b.String()
}

func modelPK(t *model.GQLType) []string {
	if t.Model != nil && t.Model.PrimaryKey != nil {
		return append([]string{t.Model.PrimaryKey.Field}, t.Model.PrimaryKey.SortKeys...)
	}
	return []string{"id"}
}

// planRelations decides each relationship's directive: as written when
// Gen 2 reproduces the stored keys, else the explicit fields/indexName
// form naming the stored attributes and indexes.
func (w *sdlWriter) planRelations() {
	set := func(m, f, d string) {
		if w.relDirs[m] == nil {
			w.relDirs[m] = map[string]string{}
		}
		w.relDirs[m][f] = d
	}
	declared := map[string]bool{}
	declare := func(modelName string, rel *model.Relation) {
		km := w.s.Type(modelName)
		for i, k := range rel.KeyFields {
			if km.Field(k) != nil || declared[modelName+"."+k] {
				continue
			}
			declared[modelName+"."+k] = true
			typ := "ID"
			if i < len(rel.KeyTypes) {
				typ = rel.KeyTypes[i]
			}
			if rel.KeyRequired {
				typ += "!"
			}
			w.adds[modelName] = append(w.adds[modelName], k+": "+typ)
		}
	}
	for _, t := range w.s.Models() {
		for _, f := range t.Fields {
			rel := f.Relation
			if rel == nil {
				continue
			}
			orig := f.Directive(string(rel.Kind))
			limit := ""
			if rel.Limit > 0 {
				limit = fmt.Sprintf(", limit: %d", rel.Limit)
			}
			other := w.s.Type(rel.Related)
			switch rel.Kind {
			case model.ManyToMany:
				if !w.expandM2M {
					set(t.Name, f.Name, orig.String())
					continue
				}
				set(t.Name, f.Name, fmt.Sprintf("@hasMany(indexName: %q, fields: %s%s)", rel.Index, gqlList(modelPK(t)), limit))
			case model.HasMany:
				pk := modelPK(t)
				switch {
				case orig != nil && len(rel.References) > 0:
					set(t.Name, f.Name, orig.String())
				case rel.Index == "gsi-"+t.Name+"."+f.Name && slices.Equal(rel.KeyFields, gen2Implicit(t.Name, f.Name, pk)):
					set(t.Name, f.Name, "@hasMany"+wrapArgs(strings.TrimPrefix(limit, ", ")))
				case rel.Index == "":
					set(t.Name, f.Name, fmt.Sprintf("@hasMany(fields: %s%s)", gqlList(rel.Fields), limit))
				default:
					set(t.Name, f.Name, fmt.Sprintf("@hasMany(indexName: %q, fields: %s%s)", rel.Index, gqlList(pk), limit))
					if !hasIndex(other, rel.Index) {
						declare(other.Name, rel)
						sk := rel.KeyFields[1:]
						if rel.V1 != nil {
							if v := rel.V1.Arg("sortField"); v != nil {
								sk = append(sk, v.Raw)
							}
						}
						dir := fmt.Sprintf("@index(name: %q", rel.Index)
						if len(sk) > 0 {
							dir += ", sortKeyFields: " + gqlList(sk)
						}
						dir += ", queryField: null)"
						if w.indexAdds[other.Name] == nil {
							w.indexAdds[other.Name] = map[string][]string{}
						}
						if !slices.Contains(w.indexAdds[other.Name][rel.KeyFields[0]], dir) {
							w.indexAdds[other.Name][rel.KeyFields[0]] = append(w.indexAdds[other.Name][rel.KeyFields[0]], dir)
						}
					}
				}
			case model.HasOne, model.BelongsTo:
				switch {
				case orig != nil && (len(rel.References) > 0 || len(rel.Fields) > 0):
					set(t.Name, f.Name, orig.String())
				case rel.V1 == nil && rel.KeyModel == t.Name && w.api.Flags.RespectPrimaryKeyAttributesOnConnectionField:
					set(t.Name, f.Name, "@"+string(rel.Kind))
				case rel.V1 == nil && rel.KeyModel == t.Name && slices.Equal(rel.KeyFields, w.implicitV2Key(t, f, rel)):
					set(t.Name, f.Name, "@"+string(rel.Kind))
				default:
					declare(rel.KeyModel, rel)
					set(t.Name, f.Name, fmt.Sprintf("@%s(fields: %s)", rel.Kind, gqlList(rel.KeyFields)))
				}
			}
		}
	}
}

// implicitV2Key is the key Gen 2 would name for an implicit @hasOne or
// @belongsTo (its flags on).
func (w *sdlWriter) implicitV2Key(t *model.GQLType, f *model.GQLField, rel *model.Relation) []string {
	other := w.s.Type(rel.Related)
	if rel.Kind == model.BelongsTo && rel.Counterpart != "" {
		if cp := other.Field(rel.Counterpart); cp != nil && cp.Relation != nil && cp.Relation.Kind == model.HasMany {
			return gen2Implicit(other.Name, cp.Name, modelPK(other))
		}
	}
	return gen2Implicit(t.Name, f.Name, modelPK(other))
}

func hasIndex(t *model.GQLType, name string) bool {
	for _, ix := range t.Model.Indexes {
		if ix.Name == name {
			return true
		}
	}
	return false
}

func wrapArgs(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}

func gqlList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// modelDirectiveSDL prints @model with Gen 1's effective operations spelled
// out, since Gen 2 deep-merges partial maps where Gen 1 replaced them.
func modelDirectiveSDL(t *model.GQLType) string {
	m := t.Model
	var args []string
	groups := [][]string{{"queries", "get", "list"}, {"mutations", "create", "update", "delete"}, {"subscriptions", "onCreate", "onUpdate", "onDelete"}}
	for _, grp := range groups {
		allDefault, allOff := true, true
		var parts []string
		for _, kind := range grp[1:] {
			op := m.Op(kind)
			if op.Name != op.Default {
				allDefault = false
			}
			if op.Name != "" {
				allOff = false
			}
			v := "null"
			if op.Name != "" {
				v = fmt.Sprintf("%q", op.Name)
				if grp[0] == "subscriptions" {
					v = "[" + v + "]"
				}
			}
			parts = append(parts, kind+": "+v)
		}
		level := grp[0] == "subscriptions" && m.SubscriptionsLevel != "on"
		switch {
		case allOff && !level:
			args = append(args, grp[0]+": null")
		case !allDefault:
			if level {
				parts = append(parts, "level: "+m.SubscriptionsLevel)
			}
			args = append(args, grp[0]+": {"+strings.Join(parts, ", ")+"}")
		case level:
			args = append(args, grp[0]+": {level: "+m.SubscriptionsLevel+"}")
		}
	}
	if m.TimestampsCustom {
		if m.CreatedAt == "" && m.UpdatedAt == "" {
			args = append(args, "timestamps: null")
		} else {
			q := func(s string) string {
				if s == "" {
					return "null"
				}
				return fmt.Sprintf("%q", s)
			}
			args = append(args, "timestamps: {createdAt: "+q(m.CreatedAt)+", updatedAt: "+q(m.UpdatedAt)+"}")
		}
	}
	if len(args) == 0 {
		return "@model"
	}
	return "@model(" + strings.Join(args, ", ") + ")"
}

// authSDL prints @auth(rules: [...]).
func authSDL(rules []model.AuthRule) string {
	var out []string
	for _, r := range rules {
		parts := []string{"allow: " + r.Allow}
		if r.Provider != "" {
			parts = append(parts, "provider: "+r.Provider)
		}
		if r.OwnerField != "" {
			parts = append(parts, fmt.Sprintf("ownerField: %q", r.OwnerField))
		}
		if r.IdentityClaim != "" {
			parts = append(parts, fmt.Sprintf("identityClaim: %q", r.IdentityClaim))
		}
		if r.GroupClaim != "" {
			parts = append(parts, fmt.Sprintf("groupClaim: %q", r.GroupClaim))
		}
		if len(r.Groups) > 0 {
			parts = append(parts, "groups: "+gqlList(r.Groups))
		}
		if r.GroupsField != "" {
			parts = append(parts, fmt.Sprintf("groupsField: %q", r.GroupsField))
		}
		if r.Operations != nil {
			parts = append(parts, "operations: ["+strings.Join(r.Operations, ", ")+"]")
		}
		out = append(out, "{"+strings.Join(parts, ", ")+"}")
	}
	return "@auth(rules: [" + strings.Join(out, ", ") + "])"
}

// printType prints one type definition.
func (w *sdlWriter) printType(t *model.GQLType) {
	if t.Description != "" {
		fmt.Fprintf(&w.b, "%q\n", t.Description)
	}
	switch t.Kind {
	case model.KindEnum:
		fmt.Fprintf(&w.b, "enum %s%s {\n", t.Name, directivesSDL(t.Directives, nil))
		for _, v := range t.Values {
			fmt.Fprintf(&w.b, "  %s\n", v.Name)
		}
		w.b.WriteString("}\n\n")
		return
	case model.KindUnion:
		fmt.Fprintf(&w.b, "union %s%s = %s\n\n", t.Name, directivesSDL(t.Directives, nil), strings.Join(t.Members, " | "))
		return
	case model.KindScalar:
		fmt.Fprintf(&w.b, "scalar %s%s\n\n", t.Name, directivesSDL(t.Directives, nil))
		return
	}
	kw := "type"
	switch t.Kind {
	case model.KindInput:
		kw = "input"
	case model.KindInterface:
		kw = "interface"
	}
	head := kw + " " + t.Name
	if len(t.Interfaces) > 0 {
		head += " implements " + strings.Join(t.Interfaces, " & ")
	}
	if t.Kind == model.KindModel {
		head += " " + modelDirectiveSDL(t)
		rules := t.Model.Auth
		if !t.Model.HasAuth || len(rules) == 0 {
			rules = w.noAuthRules(t)
		}
		if len(t.Model.JoinFor) > 0 {
			rules = dedupeRoles(rules)
		}
		rules = w.g.sandboxRules(w.r, w.api, t, rules)
		head += " " + authSDL(rules)
		head += directivesSDL(t.Directives, []string{"model", "auth", "key", "versioned"})
		if t.Model.Versioned != nil {
			w.finding("data.versioned", model.Manual, "model "+t.Name, t.Model.Versioned.Pos,
				"v1 @versioned (optimistic locking on a version attribute) has no v2 equivalent and is dropped", "add a condition on updates in the client or a custom mutation")
		}
		w.modelFindings(t)
	} else {
		head += directivesSDL(t.Directives, nil)
	}
	w.b.WriteString(head + " {\n")
	for _, f := range t.Fields {
		if f.Generated && f.Name == "id" {
			continue
		}
		w.printField(t, f)
	}
	for _, a := range w.adds[t.Name] {
		extra := ""
		name := strings.SplitN(a, ":", 2)[0]
		if ix := w.indexAdds[t.Name][name]; len(ix) > 0 {
			extra = " " + strings.Join(ix, " ")
		}
		fmt.Fprintf(&w.b, "  %s%s\n", a, extra)
	}
	w.b.WriteString("}\n\n")
}

func (w *sdlWriter) noAuthRules(t *model.GQLType) []model.AuthRule {
	if w.s.GlobalAuth != nil {
		r := *w.s.GlobalAuth
		r.Pos = model.Pos{}
		return []model.AuthRule{r}
	}
	rule := defaultModeRule(w.api.Auth.Default.Type)
	w.finding("data.no-auth", model.Auto, "model "+t.Name, t.Model.Pos,
		fmt.Sprintf("the model has no @auth, so Gen 1 let every caller of the default mode (%s) in; Gen 2 would make it IAM-only, so %s is written", w.api.Auth.Default.Type, ruleText(rule)),
		"review who should reach this model")
	return []model.AuthRule{rule}
}

func (w *sdlWriter) modelFindings(t *model.GQLType) {
	m := t.Model
	subject := "model " + t.Name
	if m.Searchable != nil {
		w.finding("data.searchable", model.Manual, subject, m.Searchable.Pos,
			"@searchable is kept (deprecated in Gen 2): Gen 2 creates a new OpenSearch domain that starts empty",
			"reindex the table into the new domain after the first deploy; plan a move to the OpenSearch zero-ETL integration")
	}
	for _, ix := range m.Indexes {
		if ix.LSI {
			w.finding("data.lsi", model.Manual, "index "+t.Name+"."+ix.Name, ix.Pos,
				"Gen 1 created this index as a local secondary index; Gen 2 declares indexes as global secondary indexes, so importing the table fails its index check",
				"copy this table with `migrate data` instead of reusing it, or drop the index in Gen 1 first")
		}
	}
	for _, rule := range m.Auth {
		if rule.Added {
			w.finding("data.auth-upgraded", model.Auto, subject, rule.Pos,
				fmt.Sprintf("the rule %s is added: %s", ruleText(rule), rule.Note), "review the rule")
		}
	}
	if len(m.JoinFor) > 0 {
		w.finding("data.many-to-many", model.Auto, subject, m.Pos,
			fmt.Sprintf("the @manyToMany join table of %s is mapped too", strings.Join(m.JoinFor, " and ")), "")
	}
}

// directivesSDL prints directives except those in skip, with a leading
// space.
func directivesSDL(ds []*model.Directive, skip []string) string {
	var b strings.Builder
	for _, d := range ds {
		if slices.Contains(skip, d.Name) {
			continue
		}
		b.WriteString(" " + d.String())
	}
	return b.String()
}

// printField prints a field; t is nil for operations.
func (w *sdlWriter) printField(t *model.GQLType, f *model.GQLField) {
	var b strings.Builder
	if f.Description != "" {
		fmt.Fprintf(&b, "  %q\n", f.Description)
	}
	b.WriteString("  " + f.Name)
	if len(f.Args) > 0 {
		var args []string
		for _, a := range f.Args {
			s := a.Name + ": " + a.Type.String()
			if a.DefaultValue != "" {
				s += " = " + a.DefaultValue
			}
			args = append(args, s)
		}
		b.WriteString("(" + strings.Join(args, ", ") + ")")
	}
	typ := f.Type
	if f.Relation != nil && f.Relation.Kind == model.ManyToMany && w.expandM2M {
		typ = model.TypeRef{Elem: &model.TypeRef{Name: f.Relation.KeyModel}, NonNull: f.Type.NonNull}
	}
	b.WriteString(": " + typ.String())
	if f.DefaultValue != "" {
		b.WriteString(" = " + f.DefaultValue)
	}
	skip := []string{"connection", "primaryKey", "index", "hasMany", "hasOne", "belongsTo", "manyToMany", "function"}
	if t != nil && t.Kind == model.KindModel {
		m := t.Model
		if m.PrimaryKey != nil && m.PrimaryKey.Field == f.Name {
			b.WriteString(" @primaryKey")
			if len(m.PrimaryKey.SortKeys) > 0 {
				b.WriteString("(sortKeyFields: " + gqlList(m.PrimaryKey.SortKeys) + ")")
			}
		}
		for _, ix := range m.Indexes {
			if ix.Field != f.Name {
				continue
			}
			if ix.Field == modelPK(t)[0] && len(modelPK(t)) == 1 {
				// A local secondary index Gen 2 cannot declare (the
				// data.lsi finding says so).
				continue
			}
			fmt.Fprintf(&b, " @index(name: %q", ix.Name)
			if len(ix.SortKeys) > 0 {
				b.WriteString(", sortKeyFields: " + gqlList(ix.SortKeys))
			}
			if ix.QueryField != "" {
				fmt.Fprintf(&b, ", queryField: %q)", ix.QueryField)
			} else {
				b.WriteString(", queryField: null)")
			}
		}
		for _, d := range w.indexAdds[t.Name][f.Name] {
			b.WriteString(" " + d)
		}
		if d := w.relDirs[t.Name][f.Name]; d != "" {
			b.WriteString(" " + d)
		}
	}
	for _, fn := range f.Functions {
		b.WriteString(" " + w.functionSDL(fn, f))
	}
	if f.HasAuth {
		skip = append(skip, "auth")
		b.WriteString(" " + authSDL(f.Auth))
	}
	b.WriteString(directivesSDL(f.Directives, skip))
	if f.HTTP != nil && strings.Contains(f.HTTP.String(), "${env}") {
		w.finding("data.http-env", model.Manual, "field "+f.Name, f.HTTP.Pos,
			"@http's URL uses ${env}, which Gen 2 resolves to NONE", "write the Gen 1 environment's URL into the directive")
	}
	w.b.WriteString(b.String() + "\n")
}

// functionSDL prints @function, binding converted functions through
// defineData's functions map and naming the others for the branch.
func (w *sdlWriter) functionSDL(fn model.FunctionRef, f *model.GQLField) string {
	d := f.Directive("function")
	for _, x := range f.Directives {
		if x.Name == "function" && x.Arg("name") != nil && x.Arg("name").Str() == fn.Name {
			d = x
		}
	}
	if sym, ok := w.g.functions[fn.Resource]; ok {
		w.fns[fn.Resource] = sym
		found := false
		for _, kv := range w.fnMap {
			found = found || kv[0] == fn.Name
		}
		if !found {
			w.fnMap = append(w.fnMap, [2]string{fn.Name, sym.Ident})
		}
		return d.String()
	}
	w.finding("data.function-external", model.Manual, "field "+f.Name, fn.Pos,
		fmt.Sprintf("@function(name: %q) names a Lambda function that is not a function resource of this project", fn.Name),
		"check that the function exists for every branch")
	if !fn.UsesEnv {
		return d.String()
	}
	w.usesBranch = true
	nd := *d
	nd.Args = nil
	for _, a := range d.Args {
		if a.Name == "name" {
			v := *a.Value
			v.Raw = strings.ReplaceAll(v.Raw, "${env}", branchToken)
			a.Value = &v
		}
		nd.Args = append(nd.Args, a)
	}
	return nd.String()
}
