package readers

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
)

// upgradeV1 rewrites a transformer v1 schema in v2 terms as the official
// migrator (`amplify migrate api`) does: @key becomes @primaryKey/@index,
// @connection becomes @hasMany/@hasOne/@belongsTo, models without @auth get
// the rule v1 implied, owner and group `operations` keep their v1 meaning.
// Unlike the migrator, the attribute names and indexes v1 stored are kept:
// every relationship carries the exact key attributes v1 wrote.
func (r *reader) upgradeV1(g *model.GraphQLAPI) {
	s := g.Schema
	s.Upgraded = true
	note := func(subject string, pos model.Pos, format string, args ...any) {
		s.UpgradeNotes = append(s.UpgradeNotes, model.UpgradeNote{Subject: subject, Text: fmt.Sprintf(format, args...), Pos: pos})
	}
	models := s.Models()
	// Keys first: connections read the related model's keys.
	for _, t := range models {
		r.upgradeKeys(t, note)
	}
	for _, t := range models {
		for _, f := range t.Fields {
			if d := f.Directive("connection"); d != nil {
				r.upgradeConnection(s, t, f, d, note)
			}
		}
		r.upgradeAuth(g, t, note)
		if t.Model.Versioned != nil {
			note("model "+t.Name, t.Model.Versioned.Pos, "@versioned is dropped: transformer v2 and Gen 2 have no versioned resolvers (use DataStore conflict detection or a condition on update)")
		}
	}
	for _, t := range s.Types {
		if t.Kind != model.KindModel {
			for _, f := range t.Fields {
				if d := f.Directive("connection"); d != nil {
					r.warnf(d.Pos, "@connection connects @model types", "@connection on %s.%s, which is not a @model, is ignored", t.Name, f.Name)
				}
			}
		}
	}
}

// upgradeKeys reads v1 @key directives: the one without a name is the
// primary key, the named ones are indexes (LSIs when they share the
// table's partition key, as v1 created them).
func (r *reader) upgradeKeys(t *model.GQLType, note func(string, model.Pos, string, ...any)) {
	m := t.Model
	var named []*model.Directive
	for _, d := range t.Directives {
		if d.Name != "key" {
			continue
		}
		fields := d.Arg("fields").Strings()
		if len(fields) == 0 {
			r.errorf(d.Pos, `write @key(fields: ["id"])`, "@key on %s has no fields", t.Name)
			continue
		}
		if d.Arg("name") != nil {
			named = append(named, d)
			continue
		}
		if m.PrimaryKey != nil {
			r.errorf(d.Pos, "a model has one primary key; give the other @key a name", "%s has two @key directives without a name", t.Name)
			continue
		}
		m.PrimaryKey = &model.KeySpec{Field: fields[0], SortKeys: fields[1:], Pos: d.Pos}
		note("model "+t.Name, d.Pos, "@key(fields: %v) is the primary key: @primaryKey on %s", fields, fields[0])
	}
	pk, _ := primaryKeyOf(t)
	for _, d := range named {
		fields := d.Arg("fields").Strings()
		ix := &model.IndexSpec{Name: d.Arg("name").Str(), Field: fields[0], SortKeys: fields[1:], Pos: d.Pos, LSI: fields[0] == pk[0]}
		if v := d.Arg("queryField"); v != nil && v.Kind != model.ValueNull {
			ix.QueryField = v.Raw
		}
		m.Indexes = append(m.Indexes, ix)
		lsi := ""
		if ix.LSI {
			lsi = " (v1 created it as a local secondary index because it shares the table's partition key)"
		}
		note("model "+t.Name, d.Pos, "@key(name: %q) is an index: @index(name: %q) on %s%s", ix.Name, ix.Name, fields[0], lsi)
	}
}

// upgradeConnection turns a v1 @connection into a relationship with the key
// attributes v1 stored (graphql-connection-transformer's naming).
func (r *reader) upgradeConnection(s *model.Schema, t *model.GQLType, f *model.GQLField, d *model.Directive, note func(string, model.Pos, string, ...any)) {
	other := s.Type(f.Type.Base())
	if other == nil || other.Kind != model.KindModel {
		r.errorf(d.Pos, "@connection connects @model types", "@connection on %s.%s points at %s, which is not a @model type", t.Name, f.Name, f.Type.Base())
		return
	}
	subject := "field " + t.Name + "." + f.Name
	rel := &model.Relation{Related: other.Name, Pos: d.Pos, V1: d, Expressible: true}
	if v := d.Arg("limit"); v != nil {
		rel.Limit, _ = strconv.Atoi(v.Raw)
	}
	keyField := ""
	if v := d.Arg("keyField"); v != nil {
		keyField = v.Raw
	}
	isList := f.Type.IsList()
	backList := func() bool {
		for _, of := range other.Fields {
			if of.Type.Base() == t.Name && of.Type.IsList() && of.Directive("connection") != nil {
				return true
			}
		}
		return false
	}
	if fields := d.Arg("fields").Strings(); len(fields) > 0 {
		// Key-based connection: the v2 fields/indexName forms.
		rel.Fields = fields
		if v := d.Arg("keyName"); v != nil {
			rel.IndexName = v.Raw
		}
		switch {
		case isList:
			rel.Kind = model.HasMany
			f.Relation = rel
			r.resolveParentSide(t, f, other, func(string) string { return "id" })
		default:
			rel.Kind = model.HasOne
			if backList() {
				rel.Kind = model.BelongsTo
			}
			rel.KeyModel, rel.KeyFields = t.Name, fields
			for _, n := range fields {
				rel.KeyTypes = append(rel.KeyTypes, fieldTypeName(t, n))
			}
			opk, _ := primaryKeyOf(other)
			if len(fields) != len(opk) {
				rel.Expressible = false
				rel.Problem = fmt.Sprintf("its fields %v do not match the primary key of %s %v", fields, other.Name, opk)
			}
			r.checkDeclared(t, rel)
			f.Relation = rel
		}
		note(subject, d.Pos, "@connection(fields: %v) is @%s reading %s", fields, rel.Kind, strings.Join(rel.KeyFields, ", "))
		return
	}
	name := ""
	if v := d.Arg("name"); v != nil {
		name = v.Raw
	}
	// The field on the other side with the same connection name.
	var assoc *model.GQLField
	if name != "" {
		for _, of := range other.Fields {
			if od := of.Directive("connection"); od != nil && of != f && of.Type.Base() == t.Name {
				if v := od.Arg("name"); v != nil && v.Raw == name {
					assoc = of
					break
				}
			}
		}
	}
	var fk string
	switch {
	case isList:
		rel.Kind = model.HasMany
		rel.KeyModel = other.Name
		switch {
		case keyField != "":
			fk = keyField
		case assoc != nil:
			fk = camel(other.Name, assoc.Name, "id")
		default:
			fk = camel(t.Name, f.Name, "id")
		}
		if name != "" {
			rel.Index = "gsi-" + name
		} else {
			rel.Index = "gsi-" + t.Name + "." + f.Name
		}
		if v := d.Arg("sortField"); v != nil {
			rel.Problem = "v1 sorted it by " + v.Raw + " in index " + rel.Index
		}
		if assoc != nil {
			rel.Counterpart = assoc.Name
		}
	default:
		rel.Kind = model.HasOne
		if (assoc != nil && assoc.Type.IsList()) || (assoc == nil && name == "" && backList()) {
			rel.Kind = model.BelongsTo
		}
		rel.KeyModel = t.Name
		if keyField != "" {
			fk = keyField
		} else {
			fk = camel(t.Name, f.Name, "id")
		}
		if assoc != nil {
			rel.Counterpart = assoc.Name
		}
	}
	rel.KeyFields = []string{fk}
	km := s.Type(rel.KeyModel)
	if km.Field(fk) != nil {
		rel.KeyTypes = []string{fieldTypeName(km, fk)}
	} else {
		rel.KeyTypes = []string{"ID"}
		rel.KeyImplicit = true
		rel.KeyRequired = !isList && f.Type.NonNull
	}
	f.Relation = rel
	how := "unnamed"
	if name != "" {
		how = fmt.Sprintf("name %q", name)
	}
	note(subject, d.Pos, "@connection (%s) is @%s; its key stays in %s.%s as v1 stored it", how, rel.Kind, rel.KeyModel, fk)
}

var crud = []string{"create", "read", "update", "delete"}

// upgradeAuth applies v1's auth semantics in v2 terms.
func (r *reader) upgradeAuth(g *model.GraphQLAPI, t *model.GQLType, note func(string, model.Pos, string, ...any)) {
	m := t.Model
	subject := "model " + t.Name
	if !m.HasAuth {
		// v1 allowed everyone who passed the API's default mode; v2 denies.
		var rule model.AuthRule
		switch g.Auth.Default.Type {
		case model.AuthAPIKey:
			rule = model.AuthRule{Allow: "public"}
		case model.AuthOIDC:
			rule = model.AuthRule{Allow: "private", Provider: "oidc"}
		case model.AuthIAM:
			rule = model.AuthRule{Allow: "private", Provider: "iam"}
		case model.AuthLambda:
			rule = model.AuthRule{Allow: "custom"}
		default:
			rule = model.AuthRule{Allow: "private"}
		}
		rule.Added = true
		rule.Pos = m.Pos
		rule.Note = "v1 gave every caller of the default mode (" + string(g.Auth.Default.Type) + ") full access to models without @auth"
		m.Auth = []model.AuthRule{rule}
		m.HasAuth = true
		m.AuthPos = m.Pos
		note(subject, m.Pos, "has no @auth: v1 allowed all %s callers; the rule %s is added so v2 keeps that access", g.Auth.Default.Type, describeRule(rule))
		return
	}
	// v1 queries:/mutations: become operations.
	for i := range m.Auth {
		rule := &m.Auth[i]
		if rule.V1Queries == nil && rule.V1Mutations == nil {
			continue
		}
		var ops []string
		for _, q := range rule.V1Queries {
			if !contains(ops, q) {
				ops = append(ops, q) // get, list
			}
		}
		if contains(ops, "get") && contains(ops, "list") {
			ops = append([]string{"read"}, removeAll(ops, "get", "list")...)
		}
		ops = append(ops, rule.V1Mutations...)
		if rule.V1Queries == nil {
			ops = append(ops, "read")
		}
		if rule.V1Mutations == nil {
			ops = append(ops, "create", "update", "delete")
		}
		rule.Operations = ops
		note(subject, rule.Pos, "the v1 rule with queries/mutations is read as operations %v; the official migrator refuses such rules, so check it", ops)
	}
	// Owner and group operations: v1 left the other operations open.
	covered := map[string]bool{}
	var scoped []int
	for i, rule := range m.Auth {
		if rule.Operations == nil {
			for _, op := range crud {
				covered[op] = true
			}
			continue
		}
		for _, op := range rule.Operations {
			covered[op] = true
			if op == "get" || op == "list" {
				covered["read"] = true
			}
		}
		if rule.Allow == "owner" || rule.Allow == "groups" {
			scoped = append(scoped, i)
		}
	}
	if len(scoped) == 0 {
		return
	}
	var open []string
	for _, op := range crud {
		if !covered[op] {
			open = append(open, op)
		}
	}
	if len(open) > 0 {
		rule := model.AuthRule{Allow: "private", Operations: open, Added: true, Pos: m.AuthPos,
			Note: "v1 owner and group rules only protected the operations they list; the others were open to signed-in users"}
		m.Auth = append(m.Auth, rule)
		note(subject, m.AuthPos, "v1 left %v open to every signed-in user; the rule %s keeps that", open, describeRule(rule))
	}
	ownerGroup := 0
	for _, rule := range m.Auth {
		if rule.Allow == "owner" || rule.Allow == "groups" {
			ownerGroup++
		}
	}
	if ownerGroup == 1 && len(open) > 0 {
		i := scoped[0]
		m.Auth[i].Operations = nil
		note(subject, m.Auth[i].Pos, "the %s rule gets all operations, as the official migrator does, so the owner keeps full access", m.Auth[i].Allow)
	}
}

func removeAll(list []string, drop ...string) []string {
	var out []string
	for _, x := range list {
		if !contains(drop, x) {
			out = append(out, x)
		}
	}
	return out
}

// describeRule renders a rule in @auth syntax for notes.
func describeRule(rule model.AuthRule) string {
	parts := []string{"allow: " + rule.Allow}
	if rule.Provider != "" {
		parts = append(parts, "provider: "+rule.Provider)
	}
	if rule.Operations != nil {
		parts = append(parts, "operations: ["+strings.Join(rule.Operations, ", ")+"]")
	}
	return "{" + strings.Join(parts, ", ") + "}"
}
