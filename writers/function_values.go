package writers

import (
	"fmt"
	"slices"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

// tsVal is a Gen 1 template value written as TypeScript.
type tsVal struct {
	code string
	// groups are the stacks the value refers to.
	groups []string
	// static is true when the value needs nothing from backend.ts (it can
	// be written in the function's resource.ts).
	static bool
	// self is true when the value refers to the function itself.
	self bool
	// branch and aws say which declarations the code uses (branchName, Aws).
	branch, aws bool
	// todo says why the value cannot be converted; code is "" then.
	todo string
}

// piece is a literal or an expression of a value.
type piece struct {
	lit   string
	expr  string
	group string
	isLit bool
}

var pseudoExpr = map[string]string{
	"AWS::Region":    "Aws.REGION",
	"AWS::AccountId": "Aws.ACCOUNT_ID",
	"AWS::Partition": "Aws.PARTITION",
	"AWS::URLSuffix": "Aws.URL_SUFFIX",
	"AWS::StackName": "Aws.STACK_NAME",
	"AWS::StackId":   "Aws.STACK_ID",
}

// renderValue writes a value as TypeScript for backend.ts (or resource.ts
// when the result is static).
func (g *gen) renderValue(pl *fnPlan, v model.CfnValue) tsVal {
	out := tsVal{static: true}
	var pieces []piece
	parts := v.Parts
	for i := 0; i < len(parts); i++ {
		if code, group, n := g.arnPattern(parts[i:]); n > 0 {
			pieces = append(pieces, piece{expr: code, group: group})
			out.static = false
			out.groups = appendUnique(out.groups, group)
			i += n - 1
			continue
		}
		p := parts[i]
		switch p.Kind {
		case model.PartText:
			pieces = append(pieces, piece{lit: p.Text, isLit: true})
		case model.PartEnv:
			pieces = append(pieces, piece{expr: "branchName"})
			out.branch = true
		case model.PartPseudo:
			e, ok := pseudoExpr[p.Text]
			if !ok {
				out.todo = fmt.Sprintf("the pseudo parameter %s has no Gen 2 equivalent", p.Text)
				return out
			}
			pieces = append(pieces, piece{expr: e})
			out.aws = true
		case model.PartParam:
			if !p.HasValue {
				env := g.p.Env
				if env == "" {
					env = "(none selected)"
				}
				out.todo = fmt.Sprintf("the template parameter %s has no value for the Gen 1 environment %s in the repository (Gen 1 may keep it in SSM Parameter Store at /amplify/<appId>/<env>/AMPLIFY_%s_%s_%s)",
					p.Param, env, pl.r.Category, pl.r.Name, p.Param)
				return out
			}
			pieces = append(pieces, piece{lit: p.Value, isLit: true})
		case model.PartRef:
			e := g.attrExpr(p.Ref)
			if e.todo != "" {
				out.todo = e.todo
				return out
			}
			pieces = append(pieces, piece{expr: e.code, group: e.group})
			out.static = false
			out.groups = appendUnique(out.groups, e.group)
		case model.PartSelf:
			fn := "backend." + pl.sym.Ident + ".resources.lambda"
			e := map[string]string{"Name": fn + ".functionName", "Arn": fn + ".functionArn",
				"RoleName": fn + ".role!.roleName", "RoleArn": fn + ".role!.roleArn"}[p.Text]
			pieces = append(pieces, piece{expr: e})
			out.static, out.self = false, true
		default:
			out.todo = "the template expression " + p.Text + " cannot be converted"
			return out
		}
	}
	out.code = joinPieces(pieces)
	return out
}

// joinPieces writes pieces as one expression: a string literal, a lone
// expression, or a template literal.
func joinPieces(ps []piece) string {
	if len(ps) == 0 {
		return "''"
	}
	if len(ps) == 1 {
		if ps[0].isLit {
			return ts.Quote(ps[0].lit)
		}
		return ps[0].expr
	}
	var b strings.Builder
	b.WriteString("`")
	for _, p := range ps {
		if p.isLit {
			b.WriteString(ts.Template(p.lit))
		} else {
			b.WriteString("${" + p.expr + "}")
		}
	}
	b.WriteString("`")
	return b.String()
}

func appendUnique(list []string, s string) []string {
	if s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// arnPattern recognises the ARN of a converted resource spelled out the
// Gen 1 way (arn:aws:dynamodb:<region>:<account>:table/<name>) and returns
// the Gen 2 expression of the ARN and how many parts it spans.
func (g *gen) arnPattern(parts []model.ValuePart) (string, string, int) {
	text := func(i int, want string) bool {
		return i < len(parts) && parts[i].Kind == model.PartText && parts[i].Text == want
	}
	pseudo := func(i int, name string) bool {
		return i < len(parts) && parts[i].Kind == model.PartPseudo && parts[i].Text == name
	}
	ref := func(i int) (model.AttrRef, bool) {
		if i < len(parts) && parts[i].Kind == model.PartRef {
			return parts[i].Ref, true
		}
		return model.AttrRef{}, false
	}
	// arn:aws:s3:::<bucket>
	if text(0, "arn:aws:s3:::") {
		if r, ok := ref(1); ok && r.Attribute == "BucketName" {
			if e := g.attrExpr(r); e.todo == "" {
				return strings.TrimSuffix(e.code, ".bucketName") + ".bucketArn", e.group, 2
			}
		}
		return "", "", 0
	}
	if len(parts) < 6 || parts[0].Kind != model.PartText || !strings.HasPrefix(parts[0].Text, "arn:aws:") ||
		!pseudo(1, "AWS::Region") || !text(2, ":") || !pseudo(3, "AWS::AccountId") {
		return "", "", 0
	}
	r, ok := ref(5)
	if !ok {
		return "", "", 0
	}
	svc := parts[0].Text
	kind := parts[4]
	if kind.Kind != model.PartText {
		return "", "", 0
	}
	e := g.attrExpr(r)
	if e.todo != "" {
		return "", "", 0
	}
	switch {
	case svc == "arn:aws:dynamodb:" && kind.Text == ":table/" && r.Attribute == "Name":
		return strings.TrimSuffix(e.code, ".tableName") + ".tableArn", e.group, 6
	case svc == "arn:aws:appsync:" && kind.Text == ":apis/" && r.Attribute == "GraphQLAPIIdOutput":
		return "backend.data.resources.graphqlApi.arn", e.group, 6
	case svc == "arn:aws:cognito-idp:" && kind.Text == ":userpool/" && r.Attribute == "UserPoolId":
		return "backend.auth.resources.userPool.userPoolArn", e.group, 6
	case svc == "arn:aws:lambda:" && kind.Text == ":function:" && r.Attribute == "Name":
		return strings.TrimSuffix(e.code, ".functionName") + ".functionArn", e.group, 6
	}
	return "", "", 0
}

// valueTargets are the Gen 1 resources a value refers to, for reports.
func valueTargets(v model.CfnValue) []string {
	var out []string
	for _, p := range v.Parts {
		if p.Kind == model.PartRef {
			s := p.Ref.Category + "/" + p.Ref.Resource
			if p.Ref.Model != "" {
				s = "model " + p.Ref.Model
			}
			out = appendUnique(out, s)
		}
	}
	return out
}

// envKind classifies a Gen 1 environment variable.
type envKind int

const (
	envStatic      envKind = iota // a value resource.ts can hold
	envRefers                     // refers to other resources: set in backend.ts
	envSecret                     // a function secret
	envPlainSecret                // a secret-like user parameter kept in plain text in Gen 1
	envTodo                       // cannot be converted
)

// classifyEnv decides where an environment variable goes.
func (g *gen) classifyEnv(pl *fnPlan, e model.EnvVar) (envKind, tsVal) {
	for _, s := range pl.f.Secrets {
		if s.Name == e.Name {
			return envSecret, tsVal{}
		}
	}
	if p, ok := e.Value.Single(); ok && p.Kind == model.PartParam && p.HasValue && p.Value != "" && isSecretLike(e.Name) {
		return envPlainSecret, tsVal{}
	}
	for _, p := range e.Value.Parts {
		if p.Kind == model.PartRef {
			// Rendered in wireFunctions, once the other categories exist.
			return envRefers, tsVal{}
		}
	}
	v := g.renderValue(pl, e.Value)
	switch {
	case v.todo != "":
		return envTodo, v
	case v.self:
		v.todo = "the value refers to the function itself, which an environment variable of the function cannot (CloudFormation would see a cycle)"
		return envTodo, v
	case v.static:
		return envStatic, v
	}
	return envRefers, v
}
