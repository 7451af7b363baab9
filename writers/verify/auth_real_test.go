package verify_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers"
	"github.com/amplify-migrate/amplify-migrate/writers/verify"
)

// TestAuthMatchesGen1 converts every corpus and testdata project with auth
// (and the auth golden cases, with their options), type-checks and
// synthesizes them, and checks the synthesized Cognito resources against the
// Gen 1 settings read here, independently of the readers package.
func TestAuthMatchesGen1(t *testing.T) {
	s := verify.Shared(t)
	var gs []*verify.Gen2
	truths := map[*verify.Gen2]*gen1Auth{}
	for _, pr := range authProjects(t) {
		truth := readGen1Auth(t, pr.Dir)
		if truth == nil {
			continue
		}
		opts := authCaseOptions(t, pr.Dir)
		g := s.Convert(t, pr, opts)
		gs = append(gs, g)
		truths[g] = truth
	}
	if len(gs) < 20 {
		t.Fatalf("only %d projects with auth; the corpus and cases have more", len(gs))
	}
	errs, err := s.TypeCheckAll(context.Background(), gs)
	if err != nil {
		t.Fatal(err)
	}
	// Errors in other categories' files are TestConvertedProjectsBuild's to report.
	for name, msg := range errs {
		for _, line := range strings.Split(msg, "\n") {
			if strings.Contains(line, "amplify/auth/") || strings.Contains(line, "amplify/backend.ts") {
				t.Errorf("tsc %s: %s", name, line)
			}
		}
	}
	for _, g := range gs {
		g := g
		t.Run(g.Name, func(t *testing.T) {
			t.Parallel()
			asm := s.Synth(t, g)
			truth := truths[g]
			switch {
			case truth.imported:
				checkImported(t, g, asm, truth)
			case g.Options.Auth == writers.AuthReference:
				checkReferenced(t, g, asm, truth)
			default:
				checkDefined(t, g, asm, truth)
			}
			checkNoSecrets(t, g, asm, truth)
		})
	}
}

// authProjects are the projects to check: the bundled testdata, the
// corpus, and the auth golden cases.
func authProjects(t *testing.T) []verify.Project {
	ps := allProjects(t)
	cases, _ := filepath.Glob(filepath.Join(verify.RepoRoot(), "testdata", "cases", "auth-*"))
	for _, c := range cases {
		ps = append(ps, verify.Project{Name: filepath.Base(c), Dir: c})
	}
	return ps
}

// authCaseOptions reads a golden case's options.json.
func authCaseOptions(t *testing.T, dir string) writers.Options {
	data, err := os.ReadFile(filepath.Join(dir, "options.json"))
	if err != nil {
		return writers.Options{}
	}
	var co struct {
		Auth            string `json:"auth"`
		NoUserMigration bool   `json:"noUserMigration"`
	}
	if err := json.Unmarshal(data, &co); err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	return writers.Options{Auth: writers.AuthMode(co.Auth), NoUserMigration: co.NoUserMigration}
}

// gen1Auth is what the Gen 1 files say about the project's auth.
type gen1Auth struct {
	name, env string
	imported  bool
	cfg       map[string]any // cognitoConfig or parameters.json
	tpi       map[string]any // team-provider-info <env>.categories.auth.<name>
	meta      map[string]any // amplify-meta auth.<name>.output
	groups    []gen1Group
	hasGroups bool
	secrets   []string
}

type gen1Group struct {
	name       string
	precedence *int
}

func readJSON(path string) (map[string]any, bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, false
	}
	var m map[string]any
	if json.Unmarshal(data, &m) != nil {
		return nil, false
	}
	return m, true
}

func dig(m map[string]any, keys ...string) any {
	var v any = m
	for _, k := range keys {
		mm, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = mm[k]
	}
	return v
}

// readGen1Auth reads the project's Cognito resource, or nil when it has none.
func readGen1Auth(t *testing.T, dir string) *gen1Auth {
	bc, ok := readJSON(filepath.Join(dir, "amplify", "backend", "backend-config.json"))
	if !ok {
		return nil
	}
	auths, _ := bc["auth"].(map[string]any)
	var names []string
	for n := range auths {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		e, _ := auths[n].(map[string]any)
		if e["service"] != "Cognito" {
			continue
		}
		a := &gen1Auth{name: n, env: verify.DefaultEnv(dir), imported: e["serviceType"] == "imported"}
		rdir := filepath.Join(dir, "amplify", "backend", "auth", n)
		if ci, ok := readJSON(filepath.Join(rdir, "cli-inputs.json")); ok {
			a.cfg, _ = ci["cognitoConfig"].(map[string]any)
		} else if p, ok := readJSON(filepath.Join(rdir, "parameters.json")); ok {
			a.cfg = p
		}
		if a.cfg == nil {
			a.cfg = map[string]any{}
		}
		if tpi, ok := readJSON(filepath.Join(dir, "amplify", "team-provider-info.json")); ok {
			a.tpi, _ = dig(tpi, a.env, "categories", "auth", n).(map[string]any)
		}
		if meta, ok := readJSON(filepath.Join(dir, "amplify", "backend", "amplify-meta.json")); ok {
			a.meta, _ = dig(meta, "auth", n, "output").(map[string]any)
		}
		if data, err := os.ReadFile(filepath.Join(dir, "amplify", "backend", "auth", "userPoolGroups", "user-pool-group-precedence.json")); err == nil {
			var gs []map[string]any
			if json.Unmarshal(data, &gs) == nil {
				a.hasGroups = true
				seen := map[string]bool{}
				for _, g := range gs {
					name, _ := g["groupName"].(string)
					if name == "" || seen[name] {
						continue
					}
					seen[name] = true
					grp := gen1Group{name: name}
					if n, ok := number(g["precedence"]); ok {
						grp.precedence = &n
					}
					a.groups = append(a.groups, grp)
				}
			}
		}
		if !a.hasGroups {
			for _, g := range list(a.cfg["userPoolGroupList"]) {
				a.groups = append(a.groups, gen1Group{name: g})
			}
		}
		a.secrets = providerSecrets(dir)
		return a
	}
	return nil
}

// list reads a Gen 1 list: an array of strings, possibly comma-joined.
func list(v any) []string {
	var out []string
	add := func(s string) {
		for _, p := range strings.Split(s, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	switch x := v.(type) {
	case []any:
		for _, it := range x {
			if s, ok := it.(string); ok {
				add(s)
			}
		}
	case string:
		add(x)
	}
	return out
}

func number(v any) (int, bool) {
	switch x := v.(type) {
	case float64:
		return int(x), true
	case string:
		n, err := strconv.Atoi(strings.TrimSpace(x))
		return n, err == nil
	}
	return 0, false
}

func boolean(v any) (bool, bool) {
	switch x := v.(type) {
	case bool:
		return x, true
	case string:
		b, err := strconv.ParseBool(x)
		return b, err == nil
	}
	return false, false
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// jsonOrString decodes a value Gen 1 stores as JSON or as a string of JSON.
func jsonOrString(v any) any {
	if s, ok := v.(string); ok {
		var out any
		if json.Unmarshal([]byte(s), &out) == nil {
			return out
		}
		return nil
	}
	return v
}

func (a *gen1Auth) get(key string) any {
	if v, ok := a.cfg[key]; ok && v != nil {
		return v
	}
	if a.tpi != nil {
		return a.tpi[key]
	}
	return nil
}

func sortedSet(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		s = strings.ToLower(s)
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

func equalSets(a, b []string) bool {
	return strings.Join(sortedSet(a), ",") == strings.Join(sortedSet(b), ",")
}

func cfnStrings(v any) []string {
	var out []string
	if arr, ok := v.([]any); ok {
		for _, it := range arr {
			if s, ok := it.(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

// one returns the only resource of a type, failing when there is not exactly one.
func one(t *testing.T, asm *verify.Assembly, typ string) verify.Found {
	t.Helper()
	rs := asm.ResourcesOfType(typ)
	if len(rs) != 1 {
		t.Fatalf("want one %s, got %d", typ, len(rs))
	}
	return rs[0]
}

// clients returns the web and native app clients of the defined pool.
func clients(t *testing.T, asm *verify.Assembly) (web, native *verify.Found) {
	t.Helper()
	for _, c := range asm.ResourcesOfType("AWS::Cognito::UserPoolClient") {
		c := c
		switch {
		case strings.Contains(c.LogicalID, "NativeAppClient"):
			native = &c
		case strings.Contains(c.LogicalID, "UserPoolAppClient"):
			web = &c
		}
	}
	if web == nil || native == nil {
		t.Fatalf("want the web and the native app client, got web=%v native=%v", web != nil, native != nil)
	}
	return web, native
}

func checkDefined(t *testing.T, g *verify.Gen2, asm *verify.Assembly, a *gen1Auth) {
	ip := one(t, asm, "AWS::Cognito::IdentityPool")
	allow, known := boolean(a.get("allowUnauthenticatedIdentities"))
	if sel := str(a.get("authSelections")); sel == "userPoolOnly" || !known {
		allow = false
		if sel == "identityPoolOnly" && !known {
			allow = true
		}
	}
	if got := ip.Properties["AllowUnauthenticatedIdentities"]; got != allow {
		t.Errorf("identity pool guest access = %v, Gen 1 %v", got, allow)
	}
	if str(a.get("authSelections")) == "identityPoolOnly" {
		return
	}
	up := one(t, asm, "AWS::Cognito::UserPool")
	props := up.Properties

	// Password policy.
	pp, _ := dig(props, "Policies", "PasswordPolicy").(map[string]any)
	minLen, ok := number(a.get("passwordPolicyMinLength"))
	if !ok {
		minLen = 8
	}
	chars := strings.ToLower(strings.Join(list(a.get("passwordPolicyCharacters")), " "))
	for key, want := range map[string]any{
		"MinimumLength":    float64(minLen),
		"RequireLowercase": strings.Contains(chars, "lowercase"),
		"RequireUppercase": strings.Contains(chars, "uppercase"),
		"RequireNumbers":   strings.Contains(chars, "number"),
		"RequireSymbols":   strings.Contains(chars, "symbol"),
	} {
		if pp[key] != want {
			t.Errorf("password policy %s = %v, Gen 1 %v", key, pp[key], want)
		}
	}

	// Sign-in.
	usernameAttrs := list(a.get("usernameAttributes"))
	if !equalSets(cfnStrings(props["UsernameAttributes"]), usernameAttrs) {
		t.Errorf("UsernameAttributes = %v, Gen 1 usernameAttributes %v", props["UsernameAttributes"], usernameAttrs)
	}
	if len(usernameAttrs) == 0 && !equalSets(cfnStrings(props["AliasAttributes"]), list(a.get("aliasAttributes"))) {
		t.Errorf("AliasAttributes = %v, Gen 1 %v", props["AliasAttributes"], a.get("aliasAttributes"))
	}
	caseSensitive, ok := boolean(a.get("usernameCaseSensitive"))
	if !ok {
		caseSensitive = true // pools created without UsernameConfiguration are case sensitive
	}
	if got := dig(props, "UsernameConfiguration", "CaseSensitive"); got != caseSensitive {
		t.Errorf("CaseSensitive = %v, Gen 1 %v", got, caseSensitive)
	}

	// Attributes.
	var required []string
	schema := map[string]map[string]any{}
	for _, at := range props["Schema"].([]any) {
		m := at.(map[string]any)
		schema[str(m["Name"])] = m
		if m["Required"] == true {
			required = append(required, str(m["Name"]))
		}
	}
	var gen1Required []string
	for _, r := range list(a.get("requiredAttributes")) {
		if !strings.HasPrefix(r, "custom:") {
			gen1Required = append(gen1Required, r)
		}
	}
	if !equalSets(required, gen1Required) {
		t.Errorf("required attributes %v, Gen 1 %v", required, gen1Required)
	}
	for _, at := range append(list(a.get("userpoolClientReadAttributes")), list(a.get("userpoolClientWriteAttributes"))...) {
		if name := strings.TrimPrefix(at, "custom:"); name != at && schema[name] == nil {
			t.Errorf("custom attribute %s is missing from the pool's schema", at)
		}
	}
	checkTemplateSchema(t, g, a, schema)
	if !equalSets(cfnStrings(props["AutoVerifiedAttributes"]), list(a.get("autoVerifiedAttributes"))) {
		t.Errorf("AutoVerifiedAttributes = %v, Gen 1 %v", props["AutoVerifiedAttributes"], a.get("autoVerifiedAttributes"))
	}

	// Messages.
	verified := list(a.get("autoVerifiedAttributes"))
	emailLogin := equalSets(usernameAttrs, []string{"email"}) || strings.Contains(strings.Join(usernameAttrs, ","), "email")
	if subj := str(a.get("emailVerificationSubject")); subj != "" && (emailLogin || slices.Contains(verified, "email")) {
		if got := dig(props, "VerificationMessageTemplate", "EmailSubject"); got != subj {
			t.Errorf("verification email subject %v, Gen 1 %q", got, subj)
		}
	}
	if body := str(a.get("emailVerificationMessage")); strings.Contains(body, "{####}") && (emailLogin || slices.Contains(verified, "email")) {
		if got := dig(props, "VerificationMessageTemplate", "EmailMessage"); got != body {
			t.Errorf("verification email body %v, Gen 1 %q", got, body)
		}
	}
	if sms := str(a.get("smsVerificationMessage")); strings.Contains(sms, "{####}") {
		if got := dig(props, "VerificationMessageTemplate", "SmsMessage"); got != sms {
			t.Errorf("verification SMS %v, Gen 1 %q", got, sms)
		}
	}

	// MFA.
	mfa := strings.ToUpper(str(a.get("mfaConfiguration")))
	if mfa != "" {
		if got := props["MfaConfiguration"]; got != mfa {
			t.Errorf("MfaConfiguration = %v, Gen 1 %s", got, mfa)
		}
		if mfa != "OFF" {
			var want []string
			for _, typ := range list(a.get("mfaTypes")) {
				switch {
				case strings.Contains(strings.ToLower(typ), "sms"):
					want = append(want, "SMS_MFA")
				case strings.Contains(strings.ToLower(typ), "totp"):
					want = append(want, "SOFTWARE_TOKEN_MFA")
				}
			}
			if !equalSets(cfnStrings(props["EnabledMfas"]), want) {
				t.Errorf("EnabledMfas = %v, Gen 1 %v", props["EnabledMfas"], a.get("mfaTypes"))
			}
			if msg := str(a.get("smsAuthenticationMessage")); slices.Contains(want, "SMS_MFA") && strings.Contains(msg, "{####}") && props["SmsAuthenticationMessage"] != msg {
				t.Errorf("MFA SMS = %v, Gen 1 %q", props["SmsAuthenticationMessage"], msg)
			}
		}
	}

	// App clients.
	web, native := clients(t, asm)
	for _, c := range []*verify.Found{web, native} {
		if r := list(a.get("userpoolClientReadAttributes")); len(r) > 0 && !equalSets(cfnStrings(c.Properties["ReadAttributes"]), r) {
			t.Errorf("%s ReadAttributes = %v, Gen 1 %v", c.LogicalID, c.Properties["ReadAttributes"], r)
		}
		if w := list(a.get("userpoolClientWriteAttributes")); len(w) > 0 && !equalSets(cfnStrings(c.Properties["WriteAttributes"]), w) {
			t.Errorf("%s WriteAttributes = %v, Gen 1 %v", c.LogicalID, c.Properties["WriteAttributes"], w)
		}
		if days, ok := number(a.get("userpoolClientRefreshTokenValidity")); ok {
			if got := refreshDays(c.Properties); got != days {
				t.Errorf("%s refresh token validity %v days, Gen 1 %d", c.LogicalID, got, days)
			}
		}
	}
	secret, _ := boolean(a.get("userpoolClientGenerateSecret"))
	if got := native.Properties["GenerateSecret"] == true; got != secret {
		t.Errorf("native client GenerateSecret = %v, Gen 1 %v", got, secret)
	}
	if providers, _ := ip.Properties["CognitoIdentityProviders"].([]any); len(providers) != 2 {
		t.Errorf("identity pool providers = %d, want the web and native clients", len(providers))
	}

	// Hosted UI and providers.
	checkHostedUI(t, asm, a, web, emailLogin && !strings.Contains(strings.Join(usernameAttrs, ","), "phone"))

	// Groups.
	checkGroups(t, asm, a)

	// Triggers.
	checkTriggers(t, g, props, a)
}

// refreshDays reads a client's refresh token validity in days.
func refreshDays(props map[string]any) int {
	n, _ := number(props["RefreshTokenValidity"])
	switch str(dig(props, "TokenValidityUnits", "RefreshToken")) {
	case "minutes":
		return n / (60 * 24)
	case "hours":
		return n / 24
	}
	return n
}

// checkTemplateSchema compares custom attributes with the Gen 1
// CloudFormation template's schema, when the project has one.
func checkTemplateSchema(t *testing.T, g *verify.Gen2, a *gen1Auth, schema map[string]map[string]any) {
	tpl, ok := readJSON(filepath.Join(g.Gen1.Root, "amplify", "backend", "auth", a.name, "build", a.name+"-cloudformation-template.json"))
	if !ok {
		return
	}
	res, _ := tpl["Resources"].(map[string]any)
	for _, r := range res {
		rm, _ := r.(map[string]any)
		if rm["Type"] != "AWS::Cognito::UserPool" {
			continue
		}
		attrs, _ := dig(rm, "Properties", "Schema").([]any)
		for _, at := range attrs {
			m := at.(map[string]any)
			name := str(m["Name"])
			dt := str(m["AttributeDataType"])
			if dt == "" {
				continue
			}
			got := schema[name]
			if got == nil {
				t.Errorf("custom attribute %s (%s) is missing", name, dt)
				continue
			}
			if got["AttributeDataType"] != dt || got["Mutable"] != m["Mutable"] {
				t.Errorf("custom attribute %s = %v, Gen 1 %v", name, got, m)
			}
			for _, c := range []string{"StringAttributeConstraints", "NumberAttributeConstraints"} {
				if want, ok := m[c].(map[string]any); ok {
					for k, v := range want {
						if fmt.Sprint(dig(got, c, k)) != fmt.Sprint(v) {
							t.Errorf("custom attribute %s %s.%s = %v, Gen 1 %v", name, c, k, dig(got, c, k), v)
						}
					}
				}
			}
		}
	}
}

// checkHostedUI compares the hosted UI, its OAuth settings and identity
// providers.
func checkHostedUI(t *testing.T, asm *verify.Assembly, a *gen1Auth, web *verify.Found, gen2MapsEmail bool) {
	hosted, ok := boolean(a.get("hostedUI"))
	oauth, _ := jsonOrString(a.get("oAuthMetadata")).(map[string]any)
	if !ok {
		hosted = oauth != nil
	}
	domains := asm.ResourcesOfType("AWS::Cognito::UserPoolDomain")
	if !hosted || oauth == nil {
		if web.Properties["AllowedOAuthFlowsUserPoolClient"] == true {
			t.Errorf("Gen 1 had no hosted UI, but the web client has OAuth on")
		}
		if len(domains) != 0 {
			t.Errorf("Gen 1 had no hosted UI, but the pool has a domain")
		}
		return
	}
	if len(domains) != 1 {
		t.Errorf("want the hosted UI domain, got %d", len(domains))
	}
	for _, k := range []string{"CallbackURLs", "LogoutURLs", "AllowedOAuthFlows"} {
		if !equalSets(cfnStrings(web.Properties[k]), list(oauth[k])) {
			t.Errorf("web client %s = %v, Gen 1 %v", k, web.Properties[k], oauth[k])
		}
	}
	if !equalSets(cfnStrings(web.Properties["AllowedOAuthScopes"]), list(oauth["AllowedOAuthScopes"])) {
		t.Errorf("web client scopes %v, Gen 1 %v", web.Properties["AllowedOAuthScopes"], oauth["AllowedOAuthScopes"])
	}
	meta := map[string]map[string]any{}
	if ms, ok := jsonOrString(a.get("hostedUIProviderMeta")).([]any); ok {
		for _, m := range ms {
			mm, _ := m.(map[string]any)
			meta[str(mm["ProviderName"])] = mm
		}
	}
	idps := map[string]verify.Found{}
	for _, p := range asm.ResourcesOfType("AWS::Cognito::UserPoolIdentityProvider") {
		idps[str(p.Properties["ProviderName"])] = p
	}
	names := list(a.get("authProvidersUserPool"))
	if len(idps) != len(names) {
		t.Errorf("identity providers %d, Gen 1 %v", len(idps), names)
	}
	for _, n := range names {
		p, ok := idps[n]
		if !ok {
			t.Errorf("identity provider %s is missing", n)
			continue
		}
		m := meta[n]
		if m == nil {
			continue
		}
		want := strings.Join(strings.FieldsFunc(str(m["authorize_scopes"]), func(r rune) bool { return r == ' ' || r == ',' }), " ")
		got := strings.ReplaceAll(str(dig(p.Properties, "ProviderDetails", "authorize_scopes")), ",", " ")
		if got != want {
			t.Errorf("%s scopes %q, Gen 1 %q", n, got, want)
		}
		mapping, _ := p.Properties["AttributeMapping"].(map[string]any)
		wantMap, _ := m["AttributeMapping"].(map[string]any)
		for k, v := range wantMap {
			if mapping[k] != v {
				t.Errorf("%s maps %s to %v, Gen 1 %v", n, k, mapping[k], v)
			}
		}
		for k := range mapping {
			if _, ok := wantMap[k]; !ok && !(k == "email" && gen2MapsEmail) {
				t.Errorf("%s maps %s, which Gen 1 did not", n, k)
			}
		}
		for _, k := range []string{"client_id", "client_secret", "private_key"} {
			if v, ok := dig(p.Properties, "ProviderDetails", k).(string); ok {
				t.Errorf("%s %s is a literal %.4s…; it must come from a secret", n, k, v)
			}
		}
	}
}

func checkGroups(t *testing.T, asm *verify.Assembly, a *gen1Auth) {
	got := map[string]any{}
	for _, g := range asm.ResourcesOfType("AWS::Cognito::UserPoolGroup") {
		got[str(g.Properties["GroupName"])] = g.Properties["Precedence"]
	}
	if len(got) != len(a.groups) {
		t.Errorf("groups %v, Gen 1 %v", got, a.groups)
	}
	for _, grp := range a.groups {
		p, ok := got[grp.name]
		switch {
		case !ok:
			t.Errorf("group %s is missing", grp.name)
		case grp.precedence == nil && a.hasGroups && p != nil:
			t.Errorf("group %s has precedence %v; Gen 1 gave it none", grp.name, p)
		case grp.precedence != nil && p != float64(*grp.precedence):
			t.Errorf("group %s precedence %v, Gen 1 %d", grp.name, p, *grp.precedence)
		}
	}
}

// triggerKeys maps Gen 1 trigger names to Cognito LambdaConfig keys.
var triggerKeys = map[string]string{
	"presignup": "PreSignUp", "custommessage": "CustomMessage", "postconfirmation": "PostConfirmation",
	"preauthentication": "PreAuthentication", "postauthentication": "PostAuthentication",
	"pretokengeneration": "PreTokenGeneration", "defineauthchallenge": "DefineAuthChallenge",
	"createauthchallenge": "CreateAuthChallenge", "verifyauthchallengeresponse": "VerifyAuthChallengeResponse",
	"usermigration": "UserMigration",
}

// checkTriggers checks that each Gen 1 trigger is wired when its function
// was converted, and reported as manual when it was not, and that the user
// migration trigger is there unless turned off or replaced.
func checkTriggers(t *testing.T, g *verify.Gen2, props map[string]any, a *gen1Auth) {
	lc, _ := props["LambdaConfig"].(map[string]any)
	trig, _ := jsonOrString(a.get("triggers")).(map[string]any)
	ownMigration := false
	for name := range trig {
		key := triggerKeys[strings.ToLower(name)]
		if key == "UserMigration" {
			ownMigration = true
		}
		fn := a.triggerFunction(name)
		if _, err := os.Stat(filepath.Join(g.Dir, "amplify", "functions", fn, "resource.ts")); err == nil {
			if lc[key] == nil {
				t.Errorf("trigger %s: function %s was converted but is not wired", name, fn)
			}
			continue
		}
		if !hasFinding(g.Output.Findings, "auth.trigger", model.Manual, "trigger "+name) {
			t.Errorf("trigger %s: function %s was not converted and no manual finding says so", name, fn)
		}
	}
	wantMigration := !g.Options.NoUserMigration && !ownMigration
	if (lc["UserMigration"] != nil) != wantMigration && !ownMigration {
		t.Errorf("UserMigration trigger wired = %v, want %v", lc["UserMigration"] != nil, wantMigration)
	}
	if wantMigration {
		if _, err := os.Stat(filepath.Join(g.Dir, "amplify", "auth", "user-migration", "handler.ts")); err != nil {
			t.Errorf("the user migration handler is missing")
		}
	}
}

// triggerFunction is the function Gen 1 runs for a trigger: the dependsOn
// entry of the auth parameters whose name ends with the trigger's (the
// CLI names it <prefix><Trigger>, where the prefix is not always the auth
// resource's name), else <auth name><Trigger>.
func (a *gen1Auth) triggerFunction(trigger string) string {
	deps, _ := jsonOrString(a.get("dependsOn")).([]any)
	for _, d := range deps {
		m, _ := d.(map[string]any)
		name, _ := m["resourceName"].(string)
		if m["category"] == "function" && strings.HasSuffix(strings.ToLower(name), strings.ToLower(trigger)) {
			return name
		}
	}
	return a.name + trigger
}

func hasFinding(fs model.Findings, code string, level model.Level, subject string) bool {
	for _, f := range fs {
		if f.Code == code && f.Level == level && f.Subject == subject {
			return true
		}
	}
	return false
}

// checkImported checks referenceAuth against the imported pools' IDs.
func checkImported(t *testing.T, g *verify.Gen2, asm *verify.Assembly, a *gen1Auth) {
	if n := len(asm.ResourcesOfType("AWS::Cognito::UserPool")); n != 0 {
		t.Errorf("imported auth must not create a user pool, got %d", n)
	}
	ref := one(t, asm, "Custom::AmplifyRefAuth")
	for prop, key := range map[string]string{"userPoolId": "userPoolId", "identityPoolId": "identityPoolId", "userPoolClientId": "webClientId",
		"authRoleArn": "authRoleArn", "unauthRoleArn": "unauthRoleArn"} {
		want := str(dig(a.tpi, key))
		got := str(ref.Properties[prop])
		switch {
		case want != "" && got != want:
			t.Errorf("referenceAuth %s = %q, Gen 1 %q", prop, got, want)
		case want == "" && !strings.Contains(strings.ToLower(got), "todo") && !strings.Contains(got, "00000000"):
			t.Errorf("referenceAuth %s = %q though Gen 1 does not know it", prop, got)
		}
	}
}

// checkReferenced checks referenceAuth against the deployed Gen 1 pools.
func checkReferenced(t *testing.T, g *verify.Gen2, asm *verify.Assembly, a *gen1Auth) {
	if n := len(asm.ResourcesOfType("AWS::Cognito::UserPool")); n != 0 {
		t.Errorf("--auth reference must not create a user pool, got %d", n)
	}
	ref := one(t, asm, "Custom::AmplifyRefAuth")
	for prop, key := range map[string]string{"userPoolId": "UserPoolId", "identityPoolId": "IdentityPoolId", "userPoolClientId": "AppClientIDWeb"} {
		if got, want := str(ref.Properties[prop]), str(a.meta[key]); got != want {
			t.Errorf("referenceAuth %s = %q, amplify-meta %q", prop, got, want)
		}
	}
	groups, _ := ref.Properties["groups"].(map[string]any)
	for _, grp := range a.groups {
		if groups[grp.name] == nil {
			t.Errorf("referenceAuth lacks the role of group %s", grp.name)
		}
	}
}

var secretKeyRE = regexp.MustCompile(`(?i)(secret|appid|clientid|teamid|keyid|privatekey)userpool$`)

// providerSecrets collects provider credentials from every JSON file of a
// Gen 1 project.
func providerSecrets(dir string) []string {
	seen := map[string]bool{}
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, val := range x {
				switch {
				case k == "hostedUIProviderCreds":
					if arr, ok := jsonOrString(val).([]any); ok {
						for _, c := range arr {
							cm, _ := c.(map[string]any)
							for ck, cv := range cm {
								if s := str(cv); ck != "ProviderName" && len(s) >= 4 {
									seen[s] = true
								}
							}
						}
					}
				case secretKeyRE.MatchString(k):
					if s := str(val); len(s) >= 4 {
						seen[s] = true
					}
				default:
					walk(val)
				}
			}
		case []any:
			for _, it := range x {
				walk(it)
			}
		}
	}
	_ = filepath.WalkDir(filepath.Join(dir, "amplify"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".json") {
			if m, ok := readJSON(p); ok {
				walk(m)
			}
		}
		return nil
	})
	var out []string
	for s := range seen {
		out = append(out, s)
	}
	return out
}

// checkNoSecrets scans the generated project and the synthesized templates
// for Gen 1 provider credentials.
func checkNoSecrets(t *testing.T, g *verify.Gen2, asm *verify.Assembly, a *gen1Auth) {
	if len(a.secrets) == 0 {
		return
	}
	scan := func(root string, skip func(string) bool) {
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() {
				if d.Name() == "node_modules" || (skip != nil && skip(p)) {
					return filepath.SkipDir
				}
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return nil
			}
			for _, s := range a.secrets {
				if strings.Contains(string(data), s) {
					t.Errorf("%s contains the Gen 1 credential %.4s…", p, s)
				}
			}
			return nil
		})
	}
	scan(g.Dir, nil)
	if asm.Dir != "" && !strings.HasPrefix(asm.Dir, g.Dir) {
		scan(asm.Dir, nil)
	}
}
