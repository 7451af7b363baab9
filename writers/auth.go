package writers

import (
	"encoding/json"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

// authResourceFile is where defineAuth (or referenceAuth) goes.
const authResourceFile = "amplify/auth/resource.ts"

// writeAuth converts the project's Cognito resource: a new user pool defined
// in code (the default, with a trigger that brings users over on first
// sign-in), or the existing Gen 1 pools through referenceAuth (imported auth,
// or --auth reference).
func (g *gen) writeAuth() error {
	pools := g.p.ByService(model.CategoryAuth, "Cognito")
	groups := g.p.ByService(model.CategoryAuth, "Cognito-UserPool-Groups")
	var groupsRes *model.Resource
	if len(groups) > 0 {
		groupsRes = groups[0]
	}
	if len(pools) == 0 {
		if groupsRes != nil {
			g.finding(groupsRes, model.Finding{Code: "auth.groups-without-pool", Level: model.Manual, Subject: "userPoolGroups",
				Reason: "the project has user pool groups but no Cognito auth resource to hold them",
				Action: "add the auth resource back to backend-config.json (or remove the groups resource), then convert again"})
		}
		return nil
	}
	for _, extra := range pools[1:] {
		g.finding(extra, model.Finding{Code: "auth.multiple-pools", Level: model.Manual,
			Reason: fmt.Sprintf("Gen 2 has one auth resource per backend; %s is converted and this one is not", pools[0].Name),
			Action: "create this user pool with CDK in amplify/backend.ts (see the TODO there), or merge its users into the converted pool"})
	}
	res := pools[0]
	if res.Auth == nil {
		// The reader could not read it; it already reported why.
		return nil
	}
	w := &authWriter{g: g, res: res, a: res.Auth, groupsRes: groupsRes}
	var err error
	switch {
	case res.Imported:
		err = w.writeImported()
	case g.opts.Auth == AuthReference:
		err = w.writeReference()
	default:
		err = w.writeDefine()
	}
	if err != nil {
		return err
	}
	g.markHandled(res)
	if groupsRes != nil {
		g.markHandled(groupsRes)
		reason := fmt.Sprintf("the groups become groups of %s's defineAuth, with their Gen 1 precedence", res.Name)
		if res.Imported || g.opts.Auth == AuthReference {
			reason = "the referenced Gen 1 pool keeps its groups; referenceAuth maps their roles for access rules"
		}
		g.finding(groupsRes, model.Finding{Code: "auth.groups", Level: model.Auto, Reason: reason})
	}
	return nil
}

// authWriter converts one auth resource. It collects defineAuth's props,
// the imports of auth/resource.ts and the CDK statements for backend.ts,
// then prints them.
type authWriter struct {
	g         *gen
	res       *model.Resource
	a         *model.Auth
	groupsRes *model.Resource

	imports ts.Imports
	props   ts.Obj
	// header is the comment above the defineAuth call.
	header string
	// resourceTodos are TODOs printed above the defineAuth call.
	resourceTodos []todo
	// cdk are the statements of the backend.ts auth section; at is the
	// topic of the statements being added, which orders them.
	cdk []cdkStmt
	at  int
	// cfn records which of cfnUserPool, cfnUserPoolClient, cfnIdentityPool
	// the section uses, so it destructures only those.
	cfn map[string]bool
	// access are defineAuth access rules by function identifier.
	access      map[string][]string
	accessOrder []string
	accessNotes map[string]string
	// triggers are defineAuth triggers by event key.
	triggers      ts.Obj
	triggerEvents map[string]bool
	// social is true when defineAuth has social identity providers.
	social bool
	// functions lists the converted functions the auth resource wires,
	// for the guide.
	notes []string
}

type todo struct{ code, text string }

// cdkStmt is a backend.ts statement with the topic it belongs to.
type cdkStmt struct {
	topic int
	print func(p *ts.Printer)
}

// Topics of the backend.ts auth section, in print order.
const (
	topicSignIn = iota
	topicMessages
	topicPassword
	topicMFA
	topicClients
	topicIdentityPool
	topicGroups
	topicFunctions
	topicMigration
	topicHostedUI
)

// find records a finding about the auth resource.
func (w *authWriter) find(code string, level model.Level, subject string, pos model.Pos, reason, action string) {
	w.g.finding(w.res, model.Finding{Code: code, Level: level, Subject: subject, Reason: reason, Action: action, Pos: pos})
}

// findGroup records a finding about a group: on the groups resource when
// the project has one, so that each resource reports its own settings.
func (w *authWriter) findGroup(code string, level model.Level, subject string, pos model.Pos, reason, action string) {
	if w.groupsRes == nil {
		w.find(code, level, subject, pos, reason, action)
		return
	}
	w.g.finding(w.groupsRes, model.Finding{Code: code, Level: level, Subject: subject, Reason: reason, Action: action, Pos: pos})
}

// stmt adds a statement to the backend.ts auth section.
func (w *authWriter) stmt(f func(p *ts.Printer)) { w.cdk = append(w.cdk, cdkStmt{w.at, f}) }

// line adds a one-line statement with an optional comment above it.
func (w *authWriter) line(comment, code string) {
	w.stmt(func(p *ts.Printer) {
		if comment != "" {
			p.Comment(comment)
		}
		p.Line(code)
	})
}

// useCfn marks an L1 resource of the auth construct as used and returns its name.
func (w *authWriter) useCfn(name string) string {
	if w.cfn == nil {
		w.cfn = map[string]bool{}
	}
	w.cfn[name] = true
	return name
}

// fn returns the identifier of a converted function, imported into
// auth/resource.ts; ok is false when the function was not converted (it has
// no resource.ts), so nothing can refer to it.
func (w *authWriter) fn(name string) (ident string, ok bool) {
	sym := w.g.functions[name]
	if sym == nil {
		return "", false
	}
	rel := strings.TrimPrefix(sym.Module, "./")
	if _, done := w.g.files[path.Join("amplify", rel)+".ts"]; !done {
		return "", false
	}
	w.imports.Add("../"+rel, sym.Ident)
	return sym.Ident, true
}

// backendFn returns how backend.ts refers to a converted function
// (backend.<key>), when it was passed to defineBackend.
func (w *authWriter) backendFn(name string) (string, bool) {
	sym := w.g.functions[name]
	if sym == nil || !w.g.backend.HasResource(sym.Ident) {
		return "", false
	}
	return "backend." + sym.Ident, true
}

// allow adds defineAuth access actions for a function.
func (w *authWriter) allow(ident string, actions []string, why string) {
	if w.access == nil {
		w.access, w.accessNotes = map[string][]string{}, map[string]string{}
	}
	if _, ok := w.access[ident]; !ok {
		w.accessOrder = append(w.accessOrder, ident)
	}
	w.access[ident] = dedupe(append(w.access[ident], actions...))
	if why != "" && !strings.Contains(w.accessNotes[ident], why) {
		if w.accessNotes[ident] != "" {
			w.accessNotes[ident] += "; "
		}
		w.accessNotes[ident] += why
	}
}

// accessValue is the defineAuth access callback, or nil when there are no rules.
func (w *authWriter) accessValue() ts.Value {
	if len(w.accessOrder) == 0 {
		return nil
	}
	var rules ts.Arr
	for _, ident := range w.accessOrder {
		rules = append(rules, ts.Call{Fn: "allow.resource(" + ident + ").to", Args: []ts.Value{ts.Strs(w.access[ident]...)}})
	}
	return ts.Arrow{Params: "allow", Body: rules}
}

// accessComment explains the access rules.
func (w *authWriter) accessComment() string {
	var parts []string
	for _, ident := range w.accessOrder {
		if n := w.accessNotes[ident]; n != "" {
			parts = append(parts, ident+": "+n)
		}
	}
	return strings.Join(parts, ". ")
}

// printResource writes amplify/auth/resource.ts with call(props).
func (w *authWriter) printResource(call string, props ts.Value) {
	w.imports.Add("@aws-amplify/backend", call)
	p := ts.New()
	w.imports.Print(p)
	p.Blank()
	if w.header != "" {
		p.Comment(w.header)
	}
	for _, t := range w.resourceTodos {
		p.Todo(t.code, t.text)
	}
	p.Value("export const auth = "+call+"(", props, ");")
	w.g.addTS(authResourceFile, p)
	w.g.backend.Resource(OrderAuth, "auth", "auth", "./auth/resource")
}

// printBackendSection writes the CDK statements into backend.ts.
func (w *authWriter) printBackendSection(title string) {
	if len(w.cdk) == 0 {
		return
	}
	stmts := append([]cdkStmt(nil), w.cdk...)
	sort.SliceStable(stmts, func(i, j int) bool { return stmts[i].topic < stmts[j].topic })
	cfn := w.cfn
	w.g.backend.Add(OrderAuth, title, func(p *ts.Printer) {
		var names []string
		for _, n := range []string{"cfnUserPool", "cfnUserPoolClient", "cfnIdentityPool"} {
			if cfn[n] {
				names = append(names, n)
			}
		}
		if len(names) > 0 {
			p.Linef("const { %s } = backend.auth.resources.cfnResources;", strings.Join(names, ", "))
		}
		for _, s := range stmts {
			s.print(p)
		}
	})
}

// gen1Source names the settings file for comments.
func (w *authWriter) gen1Source() string {
	if w.a.Source != "" {
		return w.a.Source
	}
	return w.res.Dir
}

// groupList returns the Gen 1 groups with their precedence: from the
// groups resource (what Gen 1 deployed), else from userPoolGroupList.
func (w *authWriter) groupList() []model.UserPoolGroup {
	if w.groupsRes != nil && w.groupsRes.UserPoolGroups != nil && len(w.groupsRes.UserPoolGroups.Groups) > 0 {
		return w.groupsRes.UserPoolGroups.Groups
	}
	var out []model.UserPoolGroup
	for _, n := range w.a.Groups.Value {
		out = append(out, model.UserPoolGroup{Name: n, Pos: w.a.Groups.Pos})
	}
	return out
}

// sortedGroups orders groups as Gen 2 needs them: by Gen 1 precedence
// (groups without one last), keeping file order among equals.
func sortedGroups(gs []model.UserPoolGroup) []model.UserPoolGroup {
	out := append([]model.UserPoolGroup(nil), gs...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].HasPrecedence != out[j].HasPrecedence {
			return out[i].HasPrecedence
		}
		return out[i].Precedence < out[j].Precedence
	})
	return out
}

// groupRef is how backend.ts reaches a group of the auth construct.
func groupRef(name string) string {
	return "backend.auth.resources.groups[" + ts.Quote(name) + "]"
}

// writeGroups emits defineAuth groups (ordered by precedence), pins their
// Gen 1 precedence and attaches their custom policies.
func (w *authWriter) writeGroups() {
	w.at = topicGroups
	gs := w.groupList()
	if len(gs) == 0 {
		return
	}
	if w.groupsRes != nil && w.a.Groups.IsSet && !sameSet(w.a.Groups.Value, groupNames(gs)) {
		w.find("auth.groups-mismatch", model.Manual, "userPoolGroupList", w.a.Groups.Pos,
			fmt.Sprintf("userPoolGroupList (%s) differs from user-pool-group-precedence.json (%s); the precedence file is what Gen 1 deployed and is converted",
				strings.Join(w.a.Groups.Value, ", "), strings.Join(groupNames(gs), ", ")),
			"check which groups the Gen 1 pool really has (aws cognito-idp list-groups) and adjust groups in amplify/auth/resource.ts")
	}
	sorted := sortedGroups(gs)
	w.props.Add(ts.Entry{Key: "groups", Value: ts.Strs(groupNames(sorted)...),
		Comment: "Gen 2 derives precedence from this order; backend.ts pins the Gen 1 values."})
	for i, grp := range sorted {
		grp := grp
		switch {
		case !grp.HasPrecedence:
			w.line("", groupRef(grp.Name)+".cfnUserGroup.precedence = undefined;")
			w.findGroup("auth.group-precedence", model.CDK, "group "+grp.Name, grp.Pos,
				"Gen 1 gave the group no precedence; Gen 2 would set its list index, so backend.ts removes it", "")
		case grp.Precedence != i:
			w.line("", fmt.Sprintf("%s.cfnUserGroup.precedence = %d;", groupRef(grp.Name), grp.Precedence))
			w.findGroup("auth.group-precedence", model.CDK, "group "+grp.Name, grp.Pos,
				fmt.Sprintf("precedence %d pinned in backend.ts (Gen 2 would use the list index %d)", grp.Precedence, i), "")
		default:
			w.findGroup("auth.group-precedence", model.Auto, "group "+grp.Name, grp.Pos,
				fmt.Sprintf("precedence %d is the group's index in the groups list", grp.Precedence), "")
		}
		for j, pol := range grp.CustomPolicies {
			w.writeGroupPolicy(grp, j, pol)
		}
	}
}

func groupNames(gs []model.UserPoolGroup) []string {
	var out []string
	for _, g := range gs {
		out = append(out, g.Name)
	}
	return out
}

// writeGroupPolicy attaches a customPolicies entry of the precedence file to
// the group's role.
func (w *authWriter) writeGroupPolicy(grp model.UserPoolGroup, i int, raw string) {
	var pol struct {
		PolicyName     string          `json:"PolicyName"`
		PolicyDocument json.RawMessage `json:"PolicyDocument"`
	}
	if err := json.Unmarshal([]byte(raw), &pol); err != nil || len(pol.PolicyDocument) == 0 {
		w.stmt(func(p *ts.Printer) {
			p.Todo("auth.group-policy", fmt.Sprintf("group %s has a custom policy in %s that is not {PolicyName, PolicyDocument}; attach it to %s.role by hand.",
				grp.Name, grp.Pos, groupRef(grp.Name)))
		})
		w.findGroup("auth.group-policy", model.Manual, "group "+grp.Name, grp.Pos,
			"the group's custom policy is not {PolicyName, PolicyDocument} and cannot be converted", "attach it to the group role by hand (see the TODO in amplify/backend.ts)")
		return
	}
	var doc any
	_ = json.Unmarshal(pol.PolicyDocument, &doc)
	name := pol.PolicyName
	if name == "" {
		name = fmt.Sprintf("%sGroupPolicy%d", grp.Name, i+1)
	}
	w.g.backend.Imports.Add("aws-cdk-lib/aws-iam", "Policy", "PolicyDocument")
	id := ts.Ident(grp.Name) + "GroupPolicy" + fmt.Sprint(i+1)
	w.stmt(func(p *ts.Printer) {
		p.Comment(fmt.Sprintf("Custom policy of group %s (user-pool-group-precedence.json).", grp.Name))
		p.Value(groupRef(grp.Name)+".role.attachInlinePolicy(", ts.Call{Fn: "new Policy", Args: []ts.Value{
			ts.Expr("backend.auth.stack"), ts.Str(id),
			ts.Obj{{Key: "policyName", Value: ts.Str(name)}, {Key: "document", Value: ts.Call{Fn: "PolicyDocument.fromJson", Args: []ts.Value{jsonValue(doc)}}}},
		}}, ");")
	})
	w.findGroup("auth.group-policy", model.CDK, "group "+grp.Name, grp.Pos,
		fmt.Sprintf("custom policy %s is attached to the group role in backend.ts; check that the resources it names still exist for the Gen 2 branch", name), "")
}

// jsonValue turns decoded JSON into a printable value, keeping key order
// sorted (encoding/json decodes objects into maps).
func jsonValue(v any) ts.Value {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var o ts.Obj
		for _, k := range keys {
			o.Set(k, jsonValue(x[k]))
		}
		return o
	case []any:
		var a ts.Arr
		for _, it := range x {
			a = append(a, jsonValue(it))
		}
		return a
	case string:
		return ts.Str(x)
	case float64:
		return ts.Float(x)
	case bool:
		return ts.Bool(x)
	}
	return ts.Expr("null")
}

// writeTriggers wires each Gen 1 trigger to its converted function and
// gives the functions the permissions Gen 1 gave them.
func (w *authWriter) writeTriggers() {
	w.at = topicFunctions
	w.triggerEvents = map[string]bool{}
	for _, t := range w.a.Triggers {
		subject := "trigger " + t.Name
		if t.Name == "" {
			subject = "trigger " + t.Function
		}
		key := triggerEventNames[t.Event]
		if key == "" {
			w.triggerTodo(fmt.Sprintf("Gen 1 wired function %s to the user pool, but its trigger event is unknown (%s); add it here under the right event.", t.Function, t.Pos))
			w.find("auth.trigger", model.Manual, subject, t.Pos,
				fmt.Sprintf("the Cognito event of function %s cannot be determined", t.Function),
				"add the function to triggers in amplify/auth/resource.ts under the right event")
			continue
		}
		if w.triggerEvents[key] {
			w.triggerTodo(fmt.Sprintf("Gen 1 wired two functions to %s (%s); Gen 2 takes one per event, so %s is not wired. Merge the two handlers.", t.Event, t.Pos, t.Function))
			w.find("auth.trigger", model.Manual, subject, t.Pos,
				fmt.Sprintf("a second function (%s) for the %s trigger; Cognito runs one function per event", t.Function, t.Event),
				"merge the handlers into one function")
			continue
		}
		ident, ok := w.fn(t.Function)
		if !ok {
			w.triggerEvents[key] = true
			w.triggerTodo(fmt.Sprintf("the %s trigger runs Gen 1 function %s, which was not converted; convert it and add `%s: <function>` here.", t.Event, t.Function, key))
			w.find("auth.trigger", model.Manual, subject, t.Pos,
				fmt.Sprintf("trigger function %s was not converted, so the %s trigger cannot be wired", t.Function, t.Event),
				"convert the function (or restore its folder), then add it to triggers in amplify/auth/resource.ts")
			continue
		}
		w.triggerEvents[key] = true
		w.triggers.Set(key, ts.Expr(ident))
		reason := fmt.Sprintf("%s runs %s", key, t.Function)
		if len(t.Modules) > 0 {
			reason += " (modules " + strings.Join(t.Modules, ", ") + ")"
		}
		if t.Inferred {
			reason += "; the event was deduced from the function name because Gen 1 wired it outside the triggers setting"
		}
		if sym := w.g.functions[t.Function]; sym != nil && sym.Group != "auth" {
			reason += fmt.Sprintf("; the function is not in resource group 'auth' (it is in %q), which can make the auth and function stacks depend on each other", sym.Group)
		}
		w.find("auth.trigger", model.Auto, subject, t.Pos, reason, "")
		for _, m := range t.Modules {
			if m == "add-to-group" {
				w.notes = append(w.notes, fmt.Sprintf("The %s trigger (%s) adds new users to the group named by its GROUP variable; that group must be one of the groups in amplify/auth/resource.ts.", t.Event, t.Function))
			}
		}
	}
	// Permissions Gen 1 gave trigger functions on the user pool.
	for _, perm := range w.a.TriggerPermissions {
		var fnName string
		for _, t := range w.a.Triggers {
			if t.Event == perm.Trigger {
				fnName = t.Function
			}
		}
		subject := "permissions " + perm.Policy
		ident := ""
		if fnName != "" {
			ident, _ = w.fn(fnName)
		}
		if ident == "" {
			w.find("auth.trigger-permission", model.Manual, subject, perm.Pos,
				fmt.Sprintf("Gen 1 gave the %s trigger %s on the user pool, but the trigger function was not converted", perm.Trigger, strings.Join(perm.Actions, ", ")),
				"grant them with access in amplify/auth/resource.ts once the function is converted")
			continue
		}
		if !strings.EqualFold(perm.Effect, "allow") || !perm.OnUserPool {
			w.find("auth.trigger-permission", model.Manual, subject, perm.Pos,
				fmt.Sprintf("a %s statement on a resource other than the user pool cannot be expressed with defineAuth access", perm.Effect),
				"add the statement with backend.<function>.resources.lambda.addToRolePolicy in amplify/backend.ts")
			continue
		}
		var actions, unmapped []string
		for _, act := range perm.Actions {
			if a, ok := iamToAuthAction[act]; ok {
				actions = append(actions, a)
			} else {
				unmapped = append(unmapped, act)
			}
		}
		if len(actions) > 0 {
			w.allow(ident, actions, fmt.Sprintf("Gen 1 policy %s of the %s trigger", perm.Policy, perm.Trigger))
		}
		if len(unmapped) > 0 {
			w.writeUnmappedActions(fnName, unmapped, perm.Pos)
		}
		level := model.Auto
		if len(unmapped) > 0 {
			level = model.CDK
		}
		w.find("auth.trigger-permission", level, subject, perm.Pos,
			fmt.Sprintf("%s on the user pool: access %s", strings.Join(perm.Actions, ", "), strings.Join(dedupe(actions), ", ")), "")
	}
}

// triggerTodo adds a TODO line inside defineAuth's triggers.
func (w *authWriter) triggerTodo(text string) {
	w.triggers.Add(ts.Entry{Todo: text, TodoCode: "auth.trigger"})
}

// writeUnmappedActions grants Cognito actions defineAuth has no name for
// with a policy statement on the function's role.
func (w *authWriter) writeUnmappedActions(fnName string, actions []string, pos model.Pos) {
	ref, ok := w.backendFn(fnName)
	if !ok {
		w.stmt(func(p *ts.Printer) {
			p.Todo("auth.trigger-permission", fmt.Sprintf("give function %s %s on the user pool (%s): backend.<function>.resources.lambda.addToRolePolicy(new PolicyStatement({ actions, resources: [backend.auth.resources.userPool.userPoolArn] })).",
				fnName, strings.Join(actions, ", "), pos))
		})
		return
	}
	w.g.backend.Imports.Add("aws-cdk-lib/aws-iam", "PolicyStatement")
	w.stmt(func(p *ts.Printer) {
		p.Comment(fmt.Sprintf("Gen 1 also let %s call these on the user pool; defineAuth access has no name for them.", fnName))
		p.Value(ref+".resources.lambda.addToRolePolicy(", ts.Call{Fn: "new PolicyStatement", Args: []ts.Value{ts.Obj{
			{Key: "actions", Value: ts.Strs(actions...)},
			{Key: "resources", Value: ts.Arr{ts.Expr("backend.auth.resources.userPool.userPoolArn")}},
		}}}, ");")
	})
}

// writeFunctionAccess turns function-parameters.json permissions on this
// auth resource into defineAuth access rules.
func (w *authWriter) writeFunctionAccess() {
	for _, fr := range w.g.p.ByService(model.CategoryFunction, "Lambda") {
		if fr.Function == nil {
			continue
		}
		ops := functionAuthPermissions(fr.Function, w.res.Name)
		if len(ops) == 0 {
			continue
		}
		pos := fr.Function.Positions["permissions"]
		if pos.IsZero() {
			pos = fr.Pos
		}
		subject := "function " + fr.Name
		ident, ok := w.fn(fr.Name)
		if !ok {
			w.find("auth.function-access", model.Manual, subject, pos,
				fmt.Sprintf("function %s had %s access to the user pool, but it was not converted", fr.Name, strings.Join(ops, ", ")),
				"grant access with allow.resource(<function>).to([...]) in amplify/auth/resource.ts once it is converted")
			continue
		}
		var actions, unknown []string
		for _, op := range ops {
			if acts, ok := crudAuthActions[strings.ToLower(op)]; ok {
				actions = append(actions, acts...)
			} else {
				unknown = append(unknown, op)
			}
		}
		if len(actions) > 0 {
			w.allow(ident, actions, "Gen 1 function permissions "+strings.Join(ops, ", "))
		}
		level, reason := model.Auto, fmt.Sprintf("%s on the user pool becomes access %s (the function gets the pool id in amplifyAuth_USERPOOL_ID)", strings.Join(ops, ", "), strings.Join(dedupe(actions), ", "))
		if len(unknown) > 0 {
			level = model.Manual
			reason += fmt.Sprintf("; unknown operations %s are not granted", strings.Join(unknown, ", "))
		}
		if sym := w.g.functions[fr.Name]; sym != nil && sym.Group != "auth" && sym.Group != "" {
			reason += fmt.Sprintf("; the function is in resource group %q: if it also reads the user pool id from backend.auth, move it to group 'auth' to avoid a circular stack dependency", sym.Group)
		}
		w.find("auth.function-access", level, subject, pos, reason, "")
	}
}

// functionAuthPermissions returns the operations a function may perform on
// the auth resource (function-parameters.json permissions.auth.<name>).
func functionAuthPermissions(f *model.Function, authName string) []string {
	if f.Permissions != nil {
		return f.Permissions[model.CategoryAuth][authName]
	}
	// The function reader keeps function-parameters.json flattened until it
	// fills Permissions; read the same JSON here.
	raw := f.Settings["permissions"]
	if raw == "" {
		return nil
	}
	var perms map[string]map[string][]string
	if err := json.Unmarshal([]byte(raw), &perms); err != nil {
		return nil
	}
	return perms[model.CategoryAuth][authName]
}

// writeAdminQueries gives the Admin Queries function its access to the user
// pool and keeps its group restriction.
func (w *authWriter) writeAdminQueries() {
	w.at = topicFunctions
	if !w.a.AdminQueries.Value && !w.a.AdminQueryGroup.IsSet {
		return
	}
	fnName := w.adminQueriesFunction()
	subject := "adminQueries"
	group := w.a.AdminQueryGroup.Value
	if fnName == "" {
		w.find("auth.admin-queries", model.Manual, subject, w.a.AdminQueries.Pos,
			"Admin Queries is on but its API (api/AdminQueries) and function are not in the project",
			"restore them from version control, or turn Admin Queries off")
		return
	}
	ident, ok := w.fn(fnName)
	if !ok {
		w.find("auth.admin-queries", model.Manual, subject, w.a.AdminQueries.Pos,
			fmt.Sprintf("the Admin Queries function %s was not converted, so it cannot be given access to the user pool", fnName),
			"convert the function, then add allow.resource(<function>).to(['manageUsers', 'manageGroupMembership', 'listUsers', 'listUsersInGroup', 'listGroups']) to access in amplify/auth/resource.ts")
		return
	}
	w.allow(ident, adminQueriesActions, "the Admin Queries API")
	reason := fmt.Sprintf("function %s gets the user pool access its routes need (access %s)", fnName, strings.Join(adminQueriesActions, ", "))
	if group == "" {
		w.find("auth.admin-queries", model.CDK, subject, w.a.AdminQueries.Pos, reason+"; Gen 1 did not restrict it to a group", "")
		return
	}
	ref, inBackend := w.backendFn(fnName)
	if inBackend {
		w.line(fmt.Sprintf("Admin Queries: the function only serves members of %q (Gen 1 adminQueryGroup); it reads the group from GROUP.", group),
			fmt.Sprintf("%s.addEnvironment('GROUP', %s);", ref, ts.Quote(group)))
		w.find("auth.admin-queries", model.CDK, "adminQueryGroup", w.a.AdminQueryGroup.Pos,
			reason+fmt.Sprintf("; only members of %q may call it: backend.ts sets the function's GROUP variable, which the Gen 1 handler checks, and the REST API keeps its Cognito user pool authorizer", group), "")
		return
	}
	w.stmt(func(p *ts.Printer) {
		p.Todo("auth.admin-queries", fmt.Sprintf("Admin Queries must only serve members of %q (Gen 1 adminQueryGroup): set the GROUP environment variable of function %s to %s.", group, fnName, ts.Quote(group)))
	})
	w.find("auth.admin-queries", model.Manual, "adminQueryGroup", w.a.AdminQueryGroup.Pos,
		reason+fmt.Sprintf("; the restriction to group %q lives in the function's GROUP variable, which could not be set because the function is not in defineBackend", group),
		"set GROUP on the function (see the TODO in amplify/backend.ts)")
}

// adminQueriesFunction finds the function behind the Admin Queries API.
func (w *authWriter) adminQueriesFunction() string {
	for _, r := range w.g.p.ByService(model.CategoryAPI, "API Gateway") {
		if r.Name != "AdminQueries" {
			continue
		}
		for _, d := range r.DependsOn {
			if d.Category == model.CategoryFunction {
				return d.ResourceName
			}
		}
	}
	for _, r := range w.g.p.ByService(model.CategoryFunction, "Lambda") {
		if strings.HasPrefix(r.Name, "AdminQueries") {
			return r.Name
		}
	}
	return ""
}

// writeDropped reports CLI bookkeeping and unknown settings.
func (w *authWriter) writeDropped() {
	for _, d := range w.a.Dropped {
		w.find("auth.cli-setting", model.Drop, d.Key, d.Pos, "Amplify CLI bookkeeping with no Gen 2 meaning", "")
	}
	for _, u := range w.a.Unknown {
		w.find("auth.unknown-setting", model.Manual, u.Key, u.Pos,
			fmt.Sprintf("%s = %s is not a setting amplify-migrate knows, so it is not converted", u.Key, truncate(u.Value, 80)),
			"check whether the Gen 1 pool depends on it and set it in amplify/backend.ts if so")
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
