package readers

import (
	"fmt"
	"path"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/amplify-migrate/amplify-migrate/model"
)

// authKeys are the cognitoConfig keys a typed field reads.
var authKeys = []string{
	"authSelections", "usernameAttributes", "aliasAttributes", "usernameCaseSensitive",
	"requiredAttributes", "autoVerifiedAttributes", "userpoolClientReadAttributes",
	"userpoolClientWriteAttributes", "passwordPolicyMinLength", "passwordPolicyCharacters",
	"mfaConfiguration", "mfaTypes", "smsAuthenticationMessage", "emailVerificationSubject",
	"emailVerificationMessage", "smsVerificationMessage", "userpoolClientGenerateSecret",
	"userpoolClientRefreshTokenValidity", "allowUnauthenticatedIdentities", "thirdPartyAuth",
	"authProviders", "selectedParties", "facebookAppId", "googleClientId", "googleIos",
	"googleAndroid", "amazonAppId", "appleAppId", "audiences", "userPoolGroupList", "triggers",
	"authTriggerConnections", "permissions", "hostedUI", "hostedUIDomainName", "oAuthMetadata",
	"authProvidersUserPool", "hostedUIProviderMeta", "hostedUIProviderCreds",
	"signinwithappleAuthorizeScopes", "facebookAuthorizeScopes", "googleAuthorizeScopes",
	"amazonAuthorizeScopes", "adminQueries", "adminQueryGroup",
	// imported auth (parameters.json of an imported resource)
	"serviceType", "region",
}

// authBookkeeping are keys the Amplify CLI writes for itself: read, reported
// as dropped, never converted.
var authBookkeeping = []string{
	"identityPoolName", "userPoolName", "resourceName", "resourceNameTruncated", "sharedId",
	"serviceName", "useDefault", "defaultPasswordPolicy", "userpoolClientLambdaRole",
	"userpoolClientSetAttributes", "useEnabledMfas", "userPoolGroups", "authRoleArn",
	"unauthRoleArn", "AuthRoleArn", "UnauthRoleArn", "authRoleName", "unauthRoleName",
	"parentStack", "breakCircularDependency", "dependsOn", "lambdaLayers", "verificationBucketName",
	"newCallbackURLs", "newLogoutURLs", "AllowedOAuthFlows", "AllowedOAuthScopes",
	"editLambdaAtSignUp", "mfaLambdaRole", "mfaLambdaLogPolicy", "mfaPassRolePolicy",
	"mfaLambdaIAMPolicy", "openIdLambdaRoleName", "openIdRolePolicy", "openIdLambdaIAMPolicy",
	"openIdLogPolicy", "roleName", "roleExternalId", "policyName", "lambdaLogPolicy",
	"userpoolClientLogPolicy", "userpoolClientLambdaPolicy", "triggerFunctions",
}

// secretKey reports whether a Gen 1 auth key holds a provider credential:
// such values are never stored in the model.
func secretKey(k string) bool {
	l := strings.ToLower(k)
	return l == "hosteduiprovidercreds" || strings.HasSuffix(l, "secretuserpool") || strings.HasSuffix(l, "appiduserpool") ||
		strings.HasSuffix(l, "clientiduserpool") || strings.HasSuffix(l, "teamiduserpool") ||
		strings.HasSuffix(l, "keyiduserpool") || strings.HasSuffix(l, "privatekeyuserpool") ||
		strings.Contains(l, "privatekey")
}

// authSettings reads cognitoConfig keys from the settings file, falling back
// to the environment's team-provider-info.json parameters (where the CLI
// keeps environment-specific values), and remembers which keys were read.
type authSettings struct {
	r    *reader
	d    *jsonDoc // settings file, nil when missing
	base string   // path of the settings object in d
	tpi  string   // path of the resource's parameters in r.tpi, "" when none
	read map[string]bool
}

// get returns the value of key and its position, from the settings file or
// team-provider-info.json.
func (s *authSettings) get(key string) (gjson.Result, model.Pos, bool) {
	s.read[key] = true
	if s.d != nil {
		p := joinPath(s.base, key)
		if v, pos := s.d.Get(p); v.Exists() && v.Type != gjson.Null {
			return v, pos, true
		}
	}
	if s.tpi != "" && s.r.tpi != nil {
		p := joinPath(s.tpi, key)
		if v, pos := s.r.tpi.Get(p); v.Exists() && v.Type != gjson.Null {
			return v, pos, true
		}
	}
	return gjson.Result{}, s.missing(key), false
}

func (s *authSettings) missing(key string) model.Pos {
	if s.d == nil {
		return model.Pos{Path: key}
	}
	return model.Pos{File: s.d.rel, Path: joinPath(s.base, key)}
}

func (s *authSettings) str(key string) model.Setting[string] {
	v, pos, ok := s.get(key)
	if !ok {
		return model.Setting[string]{Pos: pos}
	}
	if v.IsObject() || v.IsArray() {
		s.r.warnf(pos, "give a string", "%s should be a string, not %s; it is ignored", key, jsonKind(v))
		return model.Setting[string]{Pos: pos}
	}
	return model.Setting[string]{Value: asString(v), Pos: pos, IsSet: true}
}

func (s *authSettings) boolean(key string) model.Setting[bool] {
	v, pos, ok := s.get(key)
	if !ok {
		return model.Setting[bool]{Pos: pos}
	}
	b, ok := asBool(v)
	if !ok {
		s.r.warnf(pos, "use true or false", "%s should be true or false, not %s; it is ignored", key, v.Raw)
		return model.Setting[bool]{Pos: pos}
	}
	return model.Setting[bool]{Value: b, Pos: pos, IsSet: true}
}

func (s *authSettings) integer(key string) model.Setting[int] {
	v, pos, ok := s.get(key)
	if !ok {
		return model.Setting[int]{Pos: pos}
	}
	n, ok := asInt(v)
	if !ok {
		s.r.warnf(pos, "use a whole number", "%s should be a whole number, not %s; it is ignored", key, v.Raw)
		return model.Setting[int]{Pos: pos}
	}
	return model.Setting[int]{Value: n, Pos: pos, IsSet: true}
}

func (s *authSettings) list(key string) model.Setting[[]string] {
	v, pos, ok := s.get(key)
	if !ok {
		return model.Setting[[]string]{Pos: pos}
	}
	if v.IsObject() {
		s.r.warnf(pos, "give a list of strings", "%s should be a list, not an object; it is ignored", key)
		return model.Setting[[]string]{Pos: pos}
	}
	return model.Setting[[]string]{Value: asStringList(v), Pos: pos, IsSet: true}
}

// json returns a value that Gen 1 stores as JSON or as a string holding JSON.
func (s *authSettings) json(key string) (gjson.Result, model.Pos, bool) {
	v, pos, ok := s.get(key)
	if !ok {
		return v, pos, false
	}
	j, err := asJSONValue(v)
	if err != nil {
		s.r.warnf(pos, "the value must be JSON (as Gen 1 writes it); fix it or remove the key", "%s: %v; it is ignored", key, err)
		return gjson.Result{}, pos, false
	}
	return j, pos, j.Exists()
}

func jsonKind(v gjson.Result) string {
	switch {
	case v.IsObject():
		return "an object"
	case v.IsArray():
		return "a list"
	}
	return v.Type.String()
}

func (r *reader) readAuth(res *model.Resource, bc *jsonDoc, jp string, entry gjson.Result) {
	a := &model.Auth{}
	res.Auth = a
	s := &authSettings{r: r, read: map[string]bool{}}
	if r.tpi != nil && r.p.Env != "" {
		p := joinPath(joinPath(joinPath(r.p.Env, "categories"), "auth"), res.Name)
		if r.tpi.root.Get(p).IsObject() {
			s.tpi = p
		}
	}
	cli, params := path.Join(res.Dir, "cli-inputs.json"), path.Join(res.Dir, "parameters.json")
	switch {
	case r.exists(cli):
		s.d, s.base = r.loadJSON(cli, false, ""), "cognitoConfig"
		if s.d != nil && !s.d.root.Get("cognitoConfig").IsObject() {
			r.errorf(s.d.FilePos(), "cli-inputs.json of an auth resource holds {\"version\": \"1\", \"cognitoConfig\": {...}}; restore it from version control",
				"cli-inputs.json has no cognitoConfig object")
			s.d = nil
		}
	case r.exists(params):
		s.d, s.base = r.loadJSON(params, false, ""), ""
		a.Legacy = true
	case !res.Imported:
		r.errorf(res.Pos, "restore "+cli+" from version control", "auth resource %s has neither cli-inputs.json nor parameters.json", res.Name)
	}
	if s.d != nil {
		a.Source = s.d.rel
		if s.base == "" && !s.d.root.IsObject() {
			r.errorf(s.d.FilePos(), "restore the file from version control", "%s is not a JSON object", s.d.rel)
			s.d = nil
		}
	}

	a.Deployed = r.deployedAuthIDs(res)
	if res.Imported {
		a.Imported = r.importedAuth(res, s)
	}

	a.Selection = s.str("authSelections")
	a.UsernameAttributes = s.list("usernameAttributes")
	a.AliasAttributes = s.list("aliasAttributes")
	a.UsernameCaseSensitive = s.boolean("usernameCaseSensitive")
	a.RequiredAttributes = s.list("requiredAttributes")
	a.AutoVerifiedAttributes = s.list("autoVerifiedAttributes")
	a.ClientReadAttributes = s.list("userpoolClientReadAttributes")
	a.ClientWriteAttributes = s.list("userpoolClientWriteAttributes")
	a.PasswordMinLength = s.integer("passwordPolicyMinLength")
	a.PasswordCharacters = s.list("passwordPolicyCharacters")
	a.MFA = s.str("mfaConfiguration")
	if a.MFA.IsSet {
		a.MFA.Value = strings.ToUpper(strings.TrimSpace(a.MFA.Value))
		switch a.MFA.Value {
		case "OFF", "ON", "OPTIONAL":
		default:
			r.warnf(a.MFA.Pos, "use OFF, ON or OPTIONAL", "mfaConfiguration %q is not a Cognito MFA mode; MFA is left off", a.MFA.Value)
			a.MFA.IsSet = false
		}
	}
	a.MFATypes = s.list("mfaTypes")
	a.SMSAuthenticationMessage = s.str("smsAuthenticationMessage")
	a.EmailVerificationSubject = s.str("emailVerificationSubject")
	a.EmailVerificationMessage = s.str("emailVerificationMessage")
	a.SMSVerificationMessage = s.str("smsVerificationMessage")
	a.ClientGenerateSecret = s.boolean("userpoolClientGenerateSecret")
	a.RefreshTokenValidity = s.integer("userpoolClientRefreshTokenValidity")
	a.AllowUnauthenticated = s.boolean("allowUnauthenticatedIdentities")
	a.Groups = s.list("userPoolGroupList")
	a.HostedUI = s.boolean("hostedUI")
	a.DomainName = s.str("hostedUIDomainName")
	a.AdminQueries = s.boolean("adminQueries")
	a.AdminQueryGroup = s.str("adminQueryGroup")

	r.readFederation(a, s)
	r.readTriggers(res, a, s)
	r.readTriggerPermissions(a, s)
	r.readHostedUI(res, a, s)
	r.readCustomAttributes(res, a)
	r.readUnreadAuthKeys(a, s)
}

// deployedAuthIDs takes the deployed pool IDs from amplify-meta.json and the
// identity pool roles from the environment's root stack.
func (r *reader) deployedAuthIDs(res *model.Resource) model.AuthIDs {
	var ids model.AuthIDs
	if r.meta != nil {
		base := joinPath(joinPath(joinPath("", "auth"), res.Name), "output")
		pick := func(dst *model.Setting[string], key string) {
			if v, pos := r.meta.Get(joinPath(base, key)); v.Exists() && asString(v) != "" {
				*dst = model.Setting[string]{Value: asString(v), Pos: pos, IsSet: true}
			}
		}
		pick(&ids.UserPoolID, "UserPoolId")
		pick(&ids.UserPoolArn, "UserPoolArn")
		pick(&ids.WebClientID, "AppClientIDWeb")
		pick(&ids.NativeClientID, "AppClientID")
		pick(&ids.IdentityPoolID, "IdentityPoolId")
		pick(&ids.HostedUIDomain, "HostedUIDomain")
	}
	ids.AuthRoleArn = r.deploymentSetting("AuthRoleArn")
	ids.UnauthRoleArn = r.deploymentSetting("UnauthRoleArn")
	return ids
}

// deploymentSetting returns a root stack setting of the selected
// environment with its position (team-provider-info.json, else
// amplify-meta.json), following readDeployment's choice.
func (r *reader) deploymentSetting(key string) model.Setting[string] {
	if r.tpi != nil && r.p.Env != "" {
		if v, pos := r.tpi.Get(joinPath(joinPath(r.p.Env, "awscloudformation"), key)); v.Exists() && v.String() != "" {
			return model.Setting[string]{Value: v.String(), Pos: pos, IsSet: true}
		}
	}
	if r.meta != nil {
		if v, pos := r.meta.Get("providers.awscloudformation." + key); v.Exists() && v.String() != "" {
			return model.Setting[string]{Value: v.String(), Pos: pos, IsSet: true}
		}
	}
	return model.Setting[string]{}
}

// importedAuth reads the IDs of imported pools: team-provider-info.json
// keeps them per environment, amplify-meta.json as outputs.
func (r *reader) importedAuth(res *model.Resource, s *authSettings) *model.ImportedAuth {
	im := &model.ImportedAuth{IDs: r.deployedAuthIDs(res)}
	im.IDs.AuthRoleArn, im.IDs.UnauthRoleArn = model.Setting[string]{}, model.Setting[string]{}
	if s.tpi != "" {
		pick := func(dst *model.Setting[string], key string) {
			if v, pos := r.tpi.Get(joinPath(s.tpi, key)); v.Exists() && asString(v) != "" {
				*dst = model.Setting[string]{Value: asString(v), Pos: pos, IsSet: true}
			}
		}
		pick(&im.IDs.UserPoolID, "userPoolId")
		pick(&im.IDs.WebClientID, "webClientId")
		pick(&im.IDs.NativeClientID, "nativeClientId")
		pick(&im.IDs.IdentityPoolID, "identityPoolId")
		pick(&im.IDs.AuthRoleArn, "authRoleArn")
		pick(&im.IDs.UnauthRoleArn, "unauthRoleArn")
		pick(&im.IDs.HostedUIDomain, "hostedUIDomain")
		for _, k := range []string{"userPoolId", "userPoolName", "webClientId", "nativeClientId", "identityPoolId",
			"identityPoolName", "allowUnauthenticatedIdentities", "authRoleArn", "authRoleName",
			"unauthRoleArn", "unauthRoleName", "hostedUIDomain", "hostedUIProviderCreds"} {
			s.read[k] = true
		}
	}
	im.Region = s.str("region")
	if !im.Region.IsSet && im.IDs.UserPoolID.IsSet {
		if i := strings.Index(im.IDs.UserPoolID.Value, "_"); i > 0 {
			im.Region = model.Setting[string]{Value: im.IDs.UserPoolID.Value[:i], Pos: im.IDs.UserPoolID.Pos, IsSet: true}
		}
	}
	sel, _, _ := s.get("authSelections")
	im.UserPoolOnly = sel.String() == "userPoolOnly"
	s.read["serviceType"] = true
	return im
}

// federationKeys maps the identity-pool provider app ID keys to provider domains.
var federationKeys = []struct{ key, domain string }{
	{"facebookAppId", "graph.facebook.com"},
	{"googleClientId", "accounts.google.com"},
	{"googleIos", "accounts.google.com"},
	{"googleAndroid", "accounts.google.com"},
	{"amazonAppId", "www.amazon.com"},
	{"appleAppId", "appleid.apple.com"},
}

// readFederation reads identity-pool federation (thirdPartyAuth): the
// provider domains and their public app IDs.
func (r *reader) readFederation(a *model.Auth, s *authSettings) {
	third := s.boolean("thirdPartyAuth")
	providers := s.list("authProviders")
	ids := map[string][]string{}
	pos := map[string]model.Pos{}
	var order []string
	add := func(domain, id string, p model.Pos) {
		if _, ok := pos[domain]; !ok {
			order = append(order, domain)
			pos[domain] = p
		}
		if id != "" {
			for _, x := range ids[domain] {
				if x == id {
					return
				}
			}
			ids[domain] = append(ids[domain], id)
		}
	}
	for _, d := range providers.Value {
		add(d, "", providers.Pos)
	}
	if sp, p, ok := s.json("selectedParties"); ok {
		sp.ForEach(func(k, v gjson.Result) bool {
			for _, id := range strings.Split(v.String(), ",") {
				add(k.String(), strings.TrimSpace(id), p)
			}
			return true
		})
	}
	for _, fk := range federationKeys {
		v := s.str(fk.key)
		if v.IsSet && v.Value != "" {
			add(fk.domain, v.Value, v.Pos)
		}
	}
	s.read["audiences"] = true
	if len(order) == 0 {
		if third.IsSet && third.Value {
			r.warnf(third.Pos, "list the providers in authProviders and their app IDs, or set thirdPartyAuth to false",
				"thirdPartyAuth is on but no identity-pool provider is configured")
		}
		return
	}
	if third.IsSet && !third.Value {
		// The CLI keeps authProviders after federation is turned off; the
		// template then ignores them.
		if len(ids) == 0 {
			return
		}
	}
	for _, d := range order {
		a.Federation = append(a.Federation, model.FederatedProvider{Domain: d, AppID: strings.Join(ids[d], ","), Pos: pos[d]})
	}
}

// triggerAliases maps the trigger names Gen 1 writes (in triggers, in
// authTriggerConnections and as function name suffixes) to Cognito
// LambdaConfig names.
var triggerAliases = map[string]string{
	"presignup": "PreSignUp", "custommessage": "CustomMessage", "postconfirmation": "PostConfirmation",
	"preauthentication": "PreAuthentication", "postauthentication": "PostAuthentication",
	"pretokengeneration": "PreTokenGeneration", "defineauthchallenge": "DefineAuthChallenge",
	"createauthchallenge": "CreateAuthChallenge", "verifyauthchallengeresponse": "VerifyAuthChallengeResponse",
	"verifyauthchallenge": "VerifyAuthChallengeResponse", "usermigration": "UserMigration",
}

// canonicalTrigger returns the Cognito name of a Gen 1 trigger name, or "".
func canonicalTrigger(name string) string { return triggerAliases[strings.ToLower(name)] }

// triggerFromSuffix finds the trigger a function name ends with
// ("amplifyIdentityBrokerVerifyAuthChallenge" -> VerifyAuthChallengeResponse).
func triggerFromSuffix(fn string) string {
	l := strings.ToLower(fn)
	best, bestLen := "", 0
	for alias, ev := range triggerAliases {
		if strings.HasSuffix(l, alias) && len(alias) > bestLen {
			best, bestLen = ev, len(alias)
		}
	}
	return best
}

// readTriggers reads the triggers setting and ties each trigger to its
// function: authTriggerConnections, else the <resource><Trigger> naming the
// CLI uses, else a dependsOn function whose name ends with the trigger. The
// resource's dependsOn functions with triggerProvider Cognito that no
// trigger claims are added with the event their name suggests.
func (r *reader) readTriggers(res *model.Resource, a *model.Auth, s *authSettings) {
	var deps []string
	for _, d := range res.DependsOn {
		if d.Category == model.CategoryFunction && strings.EqualFold(d.TriggerProvider, "Cognito") {
			deps = append(deps, d.ResourceName)
		}
	}
	connections := map[string]string{}
	if v, pos, ok := s.get("authTriggerConnections"); ok {
		var items []gjson.Result
		if j, err := asJSONValue(v); err == nil && j.IsArray() {
			items = j.Array()
		} else if v.IsArray() {
			for _, it := range v.Array() {
				if j, err := asJSONValue(it); err == nil {
					items = append(items, j)
				}
			}
		} else {
			r.warnf(pos, "it is a list of {triggerType, lambdaFunctionName}", "authTriggerConnections cannot be read; triggers are matched to functions by name")
		}
		for _, it := range items {
			if ev := canonicalTrigger(it.Get("triggerType").String()); ev != "" && it.Get("lambdaFunctionName").String() != "" {
				connections[ev] = it.Get("lambdaFunctionName").String()
			}
		}
	}
	claimed := map[string]bool{}
	raw, _, _ := s.get("triggers")
	if v, pos, ok := s.json("triggers"); ok {
		if !v.IsObject() {
			r.warnf(pos, `triggers maps a trigger to its modules, e.g. {"PreSignup": ["email-filter-allowlist"]}`, "triggers is not an object and is ignored")
		}
		v.ForEach(func(k, mods gjson.Result) bool {
			ev := canonicalTrigger(k.String())
			tp := pos
			if raw.IsObject() && s.d != nil && pos.File == s.d.rel {
				_, tp = s.d.Get(joinPath(joinPath(s.base, "triggers"), k.String()))
			}
			if ev == "" {
				r.warnf(tp, "Cognito triggers are "+strings.Join(model.TriggerEvents, ", "), "unknown trigger %q", k.String())
			}
			t := model.AuthTrigger{Name: k.String(), Event: ev, Modules: asStringList(mods), Pos: tp}
			switch {
			case ev == "":
			case connections[ev] != "":
				t.Function = connections[ev]
			default:
				for _, d := range deps {
					if strings.EqualFold(d, res.Name+k.String()) || strings.EqualFold(d, res.Name+ev) {
						t.Function = d
					}
				}
				if t.Function == "" {
					for _, d := range deps {
						if !claimed[d] && triggerFromSuffix(d) == ev {
							t.Function = d
							break
						}
					}
				}
				if t.Function == "" {
					// The CLI's naming; the writer checks the function exists.
					t.Function = res.Name + k.String()
				}
			}
			claimed[t.Function] = true
			a.Triggers = append(a.Triggers, t)
			return true
		})
	}
	// Triggers wired by hand (override.ts, edited templates) show up only
	// as dependsOn entries.
	for _, d := range deps {
		if claimed[d] {
			continue
		}
		t := model.AuthTrigger{Function: d, Inferred: true, Pos: res.Pos}
		for _, dep := range res.DependsOn {
			if dep.ResourceName == d {
				t.Pos = dep.Pos
			}
		}
		for ev, fn := range connections {
			if fn == d {
				t.Event, t.Inferred = ev, false
			}
		}
		if t.Event == "" {
			t.Event = triggerFromSuffix(d)
		}
		claimed[d] = true
		a.Triggers = append(a.Triggers, t)
	}
}

// readTriggerPermissions reads cognitoConfig.permissions: IAM statements
// for trigger functions, each a JSON string.
func (r *reader) readTriggerPermissions(a *model.Auth, s *authSettings) {
	v, pos, ok := s.get("permissions")
	if !ok {
		return
	}
	for i, it := range v.Array() {
		p := pos
		if s.d != nil {
			_, p = s.d.Get(indexPath(joinPath(s.base, "permissions"), i))
		}
		j, err := asJSONValue(it)
		if err != nil || !j.IsObject() {
			r.warnf(p, "each entry is a JSON policy with trigger, actions and resource", "trigger permission cannot be read and is ignored")
			continue
		}
		tp := model.TriggerPermission{
			Trigger: canonicalTrigger(j.Get("trigger").String()),
			Policy:  j.Get("policyName").String(),
			Effect:  j.Get("effect").String(),
			Actions: asStringList(j.Get("actions")),
			Pos:     p,
		}
		if tp.Trigger == "" {
			tp.Trigger = j.Get("trigger").String()
		}
		keys := asStringList(j.Get("resource.keys"))
		tp.OnUserPool = len(keys) > 0 && keys[0] == "UserPool"
		a.TriggerPermissions = append(a.TriggerPermissions, tp)
	}
}

// providerTypes are the user pool providers the Gen 1 CLI configures.
var providerTypes = map[string]string{
	"google": "Google", "facebook": "Facebook", "loginwithamazon": "LoginWithAmazon",
	"amazon": "LoginWithAmazon", "signinwithapple": "SignInWithApple", "apple": "SignInWithApple",
}

// credentialFields are the fields of hostedUIProviderCreds entries.
var credentialFields = []string{"client_id", "client_secret", "team_id", "key_id", "private_key"}

// legacyCredentialKeys are the per-provider keys older projects keep in
// team-provider-info.json.
var legacyCredentialKeys = []struct{ key, provider, field string }{
	{"googleAppIdUserPool", "Google", "client_id"},
	{"googleAppSecretUserPool", "Google", "client_secret"},
	{"facebookAppIdUserPool", "Facebook", "client_id"},
	{"facebookAppSecretUserPool", "Facebook", "client_secret"},
	{"loginwithamazonAppIdUserPool", "LoginWithAmazon", "client_id"},
	{"loginwithamazonAppSecretUserPool", "LoginWithAmazon", "client_secret"},
	{"amazonAppIdUserPool", "LoginWithAmazon", "client_id"},
	{"amazonAppSecretUserPool", "LoginWithAmazon", "client_secret"},
	{"signinwithappleClientIdUserPool", "SignInWithApple", "client_id"},
	{"signinwithappleTeamIdUserPool", "SignInWithApple", "team_id"},
	{"signinwithappleKeyIdUserPool", "SignInWithApple", "key_id"},
	{"signinwithapplePrivateKeyUserPool", "SignInWithApple", "private_key"},
}

// readHostedUI reads the hosted UI's OAuth settings, its identity providers
// and where their credentials are kept (never the credentials).
func (r *reader) readHostedUI(res *model.Resource, a *model.Auth, s *authSettings) {
	if v, pos, ok := s.json("oAuthMetadata"); ok {
		a.OAuth = &model.OAuthSettings{
			Flows:        asStringList(v.Get("AllowedOAuthFlows")),
			Scopes:       asStringList(v.Get("AllowedOAuthScopes")),
			CallbackURLs: asStringList(v.Get("CallbackURLs")),
			LogoutURLs:   asStringList(v.Get("LogoutURLs")),
			Pos:          pos,
		}
	}
	names := s.list("authProvidersUserPool")
	meta := map[string]gjson.Result{}
	metaPos := names.Pos
	if v, pos, ok := s.json("hostedUIProviderMeta"); ok {
		metaPos = pos
		for _, it := range v.Array() {
			meta[strings.ToLower(it.Get("ProviderName").String())] = it
		}
	}
	scopeKeys := map[string]string{"Google": "googleAuthorizeScopes", "Facebook": "facebookAuthorizeScopes",
		"LoginWithAmazon": "amazonAuthorizeScopes", "SignInWithApple": "signinwithappleAuthorizeScopes"}
	for _, name := range names.Value {
		p := model.IdentityProvider{Name: name, Type: providerTypes[strings.ToLower(name)], Pos: names.Pos}
		m, hasMeta := meta[strings.ToLower(name)]
		if hasMeta {
			p.Pos = metaPos
		}
		if p.Type == "" {
			p.Type = providerKind(m)
		}
		if hasMeta {
			p.Scopes = splitScopes(m.Get("authorize_scopes").String())
			m.Get("AttributeMapping").ForEach(func(k, v gjson.Result) bool {
				p.AttributeMapping = append(p.AttributeMapping, model.AttributeMap{UserPoolAttribute: k.String(), ProviderAttribute: v.String()})
				return true
			})
			m.ForEach(func(k, v gjson.Result) bool {
				switch key := k.String(); {
				case key == "ProviderName" || key == "authorize_scopes" || key == "AttributeMapping" || key == "ProviderType":
				case secretKey(key) || contains(credentialFields, strings.ToLower(key)):
					a.Credentials = append(a.Credentials, model.CredentialRef{Provider: name, Field: strings.ToLower(key), InRepo: true, Pos: metaPos})
				default:
					p.Details = append(p.Details, model.RawSetting{Key: key, Value: asString(v), Pos: metaPos})
				}
				return true
			})
		}
		if len(p.Scopes) == 0 {
			if sk := scopeKeys[p.Type]; sk != "" {
				if sc := s.list(sk); sc.IsSet {
					p.Scopes = splitScopes(strings.Join(sc.Value, " "))
				}
			}
		}
		a.Providers = append(a.Providers, p)
	}
	for _, sk := range scopeKeys {
		s.read[sk] = true
	}
	// Credentials: record where they are, never what they are.
	if v, pos, ok := s.json("hostedUIProviderCreds"); ok {
		for _, it := range v.Array() {
			prov := it.Get("ProviderName").String()
			for _, f := range credentialFields {
				if it.Get(f).String() != "" {
					a.Credentials = append(a.Credentials, model.CredentialRef{Provider: prov, Field: f, InRepo: pos.File != "", Pos: pos})
				}
			}
		}
	}
	for _, ck := range legacyCredentialKeys {
		if _, pos, ok := s.get(ck.key); ok {
			a.Credentials = append(a.Credentials, model.CredentialRef{Provider: ck.provider, Field: ck.field, InRepo: pos.File != "", Pos: pos})
		}
	}
}

// providerKind tells OIDC from SAML providers by their Cognito provider
// details; "" when it cannot tell.
func providerKind(m gjson.Result) string {
	if t := m.Get("ProviderType").String(); t != "" {
		return strings.ToUpper(t)
	}
	switch {
	case m.Get("oidc_issuer").Exists(), m.Get("attributes_request_method").Exists():
		return "OIDC"
	case m.Get("MetadataURL").Exists(), m.Get("MetadataFile").Exists():
		return "SAML"
	}
	return ""
}

// splitScopes splits authorize scopes, which Gen 1 joins with spaces
// (Google, Amazon, Apple) or commas (Facebook).
func splitScopes(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' }) {
		if f != "" {
			out = append(out, f)
		}
	}
	return out
}

// standardAttributes are the OIDC standard attributes of a user pool.
var standardAttributes = map[string]bool{
	"address": true, "birthdate": true, "email": true, "family_name": true, "gender": true,
	"given_name": true, "locale": true, "middle_name": true, "name": true, "nickname": true,
	"phone_number": true, "picture": true, "preferred_username": true, "profile": true,
	"updated_at": true, "website": true, "zoneinfo": true, "sub": true,
	"email_verified": true, "phone_number_verified": true,
}

// readCustomAttributes reads custom attributes from the user pool's
// CloudFormation template when the project has one (it includes what
// override.ts added), and infers the rest from the app client's read and
// write attributes.
func (r *reader) readCustomAttributes(res *model.Resource, a *model.Auth) {
	seen := map[string]bool{}
	for _, tpl := range []string{
		path.Join(res.Dir, "build", res.Name+"-cloudformation-template.json"),
		path.Join(res.Dir, res.Name+"-cloudformation-template.json"),
		r.rel("#current-cloud-backend", "auth", res.Name, "build", res.Name+"-cloudformation-template.json"),
	} {
		if !r.exists(tpl) {
			continue
		}
		d := r.loadJSON(tpl, false, "")
		if d == nil {
			continue
		}
		d.root.Get("Resources").ForEach(func(id, rsc gjson.Result) bool {
			if rsc.Get("Type").String() != "AWS::Cognito::UserPool" {
				return true
			}
			sp := joinPath(joinPath(joinPath("Resources", id.String()), "Properties"), "Schema")
			for i, at := range rsc.Get("Properties.Schema").Array() {
				name := strings.TrimPrefix(at.Get("Name").String(), "custom:")
				if name == "" || standardAttributes[name] || seen[name] {
					continue
				}
				seen[name] = true
				ca := model.CustomAttribute{Name: name, DataType: at.Get("AttributeDataType").String(), Mutable: true, Pos: d.Pos(at, indexPath(sp, i))}
				if ca.DataType == "" {
					ca.DataType = "String"
				}
				if m, ok := asBool(at.Get("Mutable")); ok {
					ca.Mutable = m
				}
				ca.MinLen = optInt(at.Get("StringAttributeConstraints.MinLength"))
				ca.MaxLen = optInt(at.Get("StringAttributeConstraints.MaxLength"))
				ca.Min = optInt(at.Get("NumberAttributeConstraints.MinValue"))
				ca.Max = optInt(at.Get("NumberAttributeConstraints.MaxValue"))
				a.CustomAttributes = append(a.CustomAttributes, ca)
			}
			return true
		})
		if len(seen) > 0 {
			break
		}
	}
	for _, list := range []model.Setting[[]string]{a.ClientReadAttributes, a.ClientWriteAttributes, a.RequiredAttributes} {
		for _, at := range list.Value {
			if !strings.HasPrefix(at, "custom:") {
				continue
			}
			name := strings.TrimPrefix(at, "custom:")
			if seen[name] {
				continue
			}
			seen[name] = true
			a.CustomAttributes = append(a.CustomAttributes, model.CustomAttribute{Name: name, DataType: "String", Mutable: true, Inferred: true, Pos: list.Pos})
		}
	}
}

func optInt(v gjson.Result) *int {
	if n, ok := asInt(v); ok {
		return &n
	}
	return nil
}

// readUnreadAuthKeys sorts the keys no typed field read into CLI
// bookkeeping (dropped) and unknown keys (warned about, kept).
func (r *reader) readUnreadAuthKeys(a *model.Auth, s *authSettings) {
	if s.d == nil {
		return
	}
	obj := s.d.root
	if s.base != "" {
		obj = obj.Get(s.base)
	}
	known := append(append([]string(nil), authKeys...), authBookkeeping...)
	obj.ForEach(func(k, v gjson.Result) bool {
		key := k.String()
		if s.read[key] {
			return true
		}
		val := asString(v)
		if secretKey(key) {
			val = "(secret, not read)"
		}
		rs := model.RawSetting{Key: key, Value: val, Pos: s.d.Pos(v, joinPath(s.base, key))}
		if contains(authBookkeeping, key) {
			a.Dropped = append(a.Dropped, rs)
			return true
		}
		if secretKey(key) {
			// A credential under a name this reader does not know.
			a.Credentials = append(a.Credentials, model.CredentialRef{Field: key, InRepo: true, Pos: rs.Pos})
			return true
		}
		a.Unknown = append(a.Unknown, rs)
		detail := "it is kept in the report but not converted; check the spelling"
		if sg := suggest(key, known); sg != "" {
			detail = fmt.Sprintf("did you mean %q? It is not converted as written", sg)
		}
		r.diags = append(r.diags, model.Diagnostic{Severity: model.Warning,
			Summary: fmt.Sprintf("unknown key %q in the auth settings", key), Detail: detail, Pos: rs.Pos})
		return true
	})
}

func (r *reader) readUserPoolGroups(res *model.Resource) {
	g := &model.UserPoolGroups{}
	res.UserPoolGroups = g
	rel := path.Join(res.Dir, "user-pool-group-precedence.json")
	d := r.loadJSON(rel, false, "")
	if d == nil {
		if !res.Imported && !r.exists(rel) {
			r.warnf(res.Pos, "restore "+rel+" from version control, or remove the resource with `amplify update auth`",
				"the user pool groups resource has no %s, so its groups are unknown", rel)
		}
		return
	}
	g.Source = rel
	if !d.root.IsArray() {
		r.errorf(d.FilePos(), `user-pool-group-precedence.json is a list such as [{"groupName": "Admin", "precedence": 1}]`,
			"user-pool-group-precedence.json is not a JSON array")
		return
	}
	names := map[string]bool{}
	for i, it := range d.root.Array() {
		p := indexPath("", i)
		grp := model.UserPoolGroup{Name: it.Get("groupName").String(), Pos: d.Pos(it, p)}
		if grp.Name == "" {
			r.warnf(grp.Pos, "give each group a groupName", "group without a groupName is ignored")
			continue
		}
		if names[grp.Name] {
			r.warnf(grp.Pos, "remove the duplicate", "group %q is listed twice; the first entry is used", grp.Name)
			continue
		}
		names[grp.Name] = true
		if pr := it.Get("precedence"); pr.Exists() && pr.Type != gjson.Null {
			n, ok := asInt(pr)
			if ok && n >= 0 {
				grp.Precedence, grp.HasPrecedence = n, true
			} else {
				r.warnf(d.Pos(pr, p+".precedence"), "precedence is a whole number, 0 or more", "precedence of group %q is %s and is ignored", grp.Name, pr.Raw)
			}
		}
		for _, pol := range it.Get("customPolicies").Array() {
			grp.CustomPolicies = append(grp.CustomPolicies, pol.Raw)
		}
		if r.meta != nil {
			if v, pos := r.meta.Get(joinPath(joinPath(joinPath(joinPath("", "auth"), res.Name), "output"), grp.Name+"GroupRole")); v.Exists() && v.String() != "" {
				grp.RoleArn = model.Setting[string]{Value: v.String(), Pos: pos, IsSet: true}
			}
		}
		g.Groups = append(g.Groups, grp)
	}
}
