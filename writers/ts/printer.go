// Package ts prints TypeScript source: an indenting line printer, literal
// escaping, identifiers, import lists and a small tree of values (objects,
// arrays, calls) that lays itself out on one line when it fits and one entry
// per line when it does not.
//
// The printer makes no decisions about what to print; writers decide names,
// order and content, then hand them here. Nothing downstream reformats our
// output, so the layout is right by construction.
package ts

import (
	"bytes"
	"fmt"
	"strings"
)

// Width is the line width values try to fit into.
const Width = 100

// indentUnit is one level of indentation.
const indentUnit = "  "

// Todo is a TODO comment written by the printer: its 1-based line in the file
// and the text, so that MIGRATION.md can point at it.
type Todo struct {
	Line int
	Code string
	Text string
}

// TodoPrefix starts every TODO the converter writes, so that users can find
// them all with one search.
const TodoPrefix = "TODO(amplify-migrate)"

// Printer writes lines of TypeScript with indentation.
type Printer struct {
	buf    bytes.Buffer
	depth  int
	line   int // lines written so far
	todos  []Todo
	blank  bool // the last line written was blank
	opened bool // nothing written yet in the current block
}

// New returns an empty printer.
func New() *Printer { return &Printer{blank: true, opened: true} }

// Line writes text at the current indentation; each "\n" starts a new
// line at the same indentation.
func (p *Printer) Line(text string) {
	for _, l := range strings.Split(text, "\n") {
		p.writeLine(l)
	}
}

// Linef writes a formatted line (see fmt.Sprintf).
func (p *Printer) Linef(format string, args ...any) { p.Line(fmt.Sprintf(format, args...)) }

func (p *Printer) writeLine(l string) {
	if l == "" {
		p.buf.WriteByte('\n')
	} else {
		p.buf.WriteString(strings.Repeat(indentUnit, p.depth))
		p.buf.WriteString(l)
		p.buf.WriteByte('\n')
	}
	p.line++
	p.blank = l == ""
	p.opened = false
}

// Blank writes an empty line, unless the previous line was blank or a block
// has just been opened, so that callers can separate sections freely.
func (p *Printer) Blank() {
	if p.blank || p.opened {
		return
	}
	p.writeLine("")
}

// Indent and Outdent change the indentation of following lines.
func (p *Printer) Indent()  { p.depth++; p.opened = true }
func (p *Printer) Outdent() { p.depth-- }

// Block writes open, the body one level deeper, then close:
// p.Block("if (x) {", func() { ... }, "}").
func (p *Printer) Block(open string, body func(), close string) {
	p.Line(open)
	p.Indent()
	body()
	p.Outdent()
	p.Line(close)
}

// Comment writes text as // comments, wrapped to the line width. Paragraphs
// (separated by "\n") are kept.
func (p *Printer) Comment(text string) {
	for _, para := range strings.Split(text, "\n") {
		for _, l := range Wrap(para, Width-len(indentUnit)*p.depth-3) {
			if l == "" {
				p.writeLine("//")
			} else {
				p.writeLine("// " + l)
			}
		}
	}
}

// Todo writes a TODO comment and records its line. code is the finding code
// it belongs to (it may be empty).
func (p *Printer) Todo(code, text string) {
	p.todos = append(p.todos, Todo{Line: p.line + 1, Code: code, Text: text})
	p.Comment(TodoPrefix + ": " + text)
}

// Commented writes source code as comment lines, keeping its own
// indentation: for carrying code that cannot run yet (an override.ts body).
func (p *Printer) Commented(code string) {
	code = strings.TrimRight(strings.ReplaceAll(code, "\r\n", "\n"), "\n")
	for _, l := range strings.Split(code, "\n") {
		l = strings.TrimRight(l, " \t")
		if l == "" {
			p.writeLine("//")
		} else {
			p.writeLine("// " + l)
		}
	}
}

// Value writes a value tree (see Value), prefixed by head and followed by
// tail on its last line: p.Value("export const auth = defineAuth(", v, ");").
func (p *Printer) Value(head string, v Value, tail string) {
	avail := Width - len(indentUnit)*p.depth
	if !hasComments(v) {
		if one := v.inline(); len(head)+len(one)+len(tail) <= avail && !strings.Contains(one, "\n") {
			p.Line(head + one + tail)
			return
		}
	}
	v.block(p, head, tail)
}

// Bytes returns what was written.
func (p *Printer) Bytes() []byte { return p.buf.Bytes() }

// String returns what was written.
func (p *Printer) String() string { return p.buf.String() }

// Todos returns the TODOs written, in order.
func (p *Printer) Todos() []Todo { return p.todos }

// Lines returns the number of lines written.
func (p *Printer) Lines() int { return p.line }

// Wrap splits text into lines of at most width characters at spaces; words
// longer than width stay whole.
func Wrap(text string, width int) []string {
	if width < 20 {
		width = 20
	}
	words := strings.Fields(text)
	if len(words) == 0 {
		return []string{""}
	}
	var lines []string
	cur := words[0]
	for _, w := range words[1:] {
		if len(cur)+1+len(w) > width {
			lines = append(lines, cur)
			cur = w
			continue
		}
		cur += " " + w
	}
	return append(lines, cur)
}
