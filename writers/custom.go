package writers

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

// writeCustom converts custom resources: CloudFormation templates are
// included with CfnInclude, CDK stacks are ported to constructs. Resources
// of unknown categories that Gen 1 deployed from a template in their folder
// are included the same way. Then every override.ts is translated.
func (g *gen) writeCustom() error {
	items := g.includeOrder()
	var cdk, tpl []string
	for _, r := range items {
		if r.Service == "customCDK" {
			cdk = append(cdk, "`"+r.Name+"`")
		} else {
			tpl = append(tpl, "`"+r.Category+"/"+r.Name+"`")
		}
	}
	if len(cdk) > 0 {
		g.note(OrderCustom, "Custom resources", "The custom CDK stacks ("+strings.Join(cdk, ", ")+") are ported to constructs in `amplify/custom/<name>/resource.ts`: each class now extends `Construct` and is created in its own stack (`backend.createStack('<name>')`) by `amplify/backend.ts`, which passes the values `AmplifyHelpers.addResourceDependency` used to look up (the `amplifyResources` argument). `cdk.Fn.ref('env')` and `getProjectInfo().envName` are the branch name; CDK v1 imports are aws-cdk-lib ones. The rest of each file is your code as it was: review it, and check the TODOs.")
	}
	if len(tpl) > 0 {
		g.note(OrderCustom, "Custom resources", "The CloudFormation templates of "+strings.Join(tpl, ", ")+" are copied next to `amplify/backend.ts` and included with `CfnInclude`, each in its own stack, with the same logical IDs; the `env` parameter is the branch name, and the parameters Gen 1 filled from `dependsOn` get the Gen 2 resources' values.")
	}
	if len(items) > 0 {
		g.note(OrderCustom, "Custom resources", "Gen 2 deploys these resources anew. Names built from the environment (`<prefix>-${env}`) are the same as Gen 1's when the branch is named like the environment, and buckets, queues and maps with fixed names collide while both backends exist: deploy Gen 2 from a differently named branch first, or move the stateful resources into the Gen 2 stacks with a CloudFormation stack refactor (`aws cloudformation create-stack-refactor`) so their data stays.")
	}
	for _, r := range items {
		switch {
		case r.Custom != nil && r.Service == "customCDK":
			g.writeCustomCDK(r)
		case r.Custom != nil:
			g.writeTemplateInclude(r, r.Custom.CfnTemplate, r.Custom.Parameters)
		default:
			g.writeTemplateInclude(r, r.Other.Template, paramValues(r.Other))
		}
	}
	g.writeOverrides()
	return nil
}

// includeOrder returns the resources this file converts, ordered so that
// each comes after the resources it depends on (their variables must be
// declared first in backend.ts); ties keep project order.
func (g *gen) includeOrder() []*model.Resource {
	var items []*model.Resource
	in := map[model.ResourceRef]bool{}
	for _, r := range g.p.Resources {
		if r.Custom != nil || (r.Other != nil && !g.otherNative(r) && r.Other.Template != nil) {
			items = append(items, r)
			in[r.Ref()] = true
		}
	}
	done := map[model.ResourceRef]bool{}
	var out []*model.Resource
	for len(out) < len(items) {
		progress := false
		for _, r := range items {
			if done[r.Ref()] {
				continue
			}
			ready := true
			for _, d := range r.DependsOn {
				ref := model.ResourceRef{Category: d.Category, Name: d.ResourceName}
				if in[ref] && !done[ref] && ref != r.Ref() {
					ready = false
				}
			}
			if ready {
				done[r.Ref()] = true
				out = append(out, r)
				progress = true
			}
		}
		if !progress {
			// A cycle: Gen 1 could not have deployed it either; keep the
			// rest in project order and say so.
			for _, r := range items {
				if !done[r.Ref()] {
					done[r.Ref()] = true
					out = append(out, r)
					g.finding(r, model.Finding{Code: "custom.dependency-cycle", Level: model.Manual,
						Reason: "the resource is part of a dependsOn cycle between custom resources, so backend.ts declares it before a resource it refers to",
						Action: "break the cycle in amplify/backend.ts; references to resources declared later are TODOs"})
				}
			}
		}
	}
	return out
}

// paramValues turns an OtherResource's parameters into template values.
func paramValues(o *model.OtherResource) []model.ParamValue {
	var out []model.ParamValue
	keys := make([]string, 0, len(o.Parameters))
	for k := range o.Parameters {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := o.Parameters[k]
		pv := model.ParamValue{Name: k, Str: v, IsScalar: !strings.HasPrefix(v, "{") && !strings.HasPrefix(v, "["), Pos: o.Positions[k]}
		out = append(out, pv)
	}
	return out
}

// resourceGenDir is the Gen 2 folder of a resource: amplify/<category>/<name>.
func resourceGenDir(r *model.Resource) string { return resourceDir(r.Category, r.Name) }

// backendRel is a path under amplify/ as backend.ts refers to it.
func backendRel(p string) string { return "./" + strings.TrimPrefix(p, "amplify/") }

// writeTemplateInclude includes a Gen 1 CloudFormation template with
// CfnInclude in its own stack, passing each template parameter its Gen 2
// value.
func (g *gen) writeTemplateInclude(r *model.Resource, tpl *model.CfnTemplate, given []model.ParamValue) {
	g.markHandled(r)
	v := resourceVar(r)
	title := fmt.Sprintf("%s/%s: the Gen 1 CloudFormation template, included as is (same logical IDs) in its own stack.", r.Category, r.Name)
	if tpl == nil || tpl.Problem != "" {
		why := "there is no CloudFormation template"
		pos := r.Pos
		if tpl != nil {
			why, pos = tpl.Problem, tpl.Pos
		}
		g.finding(r, model.Finding{Code: "custom.template", Level: model.Manual, Pos: pos,
			Reason: fmt.Sprintf("the resource was deployed from a CloudFormation template, but %s", why),
			Action: "include the template with CfnInclude (aws-cdk-lib/cloudformation-include) or rewrite it in CDK in amplify/backend.ts (see the TODO there)"})
		g.backend.Add(OrderCustom, fmt.Sprintf("%s/%s: the Gen 1 CloudFormation template.", r.Category, r.Name), func(p *ts.Printer) {
			file := "the template"
			if tpl != nil {
				file = tpl.Path
			}
			p.Todo("custom.template", fmt.Sprintf("%s/%s was not converted: %s. Copy %s next to this file and include it: new CfnInclude(backend.createStack(%s), %s, { templateFile, parameters: { env: branchName, ... } }) from aws-cdk-lib/cloudformation-include, or rewrite its resources in CDK.",
				r.Category, r.Name, why, file, ts.Quote(r.Name), ts.Quote(r.Name)))
		})
		return
	}
	dst := path.Join(resourceGenDir(r), path.Base(tpl.Path))
	g.copyFile(dst, tpl.Path)
	g.finding(r, model.Finding{Code: "custom.template", Level: model.CDK, Pos: tpl.Pos,
		Reason: fmt.Sprintf("the Gen 1 template is copied to %s and included with CfnInclude in the stack %q, keeping its logical IDs", dst, r.Name),
		Action: "resources with fixed names (built from env, which is now the branch) collide with the Gen 1 ones while both exist: move them into the Gen 2 stack with a CloudFormation stack refactor, or deploy Gen 2 from a branch named differently from the Gen 1 environment"})

	values := map[string]model.ParamValue{}
	for _, pv := range given {
		values[pv.Name] = pv
	}
	// team-provider-info.json holds the environment's values, which win.
	for k, val := range r.EnvParams {
		values[k] = model.ParamValue{Name: k, Str: val, IsScalar: true, Pos: model.Pos{File: g.p.AmplifyDir + "/team-provider-info.json", Path: g.p.Env + ".categories." + r.Category + "." + r.Name + "." + k}}
	}
	deps := map[string][2]string{}
	for _, d := range r.DependsOn {
		for _, a := range d.Attributes {
			deps[paramName(d, a)] = [2]string{model.ResourceRef{Category: d.Category, Name: d.ResourceName}.String(), a}
		}
	}
	params := ts.Obj{}
	for _, tp := range tpl.Parameters {
		e := g.templateParam(r, tp, values, deps)
		if e.Value != nil || e.Todo != "" {
			params.Add(e)
		}
	}
	for _, pv := range given {
		if tpl.Parameter(pv.Name) == nil {
			g.finding(r, model.Finding{Code: "custom.parameter", Level: model.Drop, Subject: pv.Name, Pos: pv.Pos,
				Reason: "not a parameter of the template, so Gen 1 did not use it either"})
		}
	}
	fixes := g.gen1NameFixes(r, tpl, v)

	g.backend.Imports.Add("aws-cdk-lib/cloudformation-include", "CfnInclude")
	g.backend.Imports.Add("node:url", "fileURLToPath")
	file := ts.Call{Fn: "fileURLToPath", Args: []ts.Value{ts.Expr("new URL(" + ts.Quote(backendRel(dst)) + ", import.meta.url)")}}
	props := ts.Obj{{Key: "templateFile", Value: file}}
	if len(params) > 0 {
		props.Set("parameters", params)
	}
	g.backend.Add(OrderCustom, title, func(p *ts.Printer) {
		p.Value("const "+v+" = ", ts.Call{HugLast: true, Fn: "new CfnInclude", Args: []ts.Value{
			ts.Expr("backend.createStack(" + ts.Quote(r.Name) + ")"), ts.Str(r.Name), props,
		}}, ";")
		for _, fix := range fixes {
			fix(p)
		}
	})
	for _, o := range tpl.Outputs {
		g.exportAttr(r, o, fmt.Sprintf("%s.getOutput(%s).value", v, ts.Quote(o)))
	}
}

// templateParam decides the value of one template parameter.
func (g *gen) templateParam(r *model.Resource, tp model.CfnParameter, values map[string]model.ParamValue, deps map[string][2]string) ts.Entry {
	key := ts.PropKey(tp.Name)
	_ = key
	if tp.Name == "env" {
		g.finding(r, model.Finding{Code: "custom.parameter", Level: model.Auto, Subject: "env", Pos: tp.Pos,
			Reason: "the environment name parameter gets the branch name"})
		return ts.Entry{Key: tp.Name, Value: ts.Expr(g.backend.BranchName())}
	}
	if dep, ok := deps[tp.Name]; ok {
		ref := parseResourceRef(dep[0])
		expr, why := g.resolveAttr(ref, dep[1])
		if expr != "" {
			g.finding(r, model.Finding{Code: "custom.parameter", Level: model.Auto, Subject: tp.Name, Pos: tp.Pos,
				Reason: fmt.Sprintf("the %s of %s is %s", dep[1], dep[0], expr)})
			return ts.Entry{Key: tp.Name, Value: ts.Expr(expr)}
		}
		return g.unresolvedParam(r, tp, fmt.Sprintf("it is the %s of %s, and %s", dep[1], dep[0], why))
	}
	if pv, ok := values[tp.Name]; ok {
		switch {
		case pv.IsScalar:
			g.finding(r, model.Finding{Code: "custom.parameter", Level: model.Auto, Subject: tp.Name, Pos: pv.Pos,
				Reason: "the value from " + pv.Pos.File + " is passed as is"})
			return ts.Entry{Key: tp.Name, Value: ts.Str(pv.Str)}
		case pv.RootRef != "":
			expr, why := g.rootRefExpr(pv.RootRef)
			if expr != "" {
				g.finding(r, model.Finding{Code: "custom.parameter", Level: model.Auto, Subject: tp.Name, Pos: pv.Pos,
					Reason: fmt.Sprintf("Gen 1 passed the root stack's %s; Gen 2 passes %s", pv.RootRef, expr)})
				return ts.Entry{Key: tp.Name, Value: ts.Expr(expr)}
			}
			return g.unresolvedParam(r, tp, fmt.Sprintf("Gen 1 passed the root stack's %s, which %s", pv.RootRef, why))
		default:
			return g.unresolvedParam(r, tp, "its Gen 1 value "+oneLine(pv.JSON)+" is not a plain value")
		}
	}
	if tp.HasDefault {
		g.finding(r, model.Finding{Code: "custom.parameter", Level: model.Auto, Subject: tp.Name, Pos: tp.Pos,
			Reason: "no value was given in Gen 1 either; the template's default applies"})
		return ts.Entry{}
	}
	return g.unresolvedParam(r, tp, "Gen 1 gave it no value that amplify-migrate can find (parameters.json, team-provider-info.json and dependsOn have none)")
}

// unresolvedParam leaves a parameter out (so deployment fails loudly with
// "Parameters: [x] must have values" instead of using a wrong value) and
// says what to pass.
func (g *gen) unresolvedParam(r *model.Resource, tp model.CfnParameter, why string) ts.Entry {
	text := fmt.Sprintf("pass template parameter %s here: %s. Until it has a value, deployment fails with \"Parameters: [%s] must have values\".", tp.Name, why, tp.Name)
	g.finding(r, model.Finding{Code: "custom.parameter", Level: model.Manual, Subject: tp.Name, Pos: tp.Pos,
		Reason: why, Action: "pass the value in amplify/backend.ts (see the TODO there)"})
	return ts.Entry{Todo: text, TodoCode: "custom.parameter"}
}

// parseResourceRef parses "category/name".
func parseResourceRef(s string) model.ResourceRef {
	c, n, _ := strings.Cut(s, "/")
	return model.ResourceRef{Category: c, Name: n}
}

// rootRefExpr maps a value of the Gen 1 root stack to Gen 2.
func (g *gen) rootRefExpr(ref string) (string, string) {
	role := func(which string) (string, string) {
		if !g.backend.HasResource("auth") {
			return "", "is the identity pool's role, and auth was not converted"
		}
		return "backend.auth.resources." + which, ""
	}
	switch ref {
	case "AuthRoleName":
		return role("authenticatedUserIamRole.roleName")
	case "UnauthRoleName":
		return role("unauthenticatedUserIamRole.roleName")
	case "AuthRole.Arn", "AuthRoleArn":
		return role("authenticatedUserIamRole.roleArn")
	case "UnauthRole.Arn", "UnauthRoleArn":
		return role("unauthenticatedUserIamRole.roleArn")
	case "AWS::Region":
		return "backend.stack.region", ""
	case "AWS::AccountId":
		return "backend.stack.account", ""
	case "AWS::StackId":
		return "backend.stack.stackId", ""
	case "AWS::StackName":
		return "backend.stack.stackName", ""
	case "AWS::Partition":
		return "backend.stack.partition", ""
	case "AWS::URLSuffix":
		return "backend.stack.urlSuffix", ""
	case "DeploymentBucketName":
		return "", "has no Gen 2 equivalent (Gen 2 deploys through the CDK bootstrap bucket)"
	}
	return "", "has no Gen 2 equivalent"
}

// gen1NameFixes reports Gen 1 physical names written into a template and,
// where an IAM policy names only Gen 1 identity pool roles, re-points it at
// the Gen 2 role.
func (g *gen) gen1NameFixes(r *model.Resource, tpl *model.CfnTemplate, v string) []func(p *ts.Printer) {
	var fixes []func(p *ts.Printer)
	fixed := map[string]bool{}
	for _, res := range tpl.Resources {
		if res.Type != "AWS::IAM::Policy" || len(res.Roles) == 0 || !g.backend.HasResource("auth") {
			continue
		}
		kind := ""
		for _, role := range res.Roles {
			k := gen1RoleKind(role)
			if k == "" || (kind != "" && k != kind) {
				kind = "mixed"
				break
			}
			kind = k
		}
		if kind != "auth role" && kind != "guest role" {
			continue
		}
		roleExpr := "backend.auth.resources.authenticatedUserIamRole.roleName"
		if kind == "guest role" {
			roleExpr = "backend.auth.resources.unauthenticatedUserIamRole.roleName"
		}
		for _, role := range res.Roles {
			fixed[role] = true
		}
		logicalID := res.LogicalID
		g.backend.Imports.Add("aws-cdk-lib/aws-iam", "CfnPolicy")
		g.finding(r, model.Finding{Code: "custom.gen1-name", Level: model.CDK, Subject: logicalID, Pos: res.Pos,
			Reason: fmt.Sprintf("the policy names the Gen 1 %s (%s); it is attached to the Gen 2 %s instead", kind, strings.Join(res.Roles, ", "), kind)})
		fixes = append(fixes, func(p *ts.Printer) {
			p.Comment(fmt.Sprintf("%s named the Gen 1 %s by name; Gen 2 has one per branch.", logicalID, kind))
			p.Linef("(%s.getResource(%s) as CfnPolicy).roles = [%s];", v, ts.Quote(logicalID), roleExpr)
		})
	}
	// One TODO per template resource naming Gen 1 resources.
	var order []string
	byRes := map[string][]model.Gen1Name{}
	for _, n := range tpl.Gen1Names {
		if fixed[n.Value] {
			continue
		}
		g.finding(r, model.Finding{Code: "custom.gen1-name", Level: model.Manual, Subject: n.Value, Pos: n.Pos,
			Reason: fmt.Sprintf("the template names the Gen 1 %s %q, which the Gen 2 backend does not use", n.Kind, n.Value),
			Action: "point it at the Gen 2 resource after including (see the TODO in amplify/backend.ts)"})
		parts := strings.SplitN(n.Pos.Path, ".", 3)
		where := n.Pos.Path
		if len(parts) >= 2 && parts[0] == "Resources" {
			where = parts[1]
		}
		if byRes[where] == nil {
			order = append(order, where)
		}
		byRes[where] = append(byRes[where], n)
	}
	for _, where := range order {
		names := byRes[where]
		var list []string
		for _, n := range names {
			list = append(list, fmt.Sprintf("the %s %q", n.Kind, n.Value))
		}
		where := where
		fixes = append(fixes, func(p *ts.Printer) {
			p.Todo("custom.gen1-name", fmt.Sprintf("%s of the template names Gen 1 resources that Gen 2 does not have: %s. Set the property on %s.getResource(%s) to the Gen 2 value (for the roles: backend.auth.resources.authenticatedUserIamRole / unauthenticatedUserIamRole).", where, strings.Join(list, ", "), v, ts.Quote(where)))
		})
	}
	return fixes
}

// gen1RoleKind recognises the Gen 1 identity pool role names
// (amplify-<project>-<env>-<id>-authRole).
func gen1RoleKind(s string) string {
	if !strings.HasPrefix(s, "amplify-") {
		return ""
	}
	switch {
	case strings.HasSuffix(s, "-unauthRole"):
		return "guest role"
	case strings.HasSuffix(s, "-authRole"):
		return "auth role"
	}
	return ""
}

// mergedDeps merges dependsOn entries naming the same resource.
func mergedDeps(deps []model.Dependency) []model.Dependency {
	var out []model.Dependency
	idx := map[string]int{}
	for _, d := range deps {
		k := d.Category + "/" + d.ResourceName
		i, ok := idx[k]
		if !ok {
			idx[k] = len(out)
			out = append(out, model.Dependency{Category: d.Category, ResourceName: d.ResourceName})
			i = len(out) - 1
		}
		for _, a := range d.Attributes {
			if !slices.Contains(out[i].Attributes, a) {
				out[i].Attributes = append(out[i].Attributes, a)
			}
		}
	}
	return out
}

// writeCustomCDK ports a custom CDK stack to a construct and creates it in
// backend.ts with the values of its dependencies.
func (g *gen) writeCustomCDK(r *model.Resource) {
	g.markHandled(r)
	c := r.Custom
	src, srcPath := "", path.Join(r.Dir, "cdk-stack.ts")
	if c.Stack != nil {
		src, srcPath = c.Stack.Content, c.Stack.Path
	}
	deps := mergedDeps(r.DependsOn)
	port := portCDKStack(cdkPortInput{Resource: r.Name, ProjectName: g.p.Name, Path: srcPath, Source: src, Deps: deps})
	dir := resourceGenDir(r)
	file := path.Join(dir, "resource.ts")
	g.addFile(file, []byte(port.Code))
	for _, t := range port.Todos {
		g.steps = append(g.steps, Step{File: file, Line: t.Line, Code: t.Code, Text: t.Text})
	}
	for _, n := range port.Notes {
		g.finding(r, model.Finding{Code: n.Code, Level: n.Level, Pos: model.Pos{File: srcPath, Line: n.Line}, Reason: n.Reason, Action: n.Action})
	}
	level := model.CDK
	reason := fmt.Sprintf("the stack is ported to the construct %s in %s and created in its own stack (backend.createStack(%s))", port.ClassName, file, ts.Quote(r.Name))
	if port.Skeleton {
		level = model.Manual
		reason = fmt.Sprintf("%s holds an empty construct to fill in: the Gen 1 stack could not be ported", file)
	}
	g.finding(r, model.Finding{Code: "custom.cdk", Level: level, Reason: reason,
		Action: "review the ported file; to keep deployed resources, move them into the Gen 2 stack with a CloudFormation stack refactor"})
	for _, f := range c.Files {
		rel := strings.TrimPrefix(f, r.Dir+"/")
		g.copyFile(path.Join(dir, rel), f)
		if ext := path.Ext(f); ext == ".ts" || ext == ".js" || ext == ".mjs" || ext == ".cjs" {
			g.finding(r, model.Finding{Code: "custom.cdk-source", Level: model.Manual, Subject: rel, Pos: model.Pos{File: f},
				Reason: "a code file next to the stack, copied unchanged: only cdk-stack.ts is ported",
				Action: "check it for CDK v1 imports, require() and the extensibility helper, which Gen 2's ES-module build does not have"})
		}
	}
	if len(c.Files) > 0 {
		g.finding(r, model.Finding{Code: "custom.cdk-files", Level: model.Auto, Pos: model.Pos{File: r.Dir},
			Reason: fmt.Sprintf("%d other file(s) of the folder are copied next to resource.ts, so paths relative to the stack still work", len(c.Files))})
	}
	for _, f := range c.BuildFiles {
		base := path.Base(f)
		if base == "cdk-stack.ts" {
			continue
		}
		fd := model.Finding{Code: "custom.cdk-build-file", Level: model.Drop, Subject: base, Pos: model.Pos{File: f},
			Reason: "it served Gen 1's build of the stack; Gen 2 builds the backend from the project root"}
		switch base {
		case "package.json":
			fd.Reason = "its dependencies are merged into the root package.json (see the custom.npm-dependency findings)"
		case ".npmrc":
			fd.Action = "if it holds registry or authentication settings the stack's packages need, merge them into the project's .npmrc"
		}
		g.finding(r, fd)
	}
	g.mergeCustomDependencies(r)

	v := resourceVar(r)
	cls := ts.Ident("Custom-" + r.Name)
	g.backend.Imports.Add("./"+strings.TrimPrefix(dir, "amplify/")+"/resource", port.ClassName+" as "+cls)
	stackVar := v + "Stack"
	needStack := false
	byCat := map[string]*ts.Obj{}
	var cats []string
	for _, d := range deps {
		res := ts.Obj{}
		ref := model.ResourceRef{Category: d.Category, Name: d.ResourceName}
		for _, a := range d.Attributes {
			expr, why := g.resolveAttr(ref, a)
			if expr != "" {
				res.Set(a, ts.Expr(expr))
				g.finding(r, model.Finding{Code: "custom.dependency", Level: model.Auto, Subject: ref.String() + " " + a,
					Reason: "passed as " + expr})
				continue
			}
			needStack = true
			g.backend.Imports.Add("aws-cdk-lib", "CfnParameter")
			pname := paramName(d, a)
			res.Add(ts.Entry{Key: a,
				Value:    ts.Expr(fmt.Sprintf("new CfnParameter(%s, %s, { type: 'String' }).valueAsString", stackVar, ts.Quote(pname))),
				Todo:     fmt.Sprintf("pass the %s of %s here (%s). Until then it is the stack parameter %s, as in Gen 1, and deployment fails because nothing sets it.", a, ref, why, pname),
				TodoCode: "custom.dependency"})
			g.finding(r, model.Finding{Code: "custom.dependency", Level: model.Manual, Subject: ref.String() + " " + a,
				Reason: why, Action: "pass the value in amplify/backend.ts (see the TODO there)"})
		}
		if byCat[d.Category] == nil {
			byCat[d.Category] = &ts.Obj{}
			cats = append(cats, d.Category)
		}
		byCat[d.Category].Set(d.ResourceName, res)
	}
	values := ts.Obj{}
	for _, c := range cats {
		values.Set(c, *byCat[c])
	}
	stackExpr := "backend.createStack(" + ts.Quote(r.Name) + ")"
	g.backend.Add(OrderCustom, fmt.Sprintf("custom/%s: the Gen 1 custom CDK stack, ported to a construct in %s.", r.Name, strings.TrimPrefix(file, "amplify/")), func(p *ts.Printer) {
		scope := stackExpr
		if needStack {
			p.Linef("const %s = %s;", stackVar, stackExpr)
			scope = stackVar
		}
		var arg ts.Value = values
		if len(deps) == 0 {
			arg = ts.Expr("{}")
		}
		p.Value("const "+v+" = ", ts.Call{HugLast: true, Fn: "new " + cls, Args: []ts.Value{ts.Expr(scope), ts.Str(r.Name), arg}}, ";")
	})
	used := g.dependedOn(r)
	for _, o := range port.Outputs {
		if used {
			g.backend.Imports.Add("aws-cdk-lib", "CfnOutput")
		}
		g.exportAttr(r, o, fmt.Sprintf("(%s.node.findChild(%s) as CfnOutput).value", v, ts.Quote(o)))
	}
}

// dependedOn reports whether another resource depends on r.
func (g *gen) dependedOn(r *model.Resource) bool {
	for _, o := range g.p.Resources {
		for _, d := range o.DependsOn {
			if d.Category == r.Category && d.ResourceName == r.Name {
				return true
			}
		}
	}
	return false
}

// mergeCustomDependencies moves a custom stack's npm dependencies to the
// root package.json; the CDK v1 packages and the extensibility helper are
// replaced by what Gen 2 already has.
func (g *gen) mergeCustomDependencies(r *model.Resource) {
	from := "custom/" + r.Name
	for _, d := range r.Custom.Dependencies {
		f := model.Finding{Code: "custom.npm-dependency", Subject: d.Name, Pos: d.Pos}
		switch {
		case d.Dev:
			f.Level, f.Reason = model.Drop, "a development dependency of the Gen 1 stack's own build; Gen 2 builds the backend from the project root"
		case d.Name == "@aws-amplify/cli-extensibility-helper":
			f.Level, f.Reason = model.Drop, "the Gen 1 extensibility helper: its calls were rewritten"
		case d.Name == "aws-cdk-lib" || d.Name == "constructs":
			f.Level, f.Reason = model.Drop, "Gen 2 already depends on "+d.Name+" ("+Gen2DevDependencies[d.Name]+")"
		case strings.HasPrefix(d.Name, "@aws-cdk/") && !strings.HasSuffix(d.Name, "-alpha"):
			f.Level, f.Reason = model.Drop, "a CDK v1 package: the ported code imports aws-cdk-lib instead"
		case strings.HasPrefix(d.Name, "@aws-cdk/") && strings.HasSuffix(d.Name, "-alpha"):
			version := strings.TrimPrefix(Gen2DevDependencies["aws-cdk-lib"], "^")
			version = "^" + version + "-alpha.0"
			if other, otherFrom := g.pkg.addDependency(d.Name, version, from); other != "" {
				f.Level, f.Reason = model.Manual, fmt.Sprintf("%s also wants %s %s", otherFrom, d.Name, other)
				f.Action = "choose one version in package.json"
				break
			}
			f.Level, f.Reason = model.Auto, fmt.Sprintf("added to package.json at %s, the alpha release matching aws-cdk-lib (Gen 1 had %s)", version, d.Version)
		default:
			if other, otherFrom := g.pkg.addDependency(d.Name, d.Version, from); other != "" {
				f.Level, f.Reason = model.Manual, fmt.Sprintf("package.json keeps %s %s (wanted by %s); this stack wants %s", d.Name, other, otherFrom, d.Version)
				f.Action = "check that the stack works with that version, or choose another in package.json"
				break
			}
			f.Level, f.Reason = model.Auto, "added to the root package.json"
		}
		g.finding(r, f)
	}
}
