package writers

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

// writeREST converts each API Gateway REST API to a CDK RestApi in its own
// stack in backend.ts: the routes and integrations Gen 1 deployed, IAM,
// Cognito or no authorization per route, the CORS preflights and gateway
// responses, the execute-api policies of signed-in users, guests and
// groups, and an output the frontend reads.
func (g *gen) writeREST() error {
	var apis []*model.Resource
	for _, r := range g.p.ByService(model.CategoryAPI, "API Gateway") {
		switch {
		case r.REST == nil:
		case r.REST.Source == "":
			g.unreadable(r, "rest.unreadable")
		default:
			apis = append(apis, r)
		}
	}
	if len(apis) == 0 {
		return nil
	}
	taken := map[string]bool{"backend": true, "branchName": true, "auth": true, "data": true, "storage": true}
	for _, fn := range g.functions {
		taken[fn.Ident] = true
	}
	n := g.storageNames()
	for _, m := range []map[string]string{n.bucketKey, n.importedBucket, n.table} {
		for _, id := range m {
			taken[id] = true
		}
	}
	var names []string
	for _, r := range apis {
		id := lowerFirst(ts.Ident(r.Name))
		if !strings.HasSuffix(strings.ToLower(id), "api") {
			id += "Api"
		}
		base := id
		for i := 2; taken[id]; i++ {
			id = base + strconv.Itoa(i)
		}
		taken[id] = true
		g.writeRESTAPI(r, id)
		names = append(names, "`"+r.Name+"`")
	}
	g.note(50, "REST APIs", fmt.Sprintf(`Each REST API (%s) is a new API Gateway API in its own stack of amplify/backend.ts, named `+"`<name>-<branch>`"+` in the console. The frontend keeps calling it by its Gen 1 name: amplify_outputs.json lists it under `+"`custom.API.<name>`"+`, which Amplify.configure does not read by itself. Configure the client with:

`+"```ts"+`
import { Amplify } from 'aws-amplify';
import { parseAmplifyConfig } from 'aws-amplify/utils';
import outputs from '../amplify_outputs.json';

const config = parseAmplifyConfig(outputs);
Amplify.configure({ ...config, API: { ...config.API, REST: outputs.custom.API } });
`+"```"+`

The endpoints change (new API ids, stage `+"`prod`"+`); code that built URLs by hand must read them from `+"`outputs.custom.API`"+`. Signed-in users, guests and groups get the same execute-api permissions as in Gen 1, on the Gen 2 roles.`, strings.Join(names, ", ")))
	return nil
}

// restRoles are the Gen 1 execute-api grants of one API.
type restGrant struct {
	who       model.S3Grantee
	methods   []string // "/GET", "/*"
	path      string   // with path parameters as *
	pos       model.Pos
	pathLabel string
}

// restGrants computes the Gen 1 policies: signed-in users and guests from
// the consolidated APIGatewayAuthStack (all of CRUD collapses to every
// method), groups from the API's own template (never collapsed).
// AdminQueries has none: its Cognito authorizer decides.
func restGrants(a *model.RestAPI) []restGrant {
	if a.AdminQueries {
		return nil
	}
	var out []restGrant
	for _, p := range a.Paths {
		path := restPolicyPath(p.Path)
		if ms := restMethodsOf(p.Auth, true); len(ms) > 0 {
			out = append(out, restGrant{who: model.S3Grantee{Kind: model.S3Authenticated}, methods: ms, path: path, pos: p.AuthPos, pathLabel: p.Path})
		}
		if ms := restMethodsOf(p.Guest, true); len(ms) > 0 {
			out = append(out, restGrant{who: model.S3Grantee{Kind: model.S3Guest}, methods: ms, path: path, pos: p.GuestPos, pathLabel: p.Path})
		}
		for _, grp := range p.Groups {
			if ms := restMethodsOf(grp.Ops, false); len(ms) > 0 {
				out = append(out, restGrant{who: model.S3Grantee{Kind: model.S3Group, Name: grp.Group}, methods: ms, path: path, pos: grp.Pos, pathLabel: p.Path})
			}
		}
	}
	return out
}

var restPathParam = regexp.MustCompile(`{[a-zA-Z0-9-]+}`)

// restPolicyPath replaces path parameters with * as the CLI does.
func restPolicyPath(p string) string { return restPathParam.ReplaceAllString(p, "*") }

// restMethodsOf maps CRUD operations to the methods of the Gen 1 policies.
func restMethodsOf(ops []string, collapse bool) []string {
	m := map[string][]string{"create": {"/POST"}, "read": {"/GET"}, "update": {"/PUT", "/PATCH"}, "delete": {"/DELETE"}}
	var out []string
	for _, op := range ops {
		out = append(out, m[op]...)
	}
	if collapse {
		all := true
		for _, x := range []string{"/POST", "/GET", "/PUT", "/PATCH", "/DELETE"} {
			found := false
			for _, y := range out {
				found = found || x == y
			}
			all = all && found
		}
		if all {
			return []string{"/*"}
		}
	}
	return out
}

func (g *gen) writeRESTAPI(r *model.Resource, api string) {
	g.markHandled(r)
	a := r.REST
	im := &g.backend.Imports
	im.Add("aws-cdk-lib/aws-apigateway", "RestApi")
	branch := g.backend.BranchName()
	stack := api + "Stack"
	authOK := g.backend.HasResource("auth")
	groups := g.userPoolGroups()
	var lines []func(p *ts.Printer)
	add := func(f func(p *ts.Printer)) { lines = append(lines, f) }

	g.settingsFindings(r, "rest.setting", a.Settings, a.Positions, "paths")
	g.finding(r, model.Finding{Code: "rest.api", Level: model.CDK,
		Reason: fmt.Sprintf("the REST API becomes a CDK RestApi %s-<branch> in its own stack of amplify/backend.ts", r.Name),
		Action: "configure the frontend with outputs.custom.API (see MIGRATION.md, REST APIs); the endpoint changes"})

	add(func(p *ts.Printer) {
		p.Linef("const %s = backend.createStack(%s);", stack, ts.Quote("rest-api-"+r.Name))
		p.Value("const "+api+" = ", ts.Call{Fn: "new RestApi", HugLast: true, Args: []ts.Value{ts.Expr(stack), ts.Str(r.Name), ts.Obj{
			{Key: "restApiName", Value: ts.Expr("`" + ts.Template(r.Name) + "-${" + branch + "}`")},
			{Key: "cloudWatchRole", Value: ts.Bool(false), Comment: "Gen 1 set no account-wide logging role."},
		}}}, ";")
	})

	// The Cognito user pool authorizer (AdminQueries).
	authorizer := ""
	needsCognito := false
	for _, rt := range a.Routes {
		needsCognito = needsCognito || rt.Auth == model.RestAuthCognito
	}
	if needsCognito {
		if authOK {
			im.Add("aws-cdk-lib/aws-apigateway", "CognitoUserPoolsAuthorizer")
			authorizer = api + "Authorizer"
			add(func(p *ts.Printer) {
				p.Value("const "+authorizer+" = ", ts.Call{Fn: "new CognitoUserPoolsAuthorizer", HugLast: true, Args: []ts.Value{ts.Expr(stack), ts.Str(r.Name + "Authorizer"),
					ts.Obj{{Key: "cognitoUserPools", Value: ts.Arr{ts.Expr("backend.auth.resources.userPool")}}}}}, ";")
			})
			g.finding(r, model.Finding{Code: "rest.cognito-authorizer", Level: model.CDK, Subject: "authorizationType", Pos: r.Pos,
				Reason: "Gen 1 checked callers' Cognito tokens (AMAZON_COGNITO_USER_POOLS); a CognitoUserPoolsAuthorizer on the Gen 2 user pool does the same",
				Action: "callers sign in to the Gen 2 user pool"})
		} else {
			g.finding(r, model.Finding{Code: "rest.cognito-authorizer", Level: model.Manual, Subject: "authorizationType", Pos: r.Pos,
				Reason: "Gen 1 checked callers' Cognito tokens, but the project has no converted auth", Action: "add the authorizer once defineAuth exists (see the TODO)"})
		}
	}

	// Integrations: one Lambda proxy integration per function.
	integrations := map[string]string{}
	var integOrder []string
	for _, rt := range a.Routes {
		if !rt.Proxy || rt.Function == "" || integrations[rt.Function] != "" {
			continue
		}
		fs := g.convertedFunction(rt.Function)
		if fs == nil {
			continue
		}
		im.Add("aws-cdk-lib/aws-apigateway", "LambdaIntegration")
		integrations[rt.Function] = api + pascal(rt.Function) + "Integration"
		integOrder = append(integOrder, rt.Function)
	}
	add(func(p *ts.Printer) {
		for _, fn := range integOrder {
			p.Value("const "+integrations[fn]+" = ", ts.Call{Fn: "new LambdaIntegration", HugLast: true, Args: []ts.Value{ts.Expr("backend." + g.functions[fn].Ident + ".resources.lambda")}}, ";")
		}
	})

	// One CORS options const when every preflight is the same (the CLI's).
	corsConst := ""
	{
		keys := map[string]bool{}
		count := 0
		var first *model.RestCORS
		for _, rt := range a.Routes {
			if rt.CORS != nil {
				keys[fmt.Sprint(*rt.CORS)] = true
				count++
				first = rt.CORS
			}
		}
		if len(keys) == 1 && count > 1 {
			corsConst = api + "Cors"
			im.Add("aws-cdk-lib/aws-apigateway", "type CorsOptions")
			add(func(p *ts.Printer) {
				p.Value("const "+corsConst+": CorsOptions = ", corsOptionsValue(first), ";")
			})
		}
	}

	// Routes.
	methods := 0
	resVars := map[string]string{}
	corsDone := map[string]bool{}
	missingFn := map[string]bool{}
	for _, rt := range a.Routes {
		rt := rt
		im.Add("aws-cdk-lib/aws-apigateway", "AuthorizationType")
		resVar, declare := g.restResource(api, rt.Path, resVars)
		var integ ts.Value
		var todo string
		switch {
		case rt.Method == "OPTIONS":
		case rt.Function != "" && g.convertedFunction(rt.Function) == nil:
			todo = fmt.Sprintf("Gen 1 served %s %s with function %s, which was not converted: add the method once it exists.", rt.Method, rt.Path, rt.Function)
			if !missingFn[rt.Function] {
				missingFn[rt.Function] = true
				g.finding(r, model.Finding{Code: "rest.function", Level: model.Manual, Subject: "function " + rt.Function, Pos: rt.Pos,
					Reason: fmt.Sprintf("function %s serving %s was not converted", rt.Function, rt.Path),
					Action: "add the route's method in amplify/backend.ts once the function exists (see the TODO)"})
			}
		case rt.Proxy && rt.Function != "":
			integ = ts.Expr(integrations[rt.Function])
		case rt.Function != "" && rt.IntegrationType == "aws":
			im.Add("aws-cdk-lib/aws-apigateway", "LambdaIntegration")
			integ = ts.Call{Fn: "new LambdaIntegration", HugLast: true, Args: []ts.Value{ts.Expr("backend." + g.functions[rt.Function].Ident + ".resources.lambda"), g.restIntegrationOptions(rt, true)}}
			g.finding(r, model.Finding{Code: "rest.integration", Level: model.CDK, Subject: rt.Method + " " + rt.Path, Pos: rt.Pos,
				Reason: "Gen 1 used a non-proxy Lambda integration with its own request templates and responses; written with the same options"})
		case rt.IntegrationType == "mock":
			im.Add("aws-cdk-lib/aws-apigateway", "MockIntegration")
			integ = ts.Call{Fn: "new MockIntegration", Args: []ts.Value{g.restIntegrationOptions(rt, false)}}
		default:
			todo = fmt.Sprintf("Gen 1 served %s %s with a %q integration, which was not converted: add it by hand.", rt.Method, rt.Path, rt.IntegrationType)
			g.finding(r, model.Finding{Code: "rest.integration", Level: model.Manual, Subject: rt.Method + " " + rt.Path, Pos: rt.Pos,
				Reason: fmt.Sprintf("%q integration has no automatic conversion", rt.IntegrationType), Action: "add the method by hand (see the TODO)"})
		}
		opts := ts.Obj{}
		switch rt.Auth {
		case model.RestAuthIAM:
			opts.Set("authorizationType", ts.Expr("AuthorizationType.IAM"))
		case model.RestAuthCognito:
			if authorizer == "" {
				todo = fmt.Sprintf("Gen 1 required a Cognito user pool token on %s %s; add a CognitoUserPoolsAuthorizer once defineAuth exists.", rt.Method, rt.Path)
			} else {
				opts.Set("authorizationType", ts.Expr("AuthorizationType.COGNITO"))
				opts.Set("authorizer", ts.Expr(authorizer))
				if len(rt.Scopes) > 0 {
					opts.Set("authorizationScopes", ts.Strs(rt.Scopes...))
				}
			}
		default:
			opts.Set("authorizationType", ts.Expr("AuthorizationType.NONE"))
		}
		if len(rt.RequestParameters) > 0 {
			rp := ts.Obj{}
			for _, x := range rt.RequestParameters {
				rp.Set(x.Name, ts.Bool(x.Required))
			}
			opts.Set("requestParameters", rp)
		}
		if rt.ValidateParameters {
			opts.Set("requestValidatorOptions", ts.Obj{{Key: "validateRequestParameters", Value: ts.Bool(true)}})
		}
		if len(rt.MethodResponses) > 0 {
			var mrs ts.Arr
			for _, mr := range rt.MethodResponses {
				o := ts.Obj{{Key: "statusCode", Value: ts.Str(mr.StatusCode)}}
				if len(mr.Headers) > 0 {
					rp := ts.Obj{}
					for _, h := range mr.Headers {
						rp.Set("method.response.header."+h, ts.Bool(true))
					}
					o.Set("responseParameters", rp)
				}
				mrs = append(mrs, o)
			}
			opts.Set("methodResponses", mrs)
		}
		var cors ts.Value
		if rt.CORS != nil && !corsDone[rt.Path] {
			corsDone[rt.Path] = true
			if corsConst != "" {
				cors = ts.Expr(corsConst)
			} else {
				cors = corsOptionsValue(rt.CORS)
			}
		}
		authText := map[string]string{model.RestAuthIAM: "IAM", model.RestAuthCognito: "Cognito user pool", model.RestAuthNone: "none"}[rt.Auth]
		if rt.Method != "OPTIONS" {
			f := model.Finding{Code: "rest.route", Level: model.CDK, Subject: rt.Method + " " + rt.Path, Pos: rt.Pos,
				Reason: fmt.Sprintf("%s %s → function %s, authorization %s, as in Gen 1", rt.Method, rt.Path, orDash(rt.Function), authText)}
			if todo != "" {
				f.Level, f.Action = model.Manual, "add the method by hand (see the TODO in amplify/backend.ts)"
			} else if integ != nil {
				methods++
			}
			g.finding(r, f)
		}
		if rt.CORS != nil {
			methods++
		}
		add(func(p *ts.Printer) {
			if declare != nil {
				declare(p)
			}
			if todo != "" {
				p.Todo("rest.route", todo)
			} else if integ != nil {
				p.Value(resVar+".", ts.Call{Fn: "addMethod", HugLast: true, Args: []ts.Value{ts.Str(rt.Method), integ, opts}}, ";")
			}
			if cors != nil {
				p.Value(resVar+".", ts.Call{Fn: "addCorsPreflight", Args: []ts.Value{cors}}, ";")
			}
		})
	}
	if len(corsDone) > 0 {
		g.finding(r, model.Finding{Code: "rest.cors", Level: model.CDK, Subject: "OPTIONS", Pos: r.Pos,
			Reason: "each path answers CORS preflights with the headers Gen 1's mock OPTIONS methods returned"})
	}

	// Gateway responses.
	if len(a.GatewayResponses) > 0 {
		im.Add("aws-cdk-lib/aws-apigateway", "ResponseType")
		headers := func(gr model.RestGatewayResponse) ts.Obj {
			h := ts.Obj{}
			for _, kv := range gr.Headers {
				h.Set(kv.Key, ts.StrFewest(kv.Value))
			}
			return h
		}
		shared := len(a.GatewayResponses) > 1
		for _, gr := range a.GatewayResponses {
			shared = shared && ts.Render(headers(gr)) == ts.Render(headers(a.GatewayResponses[0]))
		}
		add(func(p *ts.Printer) {
			var hv ts.Value
			if shared {
				p.Value("const "+api+"ErrorHeaders = ", headers(a.GatewayResponses[0]), ";")
				hv = ts.Expr(api + "ErrorHeaders")
			}
			for _, gr := range a.GatewayResponses {
				h := hv
				if h == nil {
					h = headers(gr)
				}
				p.Value(api+".", ts.Call{Fn: "addGatewayResponse", HugLast: true, Args: []ts.Value{ts.Str(gatewayResponseID(gr.Type)),
					ts.Obj{{Key: "type", Value: ts.Expr("ResponseType." + gr.Type)}, {Key: "responseHeaders", Value: h}}}}, ";")
			}
		})
		g.finding(r, model.Finding{Code: "rest.gateway-responses", Level: model.CDK, Subject: "GatewayResponses", Pos: a.GatewayResponses[0].Pos,
			Reason: "error responses (" + gatewayTypes(a.GatewayResponses) + ") carry the CORS headers Gen 1 added"})
	}

	// Who may call it.
	grants := restGrants(a)
	type rolePolicy struct {
		who       model.S3Grantee
		resources ts.Arr
		labels    []string
		pos       model.Pos
	}
	var policies []*rolePolicy
	for _, gr := range grants {
		var rp *rolePolicy
		for _, x := range policies {
			if x.who == gr.who {
				rp = x
			}
		}
		if rp == nil {
			rp = &rolePolicy{who: gr.who, pos: gr.pos}
			policies = append(policies, rp)
		}
		paths := []string{gr.path, appendURLPath(gr.path, "*")}
		var ms []string
		for _, m := range gr.methods {
			ms = append(ms, strings.TrimPrefix(m, "/"))
		}
		rp.labels = append(rp.labels, strings.Join(ms, ", ")+" "+gr.pathLabel)
		if gr.who.Kind == model.S3Group {
			// The API's group policies list each path before each method.
			for _, pth := range paths {
				for _, m := range ms {
					rp.resources = append(rp.resources, ts.Expr(api+".arnForExecuteApi("+ts.Quote(m)+", "+ts.Quote(pth)+", "+api+"Stage)"))
				}
			}
			continue
		}
		for _, m := range ms {
			for _, pth := range []string{paths[1], paths[0]} {
				rp.resources = append(rp.resources, ts.Expr(api+".arnForExecuteApi("+ts.Quote(m)+", "+ts.Quote(pth)+", "+api+"Stage)"))
			}
		}
	}
	if len(policies) > 0 {
		im.Add("aws-cdk-lib/aws-iam", "Policy", "PolicyStatement")
		add(func(p *ts.Printer) {
			p.Comment("Who may call the API, as in Gen 1 (whose policies named the stage too).")
			p.Linef("const %sStage = %s.deploymentStage.stageName;", api, api)
		})
		for _, rp := range policies {
			rp := rp
			role, ok := g.roleExpr(rp.who)
			f := model.Finding{Code: "rest.policy", Subject: "invoke: " + granteeText(rp.who), Pos: rp.pos,
				Reason: "Gen 1 let " + granteeText(rp.who) + " call " + strings.Join(rp.labels, "; ")}
			if ok {
				f.Level, f.Action = model.CDK, "an execute-api:Invoke policy on the Gen 2 role in amplify/backend.ts"
			} else {
				f.Level, f.Action = model.Manual, "attach the policy by hand (see the TODO)"
				if rp.who.Kind == model.S3Group && authOK && !groups[rp.who.Name] {
					f.Reason += fmt.Sprintf("; the user pool has no group %q in Gen 2", rp.who.Name)
				}
			}
			g.finding(r, f)
			add(func(p *ts.Printer) {
				props := ts.Obj{}
				if ok {
					props.Set("roles", ts.Arr{ts.Expr(role)})
				}
				props.Set("statements", ts.Arr{ts.Call{Fn: "new PolicyStatement", Args: []ts.Value{ts.Obj{
					{Key: "actions", Value: ts.Strs("execute-api:Invoke")},
					{Key: "resources", Value: rp.resources},
				}}}})
				if !ok {
					p.Todo("rest.policy", fmt.Sprintf("Gen 1 let %s call %s; attach this policy to their Gen 2 role (%s).", granteeText(rp.who), strings.Join(rp.labels, "; "), role))
				}
				p.Value("", ts.Call{Fn: "new Policy", HugLast: true, Args: []ts.Value{ts.Expr(stack), ts.Str(r.Name + policyIDPart(rp.who)), props}}, ";")
			})
		}
	}

	// The frontend finds the API under its Gen 1 name.
	add(func(p *ts.Printer) {
		p.Value("backend.addOutput(", ts.Obj{{Key: "custom", Value: ts.Obj{{Key: "API", Value: ts.Obj{{Key: r.Name, Value: ts.Obj{
			{Key: "endpoint", Value: ts.Expr("`https://${" + api + ".restApiId}.execute-api.${" + stack + ".region}.${" + stack + ".urlSuffix}/${" + api + ".deploymentStage.stageName}`")},
			{Key: "region", Value: ts.Expr(stack + ".region")},
			{Key: "apiName", Value: ts.Expr(api + ".restApiName")},
		}}}}}}}, ");")
	})
	g.finding(r, model.Finding{Code: "rest.name", Level: model.Auto, Subject: "apiName", Pos: r.Pos,
		Reason: fmt.Sprintf("the frontend keeps calling the API %q: amplify_outputs.json lists it under custom.API.%s", r.Name, r.Name),
		Action: "merge outputs.custom.API into Amplify.configure (see MIGRATION.md, REST APIs)"})

	// What needs a person.
	for _, it := range a.Unrecognized {
		it := it
		g.finding(r, model.Finding{Code: "rest.template", Level: model.Manual, Subject: templateItemText(it), Pos: it.Pos,
			Reason: "template item with no automatic conversion", Action: "port it by hand in amplify/backend.ts (see the TODO)"})
		add(func(p *ts.Printer) {
			p.Todo("rest.template", fmt.Sprintf("the Gen 1 API template has %s at %s, which was not converted: add its Gen 2 equivalent here.", templateItemText(it), it.Pos))
		})
	}
	if a.DeployedURL != "" {
		g.finding(r, model.Finding{Code: "rest.endpoint", Level: model.Auto, Subject: "RootUrl",
			Reason: "Gen 1 endpoint " + a.DeployedURL + " keeps working until the Gen 1 backend is deleted"})
	}

	if methods == 0 {
		// API Gateway refuses an API without methods: keep the code for
		// later, commented out.
		g.finding(r, model.Finding{Code: "rest.api-empty", Level: model.Manual, Pos: r.Pos,
			Reason: "none of the API's routes could be written (their functions or auth were not converted)",
			Action: "uncomment the API in amplify/backend.ts once they exist (see the TODO)"})
		g.backend.Add(OrderREST, "REST API "+r.Name+" (Gen 1 API Gateway)", func(p *ts.Printer) {
			inner := ts.New()
			for _, l := range lines {
				l(inner)
			}
			p.Todo("rest.api-empty", "none of this API's routes could be written yet; uncomment it once the functions and auth it needs exist.")
			p.Commented(inner.String())
		})
		return
	}
	if r.Override != nil {
		// override.ts reached the API as resources.restApi.
		im.Add("aws-cdk-lib/aws-apigateway", "CfnRestApi")
		g.exportOverride(r, "restApi", "("+api+".node.defaultChild as CfnRestApi)")
	}
	g.backend.Add(OrderREST, "REST API "+r.Name+" (Gen 1 API Gateway)", func(p *ts.Printer) {
		for _, l := range lines {
			l(p)
		}
	})
}

// restResource returns the variable of a route's resource and, the first
// time, a function declaring it.
func (g *gen) restResource(api, path string, vars map[string]string) (string, func(p *ts.Printer)) {
	if path == "/" || path == "" {
		return api + ".root", nil
	}
	if v, ok := vars[path]; ok {
		return v, nil
	}
	name := api
	for _, seg := range strings.Split(strings.Trim(path, "/"), "/") {
		name += pascal(seg)
	}
	base := name
	for i := 2; ; i++ {
		clash := false
		for _, v := range vars {
			clash = clash || v == name
		}
		if !clash {
			break
		}
		name = base + strconv.Itoa(i)
	}
	vars[path] = name
	return name, func(p *ts.Printer) {
		p.Linef("const %s = %s.root.resourceForPath(%s);", name, api, ts.Quote(path))
	}
}

// restIntegrationOptions are the options of a non-proxy integration.
func (g *gen) restIntegrationOptions(rt model.RestRoute, lambda bool) ts.Obj {
	o := ts.Obj{}
	if lambda {
		o.Set("proxy", ts.Bool(false))
	}
	if len(rt.RequestTemplates) > 0 {
		rq := ts.Obj{}
		for _, kv := range rt.RequestTemplates {
			rq.Set(kv.Key, ts.Str(kv.Value))
		}
		o.Set("requestTemplates", rq)
	}
	if pb := rt.PassthroughBehavior; pb != "" {
		g.backend.Imports.Add("aws-cdk-lib/aws-apigateway", "PassthroughBehavior")
		o.Set("passthroughBehavior", ts.Expr("PassthroughBehavior."+strings.ToUpper(pb)))
	}
	if len(rt.IntegrationResponses) > 0 {
		var irs ts.Arr
		for _, ir := range rt.IntegrationResponses {
			x := ts.Obj{{Key: "statusCode", Value: ts.Str(ir.StatusCode)}}
			if ir.SelectionPattern != "" {
				x.Set("selectionPattern", ts.Str(ir.SelectionPattern))
			}
			if len(ir.ResponseParameters) > 0 {
				rp := ts.Obj{}
				for _, kv := range ir.ResponseParameters {
					rp.Set(kv.Key, ts.StrFewest(kv.Value))
				}
				x.Set("responseParameters", rp)
			}
			if len(ir.ResponseTemplates) > 0 {
				rp := ts.Obj{}
				for _, kv := range ir.ResponseTemplates {
					rp.Set(kv.Key, ts.StrFewest(kv.Value))
				}
				x.Set("responseTemplates", rp)
			}
			irs = append(irs, x)
		}
		o.Set("integrationResponses", irs)
	}
	return o
}

// corsOptionsValue is the CorsOptions of a Gen 1 preflight.
func corsOptionsValue(c *model.RestCORS) ts.Obj {
	o := ts.Obj{{Key: "allowOrigins", Value: ts.Strs(c.AllowOrigin)}}
	if len(c.AllowMethods) > 0 {
		o.Set("allowMethods", ts.Strs(c.AllowMethods...))
	}
	if len(c.AllowHeaders) > 0 {
		o.Set("allowHeaders", ts.Strs(c.AllowHeaders...))
	}
	o.Set("statusCode", ts.Num(c.StatusCode))
	return o
}

func gatewayResponseID(t string) string {
	parts := strings.Split(strings.ToLower(t), "_")
	var b strings.Builder
	for _, p := range parts {
		if p == "" {
			continue
		}
		b.WriteString(strings.ToUpper(p[:1]) + p[1:])
	}
	return b.String()
}

func gatewayTypes(grs []model.RestGatewayResponse) string {
	var out []string
	for _, gr := range grs {
		out = append(out, gr.Type)
	}
	return strings.Join(out, ", ")
}

// appendURLPath is the CLI's appendToUrlPath.
func appendURLPath(p, postfix string) string {
	if strings.HasSuffix(p, "/") {
		return p + postfix
	}
	return p + "/" + postfix
}

// pascal turns a name or path segment into PascalCase: "{proxy+}" is
// "Proxy", "nutrition-log" is "NutritionLog".
func pascal(s string) string {
	id := ts.Ident(s)
	id = strings.TrimLeft(id, "_")
	if id == "" {
		return "Root"
	}
	return strings.ToUpper(id[:1]) + id[1:]
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
