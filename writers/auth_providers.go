package writers

import (
	"fmt"
	"sort"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

// providerSecrets are the secret names a provider's credentials become, by
// defineAuth prop; the names follow the official migration tool.
var providerSecrets = map[string][][2]string{
	"Google":          {{"clientId", "GOOGLE_CLIENT_ID"}, {"clientSecret", "GOOGLE_CLIENT_SECRET"}},
	"Facebook":        {{"clientId", "FACEBOOK_CLIENT_ID"}, {"clientSecret", "FACEBOOK_CLIENT_SECRET"}},
	"LoginWithAmazon": {{"clientId", "LOGINWITHAMAZON_CLIENT_ID"}, {"clientSecret", "LOGINWITHAMAZON_CLIENT_SECRET"}},
	"SignInWithApple": {{"clientId", "SIWA_CLIENT_ID"}, {"teamId", "SIWA_TEAM_ID"}, {"keyId", "SIWA_KEY_ID"}, {"privateKey", "SIWA_PRIVATE_KEY"}},
}

// providerKeys are the externalProviders keys of the social providers.
var providerKeys = map[string]string{
	"Google": "google", "Facebook": "facebook", "LoginWithAmazon": "loginWithAmazon", "SignInWithApple": "signInWithApple",
}

// hostedUIOn reports whether the Gen 1 pool has a hosted UI to convert.
func (w *authWriter) hostedUIOn() bool {
	a := w.a
	if a.HostedUI.IsSet {
		return a.HostedUI.Value
	}
	return a.OAuth != nil || len(a.Providers) > 0
}

// externalProviders returns loginWith.externalProviders: the hosted UI's
// OAuth settings and its identity providers, with every credential a
// secret. nil when Gen 1 had no hosted UI.
func (w *authWriter) externalProviders(si signIn) ts.Value {
	a := w.a
	if !w.hostedUIOn() {
		if a.OAuth != nil || len(a.Providers) > 0 {
			w.find("auth.hosted-ui", model.Drop, "hostedUI", a.HostedUI.Pos, "the hosted UI is off; its leftover OAuth and provider settings are not used", "")
		}
		return nil
	}
	if a.OAuth == nil || len(a.OAuth.CallbackURLs) == 0 || len(a.OAuth.LogoutURLs) == 0 {
		pos := a.HostedUI.Pos
		if a.OAuth != nil {
			pos = a.OAuth.Pos
		}
		w.resourceTodos = append(w.resourceTodos, todo{"auth.hosted-ui", fmt.Sprintf("Gen 1 has a hosted UI but its callback or sign-out URLs are missing (%s); add loginWith.externalProviders with callbackUrls and logoutUrls.", pos)})
		w.find("auth.hosted-ui", model.Manual, "oAuthMetadata", pos,
			"the hosted UI has no callback or sign-out URLs, which Gen 2 requires", "add externalProviders to loginWith in amplify/auth/resource.ts")
		return nil
	}
	ext := ts.Obj{}
	var oidc ts.Arr
	for _, p := range a.Providers {
		subject := "provider " + p.Name
		mapping := w.attributeMapping(p, si)
		switch p.Type {
		case "Google", "Facebook", "LoginWithAmazon", "SignInWithApple":
			obj := ts.Obj{}
			for _, s := range providerSecrets[p.Type] {
				obj.Set(s[0], ts.Call{Fn: "secret", Args: []ts.Value{ts.Str(s[1])}})
				w.g.secret(w.res, s[1], fmt.Sprintf("%s %s for the hosted UI (Gen 1 kept it in team-provider-info.json hostedUIProviderCreds or ~/.aws/amplify/deployment-secrets.json; the provider's developer console shows it)", p.Name, secretWhat(s[0])))
			}
			if len(p.Scopes) > 0 {
				obj.Set("scopes", ts.Strs(p.Scopes...))
			}
			for _, d := range p.Details {
				if d.Key == "api_version" && p.Type == "Facebook" {
					obj.Set("apiVersion", ts.Str(d.Value))
				} else {
					w.find("auth.provider", model.Manual, subject, d.Pos, fmt.Sprintf("provider setting %s is not converted", d.Key), "set it on the provider in amplify/backend.ts if it matters")
				}
			}
			if mapping != nil {
				obj.Set("attributeMapping", mapping)
			}
			ext.Set(providerKeys[p.Type], obj)
			w.imports.Add("@aws-amplify/backend", "secret")
			w.find("auth.provider", model.Auto, subject, p.Pos,
				fmt.Sprintf("loginWith.externalProviders.%s with scopes %s; its credentials are secrets (%s)", providerKeys[p.Type], orNone(p.Scopes), secretNames(p.Type)),
				"")
		case "OIDC":
			name := p.Name
			sec := "OIDC_" + secretSuffix(name)
			obj := ts.Obj{{Key: "name", Value: ts.Str(name)},
				{Key: "clientId", Value: ts.Call{Fn: "secret", Args: []ts.Value{ts.Str(sec + "_CLIENT_ID")}}},
				{Key: "clientSecret", Value: ts.Call{Fn: "secret", Args: []ts.Value{ts.Str(sec + "_CLIENT_SECRET")}}}}
			w.g.secret(w.res, sec+"_CLIENT_ID", fmt.Sprintf("client ID of the OIDC provider %s", name))
			w.g.secret(w.res, sec+"_CLIENT_SECRET", fmt.Sprintf("client secret of the OIDC provider %s", name))
			w.imports.Add("@aws-amplify/backend", "secret")
			issuer := ""
			for _, d := range p.Details {
				switch d.Key {
				case "oidc_issuer":
					issuer = d.Value
				case "attributes_request_method":
					obj.Set("attributeRequestMethod", ts.Str(strings.ToUpper(d.Value)))
				}
			}
			if issuer == "" {
				w.find("auth.provider", model.Manual, subject, p.Pos, "the OIDC provider has no oidc_issuer", "set issuerUrl in amplify/auth/resource.ts")
			}
			obj.Set("issuerUrl", ts.Str(issuer))
			if len(p.Scopes) > 0 {
				obj.Set("scopes", ts.Strs(p.Scopes...))
			}
			if mapping != nil {
				obj.Set("attributeMapping", mapping)
			}
			oidc = append(oidc, obj)
			w.find("auth.provider", model.Auto, subject, p.Pos, fmt.Sprintf("OIDC provider %s with secrets %s_CLIENT_ID and %s_CLIENT_SECRET", name, sec, sec), "")
		case "SAML":
			var url, file string
			var signout bool
			for _, d := range p.Details {
				switch d.Key {
				case "MetadataURL":
					url = d.Value
				case "MetadataFile":
					file = d.Value
				case "IDPSignout":
					signout = strings.EqualFold(d.Value, "true")
				}
			}
			meta := ts.Obj{{Key: "metadataContent", Value: ts.Str(url)}, {Key: "metadataType", Value: ts.Str("URL")}}
			if url == "" {
				meta = ts.Obj{{Key: "metadataContent", Value: ts.Str(file)}, {Key: "metadataType", Value: ts.Str("FILE")}}
			}
			obj := ts.Obj{{Key: "name", Value: ts.Str(p.Name)}, {Key: "metadata", Value: meta}}
			if signout {
				obj.Set("idpSignout", ts.Bool(true))
			}
			if mapping != nil {
				obj.Set("attributeMapping", mapping)
			}
			if _, dup := findEntry(ext, "saml"); dup {
				w.find("auth.provider", model.Manual, subject, p.Pos, "defineAuth takes one SAML provider", "add this one with CDK (UserPoolIdentityProviderSaml) in amplify/backend.ts")
				continue
			}
			ext.Set("saml", obj)
			w.find("auth.provider", model.Auto, subject, p.Pos, "SAML provider "+p.Name, "")
		default:
			w.resourceTodos = append(w.resourceTodos, todo{"auth.provider", fmt.Sprintf("Gen 1 hosted UI provider %q (%s) is of an unknown kind and is not converted; add it to loginWith.externalProviders.", p.Name, p.Pos)})
			w.find("auth.provider", model.Manual, subject, p.Pos, "unknown provider kind", "add it to loginWith.externalProviders by hand")
		}
	}
	if len(oidc) > 0 {
		ext.Set("oidc", oidc)
	}
	var scopes []string
	for _, s := range a.OAuth.Scopes {
		if g2, ok := oauthScopes[s]; ok {
			scopes = append(scopes, g2)
		}
	}
	ext.Set("scopes", ts.Strs(dedupe(scopes)...))
	ext.Set("callbackUrls", ts.Strs(a.OAuth.CallbackURLs...))
	ext.Set("logoutUrls", ts.Strs(a.OAuth.LogoutURLs...))
	w.social = len(a.Providers) > 0
	w.find("auth.hosted-ui", model.Auto, "oAuthMetadata", a.OAuth.Pos,
		fmt.Sprintf("hosted UI with scopes %s, callback URLs %s and sign-out URLs %s: loginWith.externalProviders",
			strings.Join(a.OAuth.Scopes, " "), strings.Join(a.OAuth.CallbackURLs, " "), strings.Join(a.OAuth.LogoutURLs, " ")), "")
	return ext
}

func findEntry(o ts.Obj, key string) (ts.Entry, bool) {
	for _, e := range o {
		if e.Key == key {
			return e, true
		}
	}
	return ts.Entry{}, false
}

func secretWhat(prop string) string {
	switch prop {
	case "clientId":
		return "client ID"
	case "clientSecret":
		return "client secret"
	case "teamId":
		return "team ID"
	case "keyId":
		return "key ID"
	case "privateKey":
		return "private key"
	}
	return prop
}

func secretNames(typ string) string {
	var names []string
	for _, s := range providerSecrets[typ] {
		names = append(names, s[1])
	}
	return strings.Join(names, ", ")
}

// secretSuffix makes an upper-case secret name part from a provider name.
func secretSuffix(name string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(name) {
		if (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return strings.Trim(b.String(), "_")
}

// attributeMapping converts a provider's attribute mapping to defineAuth's:
// standard attributes by their Gen 2 names, everything else (username,
// custom:...) under custom with its Cognito name.
func (w *authWriter) attributeMapping(p model.IdentityProvider, si signIn) ts.Value {
	if len(p.AttributeMapping) == 0 {
		return nil
	}
	var m, custom ts.Obj
	hasEmail := false
	for _, am := range p.AttributeMapping {
		if am.UserPoolAttribute == "email" {
			hasEmail = true
		}
		if key, ok := gen2MappingAttributes[am.UserPoolAttribute]; ok {
			m.Set(key, ts.Str(am.ProviderAttribute))
		} else {
			custom.Set(am.UserPoolAttribute, ts.Str(am.ProviderAttribute))
		}
	}
	if len(custom) > 0 {
		m.Set("custom", custom)
	}
	if !hasEmail && si.email && !si.phone && p.Type != "SAML" {
		w.find("auth.provider", model.Auto, "provider "+p.Name, p.Pos,
			"Gen 2 also maps the provider's email to the user's email (Gen 1 did not map it)", "")
	}
	return m
}

// writeOAuthOverrides pins OAuth flows and scopes defineAuth cannot set.
func (w *authWriter) writeOAuthOverrides(cl string) {
	w.at = topicHostedUI
	a := w.a
	if a.OAuth == nil || !w.hostedUIOn() {
		return
	}
	flows := a.OAuth.Flows
	if len(flows) > 0 && !(len(flows) == 1 && flows[0] == "code") {
		w.line("Gen 1's OAuth flows (defineAuth allows only the authorization code grant).",
			fmt.Sprintf("%s.allowedOAuthFlows = %s;", cl, ts.Render(ts.Strs(flows...))))
		w.find("auth.oauth", model.CDK, "AllowedOAuthFlows", a.OAuth.Pos, fmt.Sprintf("OAuth flows %s: set in backend.ts", strings.Join(flows, ", ")), "")
	} else {
		w.find("auth.oauth", model.Auto, "AllowedOAuthFlows", a.OAuth.Pos, "authorization code grant, as Gen 2's default", "")
	}
	var custom []string
	for _, s := range a.OAuth.Scopes {
		if _, ok := oauthScopes[s]; !ok {
			custom = append(custom, s)
		}
	}
	if len(custom) > 0 {
		w.stmt(func(p *ts.Printer) {
			p.Todo("auth.oauth", fmt.Sprintf("Gen 1 allowed the resource server scopes %s; create the resource server on the new pool (userPool.addResourceServer) before deploying, or remove them here.", strings.Join(custom, ", ")))
			p.Value(cl+".allowedOAuthScopes = ", ts.Strs(a.OAuth.Scopes...), ";")
		})
		w.find("auth.oauth", model.Manual, "AllowedOAuthScopes", a.OAuth.Pos,
			fmt.Sprintf("resource server scopes %s need a resource server on the new pool", strings.Join(custom, ", ")), "add it with userPool.addResourceServer in amplify/backend.ts")
	}
}

// nativeOAuth returns the CDK OAuth settings of the native app client,
// which Gen 1's hosted UI configured like the web client; nil without a
// hosted UI.
func (w *authWriter) nativeOAuth() ts.Value {
	a := w.a
	if a.OAuth == nil || !w.hostedUIOn() || len(a.OAuth.CallbackURLs) == 0 || len(a.OAuth.LogoutURLs) == 0 {
		return nil
	}
	w.g.backend.Imports.Add("aws-cdk-lib/aws-cognito", "OAuthScope")
	flows := ts.Obj{}
	for _, f := range a.OAuth.Flows {
		switch f {
		case "code":
			flows.Set("authorizationCodeGrant", ts.Bool(true))
		case "implicit":
			flows.Set("implicitCodeGrant", ts.Bool(true))
		case "client_credentials":
			flows.Set("clientCredentials", ts.Bool(true))
		}
	}
	if len(flows) == 0 {
		flows.Set("authorizationCodeGrant", ts.Bool(true))
	}
	var scopes ts.Arr
	for _, s := range a.OAuth.Scopes {
		if c, ok := cdkOAuthScopes[s]; ok {
			scopes = append(scopes, ts.Expr(c))
		} else {
			scopes = append(scopes, ts.Call{Fn: "OAuthScope.custom", Args: []ts.Value{ts.Str(s)}})
		}
	}
	return ts.Obj{
		{Key: "flows", Value: flows},
		{Key: "scopes", Value: scopes},
		{Key: "callbackUrls", Value: ts.Strs(a.OAuth.CallbackURLs...)},
		{Key: "logoutUrls", Value: ts.Strs(a.OAuth.LogoutURLs...)},
	}
}

// writeDomain explains the hosted UI domain: Cognito prefixes are unique per
// region, so the new pool cannot take Gen 1's while the Gen 1 pool holds it.
func (w *authWriter) writeDomain() {
	w.at = topicHostedUI
	a := w.a
	if !w.hostedUIOn() || a.OAuth == nil || len(a.OAuth.CallbackURLs) == 0 {
		return
	}
	prefix := a.DomainName.Value
	pos := a.DomainName.Pos
	if prefix == "" && a.Deployed.HostedUIDomain.IsSet {
		prefix, pos = a.Deployed.HostedUIDomain.Value, a.Deployed.HostedUIDomain.Pos
	}
	if prefix == "" {
		w.find("auth.domain-prefix", model.Auto, "hostedUIDomainName", pos, "Gen 2 gives the hosted UI a domain prefix derived from the app and branch", "")
		return
	}
	w.g.backend.Imports.Add("aws-cdk-lib/aws-cognito", "CfnUserPoolDomain", "UserPoolDomain")
	w.stmt(func(p *ts.Printer) {
		p.Todo("auth.domain-prefix", fmt.Sprintf("Gen 1's hosted UI domain prefix was %q. Cognito domain prefixes are unique per region, so the new pool gets its own while the Gen 1 pool holds this one: add https://<new domain>/oauth2/idpresponse to each identity provider's allowed redirect URIs. Once the Gen 1 domain is deleted, uncomment these lines to take the prefix over.", prefix))
		p.Commented("const userPoolDomain = backend.auth.resources.userPool.node.findChild('UserPoolDomain') as UserPoolDomain;\n" +
			"(userPoolDomain.node.defaultChild as CfnUserPoolDomain).domain = " + ts.Quote(prefix) + ";")
	})
	w.find("auth.domain-prefix", model.Manual, "hostedUIDomainName", pos,
		fmt.Sprintf("the hosted UI domain prefix %q belongs to the Gen 1 pool until its domain is deleted; the new pool gets its own", prefix),
		"register the new domain's /oauth2/idpresponse URL with each identity provider; take the prefix over later with the commented lines in amplify/backend.ts")
}

// writeFederation pins the identity pool's login providers: Gen 1's
// identity-pool federation, and none of the social providers' client IDs
// that defineAuth adds.
func (w *authWriter) writeFederation(ip string) {
	w.at = topicIdentityPool
	a := w.a
	if len(a.Federation) == 0 {
		if w.social {
			w.line("defineAuth adds the social providers' client IDs to the identity pool; Gen 1's identity pool federated only through the user pool.",
				ip+".supportedLoginProviders = undefined;")
		}
		return
	}
	obj := ts.Obj{}
	var missing []string
	for _, f := range a.Federation {
		if f.AppID == "" {
			missing = append(missing, f.Domain)
			continue
		}
		obj.Set(f.Domain, ts.Str(f.AppID))
	}
	w.stmt(func(p *ts.Printer) {
		p.Comment("Identity-pool federation (Gen 1 thirdPartyAuth): users sign in to the identity pool directly with these providers. App IDs are public identifiers, taken from the Gen 1 environment.")
		for _, d := range missing {
			p.Todo("auth.federation", fmt.Sprintf("Gen 1 federated the identity pool with %s but its app ID is not in the project files; add `%s: '<app id>'` here.", d, ts.Quote(d)))
		}
		p.Value(ip+".supportedLoginProviders = ", obj, ";")
	})
	for _, f := range a.Federation {
		if f.AppID == "" {
			w.find("auth.federation", model.Manual, "authProviders", f.Pos,
				fmt.Sprintf("identity-pool federation with %s, whose app ID is missing", f.Domain), "add it to supportedLoginProviders in amplify/backend.ts")
		} else {
			w.find("auth.federation", model.CDK, "authProviders", f.Pos, fmt.Sprintf("identity-pool federation with %s: set in backend.ts", f.Domain), "")
		}
	}
}

// writeSecretsFindings warns about provider credentials committed to the
// repository: they are never copied, but they are exposed.
func (w *authWriter) writeSecretsFindings() {
	type key struct{ provider, file string }
	seen := map[key][]string{}
	var order []key
	pos := map[key]model.Pos{}
	for _, c := range w.a.Credentials {
		// IDs are public identifiers; secrets and keys are not.
		if !c.InRepo || c.Pos.File == "" || c.Field == "client_id" || c.Field == "team_id" || c.Field == "key_id" {
			continue
		}
		k := key{c.Provider, c.Pos.File}
		if _, ok := seen[k]; !ok {
			order = append(order, k)
			pos[k] = c.Pos
		}
		seen[k] = append(seen[k], c.Field)
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i].provider < order[j].provider })
	for _, k := range order {
		prov := k.provider
		if prov == "" {
			prov = "a provider"
		}
		w.find("auth.credential-in-repo", model.Manual, "credentials "+prov, pos[k],
			fmt.Sprintf("%s's %s is committed in %s: it was not copied anywhere, but anyone with the repository has it", prov, strings.Join(dedupe(seen[k]), ", "), k.file),
			"rotate the credential in the provider's console, set the new value with `npx ampx sandbox secret set`, and remove it from the file")
	}
}
