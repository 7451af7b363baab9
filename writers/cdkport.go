package writers

import (
	"fmt"
	"sort"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
	"github.com/amplify-migrate/amplify-migrate/writers/tsedit"
)

// Porting a Gen 1 custom CDK stack (custom/<name>/cdk-stack.ts) to a Gen 2
// construct (amplify/custom/<name>/resource.ts).
//
// The Amplify CLI template is a class extending cdk.Stack whose constructor
// takes (scope, id, props, amplifyResourceProps), declares the "env"
// CfnParameter, and reaches other resources through
// AmplifyHelpers.addResourceDependency, whose result names CloudFormation
// parameters that cdk.Fn.ref turns into values. In Gen 2 the class extends
// Construct and lives in a stack from backend.createStack; the values of
// the dependencies are passed in by backend.ts (amplifyResources), so
// Fn.ref around them goes away, and the environment name becomes the branch
// name. Everything else is the user's code and stays byte for byte; what
// cannot be rewritten safely gets a TODO on the line above it.

// cdkPortInput is what porting a stack needs.
type cdkPortInput struct {
	Resource    string // custom resource name
	ProjectName string
	Path        string // the Gen 1 file, for messages
	Source      string
	Deps        []model.Dependency
}

// cdkPortResult is the ported file and what was decided.
type cdkPortResult struct {
	Code      string
	ClassName string
	// Todos are the TODO comments of Code with their 1-based lines.
	Todos []ts.Todo
	// Outputs are the ids of the CfnOutputs the construct declares on itself.
	Outputs []string
	// Notes are findings about lines of the Gen 1 file.
	Notes []cdkNote
	// Skeleton is set when the file held no stack class to port.
	Skeleton bool
}

// cdkNote is a finding about one line of the Gen 1 stack.
type cdkNote struct {
	Code   string
	Level  model.Level
	Line   int
	Reason string
	Action string
}

// cdkV1Alpha are the CDK v1 modules whose higher-level constructs are
// still experimental in CDK v2 (published as @aws-cdk/<module>-alpha): in
// aws-cdk-lib they only have their Cfn* classes.
var cdkV1Alpha = map[string]bool{
	"aws-amplify": true, "aws-apprunner": true, "aws-batch-alpha": true, "aws-cloud9": true,
	"aws-codestar": true, "aws-glue": true, "aws-iot": true, "aws-iot-actions": true, "aws-iotevents": true,
	"aws-iotevents-actions": true, "aws-ivs": true, "aws-lambda-go": true, "aws-lambda-python": true,
	"aws-location": true, "aws-msk": true, "aws-neptune": true, "aws-redshift": true, "aws-route53resolver": true,
	"aws-s3objectlambda": true, "aws-sagemaker": true, "aws-servicecatalogappregistry": true,
	"aws-gamelift": true, "aws-kinesisanalytics-flink": true, "aws-iot1click": true, "aws-appflow": true,
}

// stackOnlyMembers are members of cdk.Stack that a Construct lacks: on the
// ported class, this.<member> becomes Stack.of(this).<member>.
var stackOnlyMembers = map[string]bool{
	"region": true, "account": true, "partition": true, "urlSuffix": true, "stackName": true, "stackId": true,
	"availabilityZones": true, "notificationArns": true, "templateOptions": true, "tags": true, "formatArn": true,
	"splitArn": true, "toJsonString": true, "toYamlString": true, "resolve": true, "exportValue": true,
	"exportStringListValue": true, "addDependency": true, "templateFile": true, "nested": true,
	"nestedStackParent": true, "nestedStackResource": true, "terminationProtection": true, "synthesizer": true,
	"environment": true, "getLogicalId": true, "addTransform": true, "artifactId": true, "renameLogicalId": true,
	"addMetadata": true, "dependencies": true, "stackDependencyReasons": true,
}

// porter holds the state of one port.
type porter struct {
	in   cdkPortInput
	f    *tsedit.File
	ed   *tsedit.Editor
	res  cdkPortResult
	todo []pendingTodo

	coreNS    []string          // namespace aliases of aws-cdk-lib / @aws-cdk/core
	coreNamed map[string]string // local name -> exported name, from aws-cdk-lib / @aws-cdk/core
	helperNS  []string          // namespace aliases of the extensibility helper
	helperFn  map[string]string // local name -> helper function
	construct string            // local name of constructs' Construct, "" when not imported
	depVars   map[string]bool   // variables holding addResourceDependency's result
	idents    map[string]bool   // every identifier of the file

	// claimed are the byte ranges already replaced whole; rewrites inside
	// them are skipped.
	claimed [][2]int

	lastImportEnd int
	needBranch    bool
	needStack     bool
	needDirname   bool
	needFilename  bool
	imports       []string // import lines to add
}

type pendingTodo struct {
	off  int
	code string
	text string
}

// portCDKStack ports a Gen 1 custom CDK stack.
func portCDKStack(in cdkPortInput) cdkPortResult {
	p := &porter{in: in, coreNamed: map[string]string{}, helperFn: map[string]string{}, depVars: map[string]bool{}, idents: map[string]bool{}}
	f, err := tsedit.Parse(in.Source)
	if err != nil {
		line := 1
		if se, ok := err.(*tsedit.SyntaxError); ok {
			line = se.Line
		}
		return p.skeleton(fmt.Sprintf("%s could not be read as TypeScript (%v), so it was not ported", in.Path, err), line)
	}
	p.f = f
	p.ed = tsedit.NewEditor(in.Source)
	for i, t := range f.Toks {
		// Names the file binds or uses bare; member names do not clash.
		if t.Kind == tsedit.Ident && !f.Tok(i-1).Is(".") && !f.Tok(i-1).Is("?.") {
			p.idents[t.Text] = true
		}
	}
	p.readImports()
	cls := p.findStackClass()
	if cls < 0 {
		return p.skeleton(fmt.Sprintf("%s has no class extending cdk.Stack, so there was nothing to port", in.Path), 1)
	}
	p.portClass(cls)
	p.rewriteUses()
	p.writeHeader()
	return p.finish()
}

// replace replaces src[off:end] unless an earlier rewrite already replaced
// code around it, and claims the range.
func (p *porter) replace(off, end int, text string) bool {
	if p.isClaimed(off) {
		return false
	}
	p.ed.Replace(off, end, text)
	p.claimed = append(p.claimed, [2]int{off, end})
	return true
}

func (p *porter) isClaimed(off int) bool {
	for _, c := range p.claimed {
		if off >= c[0] && off < c[1] {
			return true
		}
	}
	return false
}

// note records a finding about the Gen 1 line holding off.
func (p *porter) note(off int, code string, level model.Level, reason, action string) {
	p.res.Notes = append(p.res.Notes, cdkNote{Code: code, Level: level, Line: srcLine(p.in.Source, off), Reason: reason, Action: action})
}

// flag writes a TODO above the line holding off and records a manual finding.
func (p *porter) flag(off int, code, text string) {
	p.todo = append(p.todo, pendingTodo{off: off, code: code, text: text})
	p.note(off, code, model.Manual, text, "see the TODO in the ported file")
}

func srcLine(src string, off int) int { return strings.Count(src[:off], "\n") + 1 }

// readImports records the bindings of the file's imports and rewrites the
// modules that changed between Gen 1 and Gen 2.
func (p *porter) readImports() {
	f := p.f
	for i := 0; i < len(f.Toks); i++ {
		t := f.Toks[i]
		// Only top-level import declarations: at the start of a statement.
		if !t.Is("import") || (i > 0 && !f.Toks[i-1].Is(";") && !f.Toks[i-1].Is("}") && !t.NewlineBefore) || f.Tok(i+1).Is("(") || f.Tok(i+1).Is(".") {
			continue
		}
		// The module is the first string after import.
		m := i + 1
		for m < len(f.Toks) && f.Toks[m].Kind != tsedit.String {
			m++
		}
		if m >= len(f.Toks) {
			return
		}
		end := m
		if f.Tok(m + 1).Is(";") {
			end = m + 1
		}
		p.lastImportEnd = f.Toks[end].End
		mod := tsUnquote(f.Toks[m].Text)
		clause := f.Toks[i+1 : m]
		p.bindImport(i, m, end, mod, clause)
		p.claimed = append(p.claimed, [2]int{t.Off, f.Toks[end].End})
		i = end
	}
}

func tsUnquote(s string) string {
	if len(s) >= 2 {
		return s[1 : len(s)-1]
	}
	return s
}

// importBindings returns the namespace alias, default name and named
// bindings (local -> exported) of an import clause.
func importBindings(clause []tsedit.Token) (ns, def string, named map[string]string) {
	named = map[string]string{}
	for k := 0; k < len(clause); k++ {
		t := clause[k]
		switch {
		case t.Is("*") && k+2 < len(clause) && clause[k+1].Is("as"):
			ns = clause[k+2].Text
			k += 2
		case t.Is("{"):
			for k++; k < len(clause) && !clause[k].Is("}"); k++ {
				if clause[k].Is(",") || clause[k].Is("type") && k+1 < len(clause) && clause[k+1].Kind == tsedit.Ident && !clause[k+1].Is(",") && !clause[k+1].Is("}") && !clause[k+1].Is("as") {
					continue
				}
				name := clause[k].Text
				local := name
				if k+2 < len(clause) && clause[k+1].Is("as") {
					local = clause[k+2].Text
					k += 2
				}
				named[local] = name
			}
		case t.Kind == tsedit.Ident && t.Text != "type" && t.Text != "from" && def == "" && ns == "":
			def = t.Text
		}
	}
	return ns, def, named
}

func (p *porter) bindImport(start, modTok, end int, mod string, clause []tsedit.Token) {
	f := p.f
	ns, def, named := importBindings(clause)
	stmt := func() (int, int) { return f.Toks[start].Off, f.Toks[end].End }
	switch {
	case mod == "@aws-amplify/cli-extensibility-helper":
		if ns != "" {
			p.helperNS = append(p.helperNS, ns)
		}
		for local, name := range named {
			p.helperFn[local] = name
		}
		off, e := stmt()
		p.ed.Replace(off, e, "// (Gen 1 @aws-amplify/cli-extensibility-helper import removed: amplify/backend.ts passes the values in.)")
	case strings.HasSuffix(mod, "amplify-dependent-resources-ref"):
		off, e := stmt()
		p.ed.Replace(off, e, "// (Gen 1 amplify-dependent-resources-ref import removed: the type is declared below.)")
	case mod == "aws-cdk-lib" || mod == "@aws-cdk/core":
		if ns != "" {
			p.coreNS = append(p.coreNS, ns)
		}
		for local, name := range named {
			p.coreNamed[local] = name
		}
		if mod == "@aws-cdk/core" {
			p.note(f.Toks[modTok].Off, "custom.cdk-v1", model.CDK, "CDK v1 module @aws-cdk/core is aws-cdk-lib in CDK v2", "")
			if constructName, ok := findNamed(named, "Construct"); ok && ns == "" {
				// v1's core exported Construct; v2 takes it from constructs.
				var rest []string
				for local, name := range named {
					if name == "Construct" {
						continue
					}
					rest = append(rest, importSpec(local, name))
				}
				sort.Strings(rest)
				text := "import { " + importSpec(constructName, "Construct") + " } from 'constructs';"
				if len(rest) > 0 {
					text = "import { " + strings.Join(rest, ", ") + " } from 'aws-cdk-lib';\n" + text
				}
				if def != "" {
					text = "import " + def + " from 'aws-cdk-lib';\n" + text
				}
				off, e := stmt()
				p.ed.Replace(off, e, text)
				p.construct = constructName
				return
			}
			p.ed.Replace(f.Toks[modTok].Off, f.Toks[modTok].End, "'aws-cdk-lib'")
		}
	case mod == "constructs":
		if local, ok := findNamed(named, "Construct"); ok {
			p.construct = local
		}
	case strings.HasPrefix(mod, "@aws-cdk/") && !strings.HasSuffix(mod, "-alpha"):
		sub := strings.TrimPrefix(mod, "@aws-cdk/")
		if cdkV1Alpha[sub] && !p.onlyCfnMembers(ns, named) {
			p.flag(f.Toks[start].Off, "custom.cdk-alpha", fmt.Sprintf("CDK v1 module %s: its higher-level constructs are experimental in CDK v2 and published as @aws-cdk/%s-alpha (aws-cdk-lib/%s has only the Cfn* classes); add that package at the version matching aws-cdk-lib and import from it", mod, sub, sub))
		} else {
			p.note(f.Toks[modTok].Off, "custom.cdk-v1", model.CDK, fmt.Sprintf("CDK v1 module %s is aws-cdk-lib/%s in CDK v2", mod, sub), "")
		}
		p.ed.Replace(f.Toks[modTok].Off, f.Toks[modTok].End, ts.Quote("aws-cdk-lib/"+sub))
	}
}

func findNamed(named map[string]string, exported string) (string, bool) {
	for local, name := range named {
		if name == exported {
			return local, true
		}
	}
	return "", false
}

func importSpec(local, name string) string {
	if local == name {
		return name
	}
	return name + " as " + local
}

// onlyCfnMembers reports whether the file uses nothing but Cfn* classes
// (and their types) from an import.
func (p *porter) onlyCfnMembers(ns string, named map[string]string) bool {
	for _, name := range named {
		if !strings.HasPrefix(name, "Cfn") {
			return false
		}
	}
	if ns == "" {
		return true
	}
	f := p.f
	for i := 0; i+2 < len(f.Toks); i++ {
		if f.Toks[i].Text == ns && f.Toks[i].Kind == tsedit.Ident && f.Toks[i+1].Is(".") && !f.Tok(i-1).Is(".") {
			if !strings.HasPrefix(f.Toks[i+2].Text, "Cfn") {
				return false
			}
		}
	}
	return true
}

// isCoreMember reports whether the tokens at i spell a member of aws-cdk-lib
// (`cdk.Stack` or an imported `Stack`) and returns how many tokens it takes.
func (p *porter) isCoreMember(i int, name string) (int, bool) {
	f := p.f
	if f.Tok(i - 1).Is(".") {
		return 0, false
	}
	for _, ns := range p.coreNS {
		if f.At(i, ns, ".", name) {
			return 3, true
		}
	}
	if t := f.Tok(i); t.Kind == tsedit.Ident && p.coreNamed[t.Text] == name {
		return 1, true
	}
	return 0, false
}

// findStackClass returns the index of the `class` token of the first class
// extending cdk.Stack, or -1.
func (p *porter) findStackClass() int {
	f := p.f
	for i := 0; i+3 < len(f.Toks); i++ {
		if !f.Toks[i].Is("class") || f.Toks[i+1].Kind != tsedit.Ident || !f.Toks[i+2].Is("extends") {
			continue
		}
		if _, ok := p.isCoreMember(i+3, "Stack"); ok {
			return i
		}
	}
	return -1
}

// constructName is how the ported file names constructs' Construct.
func (p *porter) constructName() string {
	if p.construct == "" {
		p.construct = "Construct"
		if p.idents["Construct"] {
			p.construct = "GenTwoConstruct"
		}
		p.imports = append(p.imports, "import { "+importSpec(p.construct, "Construct")+" } from 'constructs';")
	}
	return p.construct
}

func (p *porter) portClass(cls int) {
	f := p.f
	p.res.ClassName = f.Toks[cls+1].Text
	if !f.Tok(cls-1).Is("export") && !f.Tok(cls-2).Is("export") {
		p.ed.Insert(f.Toks[cls].Off, "export ")
	}
	n, _ := p.isCoreMember(cls+3, "Stack")
	p.replace(f.Toks[cls+3].Off, f.Toks[cls+3+n-1].End, p.constructName())
	open := cls + 3 + n
	for open < len(f.Toks) && !f.Toks[open].Is("{") {
		open++
	}
	close := f.Match(open)
	if close < 0 {
		return
	}
	// The constructor at the class body's top level.
	ctor := -1
	for i := open + 1; i < close; i++ {
		if f.Toks[i].Is("constructor") && f.Tok(i+1).Is("(") {
			ctor = i
			break
		}
		if m := f.Match(i); m > i {
			i = m
		}
	}
	if ctor < 0 {
		p.flag(f.Toks[cls].Off, "custom.cdk-constructor", "the stack class has no constructor; a Gen 2 construct is created as new "+p.res.ClassName+"(scope, id, amplifyResources)")
		return
	}
	lp := ctor + 1
	rp := f.Match(lp)
	var names []string
	start := lp + 1
	for i := lp + 1; i <= rp; i++ {
		if i == rp || f.Toks[i].Is(",") && i > start {
			k := start
			for k < i && (f.Toks[k].Is("private") || f.Toks[k].Is("public") || f.Toks[k].Is("protected") || f.Toks[k].Is("readonly")) {
				k++
			}
			if k < i {
				names = append(names, f.Toks[k].Text)
			}
			start = i + 1
			continue
		}
		if m := f.Match(i); m > i && i != lp {
			i = m
		}
	}
	scope, id := "scope", "id"
	if len(names) > 0 {
		scope = names[0]
	}
	if len(names) > 1 {
		id = names[1]
	}
	p.replace(f.Toks[lp].End, f.Toks[rp].Off, scope+": "+p.constructName()+", "+id+": string, amplifyResources: AmplifyDependentResourcesAttributes")
	body := rp + 1
	for body < len(f.Toks) && !f.Toks[body].Is("{") {
		body++
	}
	bodyEnd := f.Match(body)
	for i := body + 1; i < bodyEnd; i++ {
		if f.At(i, "super", "(") && !f.Tok(i-1).Is(".") {
			sp := f.Match(i + 1)
			p.replace(f.Toks[i+1].End, f.Toks[sp].Off, scope+", "+id)
			break
		}
	}
	if len(names) > 2 {
		p.checkDroppedParam(names[2], body, bodyEnd, "StackProps")
	}
	if len(names) > 3 {
		p.rewriteResourceProps(names[3], body, bodyEnd)
	}
	// this.<Stack member> in the class body.
	for i := open + 1; i+2 < close; i++ {
		if f.At(i, "this", ".") && stackOnlyMembers[f.Toks[i+2].Text] && !f.Tok(i-1).Is(".") {
			p.ed.Replace(f.Toks[i].Off, f.Toks[i].End, p.stackOf()+"(this)")
		}
	}
}

// stackOf is the expression for Stack.of in the ported file.
func (p *porter) stackOf() string {
	if len(p.coreNS) > 0 {
		return p.coreNS[0] + ".Stack.of"
	}
	if local, ok := findNamed(p.coreNamed, "Stack"); ok {
		return local + ".of"
	}
	if !p.needStack {
		p.needStack = true
		name := "Stack"
		if p.idents["Stack"] {
			name = "CdkStack"
		}
		p.imports = append(p.imports, "import { "+importSpec(name, "Stack")+" } from 'aws-cdk-lib';")
		p.coreNamed[name] = "Stack"
	}
	local, _ := findNamed(p.coreNamed, "Stack")
	return local + ".of"
}

// checkDroppedParam flags uses of a constructor parameter the construct no
// longer has.
func (p *porter) checkDroppedParam(name string, from, to int, what string) {
	f := p.f
	for i := from; i < to; i++ {
		if f.Toks[i].Text == name && f.Toks[i].Kind == tsedit.Ident && !f.Tok(i-1).Is(".") && !f.Tok(i+1).Is(":") && !p.isClaimed(f.Toks[i].Off) {
			p.flag(f.Toks[i].Off, "custom.cdk-stackprops", fmt.Sprintf("%s was the Gen 1 stack's %s; a Gen 2 construct has none (its stack comes from backend.createStack)", name, what))
		}
	}
}

// rewriteResourceProps replaces amplifyResourceProps.category and
// .resourceName with the Gen 1 values.
func (p *porter) rewriteResourceProps(name string, from, to int) {
	f := p.f
	for i := from; i < to; i++ {
		if f.Toks[i].Text != name || f.Toks[i].Kind != tsedit.Ident || f.Tok(i-1).Is(".") {
			continue
		}
		if p.insideHelperCall(i) || p.isClaimed(f.Toks[i].Off) {
			continue
		}
		switch {
		case f.At(i+1, ".", "category"):
			p.replace(f.Toks[i].Off, f.Toks[i+2].End, "'custom'")
			i += 2
		case f.At(i+1, ".", "resourceName"):
			p.replace(f.Toks[i].Off, f.Toks[i+2].End, ts.Quote(p.in.Resource))
			i += 2
		default:
			p.flag(f.Toks[i].Off, "custom.cdk-resourceprops", name+" (the Gen 1 AmplifyResourceProps) no longer exists; its category is 'custom' and its resourceName "+ts.Quote(p.in.Resource))
		}
	}
}

// helperCalls are the [start, end] token ranges of addResourceDependency
// calls, which are replaced whole.
func (p *porter) insideHelperCall(i int) bool {
	f := p.f
	for k := i; k >= 0; k-- {
		if f.Toks[k].Is("addResourceDependency") && f.Tok(k+1).Is("(") {
			return f.Match(k+1) > i
		}
		if f.Toks[k].Is(";") {
			return false
		}
	}
	return false
}

// helperCall reports whether the tokens at i are a call of an extensibility
// helper function and returns the function's name and its `(` index.
func (p *porter) helperCall(i int) (name string, lp int, ok bool) {
	f := p.f
	if f.Tok(i - 1).Is(".") {
		return "", 0, false
	}
	for _, ns := range p.helperNS {
		if f.At(i, ns, ".") && f.Tok(i+2).Kind == tsedit.Ident {
			return f.Toks[i+2].Text, i + 3, true
		}
	}
	if fn, isFn := p.helperFn[f.Tok(i).Text]; isFn && f.Tok(i).Kind == tsedit.Ident {
		return fn, i + 1, true
	}
	return "", 0, false
}

// rewriteUses rewrites the extensibility helper calls, Fn.ref, the env
// parameter and CommonJS globals throughout the file.
func (p *porter) rewriteUses() {
	f := p.f
	for i := 0; i < len(f.Toks); i++ {
		t := f.Toks[i]
		if p.isClaimed(t.Off) {
			continue
		}
		if name, lp, ok := p.helperCall(i); ok {
			isCall := f.Tok(lp).Is("(")
			switch {
			case name == "getProjectInfo" && isCall:
				rp := f.Match(lp)
				p.needBranch = true
				p.note(t.Off, "custom.cdk-helper", model.Auto, "getProjectInfo() is the project name and the branch name", "")
				p.replace(t.Off, f.Toks[rp].End, "{ envName: branchName, projectName: "+ts.Quote(p.in.ProjectName)+" }")
				i = rp
			case name == "addResourceDependency" && isCall:
				rp := f.Match(lp)
				p.replace(t.Off, f.Toks[rp].End, "amplifyResources")
				p.note(t.Off, "custom.cdk-helper", model.Auto, "addResourceDependency(...) is the amplifyResources argument, whose values backend.ts passes in", "")
				p.bindDependencyVar(i)
				i = rp
			case name == "AmplifyResourceProps" || name == "AmplifyDependentResourcesAttributes":
				// types: only in the constructor signature, which is rewritten.
			default:
				p.flag(t.Off, "custom.cdk-helper", fmt.Sprintf("the Gen 1 extensibility helper %s has no Gen 2 equivalent; rewrite this line without it", name))
				if isCall {
					i = f.Match(lp)
				}
			}
			continue
		}
		if n, ok := p.isCoreMember(i, "Fn"); ok && f.At(i+n, ".", "ref", "(") {
			p.rewriteFnRef(i, i+n+2)
			continue
		}
		if t.Is("new") {
			if n, ok := p.isCoreMember(i+1, "CfnParameter"); ok && f.Tok(i+1+n).Is("(") {
				p.rewriteCfnParameter(i, i+1+n)
				continue
			}
			if n, ok := p.isCoreMember(i+1, "CfnOutput"); ok && f.At(i+1+n, "(", "this", ",") && f.Tok(i+1+n+3).Kind == tsedit.String {
				p.res.Outputs = append(p.res.Outputs, tsUnquote(f.Tok(i+1+n+3).Text))
			}
		}
		for _, ns := range p.coreNS {
			if f.At(i, ns, ".", "Construct") && !f.Tok(i-1).Is(".") {
				p.replace(t.Off, f.Toks[i+2].End, p.constructName())
			}
		}
		if t.Kind != tsedit.Ident || f.Tok(i-1).Is(".") || f.Tok(i+1).Is(":") && f.Tok(i-1).Is("{") {
			continue
		}
		switch t.Text {
		case "__dirname":
			p.needDirname = true
		case "__filename":
			p.needFilename = true
		case "require":
			if f.Tok(i + 1).Is("(") {
				p.flag(t.Off, "custom.cdk-require", "require() does not exist in Gen 2's ES modules (amplify/package.json has \"type\": \"module\"); use an import declaration, or createRequire from 'node:module'")
			}
		case "module", "exports":
			if f.Tok(i+1).Is(".") && (t.Text == "exports" || f.At(i+1, ".", "exports")) {
				p.flag(t.Off, "custom.cdk-require", "CommonJS exports do not exist in Gen 2's ES modules; use export declarations")
			}
		}
	}
}

// bindDependencyVar records the variable an addResourceDependency result is
// assigned to: `const deps: T = AmplifyHelpers.addResourceDependency(...)`.
func (p *porter) bindDependencyVar(call int) {
	f := p.f
	k := call - 1
	if !f.Tok(k).Is("=") {
		return
	}
	k--
	// Skip a type annotation back to the variable name.
	for j := k; j >= 0 && j > k-8; j-- {
		if f.Tok(j).Is("const") || f.Tok(j).Is("let") || f.Tok(j).Is("var") {
			if f.Tok(j+1).Kind == tsedit.Ident {
				p.depVars[f.Toks[j+1].Text] = true
			}
			return
		}
	}
	if f.Tok(k).Kind == tsedit.Ident {
		p.depVars[f.Toks[k].Text] = true
	}
}

// rewriteFnRef rewrites cdk.Fn.ref(x) starting at token i, whose `(` is at lp.
func (p *porter) rewriteFnRef(i, lp int) {
	f := p.f
	rp := f.Match(lp)
	if rp < 0 {
		return
	}
	arg := f.Toks[lp+1 : rp]
	switch {
	case len(arg) == 1 && arg[0].Kind == tsedit.String && tsUnquote(arg[0].Text) == "env":
		p.needBranch = true
		p.replace(f.Toks[i].Off, f.Toks[rp].End, "branchName")
		p.note(f.Toks[i].Off, "custom.cdk-env", model.Auto, "Fn.ref('env') is the branch name", "")
	case len(arg) > 0 && arg[0].Kind == tsedit.Ident && (p.depVars[arg[0].Text] || arg[0].Text == "amplifyResources" || p.isDependencyCall(lp+1, rp)):
		// Gen 1 named a parameter holding the value; Gen 2 passes the value.
		p.ed.Replace(f.Toks[i].Off, arg[0].Off, "")
		p.ed.Replace(arg[len(arg)-1].End, f.Toks[rp].End, "")
	default:
		p.flag(f.Toks[i].Off, "custom.cdk-fnref", "Fn.ref("+f.Text(lp+1, rp-1)+") refers to a CloudFormation parameter of the Gen 1 stack, which Gen 2 does not pass; use the value itself (amplifyResources holds the dependencies, branchName the environment)")
	}
}

// isDependencyCall reports whether the argument tokens start with an
// addResourceDependency call (Fn.ref(AmplifyHelpers.addResourceDependency(...).api.x.Y)).
func (p *porter) isDependencyCall(from, to int) bool {
	name, _, ok := p.helperCall(from)
	return ok && name == "addResourceDependency"
}

// rewriteCfnParameter handles `new cdk.CfnParameter(...)` at token i, `(` at lp.
func (p *porter) rewriteCfnParameter(i, lp int) {
	f := p.f
	rp := f.Match(lp)
	if rp < 0 {
		return
	}
	isEnv := f.At(lp+1, "this", ",") && f.Tok(lp+3).Kind == tsedit.String && tsUnquote(f.Tok(lp+3).Text) == "env"
	prev := f.Tok(i - 1)
	statementStart := i == 0 || prev.Is(";") || prev.Is("{") || prev.Is("}") || f.Toks[i].NewlineBefore && !prev.Is("=")
	if isEnv && statementStart {
		end := f.Toks[rp].End
		if f.Tok(rp + 1).Is(";") {
			end = f.Toks[rp+1].End
		}
		p.replace(f.Toks[i].Off, end, "// (Gen 1's \"env\" CfnParameter removed: Gen 2 uses the branch name, branchName.)")
		p.note(f.Toks[i].Off, "custom.cdk-env", model.Auto, "the \"env\" CfnParameter is removed: Gen 2 passes no parameters; the branch name stands for the environment", "")
		return
	}
	if isEnv {
		p.flag(f.Toks[i].Off, "custom.cdk-parameter", "the \"env\" CfnParameter gets no value in Gen 2 (nothing passes it to the nested stack, so deployment fails); use the branch name instead: const branchName = process.env.AWS_BRANCH ?? 'sandbox'")
		return
	}
	for k := lp + 1; k < rp; k++ {
		if f.At(k, "default", ":") {
			p.note(f.Toks[i].Off, "custom.cdk-parameter", model.CDK, "this CfnParameter keeps its default: Gen 2 passes no parameters to the nested stack", "if Gen 1 set it in parameters.json or team-provider-info.json, make that value the default")
			return
		}
	}
	p.flag(f.Toks[i].Off, "custom.cdk-parameter", "this CfnParameter got its value from Gen 1's parameters.json or team-provider-info.json; Gen 2 passes no parameters to the nested stack, so deployment fails until it is replaced by a constant or a constructor argument")
}

// writeHeader adds the imports and declarations the rewrites rely on,
// after the file's own imports.
func (p *porter) writeHeader() {
	var decls []string
	if p.needDirname || p.needFilename {
		p.imports = append(p.imports, "import { fileURLToPath } from 'node:url';")
		if p.needDirname {
			p.imports = append(p.imports, "import { dirname } from 'node:path';")
		}
		decls = append(decls, "// Gen 2 loads this file as an ES module, which has no __dirname or __filename.")
		if p.needFilename {
			decls = append(decls, "const __filename = fileURLToPath(import.meta.url);")
		}
		if p.needDirname {
			decls = append(decls, "const __dirname = dirname(fileURLToPath(import.meta.url));")
		}
	}
	if p.needBranch {
		decls = append(decls, "// Gen 1 used the environment name where Gen 2 uses the branch.", BranchNameDecl)
	}
	pr := ts.New()
	pr.Comment("The Gen 1 outputs of the resources this stack depends on (its dependsOn in backend-config.json), passed in by amplify/backend.ts where Gen 1 passed CloudFormation parameters.")
	pr.Value("export type AmplifyDependentResourcesAttributes = ", dependencyType(p.in.Deps), ";")
	decls = append(decls, strings.TrimRight(pr.String(), "\n"))

	var b strings.Builder
	if p.lastImportEnd > 0 {
		// After the last import: its line ends, then the additions.
		for _, im := range p.imports {
			b.WriteString("\n" + im)
		}
		b.WriteString("\n\n" + strings.Join(decls, "\n"))
	} else {
		for _, im := range p.imports {
			b.WriteString(im + "\n")
		}
		if len(p.imports) > 0 {
			b.WriteString("\n")
		}
		b.WriteString(strings.Join(decls, "\n") + "\n\n")
	}
	p.ed.Insert(p.lastImportEnd, b.String())
}

// dependencyType is the type of amplifyResources: category -> resource ->
// attribute -> string.
func dependencyType(deps []model.Dependency) ts.Value {
	if len(deps) == 0 {
		return ts.Expr("Record<string, never>")
	}
	cats := ts.Obj{}
	byCat := map[string]*ts.Obj{}
	var order []string
	for _, d := range deps {
		res := ts.Obj{}
		for _, a := range d.Attributes {
			res.Set(a, ts.Expr("string"))
		}
		if byCat[d.Category] == nil {
			byCat[d.Category] = &ts.Obj{}
			order = append(order, d.Category)
		}
		byCat[d.Category].Set(d.ResourceName, res)
	}
	for _, c := range order {
		cats.Set(c, *byCat[c])
	}
	return cats
}

// finish applies the edits and the TODOs and returns the result.
func (p *porter) finish() cdkPortResult {
	// TODOs go above their line, indented like it.
	sort.SliceStable(p.todo, func(i, j int) bool { return p.todo[i].off < p.todo[j].off })
	for _, t := range p.todo {
		start := p.f.LineStart(t.off)
		p.ed.Insert(start, todoComment(p.f.Indent(t.off), t.text))
	}
	code, err := p.ed.Apply()
	if err != nil {
		return p.skeleton(fmt.Sprintf("%s could not be rewritten (%v)", p.in.Path, err), 1)
	}
	p.res.Code = code
	p.res.Todos = scanTodos(code, p.todo)
	return p.res
}

// todoComment renders a TODO as comment lines with the given indentation.
func todoComment(indent, text string) string {
	var b strings.Builder
	for _, l := range ts.Wrap(ts.TodoPrefix+": "+text, ts.Width-len(indent)-3) {
		b.WriteString(indent + "// " + l + "\n")
	}
	return b.String()
}

// scanTodos finds the lines of the TODOs inserted into code, in order.
func scanTodos(code string, todos []pendingTodo) []ts.Todo {
	var out []ts.Todo
	k := 0
	for n, l := range strings.Split(code, "\n") {
		if k < len(todos) && strings.Contains(l, "// "+ts.TodoPrefix+": ") {
			out = append(out, ts.Todo{Line: n + 1, Code: todos[k].code, Text: todos[k].text})
			k++
		}
	}
	return out
}

// skeleton is the construct written when the stack could not be ported:
// it type-checks, creates nothing, and carries the Gen 1 file as comments.
func (p *porter) skeleton(why string, line int) cdkPortResult {
	pr := ts.New()
	pr.Line("import { Construct } from 'constructs';")
	pr.Blank()
	pr.Comment("The Gen 1 outputs of the resources this stack depends on (its dependsOn in backend-config.json), passed in by amplify/backend.ts.")
	pr.Value("export type AmplifyDependentResourcesAttributes = ", dependencyType(p.in.Deps), ";")
	pr.Blank()
	pr.Todo("custom.cdk-stack", why+". Port its resources into this construct (its stack is backend.createStack("+ts.Quote(p.in.Resource)+"); amplifyResources holds the values of its dependencies). The Gen 1 file follows.")
	pr.Commented(p.in.Source)
	pr.Block("export class cdkStack extends Construct {", func() {
		pr.Block("constructor(scope: Construct, id: string, amplifyResources: AmplifyDependentResourcesAttributes) {", func() {
			pr.Line("super(scope, id);")
			pr.Line("void amplifyResources;")
		}, "}")
	}, "}")
	return cdkPortResult{
		Code: pr.String(), ClassName: "cdkStack", Todos: pr.Todos(), Skeleton: true,
		Notes: []cdkNote{{Code: "custom.cdk-stack", Level: model.Manual, Line: line, Reason: why, Action: "port the stack's resources into amplify/custom/" + p.in.Resource + "/resource.ts (see the TODO there)"}},
	}
}
