package model

import "strings"

// Schema is a GraphQL API's schema in transformer v2 semantics: the types as
// written, with every Amplify directive interpreted. Types and fields keep
// their source position (file, line, column), also when the schema was
// split across files.
type Schema struct {
	// Types are every type definition except Query, Mutation and
	// Subscription, in source order. `extend type` definitions are merged
	// into the type they extend.
	Types []*GQLType
	// Queries, Mutations and Subscriptions are the custom operations (the
	// fields of Query, Mutation and Subscription), in source order.
	Queries       []*GQLField
	Mutations     []*GQLField
	Subscriptions []*GQLField
	// GlobalAuth is `input AMPLIFY { globalAuthRule: AuthRule = {...} }`,
	// the rule that applies to models without @auth; nil when absent.
	GlobalAuth *AuthRule
	// Upgraded reports that the schema was written for transformer v1 and
	// was upgraded to v2 directives; UpgradeNotes say what changed, one per
	// model or field, for the report.
	Upgraded     bool
	UpgradeNotes []UpgradeNote
}

// UpgradeNote is one change the v1 → v2 upgrade made.
type UpgradeNote struct {
	Subject string
	Text    string
	Pos     Pos
}

// Type returns the type with the given name, or nil.
func (s *Schema) Type(name string) *GQLType {
	for _, t := range s.Types {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// Models returns the @model types in source order.
func (s *Schema) Models() []*GQLType {
	var out []*GQLType
	for _, t := range s.Types {
		if t.Kind == KindModel {
			out = append(out, t)
		}
	}
	return out
}

// Operations returns the custom operations of one root type: "Query",
// "Mutation" or "Subscription".
func (s *Schema) Operations(root string) []*GQLField {
	switch root {
	case "Query":
		return s.Queries
	case "Mutation":
		return s.Mutations
	case "Subscription":
		return s.Subscriptions
	}
	return nil
}

// TypeKind is the kind of a type definition.
type TypeKind string

// Type kinds. An object type with @model is a model.
const (
	KindModel     TypeKind = "model"
	KindObject    TypeKind = "type"
	KindEnum      TypeKind = "enum"
	KindInput     TypeKind = "input"
	KindInterface TypeKind = "interface"
	KindUnion     TypeKind = "union"
	KindScalar    TypeKind = "scalar"
)

// GQLType is a type definition.
type GQLType struct {
	Kind        TypeKind
	Name        string
	Description string
	Pos         Pos
	Fields      []*GQLField
	// Values are an enum's values.
	Values []EnumValue
	// Interfaces are the interfaces an object type implements.
	Interfaces []string
	// Members are a union's member types.
	Members []string
	// Directives are the type's directives as written.
	Directives []*Directive
	// AWSAuth are type-level @aws_* directives.
	AWSAuth []AWSAuth
	// Model is set for @model types.
	Model *ModelSpec
}

// Field returns the field with the given name, or nil.
func (t *GQLType) Field(name string) *GQLField {
	for _, f := range t.Fields {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// Directive returns the first directive with the given name, or nil.
func (t *GQLType) Directive(name string) *Directive { return findDirective(t.Directives, name) }

// EnumValue is one value of an enum.
type EnumValue struct {
	Name string
	Pos  Pos
}

// GQLField is a field of a type, or a custom operation.
type GQLField struct {
	Name        string
	Description string
	Pos         Pos
	Type        TypeRef
	Args        []*GQLArg
	// DefaultValue is an input field's default, as GraphQL source.
	DefaultValue string
	// Directives are the field's directives as written.
	Directives []*Directive

	// Auth are field-level @auth rules; HasAuth is true when @auth was
	// written (even with no rules).
	Auth    []AuthRule
	HasAuth bool
	AuthPos Pos
	// AWSAuth are @aws_api_key, @aws_iam, @aws_cognito_user_pools,
	// @aws_oidc and @aws_lambda.
	AWSAuth []AWSAuth
	// Relation is @hasMany, @hasOne, @belongsTo or @manyToMany (v1
	// @connection upgraded).
	Relation *Relation
	// Default is @default(value).
	Default *DefaultValue
	// Functions are @function directives, in pipeline order.
	Functions []FunctionRef
	// HTTP is @http.
	HTTP *Directive
	// Predictions is @predictions.
	Predictions *Directive
	// Subscribe is @aws_subscribe(mutations: [...]).
	Subscribe    []string
	SubscribePos Pos
	// Generated marks fields the v1 upgrade or the transformer adds (join
	// model fields); they are not in the user's schema.
	Generated bool
}

// Directive returns the first directive with the given name, or nil.
func (f *GQLField) Directive(name string) *Directive { return findDirective(f.Directives, name) }

// GQLArg is an argument of a field.
type GQLArg struct {
	Name         string
	Type         TypeRef
	DefaultValue string
	Pos          Pos
}

// TypeRef is a field's type: a named type, possibly in lists, with non-null
// markers.
type TypeRef struct {
	// Name is the named type when Elem is nil.
	Name    string
	NonNull bool
	// Elem is the element type of a list.
	Elem *TypeRef
}

// Base returns the named type at the bottom of any lists.
func (t TypeRef) Base() string {
	for t.Elem != nil {
		t = *t.Elem
	}
	return t.Name
}

// IsList reports whether the type is a list.
func (t TypeRef) IsList() bool { return t.Elem != nil }

// String renders the type in GraphQL syntax: [Post!]!.
func (t TypeRef) String() string {
	var s string
	if t.Elem != nil {
		s = "[" + t.Elem.String() + "]"
	} else {
		s = t.Name
	}
	if t.NonNull {
		s += "!"
	}
	return s
}

// Directive is a directive as written, with its arguments.
type Directive struct {
	Name string
	Args []DirectiveArg
	Pos  Pos
}

// Arg returns the argument's value, or nil.
func (d *Directive) Arg(name string) *Value {
	if d == nil {
		return nil
	}
	for _, a := range d.Args {
		if a.Name == name {
			return a.Value
		}
	}
	return nil
}

// String renders the directive in GraphQL syntax.
func (d *Directive) String() string {
	if len(d.Args) == 0 {
		return "@" + d.Name
	}
	parts := make([]string, len(d.Args))
	for i, a := range d.Args {
		parts[i] = a.Name + ": " + a.Value.String()
	}
	return "@" + d.Name + "(" + strings.Join(parts, ", ") + ")"
}

// DirectiveArg is one argument of a directive.
type DirectiveArg struct {
	Name  string
	Value *Value
}

// ValueKind is the kind of a GraphQL value.
type ValueKind int

// GraphQL value kinds.
const (
	ValueString ValueKind = iota
	ValueInt
	ValueFloat
	ValueBool
	ValueNull
	ValueEnum
	ValueList
	ValueObject
	ValueVariable
)

// Value is a GraphQL value (directive argument or default).
type Value struct {
	Kind ValueKind
	// Raw is a scalar's value: the string's content (unescaped), the
	// number, true/false, the enum name.
	Raw    string
	List   []*Value
	Fields []ObjectField
	Pos    Pos
}

// ObjectField is one member of an object value.
type ObjectField struct {
	Name  string
	Value *Value
}

// Field returns an object value's member, or nil.
func (v *Value) Field(name string) *Value {
	if v == nil {
		return nil
	}
	for _, f := range v.Fields {
		if f.Name == name {
			return f.Value
		}
	}
	return nil
}

// Str returns a scalar's raw value, or "" for a missing value.
func (v *Value) Str() string {
	if v == nil {
		return ""
	}
	return v.Raw
}

// Strings returns a list of strings or enums (a single string counts as a
// list of one).
func (v *Value) Strings() []string {
	if v == nil {
		return nil
	}
	switch v.Kind {
	case ValueList:
		out := make([]string, 0, len(v.List))
		for _, it := range v.List {
			if it.Kind == ValueString || it.Kind == ValueEnum {
				out = append(out, it.Raw)
			}
		}
		return out
	case ValueString, ValueEnum:
		return []string{v.Raw}
	}
	return nil
}

// String renders the value in GraphQL syntax.
func (v *Value) String() string {
	if v == nil {
		return "null"
	}
	switch v.Kind {
	case ValueString:
		return quoteGraphQL(v.Raw)
	case ValueList:
		parts := make([]string, len(v.List))
		for i, it := range v.List {
			parts[i] = it.String()
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case ValueObject:
		parts := make([]string, len(v.Fields))
		for i, f := range v.Fields {
			parts[i] = f.Name + ": " + f.Value.String()
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case ValueNull:
		return "null"
	case ValueVariable:
		return "$" + v.Raw
	}
	return v.Raw
}

// quoteGraphQL writes a GraphQL string literal.
func quoteGraphQL(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func findDirective(ds []*Directive, name string) *Directive {
	for _, d := range ds {
		if d.Name == name {
			return d
		}
	}
	return nil
}

// ModelSpec is what @model and the model-level directives say.
type ModelSpec struct {
	// Pos is the @model directive.
	Pos Pos
	// Ops are the generated operations in the fixed order of ModelOps, with
	// Gen 1's effective names (after Gen 1's shallow or deep merge of the
	// @model arguments).
	Ops []ModelOp
	// SubscriptionsLevel is "on" (default), "off" or "public".
	SubscriptionsLevel string
	// Timestamps: CreatedAt/UpdatedAt are the attribute names ("" = that
	// timestamp is off); TimestampsCustom reports a non-default setting.
	CreatedAt        string
	UpdatedAt        string
	TimestampsCustom bool
	// PrimaryKey is @primaryKey (or v1 @key without name); nil means the
	// default key "id".
	PrimaryKey *KeySpec
	// Indexes are @index (or v1 named @key), in source order.
	Indexes []*IndexSpec
	// Auth are the model's @auth rules; HasAuth is true when @auth was
	// written.
	Auth    []AuthRule
	HasAuth bool
	AuthPos Pos
	// Searchable is @searchable.
	Searchable *Directive
	// MapsTo is @mapsTo(name): the model was renamed and its table keeps
	// the old name.
	MapsTo    string
	MapsToPos Pos
	// Versioned is v1 @versioned.
	Versioned *Directive
	// JoinFor is set on @manyToMany join models the transformer creates:
	// the relation name's two sides, "Post.tags" and "Tag.posts".
	JoinFor []string
}

// TableModelName is the name the model's table is named after.
func (m *ModelSpec) TableModelName(typeName string) string {
	if m != nil && m.MapsTo != "" {
		return m.MapsTo
	}
	return typeName
}

// ModelOpKinds are the operations @model generates, in order.
var ModelOpKinds = []string{"get", "list", "sync", "create", "update", "delete", "onCreate", "onUpdate", "onDelete"}

// ModelOp is one generated operation of a model.
type ModelOp struct {
	// Kind is one of ModelOpKinds.
	Kind string
	// Name is the GraphQL field name; empty when the operation is off.
	Name string
	// Default is the name Gen 1 gives by default.
	Default string
}

// Op returns the operation of a kind.
func (m *ModelSpec) Op(kind string) ModelOp {
	for _, o := range m.Ops {
		if o.Kind == kind {
			return o
		}
	}
	return ModelOp{Kind: kind}
}

// KeySpec is a model's primary key.
type KeySpec struct {
	Field    string
	SortKeys []string
	Pos      Pos
}

// IndexSpec is a secondary index.
type IndexSpec struct {
	Name     string
	Field    string
	SortKeys []string
	// QueryField is the query Gen 1 generated for the index ("" = none).
	QueryField string
	// QueryFieldAuto reports that Gen 1 named the query itself
	// (enableAutoIndexQueryNames).
	QueryFieldAuto bool
	// LSI reports that Gen 1 created a local secondary index (v1 named keys
	// and secondaryKeyAsGSI=false indexes on the table's partition key).
	LSI bool
	Pos Pos
	// Generated marks indexes the upgrade or the transformer adds.
	Generated bool
}

// RelationKind is a relationship directive.
type RelationKind string

// Relationship kinds.
const (
	HasMany    RelationKind = "hasMany"
	HasOne     RelationKind = "hasOne"
	BelongsTo  RelationKind = "belongsTo"
	ManyToMany RelationKind = "manyToMany"
)

// Relation is a relationship field with the keys Gen 1 stored for it.
type Relation struct {
	Kind RelationKind
	// Related is the related model.
	Related string
	// Fields, IndexName, References, RelationName and Limit are the
	// directive's arguments.
	Fields       []string
	IndexName    string
	References   []string
	RelationName string
	Limit        int
	Pos          Pos
	// V1 is the original v1 @connection, when the schema was upgraded.
	V1 *Directive

	// KeyModel is the model whose items hold the key attributes; KeyFields
	// are those attributes in order (partition key, then sort keys), named
	// as Gen 1 stored them; KeyTypes are their GraphQL types.
	KeyModel  string
	KeyFields []string
	KeyTypes  []string
	// KeyImplicit reports that the transformer added the key attributes
	// (they are not declared in the schema).
	KeyImplicit bool
	// KeyRequired reports that implicit key attributes are non-null.
	KeyRequired bool
	// Index is the index of KeyModel Gen 1 queries for hasMany ("" for
	// lookups by primary key).
	Index string
	// Counterpart is the field of the related model Gen 1 paired this one
	// with ("" when none).
	Counterpart string
	// Expressible is false when Gen 2's references cannot say what Gen 1
	// stored (fields that are not the parent's primary key); Problem says
	// why.
	Expressible bool
	Problem     string
}

// DefaultValue is @default(value).
type DefaultValue struct {
	Value string
	Pos   Pos
}

// FunctionRef is a @function directive.
type FunctionRef struct {
	// Name is the name as written ("resolver-${env}").
	Name string
	// Resource is the Gen 1 function resource name: Name without "-${env}".
	Resource string
	// UsesEnv reports that Name contained ${env}.
	UsesEnv bool
	// Region and AccountID are set for cross-region/account functions.
	Region         string
	AccountID      string
	InvocationType string
	Pos            Pos
}

// AWSAuth is an @aws_* directive on a type or field.
type AWSAuth struct {
	// Directive is the name without "@": aws_api_key, aws_iam,
	// aws_cognito_user_pools, aws_oidc, aws_lambda.
	Directive string
	// Groups are cognito_groups for aws_cognito_user_pools.
	Groups []string
	Pos    Pos
}

// AuthRule is one @auth rule in v2 vocabulary.
type AuthRule struct {
	// Allow is public, private, owner, groups or custom.
	Allow string
	// Provider is as written: apiKey, iam, identityPool, userPools, oidc,
	// function; "" when not written.
	Provider string
	// Operations are the operations the rule grants; nil means all.
	Operations []string
	// OwnerField is the owner field ("owner" when not written) for owner
	// rules.
	OwnerField string
	// OwnerFieldList reports that the owner or groups field is a list.
	OwnerFieldList bool
	IdentityClaim  string
	GroupClaim     string
	Groups         []string
	GroupsField    string
	// V1Queries and V1Mutations are v1's queries:/mutations: arguments,
	// which v2 does not have.
	V1Queries   []string
	V1Mutations []string
	Pos         Pos
	// Added is set for rules the v1 upgrade added; Note says why.
	Added bool
	Note  string
}

// EffectiveProvider returns the provider the rule uses, applying Gen 1's
// defaults: apiKey for public, userPools for private, owner and groups,
// function for custom.
func (r AuthRule) EffectiveProvider() string {
	if r.Provider != "" {
		return r.Provider
	}
	switch r.Allow {
	case "public":
		return "apiKey"
	case "custom":
		return "function"
	}
	return "userPools"
}
