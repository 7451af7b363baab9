package readers

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/agnivade/levenshtein"
	"github.com/tidwall/gjson"

	"github.com/amplify-migrate/amplify-migrate/model"
)

// jsonDoc is a JSON file with what is needed to point at any value in it:
// gjson results carry byte offsets, which lineStarts turns into lines.
type jsonDoc struct {
	rel        string // path relative to the project root
	raw        string
	root       gjson.Result
	lineStarts []int
}

// parseJSON checks that data is JSON and returns the document, or a
// diagnostic that names the line and column of the first syntax error.
func parseJSON(rel string, data []byte) (*jsonDoc, *model.Diagnostic) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // editors on Windows write a BOM
	d := &jsonDoc{rel: rel, raw: string(data)}
	d.lineStarts = append(d.lineStarts, 0)
	for i, c := range data {
		if c == '\n' {
			d.lineStarts = append(d.lineStarts, i+1)
		}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &model.Diagnostic{Severity: model.Error, Summary: "file is empty, expected JSON",
			Detail: "restore the file from version control, or remove it if the resource is gone",
			Pos:    model.Pos{File: rel, Line: 1}}
	}
	if at := conflictMarker(data); at >= 0 {
		return nil, &model.Diagnostic{Severity: model.Error,
			Summary: "the file has an unresolved git merge conflict",
			Detail:  "keep the right side between the <<<<<<<, ======= and >>>>>>> lines, delete the markers, and run again",
			Pos:     d.posAt(at)}
	}
	if at := tooDeep(data, maxJSONDepth); at >= 0 {
		return nil, &model.Diagnostic{Severity: model.Error,
			Summary: fmt.Sprintf("JSON nests more than %d levels deep", maxJSONDepth),
			Detail:  "no Amplify file nests this deep; restore the file from version control",
			Pos:     d.posAt(at)}
	}
	if !gjson.Valid(d.raw) {
		var v any
		err := json.Unmarshal(data, &v)
		pos := model.Pos{File: rel, Line: 1}
		msg := "invalid JSON"
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			pos = d.posAt(int(se.Offset) - 1)
			msg = "invalid JSON: " + se.Error()
		case err != nil && !errors.As(err, &te):
			msg = "invalid JSON: " + err.Error()
		}
		return nil, &model.Diagnostic{Severity: model.Error, Summary: msg,
			Detail: "fix the syntax (a missing comma or quote is the usual cause) and run again",
			Pos:    pos}
	}
	d.root = gjson.Parse(d.raw)
	return d, nil
}

// conflictMarker returns the offset of the first line that starts a git
// merge conflict ("<<<<<<< "), or -1.
func conflictMarker(data []byte) int {
	for off := 0; off < len(data); {
		if bytes.HasPrefix(data[off:], []byte("<<<<<<< ")) || bytes.HasPrefix(data[off:], []byte("<<<<<<<\n")) {
			return off
		}
		nl := bytes.IndexByte(data[off:], '\n')
		if nl < 0 {
			break
		}
		off += nl + 1
	}
	return -1
}

// tooDeep returns the offset where objects and arrays in data first nest
// deeper than limit, or -1, ignoring brackets inside strings. It runs before
// parsing so that a hostile file cannot make the parser recurse deeply.
func tooDeep(data []byte, limit int) int {
	depth, inStr, esc := 0, false, false
	for i, c := range data {
		switch {
		case inStr:
			switch {
			case esc:
				esc = false
			case c == '\\':
				esc = true
			case c == '"':
				inStr = false
			}
		case c == '"':
			inStr = true
		case c == '{' || c == '[':
			depth++
			if depth > limit {
				return i
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return -1
}

// posAt turns a byte offset into a position.
func (d *jsonDoc) posAt(offset int) model.Pos {
	if offset < 0 {
		offset = 0
	}
	line := sort.Search(len(d.lineStarts), func(i int) bool { return d.lineStarts[i] > offset })
	col := offset - d.lineStarts[line-1] + 1
	return model.Pos{File: d.rel, Line: line, Col: col}
}

// Get returns the value at a gjson path and its position. When the value is
// missing the position is the file with the path.
func (d *jsonDoc) Get(path string) (gjson.Result, model.Pos) {
	res := d.root.Get(path)
	return res, d.Pos(res, path)
}

// Pos returns the position of a result obtained from this document.
func (d *jsonDoc) Pos(res gjson.Result, path string) model.Pos {
	if !res.Exists() || (res.Index == 0 && path != "") {
		return model.Pos{File: d.rel, Path: path}
	}
	p := d.posAt(res.Index)
	p.Path = path
	return p
}

// FilePos is the position of the file as a whole.
func (d *jsonDoc) FilePos() model.Pos { return model.Pos{File: d.rel} }

// joinPath appends a key to a gjson path, escaping the characters gjson
// treats as syntax ("Meal:@model(appsync)", "a.b").
func joinPath(path, key string) string {
	var b strings.Builder
	for _, c := range key {
		switch c {
		case '.', '*', '?', '|', '#', '@', '\\', '!', '=', '<', '>', '%':
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	if path == "" {
		return b.String()
	}
	return path + "." + b.String()
}

// indexPath appends an array index to a gjson path.
func indexPath(path string, i int) string {
	if path == "" {
		return strconv.Itoa(i)
	}
	return path + "." + strconv.Itoa(i)
}

// asString returns a scalar as a string the way a person would write it:
// strings unchanged, numbers and booleans as written. Objects and arrays give
// their JSON text.
func asString(r gjson.Result) string {
	switch r.Type {
	case gjson.String:
		return r.Str
	case gjson.Null:
		return ""
	default:
		return r.Raw
	}
}

// asInt reads a number that Gen 1 may have stored as a number or a string
// ("30"). ok is false when the value is missing or not a whole number.
func asInt(r gjson.Result) (n int, ok bool) {
	switch r.Type {
	case gjson.Number:
		f := r.Float()
		if f != float64(int(f)) {
			return 0, false
		}
		return int(f), true
	case gjson.String:
		v, err := strconv.Atoi(strings.TrimSpace(r.Str))
		return v, err == nil
	}
	return 0, false
}

// asBool reads a boolean that may be stored as true/false or "true"/"false".
func asBool(r gjson.Result) (b bool, ok bool) {
	switch r.Type {
	case gjson.True:
		return true, true
	case gjson.False:
		return false, true
	case gjson.String:
		v, err := strconv.ParseBool(strings.TrimSpace(r.Str))
		return v, err == nil
	}
	return false, false
}

// asStringList reads a list that Gen 1 may store as an array of strings, as
// one comma-joined string ("email, phone_number"), or as an array holding
// comma-joined strings. Empty items are dropped.
func asStringList(r gjson.Result) []string {
	var out []string
	add := func(s string) {
		for _, part := range strings.Split(s, ",") {
			if p := strings.TrimSpace(part); p != "" {
				out = append(out, p)
			}
		}
	}
	switch {
	case r.IsArray():
		for _, it := range r.Array() {
			if it.Type == gjson.String {
				add(it.Str)
			} else if it.Exists() && it.Type != gjson.Null {
				out = append(out, it.Raw)
			}
		}
	case r.Type == gjson.String:
		add(r.Str)
	}
	return out
}

// asJSONValue returns a value that Gen 1 may store either as JSON or as a
// string holding JSON (hostedUIProviderMeta, oAuthMetadata). It reports an
// error when a string does not hold valid JSON.
func asJSONValue(r gjson.Result) (gjson.Result, error) {
	if r.Type != gjson.String {
		return r, nil
	}
	s := strings.TrimSpace(r.Str)
	if s == "" {
		return gjson.Result{}, nil
	}
	if !gjson.Valid(s) {
		return gjson.Result{}, fmt.Errorf("the string does not hold valid JSON")
	}
	return gjson.Parse(s), nil
}

// flatten turns the members of an object into strings (see asString), the
// lossless fallback for settings without a typed field.
func flatten(r gjson.Result) map[string]string {
	out := map[string]string{}
	r.ForEach(func(k, v gjson.Result) bool {
		out[k.String()] = asString(v)
		return true
	})
	return out
}

// positions maps each member of the object at path to its position.
func (d *jsonDoc) positions(path string) map[string]model.Pos {
	out := map[string]model.Pos{}
	obj := d.root
	if path != "" {
		obj = d.root.Get(path)
	}
	obj.ForEach(func(k, v gjson.Result) bool {
		p := joinPath(path, k.String())
		out[k.String()] = d.Pos(v, p)
		return true
	})
	return out
}

// unknownKeys returns a warning for each member of the object at path whose
// key is not in known, with the nearest known key as a suggestion.
func (d *jsonDoc) unknownKeys(path string, known []string, what string) model.Diagnostics {
	var ds model.Diagnostics
	obj := d.root
	if path != "" {
		obj = d.root.Get(path)
	}
	set := map[string]bool{}
	for _, k := range known {
		set[k] = true
	}
	obj.ForEach(func(k, v gjson.Result) bool {
		key := k.String()
		if set[key] {
			return true
		}
		detail := "it is kept in the report but not converted; check the spelling"
		if s := suggest(key, known); s != "" {
			detail = fmt.Sprintf("did you mean %q? It is not converted as written", s)
		}
		// Point at the key, which is what is wrong, not at its value.
		pos := d.Pos(k, joinPath(path, key))
		ds = append(ds, model.Diagnostic{
			Severity: model.Warning,
			Summary:  fmt.Sprintf("unknown key %q in %s", key, what),
			Detail:   detail,
			Pos:      pos,
		})
		return true
	})
	return ds
}

// suggest returns the known word closest to s when it is close enough to be
// a likely typo.
func suggest(s string, known []string) string {
	best, bestD := "", 1<<30
	for _, k := range known {
		d := levenshtein.ComputeDistance(strings.ToLower(s), strings.ToLower(k))
		if d < bestD {
			best, bestD = k, d
		}
	}
	if bestD <= 2 || (bestD <= 3 && len(s) > 8) {
		return best
	}
	return ""
}

// duplicateKeys returns a warning for each key that appears twice in the
// same object. gjson reads the first of them, while the Amplify CLI
// (JSON.parse) used the last, so the file is ambiguous: usually the result of
// a bad merge.
func (d *jsonDoc) duplicateKeys() model.Diagnostics {
	var ds model.Diagnostics
	// The path is kept as parts and only joined for a duplicate: most files
	// have none, and joining every key's path would cost more than parsing.
	var parts []string
	var walk func(v gjson.Result, depth int)
	walk = func(v gjson.Result, depth int) {
		if depth > maxJSONDepth {
			return
		}
		switch {
		case v.IsObject():
			var seen map[string]bool
			v.ForEach(func(k, val gjson.Result) bool {
				key := k.String()
				if seen == nil {
					seen = map[string]bool{}
				}
				if seen[key] {
					path := ""
					for _, p := range parts {
						path = joinPath(path, p)
					}
					pos := d.posAt(k.Index)
					pos.Path = joinPath(path, key)
					ds = append(ds, model.Diagnostic{
						Severity: model.Warning,
						Summary:  fmt.Sprintf("key %q appears more than once in the same object", key),
						Detail:   "amplify-migrate reads the first one and the Amplify CLI read the last; delete the one that is wrong",
						Pos:      pos,
					})
				}
				seen[key] = true
				if val.IsObject() || val.IsArray() {
					parts = append(parts, key)
					walk(val, depth+1)
					parts = parts[:len(parts)-1]
				}
				return true
			})
		case v.IsArray():
			i := 0
			v.ForEach(func(_, val gjson.Result) bool {
				if val.IsObject() || val.IsArray() {
					parts = append(parts, strconv.Itoa(i))
					walk(val, depth+1)
					parts = parts[:len(parts)-1]
				}
				i++
				return true
			})
		}
	}
	walk(d.root, 0)
	return ds
}

// maxJSONDepth bounds how deep the readers walk a JSON document: no Gen 1
// file nests more than a dozen levels, and a hostile file must not exhaust
// the stack.
const maxJSONDepth = 64
