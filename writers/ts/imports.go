package ts

import (
	"sort"
	"strings"
)

// Imports collects import declarations and prints them sorted: packages
// first, then relative paths, each by module path, names sorted inside.
type Imports struct {
	named      map[string]map[string]bool // module -> names ("x" or "type X" or "x as y")
	namespaces map[string]string          // module -> alias for `import * as alias`
	defaults   map[string]string          // module -> default import name
}

func (im *Imports) init() {
	if im.named == nil {
		im.named = map[string]map[string]bool{}
		im.namespaces = map[string]string{}
		im.defaults = map[string]string{}
	}
}

// Add imports names from module: im.Add("@aws-amplify/backend", "defineAuth").
func (im *Imports) Add(module string, names ...string) {
	im.init()
	if im.named[module] == nil {
		im.named[module] = map[string]bool{}
	}
	for _, n := range names {
		im.named[module][n] = true
	}
}

// AddType imports a type-only name: `type X`.
func (im *Imports) AddType(module, name string) { im.Add(module, "type "+name) }

// Namespace adds `import * as alias from module`.
func (im *Imports) Namespace(module, alias string) { im.init(); im.namespaces[module] = alias }

// Default adds `import name from module`.
func (im *Imports) Default(module, name string) { im.init(); im.defaults[module] = name }

// Empty reports whether nothing was imported.
func (im *Imports) Empty() bool {
	return len(im.named) == 0 && len(im.namespaces) == 0 && len(im.defaults) == 0
}

// Print writes the import declarations.
func (im *Imports) Print(p *Printer) {
	im.init()
	mods := map[string]bool{}
	for m := range im.named {
		mods[m] = true
	}
	for m := range im.namespaces {
		mods[m] = true
	}
	for m := range im.defaults {
		mods[m] = true
	}
	var list []string
	for m := range mods {
		list = append(list, m)
	}
	sort.Slice(list, func(i, j int) bool {
		ri, rj := strings.HasPrefix(list[i], "."), strings.HasPrefix(list[j], ".")
		if ri != rj {
			return !ri
		}
		return list[i] < list[j]
	})
	for _, m := range list {
		if alias, ok := im.namespaces[m]; ok {
			p.Linef("import * as %s from %s;", alias, Quote(m))
		}
		var names []string
		for n := range im.named[m] {
			names = append(names, n)
		}
		sort.Slice(names, func(i, j int) bool {
			return strings.TrimPrefix(names[i], "type ") < strings.TrimPrefix(names[j], "type ")
		})
		def := im.defaults[m]
		switch {
		case def != "" && len(names) > 0:
			p.Value("import "+def+", ", namedList(names), " from "+Quote(m)+";")
		case def != "":
			p.Linef("import %s from %s;", def, Quote(m))
		case len(names) > 0:
			p.Value("import ", namedList(names), " from "+Quote(m)+";")
		}
	}
}

// namedList is the `{ a, b }` of an import, wrapping one name per line when long.
type namedList []string

func (n namedList) inline() string { return "{ " + strings.Join(n, ", ") + " }" }
func (n namedList) block(p *Printer, head, tail string) {
	p.Line(head + "{")
	p.Indent()
	for _, x := range n {
		p.Line(x + ",")
	}
	p.Outdent()
	p.Line("}" + tail)
}

// NamespaceAlias returns the alias of `import * as alias from module`, or "".
func (im *Imports) NamespaceAlias(module string) string {
	im.init()
	return im.namespaces[module]
}
