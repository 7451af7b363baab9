package writers

import (
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/jsmod"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

// nodeVersions are the runtimes defineFunction accepts.
var nodeVersions = map[int]bool{18: true, 20: true, 22: true, 24: true}

var nodeRuntimeRe = regexp.MustCompile(`^nodejs(\d+)\.x$`)

// nodeRuntime maps a Gen 1 Node runtime to a defineFunction runtime. Lambda
// no longer creates functions on Node 18 and older, so those move to 22,
// the oldest LTS Gen 2 defaults to.
func nodeRuntime(rt string) (version int, why string) {
	m := nodeRuntimeRe.FindStringSubmatch(rt)
	if m == nil {
		return 22, fmt.Sprintf("the runtime %q is not a Node.js runtime Lambda knows; Node 22 is used", rt)
	}
	n, _ := strconv.Atoi(m[1])
	if n >= 20 && nodeVersions[n] {
		return n, ""
	}
	if n > 24 {
		return 24, fmt.Sprintf("%s is newer than defineFunction supports; Node 24 is used", rt)
	}
	return 22, fmt.Sprintf("Lambda has deprecated %s and no longer creates functions on it; Node 22 (the Gen 2 default) is used, so test the function", rt)
}

// awsSDKv2 is the version of the AWS SDK for JavaScript v2 added for code
// that relied on the copy older Node runtimes carried.
const awsSDKv2 = "^2.1692.0"

func (g *gen) writeNodeFunction(pl *fnPlan) {
	r, f := pl.r, pl.f
	entry, export, found := nodeEntry(f)

	// Trigger dispatcher: the modules named by MODULES, when their files exist.
	var triggerMods []string
	if f.Trigger != nil {
		for _, m := range f.Trigger.Modules {
			if hasFile(f.Files, path.Join(f.SourceDir, m+".js")) {
				triggerMods = append(triggerMods, m)
			} else {
				g.finding(r, model.Finding{Code: "function.trigger", Level: model.Manual, Subject: "module " + m, Pos: f.Trigger.Pos,
					Reason: fmt.Sprintf("the trigger module %s is named in MODULES but %s.js is not in %s", m, m, f.SourceDir),
					Action: "restore the module file or remove it from MODULES"})
			}
		}
		if triggerMods == nil {
			triggerMods = []string{}
		}
	}
	var secrets []string
	for _, s := range f.Secrets {
		secrets = append(secrets, s.Name)
	}
	specifier := g.layerSpecifier(pl)
	var entryResult *jsmod.Result
	var loads []jsmod.Load
	g.copySources(pl, func(c model.SourceFile) (jsmod.Result, bool) {
		isEntry := c.Path == entry
		res := jsmod.Rewrite(c.Content, jsmod.Options{
			Entry: isEntry, Export: export, TriggerModules: triggerMods,
			Specifier:  func(spec string) (string, bool) { return specifier(pl.copyDest(c.Path), spec) },
			TodoPrefix: ts.TodoPrefix, Secrets: secrets,
		})
		loads = append(loads, jsmod.Analyze(res.Text).Loads...)
		if isEntry {
			entryResult = &res
		}
		for _, done := range res.Done {
			g.finding(r, model.Finding{Code: "function.code", Level: model.Auto, Subject: path.Base(c.Path), Pos: model.Pos{File: c.Path},
				Reason: "rewritten for esbuild: " + done})
		}
		for _, t := range res.Todos {
			g.finding(r, model.Finding{Code: "function.code", Level: model.Manual, Subject: path.Base(c.Path), Pos: model.Pos{File: c.Path, Line: t.Line},
				Reason: strings.TrimSuffix(t.Text, "."), Action: "see the TODO in " + pl.copyDest(c.Path)})
		}
		return res, res.Changed
	})
	if f.PackageJSON == "" {
		// Without a package.json, .js files would be ES modules (amplify/
		// package.json says "type": "module"); Gen 1 ran them as CommonJS.
		g.addFile(path.Join(pl.dir, pl.codeDir(), "package.json"), []byte("{\n  \"type\": \"commonjs\"\n}\n"))
	}

	entryPath := "./" + pl.codeDir() + "/" + strings.TrimPrefix(entry, f.SourceDir+"/")
	// The Gen 1 tsconfig.json of a TypeScript function (paths, baseUrl)
	// still applies to its code: esbuild reads it.
	for _, b := range f.BuildFiles {
		if path.Base(b) == "tsconfig.json" {
			g.copyFile(path.Join(pl.dir, "tsconfig.json"), b)
		}
	}
	switch {
	case !found:
		entryPath = "./handler.js"
		g.addFile(path.Join(pl.dir, "handler.js"), []byte(fmt.Sprintf(
			"// %s: Gen 1 ran the handler %q, but %s is not in the Gen 1 sources.\n// Put the handler's code in src/ and point entry in resource.ts at it.\nexport const handler = async () => {\n  throw new Error('amplify-migrate: the handler of %s was not found; see MIGRATION.md');\n};\n",
			ts.TodoPrefix, f.Handler, path.Base(entry), r.Name)))
		g.steps = append(g.steps, Step{File: path.Join(pl.dir, "handler.js"), Line: 1, Code: "function.handler",
			Text: fmt.Sprintf("the handler file %s of %q is missing from %s", path.Base(entry), f.Handler, f.SourceDir)})
		g.finding(r, model.Finding{Code: "function.handler", Level: model.Manual, Subject: "handler", Pos: f.Positions["handler"],
			Reason: fmt.Sprintf("the handler %q names %s, which is not in %s", f.Handler, path.Base(entry), f.SourceDir),
			Action: "put the handler's code in " + pl.dir + "/src and point entry at it; until then " + pl.dir + "/handler.js throws"})
	case export != "handler":
		// defineFunction always calls the export named handler.
		wrapper := path.Join(pl.dir, "handler.js")
		g.addFile(wrapper, []byte(fmt.Sprintf("// amplify-migrate: Gen 1 called the export %q of %s; Gen 2 calls \"handler\".\nexport { %s as handler } from %s;\n",
			export, path.Base(entry), export, ts.Quote(entryPath))))
		entryPath = "./handler.js"
		g.finding(r, model.Finding{Code: "function.handler", Level: model.Auto, Subject: "handler", Pos: f.Positions["handler"],
			Reason: fmt.Sprintf("the handler %q becomes entry %s/handler.js, which exports %s as handler", f.Handler, pl.dir, export)})
	default:
		g.finding(r, model.Finding{Code: "function.handler", Level: model.Auto, Subject: "handler", Pos: f.Positions["handler"],
			Reason: fmt.Sprintf("the handler %q becomes entry %s", f.Handler, entryPath)})
	}
	if found && entryResult != nil && len(entryResult.Exports) == 0 {
		g.finding(r, model.Finding{Code: "function.handler", Level: model.Manual, Subject: path.Base(entry), Pos: model.Pos{File: entry},
			Reason: fmt.Sprintf("%s exports nothing, so Lambda would find no %s", path.Base(entry), export),
			Action: "export the handler from " + pl.copyDest(entry)})
	}
	if f.Trigger != nil && entryResult != nil && containsDone(entryResult.Done, "trigger modules") {
		g.finding(r, model.Finding{Code: "function.trigger", Level: model.Auto, Subject: "MODULES", Pos: f.Trigger.Pos,
			Reason: fmt.Sprintf("the Gen 1 %s dispatcher required its modules by a computed name, which esbuild cannot bundle; it now requires %s statically", f.Trigger.Event, strings.Join(triggerMods, ", "))})
	}

	externals := g.nodeDependencies(pl, loads)

	// resource.ts
	p := ts.New()
	im := ts.Imports{}
	im.Add("@aws-amplify/backend", "defineFunction")
	props := ts.Obj{}
	props.Set("name", ts.Str(r.Name))
	props.Set("entry", ts.Str(entryPath))
	version, why := nodeRuntime(f.Runtime)
	props.Add(ts.Entry{Key: "runtime", Value: ts.Num(version), Comment: why})
	g.finding(r, model.Finding{Code: "function.runtime", Level: model.Auto, Subject: "runtime", Pos: f.Positions["runtime"],
		Reason: runtimeReason(f.Runtime, fmt.Sprintf("runtime: %d", version), why)})
	timeout := f.TimeoutSeconds
	if timeout == 0 {
		timeout = 3
	}
	props.Set("timeoutSeconds", ts.Num(timeout))
	mem := f.MemoryMB
	if mem == 0 {
		mem = 128
	}
	props.Set("memoryMB", ts.Num(mem))
	if f.Architecture == "arm64" {
		props.Set("architecture", ts.Str("arm64"))
	}
	env, usesBranch, usesAws, usesSecret := g.staticEnvironment(pl)
	if len(env) > 0 {
		props.Set("environment", env)
	}
	if usesAws {
		im.Add("aws-cdk-lib", "Aws")
	}
	if usesSecret {
		im.Add("@aws-amplify/backend", "secret")
	}
	if f.Schedule != "" {
		sp := convertSchedule(f.Schedule, timeout)
		g.scheduleFinding(pl, sp)
		if sp.gen2 != "" {
			props.Set("schedule", ts.Str(sp.gen2))
		} else if sp.rule != "" {
			pl.scheduleRule = sp.rule
		}
	}
	if layers := g.externalLayers(pl, externals); len(layers) > 0 {
		props.Set("layers", layers)
	}
	if pl.sym.Group != "" {
		props.Set("resourceGroupName", ts.Str(pl.sym.Group))
	}

	im.Print(p)
	p.Blank()
	if usesBranch {
		p.Comment("Gen 1 passed the environment name in ENV; Gen 2 passes the branch.")
		p.Line(envRuntimeDecl)
		p.Blank()
	}
	p.Comment(fmt.Sprintf("Gen 1: function/%s (%s).", r.Name, r.Dir))
	p.Value("export const "+pl.sym.Ident+" = defineFunction(", props, ");")
	g.addTS(path.Join(pl.dir, "resource.ts"), p)
}

func containsDone(list []string, sub string) bool {
	for _, s := range list {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

func hasFile(files []string, f string) bool {
	for _, x := range files {
		if x == f {
			return true
		}
	}
	return false
}

func runtimeReason(gen1, gen2, why string) string {
	s := fmt.Sprintf("%s becomes %s", gen1, gen2)
	if why != "" {
		s += ": " + why
	}
	return s
}

// staticEnvironment builds the environment of resource.ts: values known
// without other resources, and secrets. Variables that refer to other
// resources are kept for backend.ts; those that cannot be converted get a
// TODO.
func (g *gen) staticEnvironment(pl *fnPlan) (env ts.Obj, branch, aws, secrets bool) {
	r, f := pl.r, pl.f
	for _, e := range f.Env {
		kind, v := g.classifyEnv(pl, e)
		switch kind {
		case envStatic:
			env.Set(e.Name, ts.Expr(v.code))
			branch = branch || v.branch
			aws = aws || v.aws
			g.finding(r, model.Finding{Code: "function.env", Level: model.Auto, Subject: e.Name, Pos: envPos(e),
				Reason: "environment variable kept: " + v.code})
		case envSecret, envPlainSecret:
			if !pl.node {
				g.cdkSecret(pl, e, kind, &env)
				continue
			}
			env.Set(e.Name, ts.Expr("secret("+ts.Quote(e.Name)+")"))
			secrets = true
			g.secretFinding(pl, e, kind)
		case envRefers:
			pl.refs = append(pl.refs, envRef{v: e})
		case envTodo:
			env.Add(ts.Entry{TodoCode: "function.env", Todo: fmt.Sprintf("set %s: %s.", e.Name, v.todo)})
			g.finding(r, model.Finding{Code: "function.env", Level: model.Manual, Subject: e.Name, Pos: envPos(e),
				Reason: v.todo, Action: "set the variable in " + pl.dir + "/resource.ts"})
		}
	}
	return env, branch, aws, secrets
}

// envPos points at where a variable's value was set: the parameter value
// when there is one, else the template.
func envPos(e model.EnvVar) model.Pos {
	if p, ok := e.Value.Single(); ok && p.Kind == model.PartParam && p.HasValue && !p.ValuePos.IsZero() {
		return p.ValuePos
	}
	return e.Pos
}

func (g *gen) secretFinding(pl *fnPlan, e model.EnvVar, kind envKind) {
	r := pl.r
	if kind == envPlainSecret {
		p, _ := e.Value.Single()
		g.secret(r, e.Name, fmt.Sprintf("%s of function %s (Gen 1 kept it in plain text as the parameter %s)", e.Name, r.Name, p.Param))
		g.finding(r, model.Finding{Code: "function.secret", Level: model.Manual, Subject: e.Name, Pos: envPos(e),
			Reason: fmt.Sprintf("%s looks like a secret that Gen 1 kept in plain text (parameter %s); it becomes secret('%s') and its value is not copied", e.Name, p.Param, e.Name),
			Action: "npx ampx sandbox secret set " + e.Name + " (and set it for each branch in the Amplify console)"})
		return
	}
	pos := e.Pos
	for _, s := range pl.f.Secrets {
		if s.Name == e.Name {
			pos = s.Pos
		}
	}
	g.secret(r, e.Name, fmt.Sprintf("secret %s of function %s", e.Name, r.Name))
	g.finding(r, model.Finding{Code: "function.secret", Level: model.Manual, Subject: e.Name, Pos: pos,
		Reason: fmt.Sprintf("the secret becomes secret('%s'), which Gen 2 resolves into process.env.%s; Gen 1 passed an SSM path that the code fetched", e.Name, e.Name),
		Action: "npx ampx sandbox secret set " + e.Name + " (and set it for each branch in the Amplify console); remove the SSM fetch marked with a TODO in the code"})
}

func (g *gen) scheduleFinding(pl *fnPlan, sp schedulePlan) {
	pos := pl.f.Positions["schedule"]
	switch {
	case sp.bad != "":
		g.finding(pl.r, model.Finding{Code: "function.schedule", Level: model.Manual, Subject: "schedule", Pos: pos,
			Reason: fmt.Sprintf("the schedule %q is not a valid EventBridge expression: %s", pl.f.Schedule, sp.bad),
			Action: "add a schedule to " + pl.dir + "/resource.ts"})
	case sp.gen2 != "":
		g.finding(pl.r, model.Finding{Code: "function.schedule", Level: model.Auto, Subject: "schedule", Pos: pos,
			Reason: fmt.Sprintf("%s becomes schedule '%s': %s", pl.f.Schedule, sp.gen2, sp.why)})
	default:
		g.finding(pl.r, model.Finding{Code: "function.schedule", Level: model.CDK, Subject: "schedule", Pos: pos,
			Reason: fmt.Sprintf("%s becomes an EventBridge rule in amplify/backend.ts: %s", pl.f.Schedule, sp.why)})
	}
}

// nodeDependencies merges the function's npm dependencies into the root
// package.json and returns the packages the code loads that nothing
// provides (candidates for layer externals).
func (g *gen) nodeDependencies(pl *fnPlan, loads []jsmod.Load) []string {
	r, f := pl.r, pl.f
	from := "function/" + r.Name
	declared := map[string]bool{}
	var merged []string
	for _, d := range f.Dependencies {
		declared[d.Name] = true
		if other, who := g.pkg.addDependency(d.Name, d.Version, from); other != "" {
			g.finding(r, model.Finding{Code: "function.dependencies", Level: model.Manual, Subject: d.Name, Pos: d.Pos,
				Reason: fmt.Sprintf("%s wants %s %s but %s already wants %s; the root package.json keeps %s", from, d.Name, d.Version, who, other, other),
				Action: "choose a version of " + d.Name + " that suits both in the root package.json"})
			continue
		}
		merged = append(merged, d.Name+"@"+d.Version)
	}
	if len(merged) > 0 {
		g.finding(r, model.Finding{Code: "function.dependencies", Level: model.Auto, Subject: "dependencies", Pos: model.Pos{File: f.PackageJSON, Path: "dependencies"},
			Reason: "added to the root package.json: " + strings.Join(merged, ", ")})
	}
	for _, l := range f.Layers {
		if lp := g.fns.layers[l.Project]; lp != nil {
			for _, d := range lp.r.Layer.Dependencies {
				declared[d.Name] = true
				if other, who := g.pkg.addDependency(d.Name, d.Version, "layer/"+l.Project); other != "" {
					g.finding(r, model.Finding{Code: "function.dependencies", Level: model.Manual, Subject: d.Name, Pos: d.Pos,
						Reason: fmt.Sprintf("layer %s provides %s %s but %s wants %s; the root package.json keeps %s", l.Project, d.Name, d.Version, who, other, other),
						Action: "choose a version of " + d.Name + " that suits both in the root package.json"})
				}
			}
		}
	}
	var unresolved []string
	seen := map[string]bool{}
	for _, l := range loads {
		name := jsmod.PackageName(l.Spec)
		if l.TypeOnly || name == "" || seen[name] || declared[name] || jsmod.IsBuiltin(name) {
			continue
		}
		seen[name] = true
		switch {
		case name == "aws-sdk":
			if other, _ := g.pkg.addDependency("aws-sdk", awsSDKv2, from); other == "" {
				g.finding(r, model.Finding{Code: "function.dependencies", Level: model.Auto, Subject: "aws-sdk", Pos: model.Pos{File: f.SourceDir},
					Reason: "the code uses the AWS SDK v2, which Node 18+ runtimes no longer include; aws-sdk " + awsSDKv2 + " is added to the root package.json so that esbuild bundles it",
					Action: "move to the AWS SDK v3 (@aws-sdk/*) when you can: v2 is no longer maintained"})
			}
		case strings.HasPrefix(name, "@aws-sdk/"):
			// Node 18+ runtimes carried the SDK v3; Gen 2 bundles it instead.
			if other, _ := g.pkg.addDependency(name, "^3.0.0", from); other == "" {
				g.finding(r, model.Finding{Code: "function.dependencies", Level: model.Auto, Subject: name, Pos: model.Pos{File: f.SourceDir},
					Reason: name + " came with the Lambda runtime in Gen 1; it is added to the root package.json (^3.0.0) because Gen 2 bundles the AWS SDK"})
			}
		default:
			unresolved = append(unresolved, name)
		}
	}
	return sortStrings(unresolved)
}

// externalLayers returns defineFunction's layers: the external layers'
// ARNs, keyed by the modules they provide to the code (esbuild leaves
// those modules to the layer).
func (g *gen) externalLayers(pl *fnPlan, unresolved []string) ts.Obj {
	var ext []model.LayerRef
	for _, l := range pl.f.Layers {
		if l.Arn != "" {
			ext = append(ext, l)
		}
	}
	obj := ts.Obj{}
	if len(ext) == 0 {
		for _, name := range unresolved {
			g.finding(pl.r, model.Finding{Code: "function.dependencies", Level: model.Manual, Subject: name, Pos: model.Pos{File: pl.f.SourceDir},
				Reason: fmt.Sprintf("the code loads %s, which neither the function's package.json nor one of its layers provides, so esbuild cannot bundle it", name),
				Action: "add " + name + " to the root package.json"})
		}
		return obj
	}
	for _, name := range unresolved {
		obj.Set(name, ts.Str(ext[0].Arn))
		level, reason := model.Auto, fmt.Sprintf("%s comes from the external layer %s at run time, so esbuild leaves it out of the bundle", name, ext[0].Arn)
		if len(ext) > 1 {
			level = model.Manual
			reason += fmt.Sprintf(" (the function has %d external layers; check which one provides it)", len(ext))
		}
		g.finding(pl.r, model.Finding{Code: "function.layer", Level: level, Subject: name, Pos: ext[0].Pos, Reason: reason})
	}
	for _, l := range ext {
		name := layerNameFromArn(l.Arn)
		if !arnPattern.MatchString(l.Arn) {
			g.finding(pl.r, model.Finding{Code: "function.layer", Level: model.Manual, Subject: l.Arn, Pos: l.Pos,
				Reason: "the layer ARN is not a layer version ARN (arn:aws:lambda:<region>:<account>:layer:<name>:<version>), which defineFunction requires",
				Action: "fix the ARN in " + pl.dir + "/resource.ts"})
		}
		used := false
		for _, e := range obj {
			if ts.Render(e.Value) == ts.Quote(l.Arn) {
				used = true
			}
		}
		if !used {
			obj.Set(name, ts.Str(l.Arn))
		}
		g.finding(pl.r, model.Finding{Code: "function.layer", Level: model.Auto, Subject: name, Pos: l.Pos,
			Reason: "the external layer keeps its ARN in defineFunction layers: " + l.Arn})
	}
	return obj
}

var arnPattern = regexp.MustCompile(`^arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\d{12}:layer:[a-zA-Z0-9-_]+:\d+$`)

// layerNameFromArn returns the layer name of a layer version ARN.
func layerNameFromArn(arn string) string {
	parts := strings.Split(arn, ":")
	if len(parts) >= 8 && parts[5] == "layer" {
		return parts[6]
	}
	return arn
}
