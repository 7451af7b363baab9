// Package verify proves generated Gen 2 projects with the real npm packages:
// it type-checks them with tsc, synthesizes them by running
// amplify/backend.ts with tsx (no AWS account needed), and loads the
// CloudFormation that comes out so tests can assert on it. For GraphQL APIs
// it also synthesizes the Gen 1 original (SynthGen1) and proves the
// conversion identical to it (CompareAPIs, see parity.go).
//
// The packages come from a toolchain folder installed by `make toolchain`
// (testdata/toolchain/package.json, cached in .cache/toolchain). Tests that
// need it call RequireReal, which skips under plain `go test` and fails when
// MIGRATE_REAL_TESTS is set but the toolchain is missing.
package verify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"
)

// EnvReal turns on real-component tests.
const EnvReal = "MIGRATE_REAL_TESTS"

// EnvToolchain names the toolchain folder (holding node_modules).
const EnvToolchain = "AMPLIFY_MIGRATE_TOOLCHAIN"

// Toolchain is an installed set of the npm packages.
type Toolchain struct {
	Dir string
}

// RequireReal returns the toolchain, skipping the test unless real tests are
// on. With real tests on, a missing toolchain fails the test.
func RequireReal(t testing.TB) *Toolchain {
	t.Helper()
	if os.Getenv(EnvReal) == "" {
		t.Skip("real-component test: run with `make test` (sets " + EnvReal + "=1)")
	}
	tc, err := FindToolchain()
	if err != nil {
		t.Fatalf("%v", err)
	}
	return tc
}

// FindToolchain locates the toolchain: $AMPLIFY_MIGRATE_TOOLCHAIN, else
// .cache/toolchain in the repository.
func FindToolchain() (*Toolchain, error) {
	dir := os.Getenv(EnvToolchain)
	if dir == "" {
		_, file, _, _ := runtime.Caller(0)
		dir = filepath.Join(filepath.Dir(file), "..", "..", ".cache", "toolchain")
	}
	dir, _ = filepath.Abs(dir)
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@aws-amplify", "backend")); err != nil {
		return nil, fmt.Errorf("npm toolchain not installed in %s: run `make toolchain`", dir)
	}
	return &Toolchain{Dir: dir}, nil
}

// Bin returns the path of an npm binary in the toolchain.
func (tc *Toolchain) Bin(name string) string {
	return filepath.Join(tc.Dir, "node_modules", ".bin", name)
}

// Prepare makes a generated project runnable against the toolchain: a
// node_modules link and the lock file that function bundling looks for.
func (tc *Toolchain) Prepare(projectDir string) error {
	link := filepath.Join(projectDir, "node_modules")
	if _, err := os.Lstat(link); err != nil {
		if err := os.Symlink(filepath.Join(tc.Dir, "node_modules"), link); err != nil {
			return err
		}
	}
	lock, err := os.ReadFile(filepath.Join(tc.Dir, "package-lock.json"))
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(projectDir, "package-lock.json")); err != nil {
		return os.WriteFile(filepath.Join(projectDir, "package-lock.json"), lock, 0o644)
	}
	return nil
}

// TypeCheck runs `tsc --noEmit -p amplify/tsconfig.json` in the project.
func (tc *Toolchain) TypeCheck(ctx context.Context, projectDir string) error {
	if err := tc.Prepare(projectDir); err != nil {
		return err
	}
	_, err := tc.run(ctx, projectDir, nil, tc.Bin("tsc"), "--noEmit", "-p", "amplify/tsconfig.json")
	return err
}

// BackendContext is the CDK context a Gen 2 synth needs, as a branch
// deployment "main" of app "app".
const BackendContext = `{"amplify-backend-namespace":"app","amplify-backend-name":"main","amplify-backend-type":"branch"}`

// Synth runs amplify/backend.ts with tsx and returns the cloud assembly.
func (tc *Toolchain) Synth(ctx context.Context, projectDir, outDir string) (*Assembly, error) {
	if err := tc.Prepare(projectDir); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return nil, err
	}
	// NODE_PRESERVE_SYMLINKS: node_modules is a link to the shared toolchain,
	// and constructs that bundle a Lambda from their own package (referenceAuth's
	// custom resource) require its path to be under the project, as it is in a
	// real project; without it Node reports the link's target instead.
	// AMPLIFY_MIGRATE_ALLOW_UNBUILT: these synths never deploy, so functions
	// whose build tool (gradle, dotnet, ...) is not installed are packaged
	// unbuilt and Python packages are not downloaded (no network needed).
	env := []string{"CDK_OUTDIR=" + outDir, "CDK_CONTEXT_JSON=" + BackendContext, "AWS_BRANCH=main",
		"NODE_PRESERVE_SYMLINKS=1", "AMPLIFY_MIGRATE_ALLOW_UNBUILT=1"}
	if _, err := tc.run(ctx, projectDir, env, tc.Bin("tsx"), "amplify/backend.ts"); err != nil {
		return nil, err
	}
	return LoadAssembly(outDir)
}

// RunScript runs a Node script (TypeScript through tsx) in dir with extra
// environment, returning its combined output.
func (tc *Toolchain) RunScript(ctx context.Context, dir string, env []string, script string, args ...string) ([]byte, error) {
	return tc.run(ctx, dir, env, tc.Bin("tsx"), append([]string{script}, args...)...)
}

// CommandError is a failed toolchain command with its output.
type CommandError struct {
	Cmd    string
	Output string
	Err    error
}

func (e *CommandError) Error() string {
	out := e.Output
	if len(out) > 8000 {
		out = out[:4000] + "\n...\n" + out[len(out)-4000:]
	}
	return fmt.Sprintf("%s: %v\n%s", e.Cmd, e.Err, out)
}

func (tc *Toolchain) run(ctx context.Context, dir string, env []string, name string, args ...string) ([]byte, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NODE_OPTIONS=--max-old-space-size=4096", "NO_COLOR=1", "npm_config_update_notifier=false")
	cmd.Env = append(cmd.Env, env...)
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	if err != nil {
		return buf.Bytes(), &CommandError{Cmd: filepath.Base(name) + " " + strings.Join(args, " ") + " (in " + dir + ")", Output: buf.String(), Err: err}
	}
	return buf.Bytes(), nil
}

// Assembly is a synthesized cloud assembly: every CloudFormation template
// in the output folder, by file name.
type Assembly struct {
	Dir       string
	Templates map[string]*Template
}

// Template is one CloudFormation template.
type Template struct {
	File       string
	Parameters map[string]any      `json:"Parameters"`
	Resources  map[string]Resource `json:"Resources"`
	Outputs    map[string]any      `json:"Outputs"`
}

// Resource is one CloudFormation resource.
type Resource struct {
	Type       string         `json:"Type"`
	Properties map[string]any `json:"Properties"`
	DependsOn  any            `json:"DependsOn"`
}

// LoadAssembly reads every *.template.json in dir.
func LoadAssembly(dir string) (*Assembly, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.template.json"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, errors.New("synth wrote no templates to " + dir)
	}
	a := &Assembly{Dir: dir, Templates: map[string]*Template{}}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		t := &Template{File: filepath.Base(f)}
		if err := json.Unmarshal(data, t); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		a.Templates[t.File] = t
	}
	return a, nil
}

// Found is a resource with the template and logical id it was found under.
type Found struct {
	Template  string
	LogicalID string
	Resource
}

// ResourcesOfType returns every resource of a CloudFormation type across
// all templates, ordered by template and logical id.
func (a *Assembly) ResourcesOfType(typ string) []Found {
	var out []Found
	for name, t := range a.Templates {
		for id, r := range t.Resources {
			if r.Type == typ {
				out = append(out, Found{Template: name, LogicalID: id, Resource: r})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Template != out[j].Template {
			return out[i].Template < out[j].Template
		}
		return out[i].LogicalID < out[j].LogicalID
	})
	return out
}

// GraphQLSchema returns the final AppSync schema the transformer wrote
// (the asset.<hash>.graphql file), or "" when there is none.
func (a *Assembly) GraphQLSchema() (string, error) {
	files, _ := filepath.Glob(filepath.Join(a.Dir, "asset.*.graphql"))
	if len(files) == 0 {
		return "", nil
	}
	if len(files) > 1 {
		return "", fmt.Errorf("several GraphQL schema assets in %s", a.Dir)
	}
	b, err := os.ReadFile(files[0])
	return string(b), err
}
