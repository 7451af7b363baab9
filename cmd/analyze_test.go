package cmd

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestAnalyzeOptions(t *testing.T) {
	tests := []struct {
		args []string
		want AnalyzeOptions
	}{
		{nil, AnalyzeOptions{Path: ".", Format: "text", Tables: "typed", Auth: "define"}},
		{[]string{"./app"}, AnalyzeOptions{Path: "./app", Format: "text", Tables: "typed", Auth: "define"}},
		{[]string{"app/amplify", "--env", "prod", "--format", "json", "--fail-on", "manual"},
			AnalyzeOptions{Path: "app/amplify", Env: "prod", Format: "json", FailOn: "manual", Tables: "typed", Auth: "define"}},
		{[]string{"--format=MARKDOWN", "--fail-on=cdk", "--tables", "reuse", "--auth", "reference"},
			AnalyzeOptions{Path: ".", Format: "markdown", FailOn: "cdk", Tables: "reuse", Auth: "reference"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			tio := newTestIO()
			var got *AnalyzeOptions
			root := newRoot(tio.f, NewAnalyzeCmd(tio.f, func(o *AnalyzeOptions) error { got = o; return nil }))
			if code := run(root, append([]string{"analyze"}, tt.args...), tio.f); code != ExitOK {
				t.Fatalf("exit %d: %s", code, tio.err)
			}
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("options = %+v, want %+v", *got, tt.want)
			}
		})
	}
}

func TestAnalyzeExitCodes(t *testing.T) {
	bc := "amplify/backend/backend-config.json"
	tests := []struct {
		name   string
		files  files
		args   []string
		code   int
		stdout []string // substrings
		stderr []string
	}{
		{name: "valid project", files: project, code: ExitOK,
			stdout: []string{"Amplify Gen 1 project shop, environment dev", "function", "shopfn", "Summary"}},
		{name: "the amplify folder itself", files: project, args: []string{"amplify"}, code: ExitOK,
			stdout: []string{"shopfn"}},
		{name: "not a project", files: files{"README.md": "# app"}, code: ExitFailure,
			stderr: []string{"is not an Amplify Gen 1 project", "give the folder that holds amplify/"}},
		{name: "missing path", files: files{}, args: []string{"nope"}, code: ExitFailure,
			stderr: []string{"nope: no such file or directory"}},
		{name: "missing backend-config.json", files: files{"amplify/backend/amplify-meta.json": "{}"}, code: ExitFailure,
			stderr: []string{"amplify/backend/backend-config.json: error:", "is missing", "amplify pull"}},
		{name: "malformed JSON", files: project.with(files{bc: "{\n  \"function\": {\n    \"shopfn\": {\"service\": \"Lambda\",}\n  }\n}"}), code: ExitFailure,
			stdout: []string{"Problems in the input (1 error, 0 warnings)", "amplify/backend/backend-config.json:3:", "invalid JSON", `3 |     "shopfn": {"service": "Lambda",}`, "^"},
			stderr: []string{"the input has 1 error"}},
		{name: "missing resource folder", files: project.with(files{bc: `{"function": {"shopfn": {"service": "Lambda"}, "gone": {"service": "Lambda"}}}`}), code: ExitFailure,
			stdout: []string{"backend-config.json names function/gone but its folder amplify/backend/function/gone is missing"}},
		{name: "unknown key is a warning", files: project.with(files{bc: `{"function": {"shopfn": {"service": "Lambda", "dependsOm": []}}}`}), code: ExitOK,
			stdout: []string{`unknown key "dependsOm"`, `did you mean "dependsOn"?`, "0 errors, 1 warning"}},
		{name: "unknown environment", files: project, args: []string{"--env", "prod"}, code: ExitFailure,
			stdout: []string{`environment "prod" is not in team-provider-info.json`, "choose one of: dev"}},
		{name: "fail-on manual with manual findings", files: project, args: []string{"--fail-on", "manual"}, code: ExitFailOn,
			stdout: []string{"shopfn"}, stderr: []string{"at or above \"manual\""}},
		{name: "fail-on cdk with manual findings", files: project, args: []string{"--fail-on", "cdk"}, code: ExitFailOn},
		{name: "fail-on with nothing to do", files: empty, args: []string{"--fail-on", "cdk"}, code: ExitOK,
			stdout: []string{"0 resources", "nothing to migrate"}},
		{name: "fail-on does not hide bad input", files: project.with(files{bc: "{"}), args: []string{"--fail-on", "manual"}, code: ExitFailure},
		{name: "bad format is a usage error", files: project, args: []string{"--format", "yaml"}, code: ExitUsage,
			stderr: []string{"valid values are text, json, markdown"}},
		{name: "markdown", files: project, args: []string{"--format", "markdown"}, code: ExitOK,
			stdout: []string{"## Amplify Gen 2 migration report: shop", "| function | `shopfn` | Lambda |"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tt.files.write(t)
			tio := newTestIO()
			args := append([]string{"analyze"}, tt.args...)
			if len(tt.args) == 0 || strings.HasPrefix(tt.args[0], "-") {
				args = append([]string{"analyze", dir}, tt.args...)
			} else {
				args = append([]string{"analyze", filepath.Join(dir, tt.args[0])}, tt.args[1:]...)
			}
			code := tio.run(args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, tio.out, tio.err)
			}
			for _, s := range tt.stdout {
				if !strings.Contains(oneSpace(tio.out.String()), oneSpace(s)) {
					t.Errorf("stdout lacks %q:\n%s", s, tio.out)
				}
			}
			for _, s := range tt.stderr {
				if !strings.Contains(oneSpace(tio.err.String()), oneSpace(s)) {
					t.Errorf("stderr lacks %q:\n%s", s, tio.err)
				}
			}
			if strings.Contains(tio.out.String()+tio.err.String(), "goroutine") {
				t.Error("a stack trace was printed")
			}
		})
	}
}

// JSON is printed for every outcome, bad input included, so that scripts
// can always parse stdout.
func TestAnalyzeJSON(t *testing.T) {
	for name, fs := range map[string]files{"valid": project, "not a project": {"x": ""}, "malformed": project.with(files{"amplify/backend/backend-config.json": "[,"})} {
		t.Run(name, func(t *testing.T) {
			tio := newTestIO()
			tio.f.IsTerminal = true // JSON never has colour
			code := tio.run("analyze", fs.write(t), "--format", "json")
			var rep struct {
				SchemaVersion int              `json:"schemaVersion"`
				Resources     []map[string]any `json:"resources"`
				Diagnostics   []map[string]any `json:"diagnostics"`
				Summary       map[string]any   `json:"summary"`
			}
			if err := json.Unmarshal(tio.out.Bytes(), &rep); err != nil {
				t.Fatalf("stdout is not JSON (%v):\n%s", err, tio.out)
			}
			if rep.SchemaVersion != 1 || rep.Summary == nil {
				t.Errorf("report = %+v", rep)
			}
			if (code == ExitOK) != (len(rep.Diagnostics) == 0) {
				t.Errorf("exit %d with diagnostics %v", code, rep.Diagnostics)
			}
			if name == "valid" && (len(rep.Resources) != 1 || rep.Resources[0]["name"] != "shopfn") {
				t.Errorf("resources = %v", rep.Resources)
			}
		})
	}
}

func TestAnalyzeColor(t *testing.T) {
	dir := project.write(t)
	tests := []struct {
		name     string
		terminal bool
		env      map[string]string
		color    bool
	}{
		{"terminal", true, nil, true},
		{"pipe", false, nil, false},
		{"NO_COLOR", true, map[string]string{"NO_COLOR": "1"}, false},
		{"TERM=dumb", true, map[string]string{"TERM": "dumb"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tio := newTestIO()
			tio.f.IsTerminal = tt.terminal
			for k, v := range tt.env {
				tio.env[k] = v
			}
			if code := tio.run("analyze", dir); code != ExitOK {
				t.Fatalf("exit %d: %s", code, tio.err)
			}
			if got := strings.Contains(tio.out.String(), "\x1b["); got != tt.color {
				t.Errorf("colour = %v, want %v:\n%s", got, tt.color, tio.out)
			}
		})
	}
}

// COLUMNS, or the terminal's width, sets where the text report wraps.
func TestAnalyzeWidth(t *testing.T) {
	dir := project.write(t)
	longest := func(s string) int {
		n := 0
		for _, l := range strings.Split(s, "\n") {
			if len(strings.Fields(l)) > 2 {
				n = max(n, len([]rune(l)))
			}
		}
		return n
	}
	tio := newTestIO()
	tio.env["COLUMNS"] = "64"
	tio.run("analyze", dir)
	if n := longest(tio.out.String()); n > 64 || n < 50 {
		t.Errorf("COLUMNS=64: longest line %d:\n%s", n, tio.out)
	}
	tio = newTestIO()
	tio.f.Width = 140
	tio.run("analyze", dir)
	if n := longest(tio.out.String()); n <= 100 {
		t.Errorf("width 140: longest line %d, the report does not use the room", n)
	}
}

// oneSpace collapses white space, so that checks do not depend on where the
// text report wraps.
func oneSpace(s string) string { return strings.Join(strings.Fields(s), " ") }
