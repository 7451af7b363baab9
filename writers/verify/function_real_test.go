package verify_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers"
	"github.com/amplify-migrate/amplify-migrate/writers/verify"
)

// functionProjects are the test and corpus projects that have functions.
func functionProjects(t *testing.T) []verify.Project {
	var out []verify.Project
	for _, pr := range allProjects(t) {
		data, err := os.ReadFile(filepath.Join(pr.Dir, "amplify", "backend", "backend-config.json"))
		if err != nil {
			continue
		}
		var bc map[string]map[string]struct {
			Service string `json:"service"`
		}
		_ = json.Unmarshal(data, &bc)
		for _, r := range bc["function"] {
			if r.Service == "Lambda" {
				out = append(out, pr)
				break
			}
		}
	}
	return out
}

// gen1Function is what a Gen 1 template and its parameters say about a
// function, read here independently of the converter.
type gen1Function struct {
	Runtime  string
	Timeout  int
	Memory   int
	Arch     string
	Env      []string
	Schedule string
	Secrets  []string
	Layers   int
}

func readGen1Function(t *testing.T, root string, r *model.Resource, env string) gen1Function {
	t.Helper()
	var tpl struct {
		Resources map[string]struct {
			Type       string          `json:"Type"`
			Properties json.RawMessage `json:"Properties"`
		} `json:"Resources"`
	}
	data, err := os.ReadFile(filepath.Join(root, r.Function.Template))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &tpl); err != nil {
		t.Fatal(err)
	}
	var g gen1Function
	for _, res := range tpl.Resources {
		if res.Type != "AWS::Lambda::Function" {
			continue
		}
		var p struct {
			Runtime       string                                         `json:"Runtime"`
			Timeout       json.Number                                    `json:"Timeout"`
			MemorySize    json.Number                                    `json:"MemorySize"`
			Architectures []string                                       `json:"Architectures"`
			Environment   struct{ Variables map[string]json.RawMessage } `json:"Environment"`
			Layers        []json.RawMessage                              `json:"Layers"`
		}
		if err := json.Unmarshal(res.Properties, &p); err != nil {
			t.Fatal(err)
		}
		g.Runtime = p.Runtime
		n, _ := p.Timeout.Int64()
		g.Timeout = int(n)
		n, _ = p.MemorySize.Int64()
		g.Memory = int(n)
		if len(p.Architectures) > 0 {
			g.Arch = p.Architectures[0]
		}
		for k := range p.Environment.Variables {
			g.Env = append(g.Env, k)
		}
		sort.Strings(g.Env)
		g.Layers = len(p.Layers)
		break
	}
	// The schedule is the CloudWatchRule parameter: team-provider-info.json
	// for the environment, else parameters.json.
	dir := filepath.Join(root, r.Dir)
	g.Schedule = jsonString(filepath.Join(dir, "parameters.json"), "CloudWatchRule")
	if v := tpiParam(root, env, r.Name, "CloudWatchRule"); v != "" {
		g.Schedule = v
	}
	if g.Schedule == "NONE" {
		g.Schedule = ""
	}
	var fp struct {
		SecretNames []string `json:"secretNames"`
	}
	if data, err := os.ReadFile(filepath.Join(dir, "function-parameters.json")); err == nil {
		_ = json.Unmarshal(data, &fp)
	}
	g.Secrets = fp.SecretNames
	return g
}

func jsonString(file, key string) string {
	data, err := os.ReadFile(file)
	if err != nil {
		return ""
	}
	var m map[string]any
	_ = json.Unmarshal(data, &m)
	s, _ := m[key].(string)
	return s
}

func tpiParam(root, env, fn, key string) string {
	data, err := os.ReadFile(filepath.Join(root, "amplify", "team-provider-info.json"))
	if err != nil {
		return ""
	}
	var tpi map[string]struct {
		Categories map[string]map[string]map[string]any `json:"categories"`
	}
	_ = json.Unmarshal(data, &tpi)
	s, _ := tpi[env].Categories["function"][fn][key].(string)
	return s
}

// expectedRuntime is the documented runtime policy: the Gen 1 runtime, or
// the nearest one Lambda still creates functions on.
func expectedRuntime(gen1 string) string {
	upgrades := map[string]string{
		"nodejs10.x": "nodejs22.x", "nodejs12.x": "nodejs22.x", "nodejs14.x": "nodejs22.x",
		"nodejs16.x": "nodejs22.x", "nodejs18.x": "nodejs22.x",
		"python3.6": "python3.12", "python3.7": "python3.12", "python3.8": "python3.12", "python3.9": "python3.12",
		"go1.x": "provided.al2023", "dotnetcore3.1": "dotnet8", "dotnet6": "dotnet8", "java8": "java8.al2",
	}
	if u, ok := upgrades[gen1]; ok {
		return u
	}
	return gen1
}

// gen2Schedule is the EventBridge Scheduler expression Gen 2 makes for a
// schedule defineFunction expresses.
func gen2Schedule(gen1 string) string {
	m := regexp.MustCompile(`^rate\((\d+) (minutes?|hours?|days?)\)$`).FindStringSubmatch(gen1)
	switch {
	case m != nil && strings.HasPrefix(m[2], "minute"):
		return "cron(*/" + m[1] + " * * * ? *)"
	case m != nil && strings.HasPrefix(m[2], "hour"):
		return "cron(0 */" + m[1] + " * * ? *)"
	case m != nil:
		return "cron(0 0 * * ? *)"
	}
	return gen1
}

type gen2Lambda struct {
	id    string
	props map[string]any
}

// lambdasByName indexes the synthesized functions by their friendly name
// (the defineFunction name, or the CDK construct id).
func lambdasByName(asm *verify.Assembly) map[string]gen2Lambda {
	out := map[string]gen2Lambda{}
	for _, f := range asm.ResourcesOfType("AWS::Lambda::Function") {
		tags, _ := f.Properties["Tags"].([]any)
		for _, tg := range tags {
			m, _ := tg.(map[string]any)
			if m["Key"] == "amplify:friendly-name" {
				out[fmt.Sprint(m["Value"])] = gen2Lambda{id: f.LogicalID, props: f.Properties}
			}
		}
	}
	return out
}

// schedulesOf returns the schedule expressions that target a function.
func schedulesOf(asm *verify.Assembly, logicalID string) (scheduler, rules []string) {
	targets := func(v any) bool {
		b, _ := json.Marshal(v)
		return strings.Contains(string(b), `"`+logicalID+`"`)
	}
	for _, s := range asm.ResourcesOfType("AWS::Scheduler::Schedule") {
		if targets(s.Properties["Target"]) {
			scheduler = append(scheduler, fmt.Sprint(s.Properties["ScheduleExpression"]))
		}
	}
	for _, r := range asm.ResourcesOfType("AWS::Events::Rule") {
		if targets(r.Properties["Targets"]) {
			rules = append(rules, fmt.Sprint(r.Properties["ScheduleExpression"]))
		}
	}
	return scheduler, rules
}

func manualSubjects(out *writers.Output, r *model.Resource) map[string]bool {
	m := map[string]bool{}
	for _, f := range out.Findings.For(r.Ref()) {
		if f.Level == model.Manual {
			m[f.Subject] = true
		}
	}
	return m
}

func manualCount(out *writers.Output, r *model.Resource, code string) int {
	n := 0
	for _, f := range out.Findings.For(r.Ref()) {
		if f.Level == model.Manual && f.Code == code {
			n++
		}
	}
	return n
}

// TestFunctionsReal converts every project with functions, type-checks and
// synthesizes it with the real Gen 2 packages, and checks each function
// against its Gen 1 template: runtime, timeout, memory, architecture,
// schedule, environment variable names, secrets and layers. A variable may
// be missing only when the conversion reported it as a manual step.
func TestFunctionsReal(t *testing.T) {
	s := verify.Shared(t)
	var gs []*verify.Gen2
	for _, pr := range functionProjects(t) {
		gs = append(gs, s.Convert(t, pr, writers.Options{}))
	}
	errs, err := s.TypeCheckAll(context.Background(), gs)
	if err != nil {
		t.Fatal(err)
	}
	for name, msg := range errs {
		t.Errorf("tsc %s:\n%s", name, msg)
	}
	for _, g := range gs {
		g := g
		t.Run(g.Name, func(t *testing.T) {
			t.Parallel()
			asm := s.Synth(t, g)
			lambdas := lambdasByName(asm)
			env := verify.DefaultEnv(g.Gen1.Root)
			var nFn, nEnv, nEnvManual int
			for _, r := range g.Gen1.ByService(model.CategoryFunction, "Lambda") {
				if r.Function == nil || r.Function.Template == "" {
					continue
				}
				want := readGen1Function(t, g.Gen1.Root, r, env)
				got, ok := lambdas[r.Name]
				if !ok {
					t.Errorf("%s: no synthesized function", r.Name)
					continue
				}
				nFn++
				p := got.props
				if rt := fmt.Sprint(p["Runtime"]); rt != expectedRuntime(want.Runtime) {
					t.Errorf("%s: runtime %s, want %s (Gen 1 %s)", r.Name, rt, expectedRuntime(want.Runtime), want.Runtime)
				}
				timeout := want.Timeout
				if timeout == 0 {
					timeout = 3
				}
				if v := fmt.Sprint(p["Timeout"]); v != fmt.Sprint(timeout) {
					t.Errorf("%s: timeout %s, want %d", r.Name, v, timeout)
				}
				mem := want.Memory
				if mem == 0 {
					mem = 128
				}
				if v := fmt.Sprint(p["MemorySize"]); v != fmt.Sprint(mem) {
					t.Errorf("%s: memory %s, want %d", r.Name, v, mem)
				}
				arch, _ := json.Marshal(p["Architectures"])
				if want.Arch == "arm64" && !strings.Contains(string(arch), "arm64") {
					t.Errorf("%s: architectures %s, want arm64", r.Name, arch)
				}
				vars := map[string]any{}
				if e, ok := p["Environment"].(map[string]any); ok {
					vars, _ = e["Variables"].(map[string]any)
				}
				manual := manualSubjects(g.Output, r)
				for _, name := range want.Env {
					nEnv++
					if _, ok := vars[name]; ok {
						continue
					}
					if manual[name] {
						nEnvManual++
						continue
					}
					t.Errorf("%s: environment variable %s is missing and no manual step says why", r.Name, name)
				}
				for _, sec := range want.Secrets {
					if r.Function.RuntimeFamily != "nodejs" {
						continue
					}
					cfg := fmt.Sprint(vars["AMPLIFY_SSM_ENV_CONFIG"])
					if _, ok := vars[sec]; !ok || !strings.Contains(cfg, `\"`+sec+`\"`) && !strings.Contains(cfg, `"`+sec+`"`) {
						t.Errorf("%s: secret %s is not resolved from SSM (AMPLIFY_SSM_ENV_CONFIG %s)", r.Name, sec, cfg)
					}
				}
				if want.Schedule != "" && !manual["schedule"] {
					sched, rules := schedulesOf(asm, got.id)
					switch {
					case len(sched) == 1:
						if sched[0] != gen2Schedule(want.Schedule) && sched[0] != "cron("+strings.TrimSuffix(strings.TrimPrefix(want.Schedule, "cron("), ")")+")" {
							t.Errorf("%s: schedule %s for Gen 1 %s", r.Name, sched[0], want.Schedule)
						}
					case len(rules) == 1:
						if rules[0] != want.Schedule {
							t.Errorf("%s: EventBridge rule %s for Gen 1 %s", r.Name, rules[0], want.Schedule)
						}
					default:
						t.Errorf("%s: Gen 1 schedule %s has %d schedules and %d rules in Gen 2", r.Name, want.Schedule, len(sched), len(rules))
					}
				}
				layers, _ := p["Layers"].([]any)
				if len(layers)+manualCount(g.Output, r, "function.layer") < want.Layers {
					t.Errorf("%s: %d layers, Gen 1 had %d", r.Name, len(layers), want.Layers)
				}
			}
			t.Logf("%d functions checked; %d environment variables, %d of them manual steps", nFn, nEnv, nEnvManual)
		})
	}
}

// secretKey matches the names of settings that hold secrets, broader than
// the converter's own rule on purpose.
var secretKey = regexp.MustCompile(`(?i)(secret|passw|token|api_?key|private_?key|credential|client_?secret)`)

// secretValues collects values from a project's input files that must
// never appear in its conversion: secret-like team-provider-info.json
// parameters of every environment, and social provider credentials.
func secretValues(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, y := range x {
				walk(k, y)
			}
		case []any:
			for _, y := range x {
				walk(key, y)
			}
		case string:
			if key == "secretsPathAmplifyAppId" {
				return
			}
			if secretKey.MatchString(key) && len(x) >= 8 {
				out = append(out, x)
			}
			if key == "hostedUIProviderCreds" {
				var creds any
				if json.Unmarshal([]byte(x), &creds) == nil {
					walk("", creds)
				}
			}
		}
	}
	if data, err := os.ReadFile(filepath.Join(root, "amplify", "team-provider-info.json")); err == nil {
		var v any
		if json.Unmarshal(data, &v) == nil {
			walk("", v)
		}
	}
	return out
}

// TestNoSecretValuesInOutput checks that no secret value of a project's
// input files appears in any file of its conversion or in the synthesized
// templates.
func TestNoSecretValuesInOutput(t *testing.T) {
	s := verify.Shared(t)
	for _, pr := range functionProjects(t) {
		secrets := secretValues(t, pr.Dir)
		if len(secrets) == 0 {
			continue
		}
		g := s.Convert(t, pr, writers.Options{})
		_ = filepath.WalkDir(g.Dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() && (d.Name() == "node_modules" || d.Name() == ".cdk.out") {
				return filepath.SkipDir
			}
			if d.IsDir() || d.Type()&fs.ModeSymlink != 0 {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return nil
			}
			for _, sec := range secrets {
				if strings.Contains(string(data), sec) {
					rel, _ := filepath.Rel(g.Dir, p)
					t.Errorf("%s: a secret value from the Gen 1 files appears in %s", pr.Name, rel)
				}
			}
			return nil
		})
		t.Logf("%s: %d secret values checked", pr.Name, len(secrets))
	}
}

// TestFunctionHandlersRun invokes handlers of the functions-runtimes test
// project as Gen 2 bundled them: a CommonJS handler rewritten to an ES
// module, the Gen 1 Cognito trigger dispatcher, a handler loading a project
// layer's files from /opt, and an ES module handler exported under another
// name.
func TestFunctionHandlersRun(t *testing.T) {
	s := verify.Shared(t)
	var pr verify.Project
	for _, p := range verify.TestdataProjects() {
		if p.Name == "functions-runtimes" {
			pr = p
		}
	}
	if pr.Dir == "" {
		t.Fatal("testdata/projects/functions-runtimes is missing")
	}
	g := s.Convert(t, pr, writers.Options{})
	asm := s.Synth(t, g)
	lambdas := lambdasByName(asm)
	script := filepath.Join(t.TempDir(), "invoke.mjs")
	if err := os.WriteFile(script, []byte(`import { pathToFileURL } from 'node:url';
const [, , bundle, event, env] = process.argv;
Object.assign(process.env, JSON.parse(env));
const mod = await import(pathToFileURL(bundle).href);
try {
  console.log(JSON.stringify(await mod.handler(JSON.parse(event), {})));
} catch (e) {
  console.log('ERROR ' + e.message);
}
// The Gen 2 banner refreshes SSM values on a timer.
process.exit(0);
`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		fn, event, env, want string
	}{
		{"runtimesauthPreSignup", `{"request":{"userAttributes":{"email":"a@example.com"}},"response":{}}`, `{"MODULES":"email-filter-allowlist","DOMAINALLOWLIST":"example.com"}`,
			`{"request":{"userAttributes":{"email":"a@example.com"}},"response":{}}`},
		{"runtimesauthPreSignup", `{"request":{"userAttributes":{"email":"a@evil.com"}},"response":{}}`, `{"MODULES":"email-filter-allowlist","DOMAINALLOWLIST":"example.com"}`,
			`ERROR Invalid email domain: evil.com`},
		{"nodeCjs", `{"name":"ada"}`, `{"GREETING":"hello","ENV":"main"}`, `{"message":"Hello, ada","env":"main"}`},
		{"layerUser", `{"values":[1,2,3]}`, `{}`, `"#7"`},
		{"nodeEsm", `{"n":21}`, `{}`, `{"doubled":42}`},
	}
	for _, tt := range tests {
		l, ok := lambdas[tt.fn]
		if !ok {
			t.Errorf("%s: not synthesized", tt.fn)
			continue
		}
		code, _ := l.props["Code"].(map[string]any)
		key := fmt.Sprint(code["S3Key"])
		bundle := filepath.Join(asm.Dir, "asset."+strings.TrimSuffix(key, ".zip"), "index.mjs")
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		out, err := exec.CommandContext(ctx, "node", script, bundle, tt.event, tt.env).CombinedOutput()
		cancel()
		if got := strings.TrimSpace(string(out)); err != nil || got != tt.want {
			t.Errorf("%s(%s) = %s (%v), want %s", tt.fn, tt.event, got, err, tt.want)
		}
	}
}
