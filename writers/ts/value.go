package ts

import (
	"strconv"
	"strings"
)

// Value is a TypeScript expression that can lay itself out: on one line when
// it fits (inline), or across lines (block).
type Value interface {
	inline() string
	block(p *Printer, head, tail string)
}

// Expr is an expression written as is: `a.string().required()`, `branchName`.
type Expr string

func (e Expr) inline() string { return string(e) }
func (e Expr) block(p *Printer, head, tail string) {
	p.Line(head + string(e) + tail)
}

// Str is a string literal.
func Str(s string) Expr { return Expr(Quote(s)) }

// StrFewest is a string literal quoted with QuoteFewest.
func StrFewest(s string) Expr { return Expr(QuoteFewest(s)) }

// Num is a number literal.
func Num(n int) Expr { return Expr(strconv.Itoa(n)) }

// Float is a number literal with a fraction.
func Float(f float64) Expr { return Expr(strconv.FormatFloat(f, 'f', -1, 64)) }

// Bool is true or false.
func Bool(b bool) Expr { return Expr(strconv.FormatBool(b)) }

// Undefined is the undefined literal.
const Undefined = Expr("undefined")

// Entry is one member of an Obj. A Comment (or Todo) is written above it;
// an entry with only a comment is a comment line inside the object.
type Entry struct {
	Key     string
	Value   Value
	Comment string
	// Todo is written as a TODO comment above the entry, with TodoCode.
	Todo     string
	TodoCode string
	// Spread writes `...Value` instead of `Key: Value`.
	Spread bool
	// Shorthand writes the Value alone (`{ schema }`): for a key whose
	// value is an identifier of the same name.
	Shorthand bool
}

// Obj is an object literal whose members keep their order.
type Obj []Entry

// Set appends a member.
func (o *Obj) Set(key string, v Value) { *o = append(*o, Entry{Key: key, Value: v}) }

// Add appends a member with a comment above it.
func (o *Obj) Add(e Entry) { *o = append(*o, e) }

func (o Obj) inline() string {
	if len(o) == 0 {
		return "{}"
	}
	parts := make([]string, 0, len(o))
	for _, e := range o {
		if e.Value == nil {
			continue
		}
		parts = append(parts, e.head()+e.Value.inline())
	}
	return "{ " + strings.Join(parts, ", ") + " }"
}

func (e Entry) head() string {
	if e.Spread {
		return "..."
	}
	if e.Shorthand {
		return ""
	}
	return PropKey(e.Key) + ": "
}

func (o Obj) block(p *Printer, head, tail string) {
	if len(o) == 0 {
		p.Line(head + "{}" + tail)
		return
	}
	p.Line(head + "{")
	p.Indent()
	for _, e := range o {
		if e.Comment != "" {
			p.Comment(e.Comment)
		}
		if e.Todo != "" {
			p.Todo(e.TodoCode, e.Todo)
		}
		if e.Value != nil {
			p.Value(e.head(), e.Value, ",")
		}
	}
	p.Outdent()
	p.Line("}" + tail)
}

// Arr is an array literal.
type Arr []Value

func (a Arr) inline() string {
	parts := make([]string, len(a))
	for i, v := range a {
		parts[i] = v.inline()
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func (a Arr) block(p *Printer, head, tail string) {
	if len(a) == 0 {
		p.Line(head + "[]" + tail)
		return
	}
	p.Line(head + "[")
	p.Indent()
	for _, v := range a {
		p.Value("", v, ",")
	}
	p.Outdent()
	p.Line("]" + tail)
}

// Strs is an array of string literals.
func Strs(ss ...string) Arr {
	a := make(Arr, len(ss))
	for i, s := range ss {
		a[i] = Str(s)
	}
	return a
}

// Call is a function call whose arguments lay out like array items:
// Call{Fn: "defineAuth", Args: []Value{obj}}. A single object or arrow
// argument hugs the parentheses: `defineAuth({` ... `})`.
type Call struct {
	Fn   string
	Args []Value
	// HugLast lays out a call whose last argument is long the way
	// constructors read best: the leading arguments on the first line and
	// the last one opening there, `new Table(stack, 'id', {` ... `})`.
	HugLast bool
}

func (c Call) inline() string {
	parts := make([]string, len(c.Args))
	for i, v := range c.Args {
		parts[i] = v.inline()
	}
	return c.Fn + "(" + strings.Join(parts, ", ") + ")"
}

func (c Call) block(p *Printer, head, tail string) {
	if len(c.Args) == 1 {
		p.Value(head+c.Fn+"(", c.Args[0], ")"+tail)
		return
	}
	if c.HugLast && len(c.Args) > 1 {
		lead, ok := head+c.Fn+"(", true
		for _, a := range c.Args[:len(c.Args)-1] {
			s := a.inline()
			ok = ok && !hasComments(a) && !strings.Contains(s, "\n")
			lead += s + ", "
		}
		if ok && len(indentUnit)*p.depth+len(lead) <= Width {
			p.Value(lead, c.Args[len(c.Args)-1], ")"+tail)
			return
		}
	}
	p.Line(head + c.Fn + "(")
	p.Indent()
	for i, v := range c.Args {
		sep := ","
		if i == len(c.Args)-1 {
			sep = ""
		}
		p.Value("", v, sep)
	}
	p.Outdent()
	p.Line(")" + tail)
}

// Arrow is an arrow function with an expression body: `(allow) => [...]`.
type Arrow struct {
	Params string
	Body   Value
}

func (a Arrow) inline() string {
	body := a.Body.inline()
	if _, isObj := a.Body.(Obj); isObj {
		body = "(" + body + ")"
	}
	return "(" + a.Params + ") => " + body
}

func (a Arrow) block(p *Printer, head, tail string) {
	if _, isObj := a.Body.(Obj); isObj {
		p.Value(head+"("+a.Params+") => (", a.Body, ")"+tail)
		return
	}
	p.Value(head+"("+a.Params+") => ", a.Body, tail)
}

// Chain is a method chain whose links go one per line when it is long:
// base.link1().link2(). Each link is written with a leading dot.
type Chain struct {
	Base  Value
	Links []Value
}

func (c Chain) inline() string {
	var b strings.Builder
	b.WriteString(c.Base.inline())
	for _, l := range c.Links {
		b.WriteString(".")
		b.WriteString(l.inline())
	}
	return b.String()
}

func (c Chain) block(p *Printer, head, tail string) {
	if len(c.Links) == 0 {
		p.Value(head, c.Base, tail)
		return
	}
	// Short links follow the base's closing line: `}).authorization(...)`.
	var links strings.Builder
	for _, l := range c.Links {
		links.WriteString(".")
		links.WriteString(l.inline())
	}
	linksHaveComments := false
	for _, l := range c.Links {
		linksHaveComments = linksHaveComments || hasComments(l)
	}
	if !linksHaveComments && !strings.Contains(links.String(), "\n") &&
		len(indentUnit)*p.depth+2+links.Len()+len(tail) <= Width {
		p.Value(head, c.Base, links.String()+tail)
		return
	}
	// Otherwise one link per line, one level deeper.
	p.Value(head, c.Base, "")
	p.Indent()
	for i, l := range c.Links {
		t := ""
		if i == len(c.Links)-1 {
			t = tail
		}
		p.Value(".", l, t)
	}
	p.Outdent()
}

func hasComments(v Value) bool {
	switch x := v.(type) {
	case Obj:
		for _, e := range x {
			if e.Comment != "" || e.Todo != "" {
				return true
			}
			if e.Value != nil && hasComments(e.Value) {
				return true
			}
		}
	case Arr:
		for _, it := range x {
			if hasComments(it) {
				return true
			}
		}
	case Call:
		for _, it := range x.Args {
			if hasComments(it) {
				return true
			}
		}
	case Arrow:
		return hasComments(x.Body)
	case Chain:
		if hasComments(x.Base) {
			return true
		}
		for _, it := range x.Links {
			if hasComments(it) {
				return true
			}
		}
	}
	return false
}

// Render returns the one-line form of a value.
func Render(v Value) string { return v.inline() }

// Lines is a bracketed list of pre-rendered items: `{ a, b }` on one line,
// or one item per line (each followed by Sep) when it does not fit.
type Lines struct {
	Open, Close string
	Items       []string
	Sep         string
	// Pad puts spaces inside the brackets on one line: `{ a, b }`.
	Pad bool
}

func (l Lines) inline() string {
	inner := strings.Join(l.Items, l.Sep+" ")
	if l.Pad && inner != "" {
		return l.Open + " " + inner + " " + l.Close
	}
	return l.Open + inner + l.Close
}

func (l Lines) block(p *Printer, head, tail string) {
	p.Line(head + l.Open)
	p.Indent()
	for _, it := range l.Items {
		p.Line(it + l.Sep)
	}
	p.Outdent()
	p.Line(l.Close + tail)
}
