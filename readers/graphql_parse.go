package readers

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/amplify-migrate/amplify-migrate/model"
)

// sdlFile is one schema file as read.
type sdlFile struct {
	rel  string
	text string
}

// parseSDL parses the schema files one by one (so that positions name the
// right file) and builds the schema with every directive kept as written.
// Amplify's directives are not declared in the files, so the SDL is parsed,
// never validated against a schema. It returns nil when no file parsed.
func (r *reader) parseSDL(files []sdlFile) *model.Schema {
	type def struct {
		d   *ast.Definition
		ext bool
		rel string
	}
	var defs []def
	parsed := 0
	for _, f := range files {
		doc, err := parser.ParseSchema(&ast.Source{Name: f.rel, Input: f.text})
		if err != nil {
			r.sdlError(f.rel, err)
			continue
		}
		parsed++
		var ds []def
		for _, d := range doc.Definitions {
			ds = append(ds, def{d, false, f.rel})
		}
		for _, d := range doc.Extensions {
			ds = append(ds, def{d, true, f.rel})
		}
		// gqlparser keeps definitions and extensions in separate lists;
		// source order is what the user chose.
		sort.SliceStable(ds, func(i, j int) bool { return ds[i].d.Position.Start < ds[j].d.Position.Start })
		defs = append(defs, ds...)
		if doc.Schema != nil || doc.SchemaExtension != nil {
			for _, s := range append(doc.Schema, doc.SchemaExtension...) {
				r.warnf(astPos(s.Position), "Amplify names the root types Query, Mutation and Subscription; rename the types and remove the schema block",
					"schema definitions are not supported by the Amplify transformer and are ignored")
			}
		}
	}
	if parsed == 0 {
		return nil
	}
	s := &model.Schema{}
	byName := map[string]*model.GQLType{}
	for _, x := range defs {
		d := x.d
		switch d.Name {
		case "Query", "Mutation", "Subscription":
			if d.Kind != ast.Object {
				break
			}
			for _, fd := range d.Fields {
				f := convertField(fd)
				switch d.Name {
				case "Query":
					s.Queries = append(s.Queries, f)
				case "Mutation":
					s.Mutations = append(s.Mutations, f)
				default:
					s.Subscriptions = append(s.Subscriptions, f)
				}
			}
			if len(d.Directives) > 0 {
				r.warnf(astPos(d.Position), "move the directives to the fields", "directives on the %s type are ignored", d.Name)
			}
			continue
		}
		if d.Name == "AMPLIFY" && d.Kind == ast.InputObject {
			r.readGlobalAuth(s, d)
			continue
		}
		if t := byName[d.Name]; t != nil {
			if !x.ext {
				r.errorf(astPos(d.Position), fmt.Sprintf("the first definition is at %s; rename one of them or merge them", t.Pos),
					"type %s is defined twice", d.Name)
				continue
			}
			for _, fd := range d.Fields {
				t.Fields = append(t.Fields, convertField(fd))
			}
			t.Directives = append(t.Directives, convertDirectives(d.Directives)...)
			t.Interfaces = append(t.Interfaces, d.Interfaces...)
			t.Members = append(t.Members, d.Types...)
			for _, v := range d.EnumValues {
				t.Values = append(t.Values, model.EnumValue{Name: v.Name, Pos: astPos(v.Position)})
			}
			continue
		}
		t := &model.GQLType{
			Name: d.Name, Description: d.Description, Pos: astPos(d.Position),
			Directives: convertDirectives(d.Directives),
			Interfaces: d.Interfaces, Members: d.Types,
		}
		switch d.Kind {
		case ast.Object:
			t.Kind = model.KindObject
		case ast.Enum:
			t.Kind = model.KindEnum
		case ast.InputObject:
			t.Kind = model.KindInput
		case ast.Interface:
			t.Kind = model.KindInterface
		case ast.Union:
			t.Kind = model.KindUnion
		case ast.Scalar:
			t.Kind = model.KindScalar
		}
		for _, fd := range d.Fields {
			t.Fields = append(t.Fields, convertField(fd))
		}
		for _, v := range d.EnumValues {
			t.Values = append(t.Values, model.EnumValue{Name: v.Name, Pos: astPos(v.Position)})
		}
		if x.ext {
			r.warnf(t.Pos, "define the type with `type` before extending it", "extend %s has no base definition; it is read as a definition", d.Name)
		}
		byName[d.Name] = t
		s.Types = append(s.Types, t)
	}
	for _, t := range s.Types {
		if t.Kind == model.KindObject && t.Directive("model") != nil {
			t.Kind = model.KindModel
		}
	}
	return s
}

// sdlError turns a parse error into a diagnostic at the file, line and
// column of the error.
func (r *reader) sdlError(rel string, err error) {
	pos := model.Pos{File: rel}
	msg := err.Error()
	var ge *gqlerror.Error
	if errors.As(err, &ge) {
		msg = ge.Message
		if len(ge.Locations) > 0 {
			pos.Line, pos.Col = ge.Locations[0].Line, ge.Locations[0].Column
		}
	}
	r.errorf(pos, "fix the GraphQL syntax; the schema is what every model, table and resolver is built from",
		"invalid GraphQL: %s", msg)
}

// readGlobalAuth reads `input AMPLIFY { globalAuthRule: AuthRule = {...} }`.
func (r *reader) readGlobalAuth(s *model.Schema, d *ast.Definition) {
	for _, f := range d.Fields {
		if f.Name != "globalAuthRule" {
			continue
		}
		if f.DefaultValue == nil {
			r.warnf(astPos(f.Position), "give the rule as a default value: globalAuthRule: AuthRule = { allow: public }", "globalAuthRule has no value and is ignored")
			return
		}
		rule := parseAuthRule(convertValue(f.DefaultValue))
		rule.Pos = astPos(f.Position)
		s.GlobalAuth = &rule
		return
	}
}

func astPos(p *ast.Position) model.Pos {
	if p == nil {
		return model.Pos{}
	}
	pos := model.Pos{Line: p.Line, Col: p.Column}
	if p.Src != nil {
		pos.File = p.Src.Name
	}
	return pos
}

func convertField(fd *ast.FieldDefinition) *model.GQLField {
	f := &model.GQLField{
		Name: fd.Name, Description: fd.Description, Pos: astPos(fd.Position),
		Type:       convertType(fd.Type),
		Directives: convertDirectives(fd.Directives),
	}
	if fd.DefaultValue != nil {
		f.DefaultValue = convertValue(fd.DefaultValue).String()
	}
	for _, a := range fd.Arguments {
		arg := &model.GQLArg{Name: a.Name, Type: convertType(a.Type), Pos: astPos(a.Position)}
		if a.DefaultValue != nil {
			arg.DefaultValue = convertValue(a.DefaultValue).String()
		}
		f.Args = append(f.Args, arg)
	}
	return f
}

func convertType(t *ast.Type) model.TypeRef {
	if t == nil {
		return model.TypeRef{}
	}
	out := model.TypeRef{Name: t.NamedType, NonNull: t.NonNull}
	if t.Elem != nil {
		e := convertType(t.Elem)
		out.Elem = &e
	}
	return out
}

func convertDirectives(ds ast.DirectiveList) []*model.Directive {
	out := make([]*model.Directive, 0, len(ds))
	for _, d := range ds {
		md := &model.Directive{Name: d.Name, Pos: astPos(d.Position)}
		for _, a := range d.Arguments {
			md.Args = append(md.Args, model.DirectiveArg{Name: a.Name, Value: convertValue(a.Value)})
		}
		out = append(out, md)
	}
	return out
}

func convertValue(v *ast.Value) *model.Value {
	if v == nil {
		return nil
	}
	out := &model.Value{Raw: v.Raw, Pos: astPos(v.Position)}
	switch v.Kind {
	case ast.Variable:
		out.Kind = model.ValueVariable
	case ast.IntValue:
		out.Kind = model.ValueInt
	case ast.FloatValue:
		out.Kind = model.ValueFloat
	case ast.StringValue, ast.BlockValue:
		out.Kind = model.ValueString
	case ast.BooleanValue:
		out.Kind = model.ValueBool
	case ast.NullValue:
		out.Kind = model.ValueNull
	case ast.EnumValue:
		out.Kind = model.ValueEnum
	case ast.ListValue:
		out.Kind = model.ValueList
		for _, c := range v.Children {
			out.List = append(out.List, convertValue(c.Value))
		}
	case ast.ObjectValue:
		out.Kind = model.ValueObject
		for _, c := range v.Children {
			out.Fields = append(out.Fields, model.ObjectField{Name: c.Name, Value: convertValue(c.Value)})
		}
	}
	return out
}

// parseAuthRule reads one @auth rule object.
func parseAuthRule(v *model.Value) model.AuthRule {
	rule := model.AuthRule{Pos: v.Pos}
	if v == nil || v.Kind != model.ValueObject {
		return rule
	}
	if x := v.Field("allow"); x != nil {
		rule.Allow = x.Raw
	}
	if x := v.Field("provider"); x != nil {
		rule.Provider = x.Raw
	}
	if x := v.Field("operations"); x != nil {
		rule.Operations = x.Strings()
		if rule.Operations == nil {
			rule.Operations = []string{}
		}
	}
	if x := v.Field("ownerField"); x != nil {
		rule.OwnerField = x.Raw
	}
	if x := v.Field("identityClaim"); x != nil {
		rule.IdentityClaim = x.Raw
	} else if x := v.Field("identityField"); x != nil {
		rule.IdentityClaim = x.Raw // v1's older name
	}
	if x := v.Field("groupClaim"); x != nil {
		rule.GroupClaim = x.Raw
	}
	if x := v.Field("groups"); x != nil {
		rule.Groups = x.Strings()
	}
	if x := v.Field("groupsField"); x != nil {
		rule.GroupsField = x.Raw
	}
	if x := v.Field("queries"); x != nil {
		rule.V1Queries = x.Strings()
		if rule.V1Queries == nil {
			rule.V1Queries = []string{}
		}
	}
	if x := v.Field("mutations"); x != nil {
		rule.V1Mutations = x.Strings()
		if rule.V1Mutations == nil {
			rule.V1Mutations = []string{}
		}
	}
	return rule
}

// authRulesKnownKeys are the keys of an @auth rule object.
var authRuleKeys = []string{"allow", "provider", "operations", "ownerField", "identityClaim", "identityField", "groupClaim", "groups", "groupsField", "queries", "mutations"}

var authAllows = []string{"public", "private", "owner", "groups", "custom"}
var authProviders = []string{"apiKey", "iam", "identityPool", "userPools", "oidc", "function"}
var authOperations = []string{"create", "update", "delete", "read", "get", "list", "sync", "listen", "search"}

// readAuthDirective reads @auth(rules: [...]) and checks each rule.
func (r *reader) readAuthDirective(d *model.Directive, where string) []model.AuthRule {
	rules := d.Arg("rules")
	if rules == nil {
		r.warnf(d.Pos, "write @auth(rules: [{ allow: owner }]) with at least one rule", "@auth on %s has no rules", where)
		return nil
	}
	items := rules.List
	if rules.Kind == model.ValueObject {
		items = []*model.Value{rules}
	}
	var out []model.AuthRule
	for _, it := range items {
		if it.Kind != model.ValueObject {
			r.errorf(it.Pos, "each rule is an object such as { allow: owner }", "@auth rule on %s is not an object", where)
			continue
		}
		for _, f := range it.Fields {
			if !contains(authRuleKeys, f.Name) {
				detail := "it is not converted"
				if s := suggest(f.Name, authRuleKeys); s != "" {
					detail = fmt.Sprintf("did you mean %q? It is not converted as written", s)
				}
				r.warnf(f.Value.Pos, detail, "unknown key %q in an @auth rule on %s", f.Name, where)
			}
		}
		rule := parseAuthRule(it)
		if !contains(authAllows, rule.Allow) {
			r.errorf(it.Pos, "allow is one of "+strings.Join(authAllows, ", "), "@auth rule on %s has allow %q", where, rule.Allow)
			continue
		}
		if rule.Provider != "" && !contains(authProviders, rule.Provider) {
			r.errorf(it.Pos, "provider is one of "+strings.Join(authProviders, ", "), "@auth rule on %s has provider %q", where, rule.Provider)
			continue
		}
		for _, op := range rule.Operations {
			if !contains(authOperations, op) {
				r.errorf(it.Pos, "operations are "+strings.Join(authOperations, ", "), "@auth rule on %s has unknown operation %q", where, op)
			}
		}
		out = append(out, rule)
	}
	return out
}
