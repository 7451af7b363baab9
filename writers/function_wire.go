package writers

import (
	"fmt"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

// wireFunctions writes what connects functions to other resources, in
// backend.ts after the other categories' code: environment variables that
// name Gen 2 resources, IAM statements, stream triggers, layers and
// schedules defineFunction cannot express. Every reference is placed so
// that no two stacks depend on each other.
func (g *gen) wireFunctions() error {
	graph := g.structuralGraph()
	var sections []func(p *ts.Printer)
	var titles []string
	for _, pl := range g.fns.plans {
		w := &wiring{g: g, pl: pl, graph: graph, fn: "backend." + pl.sym.Ident, group: fnGroup(pl.sym)}
		w.env()
		w.policies()
		w.permissions()
		w.eventSources()
		w.layers()
		w.schedule()
		w.gen1Secrets()
		w.properties()
		w.otherResources()
		if len(w.lines) > 0 {
			sections = append(sections, w.print)
			titles = append(titles, fmt.Sprintf("Function %s (Gen 1: %s)", pl.r.Name, pl.r.Dir))
		}
	}
	if g.fns.ssm {
		g.backend.Imports.Add("aws-cdk-lib/aws-ssm", "StringParameter")
		g.backend.Imports.Add("aws-cdk-lib", "SecretValue")
		g.backend.Imports.Add("constructs", "Construct")
		g.backend.Add(OrderFunctions, "Passes a value to a function through SSM Parameter Store: an environment variable naming a resource of a stack that depends on the function's stack would make the two stacks depend on each other (amplify-backend#3286). Gen 2 loads the value into process.env before the handler runs, as it does for secrets.", printSSMHelper)
	}
	for i := range sections {
		g.backend.Add(OrderFunctions, titles[i], sections[i])
	}
	return nil
}

func printSSMHelper(p *ts.Printer) {
	p.Line(`function ssmValue(scope: Construct, id: string, value: string) {
  const path = ` + "`" + `/amplify-migrate/${backend.stack.node.getContext('amplify-backend-namespace')}/${backend.stack.node.getContext('amplify-backend-name')}/${id}` + "`" + `;
  new StringParameter(scope, id, { parameterName: path, stringValue: value });
  // Shaped like secret(): the function's environment lists the parameter and
  // is allowed to read it.
  return {
    resolve: () => SecretValue.unsafePlainText(value),
    resolvePath: () => ({ branchSecretPath: path, sharedSecretPath: path }),
  };
}`)
}

// wiring is the backend.ts code of one function.
type wiring struct {
	g     *gen
	pl    *fnPlan
	graph *stackGraph
	// fn is the function's backend expression ("backend.lognutrition").
	fn    string
	group string
	lines []func(p *ts.Printer)
	n     int // for unique construct ids
}

func (w *wiring) add(f func(p *ts.Printer)) { w.lines = append(w.lines, f) }

func (w *wiring) todo(code, text string) {
	w.add(func(p *ts.Printer) { p.Todo(code, text) })
}

func (w *wiring) print(p *ts.Printer) {
	for _, l := range w.lines {
		l(p)
	}
}

func (w *wiring) id(kind string) string {
	w.n++
	return fmt.Sprintf("%s%s%d", w.pl.sym.Ident, kind, w.n)
}

func (w *wiring) finding(f model.Finding) { w.g.finding(w.pl.r, f) }

// stackOf is the backend expression of a group's stack, "" when it has
// none this code can name.
func (w *wiring) stackOf(group string) string {
	switch group {
	case groupAuth, groupData, groupStorage:
		if w.g.backend.HasResource(group) {
			return "backend." + group + ".stack"
		}
	case groupFunction:
		return w.fn + ".stack"
	default:
		for _, pl := range w.g.fns.plans {
			if fnGroup(pl.sym) == group {
				return "backend." + pl.sym.Ident + ".stack"
			}
		}
	}
	return ""
}

func (w *wiring) useAws(v tsVal) {
	if v.aws {
		w.g.backend.Imports.Add("aws-cdk-lib", "Aws")
	}
	if v.branch {
		w.g.backend.BranchName()
	}
}

// env sets the variables whose values are other resources.
func (w *wiring) env() {
	for _, ref := range w.pl.refs {
		e := ref.v
		v := w.g.renderValue(w.pl, e.Value)
		targets := strings.Join(valueTargets(e.Value), ", ")
		if v.todo != "" {
			w.todo("function.env", fmt.Sprintf("set %s of %s: %s.", e.Name, w.pl.r.Name, v.todo))
			w.finding(model.Finding{Code: "function.env", Level: model.Manual, Subject: e.Name, Pos: e.Pos, Reason: v.todo,
				Action: "set it with " + w.fn + ".addEnvironment in amplify/backend.ts"})
			continue
		}
		w.useAws(v)
		if w.graph.canRefer(w.group, v.groups) {
			for _, t := range v.groups {
				w.graph.add(w.group, t)
			}
			code := v.code
			w.add(func(p *ts.Printer) {
				p.Value("", ts.Call{Fn: w.fn + ".addEnvironment", Args: []ts.Value{ts.Str(e.Name), ts.Expr(code)}}, ";")
			})
			w.finding(model.Finding{Code: "function.env", Level: model.Auto, Subject: e.Name, Pos: e.Pos,
				Reason: fmt.Sprintf("names %s: set in amplify/backend.ts to %s", targets, v.code)})
			continue
		}
		host := v.groups[0]
		hostStack := w.stackOf(host)
		if !w.pl.node || hostStack == "" || !w.graph.canRefer(host, v.groups[1:]) {
			why := "only Node.js functions load values from SSM Parameter Store into process.env"
			if w.pl.node {
				why = "the value cannot be passed through SSM from a stack this code can name"
			}
			w.todo("function.env", fmt.Sprintf("set %s of %s to %s: referring to it here would make the stacks of %s and %s depend on each other; %s.", e.Name, w.pl.r.Name, v.code, w.group, host, why))
			w.finding(model.Finding{Code: "function.env", Level: model.Manual, Subject: e.Name, Pos: e.Pos,
				Reason: fmt.Sprintf("names %s, but a direct reference would create a circular dependency between the %s and %s stacks; %s", targets, w.group, host, why),
				Action: "pass the value another way (for example read it at run time)"})
			continue
		}
		for _, t := range v.groups[1:] {
			w.graph.add(host, t)
		}
		w.g.fns.ssm = true
		code := v.code
		paramID := w.pl.sym.Ident + "-" + e.Name
		w.add(func(p *ts.Printer) {
			p.Value("", ts.Call{Fn: w.fn + ".addEnvironment", Args: []ts.Value{ts.Str(e.Name),
				ts.Call{Fn: "ssmValue", Args: []ts.Value{ts.Expr(hostStack), ts.Str(paramID), ts.Expr(code)}}}}, ";")
		})
		w.finding(model.Finding{Code: "function.env", Level: model.CDK, Subject: e.Name, Pos: e.Pos,
			Reason: fmt.Sprintf("names %s (%s); the %s stack depends on the function's %s stack, so the value reaches the function through an SSM parameter instead of a cross-stack reference (circular dependency otherwise)", targets, v.code, host, w.group)})
	}
}

// policies converts the IAM statements of the Gen 1 role.
func (w *wiring) policies() {
	for _, st := range w.pl.f.Policies {
		w.statement(st)
	}
}

// delegated reports whether a generated statement is granted by another
// conversion's access rules (defineAuth, defineStorage), and by which.
func (w *wiring) delegated(st model.PolicyStatement) string {
	if !st.Generated || len(st.Resources) == 0 {
		return ""
	}
	category, resource := "", ""
	for _, res := range st.Resources {
		for _, p := range res.Parts {
			if p.Kind != model.PartRef {
				continue
			}
			if category != "" && (category != p.Ref.Category || resource != p.Ref.Resource) {
				return ""
			}
			category, resource = p.Ref.Category, p.Ref.Resource
		}
	}
	target := w.g.p.Find(category, resource)
	if target == nil || w.pl.f.Permissions[category][resource] == nil {
		return ""
	}
	switch {
	case category == model.CategoryAuth && target.Service == "Cognito" && w.g.backend.HasResource("auth"):
		return "defineAuth access in amplify/auth/resource.ts (auth conversion)"
	case category == model.CategoryStorage && target.Bucket != nil && !target.Imported && w.g.storageBucketExpr(resource) != "":
		return "defineStorage access in amplify/storage/resource.ts (storage conversion)"
	}
	return ""
}

// graphQLGrant recognises Gen 1's appsync:GraphQL statement on the types
// of the API and returns the matching grant methods.
func (w *wiring) graphQLGrant(st model.PolicyStatement) []string {
	if len(st.Actions) != 1 || st.Actions[0] != "appsync:GraphQL" || st.Condition != "" || st.Effect != "Allow" {
		return nil
	}
	var grants []string
	for _, res := range st.Resources {
		n := len(res.Parts)
		if n < 2 {
			return nil
		}
		code, _, span := w.g.arnPattern(res.Parts)
		if code != "backend.data.resources.graphqlApi.arn" || span != n-1 || res.Parts[n-1].Kind != model.PartText {
			return nil
		}
		switch res.Parts[n-1].Text {
		case "/types/Query/*":
			grants = append(grants, "grantQuery")
		case "/types/Mutation/*":
			grants = append(grants, "grantMutation")
		case "/types/Subscription/*":
			grants = append(grants, "grantSubscription")
		default:
			return nil
		}
	}
	return grants
}

func (w *wiring) statement(st model.PolicyStatement) {
	subject := st.Source
	if len(st.Actions) > 0 {
		subject += ": " + strings.Join(st.Actions, ", ")
		if len(subject) > 120 {
			subject = subject[:117] + "..."
		}
	}
	if st.Unsupported != "" {
		w.todo("function.policy", fmt.Sprintf("the Gen 1 %s statement uses %s, which this conversion does not write; add it to %s.resources.lambda's role: %s", st.Source, st.Unsupported, w.fn, st.Raw))
		w.finding(model.Finding{Code: "function.policy", Level: model.Manual, Subject: subject, Pos: st.Pos,
			Reason: "the statement uses " + st.Unsupported, Action: "add it by hand in amplify/backend.ts"})
		return
	}
	if by := w.delegated(st); by != "" {
		w.finding(model.Finding{Code: "function.policy", Level: model.Auto, Subject: subject, Pos: st.Pos,
			Reason: "granted by " + by})
		return
	}
	if grants := w.graphQLGrant(st); grants != nil && w.graph.canRefer(w.group, []string{groupData}) {
		w.graph.add(w.group, groupData)
		w.add(func(p *ts.Printer) {
			for _, gr := range grants {
				p.Linef("backend.data.resources.graphqlApi.%s(%s.resources.lambda);", gr, w.fn)
			}
		})
		w.finding(model.Finding{Code: "function.policy", Level: model.CDK, Subject: subject, Pos: st.Pos,
			Reason: "appsync:GraphQL on the API's types becomes " + strings.Join(grants, ", ") + " in amplify/backend.ts"})
		return
	}
	var resources ts.Arr
	var groups []string
	self := false
	for _, res := range st.Resources {
		v := w.g.renderValue(w.pl, res)
		if v.todo != "" {
			w.todo("function.policy", fmt.Sprintf("add the Gen 1 %s statement to %s: %s. Statement: %s", st.Source, w.pl.r.Name, v.todo, st.Raw))
			w.finding(model.Finding{Code: "function.policy", Level: model.Manual, Subject: subject, Pos: st.Pos, Reason: v.todo,
				Action: "add the statement by hand in amplify/backend.ts"})
			return
		}
		w.useAws(v)
		resources = append(resources, ts.Expr(v.code))
		for _, gr := range v.groups {
			groups = appendUnique(groups, gr)
		}
		self = self || v.self
	}
	obj := ts.Obj{}
	if st.Effect != "Allow" {
		w.g.backend.Imports.Add("aws-cdk-lib/aws-iam", "Effect")
		obj.Set("effect", ts.Expr("Effect."+strings.ToUpper(st.Effect)))
	}
	obj.Set("actions", ts.Strs(st.Actions...))
	obj.Set("resources", resources)
	if st.Condition != "" {
		cond, ok := jsonToTS(gjson.Parse(st.Condition))
		if !ok {
			w.todo("function.policy", fmt.Sprintf("add the condition of the Gen 1 %s statement to the statement below: %s", st.Source, st.Condition))
			w.finding(model.Finding{Code: "function.policy", Level: model.Manual, Subject: subject, Pos: st.Pos,
				Reason: "the statement's condition uses template functions", Action: "add the condition by hand in amplify/backend.ts"})
		} else {
			obj.Set("conditions", cond)
		}
	}
	w.g.backend.Imports.Add("aws-cdk-lib/aws-iam", "PolicyStatement")
	stmt := ts.Call{Fn: "new PolicyStatement", Args: []ts.Value{obj}}
	placed := w.place(groups, self, func(p *ts.Printer, host string) {
		if host == "" {
			p.Value(w.fn+".resources.lambda.addToRolePolicy(", stmt, ");")
			return
		}
		w.g.backend.Imports.Add("aws-cdk-lib/aws-iam", "Policy")
		p.Value(w.fn+".resources.lambda.role?.attachInlinePolicy(", ts.Call{Fn: "new Policy", Args: []ts.Value{
			ts.Expr(host), ts.Str(w.id("Policy")), ts.Obj{{Key: "statements", Value: ts.Arr{stmt}}}}}, ");")
	})
	if !placed {
		w.todo("function.policy", fmt.Sprintf("grant %s the Gen 1 %s statement: every placement makes two stacks depend on each other. Statement: %s", w.pl.r.Name, st.Source, st.Raw))
		w.finding(model.Finding{Code: "function.policy", Level: model.Manual, Subject: subject, Pos: st.Pos,
			Reason: "the statement would create a circular stack dependency wherever it is placed", Action: "grant it by hand in amplify/backend.ts"})
		return
	}
	reason := "IAM statement added to the function's role in amplify/backend.ts"
	if st.Source == "custom-policies.json" {
		reason = "custom-policies.json statement added to the function's role in amplify/backend.ts (AWS's own tool drops these)"
	}
	w.finding(model.Finding{Code: "function.policy", Level: model.CDK, Subject: subject, Pos: st.Pos, Reason: reason})
}

// place writes code that refers to groups: in the function's own stack
// when that makes no cycle (host ""), else as a policy in the stack of the
// resource it refers to (host is that stack's expression), which then
// depends on the function's stack instead. It returns false when neither
// is possible.
func (w *wiring) place(groups []string, self bool, write func(p *ts.Printer, host string)) bool {
	if w.graph.canRefer(w.group, groups) {
		for _, t := range groups {
			w.graph.add(w.group, t)
		}
		host := ""
		if self {
			// A statement on the function itself cannot go in its default
			// policy, which the function depends on.
			host = w.fn + ".stack"
		}
		w.add(func(p *ts.Printer) { write(p, host) })
		return true
	}
	for _, h := range groups {
		stack := w.stackOf(h)
		rest := append(without(groups, h), w.group)
		if stack == "" || !w.graph.canRefer(h, rest) {
			continue
		}
		for _, t := range rest {
			w.graph.add(h, t)
		}
		w.add(func(p *ts.Printer) { write(p, stack) })
		return true
	}
	return false
}

func without(list []string, s string) []string {
	var out []string
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// permissions reports how each function-parameters.json permission
// reaches Gen 2 (the statements themselves come from the template).
func (w *wiring) permissions() {
	f := w.pl.f
	for _, cat := range sortedKeys(f.Permissions) {
		for _, name := range sortedKeys(f.Permissions[cat]) {
			ops := f.Permissions[cat][name]
			target := w.g.p.Find(cat, strings.TrimSuffix(name, ":@model(appsync)"))
			pos := f.Positions["permissions."+cat+"."+name]
			subject := fmt.Sprintf("permissions %s/%s", cat, name)
			desc := strings.Join(ops, ", ")
			var level model.Level
			var reason string
			needs := map[string]string{model.CategoryAuth: "auth", model.CategoryAPI: "data"}[cat]
			if strings.HasSuffix(name, ":@model(appsync)") {
				needs = "data"
			} else if cat == model.CategoryStorage && target != nil && target.Service == "S3" {
				needs = "storage"
			}
			switch {
			case needs != "" && !w.g.backend.HasResource(needs):
				level, reason = model.Manual, fmt.Sprintf("%s on %s, whose Gen 2 %s resource this conversion did not make", desc, name, needs)
			case strings.HasSuffix(name, ":@model(appsync)"):
				level, reason = model.CDK, fmt.Sprintf("%s on the %s model table: the table actions Gen 1's AmplifyResourcesPolicy granted, on backend.data.resources.tables['%s']", desc, strings.TrimSuffix(name, ":@model(appsync)"), strings.TrimSuffix(name, ":@model(appsync)"))
			case target == nil:
				level, reason = model.Manual, fmt.Sprintf("%s on %s, which is not a resource of this project", desc, name)
			case cat == model.CategoryAuth && target.Service == "Cognito":
				level, reason = model.Auto, desc+" on the user pool: defineAuth access (auth conversion)"
			case cat == model.CategoryStorage && target.Service == "S3":
				level, reason = model.Auto, desc+" on the bucket: defineStorage access (storage conversion)"
			case cat == model.CategoryAPI && target.Service == "AppSync":
				level, reason = model.CDK, desc+" on the GraphQL API: graphqlApi grants in amplify/backend.ts"
			case cat == model.CategoryStorage && target.Service == "DynamoDB":
				level, reason = model.CDK, desc+" on the table: the actions Gen 1 granted, on the CDK table in amplify/backend.ts"
			case cat == model.CategoryFunction:
				level, reason = model.CDK, desc+" on the function: the lambda actions Gen 1 granted, on its Gen 2 function"
			default:
				level, reason = model.CDK, fmt.Sprintf("%s on %s/%s (%s): the statements Gen 1 granted, with Gen 2 resource names where they are known", desc, cat, name, target.Service)
			}
			w.finding(model.Finding{Code: "function.permission", Level: level, Subject: subject, Pos: pos, Reason: reason})
		}
	}
}

// eventSources converts stream triggers.
func (w *wiring) eventSources() {
	for _, es := range w.pl.f.EventSources {
		w.eventSource(es)
	}
}

func (w *wiring) eventSource(es model.EventSource) {
	src, single := es.Source.Single()
	subject := "event source " + es.LogicalID
	if !single || src.Kind != model.PartRef || src.Ref.Attribute != "StreamArn" {
		w.todo("function.event-source", fmt.Sprintf("recreate the Gen 1 event source %s of %s (source %s) with %s.resources.lambda.addEventSource(...)", es.LogicalID, w.pl.r.Name, es.Source.Raw, w.fn))
		w.finding(model.Finding{Code: "function.event-source", Level: model.Manual, Subject: subject, Pos: es.Pos,
			Reason: "the event source is not a DynamoDB stream of this project (" + es.Source.Raw + ")", Action: "recreate it in amplify/backend.ts"})
		return
	}
	ref := src.Ref
	if ref.Model == "" && ref.Category == model.CategoryStorage {
		if t := w.g.p.Find(ref.Category, ref.Resource); t != nil && t.Table != nil && tableTriggers(t.Table)[w.pl.r.Name] {
			w.finding(model.Finding{Code: "function.event-source", Level: model.Auto, Subject: subject, Pos: es.Pos,
				Reason: fmt.Sprintf("the stream of the storage table %s triggers the function; the storage conversion wires it (the table lists it in triggerFunctions)", ref.Resource)})
			return
		}
	}
	e := w.g.attrExpr(ref)
	if e.todo != "" {
		w.todo("function.event-source", fmt.Sprintf("feed %s from the stream of %s: %s", w.pl.r.Name, ref.Resource, e.todo))
		w.finding(model.Finding{Code: "function.event-source", Level: model.Manual, Subject: subject, Pos: es.Pos, Reason: e.todo,
			Action: "add the event source in amplify/backend.ts"})
		return
	}
	table := strings.TrimSuffix(e.code, ".tableStreamArn!")
	props := ts.Obj{}
	pos := es.StartingPosition
	if pos == "" {
		pos = "LATEST"
	}
	props.Set("startingPosition", ts.Expr("StartingPosition."+pos))
	if es.BatchSize > 0 {
		props.Set("batchSize", ts.Num(es.BatchSize))
	}
	if !es.Enabled {
		props.Set("enabled", ts.Bool(false))
	}
	im := &w.g.backend.Imports
	im.Add("aws-cdk-lib/aws-lambda", "StartingPosition")
	for _, k := range sortedKeys(es.Extra) {
		w.todo("function.event-source", fmt.Sprintf("the Gen 1 event source %s also set %s = %s; add it to the event source below.", es.LogicalID, k, es.Extra[k]))
		w.finding(model.Finding{Code: "function.event-source", Level: model.Manual, Subject: subject + " " + k, Pos: es.Pos,
			Reason: "the setting " + k + " is not converted", Action: "add it to the event source in amplify/backend.ts"})
	}
	what := "the " + ref.Model + " model table"
	if ref.Model == "" {
		what = "the storage table " + ref.Resource
	}
	if w.graph.canRefer(w.group, []string{e.group}) {
		w.graph.add(w.group, e.group)
		im.Add("aws-cdk-lib/aws-lambda-event-sources", "DynamoEventSource")
		w.add(func(p *ts.Printer) {
			p.Value(w.fn+".resources.lambda.addEventSource(", ts.Call{Fn: "new DynamoEventSource", Args: []ts.Value{ts.Expr(table), props}}, ");")
		})
		w.finding(model.Finding{Code: "function.event-source", Level: model.CDK, Subject: subject, Pos: es.Pos,
			Reason: fmt.Sprintf("the stream of %s triggers the function: DynamoEventSource in amplify/backend.ts (it also grants the stream read access of Gen 1's %s policy)", what, es.LogicalID)})
		return
	}
	host := w.stackOf(e.group)
	if host == "" || !w.graph.canRefer(e.group, []string{w.group}) {
		w.todo("function.event-source", fmt.Sprintf("feed %s from the stream of %s without a circular stack dependency", w.pl.r.Name, what))
		w.finding(model.Finding{Code: "function.event-source", Level: model.Manual, Subject: subject, Pos: es.Pos,
			Reason: "the event source would create a circular stack dependency", Action: "add it by hand in amplify/backend.ts"})
		return
	}
	w.graph.add(e.group, w.group)
	im.Add("aws-cdk-lib/aws-lambda", "EventSourceMapping")
	im.Add("aws-cdk-lib/aws-iam", "Policy", "PolicyStatement")
	props = append(ts.Obj{{Key: "target", Value: ts.Expr(w.fn + ".resources.lambda")}, {Key: "eventSourceArn", Value: ts.Expr(table + ".tableStreamArn!")}}, props...)
	w.add(func(p *ts.Printer) {
		p.Comment("The mapping lives in the table's stack: the function's stack cannot refer to it without a circular dependency.")
		p.Value("", ts.Call{Fn: "new EventSourceMapping", Args: []ts.Value{ts.Expr(host), ts.Str(w.id("Stream")), props}}, ";")
		p.Value(w.fn+".resources.lambda.role?.attachInlinePolicy(", ts.Call{Fn: "new Policy", Args: []ts.Value{ts.Expr(host), ts.Str(w.id("StreamRead")),
			ts.Obj{{Key: "statements", Value: ts.Arr{ts.Call{Fn: "new PolicyStatement", Args: []ts.Value{ts.Obj{
				{Key: "actions", Value: ts.Strs("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams")},
				{Key: "resources", Value: ts.Arr{ts.Expr(table + ".tableStreamArn!")}},
			}}}}}}}}, ");")
	})
	w.finding(model.Finding{Code: "function.event-source", Level: model.CDK, Subject: subject, Pos: es.Pos,
		Reason: fmt.Sprintf("the stream of %s triggers the function: an EventSourceMapping in the table's stack (a circular dependency otherwise)", what)})
}

// tableTriggers are the functions a storage table's settings feed from its stream.
func tableTriggers(t *model.Table) map[string]bool {
	out := map[string]bool{}
	for _, tr := range t.Triggers {
		out[tr.Function] = true
	}
	return out
}

// layers attaches the project layers (and, for CDK functions, external ones).
func (w *wiring) layers() {
	for _, l := range w.pl.f.Layers {
		switch {
		case l.Project != "":
			lp := w.g.fns.layers[l.Project]
			if lp == nil || !lp.ok {
				w.todo("function.layer", fmt.Sprintf("attach the layer %s to %s once it exists in Gen 2", l.Project, w.pl.r.Name))
				w.finding(model.Finding{Code: "function.layer", Level: model.Manual, Subject: l.Project, Pos: l.Pos,
					Reason: "the project layer was not converted", Action: "attach it in amplify/backend.ts"})
				continue
			}
			w.graph.add(w.group, groupLayers)
			w.g.backend.Imports.Add("aws-cdk-lib/aws-lambda", "Function as LambdaFunction")
			w.add(func(p *ts.Printer) {
				p.Linef("(%s.resources.lambda as LambdaFunction).addLayers(%s);", w.fn, lp.ident)
			})
			reason := fmt.Sprintf("the project layer %s (a CDK LayerVersion) is attached in amplify/backend.ts", l.Project)
			if l.Version != "" && !strings.HasPrefix(l.Version, "Always") {
				reason += fmt.Sprintf("; Gen 1 pinned version %s, Gen 2 publishes the layer's current content", l.Version)
			}
			w.finding(model.Finding{Code: "function.layer", Level: model.CDK, Subject: l.Project, Pos: l.Pos, Reason: reason})
		case l.Arn != "" && !w.pl.node:
			w.g.backend.Imports.Add("aws-cdk-lib/aws-lambda", "Function as LambdaFunction", "LayerVersion")
			id := w.id("Layer")
			arn := l.Arn
			w.add(func(p *ts.Printer) {
				p.Value("", ts.Call{Fn: "(" + w.fn + ".resources.lambda as LambdaFunction).addLayers", Args: []ts.Value{
					ts.Call{Fn: "LayerVersion.fromLayerVersionArn", Args: []ts.Value{ts.Expr(w.fn + ".stack"), ts.Str(id), ts.Str(arn)}}}}, ";")
			})
			w.finding(model.Finding{Code: "function.layer", Level: model.CDK, Subject: layerNameFromArn(l.Arn), Pos: l.Pos,
				Reason: "the external layer is attached in amplify/backend.ts with LayerVersion.fromLayerVersionArn: " + l.Arn})
		}
	}
}

// schedule adds the EventBridge rule of a schedule defineFunction cannot express.
func (w *wiring) schedule() {
	if w.pl.scheduleRule == "" {
		return
	}
	im := &w.g.backend.Imports
	im.Add("aws-cdk-lib/aws-events", "Rule", "Schedule")
	im.Add("aws-cdk-lib/aws-events-targets", "LambdaFunction as LambdaFunctionTarget")
	id := w.id("Schedule")
	expr := w.pl.scheduleRule
	w.add(func(p *ts.Printer) {
		p.Value("", ts.Call{Fn: "new Rule", Args: []ts.Value{ts.Expr(w.fn + ".stack"), ts.Str(id), ts.Obj{
			{Key: "schedule", Value: ts.Expr("Schedule.expression(" + ts.Quote(expr) + ")")},
			{Key: "targets", Value: ts.Arr{ts.Expr("new LambdaFunctionTarget(" + w.fn + ".resources.lambda)")}},
		}}}, ";")
	})
}

// gen1Secrets lets a CDK function read the Gen 1 SSM parameters of its secrets.
func (w *wiring) gen1Secrets() {
	if len(w.pl.secretsFromGen1) == 0 {
		return
	}
	var resources ts.Arr
	for _, s := range w.pl.secretsFromGen1 {
		resources = append(resources, ts.Expr("`arn:${Aws.PARTITION}:ssm:${Aws.REGION}:${Aws.ACCOUNT_ID}:parameter"+ts.Template(s.Name)+"`"))
	}
	im := &w.g.backend.Imports
	im.Add("aws-cdk-lib", "Aws")
	im.Add("aws-cdk-lib/aws-iam", "PolicyStatement")
	w.add(func(p *ts.Printer) {
		p.Comment("The function reads its secrets from the Gen 1 SSM parameters, as before.")
		p.Value(w.fn+".resources.lambda.addToRolePolicy(", ts.Call{Fn: "new PolicyStatement", Args: []ts.Value{ts.Obj{
			{Key: "actions", Value: ts.Strs("ssm:GetParameter", "ssm:GetParameters")},
			{Key: "resources", Value: resources},
		}}}, ");")
	})
}

// properties sets function properties of the Gen 1 template that
// defineFunction has no option for (VpcConfig, TracingConfig, ...).
func (w *wiring) properties() {
	for _, o := range w.pl.f.OtherResources {
		if o.Type != "property" {
			continue
		}
		v, ok := jsonToTS(gjson.Parse(o.Raw))
		if !ok {
			w.todo("function.property", fmt.Sprintf("set the Gen 1 function property %s (%s) on %s.resources.cfnResources.cfnFunction; it uses template functions", o.LogicalID, o.Raw, w.fn))
			w.finding(model.Finding{Code: "function.property", Level: model.Manual, Subject: o.LogicalID, Pos: o.Pos,
				Reason: "the property uses template functions", Action: "set it in amplify/backend.ts"})
			continue
		}
		name := o.LogicalID
		w.add(func(p *ts.Printer) {
			p.Value("", ts.Call{Fn: w.fn + ".resources.cfnResources.cfnFunction.addPropertyOverride", Args: []ts.Value{ts.Str(name), v}}, ";")
		})
		w.finding(model.Finding{Code: "function.property", Level: model.CDK, Subject: o.LogicalID, Pos: o.Pos,
			Reason: "the Gen 1 function property is set as is on the CloudFormation function in amplify/backend.ts"})
	}
}

// otherResources puts a TODO for each template resource not converted.
func (w *wiring) otherResources() {
	for _, o := range w.pl.f.OtherResources {
		if o.Type == "property" || (o.Type == "AWS::Lambda::Permission" && o.Principal == "s3.amazonaws.com" && w.pl.sym.Group == groupStorage) {
			continue
		}
		raw := o.Raw
		if len(raw) > 400 {
			raw = raw[:400] + "..."
		}
		w.todo("function.template-resource", fmt.Sprintf("recreate %s (%s) of the Gen 1 template of %s with CDK: %s", o.LogicalID, o.Type, w.pl.r.Name, raw))
	}
}

// jsonToTS writes JSON without template functions as a TypeScript value.
func jsonToTS(v gjson.Result) (ts.Value, bool) {
	switch {
	case v.IsObject():
		obj := ts.Obj{}
		ok := true
		v.ForEach(func(k, x gjson.Result) bool {
			key := k.String()
			if key == "Ref" || strings.HasPrefix(key, "Fn::") {
				ok = false
				return false
			}
			val, good := jsonToTS(x)
			if !good {
				ok = false
				return false
			}
			obj.Set(key, val)
			return true
		})
		return obj, ok
	case v.IsArray():
		arr := ts.Arr{}
		for _, x := range v.Array() {
			val, ok := jsonToTS(x)
			if !ok {
				return nil, false
			}
			arr = append(arr, val)
		}
		return arr, true
	case v.Type == gjson.String:
		return ts.Str(v.Str), true
	case v.Type == gjson.Null:
		return ts.Expr("null"), true
	}
	return ts.Expr(v.Raw), true
}
