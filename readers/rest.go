package readers

import (
	"path"
	"sort"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/amplify-migrate/amplify-migrate/model"
)

// adminQueriesName is the name the CLI gives its user-administration API.
const adminQueriesName = "AdminQueries"

var restCLIInputKeys = []string{"version", "paths"}
var restPathKeys = []string{"name", "lambdaFunction", "permissions"}
var restPermissionKeys = []string{"setting", "auth", "guest", "groups"}
var restCRUD = []string{"create", "read", "update", "delete"}

// The CORS headers of the CLI's templates.
var (
	restCORSMethods      = []string{"DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"}
	restCORSHeaders      = []string{"Content-Type", "X-Amz-Date", "Authorization", "X-Api-Key", "X-Amz-Security-Token", "X-Amz-User-Agent"}
	restAdminCORSHeaders = []string{"Content-Type", "X-Amz-Date", "Authorization", "X-Api-Key", "X-Amz-Security-Token"}
	restGatewayHeaders   = []model.KeyValue{
		{Key: "Access-Control-Allow-Origin", Value: "'*'"},
		{Key: "Access-Control-Allow-Headers", Value: "'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token'"},
		{Key: "Access-Control-Allow-Methods", Value: "'DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT'"},
		{Key: "Access-Control-Expose-Headers", Value: "'Date,X-Amzn-ErrorType'"},
	}
)

func (r *reader) readREST(res *model.Resource, entry gjson.Result) {
	a := &model.RestAPI{Settings: map[string]string{}, Positions: map[string]model.Pos{}}
	res.REST = a
	a.AuthorizationType = entry.Get("authorizationType").String()
	a.AdminQueries = res.Name == adminQueriesName
	a.DeployedID = res.Outputs["ApiId"]
	a.DeployedURL = res.Outputs["RootUrl"]
	if d, settings, pos := r.readSettings(res, "", "cli-inputs.json"); d != nil {
		a.Source, a.Settings, a.Positions = d.rel, settings, pos
		r.diags = append(r.diags, d.unknownKeys("", restCLIInputKeys, "a REST API cli-inputs.json")...)
		r.readRESTInputs(a, d)
	} else if d, settings, pos := r.readSettings(res, "", "api-params.json"); d != nil {
		a.Source, a.Settings, a.Positions = d.rel, settings, pos
		r.readRESTParams(a, d)
	} else {
		r.missingSettings(res, "REST API", "cli-inputs.json", "api-params.json")
		return
	}
	if len(a.Paths) == 0 {
		r.errorf(model.Pos{File: a.Source, Path: "paths"}, "add at least one path, or remove the API with `amplify remove api`", "REST API %s has no paths", res.Name)
	}
	tpl := r.firstExisting(res.Dir, res.Name+"-cloudformation-template.json", "build/"+res.Name+"-cloudformation-template.json")
	if tpl != "" {
		if d := r.loadJSON(tpl, false, ""); d != nil && r.readRESTTemplate(res, a, d) {
			a.Template = tpl
			return
		}
	}
	a.Routes, a.GatewayResponses = cliRESTRoutes(a, a.Source != "" && strings.HasSuffix(a.Source, "cli-inputs.json"))
}

// readRESTInputs reads the paths of a cli-inputs.json.
func (r *reader) readRESTInputs(a *model.RestAPI, d *jsonDoc) {
	paths, ppos := d.Get("paths")
	if paths.Exists() && !paths.IsObject() {
		r.errorf(ppos, `paths maps each path to {"lambdaFunction", "permissions"}`, "paths is not an object")
		return
	}
	paths.ForEach(func(k, v gjson.Result) bool {
		jp := joinPath("paths", k.String())
		r.diags = append(r.diags, d.unknownKeys(jp, restPathKeys, "a REST API path")...)
		r.diags = append(r.diags, d.unknownKeys(jp+".permissions", restPermissionKeys, "REST API path permissions")...)
		p := model.RestPath{Path: k.String(), Pos: d.Pos(v, jp)}
		var fn gjson.Result
		fn, p.FunctionPos = d.Get(jp + ".lambdaFunction")
		p.Function = fn.String()
		set, spos := d.Get(jp + ".permissions.setting")
		p.Setting = set.String()
		switch p.Setting {
		case model.RestOpen, model.RestPrivate, model.RestProtected:
		case "":
			r.warnf(p.Pos, "add permissions.setting (open, private or protected)", "path %s has no permission setting; it is treated as private", p.Path)
			p.Setting = model.RestPrivate
		default:
			r.warnf(spos, "use open, private or protected", "path %s has the unknown permission setting %q; it is treated as private", p.Path, p.Setting)
			p.Setting = model.RestPrivate
		}
		p.Auth, p.AuthPos = r.restOps(d, jp+".permissions.auth")
		p.Guest, p.GuestPos = r.restOps(d, jp+".permissions.guest")
		d.root.Get(jp + ".permissions.groups").ForEach(func(g, _ gjson.Result) bool {
			gp := joinPath(jp+".permissions.groups", g.String())
			ops, pos := r.restOps(d, gp)
			p.Groups = append(p.Groups, model.RestGroupAccess{Group: g.String(), Ops: ops, Pos: pos})
			return true
		})
		r.checkRESTPath(&p)
		a.Paths = append(a.Paths, p)
		return true
	})
}

func (r *reader) restOps(d *jsonDoc, p string) ([]string, model.Pos) {
	v, pos := d.Get(p)
	var out []string
	for _, op := range asStringList(v) {
		if !contains(restCRUD, op) {
			r.warnf(pos, "use create, read, update or delete", "unknown operation %q in %s is ignored", op, p)
			continue
		}
		out = append(out, op)
	}
	return out, pos
}

func (r *reader) checkRESTPath(p *model.RestPath) {
	if !strings.HasPrefix(p.Path, "/") {
		r.warnf(p.Pos, "paths start with /", "path %q does not start with /; it is used as /%s", p.Path, p.Path)
		p.Path = "/" + p.Path
	}
	if p.Function == "" {
		r.errorf(p.Pos, "name the function that serves the path in lambdaFunction", "path %s has no lambdaFunction", p.Path)
	}
}

// readRESTParams reads an api-params.json the way the CLI converts it
// (convertDeperecatedRestApiPaths).
func (r *reader) readRESTParams(a *model.RestAPI, d *jsonDoc) {
	paths, ppos := d.Get("paths")
	if !paths.IsArray() {
		r.errorf(ppos, "paths is a list of {name, lambdaFunction, privacy}", "api-params.json has no list of paths")
		return
	}
	for i, v := range paths.Array() {
		jp := indexPath("paths", i)
		p := model.RestPath{Path: v.Get("name").String(), Pos: d.Pos(v, jp)}
		var fn gjson.Result
		fn, p.FunctionPos = d.Get(jp + ".lambdaFunction")
		p.Function = fn.String()
		priv := v.Get("privacy")
		switch {
		case priv.Get("open").Bool():
			p.Setting = model.RestOpen
		case priv.Get("private").Bool():
			p.Setting = model.RestPrivate
		default:
			p.Setting = model.RestProtected
		}
		var ap, gp model.Pos
		var auth, guest gjson.Result
		auth, ap = d.Get(jp + ".privacy.auth")
		guest, gp = d.Get(jp + ".privacy.unauth")
		p.Auth, p.AuthPos = deprecatedOps(auth), ap
		p.Guest, p.GuestPos = deprecatedOps(guest), gp
		priv.Get("userPoolGroups").ForEach(func(g, ops gjson.Result) bool {
			p.Groups = append(p.Groups, model.RestGroupAccess{Group: g.String(), Ops: deprecatedOps(ops),
				Pos: d.Pos(ops, joinPath(jp+".privacy.userPoolGroups", g.String()))})
			return true
		})
		r.checkRESTPath(&p)
		a.Paths = append(a.Paths, p)
	}
}

// deprecatedOps converts api-params privacy ("r", "rw", ["/GET", ...]).
func deprecatedOps(v gjson.Result) []string {
	if v.Type == gjson.String {
		switch v.Str {
		case "r":
			return []string{"read"}
		case "rw":
			return append([]string(nil), restCRUD...)
		}
		return nil
	}
	if !v.IsArray() {
		return nil
	}
	opMap := map[string]string{"/POST": "create", "/GET": "read", "/PUT": "update", "/PATCH": "update", "/DELETE": "delete"}
	var out []string
	for _, m := range v.Array() {
		if op, ok := opMap[m.String()]; ok && !contains(out, op) {
			out = append(out, op)
		}
	}
	return out
}

// cliRESTRoutes are the routes and gateway responses the CLI's template
// deploys for the paths (AmplifyApigwResourceStack).
func cliRESTRoutes(a *model.RestAPI, gatewayResponses bool) ([]model.RestRoute, []model.RestGatewayResponse) {
	var routes []model.RestRoute
	if a.AdminQueries {
		if len(a.Paths) == 0 {
			return nil, nil
		}
		p := a.Paths[0]
		routes = append(routes, model.RestRoute{Path: "/{proxy+}", Method: "ANY", Auth: model.RestAuthCognito,
			Scopes: []string{"aws.cognito.signin.user.admin"}, Function: p.Function, Proxy: true, IntegrationType: "aws_proxy",
			RequestParameters:  []model.RestRequestParameter{{Name: "method.request.path.proxy", Required: true}, {Name: "method.request.header.Authorization"}},
			ValidateParameters: true,
			CORS:               &model.RestCORS{AllowOrigin: "*", AllowMethods: restCORSMethods, AllowHeaders: restAdminCORSHeaders, StatusCode: 200},
			Pos:                p.Pos})
		return routes, nil
	}
	for _, p := range a.Paths {
		auth := model.RestAuthIAM
		if p.Setting == model.RestOpen {
			auth = model.RestAuthNone
		}
		for _, rp := range []string{p.Path, appendToURLPath(p.Path, "{proxy+}")} {
			routes = append(routes, model.RestRoute{Path: rp, Method: "ANY", Auth: auth, Function: p.Function, Proxy: true,
				IntegrationType: "aws_proxy",
				CORS:            &model.RestCORS{AllowOrigin: "*", AllowMethods: restCORSMethods, AllowHeaders: restCORSHeaders, StatusCode: 200},
				Pos:             p.Pos})
		}
	}
	var grs []model.RestGatewayResponse
	if gatewayResponses {
		for _, t := range []string{"DEFAULT_4XX", "DEFAULT_5XX"} {
			grs = append(grs, model.RestGatewayResponse{Type: t, Headers: restGatewayHeaders})
		}
	}
	return routes, grs
}

// appendToURLPath is the CLI's helper: "/" + "x" is "/x", "/a" + "x" is "/a/x".
func appendToURLPath(p, postfix string) string {
	if strings.HasSuffix(p, "/") {
		return p + postfix
	}
	return p + "/" + postfix
}

var restBodyKeys = map[string]bool{
	"swagger": true, "info": true, "host": true, "basePath": true, "schemes": true,
	"securityDefinitions": true, "definitions": true, "paths": true, "x-amazon-apigateway-request-validators": true,
}

var restMethods = map[string]string{
	"x-amazon-apigateway-any-method": "ANY", "get": "GET", "post": "POST", "put": "PUT",
	"patch": "PATCH", "delete": "DELETE", "head": "HEAD", "options": "OPTIONS",
}

// readRESTTemplate reads the routes Gen 1 deployed from the API's template
// (the swagger body of its RestApi). It returns false when the template has
// no such body, and the CLI's rules apply.
func (r *reader) readRESTTemplate(res *model.Resource, a *model.RestAPI, d *jsonDoc) bool {
	e := newCFNEval(d.root, gjson.Result{}, r.p.Env)
	var apiID string
	var body gjson.Result
	d.root.Get("Resources").ForEach(func(k, v gjson.Result) bool {
		if v.Get("Type").String() == "AWS::ApiGateway::RestApi" && apiID == "" && v.Get("Properties.Body.paths").Exists() {
			apiID, body = k.String(), v.Get("Properties.Body")
		}
		return true
	})
	if apiID == "" {
		r.warnf(d.FilePos(), "the routes are converted from "+a.Source+" with the CLI's rules", "API template has no RestApi with a swagger body")
		return false
	}
	bp := joinPath("Resources", apiID) + ".Properties.Body"
	body.ForEach(func(k, v gjson.Result) bool {
		if !restBodyKeys[k.String()] {
			a.Unrecognized = append(a.Unrecognized, model.TemplateItem{LogicalID: apiID, Type: "AWS::ApiGateway::RestApi", Property: "Body." + k.String(), Pos: d.Pos(v, joinPath(bp, k.String()))})
		}
		return true
	})
	cognitoAuth := map[string]bool{}
	body.Get("securityDefinitions").ForEach(func(k, v gjson.Result) bool {
		if v.Get("x-amazon-apigateway-authtype").String() == "cognito_user_pools" {
			cognitoAuth[k.String()] = true
		}
		return true
	})
	validators := map[string]bool{}
	body.Get("x-amazon-apigateway-request-validators").ForEach(func(k, v gjson.Result) bool {
		validators[k.String()] = v.Get("validateRequestParameters").Bool()
		return true
	})
	var routes []model.RestRoute
	cors := map[string]*model.RestCORS{}
	body.Get("paths").ForEach(func(pk, ops gjson.Result) bool {
		rp := pk.String()
		pp := joinPath(bp+".paths", rp)
		ops.ForEach(func(mk, op gjson.Result) bool {
			op_ := joinPath(pp, mk.String())
			pos := d.Pos(op, op_)
			method, ok := restMethods[strings.ToLower(mk.String())]
			if !ok {
				a.Unrecognized = append(a.Unrecognized, model.TemplateItem{LogicalID: apiID, Type: "AWS::ApiGateway::RestApi", Property: "path " + rp + " " + mk.String(), Pos: pos})
				return true
			}
			integ := op.Get("x-amazon-apigateway-integration")
			itype := strings.ToLower(integ.Get("type").String())
			if method == "OPTIONS" && itype == "mock" {
				cors[rp] = restCORSOf(integ)
				return true
			}
			rt := model.RestRoute{Path: rp, Method: method, Auth: model.RestAuthNone, IntegrationType: itype, Pos: pos}
			for _, sec := range op.Get("security").Array() {
				sec.ForEach(func(name, scopes gjson.Result) bool {
					if cognitoAuth[name.String()] {
						rt.Auth = model.RestAuthCognito
						rt.Scopes = asStringList(scopes)
					} else {
						rt.Auth = model.RestAuthIAM
					}
					return true
				})
			}
			uri, _ := e.str(integ.Get("uri"))
			if i := strings.Index(uri, "{{function"); i >= 0 {
				rest := uri[i+len("{{function"):]
				if j := strings.Index(rest, "Arn}}"); j >= 0 {
					rt.Function = rest[:j]
				}
			}
			rt.Proxy = itype == "aws_proxy"
			integ.Get("requestTemplates").ForEach(func(ct, tmpl gjson.Result) bool {
				rt.RequestTemplates = append(rt.RequestTemplates, model.KeyValue{Key: ct.String(), Value: tmpl.String()})
				return true
			})
			rt.PassthroughBehavior = integ.Get("passthroughBehavior").String()
			if !rt.Proxy {
				integ.Get("responses").ForEach(func(sel, resp gjson.Result) bool {
					ir := model.RestIntegrationResponse{StatusCode: resp.Get("statusCode").String()}
					if sel.String() != "default" {
						ir.SelectionPattern = sel.String()
					}
					ir.ResponseParameters = keyValues(resp.Get("responseParameters"))
					ir.ResponseTemplates = keyValues(resp.Get("responseTemplates"))
					rt.IntegrationResponses = append(rt.IntegrationResponses, ir)
					return true
				})
				op.Get("responses").ForEach(func(code, resp gjson.Result) bool {
					mr := model.RestMethodResponse{StatusCode: code.String()}
					resp.Get("headers").ForEach(func(h, _ gjson.Result) bool {
						mr.Headers = append(mr.Headers, h.String())
						return true
					})
					rt.MethodResponses = append(rt.MethodResponses, mr)
					return true
				})
			}
			for _, prm := range op.Get("parameters").Array() {
				in := prm.Get("in").String()
				kind := map[string]string{"path": "path", "header": "header", "query": "querystring"}[in]
				if kind == "" {
					continue // body models only document the request
				}
				rt.RequestParameters = append(rt.RequestParameters, model.RestRequestParameter{
					Name: "method.request." + kind + "." + prm.Get("name").String(), Required: prm.Get("required").Bool()})
			}
			if v := op.Get("x-amazon-apigateway-request-validator"); v.Exists() {
				rt.ValidateParameters = validators[v.String()]
			}
			if rt.Function == "" && itype != "mock" {
				a.Unrecognized = append(a.Unrecognized, model.TemplateItem{LogicalID: apiID, Type: "AWS::ApiGateway::RestApi", Property: "path " + rp + " " + mk.String() + " integration " + itype, Pos: pos})
			}
			routes = append(routes, rt)
			return true
		})
		return true
	})
	for i := range routes {
		routes[i].CORS = cors[routes[i].Path]
	}
	// Preflights of paths without other methods still answer OPTIONS.
	var orphan []string
	for p := range cors {
		found := false
		for _, rt := range routes {
			found = found || rt.Path == p
		}
		if !found {
			orphan = append(orphan, p)
		}
	}
	sort.Strings(orphan)
	for _, p := range orphan {
		routes = append(routes, model.RestRoute{Path: p, Method: "OPTIONS", IntegrationType: "mock", CORS: cors[p],
			Pos: d.Pos(body.Get("paths").Get(joinPath("", p)), joinPath(bp+".paths", p))})
	}
	a.Routes = routes
	for _, p := range a.Paths {
		for _, rt := range routes {
			if rt.Path == p.Path && rt.Function != "" && p.Function != "" && rt.Function != p.Function {
				r.warnf(p.FunctionPos, "the deployed template is what Gen 1 runs, so its function is converted; fix "+a.Source+" if the template is stale",
					"%s names function %s for %s, but the API template calls %s", path.Base(a.Source), p.Function, p.Path, rt.Function)
				break
			}
		}
	}
	d.root.Get("Resources").ForEach(func(k, v gjson.Result) bool {
		id := k.String()
		typ := v.Get("Type").String()
		switch typ {
		case "AWS::ApiGateway::RestApi":
			if id != apiID {
				a.Unrecognized = append(a.Unrecognized, model.TemplateItem{LogicalID: id, Type: typ, Pos: d.Pos(v, joinPath("Resources", id))})
			}
		case "AWS::ApiGateway::GatewayResponse":
			gr := model.RestGatewayResponse{Type: v.Get("Properties.ResponseType").String(), Pos: d.Pos(v, joinPath("Resources", id))}
			v.Get("Properties.ResponseParameters").ForEach(func(h, val gjson.Result) bool {
				gr.Headers = append(gr.Headers, model.KeyValue{Key: strings.TrimPrefix(h.String(), "gatewayresponse.header."), Value: val.String()})
				return true
			})
			a.GatewayResponses = append(a.GatewayResponses, gr)
		case "AWS::ApiGateway::Deployment", "AWS::Lambda::Permission", "AWS::IAM::Policy":
			// The stage, the API's right to invoke its functions, and group
			// policies (converted from the paths' permissions).
		default:
			a.Unrecognized = append(a.Unrecognized, model.TemplateItem{LogicalID: id, Type: typ, Pos: d.Pos(v, joinPath("Resources", id))})
		}
		return true
	})
	return true
}

// restCORSOf reads an OPTIONS mock's CORS headers.
func restCORSOf(integ gjson.Result) *model.RestCORS {
	resp := integ.Get("responses.default")
	c := &model.RestCORS{StatusCode: 200}
	if n, ok := asInt(resp.Get("statusCode")); ok {
		c.StatusCode = n
	}
	unquote := func(s string) string { return strings.Trim(s, "'") }
	params := resp.Get("responseParameters")
	c.AllowOrigin = unquote(params.Get(joinPath("", "method.response.header.Access-Control-Allow-Origin")).String())
	c.AllowMethods = splitActions(unquote(params.Get(joinPath("", "method.response.header.Access-Control-Allow-Methods")).String()))
	c.AllowHeaders = splitActions(unquote(params.Get(joinPath("", "method.response.header.Access-Control-Allow-Headers")).String()))
	return c
}

func keyValues(obj gjson.Result) []model.KeyValue {
	var out []model.KeyValue
	obj.ForEach(func(k, v gjson.Result) bool {
		out = append(out, model.KeyValue{Key: k.String(), Value: v.String()})
		return true
	})
	return out
}
