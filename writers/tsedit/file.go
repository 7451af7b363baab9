package tsedit

import (
	"fmt"
	"sort"
	"strings"
)

// File is scanned source with its significant tokens (comments left out)
// and the matching bracket of each bracket token.
type File struct {
	Src string
	// All holds every token, comments included; Toks only the others.
	All  []Token
	Toks []Token
	// match[i] is the index in Toks of the bracket matching Toks[i], or -1.
	match []int
	// lineStarts are the byte offsets where lines begin.
	lineStarts []int
}

// Parse scans src and matches its brackets. Unbalanced brackets are a
// *SyntaxError at the offending token.
func Parse(src string) (*File, error) {
	all, err := Scan(src)
	if err != nil {
		return nil, err
	}
	f := &File{Src: src, All: all, Toks: make([]Token, 0, len(all))}
	for _, t := range all {
		if t.Kind != Comment {
			f.Toks = append(f.Toks, t)
		}
	}
	f.lineStarts = []int{0}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			f.lineStarts = append(f.lineStarts, i+1)
		}
	}
	f.match = make([]int, len(f.Toks))
	var stack []int
	for i, t := range f.Toks {
		f.match[i] = -1
		open, close := bracketRole(t)
		if close {
			if len(stack) == 0 {
				return nil, &SyntaxError{Line: t.Line, Col: t.Col, Msg: fmt.Sprintf("unexpected %q", closeText(t))}
			}
			j := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if !pairs(f.Toks[j], t) {
				return nil, &SyntaxError{Line: t.Line, Col: t.Col, Msg: fmt.Sprintf("%q does not close %q opened at %d:%d", closeText(t), openText(f.Toks[j]), f.Toks[j].Line, f.Toks[j].Col)}
			}
			f.match[i], f.match[j] = j, i
		}
		if open {
			stack = append(stack, i)
		}
	}
	if len(stack) > 0 {
		t := f.Toks[stack[len(stack)-1]]
		return nil, &SyntaxError{Line: t.Line, Col: t.Col, Msg: fmt.Sprintf("%q is never closed", openText(t))}
	}
	return f, nil
}

// bracketRole says whether a token opens and/or closes a bracket pair. A
// template middle chunk "}...${" does both.
func bracketRole(t Token) (open, close bool) {
	switch t.Kind {
	case Punct:
		switch t.Text {
		case "(", "[", "{":
			return true, false
		case ")", "]", "}":
			return false, true
		}
	case Template:
		return strings.HasSuffix(t.Text, "${"), strings.HasPrefix(t.Text, "}")
	}
	return false, false
}

func openText(t Token) string {
	if t.Kind == Template {
		return "${"
	}
	return t.Text
}

func closeText(t Token) string {
	if t.Kind == Template {
		return "}"
	}
	return t.Text
}

func pairs(open, close Token) bool {
	if open.Kind == Template || close.Kind == Template {
		return open.Kind == Template && close.Kind == Template
	}
	return open.Text == "(" && close.Text == ")" || open.Text == "[" && close.Text == "]" || open.Text == "{" && close.Text == "}"
}

// Match returns the index of the bracket matching Toks[i], or -1.
func (f *File) Match(i int) int {
	if i < 0 || i >= len(f.match) {
		return -1
	}
	return f.match[i]
}

// Text returns the source from the start of Toks[i] to the end of Toks[j]
// (inclusive), comments and layout included.
func (f *File) Text(i, j int) string {
	if i > j || i < 0 || j >= len(f.Toks) {
		return ""
	}
	return f.Src[f.Toks[i].Off:f.Toks[j].End]
}

// At reports whether the tokens from index i spell the given texts
// (punctuation or identifiers).
func (f *File) At(i int, texts ...string) bool {
	for k, s := range texts {
		if i+k >= len(f.Toks) || !f.Toks[i+k].Is(s) {
			return false
		}
	}
	return true
}

// Tok returns Toks[i], or a zero token when i is out of range.
func (f *File) Tok(i int) Token {
	if i < 0 || i >= len(f.Toks) {
		return Token{Kind: -1}
	}
	return f.Toks[i]
}

// LineStart returns the offset where the line holding off begins.
func (f *File) LineStart(off int) int {
	i := sort.Search(len(f.lineStarts), func(i int) bool { return f.lineStarts[i] > off })
	return f.lineStarts[i-1]
}

// Indent returns the whitespace that starts the line holding off.
func (f *File) Indent(off int) string {
	start := f.LineStart(off)
	end := start
	for end < len(f.Src) && (f.Src[end] == ' ' || f.Src[end] == '\t') {
		end++
	}
	return f.Src[start:end]
}

// Span is a range of significant tokens, Toks[From:To].
type Span struct{ From, To int }

// Len is the number of tokens in the span.
func (s Span) Len() int { return s.To - s.From }

// Statements splits Toks[from:to] into statements at top-level semicolons
// and at line breaks where automatic semicolon insertion would end one (the
// line ends with a value and the next line does not continue it). A
// block-bodied statement (if, for, function, class) ends at its closing
// brace. The semicolon is included in its statement.
func (f *File) Statements(from, to int) []Span {
	var out []Span
	start := from
	for i := from; i < to; i++ {
		t := f.Toks[i]
		if i > start && t.NewlineBefore && f.endsStatement(i-1) && !f.continues(i) {
			out = append(out, Span{start, i})
			start = i
		}
		if m := f.Match(i); m > i {
			// A closing brace of a block ends the statement when a new
			// line follows (handled on the next token); skip the inside.
			i = m
			continue
		}
		if t.Is(";") {
			out = append(out, Span{start, i + 1})
			start = i + 1
		}
	}
	if start < to {
		out = append(out, Span{start, to})
	}
	return out
}

// endsStatement reports whether Toks[i] can end an expression statement.
func (f *File) endsStatement(i int) bool {
	t := f.Toks[i]
	switch t.Kind {
	case Ident, Number, String, Regex:
		return true
	case Template:
		return strings.HasSuffix(t.Text, "`")
	case Punct:
		switch t.Text {
		case ")", "]", "}", "++", "--", "!":
			return true
		}
	}
	return false
}

// continues reports whether Toks[i], first on its line, continues the
// expression of the line before.
func (f *File) continues(i int) bool {
	t := f.Toks[i]
	switch t.Kind {
	case Punct:
		switch t.Text {
		case "(", "[", "{", "!", "~", "++", "--":
			// `(`/`[` on a new line continue in JavaScript, but Amplify
			// code never relies on that, and splitting is the safe reading
			// for a rewrite that only recognises whole statements.
			return false
		}
		return true
	case Ident:
		switch t.Text {
		case "else", "catch", "finally", "as", "satisfies", "in", "instanceof":
			return true
		}
	case Template:
		return strings.HasPrefix(t.Text, "}")
	}
	return false
}

// Edit replaces Src[Off:End] with Text (an insertion when Off == End).
type Edit struct {
	Off, End int
	Text     string
}

// Editor collects edits to a source and applies them at once.
type Editor struct {
	src   string
	edits []Edit
}

// NewEditor returns an editor for src.
func NewEditor(src string) *Editor { return &Editor{src: src} }

// Replace replaces src[off:end] with text.
func (e *Editor) Replace(off, end int, text string) {
	e.edits = append(e.edits, Edit{Off: off, End: end, Text: text})
}

// Insert inserts text at off; insertions at the same offset keep their order.
func (e *Editor) Insert(off int, text string) { e.Replace(off, off, text) }

// Apply returns the edited source. Overlapping replacements are an error:
// they mean two rewrites claimed the same code.
func (e *Editor) Apply() (string, error) {
	edits := append([]Edit(nil), e.edits...)
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].Off != edits[j].Off {
			return edits[i].Off < edits[j].Off
		}
		// Insertions go before a replacement that starts at the same place.
		return edits[i].Off == edits[i].End && edits[j].Off != edits[j].End
	})
	var b strings.Builder
	pos := 0
	for _, ed := range edits {
		if ed.Off < pos {
			return "", fmt.Errorf("overlapping edits at byte %d", ed.Off)
		}
		b.WriteString(e.src[pos:ed.Off])
		b.WriteString(ed.Text)
		pos = ed.End
	}
	b.WriteString(e.src[pos:])
	return b.String(), nil
}
