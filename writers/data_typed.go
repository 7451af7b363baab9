package writers

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

// scalarFns maps GraphQL scalars to data-schema field builders.
var scalarFns = map[string]string{
	"ID": "a.id()", "String": "a.string()", "Int": "a.integer()", "Float": "a.float()", "Boolean": "a.boolean()",
	"AWSDate": "a.date()", "AWSTime": "a.time()", "AWSDateTime": "a.datetime()", "AWSTimestamp": "a.timestamp()",
	"AWSEmail": "a.email()", "AWSJSON": "a.json()", "AWSURL": "a.url()", "AWSPhone": "a.phone()", "AWSIPAddress": "a.ipAddress()",
}

// typedSchema builds amplify/data/resource.ts's a.schema({...}) for one API.
type typedSchema struct {
	g   *gen
	r   *model.Resource
	api *model.GraphQLAPI
	s   *model.Schema
	rel *relPlan
	// inputNames maps a Gen 1 input type to the customType that stands for
	// it (Gen 2 names the input <customType>Input).
	inputNames map[string]string
	// fnImports are the converted functions the schema refers to.
	fnImports  map[string]*functionSymbol
	usesBranch bool
	// entries are the members of a.schema({...}).
	entries ts.Obj
	// files are custom resolver files to add beside resource.ts.
	files map[string]string
	// emitted are the custom operations written ("Mutation.checkout").
	emitted map[string]bool
	// iamOps are custom operations whose @aws_iam became identity pool
	// rules (one finding for all of them).
	iamOps []string
}

// fieldType is a field's type as a data-schema builder chain.
type fieldType struct {
	expr    string
	problem string
	isRef   bool
	isEnum  bool
	scalar  string
}

func (ts_ *typedSchema) kindOf(name string) model.TypeKind {
	if t := ts_.s.Type(name); t != nil {
		return t.Kind
	}
	return ""
}

// typeExpr builds the chain for a field or argument type: the builder,
// then .required() for non-null items, .array() for a list, .required()
// for a non-null list.
func (ts_ *typedSchema) typeExpr(t model.TypeRef, inInput bool) fieldType {
	base := t
	list := false
	if t.Elem != nil {
		if t.Elem.Elem != nil {
			return fieldType{problem: fmt.Sprintf("nested lists (%s) have no Gen 2 field type", t)}
		}
		base = *t.Elem
		list = true
	}
	var ft fieldType
	name := base.Name
	if fn, ok := scalarFns[name]; ok {
		ft.expr, ft.scalar = fn, name
	} else {
		switch ts_.kindOf(name) {
		case model.KindEnum:
			ft.expr, ft.isRef, ft.isEnum = "a.ref("+ts.Quote(name)+")", true, true
		case model.KindObject:
			ft.expr, ft.isRef = "a.ref("+ts.Quote(name)+")", true
		case model.KindInput:
			ft.expr, ft.isRef = "a.ref("+ts.Quote(ts_.inputNames[name])+")", true
		case model.KindModel:
			if inInput {
				return fieldType{problem: fmt.Sprintf("model %s cannot be used as an argument", name)}
			}
			ft.expr, ft.isRef = "a.ref("+ts.Quote(name)+")", true
		case model.KindInterface, model.KindUnion:
			return fieldType{problem: fmt.Sprintf("%s %s has no Gen 2 equivalent", ts_.kindOf(name), name)}
		case model.KindScalar:
			return fieldType{problem: fmt.Sprintf("custom scalar %s has no Gen 2 equivalent", name)}
		default:
			return fieldType{problem: fmt.Sprintf("type %s is not defined in the schema", name)}
		}
	}
	if base.NonNull {
		ft.expr += ".required()"
	}
	if list {
		ft.expr += ".array()"
		if t.NonNull {
			ft.expr += ".required()"
		}
	}
	return ft
}

// build fills entries with every type and operation, in source order:
// models, enums and custom types as they appear, then queries, mutations
// and subscriptions.
func (ts_ *typedSchema) build() {
	ts_.nameInputs()
	ts_.rel = planRelations(ts_.s)
	for _, t := range ts_.s.Types {
		switch t.Kind {
		case model.KindModel:
			ts_.addModel(t)
		case model.KindEnum:
			ts_.addEnum(t)
		case model.KindObject:
			ts_.addCustomType(t, t.Name)
		case model.KindInput:
			ts_.addCustomType(t, ts_.inputNames[t.Name])
		case model.KindInterface, model.KindUnion, model.KindScalar:
			ts_.addUnsupportedType(t)
		}
	}
	for _, root := range []string{"Query", "Mutation", "Subscription"} {
		for _, f := range ts_.s.Operations(root) {
			ts_.addOperation(root, f)
		}
	}
	ts_.relationFindings()
}

// nameInputs picks the customType name for each input: Gen 2 generates
// <customType>Input for a customType used as an argument, so PostInput
// stays PostInput when the customType is Post (if that name is free).
func (ts_ *typedSchema) nameInputs() {
	ts_.inputNames = map[string]string{}
	used := map[string]bool{}
	for _, t := range ts_.s.Types {
		if t.Kind != model.KindInput {
			used[t.Name] = true
		}
	}
	for _, t := range ts_.s.Types {
		if t.Kind != model.KindInput {
			continue
		}
		name := t.Name
		if base := strings.TrimSuffix(t.Name, "Input"); base != t.Name && base != "" && !used[base] {
			name = base
		} else {
			ts_.g.finding(ts_.r, model.Finding{Code: "data.input-renamed", Level: model.Manual, Subject: "input " + t.Name, Pos: t.Pos,
				Reason: fmt.Sprintf("Gen 2 names the input type of a customType <name>Input, so clients see %sInput instead of %s", t.Name, t.Name),
				Action: "update the GraphQL documents of clients that name the input type " + t.Name})
		}
		used[name] = true
		ts_.inputNames[t.Name] = name
	}
}

func (ts_ *typedSchema) todoFinding(code string, level model.Level, subject string, pos model.Pos, reason, action string) {
	ts_.g.finding(ts_.r, model.Finding{Code: code, Level: level, Subject: subject, Reason: reason, Action: action, Pos: pos})
}

// addModel adds one a.model({...}).
func (ts_ *typedSchema) addModel(t *model.GQLType) {
	m := t.Model
	subject := "model " + t.Name
	entry := ts.Entry{Key: t.Name}
	var todos []string
	todo := func(code, text string) { todos = append(todos, text); entry.TodoCode = code }
	var fields ts.Obj
	pk := []string{"id"}
	if m.PrimaryKey != nil {
		pk = append([]string{m.PrimaryKey.Field}, m.PrimaryKey.SortKeys...)
	}
	// The default key is left implicit unless an index names it: an
	// explicit id makes Gen 2 emit @primaryKey, which adds arguments to
	// the list query.
	needID := false
	for _, ix := range m.Indexes {
		needID = needID || ix.Field == "id" || slices.Contains(ix.SortKeys, "id")
	}
	fieldAuth := false
	for _, f := range t.Fields {
		fieldAuth = fieldAuth || (f.HasAuth && f.Relation == nil)
	}
	if fieldAuth && m.PrimaryKey == nil && !needID {
		// With field rules the auth resolvers check every input field
		// against the fields a rule allows; Gen 1 listed the declared id
		// there, so an implicit id would stop owners from choosing ids.
		needID = true
		ts_.todoFinding("data.explicit-id", model.Auto, subject, m.Pos,
			fmt.Sprintf("id is declared because the model has field-level rules (so create and update keep accepting an id); Gen 2 then marks it @primaryKey, which gives list%s optional id and sortDirection arguments", t.Name),
			"")
	}
	if needID && t.Field("id") == nil {
		fields = append(fields, ts.Entry{Key: "id", Value: ts.Expr("a.id().required()"), Comment: "Declared because an index uses it."})
	}
	for _, f := range t.Fields {
		fe, keep := ts_.modelField(t, f, pk, needID)
		if keep {
			fields = append(fields, fe)
		}
	}
	for _, x := range ts_.rel.extra[t.Name] {
		if x.rel == nil {
			fn := scalarFns[x.keyType]
			if fn == "" {
				fn = "a.string()"
			}
			if x.required {
				fn += ".required()"
			}
			fields = append(fields, ts.Entry{Key: x.name, Value: ts.Expr(fn),
				Comment: "Foreign key Gen 1 added implicitly; the name is the attribute the Gen 1 table stores."})
			continue
		}
		fields = append(fields, ts.Entry{Key: x.name, Value: ts.Expr(relExpr(x.rel)), Comment: x.why + "."})
	}
	// Renamed timestamps: keep the stored attributes as plain fields.
	if m.TimestampsCustom {
		var names []string
		for _, n := range []string{m.CreatedAt, m.UpdatedAt} {
			if n != "" && n != "createdAt" && n != "updatedAt" && t.Field(n) == nil {
				fields = append(fields, ts.Entry{Key: n, Value: ts.Expr("a.datetime()")})
				names = append(names, n)
			}
		}
		text := fmt.Sprintf("Gen 1 @model(timestamps) stored createdAt as %s and updatedAt as %s; Gen 2 always maintains createdAt and updatedAt", timestampName(m.CreatedAt), timestampName(m.UpdatedAt))
		if len(names) > 0 {
			text += "; " + strings.Join(names, ", ") + " stay as plain fields so that migrated data remains readable, but nothing sets them any more"
		}
		todo("data.timestamps", text+".")
		ts_.todoFinding("data.timestamps", model.Manual, subject, m.Pos, text,
			"copy the old timestamp attributes into createdAt/updatedAt when migrating the data, or set them in code")
	}
	chain := ts.Chain{Base: ts.Call{Fn: "a.model", Args: []ts.Value{fields}}}
	if m.PrimaryKey != nil && !(len(pk) == 1 && pk[0] == "id") {
		chain.Links = append(chain.Links, ts.Call{Fn: "identifier", Args: []ts.Value{ts.Strs(pk...)}})
	}
	if ix := ts_.indexes(t); ix != nil {
		chain.Links = append(chain.Links, ix)
	}
	if ops := ts_.disabledOps(t, todo); len(ops) > 0 {
		chain.Links = append(chain.Links, ts.Call{Fn: "disableOperations", Args: []ts.Value{ts.Strs(ops...)}})
	}
	rules := m.Auth
	if !m.HasAuth || len(rules) == 0 {
		rules = ts_.noAuthRules(t)
	}
	if len(m.JoinFor) > 0 {
		rules = dedupeRoles(rules)
	}
	rules = ts_.g.sandboxRules(ts_.r, ts_.api, t, rules)
	if arrow := authArrow(rules, false, func(problem string, rule model.AuthRule) {
		todo("data.auth-rule", fmt.Sprintf("the Gen 1 rule %s has no Gen 2 equivalent: %s.", ruleText(rule), problem))
		ts_.todoFinding("data.auth-rule", model.Manual, subject, rule.Pos, fmt.Sprintf("the rule %s has no Gen 2 equivalent: %s", ruleText(rule), problem),
			"write the access rule by hand (a custom authorizer or a custom handler)")
	}); arrow != nil {
		chain.Links = append(chain.Links, ts.Call{Fn: "authorization", Args: []ts.Value{arrow}})
	} else {
		chain.Links = append(chain.Links, ts.Expr("authorization((allow) => [allow.authenticated('identityPool')])"))
		todo("data.auth-rule", "no Gen 1 rule of this model converts; this placeholder only lets IAM callers in. Replace it with the access the model needs.")
	}
	ts_.modelFindings(t, todo)
	if len(todos) > 0 {
		entry.Todo = strings.Join(todos, " ")
	}
	entry.Value = chain
	ts_.entries = append(ts_.entries, entry)
}

func timestampName(n string) string {
	if n == "" {
		return "nothing (off)"
	}
	return strconv.Quote(n)
}

// noAuthRules gives a model without @auth the access Gen 1 gave it.
func (ts_ *typedSchema) noAuthRules(t *model.GQLType) []model.AuthRule {
	if ts_.s.GlobalAuth != nil {
		ts_.todoFinding("data.sandbox", model.Manual, "model "+t.Name, t.Model.Pos,
			"the model has no @auth, so Gen 1's global auth rule "+ruleText(*ts_.s.GlobalAuth)+" (sandbox mode) applied; Gen 2 has no sandbox mode, so the rule is written on the model",
			"replace it with the model's real rules before production")
		return []model.AuthRule{*ts_.s.GlobalAuth}
	}
	def := ts_.api.Auth.Default.Type
	rule := defaultModeRule(def)
	ts_.todoFinding("data.no-auth", model.Auto, "model "+t.Name, t.Model.Pos,
		fmt.Sprintf("the model has no @auth, so Gen 1 let every caller of the default mode (%s) in; Gen 2 requires rules, so %s is written", def, ruleText(rule)),
		"review who should reach this model and tighten the rule")
	return []model.AuthRule{rule}
}

// modelField converts one field of a model. It returns false for fields
// Gen 2 adds itself (the default id).
func (ts_ *typedSchema) modelField(t *model.GQLType, f *model.GQLField, pk []string, needID bool) (ts.Entry, bool) {
	m := t.Model
	subject := "field " + t.Name + "." + f.Name
	e := ts.Entry{Key: f.Name}
	if f.Name == "id" && !needID && m.PrimaryKey == nil && f.Type.Name == "ID" && f.Type.NonNull && len(f.Directives) == 0 {
		// The default key: declaring it would make Gen 2 emit @primaryKey,
		// which changes the list queries' arguments.
		return e, false
	}
	if rf := ts_.rel.field(t.Name, f.Name); rf != nil {
		if rf.problem != "" {
			e.Todo = fmt.Sprintf("Gen 1's @%s on %s cannot be expressed: %s. The key attributes are kept; write the relationship by hand (a custom query over the index).", f.Relation.Kind, f.Name, rf.problem)
			e.TodoCode = "data.relationship"
			ts_.todoFinding("data.relationship", model.Manual, subject, f.Relation.Pos, "the relationship cannot be expressed in Gen 2: "+rf.problem,
				"write a custom query for it; the stored keys are unchanged")
			return e, true
		}
		e.Value = ts.Expr(relExpr(rf))
		if f.Type.NonNull || (f.Type.Elem != nil && f.Type.Elem.NonNull) {
			ts_.todoFinding("data.relationship-nullable", model.Auto, subject, f.Pos,
				fmt.Sprintf("Gen 1 declared %s as %s; Gen 2 relationship fields are nullable", f.Name, f.Type),
				"clients that relied on the field being non-null should handle null")
		}
		if f.HasAuth {
			ts_.fieldAuth(&e, f, subject)
		}
		return e, true
	}
	ft := ts_.typeExpr(f.Type, false)
	if ft.problem != "" {
		e.Value = ts.Expr("a.json()")
		e.Todo = fmt.Sprintf("Gen 1 field %s: %s is written as a.json() here: %s.", f.Name, f.Type, ft.problem)
		e.TodoCode = "data.field-type"
		ts_.todoFinding("data.field-type", model.Manual, subject, f.Pos, fmt.Sprintf("%s has no Gen 2 field type (%s); it is written as a.json()", f.Type, ft.problem),
			"model the data differently (a customType or a relationship)")
		return e, true
	}
	expr := ft.expr
	if ft.isRef && ts_.kindOf(f.Type.Base()) == model.KindModel {
		e.Value = ts.Expr("a.json()")
		e.Todo = fmt.Sprintf("Gen 1 field %s: %s points at a model without a relationship directive; Gen 2 cannot embed a model, so it is a.json() here.", f.Name, f.Type)
		e.TodoCode = "data.field-type"
		ts_.todoFinding("data.field-type", model.Manual, subject, f.Pos, "a model field typed as another model without a relationship directive has no Gen 2 equivalent; it is written as a.json()",
			"make it a relationship (hasOne/belongsTo) or a customType")
		return e, true
	}
	isKey := slices.Contains(pk, f.Name)
	if isKey && ft.isEnum {
		// data-schema only accepts required scalar fields in an identifier;
		// the stored value is the same string.
		expr = "a.string().required()"
		e.Todo = fmt.Sprintf("Gen 1 key field %s is the enum %s; Gen 2 identifiers cannot be enums, so it is a string here (the stored values are unchanged).", f.Name, f.Type.Base())
		e.TodoCode = "data.enum-key"
		ts_.todoFinding("data.enum-key", model.Manual, subject, f.Pos,
			fmt.Sprintf("the primary key field %s is the enum %s; Gen 2 identifiers cannot be enums, so the field becomes a String (stored values are unchanged)", f.Name, f.Type.Base()),
			"clients that pass the enum as a variable type must use String")
	}
	if isKey && !f.Type.NonNull && ft.scalar != "ID" {
		// Gen 2 requires identifier fields to be required; Gen 1 made key
		// fields non-null in the output anyway.
		expr += ".required()"
	}
	if f.Default != nil {
		switch {
		case ft.isEnum || ft.isRef:
			e.Todo = fmt.Sprintf("Gen 1 @default(value: %q) on %s: Gen 2 has no default for enum or ref fields; set it in the client or a custom mutation.", f.Default.Value, f.Name)
			e.TodoCode = "data.default"
			ts_.todoFinding("data.default", model.Manual, subject, f.Default.Pos, "Gen 2 has no default value for enum and ref fields",
				"set the default in the client or in a custom mutation")
		default:
			v, ok := defaultLiteral(ft.scalar, f.Default.Value)
			if !ok {
				e.Todo = fmt.Sprintf("Gen 1 @default(value: %q) cannot be written as a Gen 2 default for %s (quotes in JSON defaults make Gen 2's schema invalid).", f.Default.Value, ft.scalar)
				e.TodoCode = "data.default"
				ts_.todoFinding("data.default", model.Manual, subject, f.Default.Pos, "the default value cannot be expressed in Gen 2", "set it in the client or a custom mutation")
				break
			}
			expr = insertDefault(expr, v)
		}
	}
	e.Value = ts.Expr(expr)
	if f.HasAuth {
		ts_.fieldAuth(&e, f, subject)
	}
	if len(f.AWSAuth) > 0 {
		ts_.todoFinding("data.field-aws-auth", model.Manual, subject, f.AWSAuth[0].Pos, "@aws_* directives on model fields have no Gen 2 equivalent",
			"use field-level .authorization() rules instead")
		e.Todo = strings.TrimSpace(e.Todo + " Gen 1 @" + f.AWSAuth[0].Directive + " on this field has no Gen 2 equivalent; use .authorization().")
		e.TodoCode = "data.field-aws-auth"
	}
	for _, fn := range f.Functions {
		ts_.todoFinding("data.field-function", model.Manual, subject, fn.Pos, "@function on a model field (a field resolver) has no typed Gen 2 equivalent",
			"add the resolver with CDK in backend.ts, or turn the field into a custom query")
		e.Todo = strings.TrimSpace(e.Todo + " Gen 1 resolved this field with @function(name: " + strconv.Quote(fn.Name) + "); add that resolver with CDK in backend.ts.")
		e.TodoCode = "data.field-function"
	}
	return e, true
}

// insertDefault puts .default(v) before any .array()/.required() that
// follow the builder: a.string().required() -> a.string().default('x').required().
func insertDefault(expr, v string) string {
	i := strings.Index(expr, "()")
	return expr[:i+2] + ".default(" + v + ")" + expr[i+2:]
}

// defaultLiteral writes a @default value as the TypeScript literal that
// Gen 2 prints back as the same string.
func defaultLiteral(scalar, v string) (string, bool) {
	switch scalar {
	case "Int", "AWSTimestamp":
		if _, err := strconv.ParseInt(v, 10, 64); err == nil {
			return v, true
		}
		return "", false
	case "Float":
		if _, err := strconv.ParseFloat(v, 64); err == nil {
			return v, true
		}
		return "", false
	case "Boolean":
		if v == "true" || v == "false" {
			return v, true
		}
		return "", false
	case "AWSJSON":
		if strings.ContainsAny(v, `"\`) {
			return "", false
		}
	}
	if strings.ContainsAny(v, `"\`) {
		return "", false
	}
	return ts.Quote(v), true
}

// fieldAuth adds .authorization(...) to a field.
func (ts_ *typedSchema) fieldAuth(e *ts.Entry, f *model.GQLField, subject string) {
	arrow := authArrow(f.Auth, false, func(problem string, rule model.AuthRule) {
		ts_.todoFinding("data.auth-rule", model.Manual, subject, rule.Pos, fmt.Sprintf("the field rule %s has no Gen 2 equivalent: %s", ruleText(rule), problem),
			"write the access rule by hand")
		e.Todo = strings.TrimSpace(e.Todo + fmt.Sprintf(" The Gen 1 field rule %s has no Gen 2 equivalent: %s.", ruleText(rule), problem))
		e.TodoCode = "data.auth-rule"
	})
	if arrow == nil {
		return
	}
	e.Value = ts.Chain{Base: e.Value, Links: []ts.Value{ts.Call{Fn: "authorization", Args: []ts.Value{arrow}}}}
	if ts_.api.Transformer.Version == 1 {
		ts_.todoFinding("data.field-auth-v1", model.Manual, subject, f.AuthPos,
			"transformer v1 added field-level @auth to the model's rules; v2 and Gen 2 use the field's rules instead of the model's for that field",
			"check that the field rules grant everyone who needs the field")
	}
}

func relExpr(rf *relField) string {
	refs := ts.Quote(rf.refs[0])
	if len(rf.refs) > 1 {
		refs = ts.Render(ts.Strs(rf.refs...))
	}
	return fmt.Sprintf("a.%s(%s, %s)", rf.kind, ts.Quote(rf.related), refs)
}

// indexes builds .secondaryIndexes(...) with the Gen 1 index and query
// names (Gen 2's default query names differ).
func (ts_ *typedSchema) indexes(t *model.GQLType) ts.Value {
	var items ts.Arr
	pk := "id"
	if t.Model.PrimaryKey != nil {
		pk = t.Model.PrimaryKey.Field
	}
	for _, ix := range t.Model.Indexes {
		if ix.Field == pk && (t.Model.PrimaryKey == nil || len(t.Model.PrimaryKey.SortKeys) == 0) {
			// Gen 2 only makes GSIs, and refuses one on the table's own
			// partition key when the table has no sort key.
			ts_.todoFinding("data.lsi", model.Manual, "index "+t.Name+"."+ix.Name, ix.Pos,
				fmt.Sprintf("Gen 1 index %s shares the table's partition key %s (a local secondary index); Gen 2 cannot declare it because the table has no sort key, so it is left out", ix.Name, pk),
				"query the table by "+pk+" and filter, or give the model a sort key")
			continue
		}
		x := "index(" + ts.Quote(ix.Field) + ")"
		if len(ix.SortKeys) > 0 {
			x += ".sortKeys(" + ts.Render(ts.Strs(ix.SortKeys...)) + ")"
		}
		if ix.Name != "" {
			x += ".name(" + ts.Quote(ix.Name) + ")"
		}
		if ix.QueryField != "" {
			x += ".queryField(" + ts.Quote(ix.QueryField) + ")"
		} else {
			x += ".queryField(null)"
		}
		items = append(items, ts.Expr(x))
		if ix.LSI {
			ts_.todoFinding("data.lsi", model.Auto, "index "+t.Name+"."+ix.Name, ix.Pos,
				"Gen 1 created this index as a local secondary index; Gen 2 creates a global secondary index with the same keys",
				"nothing for new tables; queries behave the same")
		}
	}
	if len(items) == 0 {
		return nil
	}
	return ts.Call{Fn: "secondaryIndexes", Args: []ts.Value{ts.Arrow{Params: "index", Body: items}}}
}

// disabledOps lists the operations Gen 1 did not generate.
func (ts_ *typedSchema) disabledOps(t *model.GQLType, todo func(code, text string)) []string {
	m := t.Model
	subject := "model " + t.Name
	off := map[string]bool{}
	var renamed []string
	for _, op := range m.Ops {
		if op.Kind == "sync" {
			continue
		}
		if op.Name == "" {
			off[op.Kind] = true
		} else if op.Name != op.Default {
			renamed = append(renamed, fmt.Sprintf("%s is %s (Gen 2: %s)", op.Kind, op.Name, op.Default))
		}
	}
	if m.SubscriptionsLevel == "off" {
		off["onCreate"], off["onUpdate"], off["onDelete"] = true, true, true
	}
	var ops []string
	for _, grp := range [][]string{{"queries", "get", "list"}, {"mutations", "create", "update", "delete"}, {"subscriptions", "onCreate", "onUpdate", "onDelete"}} {
		all := true
		for _, op := range grp[1:] {
			all = all && off[op]
		}
		if all {
			ops = append(ops, grp[0])
			continue
		}
		for _, op := range grp[1:] {
			if off[op] {
				ops = append(ops, op)
			}
		}
	}
	if len(renamed) > 0 {
		text := "Gen 1 renamed operations: " + strings.Join(renamed, "; ") + ". Gen 2 cannot rename model operations"
		todo("data.renamed-operation", text+"; clients must use the Gen 2 names (or add custom operations with the old names).")
		ts_.todoFinding("data.renamed-operation", model.Manual, subject, m.Pos, text,
			"update client GraphQL documents to the Gen 2 names, or keep the Gen 1 names with `--tables reuse`")
	}
	if m.SubscriptionsLevel == "public" {
		todo("data.subscriptions-level", "Gen 1 @model(subscriptions: {level: public}) let anyone subscribe without auth checks; Gen 2 applies the model's rules to subscriptions.")
		ts_.todoFinding("data.subscriptions-level", model.Manual, subject, m.Pos, "public subscriptions (no auth filtering) have no Gen 2 equivalent; Gen 2 subscriptions apply the model's rules",
			"give subscribers a rule that lets them listen (e.g. .to(['listen']))")
	}
	return ops
}

// modelFindings records the model-level findings: the table, @searchable,
// @mapsTo, @versioned, owner fields.
func (ts_ *typedSchema) modelFindings(t *model.GQLType, todo func(code, text string)) {
	m := t.Model
	subject := "model " + t.Name
	if m.Searchable != nil {
		todo("data.searchable", "Gen 1 @searchable streamed this table to OpenSearch and added search queries; Gen 2 has no @searchable: set up the OpenSearch zero-ETL integration (docs: search-and-aggregate-queries) and a custom search query, then reindex.")
		ts_.todoFinding("data.searchable", model.Manual, subject, m.Searchable.Pos,
			"@searchable (OpenSearch streaming and search queries) has no typed Gen 2 equivalent",
			"use the OpenSearch zero-ETL integration with a custom query and reindex; or keep @searchable with `--tables reuse` (deprecated)")
	}
	if m.MapsTo != "" {
		todo("data.maps-to", fmt.Sprintf("Gen 1 @mapsTo(name: %q): the Gen 1 table is named after %s; Gen 2 creates a table named after %s.", m.MapsTo, m.MapsTo, t.Name))
		ts_.todoFinding("data.maps-to", model.Manual, subject, m.MapsToPos,
			fmt.Sprintf("@mapsTo kept the table of the old model name %s; typed Gen 2 cannot map a model to another table name", m.MapsTo),
			"copy the data from the "+m.MapsTo+" table with `migrate data`, or use `--tables reuse`")
	}
	if m.Versioned != nil {
		ts_.todoFinding("data.versioned", model.Manual, subject, m.Versioned.Pos,
			"v1 @versioned (optimistic locking on a version attribute) has no v2 or Gen 2 equivalent",
			"add a condition on updates in the client, or a custom mutation")
	}
	for _, rule := range m.Auth {
		if rule.Allow == "owner" && rule.Provider != "oidc" && ts_.api.Flags.UseSubUsernameForDefaultIdentityClaim && rule.IdentityClaim == "" {
			field := rule.OwnerField
			if field == "" {
				field = "owner"
			}
			ts_.todoFinding("data.owner-field", model.Auto, subject, rule.Pos,
				fmt.Sprintf("owner rule on %s: Gen 1 stored owners as \"<sub>::<username>\"; Gen 2 writes the same format and also accepts rows holding only the sub or the username", field),
				"no change needed when copying the data as is")
			break
		}
	}
	hasOwner := false
	for _, rule := range m.Auth {
		hasOwner = hasOwner || rule.Allow == "owner"
	}
	if hasOwner && !ts_.api.Flags.PopulateOwnerFieldForStaticGroupAuth {
		ts_.todoFinding("data.owner-populate", model.Auto, subject, m.AuthPos,
			"Gen 1 ran with populateOwnerFieldForStaticGroupAuth off; Gen 2 always has it on, so when another rule (a group, or an IAM role Gen 2 always admits) authorizes a create, the owner field is filled with the caller instead of staying empty",
			"nothing, unless code relies on such items having no owner")
	}
	if hasOwner && !ts_.api.Flags.UseSubUsernameForDefaultIdentityClaim {
		ts_.todoFinding("data.owner-format", model.Auto, subject, m.AuthPos,
			"Gen 1 stored owners as the username (useSubUsernameForDefaultIdentityClaim off); Gen 2 writes \"<sub>::<username>\" and still accepts rows that hold only the username",
			"copy the data as is; rewrite owners to <sub>::<username> with `migrate data` only if other code reads the owner field")
	}
	for _, rule := range m.Auth {
		if rule.Added {
			ts_.todoFinding("data.auth-upgraded", model.Auto, subject, rule.Pos,
				fmt.Sprintf("the rule %s is added: %s", ruleText(rule), rule.Note), "review the rule")
		}
	}
	verb := "new table " + t.Name + " (Gen 2 names it <Model>-<apiId>-NONE)"
	ts_.todoFinding("data.model", model.Auto, subject, m.Pos, "a.model with the same fields, keys, indexes and rules; "+verb,
		"")
}

func (ts_ *typedSchema) addEnum(t *model.GQLType) {
	var vals []string
	for _, v := range t.Values {
		vals = append(vals, v.Name)
	}
	ts_.entries = append(ts_.entries, ts.Entry{Key: t.Name, Value: ts.Call{Fn: "a.enum", Args: []ts.Value{ts.Strs(vals...)}}})
}

// addCustomType adds a non-model type or an input as a.customType.
func (ts_ *typedSchema) addCustomType(t *model.GQLType, name string) {
	subject := string(t.Kind) + " " + t.Name
	var fields ts.Obj
	var todos []string
	for _, f := range t.Fields {
		e := ts.Entry{Key: f.Name}
		ft := ts_.typeExpr(f.Type, t.Kind == model.KindInput)
		switch {
		case ft.problem != "":
			e.Value = ts.Expr("a.json()")
			e.Todo = fmt.Sprintf("Gen 1 field %s: %s is written as a.json(): %s.", f.Name, f.Type, ft.problem)
			e.TodoCode = "data.field-type"
			ts_.todoFinding("data.field-type", model.Manual, "field "+t.Name+"."+f.Name, f.Pos, fmt.Sprintf("%s has no Gen 2 field type (%s); it is written as a.json()", f.Type, ft.problem),
				"model the data differently")
		case ft.isRef && ts_.kindOf(f.Type.Base()) == model.KindModel:
			e.Value = ts.Expr("a.json()")
			e.Todo = fmt.Sprintf("Gen 1 field %s returns model %s; a Gen 2 customType cannot refer to a model, so it is a.json() here.", f.Name, f.Type.Base())
			e.TodoCode = "data.field-type"
			ts_.todoFinding("data.field-type", model.Manual, "field "+t.Name+"."+f.Name, f.Pos, "a customType cannot refer to a model in Gen 2; the field is written as a.json()",
				"return the model's id instead, or query the model separately")
		default:
			e.Value = ts.Expr(ft.expr)
		}
		if f.DefaultValue != "" {
			todos = append(todos, fmt.Sprintf("the default %s of %s is not kept.", f.DefaultValue, f.Name))
		}
		if f.HasAuth || len(f.AWSAuth) > 0 {
			todos = append(todos, fmt.Sprintf("field %s had its own auth; Gen 2 custom types take the rules of the operations that return them.", f.Name))
		}
		fields = append(fields, e)
	}
	entry := ts.Entry{Key: name, Value: ts.Call{Fn: "a.customType", Args: []ts.Value{fields}}}
	if t.Kind == model.KindInput && name != t.Name {
		entry.Comment = fmt.Sprintf("Gen 1 input %s: Gen 2 generates it from this customType as %sInput.", t.Name, name)
	}
	if len(t.Interfaces) > 0 {
		todos = append(todos, fmt.Sprintf("Gen 1 %s implemented %s; Gen 2 has no interfaces, the fields are kept.", t.Name, strings.Join(t.Interfaces, ", ")))
		ts_.todoFinding("data.interface", model.Manual, subject, t.Pos, "interfaces have no Gen 2 equivalent; the type keeps its fields but no longer implements "+strings.Join(t.Interfaces, ", "),
			"update clients that query through the interface")
	}
	if len(todos) > 0 {
		entry.Todo = strings.Join(todos, " ")
		entry.TodoCode = "data.custom-type"
		ts_.todoFinding("data.custom-type", model.Manual, subject, t.Pos, strings.Join(todos, " "), "review the custom type")
	}
	if len(t.AWSAuth) > 0 {
		ts_.todoFinding("data.type-aws-auth", model.Auto, subject, t.AWSAuth[0].Pos,
			"type-level @aws_* directives are not written: Gen 2 gives a customType the rules of the operations that return it", "")
	}
	ts_.entries = append(ts_.entries, entry)
}

func (ts_ *typedSchema) addUnsupportedType(t *model.GQLType) {
	subject := string(t.Kind) + " " + t.Name
	text := fmt.Sprintf("Gen 1 %s %s has no Gen 2 equivalent", t.Kind, t.Name)
	if t.Kind == model.KindUnion {
		text += " (members: " + strings.Join(t.Members, ", ") + ")"
	}
	ts_.entries = append(ts_.entries, ts.Entry{Todo: text + "; fields that return it are written as a.json(). Keep it with `--tables reuse`, or return a customType.", TodoCode: "data." + string(t.Kind)})
	ts_.todoFinding("data."+string(t.Kind), model.Manual, subject, t.Pos, text, "return a customType instead, or keep the schema as a string with `--tables reuse`")
}

// relationFindings records the relationship changes the plan made.
func (ts_ *typedSchema) relationFindings() {
	for _, t := range ts_.s.Models() {
		for _, f := range t.Fields {
			rf := ts_.rel.field(t.Name, f.Name)
			if rf == nil || rf.kind != model.BelongsTo || len(rf.refs) < 2 {
				continue
			}
			ts_.todoFinding("data.composite-reference", model.Auto, "field "+t.Name+"."+f.Name, f.Pos,
				fmt.Sprintf("the relationship's key has %d parts (%s); Gen 2 adds a check to Mutation.create%s and Mutation.update%s that writes all parts of it together, and lists the key in the subscription filter of %s (%s) where Gen 1 listed it in %s's (%s)", len(rf.refs), strings.Join(rf.refs, ", "), t.Name, t.Name, t.Name, subscriptionFilterFields(t.Name, rf.refs), rf.related, subscriptionFilterFields(rf.related, rf.refs)),
				"clients that set only part of the key get an error")
		}
	}
	for _, n := range ts_.rel.notes {
		ts_.todoFinding("data.relationship", model.Auto, "field "+n.model+"."+n.field, n.pos, n.text, "")
	}
	for _, t := range ts_.s.Models() {
		for _, f := range t.Fields {
			rel := f.Relation
			if rel == nil || !rel.Expressible {
				continue
			}
			subject := "field " + t.Name + "." + f.Name
			if rel.V1 != nil {
				ts_.todoFinding("data.relationship-v1", model.Auto, subject, rel.Pos,
					fmt.Sprintf("v1 %s is a %s referencing %s.%s, the attribute v1 stored", rel.V1, rel.Kind, rel.KeyModel, strings.Join(rel.KeyFields, ", ")), "")
			}
			if rel.Index != "" && !strings.HasPrefix(rel.Index, "gsi-") && rel.Kind != model.ManyToMany {
				ts_.todoFinding("data.relationship-index", model.Auto, subject, rel.Pos,
					fmt.Sprintf("Gen 1 read this relationship through index %s; Gen 2 adds its own index gsi-%s.%s on the same key (without the index's sort key, so %s.%s loses its sort-key condition argument), and %s is kept", rel.Index, t.Name, f.Name, t.Name, f.Name, rel.Index), "")
			}
			if rel.Kind == model.ManyToMany {
				ts_.todoFinding("data.many-to-many", model.Auto, subject, rel.Pos,
					fmt.Sprintf("@manyToMany is written as the join model %s with the same table layout (keys %s, index %s)", rel.KeyModel, strings.Join(rel.KeyFields, ", "), rel.Index), "")
			}
			if rel.V1 != nil && rel.Problem != "" && rel.Expressible {
				ts_.todoFinding("data.relationship-sort", model.Manual, subject, rel.Pos, rel.Problem+"; Gen 2 returns related items in index order of the key only",
					"sort the items in the client")
			}
		}
	}
}

// subscriptionFilterFields names the filter input fields of keys:
// ModelSubscriptionItemFilterInput.storeItemsId, ...
func subscriptionFilterFields(model string, keys []string) string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = "ModelSubscription" + model + "FilterInput." + k
	}
	return strings.Join(out, ", ")
}
