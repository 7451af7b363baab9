package jsmod

import (
	"sort"
	"strings"
)

// Load is a module a file loads.
type Load struct {
	// Spec is the module specifier ("./app", "aws-sdk", "/opt/x"); empty
	// for a dynamic load.
	Spec string
	// Tok is the index of the specifier's string token (static loads) or
	// of the require/import keyword (dynamic loads).
	Tok  int
	Line int
	// Require is true for require() calls, false for import syntax.
	Require bool
	// Glob is set for a dynamic load whose argument is a template literal
	// esbuild bundles as a glob (a relative path with a fixed extension).
	Glob bool
	// TypeOnly marks `import type ... from` and `export type ... from`,
	// which TypeScript and esbuild erase: nothing is loaded at run time.
	TypeOnly bool
}

// Module is what a file says about modules.
type Module struct {
	Src  string
	Toks []Token
	// Loads are the static loads in file order; Dynamic the loads whose
	// specifier is computed at run time.
	Loads   []Load
	Dynamic []Load
	// ESM reports top-level import or export statements.
	ESM bool
	// Exports are the names an ES module exports ("default" included).
	Exports []string
	// CJS are the top-level CommonJS export assignments.
	CJS []cjsExport
	// cjsRefs are the indices of other `exports`/`module` references.
	cjsRefs []int
	// topDecls are names declared at the top level.
	topDecls map[string]bool
	// readsModules reports a read of process.env.MODULES (the Gen 1
	// trigger dispatcher).
	readsModules bool
}

// cjsExport is `exports.NAME = ...`, `module.exports.NAME = ...` or
// `module.exports = ...` at the top level.
type cjsExport struct {
	Name  string // "" for module.exports = ...
	First int    // first token (exports or module)
	Eq    int    // the = token
	// RHSIdent is set when the right-hand side is one identifier ending the statement.
	RHSIdent string
	RHSEnd   int // token after the identifier
}

// Analyze reads the module syntax of a JavaScript or TypeScript file.
func Analyze(src string) *Module {
	m := &Module{Src: src, Toks: Lex(src), topDecls: map[string]bool{}}
	m.analyze()
	m.dropShadowed()
	return m
}

// dropShadowed forgets `exports`/`module` references that are local
// bindings: parameters of a function or arrow, and declared variables.
func (m *Module) dropShadowed() {
	if len(m.cjsRefs) == 0 {
		return
	}
	idx := m.sig()
	pos := map[int]int{} // token index -> position in idx
	for k, i := range idx {
		pos[i] = k
	}
	match := map[int]int{} // position of an opening bracket -> its closing one
	var stack []int
	for k, i := range idx {
		switch m.Toks[i].Text {
		case "(", "[", "{":
			if m.Toks[i].Kind == Punct {
				stack = append(stack, k)
			}
		case ")", "]", "}":
			if m.Toks[i].Kind == Punct && len(stack) > 0 {
				match[stack[len(stack)-1]] = k
				stack = stack[:len(stack)-1]
			}
		}
	}
	text := func(k int) string {
		if k < 0 || k >= len(idx) {
			return ""
		}
		return m.Toks[idx[k]].Text
	}
	// enclosing returns the end of the block that contains position k.
	enclosing := func(k int) int {
		best := len(idx)
		for open, close := range match {
			if open < k && close > k && close < best && text(open) == "{" {
				best = close
			}
		}
		return best
	}
	type span struct{ from, to int }
	var local []span
	bodyEnd := func(arrow int) int {
		if text(arrow+1) == "{" {
			if c, ok := match[arrow+1]; ok {
				return c
			}
		}
		// Expression body: up to the first , ; or closing bracket at its depth.
		depth := 0
		for k := arrow + 1; k < len(idx); k++ {
			switch text(k) {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				if depth == 0 {
					return k
				}
				depth--
			case ",", ";":
				if depth == 0 {
					return k
				}
			}
		}
		return len(idx)
	}
	for k := range idx {
		name := text(k)
		if name != "module" && name != "exports" || m.Toks[idx[k]].Kind != Ident {
			continue
		}
		switch {
		case text(k+1) == "=>": // module => ...
			local = append(local, span{k, bodyEnd(k + 1)})
		case text(k-1) == "const" || text(k-1) == "let" || text(k-1) == "var":
			local = append(local, span{k, enclosing(k)})
		default:
			// A parameter: inside ( ... ) followed by => or a function body.
			for open, close := range match {
				if open < k && close > k && text(open) == "(" {
					if text(close+1) == "=>" {
						local = append(local, span{k, bodyEnd(close + 1)})
					} else if text(close+1) == "{" && (text(open-1) == "function" || text(open-2) == "function") {
						local = append(local, span{k, match[close+1]})
					}
				}
			}
		}
	}
	var kept []int
	for _, ref := range m.cjsRefs {
		k := pos[ref]
		shadow := false
		for _, s := range local {
			if k >= s.from && k <= s.to && text(s.from) == m.Toks[ref].Text {
				shadow = true
			}
		}
		if !shadow {
			kept = append(kept, ref)
		}
	}
	m.cjsRefs = kept
}

// sig returns the significant (non-comment) tokens' indices.
func (m *Module) sig() []int {
	var out []int
	for i, t := range m.Toks {
		if t.Kind != Comment {
			out = append(out, i)
		}
	}
	return out
}

func (m *Module) analyze() {
	idx := m.sig()
	tok := func(k int) *Token {
		if k < 0 || k >= len(idx) {
			return nil
		}
		return &m.Toks[idx[k]]
	}
	is := func(k int, kind Kind, text string) bool {
		t := tok(k)
		return t != nil && t.Kind == kind && t.Text == text
	}
	depth := 0
	used := map[int]bool{} // token indices that are part of a recognised export
	// typeStmt is set from `import type` / `export type` to the statement's
	// `from`. `import type from 'x'` imports a default binding named type.
	typeStmt := false
	isTypeOnly := func(k int) bool {
		return is(k+1, Ident, "type") && !is(k+2, Ident, "from") && !is(k+2, Punct, ",") && !is(k+2, Punct, "=")
	}
	for k := 0; k < len(idx); k++ {
		t := tok(k)
		prevDot := is(k-1, Punct, ".") || is(k-1, Punct, "?.")
		stmtStart := k == 0 || is(k-1, Punct, ";") || is(k-1, Punct, "}") || t.NewlineBefore
		switch {
		case t.Kind == Punct && (t.Text == "(" || t.Text == "[" || t.Text == "{" || t.Text == "${"):
			depth++
		case t.Kind == Punct && (t.Text == ")" || t.Text == "]" || t.Text == "}"):
			if depth > 0 {
				depth--
			}
		case t.Kind == Ident && t.Text == "require" && !prevDot && is(k+1, Punct, "("):
			if s := tok(k + 2); s != nil && is(k+3, Punct, ")") {
				if v, ok := StringValue(*s); ok {
					m.Loads = append(m.Loads, Load{Spec: v, Tok: idx[k+2], Line: s.Line, Require: true})
					continue
				}
			}
			m.Dynamic = append(m.Dynamic, Load{Tok: idx[k], Line: t.Line, Require: true, Glob: isGlob(tok(k+2), tok(k+3))})
		case t.Kind == Ident && t.Text == "import" && !prevDot:
			switch {
			case is(k+1, Punct, "("):
				if s := tok(k + 2); s != nil {
					if v, ok := StringValue(*s); ok && (is(k+3, Punct, ")") || is(k+3, Punct, ",")) {
						m.Loads = append(m.Loads, Load{Spec: v, Tok: idx[k+2], Line: s.Line})
						continue
					}
				}
				m.Dynamic = append(m.Dynamic, Load{Tok: idx[k], Line: t.Line, Glob: isGlob(tok(k+2), tok(k+3))})
			case is(k+1, Punct, "."):
				// import.meta
			default:
				if depth == 0 {
					m.ESM = true
					typeStmt = isTypeOnly(k)
				}
				if s := tok(k + 1); s != nil && s.Kind == String {
					v, _ := StringValue(*s)
					m.Loads = append(m.Loads, Load{Spec: v, Tok: idx[k+1], Line: s.Line})
				}
			}
		case t.Kind == Ident && t.Text == "from" && depth == 0:
			if s := tok(k + 1); s != nil && s.Kind == String {
				v, _ := StringValue(*s)
				m.Loads = append(m.Loads, Load{Spec: v, Tok: idx[k+1], Line: s.Line, TypeOnly: typeStmt})
			}
			typeStmt = false
		case t.Kind == Ident && t.Text == "export" && depth == 0 && !prevDot && !is(k+1, Punct, ":"):
			m.ESM = true
			typeStmt = isTypeOnly(k)
			m.esmExport(k, tok, is)
		case t.Kind == Ident && (t.Text == "exports" || t.Text == "module") && !prevDot && !is(k+1, Punct, ":"):
			if depth == 0 && stmtStart {
				if e, ok := m.cjsAssignment(k, tok, is, idx); ok {
					m.CJS = append(m.CJS, e)
					for j := idx[k]; j <= e.Eq; j++ {
						used[j] = true
					}
					continue
				}
			}
			if !used[idx[k]] {
				m.cjsRefs = append(m.cjsRefs, idx[k])
			}
		case t.Kind == Ident && t.Text == "process" && is(k+1, Punct, ".") && is(k+2, Ident, "env") &&
			is(k+3, Punct, ".") && is(k+4, Ident, "MODULES"):
			m.readsModules = true
		}
		if depth == 0 && t.Kind == Ident && !prevDot {
			switch t.Text {
			case "function", "class", "const", "let", "var":
				n := k + 1
				if is(n, Punct, "*") {
					n++
				}
				if d := tok(n); d != nil && d.Kind == Ident {
					m.topDecls[d.Text] = true
				}
			}
		}
	}
}

// esmExport records the names an `export` statement declares.
func (m *Module) esmExport(k int, tok func(int) *Token, is func(int, Kind, string) bool) {
	n := k + 1
	if is(n, Ident, "default") {
		m.Exports = append(m.Exports, "default")
		return
	}
	if is(n, Ident, "async") {
		n++
	}
	if d := tok(n); d != nil && d.Kind == Ident {
		switch d.Text {
		case "const", "let", "var", "function", "class", "enum", "interface", "type", "namespace":
			n++
			if is(n, Punct, "*") {
				n++
			}
			if name := tok(n); name != nil && name.Kind == Ident {
				m.Exports = append(m.Exports, name.Text)
			}
			return
		}
	}
	if is(n, Punct, "{") {
		// export { a, b as c }
		for j := n + 1; ; j++ {
			t := tok(j)
			if t == nil || (t.Kind == Punct && t.Text == "}") {
				return
			}
			if t.Kind == Ident && (is(j+1, Punct, ",") || is(j+1, Punct, "}")) {
				m.Exports = append(m.Exports, t.Text)
			}
		}
	}
}

// cjsAssignment recognises a top-level CommonJS export assignment at k.
func (m *Module) cjsAssignment(k int, tok func(int) *Token, is func(int, Kind, string) bool, idx []int) (cjsExport, bool) {
	e := cjsExport{First: idx[k]}
	n := k
	if is(n, Ident, "module") {
		if !is(n+1, Punct, ".") || !is(n+2, Ident, "exports") {
			return e, false
		}
		n += 2
		if is(n+1, Punct, "=") {
			e.Eq = idx[n+1]
			return m.withRHS(e, n+2, tok, is, idx), true
		}
	}
	if !is(n, Ident, "exports") || !is(n+1, Punct, ".") {
		return e, false
	}
	name := tok(n + 2)
	if name == nil || name.Kind != Ident || !is(n+3, Punct, "=") {
		return e, false
	}
	e.Name = name.Text
	e.Eq = idx[n+3]
	return m.withRHS(e, n+4, tok, is, idx), true
}

func (m *Module) withRHS(e cjsExport, k int, tok func(int) *Token, is func(int, Kind, string) bool, idx []int) cjsExport {
	t := tok(k)
	if t == nil || t.Kind != Ident {
		return e
	}
	next := tok(k + 1)
	if next == nil || (next.Kind == Punct && next.Text == ";") || (next.NewlineBefore && !(next.Kind == Punct && (next.Text == "." || next.Text == "(" || next.Text == "[" || next.Text == "?."))) {
		e.RHSIdent = t.Text
		e.RHSEnd = idx[k] + 1
	}
	return e
}

// globExt are the extensions esbuild's glob imports need to match files.
var globExt = []string{".js", ".mjs", ".cjs", ".json", ".ts", ".mts", ".cts"}

// isGlob reports whether a load's argument (arg, followed by next) is a
// template literal like `./renderers/${name}.mjs`, which esbuild bundles by
// including every file the pattern matches.
func isGlob(arg, next *Token) bool {
	if arg == nil || next == nil || arg.Kind != Template || next.Text != ")" {
		return false
	}
	body := strings.TrimSuffix(strings.TrimPrefix(arg.Text, "`"), "`")
	if !strings.HasPrefix(body, "./") && !strings.HasPrefix(body, "../") {
		return false
	}
	last := body[strings.LastIndex(body, "}")+1:]
	for _, ext := range globExt {
		if strings.HasSuffix(last, ext) {
			return true
		}
	}
	return false
}

// Specifiers returns the static specifiers a file loads, sorted and unique.
func (m *Module) Specifiers() []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range m.Loads {
		if !seen[l.Spec] {
			seen[l.Spec] = true
			out = append(out, l.Spec)
		}
	}
	sort.Strings(out)
	return out
}

// PackageName returns the npm package a bare specifier names ("@aws-sdk/
// client-s3/dist" → "@aws-sdk/client-s3"), or "" for relative, absolute and
// node: specifiers.
func PackageName(spec string) string {
	if spec == "" || strings.HasPrefix(spec, ".") || strings.HasPrefix(spec, "/") || strings.HasPrefix(spec, "node:") || strings.Contains(spec, ":") {
		return ""
	}
	parts := strings.Split(spec, "/")
	if strings.HasPrefix(spec, "@") {
		if len(parts) < 2 {
			return ""
		}
		return parts[0] + "/" + parts[1]
	}
	return parts[0]
}

// builtins are Node's built-in modules, which need no dependency.
var builtins = map[string]bool{
	"assert": true, "async_hooks": true, "buffer": true, "child_process": true, "cluster": true,
	"console": true, "constants": true, "crypto": true, "dgram": true, "diagnostics_channel": true,
	"dns": true, "domain": true, "events": true, "fs": true, "http": true, "http2": true, "https": true,
	"inspector": true, "module": true, "net": true, "os": true, "path": true, "perf_hooks": true,
	"process": true, "punycode": true, "querystring": true, "readline": true, "repl": true,
	"stream": true, "string_decoder": true, "sys": true, "timers": true, "tls": true, "trace_events": true,
	"tty": true, "url": true, "util": true, "v8": true, "vm": true, "wasi": true, "worker_threads": true, "zlib": true,
}

// IsBuiltin reports whether a package name is a Node built-in module.
func IsBuiltin(name string) bool { return builtins[strings.TrimPrefix(name, "node:")] }
