package readers

import (
	"path"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/amplify-migrate/amplify-migrate/model"
)

// readCfnTemplate reads what a conversion needs from a CloudFormation
// template: its parameters (and whether each has a default), resources and
// outputs. A template that cannot be used as it is keeps a Problem instead
// of failing the read: the conversion turns it into a TODO.
func (r *reader) readCfnTemplate(rel string) *model.CfnTemplate {
	t := &model.CfnTemplate{Path: rel, Format: "json", Pos: model.Pos{File: rel}}
	ext := strings.ToLower(path.Ext(rel))
	if ext == ".yml" || ext == ".yaml" {
		t.Format = "yaml"
		t.Problem = "the template is YAML, which amplify-migrate does not analyse, so its parameters cannot be matched to Gen 2 values"
		return t
	}
	data, ok := r.readFile(rel)
	if !ok {
		t.Problem = "the template file cannot be read"
		return t
	}
	d, diag := parseJSON(rel, data)
	if diag != nil {
		t.Problem = "the template is not valid JSON (" + strings.TrimPrefix(diag.Summary, "invalid JSON: ") + ")"
		t.Pos = diag.Pos
		// Gen 1 could not have deployed it either; the conversion writes a
		// TODO for it and goes on with the rest.
		diag.Severity = model.Warning
		r.diags = append(r.diags, *diag)
		return t
	}
	if !d.root.IsObject() {
		t.Problem = "the template is not a JSON object"
		return t
	}
	res := d.root.Get("Resources")
	if !res.IsObject() || len(res.Map()) == 0 {
		t.Problem = "the template has no Resources"
		t.Pos = d.Pos(res, "Resources")
		return t
	}
	d.root.Get("Parameters").ForEach(func(k, v gjson.Result) bool {
		p := joinPath("Parameters", k.String())
		t.Parameters = append(t.Parameters, model.CfnParameter{
			Name:       k.String(),
			Type:       v.Get("Type").String(),
			HasDefault: v.Get("Default").Exists(),
			Pos:        d.Pos(v, p),
		})
		return true
	})
	res.ForEach(func(k, v gjson.Result) bool {
		p := joinPath("Resources", k.String())
		typ := v.Get("Type").String()
		if typ == "" {
			r.warnf(d.Pos(v, p), "every CloudFormation resource needs a Type", "resource %s of the template has no Type", k.String())
		}
		cr := model.CfnResource{LogicalID: k.String(), Type: typ, Pos: d.Pos(v, p)}
		if strings.HasPrefix(typ, "AWS::IAM::") {
			cr.Roles = literalRoles(v.Get("Properties.Roles"))
		}
		t.Resources = append(t.Resources, cr)
		return true
	})
	t.Gen1Names = r.gen1Names(d, d.root, "")
	d.root.Get("Outputs").ForEach(func(k, v gjson.Result) bool {
		t.Outputs = append(t.Outputs, k.String())
		return true
	})
	return t
}

// readParamValues reads a parameters.json as CloudFormation parameter
// values, in file order.
func (r *reader) readParamValues(rel string) []model.ParamValue {
	d := r.loadJSON(rel, false, "")
	if d == nil {
		return nil
	}
	if !d.root.IsObject() {
		r.warnf(d.FilePos(), `parameters.json holds an object such as {"name": "value"}`, "parameters.json is not a JSON object and is ignored")
		return nil
	}
	var out []model.ParamValue
	d.root.ForEach(func(k, v gjson.Result) bool {
		pv := model.ParamValue{Name: k.String(), JSON: v.Raw, Pos: d.Pos(v, joinPath("", k.String()))}
		switch v.Type {
		case gjson.String, gjson.Number, gjson.True, gjson.False:
			pv.Str, pv.IsScalar = asString(v), true
		case gjson.JSON:
			pv.RootRef = rootRef(v)
		}
		out = append(out, pv)
		return true
	})
	return out
}

// literalRoles returns the role names of a Roles property when every one is
// a literal (through Fn::If branches), else nil.
func literalRoles(v gjson.Result) []string {
	var out []string
	ok := true
	var walk func(v gjson.Result)
	walk = func(v gjson.Result) {
		switch {
		case v.Type == gjson.String:
			out = append(out, v.Str)
		case v.IsArray():
			for _, it := range v.Array() {
				walk(it)
			}
		case v.Get("Fn\\:\\:If").IsArray():
			args := v.Get("Fn\\:\\:If").Array()
			for _, a := range args[min(1, len(args)):] {
				walk(a)
			}
		default:
			ok = false
		}
	}
	walk(v)
	if !ok || len(out) == 0 {
		return nil
	}
	return out
}

// gen1NameKind says which Gen 1 physical name s is or holds, and that
// name, or "".
func (r *reader) gen1NameKind(s string) (kind, name string) {
	dep := r.p.Deployment
	has := func(name string) bool { return name != "" && strings.Contains(s, name) }
	pick := func(known string) string {
		if has(known) {
			return known
		}
		return s
	}
	switch {
	case s == "":
		return "", ""
	case has(dep.UnauthRoleName) || strings.HasPrefix(s, "amplify-") && strings.HasSuffix(s, "-unauthRole"):
		return "guest role", pick(dep.UnauthRoleName)
	case has(dep.AuthRoleName) || strings.HasPrefix(s, "amplify-") && strings.HasSuffix(s, "-authRole"):
		return "auth role", pick(dep.AuthRoleName)
	case has(dep.DeploymentBucket) || strings.HasPrefix(s, "amplify-") && strings.HasSuffix(s, "-deployment"):
		return "deployment bucket", pick(dep.DeploymentBucket)
	case has(dep.StackName):
		return "root stack", dep.StackName
	}
	return "", ""
}

// gen1Names finds Gen 1 physical names written as string literals anywhere
// in a JSON value.
func (r *reader) gen1Names(d *jsonDoc, v gjson.Result, p string) []model.Gen1Name {
	var out []model.Gen1Name
	switch {
	case v.Type == gjson.String:
		if kind, name := r.gen1NameKind(v.Str); kind != "" {
			out = append(out, model.Gen1Name{Value: name, Kind: kind, Pos: d.Pos(v, p)})
		}
	case v.IsArray():
		for i, it := range v.Array() {
			out = append(out, r.gen1Names(d, it, indexPath(p, i))...)
		}
	case v.IsObject():
		v.ForEach(func(k, it gjson.Result) bool {
			out = append(out, r.gen1Names(d, it, joinPath(p, k.String()))...)
			return true
		})
	}
	return out
}

// rootRef names the value of {"Ref": X} or {"Fn::GetAtt": [X, Y]}.
func rootRef(v gjson.Result) string {
	m := v.Map()
	if len(m) != 1 {
		return ""
	}
	if ref, ok := m["Ref"]; ok && ref.Type == gjson.String {
		return ref.Str
	}
	if att, ok := m["Fn::GetAtt"]; ok {
		parts := asStringList(att)
		if len(parts) == 2 {
			return parts[0] + "." + parts[1]
		}
	}
	return ""
}
