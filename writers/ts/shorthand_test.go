package ts

import "testing"

func TestShorthandEntry(t *testing.T) {
	p := New()
	p.Value("f(", Obj{{Shorthand: true, Value: Expr("schema")}, {Key: "name", Value: Str("x")}}, ");")
	if got, want := p.String(), "f({ schema, name: 'x' });\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}
