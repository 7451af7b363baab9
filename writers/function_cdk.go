package writers

import (
	"fmt"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

// cdkRuntime maps a Gen 1 runtime of a non-Node function to a CDK Runtime
// constant, moving runtimes Lambda no longer creates functions on to the
// nearest supported one.
func cdkRuntime(family, rt string) (constant, why string) {
	switch family {
	case "python":
		if m := regexp.MustCompile(`^python3\.(\d+)$`).FindStringSubmatch(rt); m != nil {
			n, _ := strconv.Atoi(m[1])
			if n >= 10 && n <= 14 {
				return "Runtime.PYTHON_3_" + m[1], ""
			}
			if n > 14 {
				return "Runtime.PYTHON_3_14", rt + " is newer than this CDK version knows; Python 3.14 is used"
			}
		}
		return "Runtime.PYTHON_3_12", fmt.Sprintf("Lambda has deprecated %s and no longer creates functions on it; Python 3.12 is used, so test the function", orUnknown(rt))
	case "java":
		switch rt {
		case "java11":
			return "Runtime.JAVA_11", ""
		case "java17":
			return "Runtime.JAVA_17", ""
		case "java21":
			return "Runtime.JAVA_21", ""
		case "java8.al2":
			return "Runtime.JAVA_8_CORRETTO", ""
		case "java8":
			return "Runtime.JAVA_8_CORRETTO", "Lambda has deprecated java8 (Amazon Linux 1); java8.al2 runs the same Java version"
		}
		return "Runtime.JAVA_21", fmt.Sprintf("the runtime %q is not one Lambda offers; Java 21 is used", orUnknown(rt))
	case "go":
		switch rt {
		case "provided.al2023":
			return "Runtime.PROVIDED_AL2023", ""
		case "provided.al2":
			return "Runtime.PROVIDED_AL2", ""
		}
		return "Runtime.PROVIDED_AL2023", fmt.Sprintf("Lambda has retired %s; Go functions run on the OS-only runtime provided.al2023 as a binary named bootstrap", orUnknown(rt))
	case "dotnet":
		switch rt {
		case "dotnet8":
			return "Runtime.DOTNET_8", ""
		case "dotnet9":
			return "Runtime.DOTNET_9", ""
		case "dotnet10":
			return "Runtime.DOTNET_10", ""
		}
		return "Runtime.DOTNET_8", fmt.Sprintf("Lambda has deprecated %s; .NET 8 is used, so update the project's target framework to net8.0", orUnknown(rt))
	}
	return "", ""
}

func orUnknown(s string) string {
	if s == "" {
		return "(no runtime)"
	}
	return s
}

// writeCDKFunction converts a Python, Java, Go or .NET function: Gen 2's
// defineFunction only builds Node.js, so the function is a CDK Function
// that defineFunction adopts (and places in the right resource group).
func (g *gen) writeCDKFunction(pl *fnPlan) {
	r, f := pl.r, pl.f
	g.copySources(pl, nil)
	for _, b := range f.BuildFiles {
		g.copyFile(path.Join(pl.dir, strings.TrimPrefix(b, r.Dir+"/")), b)
	}

	im := ts.Imports{}
	im.Add("@aws-amplify/backend", "defineFunction")
	im.Add("aws-cdk-lib", "Duration")
	im.Add("aws-cdk-lib/aws-lambda", "Function", "Runtime")
	im.Default("node:path", "path")
	im.Add("node:url", "fileURLToPath")

	props := ts.Obj{}
	runtime, why := cdkRuntime(f.RuntimeFamily, f.Runtime)
	props.Add(ts.Entry{Key: "runtime", Value: ts.Expr(runtime), Comment: why})
	runtimeLevel, runtimeAction := model.CDK, ""
	if why != "" && f.RuntimeFamily == "dotnet" {
		// A project built for an older .NET does not run on a newer runtime.
		runtimeLevel, runtimeAction = model.Manual, "set <TargetFramework>net8.0</TargetFramework> in the project file under "+pl.dir+"/src"
	}
	g.finding(r, model.Finding{Code: "function.runtime", Level: runtimeLevel, Subject: "runtime", Pos: f.Positions["runtime"],
		Reason: runtimeReason(orUnknown(f.Runtime), runtime, why), Action: runtimeAction})
	handler := f.Handler
	if f.RuntimeFamily == "go" {
		handler = "bootstrap"
	}
	props.Set("handler", ts.Str(handler))
	g.finding(r, model.Finding{Code: "function.handler", Level: model.CDK, Subject: "handler", Pos: f.Positions["handler"],
		Reason: fmt.Sprintf("handler %q", handler) + map[bool]string{true: fmt.Sprintf(" (Gen 1: %q; the Go build writes the binary as bootstrap)", f.Handler), false: ""}[handler != f.Handler]})

	arch := "x86_64"
	if f.Architecture == "arm64" {
		arch = "arm64"
	}
	codeExpr, codeWhy := g.cdkCode(pl, runtime, arch)
	im.Add("../code", codeHelperName(f.RuntimeFamily))
	props.Add(ts.Entry{Key: "code", Value: ts.Expr(codeExpr), Comment: codeWhy})

	timeout := f.TimeoutSeconds
	if timeout == 0 {
		timeout = 3
	}
	props.Set("timeout", ts.Expr(fmt.Sprintf("Duration.seconds(%d)", timeout)))
	mem := f.MemoryMB
	if mem == 0 {
		mem = 128
	}
	props.Set("memorySize", ts.Num(mem))
	if arch == "arm64" {
		im.Add("aws-cdk-lib/aws-lambda", "Architecture")
		props.Set("architecture", ts.Expr("Architecture.ARM_64"))
	}
	env, usesBranch, usesAws, _ := g.staticEnvironment(pl)
	if len(env) > 0 {
		props.Set("environment", env)
	}
	if usesAws {
		im.Add("aws-cdk-lib", "Aws")
	}
	if f.Schedule != "" {
		sp := convertSchedule(f.Schedule, timeout)
		if sp.bad == "" {
			// defineFunction's schedule option is for Node functions; the
			// Gen 1 EventBridge rule is kept as it was.
			sp = schedulePlan{rule: f.Schedule, why: "a CDK function is scheduled by an EventBridge rule, as in Gen 1"}
			pl.scheduleRule = f.Schedule
		}
		g.scheduleFinding(pl, sp)
	}

	p := ts.New()
	im.Print(p)
	p.Blank()
	if usesBranch {
		p.Comment("Gen 1 passed the environment name in ENV; Gen 2 passes the branch.")
		p.Line(envRuntimeDecl)
	}
	p.Line("const functionDir = path.dirname(fileURLToPath(import.meta.url));")
	p.Blank()
	p.Comment(fmt.Sprintf("Gen 1: function/%s (%s). defineFunction builds only Node.js functions, so this %s function is a CDK Function that defineFunction adopts.",
		r.Name, r.Dir, familyName(f.RuntimeFamily)))
	fn := ts.Call{Fn: "new Function", Args: []ts.Value{ts.Expr("scope"), ts.Str(r.Name), props}}
	args := []ts.Value{ts.Arrow{Params: "scope", Body: fn}}
	if pl.sym.Group != "" {
		args = append(args, ts.Obj{{Key: "resourceGroupName", Value: ts.Str(pl.sym.Group)}})
	}
	p.Value("export const "+pl.sym.Ident+" = ", ts.Call{Fn: "defineFunction", Args: args}, ";")
	g.addTS(path.Join(pl.dir, "resource.ts"), p)
}

func codeHelperName(family string) string {
	return map[string]string{"python": "pythonCode", "java": "javaCode", "go": "goCode", "dotnet": "dotnetCode"}[family]
}

// cdkCode returns the code expression of a CDK function and records the
// build it needs.
func (g *gen) cdkCode(pl *fnPlan, runtime, arch string) (string, string) {
	r, f := pl.r, pl.f
	g.fns.helpers[f.RuntimeFamily] = true
	switch f.RuntimeFamily {
	case "python":
		version := strings.ReplaceAll(strings.TrimPrefix(runtime, "Runtime.PYTHON_"), "_", ".")
		why := "the sources, built without Docker (see amplify/functions/code.ts)"
		if len(f.PythonPackages) > 0 {
			var lines []string
			var names []string
			for _, d := range f.PythonPackages {
				lines = append(lines, d.Name+pipSpec(d.Version))
				names = append(names, d.Name)
			}
			sort.Strings(lines)
			g.addFile(path.Join(pl.dir, "requirements.txt"), []byte(fmt.Sprintf("# amplify-migrate: the packages of %s, installed by amplify/functions/code.ts.\n%s\n",
				f.PythonPackagesFrom, strings.Join(lines, "\n"))))
			why = fmt.Sprintf("the sources plus the packages of %s (requirements.txt), installed with pip for Lambda without Docker", path.Base(f.PythonPackagesFrom))
			g.finding(r, model.Finding{Code: "function.build", Level: model.CDK, Subject: "packages", Pos: model.Pos{File: f.PythonPackagesFrom},
				Reason: fmt.Sprintf("the packages Gen 1 installed with pipenv (%s) go to %s/requirements.txt; amplify/functions/code.ts installs Linux wheels of them with pip when the backend is synthesized", strings.Join(names, ", "), pl.dir),
				Action: "have Python 3 and pip where ampx runs (locally and in the Amplify build image)"})
		} else {
			g.finding(r, model.Finding{Code: "function.build", Level: model.CDK, Subject: "packages", Pos: model.Pos{File: orDir(f.PythonPackagesFrom, r.Dir)},
				Reason: "the function installs no packages (the Pipfile lists none), so its code is the sources as they are"})
		}
		return fmt.Sprintf("pythonCode(functionDir, %s, %s)", ts.Quote(version), ts.Quote(arch)), why
	case "java":
		if !hasBase(f.BuildFiles, "build.gradle") {
			g.finding(r, model.Finding{Code: "function.build", Level: model.Manual, Subject: "build", Pos: model.Pos{File: r.Dir},
				Reason: "the Java function has no build.gradle, the build Gen 1 ran",
				Action: "add the Gradle build (its zip in build/distributions becomes the code) or change javaCode in amplify/functions/code.ts"})
		} else {
			g.finding(r, model.Finding{Code: "function.build", Level: model.CDK, Subject: "build", Pos: model.Pos{File: path.Join(r.Dir, "build.gradle")},
				Reason: "Gen 1 built the function with `gradle build`; amplify/functions/code.ts runs the same build (no Docker) and uses the zip in build/distributions",
				Action: "have a JDK and Gradle where ampx runs (locally and in the Amplify build image)"})
		}
		return "javaCode(functionDir)", "built with Gradle, as Gen 1 did (see amplify/functions/code.ts)"
	case "go":
		g.finding(r, model.Finding{Code: "function.build", Level: model.CDK, Subject: "build", Pos: model.Pos{File: f.SourceDir},
			Reason: "amplify/functions/code.ts builds the Go sources for Linux into a binary named bootstrap (no Docker)",
			Action: "have Go where ampx runs (locally and in the Amplify build image)"})
		return fmt.Sprintf("goCode(functionDir, %s)", ts.Quote(arch)), "built with go build for Linux (see amplify/functions/code.ts)"
	case "dotnet":
		g.finding(r, model.Finding{Code: "function.build", Level: model.CDK, Subject: "build", Pos: model.Pos{File: f.SourceDir},
			Reason: "amplify/functions/code.ts publishes the .NET project for Linux with dotnet publish (no Docker)",
			Action: "have the .NET SDK where ampx runs (locally and in the Amplify build image)"})
		return fmt.Sprintf("dotnetCode(functionDir, %s)", ts.Quote(arch)), "published with dotnet publish for Linux (see amplify/functions/code.ts)"
	}
	return "", ""
}

func orDir(s, dir string) string {
	if s == "" {
		return dir
	}
	return s
}

func hasBase(files []string, base string) bool {
	for _, f := range files {
		if path.Base(f) == base {
			return true
		}
	}
	return false
}

// pipSpec turns a Pipfile version ("==1.2", ">=2", "1.2", "") into a
// requirements.txt specifier.
func pipSpec(v string) string {
	v = strings.TrimSpace(v)
	switch {
	case v == "" || v == "*":
		return ""
	case strings.ContainsAny(v[:1], "=<>!~"):
		return v
	}
	return "==" + v
}

// cdkSecret handles a secret of a non-Node function. Gen 2 resolves
// secret() values only in Node functions (a shim in their bundle), so the
// function keeps reading the Gen 1 SSM parameter, whose path it gets as
// before.
func (g *gen) cdkSecret(pl *fnPlan, e model.EnvVar, kind envKind, env *ts.Obj) {
	r := pl.r
	if kind == envPlainSecret {
		env.Add(ts.Entry{TodoCode: "function.secret", Todo: fmt.Sprintf("set %s: Gen 1 kept its value in plain text in team-provider-info.json, which is not copied; Gen 2 secrets reach only Node functions, so store it in SSM Parameter Store (SecureString) and have the code read it.", e.Name)})
		g.finding(r, model.Finding{Code: "function.secret", Level: model.Manual, Subject: e.Name, Pos: envPos(e),
			Reason: e.Name + " looks like a secret that Gen 1 kept in plain text; its value is not copied",
			Action: "store it in SSM Parameter Store and read it in the function (see the TODO in " + pl.dir + "/resource.ts)"})
		return
	}
	appID := g.p.Deployment.AppID
	var b strings.Builder
	for _, p := range e.Value.Parts {
		switch {
		case p.Kind == model.PartText:
			b.WriteString(p.Text)
		case p.Kind == model.PartEnv:
			b.WriteString(g.p.Env)
		case p.Kind == model.PartParam && p.HasValue:
			b.WriteString(p.Value)
		case p.Kind == model.PartParam:
			b.WriteString(appID)
		}
	}
	ssmPath := b.String()
	if g.p.Env == "" || !strings.HasPrefix(ssmPath, "/amplify/") || strings.Contains(ssmPath, "//") {
		env.Add(ts.Entry{TodoCode: "function.secret", Todo: fmt.Sprintf("set %s to the SSM parameter path of the secret (Gen 1: /amplify/<appId>/<env>/AMPLIFY_%s_%s).", e.Name, r.Name, e.Name)})
		g.finding(r, model.Finding{Code: "function.secret", Level: model.Manual, Subject: e.Name, Pos: envPos(e),
			Reason: "the SSM path of the secret is not known (no Gen 1 environment or app id)", Action: "set it in " + pl.dir + "/resource.ts"})
		return
	}
	env.Add(ts.Entry{Key: e.Name, Value: ts.Str(ssmPath),
		Comment: "Gen 2 secrets reach only Node functions, so the function reads the Gen 1 secret parameter as before."})
	pl.secretsFromGen1 = append(pl.secretsFromGen1, model.FunctionSecret{Name: ssmPath})
	g.finding(r, model.Finding{Code: "function.secret", Level: model.CDK, Subject: e.Name, Pos: envPos(e),
		Reason: fmt.Sprintf("the function keeps reading the Gen 1 SSM parameter %s (Gen 2 secret() reaches only Node functions); backend.ts lets it read the parameter", ssmPath),
		Action: "copy the parameter (or move the value to a Gen 2 secret and change the code) before you delete the Gen 1 environment"})
}
