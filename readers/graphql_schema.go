package readers

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
)

// typeDirectives and fieldDirectives are the directives the Gen 1
// transformers (v1 and v2) and AppSync know, by where they may appear.
var (
	typeDirectives = []string{"model", "auth", "key", "searchable", "versioned", "mapsTo",
		"aws_api_key", "aws_iam", "aws_cognito_user_pools", "aws_oidc", "aws_lambda", "deprecated"}
	fieldDirectives = []string{"primaryKey", "index", "hasMany", "hasOne", "belongsTo", "manyToMany", "connection",
		"auth", "default", "function", "http", "predictions", "aws_subscribe",
		"aws_api_key", "aws_iam", "aws_cognito_user_pools", "aws_oidc", "aws_lambda", "deprecated", "aws_auth"}
	awsAuthDirectives = []string{"aws_api_key", "aws_iam", "aws_cognito_user_pools", "aws_oidc", "aws_lambda", "aws_auth"}
)

// interpretSchema reads the meaning of each directive into the model:
// model settings, keys, auth rules, handlers. v1-only directives are read
// by upgradeV1.
func (r *reader) interpretSchema(g *model.GraphQLAPI) {
	s := g.Schema
	for _, t := range s.Types {
		for _, d := range t.Directives {
			if !contains(typeDirectives, d.Name) {
				r.unknownDirective(d, "type "+t.Name, typeDirectives)
				continue
			}
			switch {
			case d.Name == "model":
				if t.Kind != model.KindModel {
					continue
				}
				t.Model = &model.ModelSpec{Pos: d.Pos}
			case contains(awsAuthDirectives, d.Name):
				t.AWSAuth = append(t.AWSAuth, readAWSAuth(d))
			}
		}
		if t.Kind == model.KindModel {
			r.readModelDirectives(g, t)
		} else {
			for _, name := range []string{"auth", "searchable", "key", "versioned", "mapsTo"} {
				if d := t.Directive(name); d != nil {
					r.warnf(d.Pos, "these directives only apply to @model types", "@%s on %s %s, which is not a @model, is ignored", name, t.Kind, t.Name)
				}
			}
		}
		for _, f := range t.Fields {
			r.readFieldDirectives(t, f, "field "+t.Name+"."+f.Name)
		}
	}
	for _, root := range []string{"Query", "Mutation", "Subscription"} {
		for _, f := range s.Operations(root) {
			r.readFieldDirectives(nil, f, root+"."+f.Name)
		}
	}
}

func (r *reader) unknownDirective(d *model.Directive, where string, known []string) {
	detail := "it is kept in the GraphQL string of `--tables reuse` but has no typed Gen 2 equivalent; check that it is still needed"
	if s := suggest(d.Name, known); s != "" {
		detail = fmt.Sprintf("did you mean @%s? The Gen 1 transformer would have rejected @%s", s, d.Name)
	}
	r.warnf(d.Pos, detail, "unknown directive @%s on %s", d.Name, where)
}

func readAWSAuth(d *model.Directive) model.AWSAuth {
	a := model.AWSAuth{Directive: d.Name, Pos: d.Pos}
	if v := d.Arg("cognito_groups"); v != nil {
		a.Groups = v.Strings()
	}
	return a
}

// readModelDirectives reads @model's arguments and the model-level @auth,
// @searchable, @mapsTo, @versioned.
func (r *reader) readModelDirectives(g *model.GraphQLAPI, t *model.GQLType) {
	m := t.Model
	if m == nil {
		return
	}
	if d := t.Directive("auth"); d != nil {
		m.HasAuth = true
		m.AuthPos = d.Pos
		m.Auth = r.readAuthDirective(d, "model "+t.Name)
	}
	m.Searchable = t.Directive("searchable")
	m.Versioned = t.Directive("versioned")
	if d := t.Directive("mapsTo"); d != nil {
		m.MapsTo = d.Arg("name").Str()
		m.MapsToPos = d.Pos
		if m.MapsTo == "" {
			r.errorf(d.Pos, `write @mapsTo(name: "OldName")`, "@mapsTo on %s has no name", t.Name)
		}
	}
	md := t.Directive("model")
	known := []string{"queries", "mutations", "subscriptions", "timestamps"}
	for _, a := range md.Args {
		if !contains(known, a.Name) {
			detail := "@model takes queries, mutations, subscriptions and timestamps"
			if s := suggest(a.Name, known); s != "" {
				detail = fmt.Sprintf("did you mean %q?", s)
			}
			r.warnf(a.Value.Pos, detail, "unknown @model argument %q on %s is ignored", a.Name, t.Name)
		}
	}
	r.modelOps(g, t, md)
}

// modelOps computes the operations @model generated and their names,
// merging the arguments with the defaults as Gen 1 did: shallow (an object
// replaces the default object) unless shouldDeepMergeDirectiveConfigDefaults.
func (r *reader) modelOps(g *model.GraphQLAPI, t *model.GQLType, md *model.Directive) {
	m := t.Model
	name := t.Name
	deep := g.Flags.ShouldDeepMergeDirectiveConfigDefaults
	plural := pluralize(name)
	defaults := map[string]string{
		"get": camel("get", name), "list": camel("list", plural), "sync": camel("sync", plural),
		"create": camel("create", name), "update": camel("update", name), "delete": camel("delete", name),
		"onCreate": subscriptionName(camel("onCreate", name)), "onUpdate": subscriptionName(camel("onUpdate", name)),
		"onDelete": subscriptionName(camel("onDelete", name)),
	}
	// v1 named list queries with a plain "s" unless improvePluralization.
	gen1Defaults := map[string]string{}
	for k, v := range defaults {
		gen1Defaults[k] = v
	}
	if g.Transformer.Version == 1 && !g.Flags.ImprovePluralization {
		gen1Defaults["list"] = camel("list", name+"s")
		gen1Defaults["sync"] = camel("sync", name+"s")
	}
	group := map[string][]string{
		"queries":       {"get", "list", "sync"},
		"mutations":     {"create", "update", "delete"},
		"subscriptions": {"onCreate", "onUpdate", "onDelete"},
	}
	names := map[string]string{}
	m.SubscriptionsLevel = "on"
	for _, grp := range []string{"queries", "mutations", "subscriptions"} {
		v := md.Arg(grp)
		switch {
		case v == nil:
			for _, op := range group[grp] {
				names[op] = gen1Defaults[op]
			}
		case v.Kind == model.ValueNull:
			// all off
		case v.Kind == model.ValueObject:
			for _, f := range v.Fields {
				if grp == "subscriptions" && f.Name == "level" {
					m.SubscriptionsLevel = f.Value.Raw
					continue
				}
				if !contains(group[grp], f.Name) {
					r.warnf(f.Value.Pos, fmt.Sprintf("%s takes %s", grp, strings.Join(group[grp], ", ")), "unknown key %q in @model(%s) on %s is ignored", f.Name, grp, t.Name)
				}
			}
			onlyLevel := grp == "subscriptions" && len(v.Fields) == 1 && v.Field("level") != nil
			for _, op := range group[grp] {
				x := v.Field(op)
				switch {
				case x == nil:
					if deep || onlyLevel {
						names[op] = gen1Defaults[op]
					}
				case x.Kind == model.ValueNull:
				case x.Kind == model.ValueList:
					if ss := x.Strings(); len(ss) > 0 {
						names[op] = ss[0]
						if len(ss) > 1 {
							r.warnf(x.Pos, "Gen 2 generates one subscription per mutation; the others are listed in the report",
								"@model on %s names %d %s subscriptions (%s); only %s is kept", t.Name, len(ss), op, strings.Join(ss, ", "), ss[0])
						}
					}
				default:
					names[op] = x.Raw
				}
			}
		default:
			r.errorf(v.Pos, grp+" is null or an object such as { get: \"getPost\" }", "@model(%s) on %s is not an object", grp, t.Name)
		}
	}
	// sync exists only with DataStore conflict detection.
	if g.Conflict == nil {
		delete(names, "sync")
	}
	for _, op := range model.ModelOpKinds {
		m.Ops = append(m.Ops, model.ModelOp{Kind: op, Name: names[op], Default: defaults[op]})
	}
	m.CreatedAt, m.UpdatedAt = "createdAt", "updatedAt"
	if v := md.Arg("timestamps"); v != nil {
		switch v.Kind {
		case model.ValueNull:
			m.CreatedAt, m.UpdatedAt, m.TimestampsCustom = "", "", true
		case model.ValueObject:
			for _, k := range []struct {
				key string
				dst *string
			}{{"createdAt", &m.CreatedAt}, {"updatedAt", &m.UpdatedAt}} {
				x := v.Field(k.key)
				switch {
				case x == nil:
				case x.Kind == model.ValueNull:
					*k.dst = ""
				default:
					*k.dst = x.Raw
				}
			}
			m.TimestampsCustom = m.CreatedAt != "createdAt" || m.UpdatedAt != "updatedAt"
		}
	}
	switch m.SubscriptionsLevel {
	case "on", "off", "public":
	default:
		r.warnf(md.Pos, "level is on, off or public", "@model(subscriptions: {level: %s}) on %s is unknown; reading it as on", m.SubscriptionsLevel, t.Name)
		m.SubscriptionsLevel = "on"
	}
}

// subscriptionName truncates long subscription names as the transformer
// does (45 characters and 5 of an MD5).
func subscriptionName(name string) string {
	if len(name) <= 50 {
		return name
	}
	sum := md5.Sum([]byte(name))
	return name[:45] + hex.EncodeToString(sum[:])[:5]
}

// camel is graphql-transformer-common's toCamelCase.
func camel(words ...string) string {
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

var envRe = regexp.MustCompile(`-?_?\$\{env\}`)

// readFieldDirectives reads a field's directives; t is nil for custom
// operations.
func (r *reader) readFieldDirectives(t *model.GQLType, f *model.GQLField, where string) {
	for _, d := range f.Directives {
		if !contains(fieldDirectives, d.Name) {
			r.unknownDirective(d, where, fieldDirectives)
			continue
		}
		switch d.Name {
		case "auth":
			f.HasAuth = true
			f.AuthPos = d.Pos
			f.Auth = r.readAuthDirective(d, where)
		case "default":
			v := d.Arg("value")
			if v == nil {
				r.errorf(d.Pos, `write @default(value: "...")`, "@default on %s has no value", where)
				continue
			}
			f.Default = &model.DefaultValue{Value: v.Raw, Pos: d.Pos}
		case "function":
			fr := model.FunctionRef{Name: d.Arg("name").Str(), Pos: d.Pos}
			if v := d.Arg("region"); v != nil {
				fr.Region = v.Raw
			}
			if v := d.Arg("accountId"); v != nil {
				fr.AccountID = v.Raw
			}
			if v := d.Arg("invocationType"); v != nil {
				fr.InvocationType = v.Raw
			}
			fr.UsesEnv = strings.Contains(fr.Name, "${env}")
			fr.Resource = envRe.ReplaceAllString(fr.Name, "")
			if fr.Name == "" {
				r.errorf(d.Pos, `write @function(name: "myfunction-${env}")`, "@function on %s has no name", where)
				continue
			}
			f.Functions = append(f.Functions, fr)
		case "http":
			f.HTTP = d
		case "predictions":
			f.Predictions = d
		case "aws_subscribe":
			f.Subscribe = d.Arg("mutations").Strings()
			f.SubscribePos = d.Pos
		case "aws_api_key", "aws_iam", "aws_cognito_user_pools", "aws_oidc", "aws_lambda", "aws_auth":
			f.AWSAuth = append(f.AWSAuth, readAWSAuth(d))
		case "primaryKey", "index":
			if t == nil || t.Kind != model.KindModel {
				r.warnf(d.Pos, "keys and indexes apply to fields of @model types", "@%s on %s is ignored", d.Name, where)
			}
		case "hasMany", "hasOne", "belongsTo", "manyToMany":
			if t == nil || t.Kind != model.KindModel {
				r.warnf(d.Pos, "relationships connect @model types", "@%s on %s is ignored", d.Name, where)
				continue
			}
			f.Relation = readRelation(d, f)
		}
	}
	if t != nil && t.Kind == model.KindModel {
		r.readKeyDirectives(t, f)
	}
}

// readRelation reads a v2 relationship directive.
func readRelation(d *model.Directive, f *model.GQLField) *model.Relation {
	rel := &model.Relation{Kind: model.RelationKind(d.Name), Related: f.Type.Base(), Pos: d.Pos, Expressible: true}
	rel.Fields = d.Arg("fields").Strings()
	rel.References = d.Arg("references").Strings()
	if v := d.Arg("indexName"); v != nil {
		rel.IndexName = v.Raw
	}
	if v := d.Arg("relationName"); v != nil {
		rel.RelationName = v.Raw
	}
	if v := d.Arg("limit"); v != nil {
		rel.Limit, _ = strconv.Atoi(v.Raw)
	}
	return rel
}

// readKeyDirectives reads @primaryKey and @index on a model field.
func (r *reader) readKeyDirectives(t *model.GQLType, f *model.GQLField) {
	m := t.Model
	for _, d := range f.Directives {
		switch d.Name {
		case "primaryKey":
			if m.PrimaryKey != nil {
				r.errorf(d.Pos, "a model has one primary key; keep one @primaryKey and make the other an @index", "%s has a second @primaryKey (the first is on %s)", t.Name, m.PrimaryKey.Field)
				continue
			}
			m.PrimaryKey = &model.KeySpec{Field: f.Name, SortKeys: d.Arg("sortKeyFields").Strings(), Pos: d.Pos}
		case "index":
			ix := &model.IndexSpec{Field: f.Name, SortKeys: d.Arg("sortKeyFields").Strings(), Pos: d.Pos}
			if v := d.Arg("name"); v != nil {
				ix.Name = v.Raw
			}
			if v := d.Arg("queryField"); v != nil {
				if v.Kind == model.ValueNull {
					ix.QueryField = ""
				} else {
					ix.QueryField = v.Raw
				}
				ix.QueryFieldAuto = false
			} else {
				ix.QueryFieldAuto = true // resolved in resolveModels
			}
			m.Indexes = append(m.Indexes, ix)
		}
	}
}

// collectFunctions fills GraphQLAPI.Functions: @function resources, the
// Lambda authorizer and the conflict handler, once each, in order.
func (r *reader) collectFunctions(g *model.GraphQLAPI) {
	seen := map[string]bool{}
	add := func(n string) {
		if n != "" && !seen[n] {
			seen[n] = true
			g.Functions = append(g.Functions, n)
		}
	}
	visit := func(fs []*model.GQLField) {
		for _, f := range fs {
			for _, fr := range f.Functions {
				add(fr.Resource)
			}
		}
	}
	for _, t := range g.Schema.Types {
		visit(t.Fields)
	}
	visit(g.Schema.Queries)
	visit(g.Schema.Mutations)
	visit(g.Schema.Subscriptions)
	if m := g.Auth.Mode(model.AuthLambda); m != nil {
		add(m.LambdaFunction)
	}
	if g.Conflict != nil {
		add(g.Conflict.LambdaFunction)
	}
}
