package verify

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/amplify-migrate/amplify-migrate/model"
)

// writeAssembly writes templates (file name → template) and one asset
// manifest mapping the given object keys to files.
func writeAssembly(t *testing.T, templates map[string]any, assets map[string]string, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, tmpl := range templates {
		b, _ := json.Marshal(tmpl)
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	man := map[string]any{"version": "1", "files": map[string]any{}}
	for key, path := range assets {
		man["files"].(map[string]any)[key] = map[string]any{
			"source":       map[string]any{"path": path, "packaging": "file"},
			"destinations": map[string]any{"d": map[string]any{"bucketName": "b", "objectKey": key}},
		}
	}
	b, _ := json.Marshal(man)
	if err := os.WriteFile(filepath.Join(dir, "root.assets.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var (
	childHash = strings.Repeat("a", 64)
	vtlHash   = strings.Repeat("b", 64)
)

func obj(kv ...any) map[string]any {
	m := map[string]any{}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	return m
}

func arr(xs ...any) []any { return xs }

// nestedAssembly is a root stack with an API and a nested model stack whose
// table, resolver and parameters refer back to the root, as the transformer
// lays them out.
func nestedAssembly(t *testing.T) string {
	root := obj("Resources", obj(
		"Api", obj("Type", "AWS::AppSync::GraphQLApi", "Properties", obj("AuthenticationType", "API_KEY", "Name", "x")),
		"Model", obj("Type", "AWS::CloudFormation::Stack", "Properties", obj(
			"TemplateURL", obj("Fn::Join", arr("", arr("https://s3/", obj("Ref", "AWS::Region"), "/"+childHash+".json"))),
			"Parameters", obj("refApiId", obj("Fn::GetAtt", arr("Api", "ApiId")), "Billing", obj("Ref", "Billing")),
		)),
	), "Parameters", obj("Billing", obj("Type", "String", "Default", "PROVISIONED")))
	child := obj(
		"Parameters", obj("refApiId", obj("Type", "String"), "Billing", obj("Type", "String", "Default", "PAY_PER_REQUEST")),
		"Conditions", obj("PayPerRequest", obj("Fn::Equals", arr(obj("Ref", "Billing"), "PAY_PER_REQUEST"))),
		"Resources", obj(
			"PostTable1234ABCD", obj("Type", "AWS::DynamoDB::Table", "Properties", obj(
				"TableName", obj("Fn::Join", arr("", arr("Post-", obj("Ref", "refApiId"), "-NONE"))),
				"KeySchema", arr(obj("AttributeName", "id", "KeyType", "HASH")),
				"AttributeDefinitions", arr(obj("AttributeName", "id", "AttributeType", "S")),
				"BillingMode", obj("Fn::If", arr("PayPerRequest", "PAY_PER_REQUEST", obj("Ref", "AWS::NoValue"))),
				"ProvisionedThroughput", obj("Fn::If", arr("PayPerRequest", obj("Ref", "AWS::NoValue"), obj("ReadCapacityUnits", 5.0, "WriteCapacityUnits", 5.0))),
			)),
			"Fn", obj("Type", "AWS::AppSync::FunctionConfiguration", "Properties", obj(
				"Name", "QuerygetPostauth0Function",
				"RequestMappingTemplateS3Location", obj("Fn::Sub", "s3://bucket-${AWS::AccountId}/"+vtlHash+".vtl"),
				"ResponseMappingTemplate", obj("Fn::Join", arr("", arr("$util.qr($ctx.stash.put(\"tableName\", \"",
					obj("Fn::Select", arr(1.0, obj("Fn::Split", arr("/", obj("Fn::Select", arr(5.0, obj("Fn::Split", arr(":", obj("Fn::GetAtt", arr("PostTable1234ABCD", "Arn")))))))))), "\"))"))),
			)),
			"Resolver", obj("Type", "AWS::AppSync::Resolver", "Properties", obj(
				"TypeName", "Query", "FieldName", "getPost", "Kind", "PIPELINE",
				"PipelineConfig", obj("Functions", arr(obj("Fn::GetAtt", arr("Fn", "FunctionId")))),
				"RequestMappingTemplate", obj("Fn::Sub", arr("apiId=${id} table=${PostTable1234ABCD}", obj("id", obj("Ref", "refApiId")))),
			)),
		),
		"Outputs", obj("TableName", obj("Value", obj("Ref", "PostTable1234ABCD"))),
	)
	return writeAssembly(t,
		map[string]any{"root.template.json": root, "child.nested.template.json": child},
		map[string]string{childHash + ".json": "child.nested.template.json", vtlHash + ".vtl": "asset." + vtlHash + ".vtl"},
		map[string]string{"asset." + vtlHash + ".vtl": "## auth\n  $util.unauthorized()  \n\n"},
	)
}

func TestEvalFollowsNestingAndIntrinsics(t *testing.T) {
	dir := nestedAssembly(t)
	a, err := loadCFN(dir)
	if err != nil {
		t.Fatal(err)
	}
	var root, child *cfnStack
	for _, s := range a.stacks {
		if s.File == "root.template.json" {
			root = s
		} else {
			child = s
		}
	}
	if child.parent != root || child.parentID != "Model" {
		t.Fatalf("nested stack not linked to its parent resource")
	}
	tests := []struct {
		s    *cfnStack
		expr any
		want string
	}{
		{child, obj("Ref", "refApiId"), "<apiId>"},
		// The parent passes its own parameter, whose default wins over the
		// child's default.
		{child, obj("Ref", "Billing"), "PROVISIONED"},
		{child, obj("Ref", "PostTable1234ABCD"), "Post-<apiId>-NONE"},
		{child, obj("Fn::Select", arr(1.0, obj("Fn::Split", arr("/", obj("Fn::Select", arr(5.0, obj("Fn::Split", arr(":", obj("Fn::GetAtt", arr("PostTable1234ABCD", "Arn")))))))))), "Post-<apiId>-NONE"},
		{root, obj("Fn::GetAtt", arr("Model", "Outputs.TableName")), "Post-<apiId>-NONE"},
		{child, obj("Fn::Sub", "${AWS::Partition}:${!Literal}"), "aws:${Literal}"},
		{child, obj("Fn::If", arr("PayPerRequest", "yes", "no")), "no"},
		{child, obj("Fn::GetAtt", arr("Fn", "FunctionId")), "<function:QuerygetPostauth0Function>"},
		{child, obj("Ref", "Missing"), "<ref:Missing>"},
	}
	for _, tt := range tests {
		if got := toString(a.eval(tt.s, tt.expr)); got != tt.want {
			t.Errorf("eval %v = %q, want %q", tt.expr, got, tt.want)
		}
	}
}

func TestLoadAPIView(t *testing.T) {
	v, err := loadAPIView(nestedAssembly(t))
	if err != nil {
		t.Fatal(err)
	}
	tbl := v.tables["Post"]
	if tbl == nil {
		t.Fatalf("table Post not found: %v", v.tables)
	}
	if got := tbl.settings["billing mode"]; got != "PROVISIONED" {
		t.Errorf("billing mode = %q", got)
	}
	if got := tbl.settings["throughput"]; got != "5 read, 5 write" {
		t.Errorf("throughput = %q", got)
	}
	fn := v.functions["QuerygetPostauth0Function"]
	if got := fn["RequestMappingTemplate"]; !strings.Contains(got, "$util.unauthorized()") {
		t.Errorf("request template from the asset = %q", got)
	}
	if got := fn["ResponseMappingTemplate"]; got != `$util.qr($ctx.stash.put("tableName", "Post-<apiId>-NONE"))` {
		t.Errorf("response template = %q", got)
	}
	r := v.resolvers["Query.getPost"]
	if r["Functions"] != "QuerygetPostauth0Function" || r["RequestMappingTemplate"] != "apiId=<apiId> table=Post-<apiId>-NONE" {
		t.Errorf("resolver = %v", r)
	}
	if v.auth["default mode"] != "API_KEY" {
		t.Errorf("auth = %v", v.auth)
	}
}

func TestLoadAPIViewNeedsOneAPI(t *testing.T) {
	dir := writeAssembly(t, map[string]any{"x.template.json": obj("Resources", obj())}, nil, nil)
	if _, err := loadAPIView(dir); err == nil || !strings.Contains(err.Error(), "no AppSync API") {
		t.Errorf("err = %v", err)
	}
	ds := CompareAPIs(&Assembly{Dir: dir}, &Assembly{Dir: dir})
	if len(ds) != 1 || ds[0].Kind != KindHarness || len(Untolerated(ds)) != 1 {
		t.Errorf("a missing API must be an untolerated difference: %v", ds)
	}
}

func TestReadTableBothShapes(t *testing.T) {
	gen1 := obj(
		"KeySchema", arr(obj("AttributeName", "id", "KeyType", "HASH")),
		"AttributeDefinitions", arr(obj("AttributeName", "id", "AttributeType", "S"), obj("AttributeName", "fk", "AttributeType", "S")),
		"GlobalSecondaryIndexes", arr(obj("IndexName", "gsi-A.b", "KeySchema", arr(obj("AttributeName", "fk", "KeyType", "HASH")), "Projection", obj("ProjectionType", "ALL"))),
		"BillingMode", "PAY_PER_REQUEST",
		"StreamSpecification", obj("StreamViewType", "NEW_AND_OLD_IMAGES"),
		"SSESpecification", obj("SSEEnabled", false),
	)
	gen2 := obj(
		"keySchema", arr(obj("attributeName", "id", "keyType", "HASH")),
		"attributeDefinitions", arr(obj("attributeName", "fk", "attributeType", "S"), obj("attributeName", "id", "attributeType", "S")),
		"globalSecondaryIndexes", arr(obj("indexName", "gsi-A.b", "keySchema", arr(obj("attributeName", "fk", "keyType", "HASH")), "projection", obj("projectionType", "ALL"))),
		"billingMode", "PAY_PER_REQUEST",
		"streamSpecification", obj("streamViewType", "NEW_AND_OLD_IMAGES"),
		"sseSpecification", obj("sseEnabled", false),
		"deletionProtectionEnabled", false,
	)
	ds := compareTables(map[string]*tableView{"A": readTable(gen1)}, map[string]*tableView{"A": readTable(gen2)})
	if len(ds) != 0 {
		t.Errorf("same table in both shapes differs:\n%s", FormatDifferences(ds))
	}
	gen2["globalSecondaryIndexes"] = arr()
	ds = compareTables(map[string]*tableView{"A": readTable(gen1)}, map[string]*tableView{"A": readTable(gen2)})
	if len(ds) != 1 || ds[0].Subject != "table A GSI gsi-A.b" {
		t.Errorf("missing GSI: %v", ds)
	}
}

func mustFacts(t *testing.T, sdl string) *schemaFacts {
	t.Helper()
	f, err := parseSchemaFacts(sdl)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestCompareSchemas(t *testing.T) {
	gen1 := mustFacts(t, `
type Post @aws_iam @aws_cognito_user_pools(cognito_groups: ["Admin", "Editor"]) {
  id: ID!
  title: String!
  tags: [String]
}
type Gone { a: Int b(x: Int = 1): Int }
enum Status { DRAFT PUBLISHED }
type Query { getPost(id: ID!): Post @aws_api_key @aws_iam }
`)
	gen2 := mustFacts(t, `
type Query { getPost(id: ID!): Post @aws_iam @aws_api_key }
enum Status { PUBLISHED DRAFT ARCHIVED }
type Post @aws_cognito_user_pools(cognito_groups: ["Editor", "Admin"]) @aws_iam {
  title: String
  id: ID!
  tags: [String]
}
`)
	ds := compareSchemas(gen1, gen2)
	got := map[string]Difference{}
	for _, d := range ds {
		got[d.Subject] = d
	}
	if len(got) != 3 {
		t.Errorf("want 3 differences (Post.title type, type Gone once, enum value ARCHIVED):\n%s", FormatDifferences(ds))
	}
	if d := got["field Post.title"]; d.Want != "title: String!" || d.Got != "title: String" {
		t.Errorf("field Post.title: %+v", d)
	}
	if d := got["type Gone"]; !strings.Contains(d.Want, "b(x: Int = 1): Int") || d.Got != "" {
		t.Errorf("type Gone: %+v", d)
	}
	if _, ok := got["enum value Status.ARCHIVED"]; !ok {
		t.Errorf("enum value not reported: %v", ds)
	}
}

func TestCanonicalFieldLists(t *testing.T) {
	unused1 := `#set( $ownerAllowedFields0 = ["id","name","posts"] )
#set( $isAuthorizedOnAllFields0 = true )
#set( $staticGroupRoles = [{"claim":"cognito:groups","entity":"Admin","allowedFields":["id","title"],"isAuthorizedOnAllFields":true}] )`
	unused2 := `#set( $ownerAllowedFields0 = ["name","posts"] )
#set( $isAuthorizedOnAllFields0 = true )
#set( $staticGroupRoles = [{"claim":"cognito:groups","entity":"Admin","allowedFields":["title"],"isAuthorizedOnAllFields":true}] )`
	if canonicalFieldLists(unused1) != canonicalFieldLists(unused2) {
		t.Errorf("lists of rules that grant every field must not matter:\n%s\n%s", canonicalFieldLists(unused1), canonicalFieldLists(unused2))
	}
	used1 := `#set( $ownerAllowedFields0 = ["id","name"] )
#set( $isAuthorizedOnAllFields0 = false )`
	reordered := `#set( $ownerAllowedFields0 = ["name","id"] )
#set( $isAuthorizedOnAllFields0 = false )`
	missing := `#set( $ownerAllowedFields0 = ["name"] )
#set( $isAuthorizedOnAllFields0 = false )`
	if canonicalFieldLists(used1) != canonicalFieldLists(reordered) {
		t.Error("order of a used list must not matter")
	}
	if canonicalFieldLists(used1) == canonicalFieldLists(missing) {
		t.Error("a field missing from a used list must be a difference")
	}
	mixed := `#set( $ownerAllowedFields0 = ["name"] )
#set( $isAuthorizedOnAllFields0 = true )
#set( $isAuthorizedOnAllFields0 = false )`
	if canonicalFieldLists(used1) == canonicalFieldLists(mixed) {
		t.Error("a list is unused only when every assignment of its flag is true")
	}
	group := `[{"allowedFields":["id","title"],"isAuthorizedOnAllFields":false}]`
	if canonicalFieldLists(group) == canonicalFieldLists(`[{"allowedFields":["title"],"isAuthorizedOnAllFields":false}]`) {
		t.Error("a field missing from a used group list must be a difference")
	}
}

func TestSubscriptionFilterTolerance(t *testing.T) {
	gen1 := mustFacts(t, `
type Blog { id: ID! name: String }
type Post { id: ID! blogPostsId: ID }
input ModelSubscriptionBlogFilterInput { id: ModelSubscriptionIDInput blogPostsId: ModelSubscriptionIDInput extra: ModelSubscriptionIDInput }
input ModelSubscriptionPostFilterInput { id: ModelSubscriptionIDInput }
`)
	gen2 := mustFacts(t, `
type Blog { id: ID! name: String }
type Post { id: ID! blogPostsId: ID }
input ModelSubscriptionBlogFilterInput { id: ModelSubscriptionIDInput }
input ModelSubscriptionPostFilterInput { id: ModelSubscriptionIDInput blogPostsId: ModelSubscriptionIDInput }
`)
	post := &tableView{settings: map[string]string{}, attrs: map[string]string{}, indexes: map[string]string{"GSI gsi-Blog.posts": "keys blogPostsId HASH; projection ALL"}}
	c := &comparison{
		gen1: &apiView{tables: map[string]*tableView{"Post": post, "Blog": {indexes: map[string]string{}}}},
		s1:   gen1, s2: gen2,
	}
	tolerated := map[string]bool{}
	for _, d := range compareSchemas(gen1, gen2) {
		tolerated[d.Subject] = matchSubscriptionFilterFK(d, c)
	}
	want := map[string]bool{
		"field ModelSubscriptionBlogFilterInput.blogPostsId": true,
		"field ModelSubscriptionPostFilterInput.blogPostsId": true,
		// Not a relationship key of any table: a real difference.
		"field ModelSubscriptionBlogFilterInput.extra": false,
	}
	for k, w := range want {
		if got, ok := tolerated[k]; !ok || got != w {
			t.Errorf("%s: tolerated=%v (reported %v), want %v", k, got, ok, w)
		}
	}
}

func TestGen2UserPoolModeTolerance(t *testing.T) {
	c := &comparison{
		gen1: &apiView{auth: map[string]string{"default mode": "API_KEY", "additional modes": "AWS_IAM"}},
		gen2: &apiView{auth: map[string]string{"default mode": "API_KEY", "additional modes": "AMAZON_COGNITO_USER_POOLS, AWS_IAM"}},
	}
	block := "#if( $util.authType() == \"User Pool Authorization\" )\n#end\n"
	skeleton := `#if( $util.authType() == "User Pool Authorization" )
#set( $authRuntimeFilter = [] )
#set( $authOwnerRuntimeFilter = [] )
#set( $authGroupRuntimeFilter = [] )
#if( $authOwnerRuntimeFilter.size() > 0 )
$util.qr($authRuntimeFilter.addAll($authOwnerRuntimeFilter))
#end
#if( $authRuntimeFilter.size() > 0 )
#set( $isAuthorized = true )
#end
#end
`
	cases := []struct {
		d    Difference
		want bool
	}{
		{Difference{Kind: KindAuth, Subject: "additional modes", Want: "AWS_IAM", Got: "AMAZON_COGNITO_USER_POOLS, AWS_IAM"}, true},
		{Difference{Kind: KindAuth, Subject: "additional modes", Want: "AWS_IAM", Got: "AMAZON_COGNITO_USER_POOLS, OPENID_CONNECT"}, false},
		{Difference{Kind: KindAuth, Subject: "default mode", Want: "API_KEY", Got: "AWS_IAM"}, false},
		{Difference{Kind: KindFunction, Subject: "function F RequestMappingTemplate", Want: "#end\n$util.unauthorized()", Got: "#end\n" + block + "$util.unauthorized()"}, true},
		// A user pool block with something inside is a real difference.
		{Difference{Kind: KindFunction, Subject: "function F RequestMappingTemplate", Want: "#end", Got: "#end\n#if( $util.authType() == \"User Pool Authorization\" )\n#set( $isAuthorized = true )\n#end"}, false},
		// A subscription's filter skeleton over empty filters authorizes nobody.
		{Difference{Kind: KindFunction, Subject: "function S RequestMappingTemplate", Want: "#end\n#if( !$isAuthorized )", Got: "#end\n" + skeleton + "#if( !$isAuthorized )"}, true},
		// The same with an owner filter added does authorize.
		{Difference{Kind: KindFunction, Subject: "function S RequestMappingTemplate", Want: "#end", Got: "#end\n" + strings.Replace(skeleton, "#set( $authGroupRuntimeFilter = [] )", "$util.qr($authOwnerRuntimeFilter.add({ \"owner\": { \"eq\": $x } }))", 1)}, false},
	}
	for _, k := range cases {
		if got := matchGen2UserPoolMode(k.d, c); got != k.want {
			t.Errorf("%s %q -> %q: tolerated=%v, want %v", k.d.Subject, k.d.Want, k.d.Got, got, k.want)
		}
	}
	// With a user pool mode in Gen 1, nothing is tolerated.
	c.gen1.auth["additional modes"] = "AMAZON_COGNITO_USER_POOLS, AWS_IAM"
	if matchGen2UserPoolMode(cases[3].d, c) {
		t.Error("tolerated although Gen 1 had a user pool mode")
	}
}

func TestFormatDifferences(t *testing.T) {
	ds := []Difference{
		{Kind: KindTable, Subject: "table Post GSI byBlog", Want: "keys blogId HASH; projection ALL"},
		{Kind: KindFunction, Subject: "function F RequestMappingTemplate", Want: "a\nb\nc\nd", Got: "a\nb\nC\nd"},
		{Kind: KindSchema, Subject: "field X.y", Want: "y: Int", Tolerated: "subscription-filter-implicit-fk"},
	}
	got := FormatDifferences(ds)
	for _, want := range []string{
		"2 difference(s) (1 table, 1 function), 1 tolerated",
		"table: table Post GSI byBlog\n  gen1: keys blogId HASH; projection ALL\n  gen2: (absent)\n",
		"  - c\n",
		"  + C\n",
		"  schema: field X.y [subscription-filter-implicit-fk]",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
}

func TestTolerancesAreDeclared(t *testing.T) {
	seen := map[string]bool{}
	for _, tol := range Tolerances {
		if tol.ID == "" || len(tol.Reason) < 40 || tol.match == nil || seen[tol.ID] {
			t.Errorf("tolerance %q needs a unique ID, a reason and a matcher", tol.ID)
		}
		seen[tol.ID] = true
	}
}

func TestTranslationDefaultsForExistingProjects(t *testing.T) {
	got := Translation(model.Flags{})
	want := TranslationBehavior{UseSubUsernameForDefaultIdentityClaim: true, EnableTransformerCfnOutputs: true}
	if got != want {
		t.Errorf("missing flags: %+v, want %+v", got, want)
	}
	got = Translation(model.Flags{"graphqltransformer": {"secondarykeyasgsi": "true", "shoulddeepmergedirectiveconfigdefaults": "false", "respectprimarykeyattributesonconnectionfield": "true"}})
	if !got.SecondaryKeyAsGSI || got.ShouldDeepMergeDirectiveConfigDefaults || !got.RespectPrimaryKeyAttributesOnConnectionField {
		t.Errorf("flags not applied: %+v", got)
	}
	if v := TransformerVersion(model.Flags{"graphqltransformer": {"transformerversion": "2"}}); v != 1 {
		t.Errorf("v2 without the pipelined transformer flag = %d, want 1", v)
	}
	if v := TransformerVersion(model.Flags{"graphqltransformer": {"transformerversion": "2", "useexperimentalpipelinedtransformer": "true"}}); v != 2 {
		t.Errorf("version = %d, want 2", v)
	}
}

func TestGen1APIFromProject(t *testing.T) {
	root := t.TempDir()
	write := func(rel, content string) {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("amplify/backend/api/a/schema.graphql", "input AMPLIFY { globalAuthRule: AuthRule = { allow: public } }\ntype T @model { id: ID! }\n")
	write("amplify/backend/api/a/parameters.json", `{"DynamoDBBillingMode":"PROVISIONED","DynamoDBEnableServerSideEncryption":false,"AppSyncApiName":"a"}`)
	write("amplify/backend/api/a/transform.conf.json", `{"Version":5,"ResolverConfig":{"project":{"ConflictHandler":"AUTOMERGE","ConflictDetection":"VERSION"},"models":{"T":{"ConflictHandler":"LAMBDA","ConflictDetection":"VERSION","LambdaConflictHandler":{"name":"resolver"}}}}}`)
	write("amplify/backend/api/b/schema/one.graphql", "type A @model { id: ID! }")
	write("amplify/backend/api/b/schema/two.graphql", "type B @model { id: ID! }")
	write("amplify/backend/backend-config.json", `{"api":{"b":{"output":{"authConfig":{"defaultAuthentication":{"authenticationType":"AWS_LAMBDA","lambdaAuthorizerConfig":{"lambdaFunction":"authz","ttlSeconds":"0"}},"additionalAuthenticationProviders":[{"authenticationType":"OPENID_CONNECT","openIDConnectConfig":{"name":"p","issuerUrl":"https://i","clientId":"c","iatTTL":"1000","authTTL":2000}}]}}}}}`)
	a := &model.Resource{Category: "api", Name: "a", Service: "AppSync", Dir: "amplify/backend/api/a", GraphQL: &model.GraphQLAPI{
		SchemaFiles: []string{"amplify/backend/api/a/schema.graphql"},
		Settings: map[string]string{
			"defaultAuthType":     `{"mode":"AMAZON_COGNITO_USER_POOLS","cognitoUserPoolId":"authx"}`,
			"additionalAuthTypes": `[{"mode":"API_KEY","expirationTime":365,"keyDescription":"k"},{"mode":"AWS_IAM"}]`,
		},
	}}
	b := &model.Resource{Category: "api", Name: "b", Service: "AppSync", Dir: "amplify/backend/api/b", GraphQL: &model.GraphQLAPI{
		SchemaFiles: []string{"amplify/backend/api/b/schema/one.graphql", "amplify/backend/api/b/schema/two.graphql"},
	}}
	groups := &model.Resource{Category: "auth", Name: "userPoolGroups", UserPoolGroups: &model.UserPoolGroups{Groups: []model.UserPoolGroup{{Name: "Admin"}}}}
	p := &model.Project{Root: root, AmplifyDir: "amplify", Resources: []*model.Resource{a, b, groups},
		Flags: model.Flags{"graphqltransformer": {"secondarykeyasgsi": "true"}}}

	api, err := Gen1APIFromProject(p, a)
	if err != nil {
		t.Fatal(err)
	}
	wantModes := []AuthMode{{Type: AuthUserPools}, {Type: AuthAPIKey, APIKeyExpiresInDays: 365, APIKeyDescription: "k"}, {Type: AuthIAM}}
	if !jsonEqual(api.AuthModes, wantModes) {
		t.Errorf("modes = %+v", api.AuthModes)
	}
	if !api.Auth || !jsonEqual(api.UserPoolGroups, []string{"Admin"}) {
		t.Errorf("auth = %v, groups = %v", api.Auth, api.UserPoolGroups)
	}
	if !api.Translation.SandboxModeEnabled || !api.Translation.SecondaryKeyAsGSI {
		t.Errorf("translation = %+v", api.Translation)
	}
	if !jsonEqual(api.TableParameters, map[string]string{"DynamoDBBillingMode": "PROVISIONED", "DynamoDBEnableServerSideEncryption": "false"}) {
		t.Errorf("table parameters = %v", api.TableParameters)
	}
	wantCR := &ConflictResolution{Project: &ConflictStrategy{Handler: "AUTOMERGE", Detection: "VERSION"},
		Models: map[string]ConflictStrategy{"T": {Handler: "LAMBDA", Detection: "VERSION", LambdaFunction: "resolver"}}}
	if !jsonEqual(api.ConflictResolution, wantCR) {
		t.Errorf("conflict resolution = %+v", api.ConflictResolution)
	}

	api, err = Gen1APIFromProject(p, b)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(api.Schema, "type A") || !strings.Contains(api.Schema, "type B") {
		t.Errorf("schema files not joined: %q", api.Schema)
	}
	wantModes = []AuthMode{{Type: AuthLambda, LambdaFunction: "authz"}, {Type: AuthOIDC, OIDCProviderName: "p", OIDCIssuerURL: "https://i", OIDCClientID: "c", OIDCAuthTTLMillis: 2000, OIDCIatTTLMillis: 1000}}
	if !jsonEqual(api.AuthModes, wantModes) {
		t.Errorf("modes from backend-config.json = %+v", api.AuthModes)
	}
	if api.Translation.SandboxModeEnabled {
		t.Error("no AMPLIFY input, no sandbox mode")
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

func TestGen1APIConfigIsChecked(t *testing.T) {
	ok := Gen1API{Name: "x", Schema: "type T @model { id: ID! }", AuthModes: []AuthMode{{Type: AuthAPIKey}}}
	if _, err := ok.config(); err != nil {
		t.Fatal(err)
	}
	bad := map[string]func(a *Gen1API){
		"empty schema":          func(a *Gen1API) { a.Schema = " " },
		"no authorization":      func(a *Gen1API) { a.AuthModes = nil },
		"unknown authorization": func(a *Gen1API) { a.AuthModes = []AuthMode{{Type: "COGNITO"}} },
		"listed twice":          func(a *Gen1API) { a.AuthModes = []AuthMode{{Type: AuthAPIKey}, {Type: AuthAPIKey}} },
		"needs a user pool":     func(a *Gen1API) { a.AuthModes = []AuthMode{{Type: AuthUserPools}} },
	}
	for want, edit := range bad {
		a := ok
		edit(&a)
		if _, err := a.config(); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v", want, err)
		}
	}
	cfg, _ := ok.config()
	if !cfg.EnableIamAuthorizationMode || !cfg.TranslationBehavior.DisableResolverDeduping || cfg.TableParameters["DynamoDBEnableServerSideEncryption"] != "false" {
		t.Errorf("the Gen1SynthSettings and parameters.json defaults must apply: %+v", cfg)
	}
}
