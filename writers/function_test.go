package writers

import (
	"strings"
	"testing"

	"github.com/amplify-migrate/amplify-migrate/model"
)

func TestConvertSchedule(t *testing.T) {
	tests := []struct {
		in      string
		timeout int
		gen2    string
		rule    string
		bad     bool
	}{
		{in: "rate(5 minutes)", timeout: 25, gen2: "every 5m"},
		{in: "rate(1 minute)", timeout: 25, gen2: "every 1m"},
		{in: "rate(60 minutes)", timeout: 25, gen2: "every 1h"},
		{in: "rate(7 minutes)", timeout: 25, rule: "rate(7 minutes)"},   // */7 would restart every hour
		{in: "rate(90 minutes)", timeout: 25, rule: "rate(90 minutes)"}, // more than an hour
		{in: "rate(5 minutes)", timeout: 900, rule: "rate(5 minutes)"},  // Gen 2 rejects rates under the timeout
		{in: "rate(6 hours)", timeout: 25, gen2: "every 6h"},
		{in: "rate(5 hours)", timeout: 25, rule: "rate(5 hours)"},
		{in: "rate(1 day)", timeout: 25, gen2: "every day"},
		{in: "rate(3 days)", timeout: 25, rule: "rate(3 days)"},
		{in: "cron(0 12 * * ? *)", timeout: 25, gen2: "0 12 * * ? *"},
		{in: "cron(30  6 * * ? *)", timeout: 25, gen2: "30 6 * * ? *"},
		{in: "cron(0 9 ? * MON-FRI *)", timeout: 25, rule: "cron(0 9 ? * MON-FRI *)"},
		{in: "cron(0 9 ? * 2-6 *)", timeout: 25, gen2: "0 9 ? * 2-6 *"},
		{in: "cron(0 18 L * ? *)", timeout: 25, rule: "cron(0 18 L * ? *)"},
		{in: "every day", timeout: 25, bad: true},
		{in: "cron(0 12 * *)", timeout: 25, bad: true},
	}
	for _, tt := range tests {
		got := convertSchedule(tt.in, tt.timeout)
		if got.gen2 != tt.gen2 || got.rule != tt.rule || (got.bad != "") != tt.bad {
			t.Errorf("convertSchedule(%q, %d) = %+v, want gen2 %q rule %q bad %v", tt.in, tt.timeout, got, tt.gen2, tt.rule, tt.bad)
		}
	}
}

func TestValidateGen2Cron(t *testing.T) {
	ok := []string{"0 12 * * ? *", "*/5 * * * ? *", "0 0 1,15 * ? *", "0 8 ? * 1-5 *", "15 10 ? * 6 2030"}
	bad := []string{"0 12 * * * *", "60 0 * * ? *", "0 9 ? * MON *", "0 0 1-5,10 * ? *", "0 0 L * ? *"}
	for _, c := range ok {
		if errs := validateGen2Cron(c); len(errs) > 0 {
			t.Errorf("%q: %v", c, errs)
		}
	}
	for _, c := range bad {
		if errs := validateGen2Cron(c); len(errs) == 0 {
			t.Errorf("%q: accepted", c)
		}
	}
}

func TestRuntimes(t *testing.T) {
	for in, want := range map[string]int{"nodejs14.x": 22, "nodejs18.x": 22, "nodejs20.x": 20, "nodejs22.x": 22, "nodejs24.x": 24, "": 22} {
		if got, _ := nodeRuntime(in); got != want {
			t.Errorf("nodeRuntime(%q) = %d, want %d", in, got, want)
		}
	}
	for _, tt := range []struct{ family, in, want string }{
		{"python", "python3.8", "Runtime.PYTHON_3_12"},
		{"python", "python3.11", "Runtime.PYTHON_3_11"},
		{"java", "java11", "Runtime.JAVA_11"},
		{"java", "java8", "Runtime.JAVA_8_CORRETTO"},
		{"go", "go1.x", "Runtime.PROVIDED_AL2023"},
		{"dotnet", "dotnet6", "Runtime.DOTNET_8"},
		{"dotnet", "dotnet8", "Runtime.DOTNET_8"},
	} {
		if got, _ := cdkRuntime(tt.family, tt.in); got != tt.want {
			t.Errorf("cdkRuntime(%q, %q) = %s, want %s", tt.family, tt.in, got, tt.want)
		}
	}
}

func TestSecretLike(t *testing.T) {
	for name, want := range map[string]bool{
		"OPENAI_API_KEY": true, "PAYPAL_SECRET": true, "WEBHOOK_TOKEN": true, "dbPassword": true, "STRIPE_KEY": false,
		"API_KEY_HEADER": false, "TOKEN_URL": false, "PAYPAL_CLIENT_ID": false, "AWS_ACCESS_KEY": true, "CLIENT_SECRET2": true,
	} {
		if got := isSecretLike(name); got != want {
			t.Errorf("isSecretLike(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestStackGraphPlacement checks the placement rule that keeps stacks from
// depending on each other: data and storage use the user pool, and defineAuth
// access to a function makes auth depend on the function's stack, so that
// function can refer to neither auth nor data directly.
func TestStackGraphPlacement(t *testing.T) {
	g := newStackGraph()
	g.add(groupData, groupAuth)
	g.add(groupStorage, groupAuth)
	g.add(groupAuth, groupFunction) // defineAuth access for a function
	if g.canRefer(groupFunction, []string{groupData}) {
		t.Error("function -> data would close function -> data -> auth -> function")
	}
	if g.canRefer(groupFunction, []string{groupAuth}) {
		t.Error("function -> auth would close auth -> function -> auth")
	}
	if !g.canRefer(groupFunction, []string{groupTables, groupLayers}) {
		t.Error("function -> storage tables and layers never close a cycle")
	}
	if !g.canRefer(groupData, []string{groupFunction}) {
		t.Error("data -> function (a policy in the data stack) is acyclic")
	}
	// An auth trigger that reads a model table (amplify-backend#3286).
	g2 := newStackGraph()
	g2.add(groupData, groupAuth)
	if g2.canRefer(groupAuth, []string{groupData}) {
		t.Error("auth -> data closes data -> auth")
	}
}

// TestWireFunctionsAvoidsCycles builds a project by hand: an auth trigger
// and a function with defineAuth access, both naming a model table, and
// checks that the conversion passes the values through SSM and places the
// table grants in the data stack instead of making stacks depend on each
// other.
func TestWireFunctionsAvoidsCycles(t *testing.T) {
	tableName := model.CfnValue{Parts: []model.ValuePart{{Kind: model.PartRef, Ref: model.AttrRef{Category: "api", Resource: "api1", Attribute: "Name", Model: "Todo"}}}}
	tableArn := model.CfnValue{Parts: []model.ValuePart{
		{Kind: model.PartText, Text: "arn:aws:dynamodb:"}, {Kind: model.PartPseudo, Text: "AWS::Region"}, {Kind: model.PartText, Text: ":"},
		{Kind: model.PartPseudo, Text: "AWS::AccountId"}, {Kind: model.PartText, Text: ":table/"},
		{Kind: model.PartRef, Ref: model.AttrRef{Category: "api", Resource: "api1", Attribute: "Name", Model: "Todo"}}}}
	fn := func(name string, perms map[string]map[string][]string, trigger *model.TriggerInfo) *model.Resource {
		return &model.Resource{Category: "function", Name: name, Service: "Lambda", Dir: "amplify/backend/function/" + name,
			Function: &model.Function{RuntimeFamily: "nodejs", Runtime: "nodejs20.x", Handler: "index.handler", TimeoutSeconds: 25,
				Template: "t.json", SourceDir: "amplify/backend/function/" + name + "/src", Permissions: perms, Trigger: trigger,
				Env: []model.EnvVar{{Name: "TODO_TABLE", Value: tableName}},
				Policies: []model.PolicyStatement{{Source: "template policy AmplifyResourcesPolicy", Generated: true, Effect: "Allow",
					Actions: []string{"dynamodb:GetItem"}, Resources: []model.CfnValue{tableArn}}},
				Positions: map[string]model.Pos{}}}
	}
	p := &model.Project{Resources: []*model.Resource{
		{Category: "api", Name: "api1", Service: "AppSync", GraphQL: &model.GraphQLAPI{Models: []string{"Todo"}}},
		{Category: "auth", Name: "auth1", Service: "Cognito", Auth: &model.Auth{}},
		fn("admin", map[string]map[string][]string{"auth": {"auth1": {"read"}}}, nil),
		fn("auth1PostConfirmation", nil, &model.TriggerInfo{Auth: "auth1", Event: "PostConfirmation"}),
	}}
	g := newGen(p, Options{})
	g.planFunctions()
	if g.functions["auth1PostConfirmation"].Group != groupAuth || g.functions["admin"].Group != "" {
		t.Fatalf("groups: %+v %+v", g.functions["auth1PostConfirmation"], g.functions["admin"])
	}
	if err := g.writeFunctions(); err != nil {
		t.Fatal(err)
	}
	g.backend.Resource(OrderAuth, "auth", "auth", "./auth/resource")
	g.backend.Resource(OrderData, "data", "data", "./data/resource")
	if err := g.wireFunctions(); err != nil {
		t.Fatal(err)
	}
	backend := string(g.backend.print().Bytes())
	for _, want := range []string{
		"backend.admin.addEnvironment(\n  'TODO_TABLE',\n  ssmValue(backend.data.stack, 'admin-TODO_TABLE', backend.data.resources.tables['Todo'].tableName)\n);",
		"ssmValue(\n    backend.data.stack,\n    'auth1PostConfirmation-TODO_TABLE',",
		"backend.auth1PostConfirmation.resources.lambda.role?.attachInlinePolicy(new Policy(\n  backend.data.stack,",
		"resources: [backend.data.resources.tables['Todo'].tableArn],",
	} {
		if !strings.Contains(backend, want) {
			t.Errorf("backend.ts lacks\n%s\n---\n%s", want, backend)
		}
	}
	if strings.Contains(backend, "addToRolePolicy") {
		t.Errorf("a grant was placed in the function's stack:\n%s", backend)
	}
}
