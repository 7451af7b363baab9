// Package tsedit reads TypeScript source as a list of tokens and applies
// edits to it by byte range.
//
// It exists so that user-written TypeScript (custom CDK stacks, override.ts)
// can be rewritten with an understanding of its structure instead of with
// regular expressions over the text: the scanner knows string literals,
// comments, template literals (with nested `${}` expressions) and regular
// expression literals, so a word inside any of them is never mistaken for
// code. It is not a parser; callers match token shapes (a call, a member
// chain, a statement) with the helpers here and leave anything they do not
// recognise untouched.
package tsedit

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is the kind of a token.
type Kind int

const (
	// Ident is an identifier or keyword.
	Ident Kind = iota
	// Number is a numeric literal.
	Number
	// String is a '...' or "..." literal (Text includes the quotes).
	String
	// Template is a whole template literal without substitutions, or one
	// chunk of one with substitutions: the head "`...${", a middle
	// "}...${" or the tail "}...`".
	Template
	// Regex is a regular expression literal.
	Regex
	// Punct is an operator or punctuation.
	Punct
	// Comment is a // or /* */ comment.
	Comment
)

func (k Kind) String() string {
	switch k {
	case Ident:
		return "identifier"
	case Number:
		return "number"
	case String:
		return "string"
	case Template:
		return "template"
	case Regex:
		return "regex"
	case Punct:
		return "punctuation"
	case Comment:
		return "comment"
	}
	return "token"
}

// Token is one token with its byte range and 1-based position.
type Token struct {
	Kind Kind
	Text string
	// Off and End are byte offsets into the source: Text == src[Off:End].
	Off, End int
	Line     int
	Col      int
	// NewlineBefore reports a line break between this token and the one
	// before it (comments included).
	NewlineBefore bool
}

// Is reports whether the token is the punctuation or identifier s.
func (t Token) Is(s string) bool { return (t.Kind == Punct || t.Kind == Ident) && t.Text == s }

// SyntaxError is a token that could not be read, with its position.
type SyntaxError struct {
	Line, Col int
	Msg       string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// puncts are the multi-character operators, longest first.
var puncts = []string{
	">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=",
	"=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=",
	"%=", "&=", "|=", "^=", "**", "<<", ">>",
}

// regexAfter are the keywords after which a slash starts a regular expression.
var regexAfter = map[string]bool{
	"return": true, "typeof": true, "case": true, "in": true, "of": true, "new": true, "delete": true,
	"void": true, "throw": true, "instanceof": true, "yield": true, "await": true, "do": true, "else": true,
}

// Scan splits src into tokens. Whitespace is dropped; comments are kept as
// tokens so that callers can carry them. An unterminated string, comment or
// template literal is a *SyntaxError.
func Scan(src string) ([]Token, error) {
	s := &scanner{src: src, line: 1, col: 1, toks: make([]Token, 0, len(src)/5+8)}
	return s.run()
}

type scanner struct {
	src       string
	pos       int
	line, col int
	toks      []Token
	nl        bool
	// braces holds, for each open "{" or "${", whether it was a template
	// substitution, so that the matching "}" knows to resume the template.
	braces []bool
}

func (s *scanner) errorf(line, col int, format string, args ...any) error {
	return &SyntaxError{Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// advance moves past n bytes, keeping line and column.
func (s *scanner) advance(n int) {
	for i := 0; i < n && s.pos < len(s.src); {
		r, w := utf8.DecodeRuneInString(s.src[s.pos:])
		s.pos += w
		i += w
		if r == '\n' {
			s.line++
			s.col = 1
		} else {
			s.col++
		}
	}
}

func (s *scanner) emit(k Kind, start, line, col int) {
	s.toks = append(s.toks, Token{Kind: k, Text: s.src[start:s.pos], Off: start, End: s.pos, Line: line, Col: col, NewlineBefore: s.nl})
	s.nl = false
}

// lastSignificant returns the last token that is not a comment.
func (s *scanner) lastSignificant() (Token, bool) {
	for i := len(s.toks) - 1; i >= 0; i-- {
		if s.toks[i].Kind != Comment {
			return s.toks[i], true
		}
	}
	return Token{}, false
}

func (s *scanner) slashStartsRegex() bool {
	t, ok := s.lastSignificant()
	if !ok {
		return true
	}
	switch t.Kind {
	case Number, String, Regex:
		return false
	case Template:
		return !strings.HasSuffix(t.Text, "`")
	case Ident:
		return regexAfter[t.Text]
	case Punct:
		switch t.Text {
		case ")", "]", "}", "++", "--":
			return false
		}
		return true
	}
	return true
}

func (s *scanner) run() ([]Token, error) {
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		line, col, start := s.line, s.col, s.pos
		switch {
		case c == '\n':
			s.nl = true
			s.advance(1)
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			s.advance(1)
		case strings.HasPrefix(s.src[s.pos:], "//"):
			end := strings.IndexByte(s.src[s.pos:], '\n')
			if end < 0 {
				end = len(s.src) - s.pos
			}
			s.advance(end)
			s.emit(Comment, start, line, col)
		case strings.HasPrefix(s.src[s.pos:], "/*"):
			end := strings.Index(s.src[s.pos+2:], "*/")
			if end < 0 {
				return s.toks, s.errorf(line, col, "unterminated /* comment")
			}
			s.advance(end + 4)
			s.emit(Comment, start, line, col)
		case c == '\'' || c == '"':
			if err := s.quoted(c); err != nil {
				return s.toks, err
			}
			s.emit(String, start, line, col)
		case c == '`':
			s.advance(1)
			if err := s.templateChunk(start, line, col); err != nil {
				return s.toks, err
			}
		case c == '}' && len(s.braces) > 0 && s.braces[len(s.braces)-1]:
			s.braces = s.braces[:len(s.braces)-1]
			s.advance(1)
			if err := s.templateChunk(start, line, col); err != nil {
				return s.toks, err
			}
		case c >= '0' && c <= '9' || (c == '.' && s.pos+1 < len(s.src) && s.src[s.pos+1] >= '0' && s.src[s.pos+1] <= '9'):
			s.number()
			s.emit(Number, start, line, col)
		case c == '/' && s.slashStartsRegex():
			if err := s.regex(); err != nil {
				return s.toks, err
			}
			s.emit(Regex, start, line, col)
		case isIdentStart(s.src[s.pos:]):
			_, w := utf8.DecodeRuneInString(s.src[s.pos:])
			s.advance(w)
			for s.pos < len(s.src) && isIdentPart(s.src[s.pos:]) {
				_, w := utf8.DecodeRuneInString(s.src[s.pos:])
				s.advance(w)
			}
			s.emit(Ident, start, line, col)
		default:
			n := 1
			for _, p := range puncts {
				if strings.HasPrefix(s.src[s.pos:], p) {
					n = len(p)
					break
				}
			}
			// "?." followed by a digit is a conditional and a number.
			if n == 2 && s.src[s.pos:s.pos+2] == "?." && s.pos+2 < len(s.src) && s.src[s.pos+2] >= '0' && s.src[s.pos+2] <= '9' {
				n = 1
			}
			switch c {
			case '{':
				s.braces = append(s.braces, false)
			case '}':
				if len(s.braces) > 0 {
					s.braces = s.braces[:len(s.braces)-1]
				}
			}
			_, w := utf8.DecodeRuneInString(s.src[s.pos:])
			if w > n {
				n = w
			}
			s.advance(n)
			s.emit(Punct, start, line, col)
		}
	}
	for _, tmpl := range s.braces {
		if tmpl {
			return s.toks, s.errorf(s.line, s.col, "unterminated template literal substitution")
		}
	}
	return s.toks, nil
}

func (s *scanner) quoted(q byte) error {
	line, col := s.line, s.col
	s.advance(1)
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch c {
		case '\\':
			s.advance(2)
		case q:
			s.advance(1)
			return nil
		case '\n':
			return s.errorf(line, col, "unterminated string literal")
		default:
			s.advance(1)
		}
	}
	return s.errorf(line, col, "unterminated string literal")
}

// templateChunk reads template text after "`" or after the "}" closing a
// substitution, up to the closing "`" or the next "${".
func (s *scanner) templateChunk(start, line, col int) error {
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch {
		case c == '\\':
			s.advance(2)
		case c == '`':
			s.advance(1)
			s.emit(Template, start, line, col)
			return nil
		case c == '$' && s.pos+1 < len(s.src) && s.src[s.pos+1] == '{':
			s.advance(2)
			s.braces = append(s.braces, true)
			s.emit(Template, start, line, col)
			return nil
		default:
			s.advance(1)
		}
	}
	return s.errorf(line, col, "unterminated template literal")
}

func (s *scanner) number() {
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		if c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.' || c == '_' {
			s.advance(1)
			continue
		}
		if (c == '+' || c == '-') && s.pos > 0 && (s.src[s.pos-1] == 'e' || s.src[s.pos-1] == 'E') &&
			!strings.HasPrefix(strings.ToLower(s.src[:s.pos]), "0x") {
			s.advance(1)
			continue
		}
		return
	}
}

func (s *scanner) regex() error {
	line, col := s.line, s.col
	s.advance(1)
	inClass := false
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch {
		case c == '\\':
			s.advance(2)
		case c == '\n':
			return s.errorf(line, col, "unterminated regular expression")
		case c == '[':
			inClass = true
			s.advance(1)
		case c == ']':
			inClass = false
			s.advance(1)
		case c == '/' && !inClass:
			s.advance(1)
			for s.pos < len(s.src) && isIdentPart(s.src[s.pos:]) {
				s.advance(1)
			}
			return nil
		default:
			s.advance(1)
		}
	}
	return s.errorf(line, col, "unterminated regular expression")
}

func isIdentStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == '_' || r == '$' || r == '#' || unicode.IsLetter(r)
}

func isIdentPart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == '_' || r == '$' || unicode.IsLetter(r) || unicode.IsDigit(r)
}
