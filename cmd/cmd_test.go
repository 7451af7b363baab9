package cmd

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// testIO is a factory over in-memory streams with a fake environment.
type testIO struct {
	f        *Factory
	out, err *bytes.Buffer
	env      map[string]string
}

func newTestIO() *testIO {
	tio := &testIO{out: &bytes.Buffer{}, err: &bytes.Buffer{}, env: map[string]string{}}
	tio.f = &Factory{
		In: strings.NewReader(""), Out: tio.out, ErrOut: tio.err,
		Getenv:  func(k string) string { return tio.env[k] },
		Now:     func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) },
		Context: context.Background(),
	}
	return tio
}

// run runs the real program.
func (tio *testIO) run(args ...string) int { return Run(args, tio.f) }

// files is a project as a map of slash paths to contents.
type files map[string]string

func (fs files) write(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	fs.writeTo(t, dir)
	return dir
}

func (fs files) writeTo(t *testing.T, dir string) {
	t.Helper()
	for name, content := range fs {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func (fs files) with(more files) files {
	out := files{}
	for k, v := range fs {
		out[k] = v
	}
	for k, v := range more {
		out[k] = v
	}
	return out
}

// project is a small valid Gen 1 project with a function and one
// environment.
var project = files{
	"amplify/.config/project-config.json": `{"projectName": "shop", "version": "3.1", "frontend": "javascript"}`,
	"amplify/team-provider-info.json":     `{"dev": {"awscloudformation": {"Region": "eu-west-1", "StackName": "amplify-shop-dev-12345"}}}`,
	"amplify/backend/backend-config.json": `{
  "function": {
    "shopfn": {"build": true, "providerPlugin": "awscloudformation", "service": "Lambda"}
  }
}`,
	"amplify/backend/function/shopfn/amplify.state":   `{"functionRuntime": "nodejs"}`,
	"amplify/backend/function/shopfn/parameters.json": `{}`,
	"amplify/backend/function/shopfn/shopfn-cloudformation-template.json": `{"Resources": {"LambdaFunction": {"Type": "AWS::Lambda::Function",
  "Properties": {"Handler": "index.handler", "Runtime": "nodejs18.x", "Timeout": 25}}}}`,
	"amplify/backend/function/shopfn/src/index.js":     "exports.handler = async () => ({ statusCode: 200 });\n",
	"amplify/backend/function/shopfn/src/package.json": `{"name": "shopfn", "version": "2.0.0"}`,
}

// empty is a valid project with no resources.
var empty = files{
	"amplify/.config/project-config.json": `{"projectName": "blank"}`,
	"amplify/backend/backend-config.json": `{}`,
}

func TestRootHelp(t *testing.T) {
	for _, args := range [][]string{{}, {"--help"}, {"analyze", "--help"}, {"convert", "--help"}, {"version", "--help"},
		{"completion", "--help"}, {"help", "analyze"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			tio := newTestIO()
			if code := tio.run(args...); code != ExitOK {
				t.Fatalf("exit %d: %s", code, tio.err)
			}
			out := tio.out.String()
			if !strings.Contains(out, "Examples:") || !strings.Contains(out, "Usage:") {
				t.Errorf("help without usage or examples:\n%s", out)
			}
			if len(strings.Split(out, "\n")[0]) < 20 {
				t.Errorf("help without a description:\n%s", out)
			}
		})
	}
}

// Every command a user can reach has a description and examples.
func TestEveryCommandDocumented(t *testing.T) {
	root := NewRootCmd(newTestIO().f)
	for _, c := range root.Commands() {
		if c.Hidden || c.Name() == "help" {
			continue
		}
		if c.Short == "" || c.Long == "" && c.Short == "" {
			t.Errorf("%s has no description", c.CommandPath())
		}
		if c.Name() != "data" && c.Example == "" {
			t.Errorf("%s has no examples", c.CommandPath())
		}
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		tio := newTestIO()
		if code := tio.run(args...); code != ExitOK || !strings.Contains(tio.out.String(), "migrate") || !strings.Contains(tio.out.String(), "dev") {
			t.Errorf("%v: exit %d, out %q", args, code, tio.out)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		msg  string
		hint string
	}{
		{[]string{"frobnicate"}, `unknown command "frobnicate"`, "migrate --help"},
		{[]string{"analyze", "--frob"}, "unknown flag: --frob", "migrate analyze --help"},
		{[]string{"analyze", "a", "b"}, "takes at most 1 argument(s), got 2", "migrate analyze --help"},
		{[]string{"analyze", "--format", "xml"}, `invalid argument "xml" for "--format" flag: valid values are text, json, markdown`, "migrate analyze --help"},
		{[]string{"analyze", "--fail-on", "auto"}, "valid values are cdk, manual", ""},
		{[]string{"analyze", "--tables", "new"}, "valid values are typed, reuse", ""},
		{[]string{"analyze", "--env"}, "flag needs an argument: --env", ""},
		{[]string{"convert", "--auth", "cognito"}, "valid values are define, reference", "migrate convert --help"},
		{[]string{"version", "extra"}, "takes at most 0 argument(s)", ""},
		{[]string{"completion"}, "needs exactly one shell", "migrate completion --help"},
		{[]string{"completion", "tcsh"}, `unknown shell "tcsh"`, ""},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			tio := newTestIO()
			code := tio.run(tt.args...)
			if code != ExitUsage {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, ExitUsage, tio.err)
			}
			if !strings.Contains(tio.err.String(), tt.msg) || !strings.Contains(tio.err.String(), tt.hint) {
				t.Errorf("stderr lacks %q / %q:\n%s", tt.msg, tt.hint, tio.err)
			}
			if tio.out.Len() > 0 {
				t.Errorf("stdout should be empty on a usage error:\n%s", tio.out)
			}
		})
	}
}

// A bug is an internal error with exit 1 and no stack trace.
func TestPanicIsInternalError(t *testing.T) {
	tio := newTestIO()
	root := newRoot(tio.f, NewAnalyzeCmd(tio.f, func(*AnalyzeOptions) error { panic("boom") }))
	code := run(root, []string{"analyze"}, tio.f)
	if code != ExitFailure {
		t.Errorf("exit %d", code)
	}
	if s := tio.err.String(); !strings.Contains(s, "internal error: boom") || strings.Contains(s, "goroutine") {
		t.Errorf("stderr:\n%s", s)
	}
	tio = newTestIO()
	tio.env["MIGRATE_DEBUG"] = "1"
	root = newRoot(tio.f, NewAnalyzeCmd(tio.f, func(*AnalyzeOptions) error { panic("boom") }))
	run(root, []string{"analyze"}, tio.f)
	if !strings.Contains(tio.err.String(), "goroutine") {
		t.Errorf("MIGRATE_DEBUG shows no stack:\n%s", tio.err)
	}
}

func TestCompletion(t *testing.T) {
	for shell, want := range map[string]string{
		"bash":       "__start_migrate",
		"zsh":        "#compdef migrate",
		"fish":       "complete -c migrate",
		"powershell": "Register-ArgumentCompleter",
	} {
		t.Run(shell, func(t *testing.T) {
			tio := newTestIO()
			if code := tio.run("completion", shell); code != ExitOK {
				t.Fatalf("exit %d: %s", code, tio.err)
			}
			if !strings.Contains(tio.out.String(), want) {
				t.Errorf("%s script lacks %q", shell, want)
			}
		})
	}
	// The scripts call back into the binary; check what it answers.
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"__complete", ""}, []string{"analyze", "convert", "completion", "version"}},
		{[]string{"__complete", "analyze", "--format", ""}, []string{"text", "json", "markdown"}},
		{[]string{"__complete", "analyze", "--fail-on", ""}, []string{"cdk", "manual"}},
		{[]string{"__complete", "convert", "--tables", ""}, []string{"typed", "reuse"}},
		{[]string{"__complete", "completion", ""}, []string{"bash", "zsh", "fish", "powershell"}},
	}
	for _, tt := range tests {
		tio := newTestIO()
		if code := tio.run(tt.args...); code != ExitOK {
			t.Errorf("%v: exit %d: %s", tt.args, code, tio.err)
		}
		for _, w := range tt.want {
			if !strings.Contains(tio.out.String(), w) {
				t.Errorf("%v: completions lack %q:\n%s", tt.args, w, tio.out)
			}
		}
	}
}
