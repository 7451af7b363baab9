package readers

import (
	"reflect"
	"strings"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/amplify-migrate/amplify-migrate/model"
)

func mustParse(t *testing.T, s string) *jsonDoc {
	t.Helper()
	d, diag := parseJSON("f.json", []byte(s))
	if diag != nil {
		t.Fatalf("parse: %s", diag.Error())
	}
	return d
}

func TestParseJSONErrors(t *testing.T) {
	tests := []struct {
		in        string
		line, col int
		summary   string
	}{
		{"{\n  \"a\": 1,\n  \"b\": 2\n  \"c\": 3\n}", 4, 3, "invalid JSON: invalid character '\"' after object key:value pair"},
		{"{\"a\": [1, 2,]}", 1, 13, "invalid JSON"},
		{"{\"a\": tru}", 1, 10, "invalid JSON"},
		{"{\"a\": 1", 1, 7, "invalid JSON"},
		{"", 1, 0, "file is empty"},
		{"\xef\xbb\xbf", 1, 0, "file is empty"},
		{"{}\n<<<<<<< HEAD\n", 2, 1, "unresolved git merge conflict"},
		{strings.Repeat("{\"a\":", 70) + "1" + strings.Repeat("}", 70), 1, 321, "nests more than 64 levels"},
	}
	for _, tt := range tests {
		_, diag := parseJSON("f.json", []byte(tt.in))
		if diag == nil {
			t.Errorf("%q: no diagnostic", tt.in)
			continue
		}
		if diag.Severity != model.Error || diag.Pos.File != "f.json" || diag.Pos.Line != tt.line || diag.Pos.Col != tt.col ||
			!strings.Contains(diag.Summary, tt.summary) || diag.Detail == "" {
			t.Errorf("%q: got %s (line %d col %d), want %q at %d:%d", tt.in, diag.Error(), diag.Pos.Line, diag.Pos.Col, tt.summary, tt.line, tt.col)
		}
	}
	// Brackets and markers inside strings are not structure.
	mustParse(t, `{"a": "[[[[<<<<<<< {{{{", "b": "\"]]"}`)
}

func TestPositions(t *testing.T) {
	d := mustParse(t, "\xef\xbb\xbf{\n  \"auth\": {\n    \"x.y\": {\"service\": \"Cognito\"}\n  },\n  \"list\": [1, {\"k\": true}]\n}")
	v, pos := d.Get(joinPath(joinPath("auth", "x.y"), "service"))
	if v.String() != "Cognito" || pos.Line != 3 || pos.Col != 24 || pos.Path != `auth.x\.y.service` {
		t.Errorf("got %q at %+v", v.String(), pos)
	}
	_, pos = d.Get(indexPath("list", 1) + ".k")
	if pos.Line != 5 || pos.Col != 21 {
		t.Errorf("array element at %+v", pos)
	}
	_, pos = d.Get("missing.key")
	if pos.Line != 0 || pos.File != "f.json" || pos.Path != "missing.key" {
		t.Errorf("missing value at %+v", pos)
	}
	if ps := d.positions("auth"); ps["x.y"].Line != 3 || ps["x.y"].Path != `auth.x\.y` {
		t.Errorf("positions = %+v", ps)
	}
}

func TestJoinPathEscapes(t *testing.T) {
	d := mustParse(t, `{"storage": {"Meal:@model(appsync)": ["read"], "a.b": 1, "q?": 2, "x*y": 3, "h#": 4}}`)
	for key, want := range map[string]string{"Meal:@model(appsync)": `["read"]`, "a.b": "1", "q?": "2", "x*y": "3", "h#": "4"} {
		if got := d.root.Get(joinPath("storage", key)).Raw; got != want {
			t.Errorf("%q: got %q, want %q", key, got, want)
		}
	}
}

func TestQuirkHelpers(t *testing.T) {
	get := func(s string) gjson.Result { return gjson.Parse(s) }
	ints := []struct {
		in   string
		n    int
		isOK bool
	}{{`30`, 30, true}, {`"30"`, 30, true}, {`" 7 "`, 7, true}, {`30.5`, 0, false}, {`"x"`, 0, false}, {`null`, 0, false}, {`true`, 0, false}}
	for _, tt := range ints {
		if n, ok := asInt(get(tt.in)); n != tt.n || ok != tt.isOK {
			t.Errorf("asInt(%s) = %d %v", tt.in, n, ok)
		}
	}
	bools := []struct {
		in       string
		b, isSet bool
	}{{`true`, true, true}, {`false`, false, true}, {`"true"`, true, true}, {`"False"`, false, true}, {`"yes"`, false, false}, {`1`, false, false}}
	for _, tt := range bools {
		if b, ok := asBool(get(tt.in)); b != tt.b || ok != tt.isSet {
			t.Errorf("asBool(%s) = %v %v", tt.in, b, ok)
		}
	}
	lists := map[string][]string{
		`["email"]`:                   {"email"},
		`["email, phone_number"]`:     {"email", "phone_number"},
		`"email,phone_number"`:        {"email", "phone_number"},
		`["a", "", " b ,c", 3, null]`: {"a", "b", "c", "3"},
		`""`:                          nil,
		`{}`:                          nil,
	}
	for in, want := range lists {
		if got := asStringList(get(in)); !reflect.DeepEqual(got, want) {
			t.Errorf("asStringList(%s) = %q, want %q", in, got, want)
		}
	}
	v, err := asJSONValue(get(`"[{\"ProviderName\":\"Google\"}]"`))
	if err != nil || v.Get("0.ProviderName").String() != "Google" {
		t.Errorf("JSON in a string: %v %v", v, err)
	}
	v, err = asJSONValue(get(`[{"ProviderName":"Google"}]`))
	if err != nil || v.Get("0.ProviderName").String() != "Google" {
		t.Errorf("JSON as JSON: %v %v", v, err)
	}
	if _, err := asJSONValue(get(`"[{oops"`)); err == nil {
		t.Error("no error for a string that is not JSON")
	}
	if v, err := asJSONValue(get(`""`)); err != nil || v.Exists() {
		t.Errorf("empty string: %v %v", v, err)
	}
	if got := flatten(get(`{"s": "x", "n": 1, "b": false, "o": {"a": 1}, "z": null}`)); !reflect.DeepEqual(got,
		map[string]string{"s": "x", "n": "1", "b": "false", "o": `{"a": 1}`, "z": ""}) {
		t.Errorf("flatten = %v", got)
	}
}

func TestSuggest(t *testing.T) {
	known := []string{"dependsOn", "service", "providerPlugin", "lastPushTimeStamp"}
	for in, want := range map[string]string{"dependson": "dependsOn", "servce": "service", "lastPushTimestamp": "lastPushTimeStamp", "colour": "", "x": ""} {
		if got := suggest(in, known); got != want {
			t.Errorf("suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDuplicateKeys(t *testing.T) {
	d := mustParse(t, `{"a": {"b": [{"c": 1, "c": 2}]}, "a": 3, "d.e": {"f": 1, "f": 1}}`)
	ds := d.duplicateKeys()
	var got []string
	for _, x := range ds {
		got = append(got, x.Pos.Path)
	}
	if want := []string{"a.b.0.c", "a", `d\.e.f`}; !reflect.DeepEqual(got, want) {
		t.Errorf("duplicate paths = %q, want %q", got, want)
	}
	if len(mustParse(t, `{"a": 1, "b": {"a": 1}}`).duplicateKeys()) != 0 {
		t.Error("the same key in different objects is not a duplicate")
	}
}
