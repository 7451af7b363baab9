package writers

import (
	"strings"
	"testing"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

func set[T any](v T) model.Setting[T] {
	return model.Setting[T]{Value: v, IsSet: true, Pos: model.Pos{File: "amplify/backend/auth/pool/cli-inputs.json", Line: 1}}
}

// authProject is a project with one auth resource and the given functions.
func authProject(a *model.Auth, fns ...*model.Resource) *model.Project {
	p := &model.Project{AmplifyDir: "amplify", Env: "main"}
	p.Resources = append(p.Resources, &model.Resource{Category: "auth", Name: "pool", Service: "Cognito", Auth: a, Dir: "amplify/backend/auth/pool",
		Pos: model.Pos{File: "amplify/backend/backend-config.json", Line: 3}})
	p.Resources = append(p.Resources, fns...)
	model.SortResources(p.Resources)
	return p
}

func lambda(name string, perms map[string]map[string][]string) *model.Resource {
	return &model.Resource{Category: "function", Name: name, Service: "Lambda", Function: &model.Function{Permissions: perms},
		Pos: model.Pos{File: "amplify/backend/backend-config.json", Line: 9}}
}

// convertAuth runs the auth writer with the named functions converted (a
// resource.ts exists for them and they are in defineBackend), as the
// function writer leaves things.
func convertAuth(t *testing.T, p *model.Project, opts Options, converted ...string) *gen {
	t.Helper()
	if opts.Auth == "" {
		opts.Auth = AuthDefine
	}
	g := newGen(p, opts)
	g.planFunctions()
	for _, name := range converted {
		sym := g.functions[name]
		g.addFile("amplify/functions/"+name+"/resource.ts", []byte("export const x = 1;\n"))
		g.backend.Resource(OrderFunctions, sym.Ident, sym.Ident, sym.Module)
	}
	if err := g.writeAuth(); err != nil {
		t.Fatalf("writeAuth: %v", err)
	}
	g.writeBackend()
	return g
}

func fileText(g *gen, p string) string {
	if f := g.files[p]; f != nil {
		return string(f.Data)
	}
	return ""
}

func mustContain(t *testing.T, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("missing %q in:\n%s", w, text)
		}
	}
}

func findingsWith(g *gen, code string) []model.Finding {
	var out []model.Finding
	for _, f := range g.findings {
		if f.Code == code {
			out = append(out, f)
		}
	}
	return out
}

func TestAuthTriggersWiredToConvertedFunctions(t *testing.T) {
	a := &model.Auth{
		UsernameAttributes: set([]string{"email"}),
		Triggers: []model.AuthTrigger{
			{Name: "PreSignup", Event: "PreSignUp", Function: "poolPreSignup", Modules: []string{"email-filter-allowlist"}},
			{Name: "PostConfirmation", Event: "PostConfirmation", Function: "poolPostConfirmation", Modules: []string{"add-to-group"}},
			{Name: "CustomMessage", Event: "CustomMessage", Function: "poolCustomMessage"},
			{Event: "PostAuthentication", Function: "poolPostAuth", Inferred: true},
		},
		TriggerPermissions: []model.TriggerPermission{{Trigger: "PostConfirmation", Policy: "AddToGroupCognito", Effect: "Allow", OnUserPool: true,
			Actions: []string{"cognito-idp:AdminAddUserToGroup", "cognito-idp:GetGroup", "cognito-idp:DescribeUserPool"}}},
	}
	p := authProject(a, lambda("poolPreSignup", nil), lambda("poolPostConfirmation", nil), lambda("poolCustomMessage", nil), lambda("poolPostAuth", nil))
	g := convertAuth(t, p, Options{}, "poolPreSignup", "poolPostConfirmation", "poolPostAuth")
	res := fileText(g, authResourceFile)
	mustContain(t, res,
		"import { poolPreSignup } from '../functions/poolPreSignup/resource';",
		"import { poolPostConfirmation } from '../functions/poolPostConfirmation/resource';",
		"preSignUp: poolPreSignup,",
		"postConfirmation: poolPostConfirmation,",
		"postAuthentication: poolPostAuth,",
		"userMigration: userMigration,",
		"allow.resource(poolPostConfirmation).to(['addUserToGroup', 'getGroup'])",
		"TODO(amplify-migrate): the CustomMessage trigger runs Gen 1 function poolCustomMessage,")
	if strings.Contains(res, "import { poolCustomMessage }") {
		t.Errorf("an unconverted function must not be imported:\n%s", res)
	}
	backend := fileText(g, "amplify/backend.ts")
	mustContain(t, backend, "backend.poolPostConfirmation.resources.lambda.addToRolePolicy(new PolicyStatement({",
		"actions: ['cognito-idp:DescribeUserPool'],")
	var manual, inferred bool
	for _, f := range findingsWith(g, "auth.trigger") {
		manual = manual || (f.Level == model.Manual && strings.Contains(f.Reason, "poolCustomMessage"))
		inferred = inferred || (f.Level == model.Auto && strings.Contains(f.Reason, "deduced from the function name"))
	}
	if !manual || !inferred {
		t.Errorf("trigger findings: %+v", findingsWith(g, "auth.trigger"))
	}
	if f := findingsWith(g, "auth.trigger-permission"); len(f) != 1 || f[0].Level != model.CDK {
		t.Errorf("trigger permission findings: %+v", f)
	}
}

func TestAuthFunctionAccessAndAdminQueries(t *testing.T) {
	a := &model.Auth{
		UsernameAttributes: set([]string{"email"}),
		AdminQueries:       set(true),
		AdminQueryGroup:    set("Admins"),
	}
	report := lambda("report", map[string]map[string][]string{"auth": {"pool": {"read"}}})
	legacy := lambda("legacy", nil)
	legacy.Function.Permissions = nil
	legacy.Function.Settings = map[string]string{"permissions": `{"auth": {"pool": ["create", "delete"]}}`}
	admin := lambda("AdminQueries12ab", nil)
	api := &model.Resource{Category: "api", Name: "AdminQueries", Service: "API Gateway",
		DependsOn: []model.Dependency{{Category: "function", ResourceName: "AdminQueries12ab"}}}
	p := authProject(a, report, legacy, admin, api)
	g := convertAuth(t, p, Options{NoUserMigration: true}, "report", "legacy", "AdminQueries12ab")
	res := fileText(g, authResourceFile)
	mustContain(t, res,
		"allow.resource(report).to([",
		"'listUsersInGroup'",
		"allow.resource(legacy).to([\n      'manageUsers',\n      'manageGroups',\n      'manageGroupMembership',\n      'manageUserDevices',\n    ])",
		"allow.resource(AdminQueries12ab).to([")
	mustContain(t, fileText(g, "amplify/backend.ts"), "backend.AdminQueries12ab.addEnvironment('GROUP', 'Admins');")
	if f := findingsWith(g, "auth.admin-queries"); len(f) != 1 || f[0].Level != model.CDK || !strings.Contains(f[0].Reason, `"Admins"`) {
		t.Errorf("admin queries findings: %+v", f)
	}
}

func TestAuthReferenceNeedsDeployedIDs(t *testing.T) {
	a := &model.Auth{UsernameAttributes: set([]string{"email"})}
	a.Deployed.UserPoolID = set("us-east-1_abc")
	a.Deployed.AuthRoleArn = set("arn:aws:iam::1:role/auth")
	p := authProject(a)
	g := newGen(p, Options{Auth: AuthReference})
	g.planFunctions()
	err := g.writeAuth()
	if err == nil {
		t.Fatal("want an error for missing IDs")
	}
	msg := err.Error()
	mustContain(t, msg, "identityPoolId from amplify/backend/amplify-meta.json (auth.pool.output.IdentityPoolId",
		"userPoolClientId from amplify/backend/amplify-meta.json (auth.pool.output.AppClientIDWeb",
		"unauthRoleArn from amplify/team-provider-info.json (main.awscloudformation.UnauthRoleArn)",
		"amplify pull --envName main")
	if strings.Contains(msg, "- userPoolId from") || strings.Contains(msg, "- authRoleArn from") {
		t.Errorf("the error names IDs that are known: %s", msg)
	}

	a.Selection = set("userPoolOnly")
	g = newGen(p, Options{Auth: AuthReference})
	if err := g.writeAuth(); err == nil || !strings.Contains(err.Error(), "no identity pool") {
		t.Errorf("userPoolOnly: %v", err)
	}
}

func TestAuthReferenceWritesReferenceAuth(t *testing.T) {
	a := &model.Auth{UsernameAttributes: set([]string{"email"}), Groups: set([]string{"Admin"})}
	a.Deployed = model.AuthIDs{UserPoolID: set("us-east-1_abc"), WebClientID: set("web"), IdentityPoolID: set("us-east-1:id"),
		AuthRoleArn: set("arn:aws:iam::123:role/auth"), UnauthRoleArn: set("arn:aws:iam::123:role/unauth")}
	p := authProject(a, lambda("report", map[string]map[string][]string{"auth": {"pool": {"read"}}}))
	g := convertAuth(t, p, Options{Auth: AuthReference}, "report")
	res := fileText(g, authResourceFile)
	mustContain(t, res, "export const auth = referenceAuth({", "userPoolId: 'us-east-1_abc',", "userPoolClientId: 'web',",
		"groups: { Admin: 'arn:aws:iam::123:role/us-east-1_abc-AdminGroupRole' }", "allow.resource(report).to([")
	if g.files[userMigrationDir+"/resource.ts"] != nil {
		t.Error("reference mode must not generate the migration trigger")
	}
}

func TestAuthSignIn(t *testing.T) {
	cases := []struct {
		name                 string
		attrs, alias, verify []string
		username, email, ph  bool
	}{
		{"email", []string{"email"}, nil, []string{"email"}, false, true, false},
		{"email and phone", []string{"email", "phone_number"}, nil, nil, false, true, true},
		{"phone", []string{"phone_number"}, nil, []string{"phone_number"}, false, false, true},
		{"username", nil, nil, []string{"email"}, true, true, false},
		{"username with phone alias", nil, []string{"phone_number"}, nil, true, false, true},
		{"username, nothing verified", nil, nil, nil, true, true, false},
	}
	for _, c := range cases {
		a := &model.Auth{UsernameAttributes: set(c.attrs), AliasAttributes: set(c.alias), AutoVerifiedAttributes: set(c.verify)}
		si := (&authWriter{a: a}).signIn()
		if si.username != c.username || si.email != c.email || si.phone != c.ph {
			t.Errorf("%s: got %+v", c.name, si)
		}
	}
}

func TestCodeTemplate(t *testing.T) {
	got, ok := codeTemplate("Line `one`\n${x} code {####}!", "createCode")
	if !ok || string(got) != "`Line \\`one\\`\\n\\${x} code ${createCode()}!`" {
		t.Errorf("got %s", got)
	}
	if _, ok := codeTemplate("no code here", "c"); ok {
		t.Error("a message without {####} cannot become a code template")
	}
}

func TestSortedGroups(t *testing.T) {
	in := []model.UserPoolGroup{{Name: "c"}, {Name: "b", Precedence: 2, HasPrecedence: true}, {Name: "a", Precedence: 1, HasPrecedence: true}}
	var names []string
	for _, g := range sortedGroups(in) {
		names = append(names, g.Name)
	}
	if strings.Join(names, ",") != "a,b,c" {
		t.Errorf("order %v", names)
	}
}

func TestAuthPasswordPolicyAndGuestAccess(t *testing.T) {
	a := &model.Auth{
		UsernameAttributes:   set([]string{"email"}),
		PasswordMinLength:    set(14),
		PasswordCharacters:   set([]string{"Requires Uppercase", "Requires Symbols"}),
		AllowUnauthenticated: set(true),
	}
	g := convertAuth(t, authProject(a), Options{NoUserMigration: true})
	b := fileText(g, "amplify/backend.ts")
	mustContain(t, b, "minimumLength: 14,", "requireLowercase: false,", "requireUppercase: true,", "requireNumbers: false,",
		"requireSymbols: true,", "cfnIdentityPool.allowUnauthenticatedIdentities = true;")
	if f := findingsWith(g, "auth.user-migration"); len(f) != 1 || f[0].Level != model.Manual {
		t.Errorf("--no-user-migration finding: %+v", f)
	}
}

func TestAuthOwnUserMigrationKept(t *testing.T) {
	a := &model.Auth{UsernameAttributes: set([]string{"email"}),
		Triggers: []model.AuthTrigger{{Name: "UserMigration", Event: "UserMigration", Function: "poolUserMigration"}}}
	g := convertAuth(t, authProject(a, lambda("poolUserMigration", nil)), Options{}, "poolUserMigration")
	if g.files[userMigrationDir+"/handler.ts"] != nil {
		t.Error("the project's own UserMigration trigger must be kept, not replaced")
	}
	mustContain(t, fileText(g, authResourceFile), "userMigration: poolUserMigration")
}

func TestAuthMigrationIdentAvoidsCollisions(t *testing.T) {
	a := &model.Auth{UsernameAttributes: set([]string{"email"})}
	g := convertAuth(t, authProject(a, lambda("userMigration", nil)), Options{}, "userMigration")
	mustContain(t, fileText(g, userMigrationDir+"/resource.ts"), "export const gen1UserMigration = defineFunction({")
	mustContain(t, fileText(g, "amplify/backend.ts"), "gen1UserMigration,")
}

func TestTemplateTextStaysOnOneLine(t *testing.T) {
	p := ts.New()
	tpl, _ := codeTemplate("a\nb {####}", "c")
	p.Value("x(", ts.Arrow{Params: "c", Body: tpl}, ");")
	if strings.Count(p.String(), "\n") != 1 {
		t.Errorf("multi-line message broke the line: %q", p.String())
	}
}
