package verify

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// This file reads a cloud assembly as a tree of stacks and evaluates
// CloudFormation expressions in it, so that a resolver template written as
// Fn::Join of references compares by meaning: Gen 1 (the API in the test
// app's stack) and Gen 2 (the API in nested stacks of the whole backend) give
// different logical ids and parameter names to the same things.
//
// References evaluate to stand-in values that name what they point at
// ("<apiId>", "authRole", a table's name), and intrinsic functions are
// applied to them (Fn::Select of Fn::Split of a table ARN gives the table
// name, as in AWS).

// cfnAssembly is every template of an assembly with its nesting.
type cfnAssembly struct {
	dir    string
	stacks []*cfnStack
	// assets maps an asset's S3 object key to its file in dir.
	assets map[string]string
}

// cfnStack is one template.
type cfnStack struct {
	File       string                  `json:"-"`
	Resources  map[string]cfnResource  `json:"Resources"`
	Parameters map[string]cfnParameter `json:"Parameters"`
	Conditions map[string]any          `json:"Conditions"`
	Outputs    map[string]cfnOutput    `json:"Outputs"`

	parent   *cfnStack
	parentID string // the AWS::CloudFormation::Stack resource in parent
	children map[string]*cfnStack
}

type cfnResource struct {
	Type       string         `json:"Type"`
	Properties map[string]any `json:"Properties"`
}

type cfnParameter struct {
	Default any `json:"Default"`
}

type cfnOutput struct {
	Value any `json:"Value"`
}

// noValue is AWS::NoValue: the property it stands in is absent.
type noValueT struct{}

var noValue = noValueT{}

// Stand-ins for the pseudo parameters: fixed, so both sides agree.
var pseudoParams = map[string]string{
	"AWS::AccountId":        "123456789012",
	"AWS::Region":           "us-east-1",
	"AWS::Partition":        "aws",
	"AWS::URLSuffix":        "amazonaws.com",
	"AWS::StackName":        "<stackName>",
	"AWS::StackId":          "<stackId>",
	"AWS::NotificationARNs": "<notificationARNs>",
}

var (
	assetKeyRE    = regexp.MustCompile(`[0-9a-f]{64}\.[A-Za-z0-9]+`)
	logicalHashRE = regexp.MustCompile(`[0-9A-F]{8}$`)
)

// loadCFN reads the templates and asset manifests in dir.
func loadCFN(dir string) (*cfnAssembly, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.template.json"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no templates in %s", dir)
	}
	sort.Strings(files)
	a := &cfnAssembly{dir: dir, assets: map[string]string{}}
	byFile := map[string]*cfnStack{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		s := &cfnStack{File: filepath.Base(f), children: map[string]*cfnStack{}}
		if err := json.Unmarshal(data, s); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		a.stacks = append(a.stacks, s)
		byFile[s.File] = s
	}
	manifests, _ := filepath.Glob(filepath.Join(dir, "*.assets.json"))
	for _, m := range manifests {
		data, err := os.ReadFile(m)
		if err != nil {
			return nil, err
		}
		var man struct {
			Files map[string]struct {
				Source struct {
					Path string `json:"path"`
				} `json:"source"`
				Destinations map[string]struct {
					ObjectKey string `json:"objectKey"`
				} `json:"destinations"`
			} `json:"files"`
		}
		if err := json.Unmarshal(data, &man); err != nil {
			return nil, fmt.Errorf("%s: %w", m, err)
		}
		for _, f := range man.Files {
			for _, d := range f.Destinations {
				a.assets[d.ObjectKey] = filepath.Join(dir, f.Source.Path)
			}
		}
	}
	// Link nested stacks to the resource that creates them.
	for _, s := range a.stacks {
		for id, r := range s.Resources {
			if r.Type != "AWS::CloudFormation::Stack" {
				continue
			}
			url, _ := json.Marshal(r.Properties["TemplateURL"])
			key := assetKeyRE.FindString(string(url))
			path, ok := a.assets[key]
			if !ok {
				continue
			}
			if child := byFile[filepath.Base(path)]; child != nil {
				child.parent, child.parentID = s, id
				s.children[id] = child
			}
		}
	}
	return a, nil
}

// asset returns the content of the asset an S3 location (s3://bucket/key,
// possibly built with Fn::Sub) points at.
func (a *cfnAssembly) asset(s *cfnStack, loc any) (string, error) {
	str := toString(a.eval(s, loc))
	key := assetKeyRE.FindString(str)
	path, ok := a.assets[key]
	if !ok {
		return "", fmt.Errorf("no asset for %s", str)
	}
	b, err := os.ReadFile(path)
	return string(b), err
}

// evalCtx bounds recursion: a malformed template with a reference cycle
// must give an error value, not a stack overflow.
const maxEvalDepth = 64

func (a *cfnAssembly) eval(s *cfnStack, v any) any { return a.evalDepth(s, v, 0) }

func (a *cfnAssembly) evalDepth(s *cfnStack, v any, depth int) any {
	if depth > maxEvalDepth {
		return "<cycle>"
	}
	ev := func(x any) any { return a.evalDepth(s, x, depth+1) }
	switch x := v.(type) {
	case []any:
		out := make([]any, 0, len(x))
		for _, it := range x {
			if r := ev(it); r != noValue {
				out = append(out, r)
			}
		}
		return out
	case map[string]any:
		if len(x) == 1 {
			for k, arg := range x {
				if r, ok := a.intrinsic(s, k, arg, depth); ok {
					return r
				}
			}
		}
		out := make(map[string]any, len(x))
		for k, it := range x {
			if r := ev(it); r != noValue {
				out[k] = r
			}
		}
		return out
	default:
		return v
	}
}

func (a *cfnAssembly) intrinsic(s *cfnStack, fn string, arg any, depth int) (any, bool) {
	ev := func(x any) any { return a.evalDepth(s, x, depth+1) }
	switch fn {
	case "Ref":
		name, _ := arg.(string)
		return a.ref(s, name, depth), true
	case "Fn::GetAtt":
		var id, attr string
		switch x := arg.(type) {
		case []any:
			if len(x) == 2 {
				id, _ = x[0].(string)
				attr = toString(ev(x[1]))
			}
		case string:
			id, attr, _ = strings.Cut(x, ".")
		}
		return a.getAtt(s, id, attr, depth), true
	case "Fn::Join":
		parts, _ := arg.([]any)
		if len(parts) != 2 {
			return "<bad Fn::Join>", true
		}
		sep := toString(ev(parts[0]))
		list, _ := ev(parts[1]).([]any)
		strs := make([]string, len(list))
		for i, it := range list {
			strs[i] = toString(it)
		}
		return strings.Join(strs, sep), true
	case "Fn::Sub":
		var tmpl string
		vars := map[string]any{}
		switch x := arg.(type) {
		case string:
			tmpl = x
		case []any:
			if len(x) > 0 {
				tmpl, _ = x[0].(string)
			}
			if len(x) > 1 {
				if m, ok := x[1].(map[string]any); ok {
					vars = m
				}
			}
		}
		return a.sub(s, tmpl, vars, depth), true
	case "Fn::Select":
		parts, _ := arg.([]any)
		if len(parts) != 2 {
			return "<bad Fn::Select>", true
		}
		idx, err := strconv.Atoi(toString(ev(parts[0])))
		list, _ := ev(parts[1]).([]any)
		if err != nil || idx < 0 || idx >= len(list) {
			return fmt.Sprintf("<Fn::Select %v>", parts[0]), true
		}
		return list[idx], true
	case "Fn::Split":
		parts, _ := arg.([]any)
		if len(parts) != 2 {
			return "<bad Fn::Split>", true
		}
		var out []any
		for _, p := range strings.Split(toString(ev(parts[1])), toString(ev(parts[0]))) {
			out = append(out, p)
		}
		return out, true
	case "Fn::If":
		parts, _ := arg.([]any)
		if len(parts) != 3 {
			return "<bad Fn::If>", true
		}
		name, _ := parts[0].(string)
		if a.condition(s, name, depth) {
			return ev(parts[1]), true
		}
		return ev(parts[2]), true
	case "Fn::Equals":
		parts, _ := arg.([]any)
		if len(parts) != 2 {
			return false, true
		}
		return toString(ev(parts[0])) == toString(ev(parts[1])), true
	case "Fn::Not":
		parts, _ := arg.([]any)
		if len(parts) != 1 {
			return false, true
		}
		return !truthy(ev(parts[0])), true
	case "Fn::And", "Fn::Or":
		parts, _ := arg.([]any)
		and := fn == "Fn::And"
		for _, p := range parts {
			if truthy(ev(p)) != and {
				return !and, true
			}
		}
		return and, true
	case "Condition":
		name, _ := arg.(string)
		return a.condition(s, name, depth), true
	case "Fn::ImportValue":
		return "<import:" + toString(ev(arg)) + ">", true
	case "Fn::Base64":
		return ev(arg), true
	case "Fn::GetAZs":
		return []any{"us-east-1a", "us-east-1b"}, true
	}
	return nil, false
}

func truthy(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case string:
		return x == "true"
	}
	return false
}

func (a *cfnAssembly) condition(s *cfnStack, name string, depth int) bool {
	c, ok := s.Conditions[name]
	if !ok {
		return false
	}
	return truthy(a.evalDepth(s, c, depth+1))
}

var subRE = regexp.MustCompile(`\$\{([^}]*)\}`)

func (a *cfnAssembly) sub(s *cfnStack, tmpl string, vars map[string]any, depth int) string {
	return subRE.ReplaceAllStringFunc(tmpl, func(m string) string {
		name := m[2 : len(m)-1]
		if strings.HasPrefix(name, "!") {
			return "${" + name[1:] + "}"
		}
		if v, ok := vars[name]; ok {
			return toString(a.evalDepth(s, v, depth+1))
		}
		if id, attr, ok := strings.Cut(name, "."); ok {
			return toString(a.getAtt(s, id, attr, depth))
		}
		return toString(a.ref(s, name, depth))
	})
}

func (a *cfnAssembly) ref(s *cfnStack, name string, depth int) any {
	if name == "AWS::NoValue" {
		return noValue
	}
	if v, ok := pseudoParams[name]; ok {
		return v
	}
	if p, ok := s.Parameters[name]; ok {
		if s.parent != nil {
			props := s.parent.Resources[s.parentID].Properties
			if params, ok := props["Parameters"].(map[string]any); ok {
				if v, ok := params[name]; ok {
					return a.evalDepth(s.parent, v, depth+1)
				}
			}
		}
		if p.Default != nil {
			return toString(p.Default)
		}
		return "<param:" + name + ">"
	}
	if _, ok := s.Resources[name]; ok {
		return a.describe(s, name, "Ref", depth)
	}
	return "<ref:" + name + ">"
}

func (a *cfnAssembly) getAtt(s *cfnStack, id, attr string, depth int) any {
	r, ok := s.Resources[id]
	if !ok {
		return "<getatt:" + id + "." + attr + ">"
	}
	if r.Type == "AWS::CloudFormation::Stack" && strings.HasPrefix(attr, "Outputs.") {
		child := s.children[id]
		if child == nil {
			return "<output:" + attr + ">"
		}
		out, ok := child.Outputs[strings.TrimPrefix(attr, "Outputs.")]
		if !ok {
			return "<output:" + attr + ">"
		}
		return a.evalDepth(child, out.Value, depth+1)
	}
	return a.describe(s, id, attr, depth)
}

// describe gives the stand-in value of a resource attribute: a value that
// names the thing (a table by its name, a role by what it is for) rather
// than its logical id.
func (a *cfnAssembly) describe(s *cfnStack, id, attr string, depth int) any {
	r := s.Resources[id]
	prop := func(name string) string {
		v, _ := propCI(r.Properties, name)
		return toString(a.evalDepth(s, v, depth+1))
	}
	const arnPrefix = "arn:aws:"
	const region, account = "us-east-1", "123456789012"
	switch r.Type {
	case "AWS::DynamoDB::Table", "Custom::AmplifyDynamoDBTable":
		name := prop("TableName")
		arn := arnPrefix + "dynamodb:" + region + ":" + account + ":table/" + name
		switch attr {
		case "Ref":
			return name
		case "Arn", "TableArn":
			return arn
		case "StreamArn", "TableStreamArn":
			return arn + "/stream/<stream>"
		}
	case "AWS::AppSync::GraphQLApi":
		switch attr {
		case "ApiId":
			return "<apiId>"
		case "Ref", "Arn":
			return arnPrefix + "appsync:" + region + ":" + account + ":apis/<apiId>"
		}
		return "<api." + attr + ">"
	case "AWS::AppSync::DataSource":
		name := prop("Name")
		switch attr {
		case "Name":
			return name
		case "Ref", "DataSourceArn":
			return arnPrefix + "appsync:" + region + ":" + account + ":apis/<apiId>/datasources/" + name
		}
	case "AWS::AppSync::FunctionConfiguration":
		name := prop("Name")
		switch attr {
		case "FunctionId":
			return "<function:" + name + ">"
		case "Ref", "FunctionArn":
			return arnPrefix + "appsync:" + region + ":" + account + ":apis/<apiId>/functions/" + name
		}
	case "AWS::IAM::Role":
		name := a.roleName(s, id, depth)
		switch attr {
		case "Ref":
			return name
		case "Arn":
			return arnPrefix + "iam::" + account + ":role/" + name
		}
	case "AWS::Cognito::IdentityPool":
		return "<identityPoolId>"
	case "AWS::Cognito::UserPool":
		if attr == "Ref" || attr == "UserPoolId" {
			return "<userPoolId>"
		}
	case "AWS::Cognito::UserPoolClient":
		return "<userPoolClientId>"
	case "AWS::Lambda::Function":
		// A Gen 2 function has no FunctionName: name it by the
		// defineFunction name Amplify tags it with.
		name := "<lambda:" + stripHash(id) + ">"
		if tags, ok := r.Properties["Tags"].([]any); ok {
			for _, tag := range tags {
				if m, ok := tag.(map[string]any); ok && m["Key"] == "amplify:friendly-name" {
					name = "<lambda:" + toString(m["Value"]) + ">"
				}
			}
		}
		if n := prop("FunctionName"); n != "" && !strings.HasPrefix(n, "<") {
			name = n
		}
		switch attr {
		case "Ref":
			return name
		case "Arn":
			return arnPrefix + "lambda:" + region + ":" + account + ":function:" + name
		}
	}
	return "<" + r.Type + "." + attr + ">"
}

// roleName names an IAM role by its role in the identity pool
// ("authRole", "unauthRole"), else by its RoleName, else by its logical id
// without the hash CDK appends.
func (a *cfnAssembly) roleName(s *cfnStack, id string, depth int) string {
	for _, r := range s.Resources {
		if r.Type != "AWS::Cognito::IdentityPoolRoleAttachment" {
			continue
		}
		roles, _ := r.Properties["Roles"].(map[string]any)
		for kind, v := range roles {
			b, _ := json.Marshal(v)
			if strings.Contains(string(b), `"`+id+`"`) {
				if kind == "authenticated" {
					return "authRole"
				}
				return "unauthRole"
			}
		}
	}
	if v, ok := s.Resources[id].Properties["RoleName"]; ok {
		return toString(a.evalDepth(s, v, depth+1))
	}
	return "<role:" + stripHash(id) + ">"
}

func stripHash(id string) string { return logicalHashRE.ReplaceAllString(id, "") }

// propCI finds a property by name regardless of the case of its first
// letter: Custom::AmplifyDynamoDBTable spells AWS::DynamoDB::Table's
// properties in camelCase.
func propCI(m map[string]any, name string) (any, bool) {
	if v, ok := m[name]; ok {
		return v, true
	}
	if name == "" {
		return nil, false
	}
	alt := strings.ToLower(name[:1]) + name[1:]
	if v, ok := m[alt]; ok {
		return v, true
	}
	// SSESpecification → sseSpecification, SSEEnabled → sseEnabled.
	for k, v := range m {
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return nil, false
}

// toString renders an evaluated value as CloudFormation would in a string.
func toString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case noValueT:
		return ""
	default:
		return marshal(x)
	}
}

// canonJSON renders an evaluated value as JSON with sorted keys.
func canonJSON(v any) string {
	if v == nil || v == noValue {
		return ""
	}
	return marshal(v)
}

// marshal is json.Marshal (maps with sorted keys) without the HTML
// escaping that would print the stand-ins' "<" as \u003c.
func marshal(v any) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	return strings.TrimSuffix(b.String(), "\n")
}
