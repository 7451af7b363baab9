package verify_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/amplify-migrate/amplify-migrate/writers/verify"
)

// cfnAsm is a synthesized Gen 2 assembly read for evaluation across its
// nested stacks: a parameter of a nested stack resolves to what its parent
// passes, and a nested stack's output to the value in the child, so that an
// IAM policy's role or a statement's resource can be traced to the resource
// it names wherever it lives.
type cfnAsm struct {
	tpls   map[string]map[string]any
	parent map[string][2]string         // nested file -> parent file, resource id
	child  map[string]map[string]string // parent file -> resource id -> nested file
}

func stLoadCFN(t testing.TB, asm *verify.Assembly) *cfnAsm {
	t.Helper()
	c := &cfnAsm{tpls: map[string]map[string]any{}, parent: map[string][2]string{}, child: map[string]map[string]string{}}
	hashes := map[string]string{}
	files, _ := filepath.Glob(filepath.Join(asm.Dir, "*.assets.json"))
	for _, f := range files {
		var m struct {
			Files map[string]struct {
				Source struct {
					Path string `json:"path"`
				} `json:"source"`
			} `json:"files"`
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		for h, v := range m.Files {
			hashes[h] = v.Source.Path
		}
	}
	for name := range asm.Templates {
		data, err := os.ReadFile(filepath.Join(asm.Dir, name))
		if err != nil {
			t.Fatal(err)
		}
		var tpl map[string]any
		if err := json.Unmarshal(data, &tpl); err != nil {
			t.Fatal(err)
		}
		c.tpls[name] = tpl
	}
	hashRe := regexp.MustCompile(`([0-9a-f]{64})\.json`)
	for name := range c.tpls {
		for id, r := range c.resources(name) {
			if stStr(r["Type"]) != "AWS::CloudFormation::Stack" {
				continue
			}
			url, _ := json.Marshal(stProps(r)["TemplateURL"])
			m := hashRe.FindStringSubmatch(string(url))
			if m == nil {
				continue
			}
			if file := hashes[m[1]]; file != "" {
				c.parent[file] = [2]string{name, id}
				if c.child[name] == nil {
					c.child[name] = map[string]string{}
				}
				c.child[name][id] = file
			}
		}
	}
	return c
}

func (c *cfnAsm) resources(file string) map[string]map[string]any {
	out := map[string]map[string]any{}
	rs, _ := c.tpls[file]["Resources"].(map[string]any)
	for id, r := range rs {
		if m, ok := r.(map[string]any); ok {
			out[id] = m
		}
	}
	return out
}

// each calls f for every resource of a type, in a stable order.
func (c *cfnAsm) each(typ string, f func(file, id string, r map[string]any)) {
	var files []string
	for f := range c.tpls {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, file := range files {
		rs := c.resources(file)
		var ids []string
		for id := range rs {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			if stStr(rs[id]["Type"]) == typ {
				f(file, id, rs[id])
			}
		}
	}
}

func stProps(r map[string]any) map[string]any {
	p, _ := r["Properties"].(map[string]any)
	return p
}

func stStr(v any) string { s, _ := v.(string); return s }

// resKey names a resource for eval: "{{ref:file#id}}" for a Ref and
// "{{att:file#id#Attr}}" for a GetAtt.
func stRefKey(file, id string) string       { return "{{ref:" + file + "#" + id + "}}" }
func stAttKey(file, id, attr string) string { return "{{att:" + file + "#" + id + "#" + attr + "}}" }

// eval renders a CloudFormation value as a string, following parameters
// and nested stack outputs; what only AWS knows stays as "{{...}}".
func (c *cfnAsm) eval(file string, v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64, bool:
		return fmt.Sprint(x)
	case map[string]any:
		if ref, ok := x["Ref"].(string); ok {
			if strings.HasPrefix(ref, "AWS::") {
				return "{{" + ref + "}}"
			}
			if _, ok := c.resources(file)[ref]; ok {
				return stRefKey(file, ref)
			}
			if p, ok := c.parent[file]; ok {
				if val, ok := stProps(c.resources(p[0])[p[1]])["Parameters"].(map[string]any)[ref]; ok {
					return c.eval(p[0], val)
				}
			}
			return "{{param:" + ref + "}}"
		}
		if ga, ok := x["Fn::GetAtt"].([]any); ok && len(ga) == 2 {
			id, attr := stStr(ga[0]), stStr(ga[1])
			if out, ok := strings.CutPrefix(attr, "Outputs."); ok {
				if childFile := c.child[file][id]; childFile != "" {
					outs, _ := c.tpls[childFile]["Outputs"].(map[string]any)
					if o, ok := outs[out].(map[string]any); ok {
						return c.eval(childFile, o["Value"])
					}
				}
			}
			return stAttKey(file, id, attr)
		}
		if j, ok := x["Fn::Join"].([]any); ok && len(j) == 2 {
			var parts []string
			for _, it := range c.list(file, j[1]) {
				parts = append(parts, it)
			}
			return strings.Join(parts, stStr(j[0]))
		}
		if s, ok := x["Fn::Select"].([]any); ok && len(s) == 2 {
			items := c.list(file, s[1])
			i, _ := s[0].(float64)
			if int(i) < len(items) {
				return items[int(i)]
			}
		}
		if s, ok := x["Fn::Sub"].(string); ok {
			return s
		}
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// list evaluates a list value.
func (c *cfnAsm) list(file string, v any) []string {
	switch x := v.(type) {
	case []any:
		var out []string
		for _, it := range x {
			out = append(out, c.eval(file, it))
		}
		return out
	case map[string]any:
		if s, ok := x["Fn::Split"].([]any); ok && len(s) == 2 {
			return strings.Split(c.eval(file, s[1]), stStr(s[0]))
		}
	case nil:
		return nil
	}
	return []string{c.eval(file, v)}
}

// gen2Roles maps each IAM role of the assembly ("{{ref:file#id}}") to who
// it is for: "authenticated", "guest", "group:<name>", "function:<name>".
func (c *cfnAsm) gen2Roles() map[string]string {
	roles := map[string]string{}
	byAtt := func(file string, v any, who string) {
		s := c.eval(file, v)
		if strings.HasPrefix(s, "{{att:") && strings.HasSuffix(s, "#Arn}}") {
			k := strings.TrimSuffix(strings.TrimPrefix(s, "{{att:"), "#Arn}}")
			roles["{{ref:"+k+"}}"] = who
		}
	}
	c.each("AWS::Cognito::IdentityPoolRoleAttachment", func(file, id string, r map[string]any) {
		rs, _ := stProps(r)["Roles"].(map[string]any)
		byAtt(file, rs["authenticated"], "authenticated")
		byAtt(file, rs["unauthenticated"], "guest")
	})
	c.each("AWS::Cognito::UserPoolGroup", func(file, id string, r map[string]any) {
		byAtt(file, stProps(r)["RoleArn"], "group:"+stStr(stProps(r)["GroupName"]))
	})
	c.each("AWS::Lambda::Function", func(file, id string, r map[string]any) {
		if name := stFriendlyName(r); name != "" {
			byAtt(file, stProps(r)["Role"], "function:"+name)
		}
	})
	return roles
}

// friendlyName is a resource's amplify:friendly-name tag: the defineFunction
// or defineStorage name.
func stFriendlyName(r map[string]any) string {
	tags, _ := stProps(r)["Tags"].([]any)
	for _, t := range tags {
		m, _ := t.(map[string]any)
		if stStr(m["Key"]) == "amplify:friendly-name" {
			return stStr(m["Value"])
		}
	}
	return ""
}

// functionOf maps a Lambda function ARN or name reference to the function's
// friendly name.
func (c *cfnAsm) functionOf(file string, v any) string {
	s := c.eval(file, v)
	re := regexp.MustCompile(`\{\{(?:att|ref):([^#]+)#([^#}]+)`)
	for _, m := range re.FindAllStringSubmatch(s, -1) {
		if r, ok := c.resources(m[1])[m[2]]; ok && stStr(r["Type"]) == "AWS::Lambda::Function" {
			return stFriendlyName(r)
		}
	}
	return ""
}

// iamStatement is an IAM statement attached to a role, evaluated.
type iamStatement struct {
	role      string // who the role is for
	effect    string
	actions   []string
	resources []string
	prefixes  []string // s3:prefix StringLike condition
	hasCond   bool
	file, id  string
}

// roleStatements returns every statement of every IAM policy attached to a
// known role.
func (c *cfnAsm) roleStatements() []iamStatement {
	roles := c.gen2Roles()
	var out []iamStatement
	add := func(file, id string, r map[string]any, roleRefs []string) {
		doc, _ := stProps(r)["PolicyDocument"].(map[string]any)
		sts, _ := doc["Statement"].([]any)
		for _, roleRef := range roleRefs {
			who := roles[roleRef]
			if who == "" {
				continue
			}
			for _, st := range sts {
				m, _ := st.(map[string]any)
				s := iamStatement{role: who, effect: stStr(m["Effect"]), file: file, id: id}
				s.actions = c.list(file, m["Action"])
				s.resources = c.list(file, m["Resource"])
				if cond, ok := m["Condition"].(map[string]any); ok {
					s.hasCond = true
					if sl, ok := cond["StringLike"].(map[string]any); ok {
						s.prefixes = c.list(file, sl["s3:prefix"])
					}
				}
				out = append(out, s)
			}
		}
	}
	for _, typ := range []string{"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"} {
		c.each(typ, func(file, id string, r map[string]any) {
			var refs []string
			for _, role := range c.list(file, stProps(r)["Roles"]) {
				refs = append(refs, role)
			}
			add(file, id, r, refs)
		})
	}
	// Inline policies of the roles themselves.
	c.each("AWS::IAM::Role", func(file, id string, r map[string]any) {
		pols, _ := stProps(r)["Policies"].([]any)
		for _, p := range pols {
			pm, _ := p.(map[string]any)
			add(file, id, map[string]any{"Properties": pm}, []string{stRefKey(file, id)})
		}
	})
	return out
}
