package readers

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/amplify-migrate/amplify-migrate/model"
)

// functionParameterKeys are the keys the Amplify CLI writes in a function's
// function-parameters.json.
var functionParameterKeys = []string{
	"permissions", "lambdaLayers", "environmentVariableList", "secretNames",
	"trigger", "modules", "parentResource", "functionName", "resourceName",
	"parentStack", "triggerEnvs", "triggerDir", "triggerTemplate",
	"triggerEventPath", "roleName", "skipEdit", "enableCors",
	"mutableParametersState", "dependsOn", "cloudwatchRule", "runtime",
	"functionTemplate", "lambdaFunction", "defaultRuntime", "topLevelComment",
	"categoryPolicies", "resourceProperties",
}

// runtimePlugins maps amplify.state plugin ids to runtime families, for
// projects whose amplify.state lacks functionRuntime.
var runtimePlugins = map[string]string{
	"amplify-nodejs-function-runtime-provider": "nodejs",
	"amplify-python-function-runtime-provider": "python",
	"amplify-java-function-runtime-provider":   "java",
	"amplify-go-function-runtime-provider":     "go",
	"amplify-dotnet-function-runtime-provider": "dotnet",
}

// sourceSkipDirs are folders under a function's source that are build
// output or installed dependencies, never user code.
var sourceSkipDirs = map[string]bool{
	"node_modules": true, "__pycache__": true, ".venv": true, "venv": true,
	"bin": true, "obj": true, "build": true, "dist": true, ".gradle": true,
	".pytest_cache": true, ".mypy_cache": true, "target": true, ".aws-sam": true,
}

// buildFileNames are files beside a function's src/ that its Gen 1 build read.
var buildFileNames = map[string]bool{
	"Pipfile": true, "Pipfile.lock": true, "requirements.txt": true,
	"build.gradle": true, "settings.gradle": true, "gradle.properties": true,
	"gradlew": true, "gradlew.bat": true, "pom.xml": true,
	"go.mod": true, "go.sum": true,
}

func (r *reader) readFunction(res *model.Resource) {
	f := &model.Function{
		SourceDir: path.Join(res.Dir, "src"),
		Settings:  map[string]string{},
		Positions: map[string]model.Pos{},
	}
	res.Function = f
	if d := r.loadJSON(path.Join(res.Dir, "amplify.state"), false, ""); d != nil {
		f.RuntimeFamily = d.root.Get("functionRuntime").String()
		if f.RuntimeFamily == "" {
			f.RuntimeFamily = runtimePlugins[d.root.Get("pluginId").String()]
		}
	}

	fp := r.loadJSON(path.Join(res.Dir, "function-parameters.json"), false, "")
	params := r.functionParamValues(res, fp)

	tpl := r.functionTemplatePath(res)
	var td *jsonDoc
	if tpl != "" {
		td = r.loadJSON(tpl, false, "")
		f.Template = tpl
	}
	// Without a template the conversion uses the CLI's defaults and says so.
	var templateParams []string
	if td != nil {
		td.root.Get("Parameters").ForEach(func(k, v gjson.Result) bool {
			templateParams = append(templateParams, k.String())
			return true
		})
	}
	if fp != nil {
		r.readFunctionParameters(res, f, fp, templateParams)
	}
	if td != nil {
		vp := &valueParser{r: r, res: res, d: td, params: params, defaults: map[string]string{}}
		td.root.Get("Parameters").ForEach(func(k, v gjson.Result) bool {
			if def := v.Get("Default"); def.Exists() {
				vp.defaults[k.String()] = asString(def)
			}
			return true
		})
		vp.deps = dependencyParams(res.DependsOn)
		r.readFunctionTemplate(res, f, td, vp)
	}
	switch {
	case f.RuntimeFamily == "":
		f.RuntimeFamily = runtimeFamily(f.Runtime)
	case strings.HasPrefix(f.RuntimeFamily, "dotnet"):
		// amplify.state names the SDK ("dotnetcore3.1", "dotnet6", "dotnet8").
		f.RuntimeFamily = "dotnet"
	}
	r.readFunctionSources(res, f)
	if f.Trigger == nil {
		f.Trigger = r.triggerFromParameters(res, params)
	}
	r.readCustomPolicies(res, f)
	dropDeployedCustomPolicies(f)
}

// dropDeployedCustomPolicies removes the template's CustomLambdaExecutionPolicy
// when custom-policies.json has statements: the CLI writes that file into
// the template on every push (with the region and account filled in), so
// the file is the source and the template holds a copy.
func dropDeployedCustomPolicies(f *model.Function) {
	custom := false
	for _, p := range f.Policies {
		custom = custom || p.Source == "custom-policies.json"
	}
	if !custom {
		return
	}
	kept := f.Policies[:0]
	for _, p := range f.Policies {
		if p.Source != "template policy CustomLambdaExecutionPolicy" {
			kept = append(kept, p)
		}
	}
	f.Policies = kept
}

// functionTemplatePath finds the function's template. The CLI on macOS
// and Windows found templates whose name differs in case from the resource.
func (r *reader) functionTemplatePath(res *model.Resource) string {
	want := res.Name + "-cloudformation-template.json"
	if p := path.Join(res.Dir, want); r.exists(p) {
		return p
	}
	names, _ := readDirNames(r, res.Dir)
	for _, n := range names {
		if strings.EqualFold(n, want) {
			p := path.Join(res.Dir, n)
			r.warnf(model.Pos{File: p}, "rename it to "+want+"; it only worked on a case-insensitive file system",
				"the template of function %s differs in case from the resource name", res.Name)
			return p
		}
	}
	return ""
}

// paramValue is the value of a template parameter for the selected
// environment and where it was set.
type paramValue struct {
	value string
	pos   model.Pos
}

// functionParamValues gathers the values a function's template parameters
// take: team-provider-info.json for the selected environment wins over the
// function's parameters.json, which wins over scalar keys of
// function-parameters.json (where older CLIs kept trigger settings).
func (r *reader) functionParamValues(res *model.Resource, fp *jsonDoc) map[string]paramValue {
	out := map[string]paramValue{}
	if fp != nil {
		fp.root.ForEach(func(k, v gjson.Result) bool {
			if v.IsObject() || v.IsArray() || contains(functionParameterKeys, k.String()) {
				return true
			}
			out[k.String()] = paramValue{asString(v), fp.Pos(v, joinPath("", k.String()))}
			return true
		})
	}
	if d := r.loadJSON(path.Join(res.Dir, "parameters.json"), false, ""); d != nil {
		d.root.ForEach(func(k, v gjson.Result) bool {
			val := asString(v)
			if v.IsArray() {
				val = strings.Join(asStringList(v), ",")
			}
			out[k.String()] = paramValue{val, d.Pos(v, joinPath("", k.String()))}
			return true
		})
	}
	if r.tpi != nil && r.p.Env != "" {
		base := joinPath(joinPath(joinPath(r.p.Env, "categories"), res.Category), res.Name)
		r.tpi.root.Get(base).ForEach(func(k, v gjson.Result) bool {
			p := joinPath(base, k.String())
			out[k.String()] = paramValue{asString(v), r.tpi.Pos(v, p)}
			return true
		})
	}
	return out
}

// dependencyParams maps the template parameter names Gen 1 derives from
// dependsOn (category + resource name + attribute) to what they name.
func dependencyParams(deps []model.Dependency) map[string]model.AttrRef {
	out := map[string]model.AttrRef{}
	for _, d := range deps {
		for _, a := range d.Attributes {
			out[d.Category+d.ResourceName+a] = model.AttrRef{Category: d.Category, Resource: d.ResourceName, Attribute: a}
		}
	}
	return out
}

func (r *reader) readFunctionParameters(res *model.Resource, f *model.Function, d *jsonDoc, templateParams []string) {
	if !d.root.IsObject() {
		r.errorf(d.FilePos(), "function-parameters.json holds an object such as {\"permissions\": {}, \"lambdaLayers\": []}", "function-parameters.json is not a JSON object")
		return
	}
	// Older CLIs kept trigger parameter values (GROUP) here too.
	r.diags = append(r.diags, d.unknownKeys("", append(templateParams, functionParameterKeys...), "function-parameters.json")...)
	f.Settings = flatten(d.root)
	f.Positions = d.positions("")

	perms := d.root.Get("permissions")
	if perms.Exists() && perms.Type != gjson.Null {
		if !perms.IsObject() {
			r.warnf(d.Pos(perms, "permissions"), "permissions maps a category to resources and operations", "function permissions are not an object and are ignored")
		} else {
			f.Permissions = map[string]map[string][]string{}
			perms.ForEach(func(cat, resources gjson.Result) bool {
				resources.ForEach(func(name, ops gjson.Result) bool {
					if f.Permissions[cat.String()] == nil {
						f.Permissions[cat.String()] = map[string][]string{}
					}
					f.Permissions[cat.String()][name.String()] = asStringList(ops)
					p := joinPath(joinPath("permissions", cat.String()), name.String())
					f.Positions["permissions."+cat.String()+"."+name.String()] = d.Pos(ops, p)
					return true
				})
				return true
			})
		}
	}

	for i, l := range d.root.Get("lambdaLayers").Array() {
		p := indexPath("lambdaLayers", i)
		ref := model.LayerRef{Pos: d.Pos(l, p)}
		switch l.Get("type").String() {
		case "ProjectLayer":
			ref.Project = l.Get("resourceName").String()
			ref.Version = asString(l.Get("version"))
			if ref.Project == "" {
				r.warnf(ref.Pos, "a project layer names its resourceName", "layer entry without a resourceName is ignored")
				continue
			}
		case "ExternalLayer":
			ref.Arn = l.Get("arn").String()
			if ref.Arn == "" {
				r.warnf(ref.Pos, "an external layer gives its arn", "layer entry without an arn is ignored")
				continue
			}
		default:
			r.warnf(ref.Pos, "use \"ProjectLayer\" or \"ExternalLayer\"", "unknown layer type %q is ignored", l.Get("type").String())
			continue
		}
		f.Layers = append(f.Layers, ref)
	}

	for i, s := range d.root.Get("secretNames").Array() {
		if name := s.String(); name != "" {
			f.Secrets = append(f.Secrets, model.FunctionSecret{Name: name, Pos: d.Pos(s, indexPath("secretNames", i))})
		}
	}

	if b, _ := asBool(d.root.Get("trigger")); b && d.root.Get("parentStack").String() == "auth" {
		t := &model.TriggerInfo{Auth: d.root.Get("parentResource").String(), Pos: d.Pos(d.root.Get("trigger"), "trigger")}
		t.Event = strings.TrimPrefix(res.Name, t.Auth)
		t.Modules = asStringList(d.root.Get("modules"))
		f.Trigger = t
	}
}

// triggerFromParameters recognises Cognito triggers of projects whose
// function-parameters.json does not say so: their parameters name the
// modules and the auth resource depends on them.
func (r *reader) triggerFromParameters(res *model.Resource, params map[string]paramValue) *model.TriggerInfo {
	mods, ok := params["modules"]
	if !ok {
		return nil
	}
	for _, a := range r.p.Resources {
		if a.Category != model.CategoryAuth || !strings.HasPrefix(res.Name, a.Name) {
			continue
		}
		return &model.TriggerInfo{Auth: a.Name, Event: strings.TrimPrefix(res.Name, a.Name),
			Modules: splitList(mods.value), Pos: mods.pos}
	}
	// The auth resource may come later in backend-config.json; linkFunctions
	// fills Auth then.
	return &model.TriggerInfo{Modules: splitList(mods.value), Pos: mods.pos}
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// standardRoleResources are the template resources every Gen 1 function has
// and that Gen 2 makes itself.
var standardRoleResources = map[string]bool{"LambdaExecutionRole": true, "lambdaexecutionpolicy": true}

func (r *reader) readFunctionTemplate(res *model.Resource, f *model.Function, d *jsonDoc, vp *valueParser) {
	resources := d.root.Get("Resources")
	fnID := "LambdaFunction"
	if !resources.Get(fnID).Exists() {
		fnID = ""
		resources.ForEach(func(k, v gjson.Result) bool {
			if v.Get("Type").String() == "AWS::Lambda::Function" {
				fnID = k.String()
				return false
			}
			return true
		})
	}
	if fnID == "" {
		r.errorf(d.FilePos(), "the template must declare the function (AWS::Lambda::Function); restore it from version control",
			"%s declares no Lambda function", d.rel)
		return
	}
	vp.fnID = fnID
	base := "Resources." + fnID + ".Properties"
	props := d.root.Get(base)
	get := func(key string) (gjson.Result, model.Pos) { return d.Get(base + "." + key) }

	v, pos := get("Runtime")
	f.Runtime, f.Positions["runtime"] = vp.scalar(v, pos), pos
	v, pos = get("Handler")
	f.Handler, f.Positions["handler"] = vp.scalar(v, pos), pos
	if v, pos = get("Timeout"); v.Exists() {
		f.Positions["timeout"] = pos
		if n, ok := asInt(v); ok {
			f.TimeoutSeconds = n
		} else if n, ok := asIntString(vp.scalar(v, pos)); ok {
			f.TimeoutSeconds = n
		} else {
			r.warnf(pos, "give Timeout as a whole number of seconds", "function timeout %s is not a number; the Gen 2 default applies", v.Raw)
		}
	}
	if v, pos = get("MemorySize"); v.Exists() {
		f.Positions["memory"] = pos
		if n, ok := asInt(v); ok {
			f.MemoryMB = n
		} else if n, ok := asIntString(vp.scalar(v, pos)); ok {
			f.MemoryMB = n
		} else {
			r.warnf(pos, "give MemorySize as a whole number of MB", "function memory %s is not a number; Lambda's default of 128 MB is kept", v.Raw)
		}
	}
	if v, pos = get("Architectures"); v.Exists() {
		f.Positions["architecture"] = pos
		if list := asStringList(v); len(list) > 0 {
			f.Architecture = list[0]
		}
	}
	envBase := base + ".Environment.Variables"
	d.root.Get(envBase).ForEach(func(k, v gjson.Result) bool {
		p := joinPath(envBase, k.String())
		pos := d.Pos(v, p)
		f.Env = append(f.Env, model.EnvVar{Name: k.String(), Value: vp.parse(v, p), Pos: pos})
		return true
	})
	props.ForEach(func(k, v gjson.Result) bool {
		switch k.String() {
		case "Handler", "FunctionName", "Environment", "Role", "Runtime", "Timeout", "Code",
			"Layers", "Architectures", "MemorySize":
			return true
		}
		f.OtherResources = append(f.OtherResources, model.TemplateResource{
			LogicalID: k.String(), Type: "property", Raw: compactJSON(v.Raw), Pos: d.Pos(v, joinPath(base, k.String())),
		})
		return true
	})
	// Layers in the template that function-parameters.json does not list
	// (hand-edited templates) are still layers of the function.
	for i, l := range get2(d, base+".Layers") {
		val := vp.parse(l, indexPath(base+".Layers", i))
		if s, ok := val.Literal(); ok && !hasLayerArn(f.Layers, s) {
			f.Layers = append(f.Layers, model.LayerRef{Arn: s, Pos: val.Pos})
		}
	}

	// Policies, schedules, event sources and anything else.
	triggerPolicies := map[string]bool{}
	resources.ForEach(func(k, v gjson.Result) bool {
		if v.Get("Type").String() == "AWS::Lambda::EventSourceMapping" {
			for _, dep := range asStringList(v.Get("DependsOn")) {
				triggerPolicies[dep] = true
			}
		}
		return true
	})
	resources.ForEach(func(k, v gjson.Result) bool {
		id := k.String()
		p := joinPath("Resources", id)
		typ := v.Get("Type").String()
		pos := d.Pos(v, p)
		other := func() {
			f.OtherResources = append(f.OtherResources, model.TemplateResource{LogicalID: id, Type: typ, Raw: compactJSON(v.Raw), Pos: pos})
		}
		switch {
		case id == fnID:
		case standardRoleResources[id] && typ != "AWS::IAM::Policy":
			r.readRolePolicies(f, d, vp, id, v, p)
		case typ == "AWS::IAM::Policy" || typ == "AWS::IAM::ManagedPolicy":
			if !attachedToFunctionRole(v) {
				other()
				return true
			}
			switch {
			case id == "AmplifyFunctionSecretsPolicy":
				// Secrets are re-created with Gen 2 secret().
			case triggerPolicies[id]:
				// Stream read access comes with the event source.
			default:
				r.readPolicyDocument(f, d, vp, id, v.Get("Properties.PolicyDocument"), p+".Properties.PolicyDocument")
			}
		case typ == "AWS::Events::Rule":
			expr := v.Get("Properties.ScheduleExpression")
			val := vp.parse(expr, p+".Properties.ScheduleExpression")
			s, ok := resolvedString(val)
			if !ok {
				r.warnf(val.Pos, "set the CloudWatchRule parameter in parameters.json or team-provider-info.json", "the schedule expression %s has no value for this environment", val.Raw)
				return true
			}
			if s == "" || s == "NONE" {
				return true
			}
			if f.Schedule != "" {
				other()
				return true
			}
			f.Schedule = s
			f.Positions["schedule"] = schedulePos(val)
			if st := v.Get("Properties.State").String(); st == "DISABLED" {
				r.warnf(pos, "enable it again after migrating if it should run", "the schedule rule %s is disabled in Gen 1; Gen 2 schedules are always enabled", id)
			}
		case typ == "AWS::Lambda::Permission" && isScheduleOrSelfPermission(v):
			// Made by Gen 2 with the schedule.
		case typ == "AWS::Lambda::Permission":
			f.OtherResources = append(f.OtherResources, model.TemplateResource{LogicalID: id, Type: typ,
				Principal: v.Get("Properties.Principal").String(), Raw: compactJSON(v.Raw), Pos: pos})
		case typ == "AWS::Lambda::EventSourceMapping":
			f.EventSources = append(f.EventSources, r.readEventSource(d, vp, id, v, p))
		default:
			other()
		}
		return true
	})
}

func get2(d *jsonDoc, p string) []gjson.Result {
	v := d.root.Get(p)
	if !v.IsArray() {
		return nil
	}
	return v.Array()
}

func hasLayerArn(ls []model.LayerRef, arn string) bool {
	for _, l := range ls {
		if l.Arn == arn {
			return true
		}
	}
	return false
}

// schedulePos points at where the schedule was set: the parameter value
// when it came from one, else the template.
func schedulePos(v model.CfnValue) model.Pos {
	if p, ok := v.Single(); ok && p.Kind == model.PartParam && p.HasValue {
		return p.ValuePos
	}
	return v.Pos
}

// resolvedString returns a value whose parts are text and parameters with
// values as one string.
func resolvedString(v model.CfnValue) (string, bool) {
	s := ""
	for _, p := range v.Parts {
		switch {
		case p.Kind == model.PartText:
			s += p.Text
		case p.Kind == model.PartParam && p.HasValue:
			s += p.Value
		default:
			return "", false
		}
	}
	return s, true
}

func asIntString(s string) (int, bool) {
	var n int
	if _, err := fmt.Sscanf(strings.TrimSpace(s), "%d", &n); err != nil {
		return 0, false
	}
	return n, fmt.Sprint(n) == strings.TrimSpace(s)
}

// attachedToFunctionRole reports whether a policy resource is attached to
// the function's execution role.
func attachedToFunctionRole(v gjson.Result) bool {
	for _, role := range v.Get("Properties.Roles").Array() {
		if role.Get("Ref").String() == "LambdaExecutionRole" {
			return true
		}
	}
	return false
}

// isScheduleOrSelfPermission recognises the permission Gen 1 adds for its
// schedule rule, which Gen 2 creates with the schedule, and the AppSync
// permission of Lambda authorizers, which defineData creates.
func isScheduleOrSelfPermission(v gjson.Result) bool {
	switch v.Get("Properties.Principal").String() {
	case "events.amazonaws.com", "appsync.amazonaws.com":
		return true
	}
	return false
}

// readRolePolicies reads inline policies and managed policy ARNs written
// into the execution role itself.
func (r *reader) readRolePolicies(f *model.Function, d *jsonDoc, vp *valueParser, id string, v gjson.Result, p string) {
	if id != "LambdaExecutionRole" {
		// lambdaexecutionpolicy: keep statements beyond the logging one Gen 2 makes.
		return
	}
	for i, pol := range v.Get("Properties.Policies").Array() {
		pp := indexPath(p+".Properties.Policies", i)
		r.readPolicyDocument(f, d, vp, id, pol.Get("PolicyDocument"), pp+".PolicyDocument")
	}
	for i, arn := range v.Get("Properties.ManagedPolicyArns").Array() {
		pp := indexPath(p+".Properties.ManagedPolicyArns", i)
		f.OtherResources = append(f.OtherResources, model.TemplateResource{LogicalID: id + ".ManagedPolicyArns", Type: "managed-policy:" + asString(arn), Pos: d.Pos(arn, pp)})
	}
}

// readPolicyDocument adds a policy's statements, leaving out the logging
// statement every Gen 1 function has (Gen 2 grants it itself).
func (r *reader) readPolicyDocument(f *model.Function, d *jsonDoc, vp *valueParser, id string, doc gjson.Result, p string) {
	stmts := doc.Get("Statement")
	list := stmts.Array()
	if stmts.IsObject() {
		list = []gjson.Result{stmts}
	}
	for i, s := range list {
		sp := p + ".Statement"
		if stmts.IsArray() {
			sp = indexPath(sp, i)
		}
		actions := asStringList(s.Get("Action"))
		if isLoggingStatement(actions) {
			continue
		}
		st := model.PolicyStatement{
			Source:    "template policy " + id,
			Generated: id == "AmplifyResourcesPolicy",
			Effect:    s.Get("Effect").String(),
			Actions:   actions,
			Raw:       compactJSON(s.Raw),
			Pos:       d.Pos(s, sp),
		}
		if st.Effect == "" {
			st.Effect = "Allow"
		}
		res := s.Get("Resource")
		if res.IsArray() {
			for j, x := range res.Array() {
				st.Resources = append(st.Resources, vp.parse(x, indexPath(sp+".Resource", j)))
			}
		} else if res.Exists() {
			st.Resources = append(st.Resources, vp.parse(res, sp+".Resource"))
		}
		if c := s.Get("Condition"); c.Exists() {
			st.Condition = c.Raw
		}
		for _, k := range []string{"NotAction", "NotResource", "Principal", "NotPrincipal"} {
			if s.Get(k).Exists() {
				st.Unsupported = k
			}
		}
		f.Policies = append(f.Policies, st)
	}
}

func isLoggingStatement(actions []string) bool {
	if len(actions) == 0 {
		return false
	}
	for _, a := range actions {
		if !strings.HasPrefix(a, "logs:") {
			return false
		}
	}
	return true
}

func (r *reader) readEventSource(d *jsonDoc, vp *valueParser, id string, v gjson.Result, p string) model.EventSource {
	es := model.EventSource{LogicalID: id, Enabled: true, Extra: map[string]string{}, Pos: d.Pos(v, p)}
	v.Get("Properties").ForEach(func(k, x gjson.Result) bool {
		kp := p + ".Properties." + k.String()
		switch k.String() {
		case "EventSourceArn":
			es.Source = vp.parse(x, kp)
		case "BatchSize":
			es.BatchSize, _ = asInt(x)
		case "StartingPosition":
			es.StartingPosition = x.String()
		case "Enabled":
			if b, ok := asBool(x); ok {
				es.Enabled = b
			}
		case "FunctionName":
		default:
			es.Extra[k.String()] = x.Raw
		}
		return true
	})
	return es
}

// readCustomPolicies reads custom-policies.json, skipping the empty
// statement the CLI writes as an example.
func (r *reader) readCustomPolicies(res *model.Resource, f *model.Function) {
	rel := path.Join(res.Dir, "custom-policies.json")
	d := r.loadJSON(rel, false, "")
	if d == nil {
		return
	}
	if !d.root.IsArray() {
		r.errorf(d.FilePos(), `custom-policies.json holds a list such as [{"Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::my-bucket/*"]}]`,
			"custom-policies.json is not a JSON array")
		return
	}
	vp := &valueParser{r: r, res: res, d: d}
	for i, s := range d.root.Array() {
		p := indexPath("", i)
		actions := asStringList(s.Get("Action"))
		resources := s.Get("Resource")
		var resList []gjson.Result
		if resources.IsArray() {
			resList = resources.Array()
		} else if resources.Exists() {
			resList = []gjson.Result{resources}
		}
		if len(actions) == 0 && len(resList) == 0 {
			continue
		}
		st := model.PolicyStatement{Source: "custom-policies.json", Effect: s.Get("Effect").String(), Actions: actions, Raw: compactJSON(s.Raw), Pos: d.Pos(s, p)}
		if st.Effect == "" {
			st.Effect = "Allow"
		}
		if len(actions) == 0 || len(resList) == 0 {
			r.warnf(st.Pos, "each statement needs an Action list and a Resource list", "incomplete custom policy statement is ignored")
			continue
		}
		for j, x := range resList {
			jp := p + ".Resource"
			if resources.IsArray() {
				jp = indexPath(jp, j)
			}
			// The CLI fills in ${env}, [region-name] and [account-id].
			st.Resources = append(st.Resources, vp.parseCustomResource(x, jp))
		}
		if c := s.Get("Condition"); c.Exists() {
			st.Condition = c.Raw
		}
		f.Policies = append(f.Policies, st)
	}
}

func (r *reader) readFunctionSources(res *model.Resource, f *model.Function) {
	// TypeScript functions made from the Gen 1 TypeScript template compile
	// rootDir (lib/) into src/, which is build output and usually ignored.
	if d := r.loadJSON(path.Join(res.Dir, "tsconfig.json"), false, ""); d != nil {
		root := strings.TrimPrefix(path.Clean(d.root.Get("compilerOptions.rootDir").String()), "./")
		out := strings.TrimPrefix(path.Clean(d.root.Get("compilerOptions.outDir").String()), "./")
		if root != "" && root != "." && !strings.HasPrefix(root, "..") && r.isDir(path.Join(res.Dir, root)) && out != root {
			f.SourceDir = path.Join(res.Dir, root)
		}
		f.BuildFiles = append(f.BuildFiles, path.Join(res.Dir, "tsconfig.json"))
	}
	if !r.isDir(f.SourceDir) {
		r.errorf(res.Pos, "restore "+f.SourceDir+" from version control", "function %s has no source folder %s", res.Name, f.SourceDir)
		return
	}
	_ = walkFiles(r, f.SourceDir, func(p string) {
		f.Files = append(f.Files, p)
		if codeExt[path.Ext(p)] {
			if data, ok := r.readFile(p); ok {
				f.Code = append(f.Code, model.SourceFile{Path: p, Content: string(data)})
			}
		}
	})
	entries, _ := readDirNames(r, res.Dir)
	for _, e := range entries {
		full := path.Join(res.Dir, e)
		switch {
		case buildFileNames[e], strings.HasSuffix(e, ".csproj"), strings.HasSuffix(e, ".sln"):
			f.BuildFiles = append(f.BuildFiles, full)
		case e == "gradle" && r.isDir(full):
			_ = walkFiles(r, full, func(p string) { f.BuildFiles = append(f.BuildFiles, p) })
		}
	}
	sort.Strings(f.BuildFiles)
	if f.RuntimeFamily == "python" {
		r.readPythonPackages(res, f)
	}
	pj := path.Join(f.SourceDir, "package.json")
	if d := r.loadJSON(pj, false, ""); d != nil {
		f.PackageJSON = pj
		f.Dependencies = readDeps(d, "dependencies")
		f.DevDependencies = readDeps(d, "devDependencies")
	}
}

// codeExt are the extensions of JavaScript and TypeScript files.
var codeExt = map[string]bool{".js": true, ".mjs": true, ".cjs": true, ".ts": true, ".mts": true, ".cts": true, ".jsx": true, ".tsx": true}

// readPythonPackages reads the packages a Gen 1 Python function installs:
// the pinned versions of Pipfile.lock, or the [packages] of the Pipfile.
func (r *reader) readPythonPackages(res *model.Resource, f *model.Function) {
	lock := path.Join(res.Dir, "Pipfile.lock")
	if data, ok := r.readFile(lock); ok {
		if d, diag := parseJSON(lock, data); diag == nil {
			f.PythonPackagesFrom = lock
			d.root.Get("default").ForEach(func(k, v gjson.Result) bool {
				f.PythonPackages = append(f.PythonPackages, model.PackageDependency{Name: k.String(),
					Version: v.Get("version").String(), Pos: d.Pos(v, joinPath("default", k.String()))})
				return true
			})
			return
		}
		// Not JSON (or a placeholder): fall back to the Pipfile.
	}
	pip := path.Join(res.Dir, "Pipfile")
	data, ok := r.readFile(pip)
	if !ok {
		return
	}
	f.PythonPackagesFrom = pip
	section := ""
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") {
			section = strings.Trim(line, "[] ")
			continue
		}
		if section != "packages" {
			continue
		}
		name, spec, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		name = strings.Trim(strings.TrimSpace(name), `"'`)
		spec = strings.TrimSpace(spec)
		if strings.Contains(spec, "path") || strings.Contains(spec, "editable") {
			// The function's own code (src = {editable = true, path = "./src"}).
			continue
		}
		version := ""
		switch {
		case strings.HasPrefix(spec, `"`) || strings.HasPrefix(spec, "'"):
			version = strings.Trim(spec, `"'`)
		case strings.HasPrefix(spec, "{"):
			if _, rest, ok := strings.Cut(spec, "version"); ok {
				if _, v, ok := strings.Cut(rest, "="); ok {
					v = strings.TrimSpace(v)
					if end := strings.IndexAny(v[1:], `"'`); end >= 0 && len(v) > 0 {
						version = v[1 : end+1]
					}
				}
			}
		}
		if version == "*" {
			version = ""
		}
		f.PythonPackages = append(f.PythonPackages, model.PackageDependency{Name: name, Version: version, Pos: model.Pos{File: pip, Line: i + 1}})
	}
}

func readDeps(d *jsonDoc, key string) []model.PackageDependency {
	var out []model.PackageDependency
	d.root.Get(key).ForEach(func(k, v gjson.Result) bool {
		out = append(out, model.PackageDependency{Name: k.String(), Version: v.String(), Pos: d.Pos(v, joinPath(key, k.String()))})
		return true
	})
	return out
}

func (r *reader) readLayer(res *model.Resource) {
	l := &model.Layer{Settings: map[string]string{}, Positions: map[string]model.Pos{}}
	res.Layer = l
	if d := r.loadJSON(path.Join(res.Dir, "layer-configuration.json"), false, ""); d != nil {
		for _, rt := range d.root.Get("runtimes").Array() {
			if v := rt.Get("value").String(); v != "" {
				l.RuntimeFamilies = append(l.RuntimeFamilies, v)
			}
		}
		for _, p := range d.root.Get("permissions").Array() {
			l.Permissions = append(l.Permissions, p.Get("type").String())
		}
		l.Settings, l.Positions = flatten(d.root), d.positions("")
	}
	if d := r.loadJSON(path.Join(res.Dir, "parameters.json"), false, ""); d != nil {
		l.Runtimes = asStringList(d.root.Get("runtimes"))
		l.Description = d.root.Get("description").String()
		for k, v := range flatten(d.root) {
			l.Settings[k] = v
		}
		for k, v := range d.positions("") {
			l.Positions[k] = v
		}
	}
	for _, sub := range []string{"lib", "opt"} {
		_ = walkFiles(r, path.Join(res.Dir, sub), func(p string) { l.Files = append(l.Files, p) })
	}
	sort.Strings(l.Files)
	for _, f := range l.Files {
		if path.Base(f) == "package.json" && strings.Count(strings.TrimPrefix(f, res.Dir+"/lib/"), "/") == 1 {
			if d := r.loadJSON(f, false, ""); d != nil {
				l.Dependencies = append(l.Dependencies, readDeps(d, "dependencies")...)
			}
		}
	}
}

// walkFiles calls fn for each file under dir, skipping dependency and
// build folders.
func walkFiles(r *reader, dir string, fn func(string)) error {
	if !r.isDir(dir) {
		return nil
	}
	var files []string
	err := fsWalk(r, dir, func(p string, isDir bool) bool {
		if isDir {
			return p == dir || !sourceSkipDirs[path.Base(p)]
		}
		files = append(files, p)
		return true
	})
	sort.Strings(files)
	for _, f := range files {
		fn(f)
	}
	return err
}

// linkFunctions resolves what reading one function at a time cannot: template
// parameters named after resources that come later in backend-config.json
// (or that dependsOn does not list), trigger parents, and model names.
func (r *reader) linkFunctions() {
	type named struct{ category, name string }
	var all []named
	for _, res := range r.p.Resources {
		all = append(all, named{res.Category, res.Name})
	}
	// Longest names first, so "storagefooBarName" finds "fooBar" before "foo".
	sort.SliceStable(all, func(i, j int) bool { return len(all[i].category+all[i].name) > len(all[j].category+all[j].name) })
	resolve := func(p *model.ValuePart) {
		if p.Kind != model.PartParam || p.HasValue {
			return
		}
		for _, n := range all {
			prefix := n.category + n.name
			if strings.HasPrefix(p.Param, prefix) && len(p.Param) > len(prefix) {
				*p = model.ValuePart{Kind: model.PartRef, Ref: model.AttrRef{Category: n.category, Resource: n.name, Attribute: p.Param[len(prefix):]}}
				return
			}
		}
	}
	fixValue := func(v *model.CfnValue) {
		for i := range v.Parts {
			resolve(&v.Parts[i])
		}
	}
	for _, res := range r.p.Resources {
		f := res.Function
		if f == nil {
			continue
		}
		for i := range f.Env {
			fixValue(&f.Env[i].Value)
		}
		for i := range f.Policies {
			for j := range f.Policies[i].Resources {
				fixValue(&f.Policies[i].Resources[j])
			}
		}
		for i := range f.EventSources {
			fixValue(&f.EventSources[i].Source)
		}
		if t := f.Trigger; t != nil && t.Auth == "" {
			for _, a := range r.p.ByCategory(model.CategoryAuth) {
				if strings.HasPrefix(res.Name, a.Name) && a.Service == "Cognito" {
					t.Auth, t.Event = a.Name, strings.TrimPrefix(res.Name, a.Name)
				}
			}
			if t.Auth == "" {
				f.Trigger = nil
			}
		}
		for _, l := range f.Layers {
			if l.Project == "" {
				continue
			}
			if lr := r.p.Find(model.CategoryFunction, l.Project); lr == nil || lr.Service != "LambdaLayer" {
				r.warnf(l.Pos, "add the layer back with `amplify add function` (Lambda layer) or remove it from the function",
					"function %s uses layer %s, which is not a layer of this project", res.Name, l.Project)
			}
		}
	}
}

// valueParser turns CloudFormation values of one template into model.Values.
type valueParser struct {
	r        *reader
	res      *model.Resource
	d        *jsonDoc
	fnID     string
	params   map[string]paramValue
	defaults map[string]string
	deps     map[string]model.AttrRef
}

// scalar returns a value that should be a plain string (runtime, handler)
// as a string, resolving parameters.
func (vp *valueParser) scalar(v gjson.Result, pos model.Pos) string {
	if v.Type == gjson.String || v.Type == gjson.Number {
		return asString(v)
	}
	if !v.Exists() {
		return ""
	}
	val := vp.parse(v, pos.Path)
	if s, ok := resolvedString(val); ok {
		return s
	}
	vp.r.warnf(pos, "write the value literally in the template", "cannot resolve %s", v.Raw)
	return ""
}

func (vp *valueParser) parse(v gjson.Result, p string) model.CfnValue {
	val := model.CfnValue{Raw: compactJSON(v.Raw), Pos: vp.d.Pos(v, p)}
	val.Parts = mergeText(vp.parts(v))
	return val
}

// parseCustomResource parses a custom-policies.json resource, where Gen 1
// substitutes ${env} (and only that) with the environment name.
func (vp *valueParser) parseCustomResource(v gjson.Result, p string) model.CfnValue {
	if v.Type != gjson.String {
		return vp.parse(v, p)
	}
	val := model.CfnValue{Raw: compactJSON(v.Raw), Pos: vp.d.Pos(v, p)}
	rest := v.Str
	for rest != "" {
		i, ph := len(rest), ""
		for _, cand := range []string{"${env}", "[region-name]", "[account-id]"} {
			if j := strings.Index(rest, cand); j >= 0 && j < i {
				i, ph = j, cand
			}
		}
		val.Parts = append(val.Parts, model.ValuePart{Kind: model.PartText, Text: rest[:i]})
		if ph == "" {
			break
		}
		val.Parts = append(val.Parts, customPlaceholders[ph])
		rest = rest[i+len(ph):]
	}
	val.Parts = mergeText(val.Parts)
	return val
}

// customPlaceholders are what the CLI fills in custom-policies.json
// resources when it writes them into the template.
var customPlaceholders = map[string]model.ValuePart{
	"${env}":        {Kind: model.PartEnv},
	"[region-name]": {Kind: model.PartPseudo, Text: "AWS::Region"},
	"[account-id]":  {Kind: model.PartPseudo, Text: "AWS::AccountId"},
}

func compactJSON(raw string) string {
	var v any
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		return raw
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func unknownPart(v gjson.Result) []model.ValuePart {
	return []model.ValuePart{{Kind: model.PartUnknown, Text: compactJSON(v.Raw)}}
}

var importValueAttr = regexp.MustCompile(`^:GetAtt:(\w+)Table:(Name|Arn|StreamArn)$`)

func (vp *valueParser) parts(v gjson.Result) []model.ValuePart {
	switch v.Type {
	case gjson.String:
		return []model.ValuePart{{Kind: model.PartText, Text: v.Str}}
	case gjson.Number, gjson.True, gjson.False:
		return []model.ValuePart{{Kind: model.PartText, Text: v.Raw}}
	}
	if !v.IsObject() {
		return unknownPart(v)
	}
	keys := 0
	var key string
	var arg gjson.Result
	v.ForEach(func(k, x gjson.Result) bool {
		keys++
		key, arg = k.String(), x
		return true
	})
	if keys != 1 {
		return unknownPart(v)
	}
	switch key {
	case "Ref":
		return []model.ValuePart{vp.ref(arg.String())}
	case "Fn::GetAtt":
		var res, attr string
		if arg.IsArray() && len(arg.Array()) == 2 {
			res, attr = arg.Array()[0].String(), arg.Array()[1].String()
		} else if s := arg.String(); strings.Contains(s, ".") {
			res, attr, _ = strings.Cut(s, ".")
		}
		return []model.ValuePart{vp.getAtt(res, attr, v)}
	case "Fn::Join":
		items := arg.Array()
		if len(items) != 2 || !items[1].IsArray() {
			return unknownPart(v)
		}
		sep := items[0].String()
		var out []model.ValuePart
		for i, it := range items[1].Array() {
			if i > 0 && sep != "" {
				out = append(out, model.ValuePart{Kind: model.PartText, Text: sep})
			}
			out = append(out, vp.parts(it)...)
		}
		return out
	case "Fn::Sub":
		tmpl, vars := arg.String(), map[string]gjson.Result{}
		if arg.IsArray() {
			items := arg.Array()
			if len(items) == 0 {
				return unknownPart(v)
			}
			tmpl = items[0].String()
			if len(items) > 1 {
				items[1].ForEach(func(k, x gjson.Result) bool {
					vars[k.String()] = x
					return true
				})
			}
		}
		return vp.sub(tmpl, vars, v)
	case "Fn::ImportValue":
		inner := mergeText(vp.parts(arg))
		if len(inner) == 2 && inner[0].Kind == model.PartRef && inner[0].Ref.Category == model.CategoryAPI &&
			inner[0].Ref.Attribute == "GraphQLAPIIdOutput" && inner[1].Kind == model.PartText {
			if m := importValueAttr.FindStringSubmatch(inner[1].Text); m != nil {
				return []model.ValuePart{{Kind: model.PartRef, Ref: model.AttrRef{
					Category: model.CategoryAPI, Resource: inner[0].Ref.Resource, Attribute: m[2], Model: m[1]}}}
			}
		}
		return unknownPart(v)
	}
	return unknownPart(v)
}

func (vp *valueParser) ref(name string) model.ValuePart {
	switch {
	case name == "env":
		return model.ValuePart{Kind: model.PartEnv}
	case strings.HasPrefix(name, "AWS::"):
		return model.ValuePart{Kind: model.PartPseudo, Text: name}
	case name == vp.fnID && name != "":
		return model.ValuePart{Kind: model.PartSelf, Text: "Name"}
	case name == "LambdaExecutionRole":
		return model.ValuePart{Kind: model.PartSelf, Text: "RoleName"}
	}
	if ref, ok := vp.deps[name]; ok {
		return model.ValuePart{Kind: model.PartRef, Ref: ref}
	}
	part := model.ValuePart{Kind: model.PartParam, Param: name}
	if pv, ok := vp.params[name]; ok {
		part.Value, part.HasValue, part.ValuePos = pv.value, true, pv.pos
	} else if def, ok := vp.defaults[name]; ok && def != name {
		// Gen 1 gives resource parameters their own name as default; that
		// is no value.
		part.Value, part.HasValue, part.ValuePos = def, true, vp.d.Pos(vp.d.root.Get("Parameters."+name+".Default"), "Parameters."+name+".Default")
	}
	return part
}

func (vp *valueParser) getAtt(res, attr string, v gjson.Result) model.ValuePart {
	switch {
	case res == vp.fnID && attr == "Arn":
		return model.ValuePart{Kind: model.PartSelf, Text: "Arn"}
	case res == "LambdaExecutionRole" && attr == "Arn":
		return model.ValuePart{Kind: model.PartSelf, Text: "RoleArn"}
	}
	return unknownPart(v)[0]
}

var subVar = regexp.MustCompile(`\$\{(!?)([^}]*)\}`)

func (vp *valueParser) sub(tmpl string, vars map[string]gjson.Result, whole gjson.Result) []model.ValuePart {
	var out []model.ValuePart
	last := 0
	for _, m := range subVar.FindAllStringSubmatchIndex(tmpl, -1) {
		out = append(out, model.ValuePart{Kind: model.PartText, Text: tmpl[last:m[0]]})
		last = m[1]
		name := tmpl[m[4]:m[5]]
		if m[3] > m[2] { // ${!Literal}
			out = append(out, model.ValuePart{Kind: model.PartText, Text: "${" + name + "}"})
			continue
		}
		if x, ok := vars[name]; ok {
			out = append(out, vp.parts(x)...)
			continue
		}
		if res, attr, ok := strings.Cut(name, "."); ok {
			out = append(out, vp.getAtt(res, attr, whole))
			continue
		}
		out = append(out, vp.ref(name))
	}
	return append(out, model.ValuePart{Kind: model.PartText, Text: tmpl[last:]})
}

// mergeText joins adjacent text parts and drops empty ones.
func mergeText(parts []model.ValuePart) []model.ValuePart {
	var out []model.ValuePart
	for _, p := range parts {
		if p.Kind == model.PartText {
			if p.Text == "" {
				continue
			}
			if n := len(out); n > 0 && out[n-1].Kind == model.PartText {
				out[n-1].Text += p.Text
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// runtimeFamily derives the runtime family from a Lambda runtime name.
func runtimeFamily(runtime string) string {
	switch {
	case strings.HasPrefix(runtime, "nodejs"):
		return "nodejs"
	case strings.HasPrefix(runtime, "python"):
		return "python"
	case strings.HasPrefix(runtime, "java"):
		return "java"
	case strings.HasPrefix(runtime, "go"), strings.HasPrefix(runtime, "provided"):
		return "go"
	case strings.HasPrefix(runtime, "dotnet"):
		return "dotnet"
	}
	return ""
}

// fsWalk walks dir in the project's file system; visit returns false to
// skip a folder.
func fsWalk(r *reader, dir string, visit func(p string, isDir bool) bool) error {
	return fs.WalkDir(r.fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if !visit(p, d.IsDir()) && d.IsDir() {
			return fs.SkipDir
		}
		return nil
	})
}

// readDirNames lists the names in a folder, sorted.
func readDirNames(r *reader, dir string) ([]string, error) {
	entries, err := fs.ReadDir(r.fsys, dir)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names, nil
}
