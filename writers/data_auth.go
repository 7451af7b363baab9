package writers

import (
	"fmt"
	"slices"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

// authExpr is one Gen 2 allow.* expression, or the reason a Gen 1 rule has
// none.
type authExpr struct {
	expr    string
	problem string
}

// ruleExpr turns a v2 @auth rule into allow.*(...): the provider is passed
// only when Gen 1 named one, so that the emitted directive matches what Gen 1
// compiled.
func ruleExpr(rule model.AuthRule, forOperation bool) authExpr {
	prov := rule.Provider
	var base string
	switch rule.Allow {
	case "public":
		switch prov {
		case "", "apiKey":
			base = "allow.publicApiKey()"
		case "iam", "identityPool":
			base = "allow.guest()"
		default:
			return authExpr{problem: fmt.Sprintf("public access with provider %s has no Gen 2 equivalent", prov)}
		}
	case "private":
		switch prov {
		case "":
			base = "allow.authenticated()"
		case "userPools":
			base = "allow.authenticated('userPools')"
		case "iam", "identityPool":
			base = "allow.authenticated('identityPool')"
		case "oidc":
			base = "allow.authenticated('oidc')"
		default:
			return authExpr{problem: fmt.Sprintf("private access with provider %s has no Gen 2 equivalent", prov)}
		}
	case "owner":
		if forOperation {
			return authExpr{problem: "owner rules do not apply to custom operations in Gen 2"}
		}
		arg := ""
		switch prov {
		case "", "userPools":
			if prov != "" {
				arg = "'userPools'"
			}
		case "oidc":
			arg = "'oidc'"
		default:
			return authExpr{problem: fmt.Sprintf("owner rules with provider %s have no Gen 2 equivalent (Gen 2 owner rules use user pools or OIDC)", prov)}
		}
		field := rule.OwnerField
		switch {
		case field == "" || field == "owner" && !rule.OwnerFieldList:
			base = "allow.owner(" + arg + ")"
		case rule.OwnerFieldList:
			base = "allow.ownersDefinedIn(" + joinArgs(ts.Quote(field), arg) + ")"
		default:
			base = "allow.ownerDefinedIn(" + joinArgs(ts.Quote(field), arg) + ")"
		}
		if rule.IdentityClaim != "" {
			base += ".identityClaim(" + ts.Quote(rule.IdentityClaim) + ")"
		}
	case "groups":
		arg := ""
		switch prov {
		case "", "userPools":
			if prov != "" {
				arg = "'userPools'"
			}
		case "oidc":
			arg = "'oidc'"
		default:
			return authExpr{problem: fmt.Sprintf("group rules with provider %s have no Gen 2 equivalent", prov)}
		}
		switch {
		case rule.GroupsField != "" && forOperation:
			return authExpr{problem: "dynamic group rules do not apply to custom operations in Gen 2"}
		case rule.GroupsField != "" && rule.OwnerFieldList:
			base = "allow.groupsDefinedIn(" + joinArgs(ts.Quote(rule.GroupsField), arg) + ")"
		case rule.GroupsField != "":
			base = "allow.groupDefinedIn(" + joinArgs(ts.Quote(rule.GroupsField), arg) + ")"
		default:
			base = "allow.groups(" + joinArgs(ts.Render(ts.Strs(rule.Groups...)), arg) + ")"
		}
		if rule.GroupClaim != "" && !forOperation {
			base += ".withClaimIn(" + ts.Quote(rule.GroupClaim) + ")"
		}
	case "custom":
		switch prov {
		case "":
			base = "allow.custom()"
		case "function":
			base = "allow.custom('function')"
		default:
			return authExpr{problem: fmt.Sprintf("custom rules with provider %s have no Gen 2 equivalent", prov)}
		}
	default:
		return authExpr{problem: fmt.Sprintf("allow: %s is not a known strategy", rule.Allow)}
	}
	if rule.Operations != nil && !forOperation {
		base += ".to(" + ts.Render(ts.Strs(rule.Operations...)) + ")"
	}
	return authExpr{expr: base}
}

func joinArgs(args ...string) string {
	var out []string
	for _, a := range args {
		if a != "" {
			out = append(out, a)
		}
	}
	return strings.Join(out, ", ")
}

// defaultModeRule is the rule that gives a model without @auth the access
// Gen 1 gave it: every caller of the API's default mode.
func defaultModeRule(t model.AuthModeType) model.AuthRule {
	switch t {
	case model.AuthAPIKey:
		return model.AuthRule{Allow: "public"}
	case model.AuthIAM:
		return model.AuthRule{Allow: "private", Provider: "iam"}
	case model.AuthOIDC:
		return model.AuthRule{Allow: "private", Provider: "oidc"}
	case model.AuthLambda:
		return model.AuthRule{Allow: "custom"}
	}
	return model.AuthRule{Allow: "private"}
}

// awsAuthRules turns @aws_* directives of a custom operation into rules.
func awsAuthRules(dirs []model.AWSAuth) []model.AuthRule {
	var out []model.AuthRule
	for _, d := range dirs {
		switch d.Directive {
		case "aws_api_key":
			out = append(out, model.AuthRule{Allow: "public", Pos: d.Pos})
		case "aws_iam":
			out = append(out, model.AuthRule{Allow: "private", Provider: "iam", Pos: d.Pos})
		case "aws_cognito_user_pools":
			if len(d.Groups) > 0 {
				out = append(out, model.AuthRule{Allow: "groups", Groups: d.Groups, Pos: d.Pos})
			} else {
				out = append(out, model.AuthRule{Allow: "private", Pos: d.Pos})
			}
		case "aws_oidc":
			out = append(out, model.AuthRule{Allow: "private", Provider: "oidc", Pos: d.Pos})
		case "aws_lambda":
			out = append(out, model.AuthRule{Allow: "custom", Pos: d.Pos})
		}
	}
	return out
}

// authArrow builds `(allow) => [...]` from rules, with a TODO for each rule
// that has no Gen 2 equivalent. It returns nil when no rule converts.
func authArrow(rules []model.AuthRule, forOperation bool, todo func(problem string, rule model.AuthRule)) ts.Value {
	var items ts.Arr
	seen := map[string]bool{}
	for _, rule := range rules {
		x := ruleExpr(rule, forOperation)
		if x.problem != "" {
			todo(x.problem, rule)
			continue
		}
		if seen[x.expr] {
			continue
		}
		seen[x.expr] = true
		items = append(items, ts.Expr(x.expr))
	}
	if len(items) == 0 {
		return nil
	}
	return ts.Arrow{Params: "allow", Body: items}
}

// ruleText renders a rule in @auth syntax for findings.
func ruleText(rule model.AuthRule) string {
	parts := []string{"allow: " + rule.Allow}
	if rule.Provider != "" {
		parts = append(parts, "provider: "+rule.Provider)
	}
	if rule.OwnerField != "" {
		parts = append(parts, fmt.Sprintf("ownerField: %q", rule.OwnerField))
	}
	if len(rule.Groups) > 0 {
		parts = append(parts, "groups: ["+strings.Join(quoteAll(rule.Groups), ", ")+"]")
	}
	if rule.GroupsField != "" {
		parts = append(parts, fmt.Sprintf("groupsField: %q", rule.GroupsField))
	}
	if rule.Operations != nil {
		parts = append(parts, "operations: ["+strings.Join(rule.Operations, ", ")+"]")
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

// dedupeRoles merges rules that give the same role: the transformer
// rejects a model whose rules repeat a role ("@auth ... already exists").
// @manyToMany join models need it, since their rules are both sides' rules
// put together. Operations of merged rules are united.
func dedupeRoles(rules []model.AuthRule) []model.AuthRule {
	var out []model.AuthRule
	owner := map[string]int{} // role -> index in out
	unite := func(i int, ops []string) {
		if out[i].Operations == nil || ops == nil {
			out[i].Operations = nil
			return
		}
		for _, op := range ops {
			if !slices.Contains(out[i].Operations, op) {
				out[i].Operations = append(out[i].Operations, op)
			}
		}
	}
	for _, rule := range rules {
		base := strings.Join([]string{rule.Allow, rule.EffectiveProvider(), rule.OwnerField, rule.GroupsField, rule.IdentityClaim, rule.GroupClaim}, "|")
		if rule.Allow != "groups" || rule.GroupsField != "" {
			if i, ok := owner[base]; ok {
				unite(i, rule.Operations)
				continue
			}
			owner[base] = len(out)
			out = append(out, rule)
			continue
		}
		var fresh []string
		for _, grp := range rule.Groups {
			if i, ok := owner[base+"|"+grp]; ok {
				unite(i, rule.Operations)
				continue
			}
			fresh = append(fresh, grp)
		}
		if len(fresh) == 0 {
			continue
		}
		rule.Groups = fresh
		rule.Operations = slices.Clone(rule.Operations)
		for _, grp := range fresh {
			owner[base+"|"+grp] = len(out)
		}
		out = append(out, rule)
	}
	return out
}

// sandboxRules keeps Gen 1's sandbox mode: with `input AMPLIFY {
// globalAuthRule: AuthRule = { allow: public } }` and an API key, Gen 1 let
// the API key reach every model, whatever its rules. Gen 2 has no sandbox
// mode, so the models that have rules get the API key rule too.
func (g *gen) sandboxRules(r *model.Resource, api *model.GraphQLAPI, t *model.GQLType, rules []model.AuthRule) []model.AuthRule {
	gr := api.Schema.GlobalAuth
	if gr == nil || gr.Allow != "public" || (gr.Provider != "" && gr.Provider != "apiKey") || !api.Auth.Has(model.AuthAPIKey) || !t.Model.HasAuth {
		return rules
	}
	for _, rule := range rules {
		if rule.Allow == "public" && rule.EffectiveProvider() == "apiKey" && rule.Operations == nil {
			g.finding(r, model.Finding{Code: "data.sandbox", Level: model.Auto, Subject: "model " + t.Name, Pos: t.Model.AuthPos,
				Reason: "Gen 1's sandbox mode (the global auth rule of input AMPLIFY) let the API key reach this model; its own {allow: public} rule gives the API key the same access in Gen 2, which has no sandbox mode"})
			return rules
		}
	}
	g.finding(r, model.Finding{Code: "data.sandbox", Level: model.Manual, Subject: "model " + t.Name, Pos: t.Model.AuthPos,
		Reason: "Gen 1's sandbox mode (the global auth rule of input AMPLIFY) let the API key reach this model besides its @auth rules; Gen 2 has no sandbox mode, so the rule {allow: public} is added to keep that access",
		Action: "remove the API key rule (allow.publicApiKey()) before production unless public access is intended"})
	return append(append([]model.AuthRule(nil), rules...), model.AuthRule{Allow: "public"})
}
