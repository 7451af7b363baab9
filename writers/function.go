package writers

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/jsmod"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

// functionState carries the function conversion from writeFunctions (which
// runs before the other categories) to wireFunctions (which runs after
// them and refers to what they made).
type functionState struct {
	plans  []*fnPlan
	layers map[string]*layerPlan
	// helpers are the builders amplify/functions/code.ts must export.
	helpers map[string]bool
	// ssm is set when backend.ts needs the SSM pass-through helper.
	ssm bool
	// layersStackDeclared is set once backend.ts declares the layers' stack.
	layersStackDeclared bool
}

func newFunctionState() *functionState {
	return &functionState{layers: map[string]*layerPlan{}, helpers: map[string]bool{}}
}

// fnPlan is one function being converted.
type fnPlan struct {
	r   *model.Resource
	f   *model.Function
	sym *functionSymbol
	// dir is the function's Gen 2 folder, amplify/functions/<name>.
	dir string
	// node is true for Node.js functions (defineFunction props); false for
	// CDK functions (Python, Java, Go, .NET).
	node bool
	// refs are environment variables whose values refer to other
	// resources: they are set in backend.ts.
	refs []envRef
	// scheduleRule is a Gen 1 schedule expression that defineFunction
	// cannot express; backend.ts adds an EventBridge rule for it.
	scheduleRule string
	// secretsFromGen1 are secrets a CDK function keeps reading from the
	// Gen 1 SSM parameters.
	secretsFromGen1 []model.FunctionSecret
}

// envRef is an environment variable set in backend.ts.
type envRef struct {
	v model.EnvVar
}

// planFunctions names every Lambda function before any writer refers to
// one: its identifier in defineBackend, the module that exports it, and
// the resource group that keeps stacks from depending on each other in a
// cycle.
func (g *gen) planFunctions() {
	taken := map[string]bool{"auth": true, "data": true, "storage": true, "backend": true, "branchName": true}
	for _, r := range g.p.ByService(model.CategoryFunction, "Lambda") {
		ident := lowerFirst(ts.Ident(r.Name))
		if taken[ident] {
			ident += "Function"
		}
		for i := 2; taken[ident]; i++ {
			ident = lowerFirst(ts.Ident(r.Name)) + "Function" + strconv.Itoa(i)
		}
		taken[ident] = true
		g.functions[r.Name] = &functionSymbol{Ident: ident, Module: "./functions/" + r.Name + "/resource", Group: g.functionGroup(r)}
	}
	for _, r := range g.p.ByService(model.CategoryFunction, "LambdaLayer") {
		ident := lowerFirst(ts.Ident(r.Name))
		if !strings.HasSuffix(strings.ToLower(ident), "layer") {
			ident += "Layer"
		}
		for i := 2; taken[ident]; i++ {
			ident = lowerFirst(ts.Ident(r.Name)) + "Layer" + strconv.Itoa(i)
		}
		taken[ident] = true
		g.fns.layers[r.Name] = &layerPlan{r: r, ident: ident, dir: resourceDir("layers", r.Name)}
	}
}

// functionGroup is the resourceGroupName a function needs: 'auth' for
// Cognito triggers (the user pool calls them), 'data' for functions the
// AppSync API calls, 'storage' for S3 triggers. Grouping a function with
// the resource that calls it keeps both in one stack.
func (g *gen) functionGroup(fn *model.Resource) string {
	if f := fn.Function; f != nil && f.Trigger != nil && f.Trigger.Auth != "" {
		return groupAuth
	}
	for _, a := range g.p.ByCategory(model.CategoryAuth) {
		for _, d := range a.DependsOn {
			if d.Category == model.CategoryFunction && d.ResourceName == fn.Name && d.TriggerProvider != "" {
				return groupAuth
			}
		}
		if a.Auth != nil && authTriggerNames(a)[fn.Name] {
			return groupAuth
		}
	}
	for _, api := range g.p.ByService(model.CategoryAPI, "AppSync") {
		if api.GraphQL != nil && slices.Contains(api.GraphQL.Functions, fn.Name) {
			return groupData
		}
	}
	for _, b := range g.p.ByService(model.CategoryStorage, "S3") {
		for _, d := range b.DependsOn {
			if d.Category == model.CategoryFunction && d.ResourceName == fn.Name {
				return groupStorage
			}
		}
		if b.Bucket != nil && bucketTriggerNames(b.Bucket)[fn.Name] {
			return groupStorage
		}
	}
	return ""
}

// authTriggerNames are the functions an auth resource's triggers run.
func authTriggerNames(a *model.Resource) map[string]bool {
	out := map[string]bool{}
	for _, t := range a.Auth.Triggers {
		if t.Function != "" {
			out[t.Function] = true
		}
	}
	return out
}

// bucketTriggerNames are the functions an S3 bucket notifies.
func bucketTriggerNames(b *model.Bucket) map[string]bool {
	out := map[string]bool{}
	for _, t := range b.Triggers {
		if t.Function != "" && t.Function != "NONE" {
			out[t.Function] = true
		}
	}
	return out
}

// writeFunctions converts the project's functions and layers: resource
// files, copied (and where needed rewritten) code, dependencies. What
// refers to other categories is wired later, in wireFunctions.
func (g *gen) writeFunctions() error {
	for _, name := range sortedKeys(g.fns.layers) {
		g.writeLayer(g.fns.layers[name])
	}
	for _, r := range g.p.ByService(model.CategoryFunction, "Lambda") {
		if r.Function == nil {
			continue
		}
		if r.Function.Template == "" {
			g.templateDefaults(r)
		}
		pl := &fnPlan{r: r, f: r.Function, sym: g.functions[r.Name], dir: resourceDir("functions", r.Name)}
		switch r.Function.RuntimeFamily {
		case "nodejs":
			pl.node = true
		case "python", "java", "go", "dotnet":
		default:
			g.finding(r, model.Finding{Code: "function.runtime", Level: model.Manual, Subject: "runtime", Pos: r.Function.Positions["runtime"],
				Reason: fmt.Sprintf("the function's runtime %q (%s) has no Gen 2 conversion", r.Function.RuntimeFamily, r.Function.Runtime),
				Action: "define it with CDK (defineFunction((scope) => new Function(...))) in amplify/functions/" + r.Name + "/resource.ts"})
			continue
		}
		g.markHandled(r)
		g.fns.plans = append(g.fns.plans, pl)
		g.backend.Resource(OrderFunctions, pl.sym.Ident, pl.sym.Ident, pl.sym.Module)
		g.tsconfigExclude = append(g.tsconfigExclude, "functions/"+r.Name+"/"+pl.codeDir())
		g.functionFindings(pl)
		if pl.node {
			g.writeNodeFunction(pl)
		} else {
			g.writeCDKFunction(pl)
		}
	}
	if len(g.fns.helpers) > 0 {
		g.writeCodeHelper()
	}
	if len(g.fns.plans) > 0 {
		g.functionNote()
	}
	return nil
}

// templateDefaults fills in what a function without its CloudFormation
// template lacks with the values the CLI writes into new templates.
func (g *gen) templateDefaults(r *model.Resource) {
	f := r.Function
	if f.Handler == "" {
		f.Handler = "index.handler"
	}
	if f.TimeoutSeconds == 0 {
		f.TimeoutSeconds = 25
	}
	if f.RuntimeFamily == "" {
		f.RuntimeFamily = "nodejs"
	}
	tpl := path.Join(r.Dir, r.Name+"-cloudformation-template.json")
	g.finding(r, model.Finding{Code: "function.template", Level: model.Manual, Subject: "template", Pos: model.Pos{File: tpl},
		Reason: fmt.Sprintf("%s is missing, so the runtime, environment variables and IAM policies Gen 1 deployed are unknown; the conversion assumes the CLI's defaults (handler %s, timeout %d s)", tpl, f.Handler, f.TimeoutSeconds),
		Action: "restore the template from version control and convert again, or check amplify/functions/" + r.Name + "/resource.ts against the deployed function"})
}

// functionFindings records the settings every function has.
func (g *gen) functionFindings(pl *fnPlan) {
	r, f := pl.r, pl.f
	kind := "defineFunction in " + pl.dir + "/resource.ts"
	level := model.Auto
	if !pl.node {
		kind = "a CDK Function (defineFunction with a provider) in " + pl.dir + "/resource.ts; AWS's own tool stops on non-Node functions"
		level = model.CDK
	}
	g.finding(r, model.Finding{Code: "function.converted", Level: level,
		Reason: fmt.Sprintf("the %s function becomes %s, with its code in %s/%s", familyName(f.RuntimeFamily), kind, pl.dir, pl.codeDir())})
	if grp := pl.sym.Group; grp != "" {
		why := map[string]string{
			groupAuth:    "it is a Cognito trigger, so it lives in the auth stack",
			groupData:    "the AppSync API calls it, so it lives in the data stack",
			groupStorage: "it is an S3 trigger, so it lives in the storage stack",
		}[grp]
		g.finding(r, model.Finding{Code: "function.group", Level: model.Auto, Subject: "resourceGroupName",
			Reason: fmt.Sprintf("resourceGroupName '%s': %s, which avoids circular stack dependencies", grp, why)})
	}
	if t := f.Trigger; t != nil && t.Auth != "" {
		reason := fmt.Sprintf("the %s Cognito trigger of auth/%s; defineAuth triggers call it (auth conversion)", t.Event, t.Auth)
		if len(t.Modules) > 0 {
			reason += "; Gen 1 template modules: " + strings.Join(t.Modules, ", ")
		}
		g.finding(r, model.Finding{Code: "function.trigger", Level: model.Auto, Subject: "trigger", Pos: t.Pos, Reason: reason})
	}
	timeout := f.TimeoutSeconds
	reason := fmt.Sprintf("timeoutSeconds: %d (written out: the Gen 2 default is 3 seconds)", timeout)
	if timeout == 0 {
		timeout = 3
		reason = "the template leaves the timeout to Lambda's default of 3 seconds; written out as 3"
	}
	lvl := model.Auto
	if timeout < 1 || timeout > 900 {
		lvl = model.Manual
		reason = fmt.Sprintf("the timeout %d s is outside Lambda's 1-900 s", timeout)
	}
	g.finding(r, model.Finding{Code: "function.timeout", Level: lvl, Subject: "timeout", Pos: f.Positions["timeout"], Reason: reason})
	mem := f.MemoryMB
	reason = fmt.Sprintf("memoryMB: %d", mem)
	if mem == 0 {
		reason = "the template leaves memory to Lambda's default of 128 MB; written out as 128 (the Gen 2 default is 512 MB)"
	}
	g.finding(r, model.Finding{Code: "function.memory", Level: model.Auto, Subject: "memory", Pos: f.Positions["memory"], Reason: reason})
	if f.Architecture != "" {
		g.finding(r, model.Finding{Code: "function.architecture", Level: model.Auto, Subject: "architecture", Pos: f.Positions["architecture"],
			Reason: "architecture: " + f.Architecture})
	}
	if len(f.DevDependencies) > 0 {
		var names []string
		for _, d := range f.DevDependencies {
			names = append(names, d.Name)
		}
		g.finding(r, model.Finding{Code: "function.dev-dependencies", Level: model.Drop, Subject: "devDependencies", Pos: f.DevDependencies[0].Pos,
			Reason: fmt.Sprintf("the Gen 1 build's devDependencies (%s) are not needed: Gen 2 bundles the handler with esbuild", strings.Join(names, ", ")),
			Action: "add the ones you still use (for example @types/aws-lambda) to the root package.json devDependencies"})
	}
	for _, o := range f.OtherResources {
		g.otherResourceFinding(pl, o)
	}
}

func familyName(f string) string {
	switch f {
	case "nodejs":
		return "Node.js"
	case "python":
		return "Python"
	case "java":
		return "Java"
	case "go":
		return "Go"
	case "dotnet":
		return ".NET"
	}
	return f
}

// otherResourceFinding reports a template resource or function property
// the conversion does not make.
func (g *gen) otherResourceFinding(pl *fnPlan, o model.TemplateResource) {
	switch {
	case o.Type == "AWS::Lambda::Permission" && o.Principal == "s3.amazonaws.com" && pl.sym.Group == groupStorage:
		g.finding(pl.r, model.Finding{Code: "function.template-resource", Level: model.Auto, Subject: o.LogicalID, Pos: o.Pos,
			Reason: "the S3 invoke permission is made by defineStorage with the trigger"})
		return
	case o.Type == "property":
		// Reported with the code that sets it (wireFunctions).
		return
	}
	what := o.Type
	if o.Principal != "" {
		what += " for " + o.Principal
	}
	g.finding(pl.r, model.Finding{Code: "function.template-resource", Level: model.Manual, Subject: o.LogicalID, Pos: o.Pos,
		Reason: fmt.Sprintf("the Gen 1 template's %s (%s) has no Gen 2 conversion", o.LogicalID, what),
		Action: "recreate it with CDK in amplify/backend.ts (see the TODO in the function's section)"})
}

// nodeEntry resolves a Node handler ("index.handler", "src/app.main") to a
// file among the function's sources and the export Lambda calls.
func nodeEntry(f *model.Function) (file, export string, ok bool) {
	h := f.Handler
	if h == "" {
		h = "index.handler"
	}
	i := strings.LastIndex(h, ".")
	if i < 0 {
		return "", "handler", false
	}
	base, export := h[:i], h[i+1:]
	for _, ext := range []string{".ts", ".mts", ".js", ".mjs", ".cjs"} {
		want := path.Join(f.SourceDir, base+ext)
		for _, c := range f.Files {
			if c == want {
				return c, export, true
			}
		}
	}
	return path.Join(f.SourceDir, base+".js"), export, false
}

// codeDir is the folder of the function's code under its Gen 2 folder:
// the Gen 1 folder's name (src, or lib for the Gen 1 TypeScript template),
// so that paths in the code and in its tsconfig.json keep working.
func (pl *fnPlan) codeDir() string {
	if d := path.Base(pl.f.SourceDir); d != "." && d != "/" && d != "" {
		return d
	}
	return "src"
}

// copyDest is where a Gen 1 source file goes in the Gen 2 function folder.
func (pl *fnPlan) copyDest(src string) string {
	return path.Join(pl.dir, pl.codeDir(), strings.TrimPrefix(src, pl.f.SourceDir+"/"))
}

// skipCopy are files of a Gen 1 source folder that Gen 2 does not need.
var skipCopy = map[string]bool{"package-lock.json": true, "yarn.lock": true, "pnpm-lock.yaml": true, ".DS_Store": true}

// copySources copies the function's source folder to <dir>/src, rewriting
// the JavaScript and TypeScript files that need it.
func (g *gen) copySources(pl *fnPlan, rewrite func(file model.SourceFile) (jsmod.Result, bool)) {
	code := map[string]model.SourceFile{}
	for _, c := range pl.f.Code {
		code[c.Path] = c
	}
	for _, file := range pl.f.Files {
		if skipCopy[path.Base(file)] {
			continue
		}
		dst := pl.copyDest(file)
		if c, ok := code[file]; ok && rewrite != nil {
			if res, changed := rewrite(c); changed {
				g.addFile(dst, []byte(res.Text))
				for _, t := range res.Todos {
					g.steps = append(g.steps, Step{File: dst, Line: t.Line, Code: "function.code", Text: t.Text})
				}
				continue
			}
		}
		g.copyFile(dst, file)
	}
}

// functionNote adds the MIGRATION.md section about functions.
func (g *gen) functionNote() {
	var b strings.Builder
	b.WriteString("Each Gen 1 function is in `amplify/functions/<name>/`: `resource.ts` defines it and `src/` (`lib/` for functions made from the Gen 1 TypeScript template) holds the Gen 1 code. ")
	b.WriteString("`amplify/tsconfig.json` leaves that code out of type checking: it is the Gen 1 code as it was, with its own dependencies and settings (a Gen 1 `tsconfig.json` is kept beside it, and esbuild honours its paths); esbuild bundles it when you deploy.\n\n")
	b.WriteString("- Node.js handlers are bundled as ES modules: where a handler used CommonJS exports, its entry file now uses `export` (other files stay CommonJS, which the copied `package.json` keeps).\n")
	b.WriteString("- The dependencies of each function's `package.json` are in the root `package.json`; run `npm install` at the project root.\n")
	b.WriteString("- Functions are new Lambda functions with new names; the Gen 1 ones keep running until you delete the Gen 1 environment.\n")
	b.WriteString("- Gen 1 environment variables that named other resources (`API_<API>_<MODEL>TABLE_NAME`, `STORAGE_<NAME>_BUCKETNAME`, `AUTH_<NAME>_USERPOOLID`, ...) keep their names and now name the Gen 2 resources, so handlers read them unchanged.\n")
	if g.fns.ssm {
		b.WriteString("- Where a function's variable would make two stacks depend on each other in a cycle, backend.ts passes it through an SSM parameter (`ssmValue`); Gen 2 loads it into `process.env` before the handler runs.\n")
	}
	if len(g.fns.helpers) > 0 {
		b.WriteString("\n### Building Python, Java, Go and .NET functions\n\n")
		b.WriteString("`amplify/functions/code.ts` builds these functions on the machine that runs `ampx` (no Docker): ")
		var tools []string
		for _, h := range []string{"python", "java", "go", "dotnet"} {
			if g.fns.helpers[h] {
				tools = append(tools, map[string]string{
					"python": "Python 3 with pip (`pip install --target`, Linux wheels) for Python",
					"java":   "JDK and Gradle (`gradle build`, then the zip in build/distributions) for Java",
					"go":     "Go (`GOOS=linux go build -o bootstrap`) for Go",
					"dotnet": ".NET SDK (`dotnet publish -c Release -r linux-x64`) for .NET",
				}[h])
			}
		}
		b.WriteString(strings.Join(tools, "; ") + ". ")
		b.WriteString("Install them in your Amplify build image (amplify.yml `preBuild`) and locally for `ampx sandbox`. ")
		b.WriteString("When a tool is missing the synth fails with a message naming it; set `AMPLIFY_MIGRATE_ALLOW_UNBUILT=1` only for synth checks that never deploy (functions are then packaged from their sources, without building them or installing their packages).\n")
	}
	g.note(40, "Functions", b.String())
}

// envRuntimeDecl is the declaration resource.ts files use for Gen 1's ENV.
const envRuntimeDecl = BranchNameDecl

// secretLike matches variable names that end in a word naming a secret
// (OPENAI_API_KEY, PAYPAL_SECRET, WEBHOOK_TOKEN, dbPassword), but not
// API_KEY_HEADER or TOKEN_URL.
var secretLike = regexp.MustCompile(`(?i)(secret|passw(or)?d|api_?key|access_?key|token|private_?key|credentials?)\d*$`)

// isSecretLike reports whether a user parameter's name suggests a secret
// that Gen 1 kept in plain text (team-provider-info.json).
func isSecretLike(name string) bool { return secretLike.MatchString(name) }

// sortStrings returns a sorted copy.
func sortStrings(in []string) []string {
	out := append([]string(nil), in...)
	sort.Strings(out)
	return out
}
