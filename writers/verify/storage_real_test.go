package verify_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers"
	"github.com/amplify-migrate/amplify-migrate/writers/verify"
)

// The storage tests compare what Gen 1 granted and created, computed here
// from the Gen 1 files with the CLI's own rules (independently of the
// reader), with the CloudFormation the converted Gen 2 backend synthesizes.

// s3Tuple is one effective S3 permission: an action on object keys
// matching Key, or (Key "") listing the bucket for keys matching Prefix
// ("**" for the whole bucket).
type s3Tuple struct {
	Action, Key, Prefix string
}

const anyPrefix = "**"

// tuples flattens statements on one bucket. ListBucket on objects and
// object actions on the bucket itself grant nothing, so they are left out.
func s3Tuples(actions, keys []string, onBucket bool, prefixes []string) []s3Tuple {
	var out []s3Tuple
	for _, a := range actions {
		if onBucket {
			if a != "s3:ListBucket" {
				continue
			}
			if len(prefixes) == 0 {
				out = append(out, s3Tuple{Action: a, Prefix: anyPrefix})
			}
			for _, p := range prefixes {
				out = append(out, s3Tuple{Action: a, Prefix: p})
			}
			continue
		}
		if a == "s3:ListBucket" {
			continue
		}
		for _, k := range keys {
			out = append(out, s3Tuple{Action: a, Key: k})
		}
	}
	return out
}

// glob reports whether the IAM pattern (with * wildcards) matches s.
func stGlob(pattern, s string) bool {
	if !strings.Contains(pattern, "*") {
		return pattern == s
	}
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	for i, p := range parts[1:] {
		if i == len(parts)-2 {
			return strings.HasSuffix(s, p)
		}
		j := strings.Index(s, p)
		if j < 0 {
			return false
		}
		s = s[j+len(p):]
	}
	return true
}

func (a s3Tuple) covers(b s3Tuple) bool {
	if a.Action != b.Action && a.Action != "s3:*" {
		return false
	}
	if a.Key == "" || b.Key == "" {
		if a.Key != b.Key {
			return false
		}
		return a.Prefix == anyPrefix || (b.Prefix != anyPrefix && stGlob(a.Prefix, b.Prefix))
	}
	return stGlob(a.Key, b.Key)
}

// sameAccess reports the tuples of one side no tuple of the other covers.
func sameAccess(gen1, gen2 []s3Tuple) (missing, extra []s3Tuple) {
	covered := func(t s3Tuple, by []s3Tuple) bool {
		for _, x := range by {
			if x.covers(t) {
				return true
			}
		}
		return false
	}
	for _, t := range gen1 {
		if !covered(t, gen2) {
			missing = append(missing, t)
		}
	}
	for _, t := range gen2 {
		if !covered(t, gen1) {
			extra = append(extra, t)
		}
	}
	return missing, extra
}

// gen1S3Access computes what Gen 1 granted on a bucket, per role
// ("authenticated", "guest", "group:X", "function:X").
func gen1S3Access(t *testing.T, p *model.Project, r *model.Resource) map[string][]s3Tuple {
	t.Helper()
	out := map[string][]s3Tuple{}
	add := func(role string, actions, keys []string, onBucket bool, prefixes []string) {
		out[role] = append(out[role], s3Tuples(actions, keys, onBucket, prefixes)...)
	}
	dir := filepath.Join(p.Root, r.Dir)
	if in, ok := stReadJSON(t, filepath.Join(dir, "cli-inputs.json")); ok {
		// The CLI's transform and template (AmplifyS3ResourceStackTransform).
		perms := func(v any) []string {
			var acts []string
			for _, x := range stStrList(v) {
				switch x {
				case "CREATE_AND_UPDATE":
					acts = append(acts, "s3:PutObject")
				case "READ":
					acts = append(acts, "s3:GetObject", "s3:ListBucket")
				case "DELETE":
					acts = append(acts, "s3:DeleteObject")
				}
			}
			return acts
		}
		has := func(v any, p string) bool {
			for _, x := range stStrList(v) {
				if x == p {
					return true
				}
			}
			return false
		}
		sub := model.IdentitySub
		for _, who := range []struct {
			role, key string
		}{{"authenticated", "authAccess"}, {"guest", "guestAccess"}} {
			acts := perms(in[who.key])
			if who.role == "authenticated" {
				add(who.role, acts, []string{"public/*", "protected/" + sub + "/*", "private/" + sub + "/*"}, false, nil)
			} else {
				add(who.role, acts, []string{"public/*"}, false, nil)
			}
			if has(in[who.key], "CREATE_AND_UPDATE") {
				add(who.role, []string{"s3:PutObject"}, []string{"uploads/*"}, false, nil)
			}
			if has(in[who.key], "READ") {
				add(who.role, []string{"s3:GetObject"}, []string{"protected/*"}, false, nil)
				prefixes := []string{"public/", "public/*", "protected/", "protected/*"}
				if who.role == "authenticated" {
					prefixes = append(prefixes, "private/"+sub+"/", "private/"+sub+"/*")
				}
				add(who.role, []string{"s3:ListBucket"}, nil, true, prefixes)
			}
		}
		groups, _ := in["groupAccess"].(map[string]any)
		for g, v := range groups {
			add("group:"+g, perms(v), []string{"*"}, false, nil)
			if has(v, "READ") {
				add("group:"+g, []string{"s3:ListBucket"}, nil, true, nil)
			}
		}
		if tf := stStr(in["triggerFunction"]); tf != "" && tf != "NONE" {
			add("function:"+tf, []string{"s3:ListBucket"}, nil, true, nil)
			add("function:"+tf, []string{"s3:PutObject", "s3:GetObject", "s3:DeleteObject"}, []string{"*"}, false, nil)
		}
	} else {
		gen1S3TemplateAccess(t, dir, out)
	}
	// Functions: function-parameters.json permissions (the CLI's s3 getIAMPolicies).
	for _, fn := range p.ByService(model.CategoryFunction, "Lambda") {
		fp, ok := stReadJSON(t, filepath.Join(p.Root, fn.Dir, "function-parameters.json"))
		if !ok {
			continue
		}
		perms, _ := fp["permissions"].(map[string]any)
		storage, _ := perms["storage"].(map[string]any)
		ops := stStrList(storage[r.Name])
		if len(ops) == 0 {
			continue
		}
		var acts []string
		for _, op := range ops {
			switch op {
			case "create", "update":
				acts = append(acts, "s3:PutObject")
			case "read":
				acts = append(acts, "s3:GetObject")
				add("function:"+fn.Name, []string{"s3:ListBucket"}, nil, true, nil)
			case "delete":
				acts = append(acts, "s3:DeleteObject")
			}
		}
		add("function:"+fn.Name, acts, []string{"*"}, false, nil)
	}
	return out
}

// gen1S3TemplateAccess evaluates the policies of an S3 template written by
// CLIs before cli-inputs.json with the values of its parameters.json.
func gen1S3TemplateAccess(t *testing.T, dir string, out map[string][]s3Tuple) {
	params, _ := stReadJSON(t, filepath.Join(dir, "parameters.json"))
	tpl, ok := stReadJSON(t, filepath.Join(dir, "s3-cloudformation-template.json"))
	if !ok {
		gen1S3StandardAccess(params, out)
		return
	}
	tplParams, _ := tpl["Parameters"].(map[string]any)
	conds, _ := tpl["Conditions"].(map[string]any)
	var eval func(v any) string
	ref := func(name string) string {
		if v, ok := params[name]; ok {
			if m, ok := v.(map[string]any); ok {
				return "{{" + stStr(m["Ref"]) + "}}"
			}
			if s, ok := v.(string); ok && s != name {
				return s
			}
			if l, ok := v.([]any); ok {
				var parts []string
				for _, x := range l {
					parts = append(parts, stStr(x))
				}
				return strings.Join(parts, ",")
			}
		}
		if p, ok := tplParams[name].(map[string]any); ok {
			if d := stStr(p["Default"]); d != "" && d != name {
				return d
			}
		}
		if name == "env" {
			return "dev"
		}
		return "{{" + name + "}}"
	}
	var cond func(v any) bool
	cond = func(v any) bool {
		m, _ := v.(map[string]any)
		if e, ok := m["Fn::Equals"].([]any); ok {
			return eval(e[0]) == eval(e[1])
		}
		if n, ok := m["Fn::Not"].([]any); ok {
			return !cond(n[0])
		}
		if c, ok := m["Condition"].(string); ok {
			return cond(conds[c])
		}
		t.Fatalf("unsupported condition %v", v)
		return false
	}
	eval = func(v any) string {
		switch x := v.(type) {
		case string:
			return x
		case map[string]any:
			if r, ok := x["Ref"].(string); ok {
				return ref(r)
			}
			if j, ok := x["Fn::Join"].([]any); ok {
				var parts []string
				for _, it := range j[1].([]any) {
					parts = append(parts, eval(it))
				}
				return strings.Join(parts, stStr(j[0]))
			}
			if c, ok := x["Fn::If"].([]any); ok {
				if cond(conds[stStr(c[0])]) {
					return eval(c[1])
				}
				return eval(c[2])
			}
		}
		b, _ := json.Marshal(v)
		return string(b)
	}
	list := func(v any) []string {
		if m, ok := v.(map[string]any); ok {
			if s, ok := m["Fn::Split"].([]any); ok {
				return strings.Split(eval(s[1]), stStr(s[0]))
			}
		}
		if l, ok := v.([]any); ok {
			var out []string
			for _, x := range l {
				out = append(out, eval(x))
			}
			return out
		}
		return []string{eval(v)}
	}
	resources, _ := tpl["Resources"].(map[string]any)
	for id, rv := range resources {
		r, _ := rv.(map[string]any)
		if stStr(r["Type"]) != "AWS::IAM::Policy" {
			continue
		}
		if c := stStr(r["Condition"]); c != "" && !cond(conds[c]) {
			continue
		}
		p := stProps(r)
		for _, role := range list(p["Roles"]) {
			var who string
			switch {
			case strings.EqualFold(role, "{{AuthRoleName}}"):
				who = "authenticated"
			case strings.EqualFold(role, "{{UnauthRoleName}}"):
				who = "guest"
			case strings.HasSuffix(role, "GroupRole"):
				who = "group:" + strings.TrimSuffix(role[strings.LastIndex(role, "}}-")+3:], "GroupRole")
			default:
				t.Fatalf("policy %s: unknown role %q", id, role)
			}
			doc, _ := p["PolicyDocument"].(map[string]any)
			for _, st := range doc["Statement"].([]any) {
				sm := st.(map[string]any)
				var keys []string
				onBucket := false
				for _, res := range list(sm["Resource"]) {
					k, _ := strings.CutPrefix(res, "arn:aws:s3:::{{S3Bucket}}")
					if k == "" {
						onBucket = true
					} else {
						keys = append(keys, strings.TrimPrefix(k, "/"))
					}
				}
				var prefixes []string
				if c, ok := sm["Condition"].(map[string]any); ok {
					sl, _ := c["StringLike"].(map[string]any)
					prefixes = list(sl["s3:prefix"])
				}
				acts := list(sm["Action"])
				if onBucket {
					out[who] = append(out[who], s3Tuples(acts, nil, true, prefixes)...)
				}
				if len(keys) > 0 {
					out[who] = append(out[who], s3Tuples(acts, keys, false, nil)...)
				}
			}
		}
	}
}

// gen1S3StandardAccess applies the policies of the CLI's S3 template to the
// values of a parameters.json whose template is not in the project: each
// policy exists unless its parameter is DISALLOW.
func gen1S3StandardAccess(params map[string]any, out map[string][]s3Tuple) {
	sub := model.IdentitySub
	allowed := func(k string) []string {
		v := stStr(params[k])
		if v == "" || v == "DISALLOW" {
			return nil
		}
		return strings.Split(v, ",")
	}
	for _, p := range []struct{ param, role, key string }{
		{"s3PermissionsAuthenticatedPublic", "authenticated", "public/*"},
		{"s3PermissionsAuthenticatedProtected", "authenticated", "protected/" + sub + "/*"},
		{"s3PermissionsAuthenticatedPrivate", "authenticated", "private/" + sub + "/*"},
		{"s3PermissionsAuthenticatedUploads", "authenticated", "uploads/*"},
		{"s3PermissionsGuestPublic", "guest", "public/*"},
		{"s3PermissionsGuestUploads", "guest", "uploads/*"},
	} {
		out[p.role] = append(out[p.role], s3Tuples(allowed(p.param), []string{p.key}, false, nil)...)
	}
	if allowed("AuthenticatedAllowList") != nil {
		out["authenticated"] = append(out["authenticated"], s3Tuples([]string{"s3:GetObject"}, []string{"protected/*"}, false, nil)...)
		out["authenticated"] = append(out["authenticated"], s3Tuples([]string{"s3:ListBucket"}, nil, true,
			[]string{"public/", "public/*", "protected/", "protected/*", "private/" + sub + "/", "private/" + sub + "/*"})...)
	}
	if allowed("GuestAllowList") != nil {
		out["guest"] = append(out["guest"], s3Tuples([]string{"s3:GetObject"}, []string{"protected/*"}, false, nil)...)
		out["guest"] = append(out["guest"], s3Tuples([]string{"s3:ListBucket"}, nil, true, []string{"public/", "public/*", "protected/", "protected/*"})...)
	}
}

func stReadJSON(t *testing.T, path string) (map[string]any, bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, false
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return m, true
}

func stStrList(v any) []string {
	var out []string
	switch x := v.(type) {
	case []any:
		for _, it := range x {
			out = append(out, stStr(it))
		}
	case string:
		for _, p := range strings.Split(x, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// gen2S3Access collects what the Gen 2 roles may do on the bucket named
// (defineStorage name) name.
func gen2S3Access(t *testing.T, c *cfnAsm, name string) map[string][]s3Tuple {
	t.Helper()
	arn := ""
	c.each("AWS::S3::Bucket", func(file, id string, r map[string]any) {
		if stFriendlyName(r) == name {
			arn = stAttKey(file, id, "Arn")
		}
	})
	if arn == "" {
		t.Fatalf("no Gen 2 bucket named %s", name)
	}
	out := map[string][]s3Tuple{}
	for _, st := range c.roleStatements() {
		var keys []string
		onBucket := false
		for _, res := range st.resources {
			k, ok := strings.CutPrefix(res, arn)
			if !ok {
				continue
			}
			if k == "" {
				onBucket = true
			} else {
				keys = append(keys, strings.TrimPrefix(k, "/"))
			}
		}
		if !onBucket && len(keys) == 0 {
			continue
		}
		if st.effect != "Allow" {
			t.Errorf("%s: %s statement in %s/%s on the bucket for %s (Gen 1 had no denies)", name, st.effect, st.file, st.id, st.role)
			continue
		}
		if st.hasCond && len(st.prefixes) == 0 {
			t.Errorf("%s: statement in %s/%s has a condition other than s3:prefix", name, st.file, st.id)
		}
		role := stFunctionRole(st.role)
		if onBucket {
			out[role] = append(out[role], s3Tuples(st.actions, nil, true, st.prefixes)...)
		}
		if len(keys) > 0 {
			out[role] = append(out[role], s3Tuples(st.actions, keys, false, nil)...)
		}
	}
	return out
}

// functionRoleName drops the branch a function writer may have appended to
// the function's name.
func stFunctionRole(role string) string {
	if strings.HasPrefix(role, "function:") {
		return strings.TrimSuffix(role, "-main")
	}
	return role
}

// requireConverted fails with a clear message when a resource the storage
// and REST conversions rely on (the user pool, the functions) was not
// converted: their grants and routes cannot exist without it.
func stRequireConverted(t *testing.T, g *verify.Gen2, categories ...string) {
	t.Helper()
	for _, f := range g.Output.Findings {
		for _, c := range categories {
			if f.Resource.Category == c && f.Code == "resource.unsupported" {
				t.Fatalf("%s was not converted, and storage and REST access depend on it: %s", f.Resource, f.Reason)
			}
		}
	}
}

// storageProjects are the projects with the given storage service.
func storageProjects(t *testing.T, service string) []verify.Project {
	var out []verify.Project
	for _, pr := range allProjects(t) {
		entries, _ := os.ReadDir(filepath.Join(pr.Dir, "amplify", "backend", "storage"))
		data, _ := os.ReadFile(filepath.Join(pr.Dir, "amplify", "backend", "backend-config.json"))
		if len(entries) > 0 && strings.Contains(string(data), `"`+service+`"`) {
			out = append(out, pr)
		}
	}
	return out
}

// TestStorageS3AccessMatchesGen1 checks, for every S3 bucket of the corpus
// and testdata, that each role (signed-in users, guests, each group, each
// function) may do in Gen 2 exactly what Gen 1 allowed, prefix by prefix.
func TestStorageS3AccessMatchesGen1(t *testing.T) {
	s := verify.Shared(t)
	for _, pr := range storageProjects(t, "S3") {
		pr := pr
		t.Run(pr.Name, func(t *testing.T) {
			t.Parallel()
			g := s.Convert(t, pr, writers.Options{})
			stRequireConverted(t, g, model.CategoryAuth, model.CategoryFunction)
			asm := s.Synth(t, g)
			c := stLoadCFN(t, asm)
			checked := 0
			for _, r := range g.Gen1.ByService(model.CategoryStorage, "S3") {
				if r.Imported {
					continue
				}
				want := gen1S3Access(t, g.Gen1, r)
				got := gen2S3Access(t, c, r.Name)
				roles := map[string]bool{}
				for k := range want {
					roles[k] = true
				}
				for k := range got {
					roles[k] = true
				}
				var names []string
				for k := range roles {
					names = append(names, k)
				}
				sort.Strings(names)
				for _, role := range names {
					missing, extra := sameAccess(want[role], got[role])
					for _, m := range missing {
						t.Errorf("%s: %s lost %s", r.Name, role, m)
					}
					for _, x := range extra {
						t.Errorf("%s: %s gained %s", r.Name, role, x)
					}
				}
				checked++
				t.Logf("%s: %d roles compared", r.Name, len(names))
			}
			if checked == 0 {
				t.Skip("only imported buckets")
			}
		})
	}
}

func (t s3Tuple) String() string {
	if t.Key == "" {
		return fmt.Sprintf("%s on the bucket for prefix %q", t.Action, t.Prefix)
	}
	return fmt.Sprintf("%s on %s", t.Action, t.Key)
}

// ddbTable is the comparable shape of a DynamoDB table.
type ddbTable struct {
	Keys       string
	Attributes string
	Billing    string
	Throughput string
	Stream     string
	TTL        string
	SSE        bool
	GSIs       map[string]string
}

// tableShape normalizes AWS::DynamoDB::Table properties.
func tableShape(p map[string]any, eval func(any) string) ddbTable {
	keys := func(v any) string {
		var parts []string
		for _, k := range stList(v) {
			m := k.(map[string]any)
			parts = append(parts, eval(m["AttributeName"])+":"+eval(m["KeyType"]))
		}
		return strings.Join(parts, ",")
	}
	throughput := func(v any) string {
		m, _ := v.(map[string]any)
		if m == nil {
			return ""
		}
		r, _ := strconv.Atoi(eval(m["ReadCapacityUnits"]))
		w, _ := strconv.Atoi(eval(m["WriteCapacityUnits"]))
		return fmt.Sprintf("%d/%d", r, w)
	}
	t := ddbTable{Keys: keys(p["KeySchema"]), GSIs: map[string]string{}}
	var attrs []string
	for _, a := range stList(p["AttributeDefinitions"]) {
		m := a.(map[string]any)
		attrs = append(attrs, eval(m["AttributeName"])+":"+eval(m["AttributeType"]))
	}
	sort.Strings(attrs)
	t.Attributes = strings.Join(attrs, ",")
	t.Billing = eval(p["BillingMode"])
	if t.Billing == "null" || t.Billing == "" {
		t.Billing = "PROVISIONED"
	}
	t.Throughput = throughput(p["ProvisionedThroughput"])
	if s, ok := p["StreamSpecification"].(map[string]any); ok {
		t.Stream = eval(s["StreamViewType"])
	}
	if s, ok := p["TimeToLiveSpecification"].(map[string]any); ok && strings.EqualFold(eval(s["Enabled"]), "true") {
		t.TTL = eval(s["AttributeName"])
	}
	if s, ok := p["SSESpecification"].(map[string]any); ok {
		t.SSE = strings.EqualFold(eval(s["SSEEnabled"]), "true")
	}
	for _, g := range stList(p["GlobalSecondaryIndexes"]) {
		m := g.(map[string]any)
		proj, _ := m["Projection"].(map[string]any)
		pt := eval(proj["ProjectionType"])
		if nk := stList(proj["NonKeyAttributes"]); len(nk) > 0 {
			pt += fmt.Sprint(nk)
		}
		t.GSIs[eval(m["IndexName"])] = keys(m["KeySchema"]) + " " + pt + " " + throughput(m["ProvisionedThroughput"])
	}
	return t
}

func stList(v any) []any { l, _ := v.([]any); return l }

// gen1Table computes the table Gen 1 deployed: its template when the
// project has one, else the CLI's DynamoDB template for cli-inputs.json
// (AmplifyDDBResourceStack: PROVISIONED 5/5, NEW_IMAGE, GSIs 5/5 ALL).
func gen1Table(t *testing.T, root string, r *model.Resource) ddbTable {
	dir := filepath.Join(root, r.Dir)
	if tpl, ok := stReadJSON(t, filepath.Join(dir, r.Name+"-cloudformation-template.json")); ok {
		params, _ := stReadJSON(t, filepath.Join(dir, "parameters.json"))
		eval := func(v any) string {
			if m, ok := v.(map[string]any); ok {
				if ref, ok := m["Ref"].(string); ok {
					return stStr(params[ref])
				}
			}
			if v == nil {
				return ""
			}
			return fmt.Sprint(v)
		}
		for _, rv := range tpl["Resources"].(map[string]any) {
			res := rv.(map[string]any)
			if stStr(res["Type"]) == "AWS::DynamoDB::Table" {
				return tableShape(stProps(res), eval)
			}
		}
		t.Fatalf("%s: template has no table", r.Name)
	}
	in, ok := stReadJSON(t, filepath.Join(dir, "cli-inputs.json"))
	if !ok {
		t.Fatalf("%s: no template and no cli-inputs.json", r.Name)
	}
	types := map[string]string{"string": "S", "number": "N", "binary": "B"}
	var attrs []any
	seen := map[string]bool{}
	key := func(v any, kt string) map[string]any {
		m := v.(map[string]any)
		if !seen[stStr(m["fieldName"])] {
			seen[stStr(m["fieldName"])] = true
			attrs = append(attrs, map[string]any{"AttributeName": m["fieldName"], "AttributeType": types[stStr(m["fieldType"])]})
		}
		return map[string]any{"AttributeName": m["fieldName"], "KeyType": kt}
	}
	p := map[string]any{}
	ks := []any{key(in["partitionKey"], "HASH")}
	if in["sortKey"] != nil {
		ks = append(ks, key(in["sortKey"], "RANGE"))
	}
	p["KeySchema"] = ks
	var gsis []any
	for _, g := range stList(in["gsi"]) {
		gm := g.(map[string]any)
		gk := []any{key(gm["partitionKey"], "HASH")}
		if gm["sortKey"] != nil {
			gk = append(gk, key(gm["sortKey"], "RANGE"))
		}
		gsis = append(gsis, map[string]any{"IndexName": gm["name"], "KeySchema": gk,
			"Projection":            map[string]any{"ProjectionType": "ALL"},
			"ProvisionedThroughput": map[string]any{"ReadCapacityUnits": 5.0, "WriteCapacityUnits": 5.0}})
	}
	p["GlobalSecondaryIndexes"] = gsis
	p["AttributeDefinitions"] = attrs
	p["ProvisionedThroughput"] = map[string]any{"ReadCapacityUnits": 5.0, "WriteCapacityUnits": 5.0}
	p["StreamSpecification"] = map[string]any{"StreamViewType": "NEW_IMAGE"}
	return tableShape(p, func(v any) string {
		if v == nil {
			return ""
		}
		return fmt.Sprint(v)
	})
}

// TestStorageTablesMatchGen1 checks that every DynamoDB table of the
// storage category is synthesized with the keys, attribute types, indexes,
// billing, stream, TTL and encryption Gen 1 deployed, and that its stream
// feeds the same functions.
func TestStorageTablesMatchGen1(t *testing.T) {
	s := verify.Shared(t)
	for _, pr := range storageProjects(t, "DynamoDB") {
		pr := pr
		t.Run(pr.Name, func(t *testing.T) {
			t.Parallel()
			g := s.Convert(t, pr, writers.Options{})
			stRequireConverted(t, g, model.CategoryFunction)
			asm := s.Synth(t, g)
			c := stLoadCFN(t, asm)
			for _, r := range g.Gen1.ByService(model.CategoryStorage, "DynamoDB") {
				if r.Imported {
					continue
				}
				want := gen1Table(t, g.Gen1.Root, r)
				var got *ddbTable
				var tableFile, tableID string
				prefix := stAlnum(r.Name)
				c.each("AWS::DynamoDB::Table", func(file, id string, res map[string]any) {
					if strings.HasPrefix(id, prefix) && len(id) == len(prefix)+8 {
						x := tableShape(stProps(res), func(v any) string { return c.eval(file, v) })
						got, tableFile, tableID = &x, file, id
					}
				})
				if got == nil {
					t.Errorf("%s: no Gen 2 table", r.Name)
					continue
				}
				if fmt.Sprint(*got) != fmt.Sprint(want) {
					t.Errorf("%s: Gen 2 table differs\n gen1: %+v\n gen2: %+v", r.Name, want, *got)
				}
				// Stream triggers.
				wantTriggers := gen1TableTriggers(t, g.Gen1, r)
				var gotTriggers []string
				stream := stAttKey(tableFile, tableID, "StreamArn")
				c.each("AWS::Lambda::EventSourceMapping", func(file, id string, m map[string]any) {
					p := stProps(m)
					if c.eval(file, p["EventSourceArn"]) != stream {
						return
					}
					gotTriggers = append(gotTriggers, fmt.Sprintf("%s %v %s", stFunctionRole("function:"+c.functionOf(file, p["FunctionName"])), p["BatchSize"], stStr(p["StartingPosition"])))
				})
				sort.Strings(gotTriggers)
				if strings.Join(gotTriggers, ";") != strings.Join(wantTriggers, ";") {
					t.Errorf("%s: stream triggers differ\n gen1: %v\n gen2: %v", r.Name, wantTriggers, gotTriggers)
				}
			}
		})
	}
}

// gen1TableTriggers lists the event source mappings Gen 1 function
// templates had on the table's stream.
func gen1TableTriggers(t *testing.T, p *model.Project, r *model.Resource) []string {
	var out []string
	for _, fn := range p.ByService(model.CategoryFunction, "Lambda") {
		tpl, ok := stReadJSON(t, filepath.Join(p.Root, fn.Dir, fn.Name+"-cloudformation-template.json"))
		if !ok {
			continue
		}
		res, _ := tpl["Resources"].(map[string]any)
		for _, v := range res {
			m, _ := v.(map[string]any)
			if stStr(m["Type"]) != "AWS::Lambda::EventSourceMapping" {
				continue
			}
			pp := stProps(m)
			if ref, _ := pp["EventSourceArn"].(map[string]any); stStr(ref["Ref"]) == "storage"+r.Name+"StreamArn" {
				out = append(out, fmt.Sprintf("function:%s %v %s", fn.Name, pp["BatchSize"], stStr(pp["StartingPosition"])))
			}
		}
	}
	sort.Strings(out)
	return out
}

func stAlnum(s string) string {
	var b strings.Builder
	for _, r := range s {
		if (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}
