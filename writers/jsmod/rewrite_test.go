package jsmod

import (
	"reflect"
	"strings"
	"testing"
)

func TestLexSkipsStringsCommentsRegexAndTemplates(t *testing.T) {
	src := "const a = 'require(\"x\")'; // require('y')\n" +
		"const r = /require\\('z'\\)/g; const t = `${f(`require('w')`)} ${ {a: 1}.a }`;\n" +
		"/* require('v') */ const b = x / 2 / y; require('real');\n"
	m := Analyze(src)
	if got := m.Specifiers(); !reflect.DeepEqual(got, []string{"real"}) {
		t.Fatalf("specifiers = %v, want [real]", got)
	}
	if len(m.Dynamic) != 0 {
		t.Fatalf("dynamic loads = %v", m.Dynamic)
	}
}

func TestAnalyzeLoads(t *testing.T) {
	src := `import x, { y } from 'pkg-a';
import '@scope/side/effect';
export { z } from "./z.js";
const q = await import('pkg-b');
const { S3 } = require('@aws-sdk/client-s3');
const dyn = require(name);
const d2 = await import(` + "`./${n}`" + `);
`
	m := Analyze(src)
	want := []string{"./z.js", "@aws-sdk/client-s3", "@scope/side/effect", "pkg-a", "pkg-b"}
	if got := m.Specifiers(); !reflect.DeepEqual(got, want) {
		t.Fatalf("specifiers = %v, want %v", got, want)
	}
	if len(m.Dynamic) != 2 || m.Dynamic[0].Line != 6 || m.Dynamic[1].Line != 7 {
		t.Fatalf("dynamic = %+v", m.Dynamic)
	}
	if !m.ESM {
		t.Fatal("not ESM")
	}
	if PackageName("@scope/side/effect") != "@scope/side" || PackageName("lodash/fp") != "lodash" || PackageName("./x") != "" || PackageName("node:fs") != "" {
		t.Fatal("PackageName")
	}
}

func TestRewriteExports(t *testing.T) {
	tests := []struct {
		name, src, want string
		todos           int
		exports         []string
	}{
		{
			name:    "exports.handler",
			src:     "const app = require('./app');\n\nexports.handler = async (event) => app(event);\n",
			want:    "const app = require('./app');\n\nexport const handler = async (event) => app(event);\n",
			exports: []string{"handler"},
		},
		{
			name:    "module.exports.handler with later use",
			src:     "module.exports.handler = async (e) => e;\nfunction again(e) { return exports.handler(e); }\n",
			want:    "export const handler = async (e) => e;\nfunction again(e) { return handler(e); }\n",
			exports: []string{"handler"},
		},
		{
			name:    "identifier already declared",
			src:     "async function handler(event) {\n  return event;\n}\nexports.handler = handler;\n",
			want:    "async function handler(event) {\n  return event;\n}\nexport { handler };\n",
			exports: []string{"handler"},
		},
		{
			name:    "alias",
			src:     "const main = async () => 1;\nexports.handler = main\n",
			want:    "const main = async () => 1;\nexport { main as handler }\n",
			exports: []string{"handler"},
		},
		{
			name:    "module.exports object",
			src:     "'use strict';\nmodule.exports = {\n  handler: async () => 2,\n};",
			want:    "'use strict';\nconst moduleExports = {\n  handler: async () => 2,\n};\n\n// amplify-migrate: ES module exports for what module.exports held.\nexport const handler = moduleExports.handler;\nexport default moduleExports;\n",
			exports: []string{"handler", "default"},
		},
		{
			name:  "unsafe use of module",
			src:   "exports.handler = async () => 1;\nif (require.main === module) { run(); }\n",
			want:  "export const handler = async () => 1;\n// TODO(x): `module` is CommonJS; in an ES module it is undefined, so rewrite this use with the ES exports above.\nif (require.main === module) { run(); }\n",
			todos: 1, exports: []string{"handler"},
		},
		{
			name:  "wrong export name",
			src:   "exports.main = async () => 1;\n",
			want:  "// TODO(x): Lambda calls the export \"handler\" of this file, which it does not export (it exports main); export the handler under that name.\nexport const main = async () => 1;\n",
			todos: 1, exports: []string{"main"},
		},
		{
			name:    "already ESM",
			src:     "export const handler = async () => 1;\n",
			want:    "export const handler = async () => 1;\n",
			exports: []string{"handler"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Rewrite(tt.src, Options{Entry: true, Export: "handler", TodoPrefix: "TODO(x)"})
			if r.Text != tt.want {
				t.Errorf("got\n%s\nwant\n%s", r.Text, tt.want)
			}
			if len(r.Todos) != tt.todos {
				t.Errorf("todos = %+v, want %d", r.Todos, tt.todos)
			}
			if !reflect.DeepEqual(r.Exports, tt.exports) {
				t.Errorf("exports = %v, want %v", r.Exports, tt.exports)
			}
			for _, td := range r.Todos {
				lines := strings.Split(r.Text, "\n")
				if !strings.Contains(lines[td.Line-1], "TODO(x)") {
					t.Errorf("todo line %d is %q", td.Line, lines[td.Line-1])
				}
			}
		})
	}
}

func TestRewriteDispatcher(t *testing.T) {
	src := `/**
 * @fileoverview dispatcher
 */
const moduleNames = process.env.MODULES.split(',');
const modules = moduleNames.map((name) => require(` + "`./${name}`" + `));

exports.handler = async (event, context) => {
  await Promise.all(modules.map((module) => module.handler(event, context)));
  return event;
};
`
	r := Rewrite(src, Options{Entry: true, Export: "handler", TriggerModules: []string{"email-filter-allowlist"}, TodoPrefix: "TODO(x)"})
	if len(r.Todos) != 0 {
		t.Fatalf("todos: %+v\n%s", r.Todos, r.Text)
	}
	for _, want := range []string{
		"const triggerModules = {\n  'email-filter-allowlist': require('./email-filter-allowlist'),\n};",
		"moduleNames.map((name) => requireTriggerModule(`./${name}`))",
		"export const handler = async (event, context) => {",
		"};\n\n/**\n * @fileoverview dispatcher",
	} {
		if !strings.Contains(r.Text, want) {
			t.Errorf("missing %q in\n%s", want, r.Text)
		}
	}
	// The module parameter named `module` inside the arrow is not CommonJS.
	if strings.Contains(r.Text, "TODO") {
		t.Errorf("unexpected TODO:\n%s", r.Text)
	}
}

func TestRewriteDynamicRequireTodo(t *testing.T) {
	src := "const load = (n) => {\n  return require('./handlers/' + n);\n};\nexports.handler = async (e) => load(e.type)(e);\n"
	r := Rewrite(src, Options{Entry: true, Export: "handler", TodoPrefix: "TODO(x)"})
	if len(r.Todos) != 1 || r.Todos[0].Line != 2 {
		t.Fatalf("todos = %+v\n%s", r.Todos, r.Text)
	}
	if !strings.Contains(r.Text, "  // TODO(x): this require() computes") {
		t.Fatalf("todo not indented at its line:\n%s", r.Text)
	}
}

func TestRewriteSpecifier(t *testing.T) {
	src := "const p = require('/opt/powertools');\nimport x from \"/opt/nodejs/lib\";\n"
	r := Rewrite(src, Options{Specifier: func(s string) (string, bool) {
		if strings.HasPrefix(s, "/opt/") {
			return "../../layers/p/" + strings.TrimPrefix(s, "/opt/"), true
		}
		return "", false
	}})
	want := "const p = require('../../layers/p/powertools');\nimport x from \"../../layers/p/nodejs/lib\";\n"
	if r.Text != want {
		t.Fatalf("got\n%s", r.Text)
	}
	if RelativeSpecifier("amplify/functions/f/src/index.js", "amplify/layers/l/x") != "../../../layers/l/x" {
		t.Fatal(RelativeSpecifier("amplify/functions/f/src/index.js", "amplify/layers/l/x"))
	}
}

// FuzzRewrite checks that any input is lexed and rewritten without a
// panic, and that a file needing no edit comes back unchanged.
func FuzzRewrite(f *testing.F) {
	f.Add("exports.handler = async () => 1;\n")
	f.Add("const m = require(`./${x}`);\nmodule.exports = { handler };\n")
	f.Add("/* unterminated")
	f.Add("const r = /[/]/g; const t = `${`${a}`}`; exports.a = exports.b = 1")
	f.Fuzz(func(t *testing.T, src string) {
		r := Rewrite(src, Options{Entry: true, Export: "handler", TriggerModules: []string{"m"}, Secrets: []string{"S"}, TodoPrefix: "TODO"})
		if !r.Changed && r.Text != src {
			t.Fatal("unchanged result differs from its input")
		}
		lines := strings.Count(r.Text, "\n") + 1
		for _, td := range r.Todos {
			if td.Line < 1 || td.Line > lines {
				t.Fatalf("todo line %d outside the %d lines", td.Line, lines)
			}
		}
	})
}

func TestAnalyzeTypeOnlyLoads(t *testing.T) {
	m := Analyze(`import type { Handler } from 'aws-lambda';
import type from 'typelib';
export type { Context } from 'aws-lambda-types';
import { S3 } from '@aws-sdk/client-s3';
export * from './util';
`)
	want := map[string]bool{"aws-lambda": true, "typelib": false, "aws-lambda-types": true, "@aws-sdk/client-s3": false, "./util": false}
	if len(m.Loads) != len(want) {
		t.Fatalf("loads: %+v", m.Loads)
	}
	for _, l := range m.Loads {
		if l.TypeOnly != want[l.Spec] {
			t.Errorf("%s: TypeOnly = %v, want %v", l.Spec, l.TypeOnly, want[l.Spec])
		}
	}
}
