package writers

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/amplify-migrate/amplify-migrate/readers"
)

// TestFunctionSimulatedBackend converts testdata/cases/function-env-rewiring
// with stand-ins for the auth, data and storage conversions (defineAuth with
// a trigger and function access, defineData, defineStorage with function
// access), and synthesizes it with the real Gen 2 packages: the stand-ins
// make the auth, data, storage and function stacks depend on each other the
// way the real conversions do, so a synth without a circular dependency
// proves the function wiring's placement. With MIGRATE_REAL_TESTS=1 it
// synthesizes (it cannot use writers/verify, which imports this package);
// AMPLIFY_MIGRATE_FN_SIM=<dir> keeps the project there.
//
// Once the other conversions land, the corpus projects exercise the same
// paths and this stand-in can go.
func TestFunctionSimulatedBackend(t *testing.T) {
	out := os.Getenv("AMPLIFY_MIGRATE_FN_SIM")
	real := os.Getenv("MIGRATE_REAL_TESTS") != ""
	if out == "" && !real {
		t.Skip("real-component test: set MIGRATE_REAL_TESTS=1 (or AMPLIFY_MIGRATE_FN_SIM=<dir> to only write the project)")
	}
	if out == "" {
		out = t.TempDir()
	}
	p, diags := readers.Read(filepath.Join("..", "testdata", "cases", "function-env-rewiring"), readers.Options{})
	if p == nil || diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	g := newGen(p, Options{Tables: TablesTyped, Auth: AuthDefine})
	g.planFunctions()
	if err := g.writeFunctions(); err != nil {
		t.Fatal(err)
	}
	g.backend.Resource(OrderAuth, "auth", "auth", "./auth/resource")
	g.backend.Resource(OrderData, "data", "data", "./data/resource")
	g.backend.Resource(OrderStorage, "storage", "storage", "./storage/resource")
	for _, r := range p.Resources {
		g.markHandled(r)
	}
	g.addFile("amplify/auth/resource.ts", []byte(`import { defineAuth } from '@aws-amplify/backend';
import { mealsauthPostConfirmation } from '../functions/mealsauthPostConfirmation/resource';
import { mealsApi } from '../functions/mealsApi/resource';

export const auth = defineAuth({
  loginWith: { email: true },
  triggers: { postConfirmation: mealsauthPostConfirmation },
  access: (allow) => [allow.resource(mealsApi).to(['getUser', 'listUsers'])],
});
`))
	g.addFile("amplify/data/resource.ts", []byte(`import { a, defineData, type ClientSchema } from '@aws-amplify/backend';

const schema = a.schema({
  Meal: a.model({ name: a.string().required(), calories: a.integer() }).authorization((allow) => [allow.publicApiKey()]),
  Profile: a.model({ displayName: a.string() }).authorization((allow) => [allow.owner()]),
});

export type Schema = ClientSchema<typeof schema>;

export const data = defineData({
  schema,
  authorizationModes: { defaultAuthorizationMode: 'apiKey', apiKeyAuthorizationMode: { expiresInDays: 7 } },
});
`))
	g.addFile("amplify/storage/resource.ts", []byte(`import { defineStorage } from '@aws-amplify/backend';
import { mealsApi } from '../functions/mealsApi/resource';

export const storage = defineStorage({
  name: 'photos',
  access: (allow) => ({
    'public/*': [allow.authenticated.to(['read', 'write', 'delete']), allow.resource(mealsApi).to(['read'])],
  }),
});
`))
	if err := g.wireFunctions(); err != nil {
		t.Fatal(err)
	}
	g.writeBackend()
	g.writeScaffolding()
	for _, f := range g.output().Files {
		dst := filepath.Join(out, f.Path)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		data := f.Data
		if f.Kind == Copy {
			var err error
			if data, err = os.ReadFile(filepath.Join(p.Root, f.CopyFrom)); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !real {
		return
	}
	synthSimulated(t, out)
}

// synthSimulated runs amplify/backend.ts with the toolchain and checks the
// wiring in the templates.
func synthSimulated(t *testing.T, dir string) {
	tc := os.Getenv("AMPLIFY_MIGRATE_TOOLCHAIN")
	if tc == "" {
		_, file, _, _ := runtime.Caller(0)
		tc = filepath.Join(filepath.Dir(file), "..", ".cache", "toolchain")
	}
	if err := os.Symlink(filepath.Join(tc, "node_modules"), filepath.Join(dir, "node_modules")); err != nil && !os.IsExist(err) {
		t.Fatal(err)
	}
	lock, err := os.ReadFile(filepath.Join(tc, "package-lock.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "package-lock.json"), lock, 0o644); err != nil {
		t.Fatal(err)
	}
	cdkOut := filepath.Join(dir, ".cdk.out")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(tc, "node_modules", ".bin", "tsx"), "amplify/backend.ts")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CDK_OUTDIR="+cdkOut, "AWS_BRANCH=main",
		`CDK_CONTEXT_JSON={"amplify-backend-namespace":"app","amplify-backend-name":"main","amplify-backend-type":"branch"}`)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("synth: %v\n%s", err, out)
	}
	files, _ := filepath.Glob(filepath.Join(cdkOut, "*.template.json"))
	type resource struct {
		Type       string         `json:"Type"`
		Properties map[string]any `json:"Properties"`
	}
	env := map[string][]string{}    // function -> variable names
	params := map[string][]string{} // stack -> SSM parameter names of the wiring
	var mappings []string
	for _, f := range files {
		data, _ := os.ReadFile(f)
		var tpl struct {
			Resources map[string]resource `json:"Resources"`
		}
		_ = json.Unmarshal(data, &tpl)
		stack := filepath.Base(f)
		for id, r := range tpl.Resources {
			switch r.Type {
			case "AWS::Lambda::Function":
				e, _ := r.Properties["Environment"].(map[string]any)
				vars, _ := e["Variables"].(map[string]any)
				for k := range vars {
					env[id] = append(env[id], k)
				}
			case "AWS::SSM::Parameter":
				if name, _ := r.Properties["Name"].(string); strings.HasPrefix(name, "/amplify-migrate/") {
					params[stack] = append(params[stack], name)
				}
			case "AWS::Lambda::EventSourceMapping":
				mappings = append(mappings, stack)
			}
		}
	}
	has := func(prefix string, names ...string) {
		t.Helper()
		for id, vars := range env {
			if !strings.HasPrefix(id, prefix) {
				continue
			}
			sort.Strings(vars)
			for _, n := range names {
				if !containsString(vars, n) {
					t.Errorf("%s lacks %s (has %v)", id, n, vars)
				}
			}
			return
		}
		t.Errorf("no function %s", prefix)
	}
	has("mealsApilambda", "API_MEALSAPI_GRAPHQLAPIIDOUTPUT", "API_MEALSAPI_GRAPHQLAPIENDPOINTOUTPUT", "API_MEALSAPI_GRAPHQLAPIKEYOUTPUT",
		"API_MEALSAPI_MEALTABLE_NAME", "API_MEALSAPI_MEALTABLE_ARN", "AUTH_MEALSAUTH_USERPOOLID", "STORAGE_PHOTOS_BUCKETNAME", "FUNCTION_NOTIFY_NAME")
	has("mealsauthPostConfirmationlambda", "API_MEALSAPI_PROFILETABLE_NAME", "MODULES")
	var inData, inAuth bool
	for stack, names := range params {
		inData = inData || strings.Contains(stack, "data") && len(names) >= 6
		inAuth = inAuth || strings.Contains(stack, "auth") && len(names) == 1
	}
	if !inData || !inAuth {
		t.Errorf("SSM parameters of the wiring: %v", params)
	}
	if len(mappings) != 1 || !strings.Contains(mappings[0], "data") {
		t.Errorf("the stream mapping belongs in the data stack: %v", mappings)
	}
}
