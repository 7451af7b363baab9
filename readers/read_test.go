package readers_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/readers"
)

// files is a project as a map of slash paths (relative to the project root)
// to contents.
type files map[string]string

// write puts the files in a temporary folder and returns it.
func (fs files) write(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range fs {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// with returns a copy of the files with some added or replaced.
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

// without returns a copy of the files without the named ones.
func (fs files) without(names ...string) files {
	out := fs.with(nil)
	for _, n := range names {
		delete(out, n)
	}
	return out
}

// minimal is a small valid project: one function, team-provider-info with
// one environment.
var minimal = files{
	"amplify/.config/project-config.json": `{"projectName": "shop", "version": "3.1", "frontend": "javascript", "javascript": {"framework": "react"}}`,
	"amplify/team-provider-info.json": `{
  "dev": {
    "awscloudformation": {"Region": "eu-west-1", "StackName": "amplify-shop-dev-12345", "AmplifyAppId": "d1abc"},
    "categories": {"function": {"shopfn": {"TABLE": "orders"}}}
  }
}`,
	"amplify/backend/backend-config.json": `{
  "function": {
    "shopfn": {
      "build": true,
      "providerPlugin": "awscloudformation",
      "service": "Lambda"
    }
  }
}`,
	"amplify/backend/function/shopfn/amplify.state":    `{"functionRuntime": "nodejs"}`,
	"amplify/backend/function/shopfn/src/index.js":     "exports.handler = async () => ({});\n",
	"amplify/backend/function/shopfn/parameters.json":  `{}`,
	"amplify/backend/function/shopfn/src/package.json": `{"name": "shopfn"}`,
}

// want describes one expected diagnostic.
type want struct {
	sev     model.Severity
	file    string // Pos.File
	line    int    // Pos.Line, 0 when not checked
	path    string // Pos.Path, "" when not checked
	summary string // substring of Summary
	detail  string // substring of Detail
}

func TestReadBadInput(t *testing.T) {
	bc := "amplify/backend/backend-config.json"
	tpi := "amplify/team-provider-info.json"
	tests := []struct {
		name string
		// files of the project; root is used instead when files is nil.
		files files
		// dir is the folder given to Read, relative to the project root.
		dir string
		env string
		// nilProject is true when no project can be read at all.
		nilProject bool
		want       []want
	}{
		{
			name: "empty folder is not a project", files: files{"README.md": "hi"}, nilProject: true,
			want: []want{{sev: model.Error, summary: "is not an Amplify Gen 1 project", detail: "the folder that holds amplify/"}},
		},
		{
			name: "path does not exist", files: files{}, dir: "nope", nilProject: true,
			want: []want{{sev: model.Error, summary: "nope: no such file or directory", detail: "the folder that holds amplify/"}},
		},
		{
			name: "path is a file", files: files{"x.json": "{}"}, dir: "x.json", nilProject: true,
			want: []want{{sev: model.Error, summary: "is a file, not a folder"}},
		},
		{
			name: "Gen 2 project", files: files{"amplify/backend.ts": "", "amplify/package.json": "{}"}, nilProject: true,
			want: []want{{sev: model.Error, summary: "is not an Amplify Gen 1 project", detail: "looks like a Gen 2 project"}},
		},
		{
			name: "converted in place", files: files{"amplify/backend.ts": "", ".amplify/migration/gen1/amplify/backend/backend-config.json": "{}"}, nilProject: true,
			want: []want{{sev: model.Error, summary: "is not an Amplify Gen 1 project", detail: "its Gen 1 folder is in .amplify/migration/gen1/"}},
		},
		{
			name: "missing backend-config.json", files: minimal.without(bc), nilProject: true,
			want: []want{{sev: model.Error, file: bc, summary: "backend-config.json is missing", detail: "amplify pull"}},
		},
		{
			name: "malformed backend-config.json",
			files: minimal.with(files{bc: `{
  "function": {
    "shopfn": {
      "service": "Lambda"
      "build": true
    }
  }
}`}),
			want: []want{{sev: model.Error, file: bc, line: 5, summary: "invalid JSON", detail: "missing comma"}},
		},
		{
			name: "empty backend-config.json", files: minimal.with(files{bc: "  \n"}),
			want: []want{{sev: model.Error, file: bc, line: 1, summary: "file is empty"}},
		},
		{
			name: "backend-config.json is an array", files: minimal.with(files{bc: `[]`}),
			want: []want{{sev: model.Error, file: bc, summary: "is not a JSON object"}},
		},
		{
			name: "backend-config.json is a folder", files: minimal.without(bc).with(files{bc + "/x": ""}),
			want: []want{{sev: model.Error, file: bc, summary: "cannot read file", detail: "readable file"}},
		},
		{
			name:  "resource folder missing",
			files: minimal.without("amplify/backend/function/shopfn/amplify.state", "amplify/backend/function/shopfn/src/index.js", "amplify/backend/function/shopfn/parameters.json", "amplify/backend/function/shopfn/src/package.json"),
			want: []want{{sev: model.Error, file: bc, line: 3, path: "function.shopfn",
				summary: "names function/shopfn but its folder amplify/backend/function/shopfn is missing", detail: "amplify remove function"}},
		},
		{
			name:  "resource folder differs in case",
			files: minimal.with(files{bc: `{"function": {"ShopFn": {"service": "Lambda"}}}`}),
			want:  []want{{sev: model.Warning, file: bc, path: "function.ShopFn", summary: "differs in case", detail: "rename the folder"}},
		},
		{
			name:  "unknown key in a resource",
			files: minimal.with(files{bc: `{"function": {"shopfn": {"service": "Lambda", "dependson": []}}}`}),
			want:  []want{{sev: model.Warning, file: bc, line: 1, path: "function.shopfn.dependson", summary: `unknown key "dependson"`, detail: `did you mean "dependsOn"?`}},
		},
		{
			name:  "unknown key without a suggestion",
			files: minimal.with(files{bc: `{"function": {"shopfn": {"service": "Lambda", "color": "red"}}}`}),
			want:  []want{{sev: model.Warning, file: bc, path: "function.shopfn.color", summary: `unknown key "color"`, detail: "check the spelling"}},
		},
		{
			name:  "resource is not an object",
			files: minimal.with(files{bc: `{"function": {"shopfn": "Lambda"}}`}),
			want:  []want{{sev: model.Error, file: bc, path: "function.shopfn", summary: "is not a JSON object"}},
		},
		{
			name:  "resource without a service",
			files: minimal.with(files{bc: `{"function": {"shopfn": {"build": true}}}`}),
			want:  []want{{sev: model.Warning, file: bc, path: "function.shopfn", summary: "has no service", detail: `add the "service" key`}},
		},
		{
			name:  "category is not an object",
			files: minimal.with(files{bc: `{"function": ["shopfn"]}`}),
			want:  []want{{sev: model.Error, file: bc, path: "function", summary: `category "function" is not an object`}},
		},
		{
			name:  "resource name climbs out of the project",
			files: minimal.with(files{bc: `{"function": {"../../../etc": {"service": "Lambda"}}}`}),
			want:  []want{{sev: model.Error, file: bc, summary: `resource name "../../../etc" in category "function" contains a path separator`}},
		},
		{
			name:  "empty resource name",
			files: minimal.with(files{bc: `{"function": {"": {"service": "Lambda"}}}`}),
			want:  []want{{sev: model.Error, file: bc, summary: `resource name "" in category "function" is empty`}},
		},
		{
			name:  "dependsOn is not a list",
			files: minimal.with(files{bc: `{"function": {"shopfn": {"service": "Lambda", "dependsOn": "auth"}}}`}),
			want:  []want{{sev: model.Warning, file: bc, path: "function.shopfn.dependsOn", summary: "dependsOn is not a list"}},
		},
		{
			name:  "incomplete dependsOn entry",
			files: minimal.with(files{bc: `{"function": {"shopfn": {"service": "Lambda", "dependsOn": [{"category": "auth"}]}}}`}),
			want:  []want{{sev: model.Warning, file: bc, path: "function.shopfn.dependsOn.0", summary: "incomplete dependsOn entry"}},
		},
		{
			name: "duplicate key",
			files: minimal.with(files{bc: `{"function": {"shopfn": {"service": "Lambda"}},
 "function": {}}`}),
			want: []want{{sev: model.Warning, file: bc, line: 2, path: "function", summary: `key "function" appears more than once`, detail: "delete the one that is wrong"}},
		},
		{
			name:  "JSON nested too deeply",
			files: minimal.with(files{bc: strings.Repeat("[", 100) + strings.Repeat("]", 100)}),
			want:  []want{{sev: model.Error, file: bc, line: 1, summary: "nests more than 64 levels"}},
		},
		{
			name:  "malformed team-provider-info.json",
			files: minimal.with(files{tpi: "{\n  \"dev\": {\n    \"awscloudformation\": {,}\n  }\n}"}),
			want:  []want{{sev: model.Error, file: tpi, line: 3, summary: "invalid JSON"}},
		},
		{
			name:  "team-provider-info.json is not an object",
			files: minimal.with(files{tpi: `["dev"]`}),
			want:  []want{{sev: model.Error, file: tpi, summary: "team-provider-info.json is not a JSON object"}},
		},
		{
			name:  "environment is not an object",
			files: minimal.with(files{tpi: `{"dev": {}, "prod": 3}`}),
			want:  []want{{sev: model.Warning, file: tpi, path: "prod", summary: `environment "prod" in team-provider-info.json is not an object`}},
		},
		{
			name: "unknown --env", files: minimal, env: "deve",
			want: []want{{sev: model.Error, file: tpi, summary: `environment "deve" is not in team-provider-info.json`, detail: `did you mean "dev"?`}},
		},
		{
			name: "--env without team-provider-info.json", files: minimal.without(tpi), env: "dev",
			want: []want{{sev: model.Warning, file: tpi, summary: `environment "dev" cannot be checked`}},
		},
		{
			name:  "several environments, none selected",
			files: minimal.with(files{tpi: `{"dev": {}, "prod": {}}`}),
			want:  []want{{sev: model.Warning, file: tpi, summary: "2 environments (dev, prod) and none is selected", detail: "--env"}},
		},
		{
			name:  "local-env-info.json selects an unknown environment",
			files: minimal.with(files{tpi: `{"dev": {}, "prod": {}}`, "amplify/.config/local-env-info.json": `{"envName": "stage"}`}),
			want: []want{
				{sev: model.Warning, file: "amplify/.config/local-env-info.json", path: "envName", summary: `selects environment "stage"`, detail: "--env"},
				{sev: model.Warning, file: tpi, summary: "none is selected"},
			},
		},
		{
			name:  "malformed amplify-meta.json",
			files: minimal.with(files{"amplify/backend/amplify-meta.json": "{\n<<<<<<< HEAD\n}"}),
			want:  []want{{sev: model.Error, file: "amplify/backend/amplify-meta.json", line: 2, summary: "unresolved git merge conflict", detail: "or delete it"}},
		},
		{
			name:  "tags.json is not a list",
			files: minimal.with(files{"amplify/backend/tags.json": `{"Key": "team"}`}),
			want:  []want{{sev: model.Error, file: "amplify/backend/tags.json", summary: "not a JSON array"}},
		},
		{
			name:  "tag without a key",
			files: minimal.with(files{"amplify/backend/tags.json": `[{"Value": "web"}]`}),
			want:  []want{{sev: model.Warning, file: "amplify/backend/tags.json", path: "0", summary: "tag without a Key"}},
		},
		{
			name:  "feature flags are not an object",
			files: minimal.with(files{"amplify/cli.json": `{"features": true}`}),
			want:  []want{{sev: model.Warning, file: "amplify/cli.json", path: "features", summary: "feature flags are not an object"}},
		},
		{
			name:  "project-config.json is not an object",
			files: minimal.with(files{"amplify/.config/project-config.json": `"shop"`}),
			want:  []want{{sev: model.Warning, file: "amplify/.config/project-config.json", summary: "project-config.json is not a JSON object"}},
		},
		{
			name:  "other resource with malformed parameters.json",
			files: minimal.with(files{bc: `{"analytics": {"clicks": {"service": "Kinesis"}}}`, "amplify/backend/analytics/clicks/parameters.json": `{"kinesisStreamShardCount": }`}),
			want:  []want{{sev: model.Error, file: "amplify/backend/analytics/clicks/parameters.json", line: 1, summary: "invalid JSON"}},
		},
		{
			name:  "other resource with parameters.json that is not an object",
			files: minimal.with(files{bc: `{"analytics": {"clicks": {"service": "Kinesis"}}}`, "amplify/backend/analytics/clicks/parameters.json": `[1]`}),
			want:  []want{{sev: model.Warning, file: "amplify/backend/analytics/clicks/parameters.json", summary: "is not a JSON object"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := tt.files.write(t)
			p, diags := readers.Read(filepath.Join(root, filepath.FromSlash(tt.dir)), readers.Options{Env: tt.env})
			if tt.nilProject != (p == nil) {
				t.Fatalf("project nil = %v, want %v; diagnostics:\n%s", p == nil, tt.nilProject, dump(diags))
			}
			if len(diags) != len(tt.want) {
				t.Fatalf("got %d diagnostics, want %d:\n%s", len(diags), len(tt.want), dump(diags))
			}
			for i, w := range tt.want {
				d := diags[i]
				if d.Severity != w.sev || !strings.Contains(d.Summary, w.summary) || !strings.Contains(d.Detail, w.detail) ||
					(w.file != "" && d.Pos.File != w.file) || (w.line != 0 && d.Pos.Line != w.line) || (w.path != "" && d.Pos.Path != w.path) {
					t.Errorf("diagnostic %d:\n  got  %s\n  want %+v", i, d.Error(), w)
				}
				if d.Detail == "" {
					t.Errorf("diagnostic %d says what is wrong but not what to do: %s", i, d.Error())
				}
			}
		})
	}
}

func dump(ds model.Diagnostics) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString("  " + d.Error() + "\n")
	}
	return b.String()
}

func TestReadMinimal(t *testing.T) {
	root := minimal.with(files{
		"amplify/backend/backend-config.json": `{
  "function": {"shopfn": {"service": "Lambda", "dependsOn": [{"category": "storage", "resourceName": "orders", "attributes": "Name, Arn"}]}},
  "hosting": {"amplifyhosting": {"service": "amplifyhosting", "type": "cicd"}},
  "parameters": {"AMPLIFY_function_shopfn_TABLE": {"usedBy": [{"category": "function", "resourceName": "shopfn"}]}}
}`,
		"amplify/backend/amplify-meta.json": `{"providers": {"awscloudformation": {"StackName": "amplify-shop-dev-12345", "DeploymentBucketName": "amplify-shop-dev-12345-deployment"}},
  "function": {"shopfn": {"output": {"Name": "shopfn-dev", "Nested": {"a": 1}}}}}`,
		"amplify/cli.json":                                                    "\xef\xbb\xbf" + `{"features": {"graphqltransformer": {"transformerversion": 2, "useExperimentalPipelinedTransformer": true}}}`,
		"amplify/cli.dev.json":                                                `{"features": {"graphqltransformer": {"transformerversion": "1"}}}`,
		"amplify/backend/tags.json":                                           `[{"Key": "user:Stack", "Value": "{project-env}"}, {"Key": "team", "Value": "web"}]`,
		"amplify/backend/awscloudformation/override.ts":                       "export function override() {}\n",
		"amplify/backend/function/shopfn/override.ts":                         "// fn override\n",
		"amplify/hooks/pre-push.js":                                           "console.log('hi')\n",
		"amplify/hooks/post-push.sh.sample":                                   "#!/bin/sh\n",
		"amplify/backend/hosting/amplifyhosting/amplifyhosting-template.json": `{}`,
	}).write(t)
	// Read the amplify/ folder itself: the root is its parent.
	p, diags := readers.Read(filepath.Join(root, "amplify"), readers.Options{})
	if p == nil || len(diags) > 0 {
		t.Fatalf("read: %v\n%s", p == nil, dump(diags))
	}
	if p.Root != root || p.AmplifyDir != "amplify" || p.Name != "shop" || p.Frontend != "javascript" || p.Framework != "react" {
		t.Errorf("project = %q %q %q %q %q", p.Root, p.AmplifyDir, p.Name, p.Frontend, p.Framework)
	}
	if p.Env != "dev" || strings.Join(p.Envs, ",") != "dev" {
		t.Errorf("env = %q %v", p.Env, p.Envs)
	}
	if d := p.Deployment; d.Region != "eu-west-1" || d.AppID != "d1abc" || d.DeploymentBucket != "amplify-shop-dev-12345-deployment" {
		t.Errorf("deployment = %+v", d)
	}
	if !p.HasMeta {
		t.Error("HasMeta is false")
	}
	if got := p.Flags.Int("graphqltransformer", "transformerVersion", 0); got != 1 {
		t.Errorf("transformerversion = %d, want cli.dev.json's 1", got)
	}
	if !p.Flags.Bool("graphqltransformer", "useexperimentalpipelinedtransformer", false) {
		t.Error("flag keys are not lower-cased")
	}
	if len(p.Tags) != 2 || p.Tags[1].Key != "team" || p.Tags[1].Pos.Line != 1 || p.Tags[1].Pos.Path != "1" {
		t.Errorf("tags = %+v", p.Tags)
	}
	if p.RootOverride == nil || p.RootOverride.Path != "amplify/backend/awscloudformation/override.ts" {
		t.Errorf("root override = %+v", p.RootOverride)
	}
	if len(p.Hooks) != 1 || p.Hooks[0].Path != "amplify/hooks/pre-push.js" {
		t.Errorf("hooks = %+v", p.Hooks)
	}
	if len(p.Resources) != 2 {
		t.Fatalf("resources = %d", len(p.Resources))
	}
	fn := p.Find("function", "shopfn")
	if fn == nil || fn.Function == nil || fn.Service != "Lambda" {
		t.Fatalf("function = %+v", fn)
	}
	if fn.Override == nil || fn.Override.Path != "amplify/backend/function/shopfn/override.ts" {
		t.Errorf("function override = %+v", fn.Override)
	}
	if fn.Pos.File != "amplify/backend/backend-config.json" || fn.Pos.Line != 2 || fn.Pos.Path != "function.shopfn" {
		t.Errorf("function pos = %+v", fn.Pos)
	}
	if fn.EnvParams["TABLE"] != "orders" {
		t.Errorf("env params = %v", fn.EnvParams)
	}
	if fn.Outputs["Name"] != "shopfn-dev" || fn.Outputs["Nested"] != `{"a": 1}` {
		t.Errorf("outputs = %v", fn.Outputs)
	}
	if len(fn.DependsOn) != 1 || strings.Join(fn.DependsOn[0].Attributes, "|") != "Name|Arn" {
		t.Errorf("dependsOn = %+v", fn.DependsOn)
	}
	h := p.Find("hosting", "amplifyhosting")
	if h == nil || h.Other == nil {
		t.Fatalf("hosting = %+v", h)
	}
	if h.Other.Parameters["type"] != "cicd" || h.Other.Positions["type"].Path != "hosting.amplifyhosting.type" {
		t.Errorf("hosting parameters = %v %v", h.Other.Parameters, h.Other.Positions)
	}
	if strings.Join(h.Other.Templates, ",") != "amplify/backend/hosting/amplifyhosting/amplifyhosting-template.json" {
		t.Errorf("hosting templates = %v", h.Other.Templates)
	}
}

// TestReadFS reads a project from memory, as the fuzzer does.
func TestReadFS(t *testing.T) {
	fsys := fstest.MapFS{}
	for name, content := range minimal {
		fsys[name] = &fstest.MapFile{Data: []byte(content)}
	}
	p, diags := readers.ReadFS(fsys, "amplify", readers.Options{})
	if p == nil || diags.HasErrors() {
		t.Fatalf("read: %s", dump(diags))
	}
	if p.Root != "" || p.Env != "dev" || len(p.Resources) != 1 {
		t.Errorf("project = %+v", p)
	}
}

func TestEnvSelection(t *testing.T) {
	tpi := `{"dev": {"awscloudformation": {"StackName": "amplify-shop-dev-1"}}, "prod": {"awscloudformation": {"StackName": "amplify-shop-prod-2"}}}`
	tests := []struct {
		name, localEnv, flag, want string
	}{
		{"flag wins", "dev", "prod", "prod"},
		{"local-env-info", "dev", "", "dev"},
		{"none", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := minimal.with(files{"amplify/team-provider-info.json": tpi})
			if tt.localEnv != "" {
				fs["amplify/.config/local-env-info.json"] = `{"projectPath": "/x", "defaultEditor": "code", "envName": "` + tt.localEnv + `"}`
			}
			p, _ := readers.Read(fs.write(t), readers.Options{Env: tt.flag})
			if p.Env != tt.want {
				t.Errorf("env = %q, want %q", p.Env, tt.want)
			}
			if tt.want != "" && p.Deployment.StackName != "amplify-shop-"+tt.want+map[string]string{"dev": "-1", "prod": "-2"}[tt.want] {
				t.Errorf("stack = %q", p.Deployment.StackName)
			}
		})
	}
}
