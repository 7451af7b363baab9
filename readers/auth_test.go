package readers

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/amplify-migrate/amplify-migrate/model"
)

// authFS builds a minimal Gen 1 project with one auth resource "pool".
func authFS(settingsFile, settings string, extra map[string]string) fstest.MapFS {
	fs := fstest.MapFS{
		"amplify/backend/backend-config.json": {Data: []byte(`{"auth": {"pool": {"service": "Cognito", "providerPlugin": "awscloudformation",
			"dependsOn": [{"category": "function", "resourceName": "poolPreSignup", "triggerProvider": "Cognito", "attributes": ["Arn"]},
			              {"category": "function", "resourceName": "poolVerifyAuthChallenge", "triggerProvider": "Cognito", "attributes": ["Arn"]}]}}}`)},
		"amplify/backend/auth/pool/" + settingsFile: {Data: []byte(settings)},
	}
	for k, v := range extra {
		fs[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return fs
}

func readAuthFS(t *testing.T, fs fstest.MapFS, env string) (*model.Resource, model.Diagnostics) {
	t.Helper()
	p, diags := ReadFS(fs, "amplify", Options{Env: env})
	if p == nil {
		t.Fatalf("no project: %v", diags)
	}
	r := p.Find("auth", "pool")
	if r == nil || r.Auth == nil {
		t.Fatalf("auth resource not read: %v", diags)
	}
	return r, diags
}

func TestReadAuthQuirks(t *testing.T) {
	r, diags := readAuthFS(t, authFS("cli-inputs.json", `{"version": "1", "cognitoConfig": {
		"usernameAttributes": ["email, phone_number"],
		"aliasAttributes": [],
		"usernameCaseSensitive": "true",
		"userpoolClientRefreshTokenValidity": "120",
		"passwordPolicyMinLength": "ten",
		"mfaConfiguration": "optional",
		"mfaTypes": ["SMS Text Message", "TOTP"],
		"triggers": "{\"PreSignup\": [\"email-filter-allowlist\"]}",
		"authTriggerConnections": ["{\"triggerType\":\"PreSignUp\",\"lambdaFunctionName\":\"poolPreSignup\"}"],
		"hostedUI": true,
		"authProvidersUserPool": ["Google"],
		"hostedUIProviderMeta": "[{\"ProviderName\":\"Google\",\"authorize_scopes\":\"openid email\",\"AttributeMapping\":{\"email\":\"email\",\"username\":\"sub\"}}]",
		"hostedUIProviderCreds": "[{\"ProviderName\":\"Google\",\"client_id\":\"id-in-repo\",\"client_secret\":\"very-secret-value\"}]",
		"oAuthMetadata": "{\"AllowedOAuthFlows\":[\"code\"],\"AllowedOAuthScopes\":[\"openid\"],\"CallbackURLs\":[\"https://a/\"],\"LogoutURLs\":[\"https://b/\"]}",
		"permissions": ["{\"policyName\":\"AddToGroupCognito\",\"trigger\":\"PostConfirmation\",\"effect\":\"Allow\",\"actions\":[\"cognito-idp:AdminAddUserToGroup\"],\"resource\":{\"paramType\":\"!GetAtt\",\"keys\":[\"UserPool\",\"Arn\"]}}"],
		"userPoolGrups": ["Admin"],
		"sharedId": "abc"
	}}`, nil), "")
	a := r.Auth
	if got := a.UsernameAttributes.Value; !reflect.DeepEqual(got, []string{"email", "phone_number"}) {
		t.Errorf("usernameAttributes = %q", got)
	}
	if !a.AliasAttributes.IsSet || len(a.AliasAttributes.Value) != 0 {
		t.Errorf("aliasAttributes = %+v, want set and empty", a.AliasAttributes)
	}
	if !a.UsernameCaseSensitive.IsSet || !a.UsernameCaseSensitive.Value {
		t.Errorf("usernameCaseSensitive = %+v", a.UsernameCaseSensitive)
	}
	if a.RefreshTokenValidity.Value != 120 {
		t.Errorf("refresh token validity = %d", a.RefreshTokenValidity.Value)
	}
	if a.PasswordMinLength.IsSet {
		t.Errorf("a non-number min length must not be set: %+v", a.PasswordMinLength)
	}
	if a.MFA.Value != "OPTIONAL" {
		t.Errorf("mfa = %q", a.MFA.Value)
	}
	if len(a.Triggers) != 2 {
		t.Fatalf("triggers = %+v", a.Triggers)
	}
	if tr := a.Triggers[0]; tr.Event != "PreSignUp" || tr.Function != "poolPreSignup" || tr.Name != "PreSignup" || tr.Inferred || !reflect.DeepEqual(tr.Modules, []string{"email-filter-allowlist"}) {
		t.Errorf("first trigger = %+v", tr)
	}
	if tr := a.Triggers[1]; tr.Event != "VerifyAuthChallengeResponse" || tr.Function != "poolVerifyAuthChallenge" || !tr.Inferred || tr.Pos.Path != "auth.pool.dependsOn.1" {
		t.Errorf("trigger from dependsOn = %+v", tr)
	}
	if len(a.Providers) != 1 || a.Providers[0].Type != "Google" || !reflect.DeepEqual(a.Providers[0].Scopes, []string{"openid", "email"}) ||
		len(a.Providers[0].AttributeMapping) != 2 || a.Providers[0].AttributeMapping[1] != (model.AttributeMap{UserPoolAttribute: "username", ProviderAttribute: "sub"}) {
		t.Errorf("providers = %+v", a.Providers)
	}
	if a.OAuth == nil || a.OAuth.CallbackURLs[0] != "https://a/" || a.OAuth.LogoutURLs[0] != "https://b/" {
		t.Errorf("oauth = %+v", a.OAuth)
	}
	if len(a.Credentials) != 2 || !a.Credentials[1].InRepo || a.Credentials[1].Field != "client_secret" {
		t.Errorf("credentials = %+v", a.Credentials)
	}
	if len(a.TriggerPermissions) != 1 || a.TriggerPermissions[0].Trigger != "PostConfirmation" || !a.TriggerPermissions[0].OnUserPool ||
		a.TriggerPermissions[0].Pos.Path != "cognitoConfig.permissions.0" {
		t.Errorf("trigger permissions = %+v", a.TriggerPermissions)
	}
	if len(a.Dropped) != 1 || a.Dropped[0].Key != "sharedId" {
		t.Errorf("dropped = %+v", a.Dropped)
	}
	if len(a.Unknown) != 1 || a.Unknown[0].Key != "userPoolGrups" {
		t.Errorf("unknown = %+v", a.Unknown)
	}
	var sawSuggestion, sawMinLength bool
	for _, d := range diags {
		if strings.Contains(d.Summary, `"userPoolGrups"`) && strings.Contains(d.Detail, `did you mean "userPoolGroups"`) {
			sawSuggestion = true
		}
		if strings.Contains(d.Summary, "passwordPolicyMinLength") && d.Pos.Line > 0 {
			sawMinLength = true
		}
	}
	if !sawSuggestion || !sawMinLength {
		t.Errorf("diagnostics lack the typo suggestion or the bad number: %+v", []model.Diagnostic(diags))
	}
	// The model never holds a credential value.
	data, _ := json.Marshal(a)
	if strings.Contains(string(data), "very-secret-value") || strings.Contains(string(data), "id-in-repo") {
		t.Errorf("the model holds a credential value: %s", data)
	}
}

func TestReadAuthPositions(t *testing.T) {
	r, _ := readAuthFS(t, authFS("cli-inputs.json", "{\n  \"version\": \"1\",\n  \"cognitoConfig\": {\n    \"mfaConfiguration\": \"OFF\"\n  }\n}\n", nil), "")
	want := model.Pos{File: "amplify/backend/auth/pool/cli-inputs.json", Line: 4, Col: 25, Path: "cognitoConfig.mfaConfiguration"}
	if r.Auth.MFA.Pos != want {
		t.Errorf("pos = %+v, want %+v", r.Auth.MFA.Pos, want)
	}
	if r.Auth.PasswordMinLength.IsSet || r.Auth.PasswordMinLength.Pos.Path != "cognitoConfig.passwordPolicyMinLength" {
		t.Errorf("a missing setting names where it would be: %+v", r.Auth.PasswordMinLength.Pos)
	}
}

func TestReadAuthLegacyAndEnvironment(t *testing.T) {
	fs := authFS("parameters.json", `{"usernameAttributes": ["email"], "triggers": "{}", "authSelections": "userPoolOnly",
		"passwordPolicyMinLength": 10, "mfaConfiguration": "BOGUS"}`, map[string]string{
		"amplify/team-provider-info.json": `{"dev": {"awscloudformation": {"Region": "eu-west-1", "AuthRoleArn": "arn:aws:iam::1:role/a", "UnauthRoleArn": "arn:aws:iam::1:role/u"},
			"categories": {"auth": {"pool": {"googleAppSecretUserPool": "tpi-secret", "facebookAppId": "fb-app"}}}}}`,
		"amplify/backend/amplify-meta.json": `{"auth": {"pool": {"output": {"UserPoolId": "eu-west-1_abc", "AppClientIDWeb": "web", "IdentityPoolId": "eu-west-1:x"}}}}`,
	})
	r, diags := readAuthFS(t, fs, "dev")
	a := r.Auth
	if !a.Legacy || a.Source != "amplify/backend/auth/pool/parameters.json" {
		t.Errorf("legacy = %v, source = %q", a.Legacy, a.Source)
	}
	if a.Selection.Value != "userPoolOnly" || a.PasswordMinLength.Value != 10 {
		t.Errorf("selection %q, min length %d", a.Selection.Value, a.PasswordMinLength.Value)
	}
	if a.MFA.IsSet {
		t.Errorf("an invalid MFA mode must not be set")
	}
	if a.Deployed.UserPoolID.Value != "eu-west-1_abc" || a.Deployed.UserPoolID.Pos.File != "amplify/backend/amplify-meta.json" ||
		a.Deployed.AuthRoleArn.Value != "arn:aws:iam::1:role/a" || a.Deployed.AuthRoleArn.Pos.Path != "dev.awscloudformation.AuthRoleArn" {
		t.Errorf("deployed = %+v", a.Deployed)
	}
	if len(a.Federation) != 1 || a.Federation[0].Domain != "graph.facebook.com" || a.Federation[0].AppID != "fb-app" {
		t.Errorf("federation = %+v", a.Federation)
	}
	if len(a.Credentials) != 1 || a.Credentials[0].Provider != "Google" || a.Credentials[0].Pos.File != "amplify/team-provider-info.json" {
		t.Errorf("credentials = %+v", a.Credentials)
	}
	found := false
	for _, d := range diags {
		found = found || strings.Contains(d.Summary, "BOGUS")
	}
	if !found {
		t.Errorf("no diagnostic for the bad MFA mode: %+v", []model.Diagnostic(diags))
	}
}

func TestReadImportedAuth(t *testing.T) {
	fs := fstest.MapFS{
		"amplify/backend/backend-config.json": {Data: []byte(`{"auth": {"pool": {"service": "Cognito", "serviceType": "imported"}}}`)},
		"amplify/team-provider-info.json": {Data: []byte(`{"dev": {"awscloudformation": {}, "categories": {"auth": {"pool": {
			"userPoolId": "us-west-2_imp", "webClientId": "web", "nativeClientId": "native", "identityPoolId": "us-west-2:id",
			"authRoleArn": "arn:aws:iam::2:role/auth", "unauthRoleArn": "arn:aws:iam::2:role/unauth"}}}}}`)},
	}
	r, diags := readAuthFS(t, fs, "dev")
	if diags.HasErrors() {
		t.Fatalf("imported auth without a folder is not an error: %v", diags)
	}
	im := r.Auth.Imported
	if im == nil || im.IDs.UserPoolID.Value != "us-west-2_imp" || im.IDs.AuthRoleArn.Value != "arn:aws:iam::2:role/auth" ||
		im.Region.Value != "us-west-2" || im.IDs.IdentityPoolID.Pos.Path != "dev.categories.auth.pool.identityPoolId" {
		t.Errorf("imported = %+v", im)
	}
}

func TestReadUserPoolGroups(t *testing.T) {
	fs := fstest.MapFS{
		"amplify/backend/backend-config.json": {Data: []byte(`{"auth": {"userPoolGroups": {"service": "Cognito-UserPool-Groups"}}}`)},
		"amplify/backend/auth/userPoolGroups/user-pool-group-precedence.json": {Data: []byte(`[
			{"groupName": "Admin", "precedence": 2, "customPolicies": [{"PolicyName": "p", "PolicyDocument": {}}]},
			{"groupName": "Admin", "precedence": 1},
			{"precedence": 3},
			{"groupName": "Users", "precedence": "x"},
			{"groupName": "Staff", "precedence": "1"}]`)},
		"amplify/backend/amplify-meta.json": {Data: []byte(`{"auth": {"userPoolGroups": {"output": {"AdminGroupRole": "arn:aws:iam::1:role/admin"}}}}`)},
	}
	p, diags := ReadFS(fs, "amplify", Options{})
	g := p.Find("auth", "userPoolGroups").UserPoolGroups
	if len(g.Groups) != 3 {
		t.Fatalf("groups = %+v", g.Groups)
	}
	if a := g.Groups[0]; a.Name != "Admin" || a.Precedence != 2 || len(a.CustomPolicies) != 1 || a.RoleArn.Value != "arn:aws:iam::1:role/admin" {
		t.Errorf("admin = %+v", a)
	}
	if u := g.Groups[1]; u.Name != "Users" || u.HasPrecedence {
		t.Errorf("users = %+v", u)
	}
	if s := g.Groups[2]; s.Precedence != 1 || !s.HasPrecedence {
		t.Errorf("staff = %+v", s)
	}
	if len(diags) != 3 {
		t.Errorf("want warnings for the duplicate, the nameless group and the bad precedence, got %+v", []model.Diagnostic(diags))
	}
}

// FuzzReadAuth feeds arbitrary cognitoConfig JSON to the reader: it must
// never panic.
func FuzzReadAuth(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "testdata", "cases", "auth-*", "amplify", "backend", "auth", "*", "cli-inputs.json"))
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(string(data))
		}
	}
	f.Add(`{"cognitoConfig": {"triggers": "[", "permissions": [1, "{"], "hostedUIProviderMeta": 5, "usernameAttributes": {}}}`)
	f.Fuzz(func(t *testing.T, settings string) {
		fs := authFS("cli-inputs.json", settings, map[string]string{
			"amplify/backend/auth/userPoolGroups/user-pool-group-precedence.json": settings,
		})
		ReadFS(fs, "amplify", Options{})
	})
}

// TestCorpusAuthSettingsKnown reads every auth resource of the shared
// corpus: each setting must be read by a typed field or be known CLI
// bookkeeping, so that nothing a real project holds goes unreported.
func TestCorpusAuthSettingsKnown(t *testing.T) {
	dir := os.Getenv("AMPLIFY_MIGRATE_CORPUS")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "corpus")
	}
	projects, _ := filepath.Glob(filepath.Join(dir, "*", "amplify"))
	if len(projects) == 0 {
		t.Skip("no corpus")
	}
	n := 0
	for _, amp := range projects {
		p, _ := Read(filepath.Dir(amp), Options{})
		if p == nil {
			continue
		}
		for _, r := range p.ByService("auth", "Cognito") {
			n++
			if r.Auth == nil {
				t.Errorf("%s: auth not read", amp)
				continue
			}
			for _, u := range r.Auth.Unknown {
				t.Errorf("%s: unknown auth setting %s", amp, u.Key)
			}
		}
	}
	if n < 20 {
		t.Errorf("read %d auth resources, the corpus has more", n)
	}
}
