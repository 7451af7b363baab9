package writers

import (
	"strings"

	"github.com/tidwall/gjson"

	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

// templateJSONValue turns JSON from a Gen 1 template into a TypeScript literal,
// keeping the order of keys.
func templateJSONValue(raw string) ts.Value {
	return jsonResult(gjson.Parse(raw))
}

func jsonResult(v gjson.Result) ts.Value {
	switch {
	case v.IsObject():
		o := ts.Obj{}
		v.ForEach(func(k, x gjson.Result) bool {
			o.Set(k.String(), jsonResult(x))
			return true
		})
		return o
	case v.IsArray():
		a := ts.Arr{}
		for _, x := range v.Array() {
			a = append(a, jsonResult(x))
		}
		return a
	case v.Type == gjson.String:
		return ts.Str(v.Str)
	case v.Type == gjson.Number:
		return ts.Expr(v.Raw)
	case v.Type == gjson.True:
		return ts.Bool(true)
	case v.Type == gjson.False:
		return ts.Bool(false)
	}
	return ts.Expr("null")
}

// isLiteralJSON reports whether template JSON is plain data: no Ref,
// Fn::* or Condition that only CloudFormation can resolve.
func isLiteralJSON(raw string) bool {
	if raw == "" || !gjson.Valid(raw) {
		return false
	}
	ok := true
	var walk func(v gjson.Result)
	walk = func(v gjson.Result) {
		if !ok {
			return
		}
		if v.IsObject() {
			v.ForEach(func(k, x gjson.Result) bool {
				key := k.String()
				if key == "Ref" || key == "Condition" || strings.HasPrefix(key, "Fn::") {
					ok = false
					return false
				}
				walk(x)
				return ok
			})
		} else if v.IsArray() {
			for _, x := range v.Array() {
				walk(x)
			}
		}
	}
	walk(gjson.Parse(raw))
	return ok
}
