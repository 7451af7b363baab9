package readers

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/amplify-migrate/amplify-migrate/model"
)

// TestPluralize checks the port against npm pluralize@8 (the outputs were
// produced by the package itself).
func TestPluralize(t *testing.T) {
	cases := [][2]string{{"Post", "Posts"}, {"Category", "Categories"}, {"News", "News"}, {"Person", "People"}, {"Cactus", "Cacti"},
		{"Address", "Addresses"}, {"Status", "Statuses"}, {"Quiz", "Quizzes"}, {"Child", "Children"}, {"Index", "Indices"}, {"Data", "Data"},
		{"Mouse", "Mice"}, {"Photo", "Photos"}, {"Hero", "Heroes"}, {"Box", "Boxes"}, {"Wolf", "Wolves"}, {"Company", "Companies"},
		{"Key", "Keys"}, {"Fish", "Fish"}, {"Species", "Species"}, {"Sheep", "Sheep"}, {"Goose", "Geese"}, {"Movie", "Movies"},
		{"Day", "Days"}, {"Bus", "Buses"}, {"Analysis", "Analyses"}, {"Matrix", "Matrices"}, {"Alumnus", "Alumni"}, {"Criterion", "Criteria"},
		{"Menu", "Menus"}, {"Todo", "Todos"}, {"UserProfile", "UserProfiles"}, {"MQAnswer", "MQAnswers"}, {"Pokemon", "Pokemon"},
		{"Knife", "Knives"}, {"Echo", "Echoes"}, {"Medium", "Mediums"}, {"Axis", "Axes"}, {"Thief", "Thieves"}, {"Leaf", "Leaves"},
		{"Octopus", "Octopuses"}, {"City", "Cities"}, {"Wish", "Wishes"}, {"Series", "Series"}, {"Mews", "Mews"},
		{"ContentSubmission", "ContentSubmissions"}, {"VideoOnDemand", "VideoOnDemands"}, {"ChatGroupUsers", "ChatGroupUsers"},
		{"X", "XES"}, {"Gas", "Gases"}, {"Canvas", "Canvas"}, {"Quorum", "Quora"}}
	for _, c := range cases {
		if got := pluralize(c[0]); got != c[1] {
			t.Errorf("pluralize(%q) = %q, npm pluralize gives %q", c[0], got, c[1])
		}
	}
}

// apiFS is a minimal Gen 1 project with one AppSync API.
func apiFS(schema map[string]string, cliJSON string) fstest.MapFS {
	fs := fstest.MapFS{
		"amplify/backend/backend-config.json": {Data: []byte(`{"api": {"app": {"service": "AppSync", "output": {"authConfig": {"defaultAuthentication": {"authenticationType": "AMAZON_COGNITO_USER_POOLS"}, "additionalAuthenticationProviders": [{"authenticationType": "API_KEY", "apiKeyConfig": {"apiKeyExpirationDays": 30}}]}}}}}`)},
		"amplify/cli.json":                    {Data: []byte(cliJSON)},
	}
	for rel, text := range schema {
		fs["amplify/backend/api/app/"+rel] = &fstest.MapFile{Data: []byte(text)}
	}
	return fs
}

const v2CLI = `{"features": {"graphqltransformer": {"transformerversion": 2, "useexperimentalpipelinedtransformer": true, "respectprimarykeyattributesonconnectionfield": true, "enableautoindexquerynames": true}}}`

func readAPI(t *testing.T, fs fstest.MapFS) (*model.GraphQLAPI, model.Diagnostics) {
	t.Helper()
	p, diags := ReadFS(fs, "amplify", Options{})
	if p == nil {
		t.Fatalf("no project: %s", diags.Error())
	}
	r := p.Find("api", "app")
	if r == nil || r.GraphQL == nil {
		t.Fatalf("no API read")
	}
	return r.GraphQL, diags
}

func TestInvalidGraphQLIsADiagnostic(t *testing.T) {
	_, diags := readAPI(t, apiFS(map[string]string{"schema.graphql": "type Post @model {\n  id: ID!\n  title String\n}\n"}, v2CLI))
	if !diags.HasErrors() {
		t.Fatal("no error for invalid GraphQL")
	}
	d := diags.Errors()[0]
	if d.Pos.File != "amplify/backend/api/app/schema.graphql" || d.Pos.Line != 3 || d.Pos.Col == 0 || !strings.Contains(d.Summary, "invalid GraphQL") {
		t.Errorf("diagnostic %v does not point at the error", d.Error())
	}
}

func TestSchemaFolder(t *testing.T) {
	api, diags := readAPI(t, apiFS(map[string]string{
		"schema/b/Query.graphql": "extend type Query {\n  second: String @function(name: \"fn-${env}\")\n}\n",
		"schema/a.graphql":       "type Post @model @auth(rules: [{allow: owner}]) {\n  id: ID!\n  title: String!\n}\n\ntype Query {\n  first: Post @function(name: \"other\")\n}\n",
		"schema/.hidden.graphql": "this is not GraphQL",
	}, v2CLI))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	if !slices.Equal(api.SchemaFiles, []string{"amplify/backend/api/app/schema/a.graphql", "amplify/backend/api/app/schema/b/Query.graphql"}) {
		t.Errorf("schema files %v", api.SchemaFiles)
	}
	if len(api.Schema.Queries) != 2 || api.Schema.Queries[1].Name != "second" {
		t.Fatalf("queries not merged: %+v", api.Schema.Queries)
	}
	if p := api.Schema.Queries[1].Pos; p.File != "amplify/backend/api/app/schema/b/Query.graphql" || p.Line != 2 {
		t.Errorf("position of Query.second is %v", p)
	}
	if !slices.Equal(api.Functions, []string{"other", "fn"}) {
		t.Errorf("functions %v", api.Functions)
	}
	post := api.Schema.Type("Post")
	if post.Pos.File != "amplify/backend/api/app/schema/a.graphql" || post.Pos.Line != 1 {
		t.Errorf("Post at %v", post.Pos)
	}
}

func TestV2KeysAndNames(t *testing.T) {
	api, diags := readAPI(t, apiFS(map[string]string{"schema.graphql": `
type Blog @model(queries: {get: "fetchBlog"}) @auth(rules: [{allow: owner}]) {
  id: ID!
  posts: [Post] @hasMany
  meta: Meta @hasOne
}
type Post @model @auth(rules: [{allow: owner}]) {
  id: ID!
  title: String! @index(name: "byTitle")
  blog: Blog @belongsTo
  tags: [Tag] @manyToMany(relationName: "PostTags")
}
type Meta @model @auth(rules: [{allow: owner}]) { id: ID! }
type Tag @model @auth(rules: [{allow: owner}]) { id: ID!  posts: [Post] @manyToMany(relationName: "PostTags") }
`}, v2CLI))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	s := api.Schema
	posts := s.Type("Blog").Field("posts").Relation
	if posts.KeyModel != "Post" || !slices.Equal(posts.KeyFields, []string{"blogPostsId"}) || posts.Index != "gsi-Blog.posts" {
		t.Errorf("Blog.posts keys %s %v %s", posts.KeyModel, posts.KeyFields, posts.Index)
	}
	if b := s.Type("Post").Field("blog").Relation; !slices.Equal(b.KeyFields, []string{"blogPostsId"}) {
		t.Errorf("Post.blog keys %v", b.KeyFields)
	}
	if m := s.Type("Blog").Field("meta").Relation; m.KeyModel != "Blog" || !slices.Equal(m.KeyFields, []string{"blogMetaId"}) {
		t.Errorf("Blog.meta keys %s %v", m.KeyModel, m.KeyFields)
	}
	if ix := s.Type("Post").Model.Indexes[0]; ix.QueryField != "postsByTitle" {
		t.Errorf("auto query name %q", ix.QueryField)
	}
	join := s.Type("PostTags")
	if join == nil || join.Field("postId") == nil || join.Field("tagId") == nil {
		t.Fatalf("join model missing or mis-keyed: %+v", join)
	}
	if !slices.Equal(api.Models, []string{"Blog", "Post", "Meta", "Tag", "PostTags"}) {
		t.Errorf("models %v", api.Models)
	}
	blog := s.Type("Blog").Model
	if op := blog.Op("get"); op.Name != "fetchBlog" {
		t.Errorf("get is %q", op.Name)
	}
	if op := blog.Op("list"); op.Name != "" {
		t.Errorf("list should be off with a shallow merge, is %q", op.Name)
	}
}

func TestV1Upgrade(t *testing.T) {
	api, diags := readAPI(t, apiFS(map[string]string{"schema.graphql": `
type Author @model @key(fields: ["email"]) @auth(rules: [{allow: owner, operations: [update, delete]}]) {
  email: String!
  books: [Book] @connection(name: "AuthorBooks")
  notes: [Note] @connection
}
type Book @model @key(name: "byTitle", fields: ["title"]) @key(name: "byIdYear", fields: ["id", "year"]) {
  id: ID!
  title: String!
  year: Int
  author: Author @connection(name: "AuthorBooks")
}
type Note @model { id: ID! }
`}, `{"features": {"graphqltransformer": {"transformerversion": 1}}}`))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	if api.Transformer.Version != 1 || !api.Schema.Upgraded {
		t.Fatalf("version %d", api.Transformer.Version)
	}
	s := api.Schema
	if pk := s.Type("Author").Model.PrimaryKey; pk == nil || pk.Field != "email" {
		t.Errorf("primary key %+v", pk)
	}
	books := s.Type("Author").Field("books").Relation
	if books.Kind != model.HasMany || !slices.Equal(books.KeyFields, []string{"bookAuthorId"}) || books.Index != "gsi-AuthorBooks" {
		t.Errorf("Author.books %s %v %s", books.Kind, books.KeyFields, books.Index)
	}
	if a := s.Type("Book").Field("author").Relation; a.Kind != model.BelongsTo || !slices.Equal(a.KeyFields, []string{"bookAuthorId"}) {
		t.Errorf("Book.author %s %v", a.Kind, a.KeyFields)
	}
	if n := s.Type("Author").Field("notes").Relation; !slices.Equal(n.KeyFields, []string{"authorNotesId"}) || n.Index != "gsi-Author.notes" {
		t.Errorf("Author.notes %v %s", n.KeyFields, n.Index)
	}
	ixs := s.Type("Book").Model.Indexes
	if len(ixs) != 2 || ixs[0].QueryField != "" || ixs[0].LSI || !ixs[1].LSI {
		t.Errorf("indexes %+v %+v", ixs[0], ixs[1])
	}
	auth := s.Type("Author").Model.Auth
	if len(auth) != 2 || auth[0].Operations != nil || auth[1].Allow != "private" || !slices.Equal(auth[1].Operations, []string{"create", "read"}) {
		t.Errorf("owner operations not upgraded: %+v", auth)
	}
	if n := s.Type("Note").Model.Auth; len(n) != 1 || n[0].Allow != "private" || !n[0].Added {
		t.Errorf("model without @auth: %+v", n)
	}
}

func TestVersionMismatchIsAWarning(t *testing.T) {
	api, diags := readAPI(t, apiFS(map[string]string{"schema.graphql": "type Post @model @key(fields: [\"id\"]) { id: ID! }\n"}, v2CLI))
	if api.Transformer.Version != 1 {
		t.Errorf("version %d, want the schema's v1", api.Transformer.Version)
	}
	found := false
	for _, d := range diags {
		found = found || (d.Severity == model.Warning && strings.Contains(d.Summary, "v1 directives"))
	}
	if !found {
		t.Errorf("no mismatch warning: %v", diags)
	}
}

// FuzzGraphQLSchema checks that no schema text makes the reader panic:
// whatever is written, the result is a model and diagnostics.
func FuzzGraphQLSchema(f *testing.F) {
	f.Add("type Post @model @auth(rules: [{allow: owner}]) { id: ID! comments: [Comment] @hasMany }\ntype Comment @model { id: ID! post: Post @belongsTo }")
	f.Add("type A @model @key(fields: [\"x\", \"y\"]) { x: String! y: Int! b: [B] @connection(name: \"AB\") }\ntype B @model { a: A @connection(name: \"AB\") }")
	f.Add("type T @model(queries: {get: null}, subscriptions: {level: public}, timestamps: null) { id: ID! @primaryKey(sortKeyFields: [\"z\"]) z: String @index }")
	f.Add("type X @model { m: [Y] @manyToMany(relationName: \"XY\") }\ntype Y @model { m: [X] @manyToMany(relationName: \"XY\") }\ninput AMPLIFY { globalAuthRule: AuthRule = { allow: public } }")
	f.Add("type Query { q(a: [[Int!]]!): U @function(name: \"f-${env}\") @function(name: \"g\") } union U = A | B")
	f.Fuzz(func(t *testing.T, schema string) {
		for _, cli := range []string{v2CLI, `{"features": {"graphqltransformer": {"transformerversion": 1}}}`} {
			p, _ := ReadFS(apiFS(map[string]string{"schema.graphql": schema}, cli), "amplify", Options{})
			if p == nil {
				t.Fatal("no project")
			}
		}
	})
}
