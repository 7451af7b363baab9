package verify_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers"
	"github.com/amplify-migrate/amplify-migrate/writers/verify"
)

// The REST tests compare the routes (path, method, authorization, Lambda
// function), CORS preflights, gateway responses and execute-api policies
// Gen 1 deployed, computed from the Gen 1 files with the CLI's rules, with
// the API Gateway resources and IAM policies of the Gen 2 synth.

// restShape is the comparable shape of a REST API.
type restShape struct {
	routes   []string // "ANY /items IAM fn proxy"
	cors     []string // "/items * DELETE,GET... Content-Type,... 200"
	gateway  []string // "DEFAULT_4XX Access-Control-Allow-Origin='*';..."
	policies []string // "authenticated * /items/*"
}

func stSortedUnique(in []string) []string {
	set := map[string]bool{}
	for _, s := range in {
		set[s] = true
	}
	var out []string
	for s := range set {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// gen1REST computes what Gen 1 deployed for an API.
func gen1REST(t *testing.T, p *model.Project, r *model.Resource) restShape {
	dir := filepath.Join(p.Root, r.Dir)
	type path struct {
		name, fn, setting string
		auth, guest       []string
		groups            map[string][]string
	}
	var paths []path
	if in, ok := stReadJSON(t, filepath.Join(dir, "cli-inputs.json")); ok {
		ps, _ := in["paths"].(map[string]any)
		var names []string
		for n := range ps {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			m := ps[n].(map[string]any)
			perms, _ := m["permissions"].(map[string]any)
			pa := path{name: n, fn: stStr(m["lambdaFunction"]), setting: stStr(perms["setting"]), auth: stStrList(perms["auth"]), guest: stStrList(perms["guest"]), groups: map[string][]string{}}
			gs, _ := perms["groups"].(map[string]any)
			for g, ops := range gs {
				pa.groups[g] = stStrList(ops)
			}
			paths = append(paths, pa)
		}
	} else if in, ok := stReadJSON(t, filepath.Join(dir, "api-params.json")); ok {
		// convertDeperecatedRestApiPaths
		conv := func(v any) []string {
			if s, ok := v.(string); ok {
				switch s {
				case "r":
					return []string{"read"}
				case "rw":
					return []string{"create", "read", "update", "delete"}
				}
				return nil
			}
			m := map[string]string{"/POST": "create", "/GET": "read", "/PUT": "update", "/PATCH": "update", "/DELETE": "delete"}
			var out []string
			for _, x := range stStrList(v) {
				out = append(out, m[x])
			}
			return stSortedUnique(out)
		}
		for _, pv := range stList(in["paths"]) {
			m := pv.(map[string]any)
			priv, _ := m["privacy"].(map[string]any)
			setting := "protected"
			if priv["open"] == true {
				setting = "open"
			} else if priv["private"] == true {
				setting = "private"
			}
			pa := path{name: stStr(m["name"]), fn: stStr(m["lambdaFunction"]), setting: setting, auth: conv(priv["auth"]), guest: conv(priv["unauth"]), groups: map[string][]string{}}
			gs, _ := priv["userPoolGroups"].(map[string]any)
			for g, ops := range gs {
				pa.groups[g] = conv(ops)
			}
			paths = append(paths, pa)
		}
	} else {
		t.Fatalf("%s: no cli-inputs.json or api-params.json", r.Name)
	}
	var s restShape
	admin := r.Name == "AdminQueries"
	corsHeaders := "Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token,X-Amz-User-Agent"
	corsMethods := "DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT"
	if tpl, ok := stReadJSON(t, filepath.Join(dir, r.Name+"-cloudformation-template.json")); ok {
		s = gen1RESTTemplate(t, tpl)
	} else if admin {
		s.routes = append(s.routes, "ANY /{proxy+} COGNITO_USER_POOLS aws.cognito.signin.user.admin "+paths[0].fn+" AWS_PROXY")
		s.cors = append(s.cors, "/{proxy+} * "+corsMethods+" Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token 200")
	} else {
		for _, pa := range paths {
			auth := "AWS_IAM"
			if pa.setting == "open" {
				auth = "NONE"
			}
			proxy := strings.TrimSuffix(pa.name, "/") + "/{proxy+}"
			for _, rp := range []string{pa.name, proxy} {
				s.routes = append(s.routes, fmt.Sprintf("ANY %s %s  %s AWS_PROXY", rp, auth, pa.fn))
				s.cors = append(s.cors, fmt.Sprintf("%s * %s %s 200", rp, corsMethods, corsHeaders))
			}
		}
		for _, typ := range []string{"DEFAULT_4XX", "DEFAULT_5XX"} {
			s.gateway = append(s.gateway, typ+" Access-Control-Allow-Headers='Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token';Access-Control-Allow-Methods='DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT';Access-Control-Allow-Origin='*';Access-Control-Expose-Headers='Date,X-Amzn-ErrorType'")
		}
	}
	// Policies (APIGatewayAuthStack for users and guests, the API's own
	// template for groups); AdminQueries has none.
	if !admin {
		methods := func(ops []string, collapse bool) []string {
			m := map[string][]string{"create": {"POST"}, "read": {"GET"}, "update": {"PUT", "PATCH"}, "delete": {"DELETE"}}
			var out []string
			for _, op := range ops {
				out = append(out, m[op]...)
			}
			if collapse && len(stSortedUnique(out)) == 5 {
				return []string{"*"}
			}
			return out
		}
		param := regexp.MustCompile(`{[a-zA-Z0-9-]+}`)
		for _, pa := range paths {
			pp := param.ReplaceAllString(pa.name, "*")
			star := strings.TrimSuffix(pp, "/") + "/*"
			grant := func(role string, ms []string) {
				for _, m := range ms {
					s.policies = append(s.policies, role+" "+m+" "+pp, role+" "+m+" "+star)
				}
			}
			grant("authenticated", methods(pa.auth, true))
			grant("guest", methods(pa.guest, true))
			for g, ops := range pa.groups {
				grant("group:"+g, methods(ops, false))
			}
		}
	}
	s.routes, s.cors, s.gateway, s.policies = stSortedUnique(s.routes), stSortedUnique(s.cors), stSortedUnique(s.gateway), stSortedUnique(s.policies)
	return s
}

// gen1RESTTemplate reads the routes of a Gen 1 API template's swagger body.
func gen1RESTTemplate(t *testing.T, tpl map[string]any) restShape {
	var s restShape
	methods := map[string]string{"x-amazon-apigateway-any-method": "ANY", "get": "GET", "post": "POST", "put": "PUT", "patch": "PATCH", "delete": "DELETE", "head": "HEAD"}
	fnRe := regexp.MustCompile(`"function([A-Za-z0-9]+)Arn"`)
	for id, rv := range tpl["Resources"].(map[string]any) {
		res := rv.(map[string]any)
		switch stStr(res["Type"]) {
		case "AWS::ApiGateway::RestApi":
			body, _ := stProps(res)["Body"].(map[string]any)
			cognito := map[string]bool{}
			if sd, ok := body["securityDefinitions"].(map[string]any); ok {
				for k, v := range sd {
					if stStr(v.(map[string]any)["x-amazon-apigateway-authtype"]) == "cognito_user_pools" {
						cognito[k] = true
					}
				}
			}
			for p, ops := range body["paths"].(map[string]any) {
				for m, ov := range ops.(map[string]any) {
					op := ov.(map[string]any)
					integ, _ := op["x-amazon-apigateway-integration"].(map[string]any)
					if m == "options" && stStr(integ["type"]) == "mock" {
						resp := integ["responses"].(map[string]any)["default"].(map[string]any)
						rp, _ := resp["responseParameters"].(map[string]any)
						un := func(k string) string { return strings.Trim(stStr(rp["method.response.header."+k]), "'") }
						s.cors = append(s.cors, fmt.Sprintf("%s %s %s %s %s", p, un("Access-Control-Allow-Origin"), un("Access-Control-Allow-Methods"), un("Access-Control-Allow-Headers"), stStr(resp["statusCode"])))
						continue
					}
					auth, scopes := "NONE", ""
					for _, sec := range stList(op["security"]) {
						for k, v := range sec.(map[string]any) {
							if cognito[k] {
								auth, scopes = "COGNITO_USER_POOLS", strings.Join(stStrList(v), ",")
							} else {
								auth = "AWS_IAM"
							}
						}
					}
					fn := ""
					if mm := fnRe.FindStringSubmatch(stRawJSON(integ["uri"])); mm != nil {
						fn = mm[1]
					}
					s.routes = append(s.routes, fmt.Sprintf("%s %s %s %s %s %s", methods[m], p, auth, scopes, fn, strings.ToUpper(stStr(integ["type"]))))
				}
			}
		case "AWS::ApiGateway::GatewayResponse":
			p := stProps(res)
			rp, _ := p["ResponseParameters"].(map[string]any)
			var hs []string
			for k, v := range rp {
				hs = append(hs, strings.TrimPrefix(k, "gatewayresponse.header.")+"="+stStr(v))
			}
			sort.Strings(hs)
			s.gateway = append(s.gateway, stStr(p["ResponseType"])+" "+strings.Join(hs, ";"))
		default:
			_ = id
		}
	}
	return s
}

func stRawJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// gen2REST reads the synthesized API named name-main.
func gen2REST(t *testing.T, c *cfnAsm, name string) (restShape, bool) {
	var s restShape
	apiFile, apiID := "", ""
	c.each("AWS::ApiGateway::RestApi", func(file, id string, r map[string]any) {
		if c.eval(file, stProps(r)["Name"]) == name+"-main" {
			apiFile, apiID = file, id
		}
	})
	if apiID == "" {
		return s, false
	}
	res := c.resources(apiFile)
	var pathOf func(v any) string
	pathOf = func(v any) string {
		e := c.eval(apiFile, v)
		if e == stAttKey(apiFile, apiID, "RootResourceId") {
			return ""
		}
		id := strings.TrimSuffix(strings.TrimPrefix(e, "{{ref:"+apiFile+"#"), "}}")
		r := res[id]
		return pathOf(stProps(r)["ParentId"]) + "/" + stStr(stProps(r)["PathPart"])
	}
	for id, r := range res {
		p := stProps(r)
		switch stStr(r["Type"]) {
		case "AWS::ApiGateway::Method":
			if c.eval(apiFile, p["RestApiId"]) != stRefKey(apiFile, apiID) {
				continue
			}
			path := pathOf(p["ResourceId"])
			if path == "" {
				path = "/"
			}
			integ, _ := p["Integration"].(map[string]any)
			if stStr(p["HttpMethod"]) == "OPTIONS" && stStr(integ["Type"]) == "MOCK" {
				resps := stList(integ["IntegrationResponses"])
				if len(resps) == 0 {
					continue
				}
				resp := resps[0].(map[string]any)
				rp, _ := resp["ResponseParameters"].(map[string]any)
				un := func(k string) string { return strings.Trim(stStr(rp["method.response.header."+k]), "'") }
				s.cors = append(s.cors, fmt.Sprintf("%s %s %s %s %s", path, un("Access-Control-Allow-Origin"), un("Access-Control-Allow-Methods"), un("Access-Control-Allow-Headers"), stStr(resp["StatusCode"])))
				continue
			}
			fn := stFunctionRole("function:" + c.functionOf(apiFile, integ["Uri"]))
			fn = strings.TrimPrefix(fn, "function:")
			s.routes = append(s.routes, fmt.Sprintf("%s %s %s %s %s %s", stStr(p["HttpMethod"]), path, stStr(p["AuthorizationType"]), strings.Join(stStrList(p["AuthorizationScopes"]), ","), fn, stStr(integ["Type"])))
		case "AWS::ApiGateway::GatewayResponse":
			if c.eval(apiFile, p["RestApiId"]) != stRefKey(apiFile, apiID) {
				continue
			}
			rp, _ := p["ResponseParameters"].(map[string]any)
			var hs []string
			for k, v := range rp {
				hs = append(hs, strings.TrimPrefix(k, "gatewayresponse.header.")+"="+stStr(v))
			}
			sort.Strings(hs)
			s.gateway = append(s.gateway, stStr(p["ResponseType"])+" "+strings.Join(hs, ";"))
		default:
			_ = id
		}
	}
	arnPrefix := stRefKey(apiFile, apiID) + "/"
	for _, st := range c.roleStatements() {
		for _, res := range st.resources {
			i := strings.Index(res, arnPrefix)
			if i < 0 {
				continue
			}
			if st.effect != "Allow" || len(st.actions) != 1 || st.actions[0] != "execute-api:Invoke" {
				t.Errorf("%s: unexpected statement %v on the API", name, st)
				continue
			}
			rest := res[i+len(arnPrefix):] // {{ref:stage}}/METHOD/path
			parts := strings.SplitN(rest, "/", 3)
			if len(parts) < 3 {
				t.Errorf("%s: cannot read execute-api ARN %s", name, res)
				continue
			}
			stage := strings.TrimSuffix(strings.TrimPrefix(parts[0], "{{ref:"+apiFile+"#"), "}}")
			if stStr(c.resources(apiFile)[stage]["Type"]) != "AWS::ApiGateway::Stage" {
				t.Errorf("%s: policy names stage %s, not the API's stage", name, parts[0])
			}
			s.policies = append(s.policies, stFunctionRole(st.role)+" "+parts[1]+" /"+parts[2])
		}
	}
	s.routes, s.cors, s.gateway, s.policies = stSortedUnique(s.routes), stSortedUnique(s.cors), stSortedUnique(s.gateway), stSortedUnique(s.policies)
	return s, true
}

func stDiffLists(t *testing.T, what string, want, got []string) {
	t.Helper()
	w, g := map[string]bool{}, map[string]bool{}
	for _, x := range want {
		w[x] = true
	}
	for _, x := range got {
		g[x] = true
	}
	for _, x := range want {
		if !g[x] {
			t.Errorf("%s: Gen 2 lacks %q", what, x)
		}
	}
	for _, x := range got {
		if !w[x] {
			t.Errorf("%s: Gen 2 adds %q", what, x)
		}
	}
}

func restProjects(t *testing.T) []verify.Project {
	var out []verify.Project
	for _, pr := range allProjects(t) {
		data, _ := os.ReadFile(filepath.Join(pr.Dir, "amplify", "backend", "backend-config.json"))
		if strings.Contains(string(data), `"API Gateway"`) {
			out = append(out, pr)
		}
	}
	return out
}

// TestRESTMatchesGen1 checks every REST API of the corpus and testdata:
// each path and method with its authorization (IAM, Cognito or none) and
// Lambda function, the CORS preflights, the gateway responses, and the
// execute-api:Invoke policies of signed-in users, guests and groups.
func TestRESTMatchesGen1(t *testing.T) {
	s := verify.Shared(t)
	for _, pr := range restProjects(t) {
		pr := pr
		t.Run(pr.Name, func(t *testing.T) {
			t.Parallel()
			g := s.Convert(t, pr, writers.Options{})
			stRequireConverted(t, g, model.CategoryAuth, model.CategoryFunction)
			asm := s.Synth(t, g)
			c := stLoadCFN(t, asm)
			for _, r := range g.Gen1.ByService(model.CategoryAPI, "API Gateway") {
				want := gen1REST(t, g.Gen1, r)
				got, ok := gen2REST(t, c, r.Name)
				if !ok {
					t.Errorf("%s: no Gen 2 RestApi named %s-main", r.Name, r.Name)
					continue
				}
				stDiffLists(t, r.Name+" routes", want.routes, got.routes)
				stDiffLists(t, r.Name+" CORS", want.cors, got.cors)
				stDiffLists(t, r.Name+" gateway responses", want.gateway, got.gateway)
				stDiffLists(t, r.Name+" policies", want.policies, got.policies)
				t.Logf("%s: %d routes, %d preflights, %d policy grants", r.Name, len(got.routes), len(got.cors), len(got.policies))
			}
		})
	}
}
