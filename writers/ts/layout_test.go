package ts

import (
	"strings"
	"testing"
)

func TestQuoteEscapes(t *testing.T) {
	cases := map[string]string{
		"plain":          `'plain'`,
		"it's":           `'it\'s'`,
		`back\slash`:     `'back\\slash'`,
		"line\nbreak":    `'line\nbreak'`,
		"tab\there":      `'tab\there'`,
		"nul\x00":        `'nul\x00'`,
		"sep\u2028":      `'sep\u2028'`,
		"émoji 🎉":        `'émoji 🎉'`,
		"bad\xffutf8":    `'bad\xffutf8'`,
		"${notTemplate}": `'${notTemplate}'`,
	}
	for in, want := range cases {
		if got := Quote(in); got != want {
			t.Errorf("Quote(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestTemplateEscapes(t *testing.T) {
	if got := Template("a`b${c}\\d"); got != "a\\`b\\${c}\\\\d" {
		t.Errorf("Template = %s", got)
	}
}

func TestIdentAndPropKey(t *testing.T) {
	idents := map[string]string{
		"lognutrition":       "lognutrition",
		"my-func":            "myFunc",
		"1st":                "_1st",
		"delete":             "delete_",
		"":                   "_",
		"AdminQueriesa01158": "AdminQueriesa01158",
	}
	for in, want := range idents {
		if got := Ident(in); got != want {
			t.Errorf("Ident(%q) = %q, want %q", in, got, want)
		}
	}
	keys := map[string]string{"name": "name", "custom:x": `'custom:x'`, "delete": "delete", "a-b": `'a-b'`, "": `''`}
	for in, want := range keys {
		if got := PropKey(in); got != want {
			t.Errorf("PropKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestValueFitsOnOneLine(t *testing.T) {
	p := New()
	p.Value("export const auth = defineAuth(", Obj{{Key: "loginWith", Value: Obj{{Key: "email", Value: Bool(true)}}}}, ");")
	want := "export const auth = defineAuth({ loginWith: { email: true } });\n"
	if p.String() != want {
		t.Errorf("got %q, want %q", p.String(), want)
	}
}

func TestValueBreaksWhenLong(t *testing.T) {
	p := New()
	p.Value("export const auth = defineAuth(", Obj{
		{Key: "loginWith", Value: Obj{{Key: "email", Value: Obj{
			{Key: "verificationEmailSubject", Value: Str("Your verification code for the example application")},
			{Key: "verificationEmailBody", Value: Arrow{Params: "createCode", Body: Expr("`Your code is ${createCode()}`")}},
		}}}},
		{Key: "groups", Value: Strs("Admin", "Editors")},
	}, ");")
	want := `export const auth = defineAuth({
  loginWith: {
    email: {
      verificationEmailSubject: 'Your verification code for the example application',
      verificationEmailBody: (createCode) => ` + "`Your code is ${createCode()}`" + `,
    },
  },
  groups: ['Admin', 'Editors'],
});
`
	if p.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", p.String(), want)
	}
}

func TestTodoRecordsLine(t *testing.T) {
	p := New()
	p.Line("import x from 'y';")
	p.Blank()
	p.Value("const o = ", Obj{
		{Key: "a", Value: Num(1)},
		{Key: "b", Value: Num(2), Todo: "check b", TodoCode: "test.b"},
	}, ";")
	todos := p.Todos()
	if len(todos) != 1 {
		t.Fatalf("todos = %v", todos)
	}
	lines := strings.Split(p.String(), "\n")
	if got := lines[todos[0].Line-1]; !strings.Contains(got, TodoPrefix+": check b") {
		t.Errorf("line %d is %q, want the TODO", todos[0].Line, got)
	}
	if todos[0].Code != "test.b" {
		t.Errorf("code = %q", todos[0].Code)
	}
}

func TestChainKeepsShortLinksOnClosingLine(t *testing.T) {
	p := New()
	model := Chain{
		Base: Call{Fn: "a.model", Args: []Value{Obj{
			{Key: "title", Value: Expr("a.string().required()")},
			{Key: "content", Value: Expr("a.string()")},
			{Key: "blogPostsId", Value: Expr("a.id()")},
			{Key: "blog", Value: Expr("a.belongsTo('Blog', 'blogPostsId')")},
		}}},
		Links: []Value{Call{Fn: "authorization", Args: []Value{Arrow{Params: "allow", Body: Arr{Expr("allow.owner()")}}}}},
	}
	p.Value("Post: ", model, ",")
	want := `Post: a.model({
  title: a.string().required(),
  content: a.string(),
  blogPostsId: a.id(),
  blog: a.belongsTo('Blog', 'blogPostsId'),
}).authorization((allow) => [allow.owner()]),
`
	if p.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", p.String(), want)
	}
}

func TestImportsSorted(t *testing.T) {
	var im Imports
	im.Add("./auth/resource", "auth")
	im.Add("@aws-amplify/backend", "defineBackend", "secret")
	im.AddType("@aws-amplify/backend", "ClientSchema")
	im.Add("aws-cdk-lib/aws-iam", "PolicyStatement")
	p := New()
	im.Print(p)
	want := `import { type ClientSchema, defineBackend, secret } from '@aws-amplify/backend';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { auth } from './auth/resource';
`
	if p.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", p.String(), want)
	}
}

func TestCommentWraps(t *testing.T) {
	p := New()
	p.Comment(strings.Repeat("word ", 40))
	for _, l := range strings.Split(strings.TrimSpace(p.String()), "\n") {
		if len(l) > Width {
			t.Errorf("line longer than %d: %q", Width, l)
		}
		if !strings.HasPrefix(l, "// ") {
			t.Errorf("not a comment: %q", l)
		}
	}
}

func TestCallHugLast(t *testing.T) {
	p := New()
	p.Value("const t = ", Call{Fn: "new Table", HugLast: true, Args: []Value{Expr("stack"), Str("activity"), Obj{
		{Key: "partitionKey", Value: Obj{{Key: "name", Value: Str("id")}, {Key: "type", Value: Expr("AttributeType.STRING")}}},
		{Key: "billingMode", Value: Expr("BillingMode.PROVISIONED")},
		{Key: "readCapacity", Value: Num(5)},
	}}}, ";")
	want := `const t = new Table(stack, 'activity', {
  partitionKey: { name: 'id', type: AttributeType.STRING },
  billingMode: BillingMode.PROVISIONED,
  readCapacity: 5,
});
`
	if p.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", p.String(), want)
	}
	// Short calls stay on one line; without HugLast the layout is unchanged.
	p = New()
	p.Value("", Call{Fn: "f", HugLast: true, Args: []Value{Expr("a"), Obj{{Key: "b", Value: Num(1)}}}}, ";")
	if p.String() != "f(a, { b: 1 });\n" {
		t.Errorf("got %q", p.String())
	}
}

func TestQuoteFewest(t *testing.T) {
	for in, want := range map[string]string{
		"'*'":      `"'*'"`,
		"plain":    `'plain'`,
		`it's "x"`: `'it\'s "x"'`,
	} {
		if got := QuoteFewest(in); got != want {
			t.Errorf("QuoteFewest(%q) = %s, want %s", in, got, want)
		}
	}
}
