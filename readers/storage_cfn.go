package readers

import (
	"strings"

	"github.com/tidwall/gjson"
)

// cfnEval evaluates the intrinsic functions of a Gen 1 category template
// (Ref, Fn::Join, Fn::Split, Fn::Sub, Fn::If, Fn::Select and the condition
// functions) against the values in the resource's parameters.json, so that
// the reader sees what CloudFormation deployed. What cannot be known offline
// (other stacks' outputs, the account id) stays symbolic as "{{Name}}", which
// callers recognize (for example "{{authRoleName}}" is the authenticated
// role).
type cfnEval struct {
	params map[string]gjson.Result
	conds  gjson.Result
	// known are values of refs that are not parameters ("env", pseudo
	// parameters left symbolic by default).
	known map[string]string
	// resources are the template's logical ids: a Ref to one stays symbolic.
	resources gjson.Result
}

// newCFNEval prepares an evaluator for a template with the values of
// parameters.json (an object; may be missing) and the environment name.
func newCFNEval(tpl, params gjson.Result, env string) *cfnEval {
	e := &cfnEval{params: map[string]gjson.Result{}, conds: tpl.Get("Conditions"), known: map[string]string{}, resources: tpl.Get("Resources")}
	tpl.Get("Parameters").ForEach(func(k, v gjson.Result) bool {
		if d := v.Get("Default"); d.Exists() {
			e.params[k.String()] = d
		}
		return true
	})
	params.ForEach(func(k, v gjson.Result) bool {
		e.params[k.String()] = v
		return true
	})
	if env == "" {
		env = "env"
	}
	// The env parameter is set by the root stack; any value other than NONE
	// selects the per-environment branch of the templates' conditions.
	e.known["env"] = env
	return e
}

// symbol is how an unknown reference is rendered.
func symbol(name string) string { return "{{" + name + "}}" }

// ref resolves a Ref.
func (e *cfnEval) ref(name string) string {
	if v, ok := e.known[name]; ok {
		return v
	}
	if v, ok := e.params[name]; ok {
		if v.IsObject() && v.Get("Ref").Exists() {
			// parameters.json passes root-stack values as {"Ref": "AuthRoleName"}.
			return symbol(v.Get("Ref").String())
		}
		if v.IsArray() {
			var parts []string
			for _, it := range v.Array() {
				parts = append(parts, it.String())
			}
			return strings.Join(parts, ",")
		}
		if v.String() == name {
			// The CLI defaults cross-stack parameters to their own name
			// ("functionxArn"); the root stack passes the real value.
			return symbol(name)
		}
		return v.String()
	}
	return symbol(name)
}

// str evaluates a value to a string; ok is false for values that are not
// strings (objects with unknown functions, lists).
func (e *cfnEval) str(v gjson.Result) (string, bool) {
	switch {
	case v.Type == gjson.String:
		return v.Str, true
	case v.Type == gjson.Number || v.Type == gjson.True || v.Type == gjson.False:
		return v.Raw, true
	case v.IsObject():
		if r := v.Get("Ref"); r.Exists() {
			return e.ref(r.String()), true
		}
		if j := v.Get(`Fn\:\:Join`); j.Exists() {
			a := j.Array()
			if len(a) != 2 {
				return "", false
			}
			items, ok := e.list(a[1])
			if !ok {
				return "", false
			}
			return strings.Join(items, a[0].String()), true
		}
		if s := v.Get(`Fn\:\:Sub`); s.Exists() {
			return e.sub(s)
		}
		if c := v.Get(`Fn\:\:If`); c.Exists() {
			a := c.Array()
			if len(a) != 3 {
				return "", false
			}
			b, ok := e.cond(a[0].String())
			if !ok {
				return "", false
			}
			if b {
				return e.str(a[1])
			}
			return e.str(a[2])
		}
		if s := v.Get(`Fn\:\:Select`); s.Exists() {
			a := s.Array()
			if len(a) != 2 {
				return "", false
			}
			items, ok := e.list(a[1])
			idx, ok2 := asInt(a[0])
			if !ok || !ok2 || idx < 0 || idx >= len(items) {
				return "", false
			}
			return items[idx], true
		}
		if g := v.Get(`Fn\:\:GetAtt`); g.Exists() {
			var parts []string
			if g.IsArray() {
				for _, it := range g.Array() {
					parts = append(parts, it.String())
				}
			} else {
				parts = []string{g.String()}
			}
			return symbol(strings.Join(parts, ".")), true
		}
		if i := v.Get(`Fn\:\:ImportValue`); i.Exists() {
			s, _ := e.str(i)
			return symbol("Import:" + s), true
		}
	}
	return "", false
}

// sub evaluates Fn::Sub in its string or [string, vars] form.
func (e *cfnEval) sub(s gjson.Result) (string, bool) {
	text := s.String()
	vars := map[string]string{}
	if s.IsArray() {
		a := s.Array()
		if len(a) == 0 {
			return "", false
		}
		text = a[0].String()
		if len(a) > 1 {
			a[1].ForEach(func(k, v gjson.Result) bool {
				if x, ok := e.str(v); ok {
					vars[k.String()] = x
				}
				return true
			})
		}
	}
	var b strings.Builder
	for {
		i := strings.Index(text, "${")
		if i < 0 {
			b.WriteString(text)
			break
		}
		b.WriteString(text[:i])
		j := strings.Index(text[i:], "}")
		if j < 0 {
			b.WriteString(text[i:])
			break
		}
		name := text[i+2 : i+j]
		text = text[i+j+1:]
		switch {
		case strings.HasPrefix(name, "!"):
			b.WriteString("${" + name[1:] + "}")
		case vars[name] != "":
			b.WriteString(vars[name])
		default:
			b.WriteString(e.ref(name))
		}
	}
	return b.String(), true
}

// list evaluates a value to a list of strings: a JSON array (each item
// evaluated), Fn::Split, or a comma-delimited list parameter.
func (e *cfnEval) list(v gjson.Result) ([]string, bool) {
	if v.IsArray() {
		var out []string
		for _, it := range v.Array() {
			s, ok := e.str(it)
			if !ok {
				return nil, false
			}
			out = append(out, s)
		}
		return out, true
	}
	if s := v.Get(`Fn\:\:Split`); v.IsObject() && s.Exists() {
		a := s.Array()
		if len(a) != 2 {
			return nil, false
		}
		text, ok := e.str(a[1])
		if !ok {
			return nil, false
		}
		return strings.Split(text, a[0].String()), true
	}
	if r := v.Get("Ref"); v.IsObject() && r.Exists() {
		if p, ok := e.params[r.String()]; ok && p.IsArray() {
			var out []string
			for _, it := range p.Array() {
				out = append(out, it.String())
			}
			return out, true
		}
	}
	if s, ok := e.str(v); ok {
		return []string{s}, true
	}
	return nil, false
}

// cond evaluates a named condition; ok is false when it cannot be known.
func (e *cfnEval) cond(name string) (bool, bool) {
	c := e.conds.Get(joinPath("", name))
	if !c.Exists() {
		return false, false
	}
	return e.condExpr(c)
}

func (e *cfnEval) condExpr(c gjson.Result) (bool, bool) {
	switch {
	case c.Get(`Fn\:\:Equals`).Exists():
		a := c.Get(`Fn\:\:Equals`).Array()
		if len(a) != 2 {
			return false, false
		}
		x, ok1 := e.str(a[0])
		y, ok2 := e.str(a[1])
		if !ok1 || !ok2 || strings.Contains(x, "{{") || strings.Contains(y, "{{") {
			return false, false
		}
		return x == y, true
	case c.Get(`Fn\:\:Not`).Exists():
		a := c.Get(`Fn\:\:Not`).Array()
		if len(a) != 1 {
			return false, false
		}
		b, ok := e.condExpr(a[0])
		return !b, ok
	case c.Get(`Fn\:\:And`).Exists():
		for _, it := range c.Get(`Fn\:\:And`).Array() {
			b, ok := e.condExpr(it)
			if !ok {
				return false, false
			}
			if !b {
				return false, true
			}
		}
		return true, true
	case c.Get(`Fn\:\:Or`).Exists():
		for _, it := range c.Get(`Fn\:\:Or`).Array() {
			b, ok := e.condExpr(it)
			if !ok {
				return false, false
			}
			if b {
				return true, true
			}
		}
		return false, true
	case c.Get("Condition").Exists():
		return e.cond(c.Get("Condition").String())
	}
	return false, false
}

// resourceApplies reports whether a template resource is created: it has
// no Condition, or its condition holds. ok is false when the condition
// cannot be evaluated offline.
func (e *cfnEval) resourceApplies(res gjson.Result) (applies, ok bool) {
	c := res.Get("Condition")
	if !c.Exists() {
		return true, true
	}
	return e.cond(c.String())
}
