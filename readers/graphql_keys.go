package readers

import (
	"fmt"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
)

// primaryKeyOf returns a model's key fields (partition key first) and their
// GraphQL types; a model without @primaryKey is keyed on id: ID.
func primaryKeyOf(t *model.GQLType) (fields, types []string) {
	fields = []string{"id"}
	if t.Model != nil && t.Model.PrimaryKey != nil {
		fields = append([]string{t.Model.PrimaryKey.Field}, t.Model.PrimaryKey.SortKeys...)
	}
	for _, f := range fields {
		types = append(types, fieldTypeName(t, f))
	}
	return fields, types
}

// fieldTypeName is the named type of a field, "ID" for an undeclared id
// and "String" for other undeclared fields.
func fieldTypeName(t *model.GQLType, name string) string {
	if f := t.Field(name); f != nil {
		return f.Type.Base()
	}
	if name == "id" {
		return "ID"
	}
	return "String"
}

// resolveModels fills what depends on the whole schema: index query names,
// LSIs, owner and group fields that are lists, and @manyToMany join models.
func (r *reader) resolveModels(g *model.GraphQLAPI) {
	for _, t := range g.Schema.Models() {
		m := t.Model
		pk, _ := primaryKeyOf(t)
		for _, ix := range m.Indexes {
			if ix.QueryFieldAuto {
				if g.Flags.EnableAutoIndexQueryNames || g.Transformer.Version == 2 && ix.Generated {
					ix.QueryField = indexQueryName(t.Name, ix.Field, ix.SortKeys)
				} else {
					ix.QueryFieldAuto = false
				}
			}
			if g.Transformer.Version == 2 && !g.Flags.SecondaryKeyAsGSI && ix.Field == pk[0] {
				ix.LSI = true
			}
		}
		for i := range m.Auth {
			markListAuthFields(t, &m.Auth[i])
		}
		for _, f := range t.Fields {
			for i := range f.Auth {
				markListAuthFields(t, &f.Auth[i])
			}
		}
		r.checkKeyFields(t)
	}
	r.resolveManyToMany(g)
}

// indexQueryName is the query Gen 1 names an index after:
// <lowerFirst(plural(Model))>By<Pk>And<Sk>.
func indexQueryName(modelName, pk string, sk []string) string {
	parts := []string{upperFirst(pk)}
	for _, s := range sk {
		parts = append(parts, upperFirst(s))
	}
	return lowerFirstS(pluralize(modelName)) + "By" + strings.Join(parts, "And")
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func lowerFirstS(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func markListAuthFields(t *model.GQLType, rule *model.AuthRule) {
	switch rule.Allow {
	case "owner":
		name := rule.OwnerField
		if name == "" {
			name = "owner"
		}
		if f := t.Field(name); f != nil && f.Type.IsList() {
			rule.OwnerFieldList = true
		}
	case "groups":
		if rule.GroupsField != "" {
			if f := t.Field(rule.GroupsField); f != nil && f.Type.IsList() {
				rule.OwnerFieldList = true
			}
		}
	}
}

// checkKeyFields reports keys and indexes that name fields the model does
// not have.
func (r *reader) checkKeyFields(t *model.GQLType) {
	m := t.Model
	check := func(names []string, pos model.Pos, what string) {
		for _, n := range names {
			if t.Field(n) == nil && !(n == "id" || n == m.CreatedAt || n == m.UpdatedAt) {
				r.errorf(pos, "declare the field on the model or fix the name", "%s of %s names %q, which is not a field of %s", what, t.Name, n, t.Name)
			}
		}
	}
	if m.PrimaryKey != nil {
		check(m.PrimaryKey.SortKeys, m.PrimaryKey.Pos, "the primary key")
	}
	for _, ix := range m.Indexes {
		if ix.Generated {
			continue
		}
		check(ix.SortKeys, ix.Pos, "index "+ix.Name)
		if ix.Name == "" {
			r.errorf(ix.Pos, `write @index(name: "byX")`, "@index on %s.%s has no name", t.Name, ix.Field)
		}
	}
}

// resolveManyToMany adds the join model each @manyToMany relation name
// stands for, as the transformer builds it, and turns both @manyToMany
// fields into @hasMany through it.
func (r *reader) resolveManyToMany(g *model.GraphQLAPI) {
	type side struct {
		t *model.GQLType
		f *model.GQLField
	}
	byName := map[string][]side{}
	var order []string
	for _, t := range g.Schema.Models() {
		for _, f := range t.Fields {
			if f.Relation == nil || f.Relation.Kind != model.ManyToMany {
				continue
			}
			name := f.Relation.RelationName
			if name == "" {
				r.errorf(f.Relation.Pos, `write @manyToMany(relationName: "PostTags")`, "@manyToMany on %s.%s has no relationName", t.Name, f.Name)
				continue
			}
			if _, ok := byName[name]; !ok {
				order = append(order, name)
			}
			byName[name] = append(byName[name], side{t, f})
		}
	}
	flags := g.Flags
	for _, name := range order {
		sides := byName[name]
		if len(sides) != 2 {
			r.errorf(sides[0].f.Relation.Pos, "use each relationName on exactly two fields, one on each model",
				"@manyToMany relation %q is used %d times", name, len(sides))
			continue
		}
		if g.Schema.Type(name) != nil {
			r.errorf(sides[0].f.Relation.Pos, "rename the relation or the type", "@manyToMany relation name %q is also a type", name)
			continue
		}
		join := &model.GQLType{Kind: model.KindModel, Name: name, Pos: sides[0].f.Relation.Pos,
			Model: &model.ModelSpec{Pos: sides[0].f.Relation.Pos, HasAuth: true, CreatedAt: "createdAt", UpdatedAt: "updatedAt", SubscriptionsLevel: "on",
				JoinFor: []string{sides[0].t.Name + "." + sides[0].f.Name, sides[1].t.Name + "." + sides[1].f.Name}}}
		plural := pluralize(name)
		for _, op := range model.ModelOpKinds {
			def := map[string]string{"get": camel("get", name), "list": camel("list", plural), "sync": camel("sync", plural),
				"create": camel("create", name), "update": camel("update", name), "delete": camel("delete", name),
				"onCreate": subscriptionName(camel("onCreate", name)), "onUpdate": subscriptionName(camel("onUpdate", name)), "onDelete": subscriptionName(camel("onDelete", name))}[op]
			n := def
			if op == "sync" && g.Conflict == nil {
				n = ""
			}
			join.Model.Ops = append(join.Model.Ops, model.ModelOp{Kind: op, Name: n, Default: def})
		}
		join.Fields = append(join.Fields, &model.GQLField{Name: "id", Type: model.TypeRef{Name: "ID", NonNull: true}, Generated: true, Pos: join.Pos})
		var relFields []*model.GQLField
		for _, sd := range sides {
			pk, types := primaryKeyOf(sd.t)
			lower := lowerFirstS(sd.t.Name)
			suffix := "ID"
			if flags.RespectPrimaryKeyAttributesOnConnectionField {
				suffix = upperFirst(pk[0])
			}
			idField := lowerFirstS(lower) + suffix
			var sortIdx []string
			keyFields := []string{idField}
			keyTypes := []string{types[0]}
			join.Fields = append(join.Fields, &model.GQLField{Name: idField, Type: model.TypeRef{Name: types[0], NonNull: true}, Generated: true, Pos: join.Pos})
			for i, sk := range pk[1:] {
				n := lower + sk
				sortIdx = append(sortIdx, n)
				keyFields = append(keyFields, n)
				keyTypes = append(keyTypes, types[i+1])
				join.Fields = append(join.Fields, &model.GQLField{Name: n, Type: model.TypeRef{Name: types[i+1], NonNull: true}, Generated: true, Pos: join.Pos})
			}
			ix := &model.IndexSpec{Name: "by" + sd.t.Name, Field: idField, SortKeys: sortIdx, QueryFieldAuto: true, Generated: true, Pos: join.Pos}
			join.Model.Indexes = append(join.Model.Indexes, ix)
			relFields = append(relFields, &model.GQLField{Name: lower, Type: model.TypeRef{Name: sd.t.Name, NonNull: true}, Generated: true, Pos: join.Pos,
				Relation: &model.Relation{Kind: model.HasOne, Related: sd.t.Name, Fields: keyFields, Pos: join.Pos, Expressible: true,
					KeyModel: name, KeyFields: keyFields, KeyTypes: keyTypes}})
			// The @manyToMany field reads through the join model's index.
			rel := sd.f.Relation
			rel.KeyModel, rel.KeyFields, rel.KeyTypes, rel.Index = name, keyFields, keyTypes, ix.Name
			rel.IndexName = ix.Name
			rel.Fields = pk
		}
		join.Fields = append(join.Fields, relFields...)
		for _, sd := range sides {
			join.Model.Auth = append(join.Model.Auth, sd.t.Model.Auth...)
		}
		join.Model.HasAuth = len(join.Model.Auth) > 0
		for _, ix := range join.Model.Indexes {
			if g.Flags.EnableAutoIndexQueryNames {
				ix.QueryField = indexQueryName(name, ix.Field, ix.SortKeys)
			} else {
				ix.QueryFieldAuto = false
			}
		}
		g.Schema.Types = append(g.Schema.Types, join)
	}
}

// resolveRelations computes, for every relationship field, the attributes
// Gen 1 stored its keys in (the transformer's naming rules, flag by flag).
func (r *reader) resolveRelations(g *model.GraphQLAPI) {
	s := g.Schema
	suffix := func(pk string) string {
		if g.Flags.RespectPrimaryKeyAttributesOnConnectionField {
			return pk
		}
		return "id"
	}
	for _, t := range s.Models() {
		for _, f := range t.Fields {
			rel := f.Relation
			if rel == nil || rel.KeyModel != "" {
				continue
			}
			other := s.Type(rel.Related)
			if other == nil || other.Kind != model.KindModel {
				r.errorf(rel.Pos, "relationships connect @model types; add @model to the related type or remove the directive",
					"@%s on %s.%s points at %s, which is not a @model type", rel.Kind, t.Name, f.Name, rel.Related)
				f.Relation = nil
				continue
			}
			switch rel.Kind {
			case model.HasMany:
				if f.Type.Elem == nil {
					r.errorf(rel.Pos, "make the field a list: [T]", "@hasMany on %s.%s is not a list", t.Name, f.Name)
				}
				r.resolveParentSide(t, f, other, suffix)
			case model.HasOne:
				if len(rel.References) > 0 {
					r.resolveParentSide(t, f, other, suffix)
					break
				}
				rel.KeyModel = t.Name
				opk, otypes := primaryKeyOf(other)
				if len(rel.Fields) > 0 {
					rel.KeyFields = rel.Fields
					for _, n := range rel.Fields {
						rel.KeyTypes = append(rel.KeyTypes, fieldTypeName(t, n))
					}
					if len(rel.Fields) != len(opk) {
						rel.Expressible = false
						rel.Problem = fmt.Sprintf("its fields %v do not match the primary key of %s %v", rel.Fields, other.Name, opk)
					}
					r.checkDeclared(t, rel)
					break
				}
				rel.KeyFields = []string{camel(t.Name, f.Name, suffix(opk[0]))}
				for _, sk := range opk[1:] {
					rel.KeyFields = append(rel.KeyFields, camel(t.Name, f.Name, sk))
				}
				rel.KeyTypes = otypes
				rel.KeyImplicit = true
				rel.KeyRequired = f.Type.NonNull
			case model.BelongsTo:
				rel.KeyModel = t.Name
				if len(rel.References) > 0 || len(rel.Fields) > 0 {
					rel.KeyFields = append(rel.References, rel.Fields...)
					for _, n := range rel.KeyFields {
						rel.KeyTypes = append(rel.KeyTypes, fieldTypeName(t, n))
					}
					r.checkDeclared(t, rel)
					break
				}
				var cp *model.GQLField
				for _, of := range other.Fields {
					if of.Type.Base() == t.Name && of.Relation != nil && (of.Relation.Kind == model.HasMany || of.Relation.Kind == model.HasOne) {
						cp = of
						break
					}
				}
				opk, otypes := primaryKeyOf(other)
				rel.KeyTypes = otypes
				rel.KeyImplicit = true
				rel.KeyRequired = f.Type.NonNull
				switch {
				case cp == nil:
					r.warnf(rel.Pos, "add the @hasMany or @hasOne field on "+other.Name+" that this @belongsTo pairs with",
						"@belongsTo on %s.%s has no @hasMany or @hasOne on %s pointing back; Gen 1's transformer rejects this", t.Name, f.Name, other.Name)
					fallthrough
				case cp.Relation.Kind == model.HasOne:
					rel.KeyFields = []string{camel(t.Name, f.Name, suffix(opk[0]))}
					for _, sk := range opk[1:] {
						rel.KeyFields = append(rel.KeyFields, camel(t.Name, f.Name, sk))
					}
				default:
					rel.KeyFields = []string{camel(other.Name, cp.Name, suffix(opk[0]))}
					for _, sk := range opk[1:] {
						rel.KeyFields = append(rel.KeyFields, camel(other.Name, cp.Name, sk))
					}
					rel.KeyRequired = false
				}
				if cp != nil {
					rel.Counterpart = cp.Name
				}
			}
			// A declared field with the implicit name is the same attribute.
			if rel.KeyImplicit {
				km := s.Type(rel.KeyModel)
				if km != nil && km.Field(rel.KeyFields[0]) != nil {
					rel.KeyImplicit = false
					for i, n := range rel.KeyFields {
						rel.KeyTypes[i] = fieldTypeName(km, n)
					}
				}
			}
		}
	}
}

// resolveParentSide resolves @hasMany (and @hasOne with references): the
// keys live on the related (child) model.
func (r *reader) resolveParentSide(t *model.GQLType, f *model.GQLField, child *model.GQLType, suffix func(string) string) {
	rel := f.Relation
	rel.KeyModel = child.Name
	pk, types := primaryKeyOf(t)
	switch {
	case len(rel.References) > 0:
		rel.KeyFields = rel.References
		for _, n := range rel.References {
			rel.KeyTypes = append(rel.KeyTypes, fieldTypeName(child, n))
		}
		rel.Index = "gsi-" + t.Name + "." + f.Name
		r.checkDeclared(child, rel)
	case len(rel.Fields) > 0:
		// fields are the parent's values looked up in the child's index
		// (or primary key when no indexName).
		var keys []string
		if rel.IndexName == "" {
			ck, _ := primaryKeyOf(child)
			keys = ck
		} else {
			for _, ix := range child.Model.Indexes {
				if ix.Name == rel.IndexName {
					keys = append([]string{ix.Field}, ix.SortKeys...)
				}
			}
			if keys == nil {
				r.errorf(rel.Pos, "add @index(name: \""+rel.IndexName+"\") to the field of "+child.Name+" that holds the key",
					"@hasMany on %s.%s reads index %q, which %s does not have", t.Name, f.Name, rel.IndexName, child.Name)
				rel.Expressible = false
				rel.Problem = "its index does not exist"
				return
			}
		}
		if len(keys) > len(rel.Fields) {
			keys = keys[:len(rel.Fields)]
		}
		rel.KeyFields = keys
		for _, n := range keys {
			rel.KeyTypes = append(rel.KeyTypes, fieldTypeName(child, n))
		}
		rel.Index = rel.IndexName
		if strings.Join(rel.Fields, ",") != strings.Join(pk, ",") {
			rel.Expressible = false
			rel.Problem = fmt.Sprintf("it matches %s's fields %v, not its primary key %v, and Gen 2 relationships always match the primary key", t.Name, rel.Fields, pk)
		}
		if len(keys) < len(rel.Fields) {
			rel.Expressible = false
			rel.Problem = fmt.Sprintf("it passes %d fields to a key of %d", len(rel.Fields), len(keys))
		}
	default:
		rel.KeyFields = []string{camel(t.Name, f.Name, suffix(pk[0]))}
		for _, sk := range pk[1:] {
			rel.KeyFields = append(rel.KeyFields, camel(t.Name, f.Name, sk))
		}
		rel.KeyTypes = types
		rel.KeyImplicit = true
		rel.KeyRequired = f.Type.NonNull
		rel.Index = "gsi-" + t.Name + "." + f.Name
	}
}

// checkDeclared reports key fields a relationship names that its key model
// does not declare.
func (r *reader) checkDeclared(km *model.GQLType, rel *model.Relation) {
	for _, n := range rel.KeyFields {
		if km.Field(n) == nil && n != "id" {
			r.errorf(rel.Pos, "declare the field on "+km.Name+" or fix the name",
				"@%s names key field %q, which %s does not declare", rel.Kind, n, km.Name)
		}
	}
}
