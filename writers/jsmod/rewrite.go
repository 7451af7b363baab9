package jsmod

import (
	"fmt"
	"path"
	"sort"
	"strings"
)

// Options control Rewrite.
type Options struct {
	// Entry marks the function's entry file, whose exports Lambda calls.
	Entry bool
	// Export is the handler's export name ("handler").
	Export string
	// TriggerModules are the modules a Gen 1 Cognito trigger dispatcher
	// loads from MODULES; nil when the file is no dispatcher.
	TriggerModules []string
	// Specifier rewrites a static module specifier (for /opt/ paths that
	// name layer content); ok false keeps it.
	Specifier func(spec string) (string, bool)
	// TodoPrefix starts TODO comments ("TODO(amplify-migrate)").
	TodoPrefix string
	// Secrets are function secrets Gen 1 handed over as SSM parameter
	// paths; calls that fetch them from SSM get a TODO, since Gen 2 puts
	// the values themselves in process.env.
	Secrets []string
}

// Todo is a TODO comment Rewrite put in the file.
type Todo struct {
	Line int
	Text string
}

// Result is a rewritten file.
type Result struct {
	Text    string
	Changed bool
	Todos   []Todo
	// Done lists what was rewritten, for reports.
	Done []string
	// Exports are the names the file exports after the rewrite.
	Exports []string
}

type edit struct {
	start, end int
	text       string
}

type note struct {
	offset int
	text   string
}

// Rewrite makes the mechanical edits a Gen 1 handler file needs to be
// bundled by esbuild as an ES module, and puts a TODO at each line it
// cannot rewrite safely.
func Rewrite(src string, opts Options) Result {
	m := Analyze(src)
	var edits []edit
	var notes []note
	var done []string
	todo := func(tokIdx int, text string) {
		notes = append(notes, note{offset: m.Toks[tokIdx].Start, text: text})
	}

	// Layer paths.
	if opts.Specifier != nil {
		for _, l := range m.Loads {
			if to, ok := opts.Specifier(l.Spec); ok && to != l.Spec {
				t := m.Toks[l.Tok]
				q := t.Text[:1]
				if q == "`" {
					q = "'"
				}
				edits = append(edits, edit{t.Start, t.End, q + to + q})
				done = append(done, fmt.Sprintf("%q now loads %q", l.Spec, to))
			}
		}
	}

	// Dynamic loads.
	dispatcher := opts.Entry && opts.TriggerModules != nil && m.readsModules
	dispatched := false
	for _, d := range m.Dynamic {
		if d.Glob {
			continue
		}
		if dispatcher && d.Require {
			t := m.Toks[d.Tok]
			edits = append(edits, edit{t.Start, t.End, "requireTriggerModule"})
			dispatched = true
			continue
		}
		kind := "import()"
		if d.Require {
			kind = "require()"
		}
		todo(d.Tok, fmt.Sprintf("this %s computes its module name at run time, which esbuild cannot bundle; load each possible module with a static import or require instead.", kind))
	}
	if dispatched {
		edits = append(edits, edit{prologueEnd(m), prologueEnd(m), dispatcherTable(opts.TriggerModules)})
		done = append(done, "the trigger modules named in MODULES are required statically")
	}

	// SSM fetches of secrets.
	if len(opts.Secrets) > 0 {
		var used []string
		for _, t := range m.Toks {
			for _, name := range opts.Secrets {
				v, isStr := StringValue(t)
				if (t.Kind == Ident && t.Text == name) || (isStr && v == name) {
					used = appendNew(used, name)
				}
			}
		}
		if len(used) > 0 {
			line := 0
			for i, t := range m.Toks {
				if t.Kind == Ident && ssmCalls[t.Text] && t.Line != line && m.nextText(i) == "(" {
					line = t.Line
					todo(i, fmt.Sprintf("Gen 2 puts the value of the secret %s in process.env before the handler runs (secret() in resource.ts); the variable no longer holds an SSM parameter path, so read process.env directly instead of fetching it here.",
						strings.Join(used, ", ")))
				}
			}
		}
	}

	exports := append([]string(nil), m.Exports...)
	if opts.Entry && len(m.CJS) > 0 {
		names, e, n, d := convertExports(m, opts)
		edits = append(edits, e...)
		notes = append(notes, n...)
		done = append(done, d...)
		exports = append(exports, names...)
	}
	if opts.Entry && len(exports) > 0 && opts.Export != "" && !contains(exports, opts.Export) {
		at := 0
		if len(m.CJS) > 0 {
			at = m.CJS[0].First
		}
		if len(m.Toks) > 0 {
			todo(at, fmt.Sprintf("Lambda calls the export %q of this file, which it does not export (it exports %s); export the handler under that name.",
				opts.Export, strings.Join(exports, ", ")))
		}
	}

	text, todos := apply(src, edits, notes, opts.TodoPrefix)
	return Result{Text: text, Changed: text != src, Todos: todos, Done: done, Exports: exports}
}

// convertExports turns the top-level CommonJS exports of an entry file into
// ES exports.
func convertExports(m *Module, opts Options) (names []string, edits []edit, notes []note, done []string) {
	todo := func(tokIdx int, text string) {
		notes = append(notes, note{offset: m.Toks[tokIdx].Start, text: text})
	}
	if m.ESM {
		todo(m.CJS[0].First, "this file mixes CommonJS exports with ES module syntax; esbuild bundles it as an ES module, so turn this assignment into an export statement.")
		return nil, nil, notes, nil
	}
	whole := -1
	count := map[string]int{}
	for i, e := range m.CJS {
		if e.Name == "" {
			whole = i
		}
		count[e.Name]++
	}
	if whole >= 0 && (len(m.CJS) > 1) {
		for _, e := range m.CJS {
			todo(e.First, "this file assigns module.exports and its properties separately; rewrite the exports as ES export statements.")
		}
		return nil, nil, notes, nil
	}
	converted := map[string]bool{}
	for _, e := range m.CJS {
		start, eqEnd := m.Toks[e.First].Start, m.Toks[e.Eq].End
		switch {
		case e.Name == "":
			exp := opts.Export
			if exp == "" {
				exp = "handler"
			}
			edits = append(edits, edit{start, eqEnd, "const moduleExports ="})
			edits = append(edits, edit{len(m.Src), len(m.Src), trailingNewline(m.Src) +
				"\n// amplify-migrate: ES module exports for what module.exports held.\n" +
				"export const " + exp + " = moduleExports." + exp + ";\nexport default moduleExports;\n"})
			names = append(names, exp, "default")
			done = append(done, "module.exports became ES exports")
			if m.topDecls["moduleExports"] {
				todo(e.First, "the name moduleExports is already declared in this file; rename one of them.")
			}
		case count[e.Name] > 1:
			todo(e.First, fmt.Sprintf("exports.%s is assigned more than once; keep one assignment and write it as `export let %s = ...` or an export statement.", e.Name, e.Name))
			continue
		case e.RHSIdent != "":
			end := m.Toks[e.RHSEnd-1].End
			if e.RHSIdent == e.Name {
				edits = append(edits, edit{start, end, "export { " + e.Name + " }"})
			} else {
				edits = append(edits, edit{start, end, "export { " + e.RHSIdent + " as " + e.Name + " }"})
			}
			converted[e.Name] = true
			names = append(names, e.Name)
		case m.topDecls[e.Name]:
			todo(e.First, fmt.Sprintf("%s is also declared in this file, so this export cannot become `export const %s`; export the declaration instead.", e.Name, e.Name))
			continue
		default:
			edits = append(edits, edit{start, eqEnd, "export const " + e.Name + " ="})
			converted[e.Name] = true
			names = append(names, e.Name)
		}
	}
	if len(converted) > 0 {
		list := make([]string, 0, len(converted))
		for n := range converted {
			list = append(list, n)
		}
		sort.Strings(list)
		done = append(done, "exports."+strings.Join(list, ", exports.")+" became ES exports")
	}
	// Other references to exports/module.
	for _, ref := range m.cjsRefs {
		t := m.Toks[ref]
		if t.Text == "exports" {
			if n, ok := m.propertyAfter(ref); ok && converted[n.name] {
				edits = append(edits, edit{t.Start, n.end, n.name})
				continue
			}
		}
		if t.Text == "module" {
			if n, ok := m.propertyAfter(ref); ok && n.name == "exports" {
				if n2, ok := m.propertyAfter(n.tok); ok && converted[n2.name] {
					edits = append(edits, edit{t.Start, n2.end, n2.name})
					continue
				}
			}
		}
		todo(ref, fmt.Sprintf("`%s` is CommonJS; in an ES module it is undefined, so rewrite this use with the ES exports above.", t.Text))
	}
	return names, edits, notes, done
}

type prop struct {
	name string
	tok  int
	end  int
}

// propertyAfter returns the `.name` that follows token i.
func (m *Module) propertyAfter(i int) (prop, bool) {
	j := i + 1
	for j < len(m.Toks) && m.Toks[j].Kind == Comment {
		j++
	}
	if j >= len(m.Toks) || m.Toks[j].Text != "." {
		return prop{}, false
	}
	k := j + 1
	for k < len(m.Toks) && m.Toks[k].Kind == Comment {
		k++
	}
	if k >= len(m.Toks) || m.Toks[k].Kind != Ident {
		return prop{}, false
	}
	return prop{name: m.Toks[k].Text, tok: k, end: m.Toks[k].End}, true
}

// prologueEnd is where code can be inserted before the first statement:
// after directives ('use strict') and the file's header comments, but
// before the comments that belong to the first statement (no blank line
// between them and it).
func prologueEnd(m *Module) int {
	first := -1
	for i := 0; i < len(m.Toks); i++ {
		t := m.Toks[i]
		if t.Kind == Comment {
			continue
		}
		if t.Kind == String && i+1 < len(m.Toks) && m.Toks[i+1].Text == ";" {
			i++ // a directive
			continue
		}
		first = i
		break
	}
	if first < 0 {
		return len(m.Src)
	}
	at := m.Toks[first].Start
	for j := first - 1; j >= 0 && m.Toks[j].Kind == Comment; j-- {
		gap := m.Src[m.Toks[j].End:at]
		if strings.Count(gap, "\n") > 1 {
			break
		}
		at = m.Toks[j].Start
	}
	return strings.LastIndexByte(m.Src[:at], '\n') + 1
}

func lineEnd(src string, i int) int {
	if j := strings.IndexByte(src[i:], '\n'); j >= 0 {
		return i + j + 1
	}
	return len(src)
}

func dispatcherTable(mods []string) string {
	var b strings.Builder
	b.WriteString("// amplify-migrate: esbuild bundles only require() calls with a fixed module\n")
	b.WriteString("// name, so the trigger modules that MODULES may name are required here.\n")
	b.WriteString("const triggerModules = {\n")
	for _, mod := range mods {
		fmt.Fprintf(&b, "  %s: require(%s),\n", quoteJS(mod), quoteJS("./"+mod))
	}
	b.WriteString("};\n")
	b.WriteString("const requireTriggerModule = (name) => {\n")
	b.WriteString("  const module = triggerModules[name.replace(/^.*\\//, '').replace(/\\.js$/, '')];\n")
	b.WriteString("  if (!module) {\n")
	b.WriteString("    throw new Error(`Unknown trigger module ${name}`);\n")
	b.WriteString("  }\n")
	b.WriteString("  return module;\n")
	b.WriteString("};\n\n")
	return b.String()
}

// nextText returns the text of the significant token after token i.
func (m *Module) nextText(i int) string {
	for j := i + 1; j < len(m.Toks); j++ {
		if m.Toks[j].Kind != Comment {
			return m.Toks[j].Text
		}
	}
	return ""
}

// ssmCalls are the SDK names Gen 1 secret code used to fetch parameters.
var ssmCalls = map[string]bool{
	"GetParameterCommand": true, "GetParametersCommand": true, "getParameter": true, "getParameters": true,
	"GetParameter": true, "GetParameters": true,
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func quoteJS(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`).Replace(s) + "'"
}

func trailingNewline(s string) string {
	if s == "" || strings.HasSuffix(s, "\n") {
		return ""
	}
	return "\n"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// apply makes the edits and inserts each note as a comment line above the
// line it points at, returning the new text and the notes' final lines.
// Overlapping edits keep the first.
func apply(src string, edits []edit, notes []note, prefix string) (string, []Todo) {
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	sort.SliceStable(notes, func(i, j int) bool { return notes[i].offset < notes[j].offset })
	var b strings.Builder
	var todos []Todo
	lines := 1 // line of the next byte written
	write := func(s string) {
		b.WriteString(s)
		lines += strings.Count(s, "\n")
	}
	pos, ni := 0, 0
	notesUpTo := func(limit int) {
		for ni < len(notes) && notes[ni].offset <= limit {
			n := notes[ni]
			ls := strings.LastIndexByte(src[:n.offset], '\n') + 1
			if ls < pos {
				ls = pos
			}
			write(src[pos:ls])
			pos = ls
			end := ls
			for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
				end++
			}
			todos = append(todos, Todo{Line: lines, Text: n.text})
			write(src[ls:end] + "// " + prefix + ": " + n.text + "\n")
			ni++
		}
	}
	for _, e := range edits {
		if e.start < pos {
			continue
		}
		notesUpTo(e.start)
		write(src[pos:e.start])
		write(e.text)
		pos = e.end
	}
	notesUpTo(len(src))
	write(src[pos:])
	return b.String(), todos
}

// RelativeSpecifier returns the import specifier that reaches target (a
// path relative to the project) from a file at from.
func RelativeSpecifier(from, target string) string {
	rel, err := relPath(path.Dir(from), target)
	if err != nil {
		return target
	}
	if !strings.HasPrefix(rel, ".") {
		rel = "./" + rel
	}
	return rel
}

func relPath(base, target string) (string, error) {
	b := strings.Split(path.Clean(base), "/")
	t := strings.Split(path.Clean(target), "/")
	i := 0
	for i < len(b) && i < len(t) && b[i] == t[i] {
		i++
	}
	var parts []string
	for j := i; j < len(b); j++ {
		if b[j] != "." {
			parts = append(parts, "..")
		}
	}
	parts = append(parts, t[i:]...)
	return strings.Join(parts, "/"), nil
}
