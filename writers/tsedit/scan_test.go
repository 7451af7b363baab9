package tsedit

import (
	"strings"
	"testing"
)

func kinds(toks []Token) string {
	var parts []string
	for _, t := range toks {
		parts = append(parts, t.Kind.String()[:3]+":"+t.Text)
	}
	return strings.Join(parts, " ")
}

func TestScan(t *testing.T) {
	cases := []struct {
		src  string
		want string
	}{
		{`a.b = 'x//y';`, `ide:a pun:. ide:b pun:= str:'x//y' pun:;`},
		{`x = "a\"b" // c`, `ide:x pun:= str:"a\"b" com:// c`},
		{"/* cdk.Fn.ref('env') */ y", `com:/* cdk.Fn.ref('env') */ ide:y`},
		{"`a${b + `c${d}`}e`", "tem:`a${ ide:b pun:+ tem:`c${ ide:d tem:}` tem:}e`"},
		{"`${ {a: 1}.a }`", "tem:`${ pun:{ ide:a pun:: num:1 pun:} pun:. ide:a tem:}`"},
		{`x = a / b / c`, `ide:x pun:= ide:a pun:/ ide:b pun:/ ide:c`},
		{`x = s.replace(/a\/b[/]/g, '')`, `ide:x pun:= ide:s pun:. ide:replace pun:( reg:/a\/b[/]/g pun:, str:'' pun:)`},
		{`return /x/.test(y)`, `ide:return reg:/x/ pun:. ide:test pun:( ide:y pun:)`},
		{`a?.b ?? c === d => e ...f`, `ide:a pun:?. ide:b pun:?? ide:c pun:=== ide:d pun:=> ide:e pun:... ide:f`},
		{`x ? .5 : 1e-3`, `ide:x pun:? num:.5 pun:: num:1e-3`},
		{`this.#p = 0x1F`, `ide:this pun:. ide:#p pun:= num:0x1F`},
	}
	for _, c := range cases {
		toks, err := Scan(c.src)
		if err != nil {
			t.Errorf("Scan(%q): %v", c.src, err)
			continue
		}
		if got := kinds(toks); got != c.want {
			t.Errorf("Scan(%q)\n got  %s\n want %s", c.src, got, c.want)
		}
		for _, tk := range toks {
			if c.src[tk.Off:tk.End] != tk.Text {
				t.Errorf("Scan(%q): token %q has range %d:%d", c.src, tk.Text, tk.Off, tk.End)
			}
		}
	}
}

func TestScanErrors(t *testing.T) {
	for _, src := range []string{"'abc", "x = \"a\nb\"", "/* never", "`abc", "`a${b", "x = /abc\n"} {
		if _, err := Scan(src); err == nil {
			t.Errorf("Scan(%q): no error", src)
		} else if _, ok := err.(*SyntaxError); !ok {
			t.Errorf("Scan(%q): %T, want *SyntaxError", src, err)
		}
	}
}

func TestScanPositions(t *testing.T) {
	toks, err := Scan("a\n  bé c\n// x\nd")
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		line, col int
		nl        bool
	}{{1, 1, false}, {2, 3, true}, {2, 6, false}, {3, 1, true}, {4, 1, true}}
	for i, w := range want {
		if toks[i].Line != w.line || toks[i].Col != w.col || toks[i].NewlineBefore != w.nl {
			t.Errorf("token %d %q at %d:%d nl=%v, want %d:%d nl=%v", i, toks[i].Text, toks[i].Line, toks[i].Col, toks[i].NewlineBefore, w.line, w.col, w.nl)
		}
	}
}

func TestParseBrackets(t *testing.T) {
	f, err := Parse("f(a[1], {b: `x${c(d)}y`})")
	if err != nil {
		t.Fatal(err)
	}
	if m := f.Match(1); f.Toks[m].Text != ")" || m != len(f.Toks)-1 {
		t.Errorf("( matches %d %q", m, f.Tok(m).Text)
	}
	for _, src := range []string{"f(a]", "{", "a)", "`${a)}`"} {
		if _, err := Parse(src); err == nil {
			t.Errorf("Parse(%q): no error", src)
		}
	}
}

func TestStatements(t *testing.T) {
	src := `resources.userPool.policies = {
  passwordPolicy: { minimumLength: 10 }
}
resources.userPool.addPropertyOverride('A', 1); const x = a
  .b()
if (x) {
  y()
}
z = 1`
	f, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range f.Statements(0, len(f.Toks)) {
		got = append(got, f.Text(s.From, s.To-1))
	}
	want := []string{
		"resources.userPool.policies = {\n  passwordPolicy: { minimumLength: 10 }\n}",
		"resources.userPool.addPropertyOverride('A', 1);",
		"const x = a\n  .b()",
		"if (x) {\n  y()\n}",
		"z = 1",
	}
	if strings.Join(got, "\n---\n") != strings.Join(want, "\n---\n") {
		t.Errorf("statements:\n%s\nwant:\n%s", strings.Join(got, "\n---\n"), strings.Join(want, "\n---\n"))
	}
}

func TestEditor(t *testing.T) {
	e := NewEditor("hello world")
	e.Replace(6, 11, "there")
	e.Insert(0, ">> ")
	e.Insert(6, "big ")
	got, err := e.Apply()
	if err != nil || got != ">> hello big there" {
		t.Errorf("Apply = %q, %v", got, err)
	}
	e = NewEditor("abcdef")
	e.Replace(0, 3, "x")
	e.Replace(2, 4, "y")
	if _, err := e.Apply(); err == nil {
		t.Error("overlapping edits: no error")
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"a.b = 'c'", "`x${y}z`", "/re/g.test(a) / 2", "f({a: [1, 2]})", "// c\n/* d */"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		file, err := Parse(src)
		if err != nil {
			return
		}
		for _, tk := range file.All {
			if src[tk.Off:tk.End] != tk.Text {
				t.Fatalf("token %q has range %d:%d", tk.Text, tk.Off, tk.End)
			}
		}
		_ = file.Statements(0, len(file.Toks))
	})
}

func BenchmarkParse(b *testing.B) {
	src := strings.Repeat("const x = `a${b.c('d')}e` /* c */ + f(/re/g, { g: [1, 2] }); // t\n", 200)
	b.SetBytes(int64(len(src)))
	for i := 0; i < b.N; i++ {
		if _, err := Parse(src); err != nil {
			b.Fatal(err)
		}
	}
}
