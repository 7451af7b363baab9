package writers

import (
	"sort"

	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

// Section orders in amplify/backend.ts: each category writes its CDK code in
// its own section, in this order.
const (
	OrderPrelude   = 0 // shared constants such as branchName
	OrderAuth      = 10
	OrderData      = 20
	OrderStorage   = 30
	OrderFunctions = 40
	OrderREST      = 50
	OrderCustom    = 60
	OrderOther     = 70
	OrderOverrides = 80
	OrderUnhandled = 90
	OrderProject   = 100
)

// Backend collects amplify/backend.ts: imports, the resources passed to
// defineBackend, and sections of code that run after it.
type Backend struct {
	Imports  ts.Imports
	entries  []backendEntry
	sections []section
	branch   bool
}

type backendEntry struct {
	key, ident, module string
	order              int
}

type section struct {
	order int
	seq   int
	title string
	body  func(p *ts.Printer)
}

// Resource passes a define* resource to defineBackend under key, importing
// ident from module (relative to amplify/). order groups entries: auth, data
// and storage first, then functions.
func (b *Backend) Resource(order int, key, ident, module string) {
	for _, e := range b.entries {
		if e.key == key {
			return
		}
	}
	b.entries = append(b.entries, backendEntry{key: key, ident: ident, module: module, order: order})
	b.Imports.Add(module, ident)
}

// HasResource reports whether key was passed to defineBackend.
func (b *Backend) HasResource(key string) bool {
	for _, e := range b.entries {
		if e.key == key {
			return true
		}
	}
	return false
}

// Add appends a section of code, written after defineBackend with title as
// a comment above it.
func (b *Backend) Add(order int, title string, body func(p *ts.Printer)) {
	b.sections = append(b.sections, section{order: order, seq: len(b.sections), title: title, body: body})
}

// BranchName makes backend.ts declare `branchName`, the Gen 2 branch (or
// "sandbox"), which stands where Gen 1 used the environment name; it returns
// the identifier to use.
func (b *Backend) BranchName() string {
	b.branch = true
	return "branchName"
}

// BranchNameDecl is the declaration BranchName relies on, for other files
// that need the branch name too.
const BranchNameDecl = "const branchName = process.env.AWS_BRANCH ?? 'sandbox';"

// print writes backend.ts.
func (b *Backend) print() *ts.Printer {
	p := ts.New()
	b.Imports.Add("@aws-amplify/backend", "defineBackend")
	b.Imports.Print(p)
	p.Blank()
	if b.branch {
		p.Comment("Gen 1 put the environment name in resource names; Gen 2 uses the branch.")
		p.Line(BranchNameDecl)
		p.Blank()
	}
	entries := append([]backendEntry(nil), b.entries...)
	sort.SliceStable(entries, func(i, j int) bool {
		if entries[i].order != entries[j].order {
			return entries[i].order < entries[j].order
		}
		return entries[i].key < entries[j].key
	})
	obj := ts.Obj{}
	for _, e := range entries {
		if e.key == e.ident {
			obj.Add(ts.Entry{Key: e.key, Value: ts.Expr(e.ident)})
			continue
		}
		obj.Set(e.key, ts.Expr(e.ident))
	}
	p.Value("const backend = defineBackend(", shorthandObj(obj).value(), ");")
	sections := append([]section(nil), b.sections...)
	sort.SliceStable(sections, func(i, j int) bool {
		if sections[i].order != sections[j].order {
			return sections[i].order < sections[j].order
		}
		return sections[i].seq < sections[j].seq
	})
	for _, s := range sections {
		p.Blank()
		if s.title != "" {
			p.Comment(s.title)
		}
		s.body(p)
	}
	return p
}

// shorthandObj prints `{ auth, data }` where keys equal their values.
type shorthandObj ts.Obj

func (o shorthandObj) parts() []string {
	var parts []string
	for _, e := range o {
		v := ""
		if e.Value != nil {
			v = ts.Render(e.Value)
		}
		if v == e.Key {
			parts = append(parts, e.Key)
		} else {
			parts = append(parts, ts.PropKey(e.Key)+": "+v)
		}
	}
	return parts
}

func (o shorthandObj) value() ts.Value {
	parts := o.parts()
	if len(parts) == 0 {
		return ts.Expr("{}")
	}
	return ts.Lines{Open: "{", Items: parts, Close: "}", Sep: ",", Pad: true}
}

// writeBackend prints backend.ts.
func (g *gen) writeBackend() {
	g.addTS("amplify/backend.ts", g.backend.print())
}
