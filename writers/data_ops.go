package writers

import (
	"fmt"
	"path"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

// addOperation adds a custom query, mutation or subscription.
func (ts_ *typedSchema) addOperation(root string, f *model.GQLField) {
	subject := root + "." + f.Name
	entry := ts.Entry{Key: f.Name}
	var todos []string
	manual := func(code, reason, action string, pos model.Pos) {
		ts_.todoFinding(code, model.Manual, subject, pos, reason, action)
	}
	ctor := map[string]string{"Query": "a.query()", "Mutation": "a.mutation()", "Subscription": "a.subscription()"}[root]
	chain := ts.Chain{Base: ts.Expr(ctor)}

	// Arguments.
	if len(f.Args) > 0 {
		var args ts.Obj
		for _, a := range f.Args {
			ft := ts_.typeExpr(a.Type, true)
			if ft.problem != "" {
				args = append(args, ts.Entry{Key: a.Name, Value: ts.Expr("a.json()"),
					Todo: fmt.Sprintf("Gen 1 argument %s: %s: %s; it is a.json() here.", a.Name, a.Type, ft.problem), TodoCode: "data.operation"})
				manual("data.operation", fmt.Sprintf("argument %s: %s has no Gen 2 type (%s)", a.Name, a.Type, ft.problem), "change the argument type", a.Pos)
				continue
			}
			args = append(args, ts.Entry{Key: a.Name, Value: ts.Expr(ft.expr)})
			if a.DefaultValue != "" {
				todos = append(todos, fmt.Sprintf("the default value %s of argument %s is not kept; apply it in the handler.", a.DefaultValue, a.Name))
				manual("data.operation-default", fmt.Sprintf("argument %s has a default value (%s), which Gen 2 arguments cannot carry", a.Name, a.DefaultValue), "apply the default in the handler", a.Pos)
			}
		}
		chain.Links = append(chain.Links, ts.Call{Fn: "arguments", Args: []ts.Value{args}})
	}

	// Subscriptions: sources.
	if root == "Subscription" {
		if len(f.Subscribe) == 0 {
			ts_.commentedOperation(entry, subject, f, "Gen 1 subscription without @aws_subscribe (a subscription with its own resolver) has no Gen 2 equivalent")
			return
		}
		var sources ts.Arr
		for _, mut := range f.Subscribe {
			src, ok := ts_.subscriptionSource(mut)
			if !ok {
				ts_.commentedOperation(entry, subject, f, fmt.Sprintf("@aws_subscribe names mutation %s, which is neither a model mutation nor a converted custom mutation", mut))
				return
			}
			sources = append(sources, ts.Expr(src))
		}
		if len(sources) == 1 {
			chain.Links = append(chain.Links, ts.Call{Fn: "for", Args: []ts.Value{sources[0]}})
		} else {
			chain.Links = append(chain.Links, ts.Call{Fn: "for", Args: []ts.Value{sources}})
		}
	} else {
		ft := ts_.typeExpr(f.Type, false)
		if ft.problem != "" {
			ts_.commentedOperation(entry, subject, f, "its return type "+f.Type.String()+" has no Gen 2 equivalent: "+ft.problem)
			return
		}
		chain.Links = append(chain.Links, ts.Call{Fn: "returns", Args: []ts.Value{ts.Expr(ft.expr)}})
	}

	// Handler.
	switch {
	case len(f.Functions) > 0:
		var hs ts.Arr
		for _, fn := range f.Functions {
			h := "a.handler.function(" + ts_.functionRef(fn, subject) + ")"
			if fn.InvocationType == "Event" {
				h += ".async()"
				todos = append(todos, "Gen 1 invoked the function asynchronously (invocationType: Event); Gen 2 async handlers return EventInvocationResponse instead of "+f.Type.String()+".")
				manual("data.async-function", "asynchronous @function handlers return EventInvocationResponse in Gen 2", "update clients that read the return value", fn.Pos)
			}
			if fn.Region != "" || fn.AccountID != "" {
				todos = append(todos, fmt.Sprintf("Gen 1 called %s in region %q account %q; Gen 2 handlers call functions by name in the backend's account and region.", fn.Name, fn.Region, fn.AccountID))
				manual("data.function-remote", "cross-region or cross-account @function handlers have no typed Gen 2 equivalent", "grant and call the remote function from a local one", fn.Pos)
			}
			hs = append(hs, ts.Expr(h))
		}
		if len(hs) == 1 {
			chain.Links = append(chain.Links, ts.Call{Fn: "handler", Args: []ts.Value{hs[0]}})
		} else {
			chain.Links = append(chain.Links, ts.Call{Fn: "handler", Args: []ts.Value{hs}})
		}
	case root == "Subscription":
		file := "subscription-passthrough.js"
		ts_.files[file] = "// A subscription resolver that only forwards the mutation's result:\n// Gen 1's @aws_subscribe subscriptions had no resolver of their own.\nexport function request() {\n  return {};\n}\n\nexport function response(ctx) {\n  return ctx.result;\n}\n"
		chain.Links = append(chain.Links, ts.Expr("handler(a.handler.custom({ entry: './"+file+"' }))"))
	case f.HTTP != nil:
		ts_.commentedOperation(entry, subject, f, "Gen 1 resolved it with "+f.HTTP.String()+"; Gen 2 needs an HTTP data source (backend.data.addHttpDataSource) and a JavaScript resolver (a.handler.custom)")
		return
	case f.Predictions != nil:
		ts_.commentedOperation(entry, subject, f, "Gen 1 resolved it with "+f.Predictions.String()+"; Gen 2 has no @predictions: call Amazon Translate, Polly or Rekognition from a function or a custom handler")
		return
	default:
		vtl := ts_.resolverFiles(root, f.Name)
		reason := "it has no @function, so Gen 1 resolved it with a custom VTL resolver"
		if len(vtl) > 0 {
			reason += " (" + strings.Join(vtl, ", ") + ")"
		} else {
			reason += " in a custom stack, or not at all"
		}
		ts_.commentedOperation(entry, subject, f, reason+"; Gen 2 resolvers are JavaScript (a.handler.custom)")
		return
	}

	// Authorization.
	rules := f.Auth
	if len(rules) == 0 {
		rules = awsAuthRules(f.AWSAuth)
	}
	if len(rules) == 0 {
		rules = []model.AuthRule{defaultModeRule(ts_.api.Auth.Default.Type)}
		ts_.todoFinding("data.operation-auth", model.Auto, subject, f.Pos,
			fmt.Sprintf("the operation has no auth directive, so Gen 1 allowed callers of the default mode (%s); Gen 2 requires rules, so %s is written",
				ts_.api.Auth.Default.Type, ruleText(rules[0])), "")
	}
	for _, rule := range rules {
		if rule.EffectiveProvider() == "iam" || rule.Provider == "identityPool" {
			ts_.iamOps = append(ts_.iamOps, subject)
			break
		}
	}
	isCustom := root == "Subscription" && len(f.Functions) == 0
	arrow := authArrow(rules, true, func(problem string, rule model.AuthRule) {
		todos = append(todos, fmt.Sprintf("the rule %s has no Gen 2 equivalent for custom operations: %s.", ruleText(rule), problem))
		manual("data.auth-rule", fmt.Sprintf("the rule %s has no Gen 2 equivalent: %s", ruleText(rule), problem), "write the access check in the handler", rule.Pos)
	})
	if isCustom {
		// JavaScript handlers reject identity pool rules.
		var kept []model.AuthRule
		for _, rule := range rules {
			if p := rule.EffectiveProvider(); p == "iam" || p == "identityPool" {
				todos = append(todos, "Gen 1 let IAM callers subscribe; Gen 2 custom handlers do not support identity pool rules.")
				manual("data.auth-rule", "IAM access to a subscription with a custom handler has no Gen 2 equivalent", "subscribe with another auth mode", rule.Pos)
				continue
			}
			kept = append(kept, rule)
		}
		arrow = authArrow(kept, true, func(string, model.AuthRule) {})
	}
	if arrow == nil {
		arrow = ts.Arrow{Params: "allow", Body: ts.Arr{ts.Expr("allow.authenticated()")}}
		todos = append(todos, "no Gen 1 rule converts; signed-in users are let in until you write the rule.")
	}
	chain.Links = append(chain.Links, ts.Call{Fn: "authorization", Args: []ts.Value{arrow}})
	if len(todos) > 0 {
		entry.Todo = strings.Join(todos, " ")
		entry.TodoCode = "data.operation"
	}
	entry.Value = chain
	ts_.entries = append(ts_.entries, entry)
	ts_.emitted[subject] = true
	ts_.todoFinding("data.operation", model.Auto, subject, f.Pos, "custom "+strings.ToLower(root)+" with its arguments, return type, handler and rules", "")
}

// commentedOperation writes an operation that typed Gen 2 cannot express
// as a TODO with the Gen 1 definition, and a manual finding.
func (ts_ *typedSchema) commentedOperation(entry ts.Entry, subject string, f *model.GQLField, reason string) {
	entry.Value = nil
	entry.Key = ""
	entry.Todo = fmt.Sprintf("%s was not converted: %s. Gen 1 definition: %s", subject, reason, gqlFieldText(f))
	entry.TodoCode = "data.operation"
	ts_.entries = append(ts_.entries, entry)
	ts_.todoFinding("data.operation", model.Manual, subject, f.Pos, reason, "write the operation with a.query()/a.mutation() and a handler, or keep the schema as a string with `--tables reuse`")
}

// gqlFieldText renders a field's Gen 1 definition on one line.
func gqlFieldText(f *model.GQLField) string {
	var b strings.Builder
	b.WriteString(f.Name)
	if len(f.Args) > 0 {
		var args []string
		for _, a := range f.Args {
			args = append(args, a.Name+": "+a.Type.String())
		}
		b.WriteString("(" + strings.Join(args, ", ") + ")")
	}
	b.WriteString(": " + f.Type.String())
	for _, d := range f.Directives {
		b.WriteString(" " + d.String())
	}
	return b.String()
}

// subscriptionSource finds what a @aws_subscribe mutation name refers to: a
// model's create/update/delete mutation or a custom mutation.
func (ts_ *typedSchema) subscriptionSource(mut string) (string, bool) {
	for _, t := range ts_.s.Models() {
		for _, op := range t.Model.Ops {
			if op.Name == mut && (op.Kind == "create" || op.Kind == "update" || op.Kind == "delete") {
				return fmt.Sprintf("a.ref(%s).mutations([%s])", ts.Quote(t.Name), ts.Quote(op.Kind)), true
			}
		}
	}
	if ts_.emitted["Mutation."+mut] {
		return "a.ref(" + ts.Quote(mut) + ")", true
	}
	return "", false
}

// functionRef is the handler argument for a @function: the converted
// function's defineFunction, or the deployed name when the function is not
// part of the project.
func (ts_ *typedSchema) functionRef(fn model.FunctionRef, subject string) string {
	if sym, ok := ts_.g.functions[fn.Resource]; ok {
		ts_.fnImports[fn.Resource] = sym
		ts_.todoFinding("data.function-handler", model.Auto, subject, fn.Pos,
			fmt.Sprintf("@function(name: %q) is the converted function %s", fn.Name, sym.Ident), "")
		return sym.Ident
	}
	ts_.todoFinding("data.function-external", model.Manual, subject, fn.Pos,
		fmt.Sprintf("@function(name: %q) names a Lambda function that is not a function resource of this project; Gen 2 calls it by name", fn.Name),
		"check that the function exists in the account for every branch, and grant it what it needs")
	if fn.UsesEnv {
		ts_.usesBranch = true
		return "`" + strings.ReplaceAll(ts.Template(fn.Name), `\${env}`, "${branchName}") + "`"
	}
	return ts.Quote(fn.Name)
}

// resolverFiles lists the resolvers/ files for a field.
func (ts_ *typedSchema) resolverFiles(typeName, field string) []string {
	var out []string
	prefix := typeName + "." + field + "."
	for _, f := range ts_.api.Resolvers {
		if strings.HasPrefix(path.Base(f), prefix) {
			out = append(out, f)
		}
	}
	return out
}
