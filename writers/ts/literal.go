package ts

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Quote returns s as a single-quoted TypeScript string literal. Quotes,
// backslashes, line terminators and other control characters are escaped, so
// any Go string round-trips.
func Quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('\'')
	for i, w := 0, 0; i < len(s); i += w {
		r, width := utf8.DecodeRuneInString(s[i:])
		w = width
		switch {
		case r == utf8.RuneError && width == 1:
			fmt.Fprintf(&b, "\\x%02x", s[i])
		case r == '\'':
			b.WriteString(`\'`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == 0x2028 || r == 0x2029:
			fmt.Fprintf(&b, `\u%04x`, r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// QuoteFewest returns s as a string literal in the quotes that need no
// escaping when there is a choice: double quotes for "'*'", single quotes
// otherwise (the Quote default).
func QuoteFewest(s string) string {
	if !strings.Contains(s, "'") || strings.ContainsAny(s, "\"\\\n\r") {
		return Quote(s)
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == 0x2028 || r == 0x2029:
			fmt.Fprintf(&b, `\u%04x`, r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Template returns s as the inside of a template literal (without the
// backticks): backticks, backslashes and `${` are escaped.
func Template(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, "`", "\\`")
	return strings.ReplaceAll(s, "${", "\\${")
}

// reserved are words that cannot name a variable.
var reserved = map[string]bool{
	"break": true, "case": true, "catch": true, "class": true, "const": true, "continue": true,
	"debugger": true, "default": true, "delete": true, "do": true, "else": true, "enum": true,
	"export": true, "extends": true, "false": true, "finally": true, "for": true, "function": true,
	"if": true, "import": true, "in": true, "instanceof": true, "new": true, "null": true,
	"return": true, "super": true, "switch": true, "this": true, "throw": true, "true": true,
	"try": true, "typeof": true, "var": true, "void": true, "while": true, "with": true,
	"yield": true, "let": true, "static": true, "implements": true, "interface": true,
	"package": true, "private": true, "protected": true, "public": true, "await": true,
	"undefined": true, "NaN": true, "Infinity": true, "arguments": true, "eval": true,
}

// IsIdent reports whether s can be written as a bare identifier.
func IsIdent(s string) bool {
	if s == "" || reserved[s] {
		return false
	}
	for i, r := range s {
		if r == '_' || r == '$' || unicode.IsLetter(r) || (i > 0 && unicode.IsDigit(r)) {
			continue
		}
		return false
	}
	return true
}

// PropKey returns s as an object key: bare when it is an identifier name,
// quoted otherwise. Reserved words are valid property names and stay bare.
func PropKey(s string) string {
	if s != "" && (IsIdent(s) || reserved[s]) {
		return s
	}
	return Quote(s)
}

// Ident turns s into a valid identifier: characters that cannot appear are
// dropped (the next letter is upper-cased), a leading digit gets a "_", and a
// reserved word gets a trailing "_".
func Ident(s string) string {
	var b strings.Builder
	upper := false
	for _, r := range s {
		if r == '_' || r == '$' || unicode.IsLetter(r) || unicode.IsDigit(r) {
			if upper && b.Len() > 0 {
				r = unicode.ToUpper(r)
			}
			b.WriteRune(r)
			upper = false
			continue
		}
		upper = true
	}
	out := b.String()
	if out == "" {
		return "_"
	}
	if r, _ := utf8.DecodeRuneInString(out); unicode.IsDigit(r) {
		out = "_" + out
	}
	if reserved[out] {
		out += "_"
	}
	return out
}
