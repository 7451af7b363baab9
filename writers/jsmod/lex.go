// Package jsmod reads and rewrites the module syntax of JavaScript and
// TypeScript files: which modules a file loads (require, import), how it
// exports (CommonJS exports or ES export), and the few mechanical edits a
// Gen 1 Lambda handler needs before esbuild bundles it as an ES module.
//
// It works on tokens, never on regular expressions over text: strings,
// template literals, comments and regular expression literals are skipped
// correctly, so that "require(" inside a string is not a require call.
// Edits replace token spans and keep every other byte of the file.
package jsmod

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is the kind of a token.
type Kind int

const (
	Ident Kind = iota
	Punct
	String   // '...' or "..."
	Template // a whole template literal, `...${...}...`
	Number
	Regex
	Comment
)

// Token is one token of a source file. Whitespace is not a token; Start and
// End are byte offsets, Line is 1-based.
type Token struct {
	Kind  Kind
	Text  string
	Start int
	End   int
	Line  int
	// NewlineBefore reports whether a line break separates the token from
	// the previous one (for automatic semicolon insertion).
	NewlineBefore bool
}

// regexAfter are keywords after which a slash starts a regular expression.
var regexAfter = map[string]bool{
	"return": true, "typeof": true, "instanceof": true, "in": true, "of": true,
	"new": true, "delete": true, "void": true, "throw": true, "case": true,
	"do": true, "else": true, "yield": true, "await": true,
}

// Lex splits src into tokens. It never fails: an unterminated string or
// comment runs to the end of the file.
func Lex(src string) []Token {
	var toks []Token
	line := 1
	nl := false
	i := 0
	prevSignificant := func() *Token {
		for j := len(toks) - 1; j >= 0; j-- {
			if toks[j].Kind != Comment {
				return &toks[j]
			}
		}
		return nil
	}
	add := func(k Kind, start, end int) {
		toks = append(toks, Token{Kind: k, Text: src[start:end], Start: start, End: end, Line: line, NewlineBefore: nl})
		line += strings.Count(src[start:end], "\n")
		nl = false
	}
	for i < len(src) {
		c := src[i]
		switch {
		case c == '\n':
			line++
			nl = true
			i++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			i++
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			j := strings.IndexByte(src[i:], '\n')
			if j < 0 {
				j = len(src) - i
			}
			add(Comment, i, i+j)
			i += j
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			j := strings.Index(src[i+2:], "*/")
			end := len(src)
			if j >= 0 {
				end = i + 2 + j + 2
			}
			wasNL := nl
			add(Comment, i, end)
			nl = wasNL || strings.Contains(src[i:end], "\n")
			i = end
		case c == '\'' || c == '"':
			end := scanString(src, i)
			add(String, i, end)
			i = end
		case c == '`':
			end := scanTemplate(src, i)
			add(Template, i, end)
			i = end
		case c >= '0' && c <= '9' || (c == '.' && i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9'):
			j := i + 1
			for j < len(src) && (isIdentByte(src[j]) || src[j] == '.') {
				j++
			}
			add(Number, i, j)
			i = j
		case c == '/':
			p := prevSignificant()
			if slashStartsRegex(p) {
				end := scanRegex(src, i)
				add(Regex, i, end)
				i = end
			} else {
				end := i + 1
				if end < len(src) && src[end] == '=' {
					end++
				}
				add(Punct, i, end)
				i = end
			}
		case isIdentStart(src, i):
			j := i
			if src[i] == '#' {
				j++ // a private name, #field
			}
			for j < len(src) {
				r, w := utf8.DecodeRuneInString(src[j:])
				if r == '_' || r == '$' || unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\\' {
					j += w
					continue
				}
				break
			}
			if j == i {
				j = i + 1
			}
			add(Ident, i, j)
			i = j
		default:
			end := i + punctLen(src[i:])
			add(Punct, i, end)
			i = end
		}
	}
	return toks
}

func slashStartsRegex(p *Token) bool {
	if p == nil {
		return true
	}
	switch p.Kind {
	case Number, String, Template, Regex:
		return false
	case Ident:
		return regexAfter[p.Text]
	case Punct:
		switch p.Text {
		case ")", "]", "}", "++", "--":
			return false
		}
	}
	return true
}

func isIdentByte(b byte) bool {
	return b == '_' || b == '$' || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
}

func isIdentStart(src string, i int) bool {
	r, _ := utf8.DecodeRuneInString(src[i:])
	return r == '_' || r == '$' || r == '#' && i+1 < len(src) && isIdentByte(src[i+1]) || unicode.IsLetter(r)
}

var puncts = []string{">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=",
	"=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "%=", "&=", "|=", "^=", "**", "<<", ">>"}

func punctLen(s string) int {
	for _, p := range puncts {
		if strings.HasPrefix(s, p) {
			// "?." followed by a digit is a conditional and a number.
			if p == "?." && len(s) > 2 && s[2] >= '0' && s[2] <= '9' {
				continue
			}
			return len(p)
		}
	}
	_, w := utf8.DecodeRuneInString(s)
	return w
}

func scanString(src string, i int) int {
	q := src[i]
	j := i + 1
	for j < len(src) {
		switch src[j] {
		case '\\':
			j += 2
			continue
		case q:
			return j + 1
		case '\n':
			return j
		}
		j++
	}
	return len(src)
}

// scanTemplate returns the end of the template literal starting at i,
// skipping nested expressions (which may hold strings, templates and braces).
func scanTemplate(src string, i int) int {
	j := i + 1
	for j < len(src) {
		switch src[j] {
		case '\\':
			j += 2
			continue
		case '`':
			return j + 1
		case '$':
			if j+1 < len(src) && src[j+1] == '{' {
				j = scanExpr(src, j+2)
				continue
			}
		}
		j++
	}
	return len(src)
}

// scanExpr skips a template expression up to and including its closing brace.
func scanExpr(src string, j int) int {
	depth := 0
	for j < len(src) {
		switch c := src[j]; c {
		case '\'', '"':
			j = scanString(src, j)
			continue
		case '`':
			j = scanTemplate(src, j)
			continue
		case '{':
			depth++
		case '}':
			if depth == 0 {
				return j + 1
			}
			depth--
		case '/':
			if j+1 < len(src) && src[j+1] == '/' {
				k := strings.IndexByte(src[j:], '\n')
				if k < 0 {
					return len(src)
				}
				j += k
				continue
			}
			if j+1 < len(src) && src[j+1] == '*' {
				k := strings.Index(src[j+2:], "*/")
				if k < 0 {
					return len(src)
				}
				j += 2 + k + 2
				continue
			}
		}
		j++
	}
	return len(src)
}

func scanRegex(src string, i int) int {
	j := i + 1
	inClass := false
	for j < len(src) {
		switch src[j] {
		case '\\':
			j += 2
			continue
		case '[':
			inClass = true
		case ']':
			inClass = false
		case '/':
			if !inClass {
				j++
				for j < len(src) && isIdentByte(src[j]) {
					j++
				}
				return j
			}
		case '\n':
			return j
		}
		j++
	}
	return len(src)
}

// StringValue returns the value of a string token, or of a template
// literal without substitutions; ok is false otherwise.
func StringValue(t Token) (string, bool) {
	switch t.Kind {
	case String:
		if len(t.Text) < 2 {
			return "", false
		}
		return unescape(t.Text[1 : len(t.Text)-1]), true
	case Template:
		if strings.Contains(t.Text, "${") || len(t.Text) < 2 {
			return "", false
		}
		return unescape(t.Text[1 : len(t.Text)-1]), true
	}
	return "", false
}

func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case '\n':
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
