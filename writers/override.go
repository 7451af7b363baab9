package writers

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
	"github.com/amplify-migrate/amplify-migrate/writers/tsedit"
)

// Translating override.ts.
//
// A Gen 1 override is `export function override(resources, amplifyProjectInfo)`
// whose body edits the L1 constructs of the resource's stack:
// `resources.userPool.policies = {...}` or
// `resources.s3Bucket.addPropertyOverride('X', y)`. Gen 2 reaches the same
// L1 constructs after defineBackend (backend.auth.resources.cfnResources
// .cfnUserPool, ...), so each statement that only assigns a property of one
// of them, or calls one of the CfnResource override methods, is carried into
// backend.ts with `resources.<x>` replaced by its Gen 2 expression. Anything
// else (local variables, loops, helpers, resources Gen 2 does not have) is
// carried as a comment with a TODO, so nothing the user wrote is lost.

// overrideMethods are the CfnResource methods a translated statement may call.
var overrideMethods = map[string]bool{
	"addPropertyOverride": true, "addOverride": true, "addDeletionOverride": true,
	"addPropertyDeletionOverride": true, "applyRemovalPolicy": true, "addMetadata": true,
}

// overrideGlobals are identifiers a translated statement may use freely.
var overrideGlobals = map[string]bool{
	"true": true, "false": true, "null": true, "undefined": true, "new": true, "typeof": true, "void": true,
	"in": true, "instanceof": true, "as": true, "const": false, "JSON": true, "Math": true, "String": true,
	"Number": true, "Boolean": true, "Object": true, "Array": true, "parseInt": true, "parseFloat": true,
	"encodeURIComponent": true, "Infinity": true, "NaN": true,
}

// wrapperProps are the properties of a Gen 1 model table (CfnTable) that
// the Gen 2 AmplifyDynamoDbTableWrapper can set, with their Gen 2 names.
var wrapperProps = map[string]string{
	"billingMode": "billingMode", "pointInTimeRecoverySpecification": "pointInTimeRecoverySpecification",
	"provisionedThroughput": "provisionedThroughput", "timeToLiveSpecification": "timeToLiveAttribute",
	"sseSpecification": "sseSpecification", "streamSpecification": "streamSpecification",
	"deletionProtectionEnabled": "deletionProtectionEnabled",
}

// l1Renames are the raw tag maps of taggable L1 resources: aws-cdk-lib
// renders them from the resource's TagManager (tags), so assigning the
// property after construction does nothing; a translated assignment sets
// each tag on the TagManager instead.
var l1Renames = map[string]string{
	"userPoolTags": "userPoolTagsRaw", "hostedZoneTags": "hostedZoneTagsRaw",
	"fileSystemTags": "fileSystemTagsRaw", "accessPointTags": "accessPointTagsRaw",
}

// overrideTarget is the Gen 2 expression of a Gen 1 override resource.
type overrideTarget struct {
	expr string
	// consumed is how many path segments after `resources` it stands for.
	consumed int
	// wrapper marks a Gen 2 model table, which only has wrapperProps setters.
	wrapper bool
	// imports the expression needs in backend.ts: module -> names.
	imports map[string][]string
}

// targetFunc maps the path after `resources.` to its Gen 2 expression, or
// says why there is none.
type targetFunc func(path []string) (overrideTarget, string)

// writeOverrides translates every override.ts of the project.
func (g *gen) writeOverrides() {
	for _, r := range g.p.Resources {
		if r.Override == nil {
			continue
		}
		if r.Category == model.CategoryAuth && g.backend.HasResource("auth") && g.authReferenced() {
			g.finding(r, model.Finding{Code: "override", Level: model.Drop, Subject: "override.ts", Pos: model.Pos{File: r.Override.Path, Line: 1},
				Reason: "override.ts shaped the Gen 1 pools, which Gen 2 references as they are (referenceAuth), so its changes stay in effect"})
			continue
		}
		g.writeOverride(r, r.Override, g.resourceTargets(r))
	}
	if g.p.RootOverride != nil {
		g.writeOverride(nil, g.p.RootOverride, g.rootTargets)
	}
}

// authReferenced reports whether the Gen 2 backend references the Gen 1
// pools (referenceAuth) instead of defining them: imported auth, or
// --auth reference.
func (g *gen) authReferenced() bool {
	if g.opts.Auth == AuthReference {
		return true
	}
	for _, a := range g.p.ByService(model.CategoryAuth, "Cognito") {
		if a.Imported {
			return true
		}
	}
	return false
}

// resourceTargets returns how the resources of r's Gen 1 override map to Gen 2.
func (g *gen) resourceTargets(r *model.Resource) targetFunc {
	return func(path []string) (overrideTarget, string) {
		if len(path) == 0 {
			return overrideTarget{}, "it uses the whole resources object"
		}
		for n := len(path); n > 0; n-- {
			if e, ok := g.exports[r.Ref()]["override:"+strings.Join(path[:n], ".")]; ok {
				return overrideTarget{expr: e, consumed: n}, ""
			}
		}
		t := func(expr string, n int) (overrideTarget, string) { return overrideTarget{expr: expr, consumed: n}, "" }
		first := path[0]
		switch r.Category + "/" + r.Service {
		case "auth/Cognito":
			if !g.backend.HasResource("auth") {
				return overrideTarget{}, "the user pool was not converted to defineAuth"
			}
			if r.Imported || g.opts.Auth == AuthReference {
				return overrideTarget{}, "the Gen 2 backend references the existing Gen 1 pools (referenceAuth), whose resources Gen 2 does not deploy"
			}
			cfn := "backend.auth.resources.cfnResources."
			switch first {
			case "userPool":
				return t(cfn+"cfnUserPool", 1)
			case "userPoolClientWeb":
				return t(cfn+"cfnUserPoolClient", 1)
			case "identityPool":
				return t(cfn+"cfnIdentityPool", 1)
			case "identityPoolRoleMap":
				return t(cfn+"cfnIdentityPoolRoleAttachment", 1)
			case "userPoolClient":
				return overrideTarget{}, "the Gen 1 native app client (userPoolClient) has no Gen 2 default; it exists only if the auth conversion re-created it"
			}
		case "auth/Cognito-UserPool-Groups":
			if !g.backend.HasResource("auth") {
				return overrideTarget{}, "the user pool groups were not converted to defineAuth groups"
			}
			if len(path) >= 2 && (first == "userPoolGroup" || first == "userPoolGroupRole") {
				grp := "backend.auth.resources.groups[" + ts.Quote(path[1]) + "]"
				if first == "userPoolGroup" {
					if g.opts.Auth == AuthReference {
						return overrideTarget{}, "referenceAuth does not deploy the groups"
					}
					return t(grp+".cfnUserGroup", 2)
				}
				return overrideTarget{expr: "(" + grp + ".role.node.defaultChild as CfnRole)", consumed: 2,
					imports: map[string][]string{"aws-cdk-lib/aws-iam": {"CfnRole"}}}, ""
			}
		case "api/AppSync":
			if !g.backend.HasResource("data") {
				return overrideTarget{}, "the API was not converted to defineData"
			}
			cfn := "backend.data.resources.cfnResources."
			if first == "api" && len(path) >= 2 {
				switch path[1] {
				case "GraphQLAPI":
					return t(cfn+"cfnGraphqlApi", 2)
				case "GraphQLAPIDefaultApiKey":
					return t(cfn+"cfnApiKey!", 2)
				case "GraphQLAPITransformerSchema":
					return t(cfn+"cfnGraphqlSchema", 2)
				}
			}
			if first == "models" && len(path) >= 3 && path[2] != "modelDDBTable" {
				return overrideTarget{}, fmt.Sprintf("Gen 2 names a model's resolvers and functions differently (backend.data.resources.cfnResources.cfnResolvers and cfnFunctionConfigurations); find the one for %s there", path[1])
			}
			if first == "models" && len(path) >= 3 && path[2] == "modelDDBTable" {
				if r.GraphQL != nil && len(r.GraphQL.Models) > 0 && !slices.Contains(r.GraphQL.Models, path[1]) {
					return overrideTarget{}, fmt.Sprintf("the schema has no @model type %s", path[1])
				}
				return overrideTarget{expr: cfn + "amplifyDynamoDbTables[" + ts.Quote(path[1]) + "]", consumed: 3, wrapper: true}, ""
			}
		case "storage/S3":
			if r.Imported {
				return overrideTarget{}, "the bucket is imported: Gen 2 does not deploy it"
			}
			key := g.storageNames().bucketKey[r.Name]
			if key == "" || !g.backend.HasResource(key) {
				return overrideTarget{}, "the bucket was not converted to defineStorage"
			}
			if first == "s3Bucket" {
				return t("backend."+key+".resources.cfnResources.cfnBucket", 1)
			}
			if strings.Contains(first, "Policy") {
				return overrideTarget{}, "Gen 2 grants bucket access through defineStorage access rules, not the Gen 1 policies"
			}
		case "function/Lambda":
			if fn := g.functions[r.Name]; fn != nil && g.backend.HasResource(fn.Ident) && first == "lambdaFunction" {
				return t("backend."+fn.Ident+".resources.cfnResources.cfnFunction", 1)
			}
		}
		return overrideTarget{}, fmt.Sprintf("Gen 2 has no counterpart of the Gen 1 %s resource %s", r.Ref(), first)
	}
}

// rootTargets maps the root stack's override resources.
func (g *gen) rootTargets(path []string) (overrideTarget, string) {
	if len(path) == 0 {
		return overrideTarget{}, "it uses the whole resources object"
	}
	switch path[0] {
	case "authRole", "unauthRole":
		if !g.backend.HasResource("auth") {
			return overrideTarget{}, "auth was not converted, so Gen 2 has no identity pool roles"
		}
		if g.opts.Auth == AuthReference {
			return overrideTarget{}, "referenceAuth uses the existing Gen 1 roles, which Gen 2 does not deploy"
		}
		role := "authenticatedUserIamRole"
		if path[0] == "unauthRole" {
			role = "unauthenticatedUserIamRole"
		}
		return overrideTarget{expr: "(backend.auth.resources." + role + ".node.defaultChild as CfnRole)", consumed: 1,
			imports: map[string][]string{"aws-cdk-lib/aws-iam": {"CfnRole"}}}, ""
	case "deploymentBucket":
		return overrideTarget{}, "Gen 2 has no Amplify deployment bucket (it deploys through the CDK bootstrap bucket)"
	}
	return overrideTarget{}, "Gen 2 has no counterpart of the root stack resource " + path[0]
}

// overrideFile is one override.ts being translated.
type overrideFile struct {
	g       *gen
	r       *model.Resource
	src     *model.SourceFile
	f       *tsedit.File
	target  targetFunc
	res     string // name of the resources parameter
	info    string // name of the project info parameter
	imports map[string]importBinding
}

// importBinding is an import of the override file that translated code may use.
type importBinding struct {
	module string // Gen 2 module
	name   string // exported name, "" for a namespace import
}

// overrideStmt is one statement of the override body and its outcome.
type overrideStmt struct {
	text     string // translated statement
	original string
	comments []string
	line     int
	why      string // why it was not translated
	imports  map[string][]string
}

func (g *gen) writeOverride(r *model.Resource, src *model.SourceFile, target targetFunc) {
	o := &overrideFile{g: g, r: r, src: src, target: target, imports: map[string]importBinding{}}
	what := "the root stack"
	if r != nil {
		what = r.Ref().String()
	}
	title := fmt.Sprintf("Overrides of %s, translated from %s.", what, src.Path)
	stmts, whole := o.translate()
	if whole != "" {
		g.reportOverride(r, model.Finding{Code: "override", Level: model.Manual, Pos: model.Pos{File: src.Path, Line: 1},
			Reason: whole, Action: "port the override to CDK in amplify/backend.ts (see the TODO there)"})
		g.backend.Add(OrderOverrides, title, func(p *ts.Printer) {
			p.Todo("override", fmt.Sprintf("%s was not translated: %s. Port it with the Gen 2 escape hatches (backend.<resource>.resources.cfnResources); the file follows.", src.Path, whole))
			p.Commented(src.Content)
		})
		return
	}
	if len(stmts) == 0 {
		g.reportOverride(r, model.Finding{Code: "override", Level: model.Drop, Pos: model.Pos{File: src.Path, Line: 1},
			Reason: "the override function changes nothing"})
		return
	}
	translated := 0
	for _, s := range stmts {
		pos := model.Pos{File: src.Path, Line: s.line}
		subject := oneLine(s.original)
		if len(subject) > 60 {
			subject = subject[:57] + "..."
		}
		if s.why == "" {
			translated++
			for mod, names := range s.imports {
				g.backend.Imports.Add(mod, names...)
			}
			g.reportOverride(r, model.Finding{Code: "override.statement", Level: model.CDK, Subject: subject, Pos: pos,
				Reason: "carried into amplify/backend.ts on the Gen 2 resource"})
			continue
		}
		g.reportOverride(r, model.Finding{Code: "override.statement", Level: model.Manual, Subject: subject, Pos: pos,
			Reason: "not translated: " + s.why, Action: "port it in amplify/backend.ts (see the TODO there)"})
	}
	level := model.CDK
	if translated < len(stmts) {
		level = model.Manual
	}
	g.reportOverride(r, model.Finding{Code: "override", Level: level, Pos: model.Pos{File: src.Path, Line: 1},
		Reason: fmt.Sprintf("%d of %d statement(s) translated to Gen 2 escape hatches", translated, len(stmts)),
		Action: map[bool]string{true: "port the statements left as comments (see the TODOs in amplify/backend.ts)", false: ""}[translated < len(stmts)]})
	same := translated == 0
	for _, s := range stmts {
		same = same && s.why == stmts[0].why
	}
	g.backend.Add(OrderOverrides, title, func(p *ts.Printer) {
		if same {
			// Nothing translated, for one reason: one TODO for the file.
			p.Todo("override", fmt.Sprintf("%s was not translated: %s. Its statements follow as comments; port them with the Gen 2 escape hatches.", src.Path, stmts[0].why))
			for _, s := range stmts {
				for _, c := range s.comments {
					p.Commented(c)
				}
				p.Commented(s.original)
			}
			return
		}
		for _, s := range stmts {
			for _, c := range s.comments {
				p.Line(c)
			}
			if s.why == "" {
				p.Line(s.text)
				continue
			}
			p.Todo("override.statement", fmt.Sprintf("%s:%d was not translated: %s. It follows as a comment; port it with the Gen 2 escape hatches.", src.Path, s.line, s.why))
			p.Commented(s.original)
		}
	})
}

func (g *gen) reportOverride(r *model.Resource, f model.Finding) {
	if r == nil {
		g.projectFinding(f)
		return
	}
	g.finding(r, f)
}

// translate reads the file and translates the override function's body.
// whole is set when the file as a whole could not be read.
func (o *overrideFile) translate() (stmts []overrideStmt, whole string) {
	f, err := tsedit.Parse(o.src.Content)
	if err != nil {
		return nil, fmt.Sprintf("it could not be read as TypeScript (%v)", err)
	}
	o.f = f
	body, bodyEnd := o.findOverride()
	if body < 0 {
		return nil, "it has no `export function override(resources, amplifyProjectInfo)`"
	}
	var others []string
	for _, s := range f.Statements(0, len(f.Toks)) {
		if s.From <= body && body < s.To {
			continue
		}
		if f.Toks[s.From].Is("import") {
			o.bindImport(s)
			continue
		}
		others = append(others, oneLine(f.Text(s.From, s.To-1)))
	}
	prevEnd := f.Toks[body].End
	for _, s := range f.Statements(body+1, bodyEnd) {
		st := overrideStmt{line: f.Toks[s.From].Line}
		start := f.Toks[s.From].Off
		for _, c := range f.All {
			if c.Kind == tsedit.Comment && c.Off >= prevEnd && c.End <= start {
				st.comments = append(st.comments, dedent(c.Text, c.Col-1))
			}
		}
		prevEnd = f.Toks[s.To-1].End
		st.original = dedent(f.Text(s.From, s.To-1), f.Toks[s.From].Col-1)
		st.text, st.imports, st.why = o.statement(s)
		if st.why != "" && len(others) > 0 {
			st.why += "; the file's top-level code (" + others[0] + ") was not carried"
		}
		stmts = append(stmts, st)
	}
	return stmts, ""
}

// dedent removes up to n leading spaces from every line but the first.
func dedent(text string, n int) string {
	lines := strings.Split(text, "\n")
	for i := 1; i < len(lines); i++ {
		l := lines[i]
		k := 0
		for k < n && k < len(l) && (l[k] == ' ' || l[k] == '\t') {
			k++
		}
		lines[i] = l[k:]
	}
	return strings.Join(lines, "\n")
}

// findOverride finds the override function and returns the indexes of its
// body's braces, or -1; it records the names of its parameters.
func (o *overrideFile) findOverride() (int, int) {
	f := o.f
	for i := 0; i < len(f.Toks); i++ {
		var lp int
		switch {
		case f.At(i, "function", "override", "("):
			lp = i + 2
		case f.At(i, "const", "override", "=") || f.At(i, "let", "override", "="):
			k := i + 3
			if f.Tok(k).Is("async") {
				k++
			}
			if !f.Tok(k).Is("(") {
				continue
			}
			lp = k
		default:
			continue
		}
		rp := f.Match(lp)
		if rp < 0 {
			return -1, -1
		}
		var names []string
		expect := true
		for k := lp + 1; k < rp; k++ {
			if f.Toks[k].Is(",") {
				expect = true
				continue
			}
			if expect && f.Toks[k].Kind == tsedit.Ident {
				names = append(names, f.Toks[k].Text)
				expect = false
			}
			if m := f.Match(k); m > k {
				k = m
			}
		}
		if len(names) > 0 {
			o.res = names[0]
		}
		if len(names) > 1 {
			o.info = names[1]
		}
		body := rp + 1
		for body < len(f.Toks) && !f.Toks[body].Is("{") {
			if f.Toks[body].Is("=>") && !f.Tok(body+1).Is("{") {
				return -1, -1
			}
			body++
		}
		if body >= len(f.Toks) {
			return -1, -1
		}
		return body, f.Match(body)
	}
	return -1, -1
}

// bindImport records the aws-cdk-lib imports translated code may use.
func (o *overrideFile) bindImport(s tsedit.Span) {
	f := o.f
	m := s.From + 1
	for m < s.To && f.Toks[m].Kind != tsedit.String {
		m++
	}
	if m >= s.To {
		return
	}
	mod := tsUnquote(f.Toks[m].Text)
	switch {
	case mod == "@aws-cdk/core":
		mod = "aws-cdk-lib"
	case strings.HasPrefix(mod, "@aws-cdk/") && !strings.HasSuffix(mod, "-alpha"):
		mod = "aws-cdk-lib/" + strings.TrimPrefix(mod, "@aws-cdk/")
	case mod == "aws-cdk-lib" || strings.HasPrefix(mod, "aws-cdk-lib/"):
	default:
		return
	}
	ns, _, named := importBindings(f.Toks[s.From+1 : m])
	if ns != "" {
		o.imports[ns] = importBinding{module: mod}
	}
	for local, name := range named {
		if local == name {
			o.imports[local] = importBinding{module: mod, name: name}
		}
	}
}

// statement translates one statement of the override body.
func (o *overrideFile) statement(s tsedit.Span) (text string, imports map[string][]string, why string) {
	f := o.f
	end := s.To
	if f.Toks[end-1].Is(";") {
		end--
	}
	if end <= s.From {
		return "", nil, "it is empty"
	}
	tr := &exprTranslator{o: o, ed: tsedit.NewEditor(o.src.Content), imports: map[string][]string{}}
	// An assignment to a property of a resource.
	eq := -1
	for i := s.From; i < end; i++ {
		if f.Toks[i].Is("=") {
			eq = i
			break
		}
		if m := f.Match(i); m > i {
			i = m
		}
	}
	if eq > 0 {
		path, chainEnd, ok := o.chain(s.From)
		if !ok || chainEnd != eq {
			return "", nil, "it is not an assignment to a property of `" + o.res + ".<resource>`"
		}
		t, why := o.target(path)
		if why != "" {
			return "", nil, why
		}
		rest := path[t.consumed:]
		if len(rest) == 0 {
			return "", nil, "it replaces a whole resource"
		}
		if _, tagMap := l1Renames[rest[0]]; tagMap && len(rest) == 1 && !t.wrapper {
			return tr.tagMap(t, eq+1, end)
		}
		if t.wrapper {
			if len(rest) != 1 || wrapperProps[rest[0]] == "" {
				return "", nil, fmt.Sprintf("a Gen 2 model table (AmplifyDynamoDbTableWrapper) can only set %s", strings.Join(sortedMapKeys(wrapperProps), ", "))
			}
			if why := tr.wrapperValue(rest[0], eq+1, end); why != "" {
				return "", nil, why
			}
			tr.replaceChain(s.From, eq, t.expr+"."+wrapperProps[rest[0]], t)
		} else {
			tr.replaceTarget(s.From, path, t)
		}
		if why := tr.expr(eq+1, end); why != "" {
			return "", nil, why
		}
		return tr.result(s.From, end), tr.imports, ""
	}
	// A call of an override method on a resource.
	path, chainEnd, ok := o.chain(s.From)
	if !ok || len(path) < 2 || !f.Tok(chainEnd).Is("(") || f.Match(chainEnd) != end-1 {
		return "", nil, "it is neither a property assignment nor an override method call on `" + o.res + ".<resource>`"
	}
	method := path[len(path)-1]
	if !overrideMethods[method] {
		return "", nil, fmt.Sprintf("%s is not one of the CfnResource override methods (%s)", method, strings.Join(sortedMapKeys(overrideMethodsText()), ", "))
	}
	t, why := o.target(path[:len(path)-1])
	if why != "" {
		return "", nil, why
	}
	if t.wrapper {
		return "", nil, "a Gen 2 model table (AmplifyDynamoDbTableWrapper) has no " + method
	}
	if t.consumed != len(path)-1 {
		return "", nil, "it calls " + method + " on a property, not on a resource"
	}
	tr.replaceTarget(s.From, path[:len(path)-1], t)
	if why := tr.expr(chainEnd+1, end-1); why != "" {
		return "", nil, why
	}
	return tr.result(s.From, end), tr.imports, ""
}

func overrideMethodsText() map[string]string {
	m := map[string]string{}
	for k := range overrideMethods {
		m[k] = k
	}
	return m
}

func sortedMapKeys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// chain reads `resources.a['b'].c` at token i: the path after the
// resources parameter and the index of the first token after the chain.
func (o *overrideFile) chain(i int) ([]string, int, bool) {
	f := o.f
	if !f.Tok(i).Is(o.res) || o.res == "" {
		return nil, i, false
	}
	var path []string
	k := i + 1
	for {
		switch {
		case (f.Tok(k).Is(".") || f.Tok(k).Is("?.")) && f.Tok(k+1).Kind == tsedit.Ident:
			path = append(path, f.Toks[k+1].Text)
			k += 2
		case f.Tok(k).Is("[") && (f.Tok(k+1).Kind == tsedit.String || f.Tok(k+1).Kind == tsedit.Number) && f.Tok(k+2).Is("]"):
			path = append(path, tsUnquote(f.Toks[k+1].Text))
			if f.Toks[k+1].Kind == tsedit.Number {
				path[len(path)-1] = f.Toks[k+1].Text
			}
			k += 3
		case f.Tok(k).Is("!") && (f.Tok(k+1).Is(".") || f.Tok(k+1).Is("[")):
			k++
		default:
			return path, k, true
		}
	}
}

// chainTokenEnd returns the index of the last token of the first n path
// segments of the chain starting at i.
func (o *overrideFile) chainTokenEnd(i, n int) int {
	f := o.f
	k := i
	for seg := 0; seg < n; seg++ {
		k++
		if f.Tok(k).Is("!") {
			k++
		}
		if f.Tok(k).Is("[") {
			k += 2
		} else {
			k++
		}
	}
	return k
}

// exprTranslator rewrites the resource references of one statement.
type exprTranslator struct {
	o       *overrideFile
	ed      *tsedit.Editor
	imports map[string][]string
}

func (tr *exprTranslator) addImports(m map[string][]string) {
	for mod, names := range m {
		tr.imports[mod] = append(tr.imports[mod], names...)
	}
}

// replaceTarget replaces `resources.<consumed segments>` at token i.
func (tr *exprTranslator) replaceTarget(i int, path []string, t overrideTarget) {
	f := tr.o.f
	last := tr.o.chainTokenEnd(i, t.consumed)
	tr.ed.Replace(f.Toks[i].Off, f.Toks[last].End, t.expr)
	tr.addImports(t.imports)
}

// replaceChain replaces the tokens [i, end) with text.
func (tr *exprTranslator) replaceChain(i, end int, text string, t overrideTarget) {
	f := tr.o.f
	tr.ed.Replace(f.Toks[i].Off, f.Toks[end-1].End, text)
	tr.addImports(t.imports)
}

// expr rewrites the expression tokens [from, to): references to other
// resources, to the project info, and to imports; anything else that is
// not local to the expression makes it untranslatable.
func (tr *exprTranslator) expr(from, to int) string {
	o, f := tr.o, tr.o.f
	for i := from; i < to; i++ {
		t := f.Toks[i]
		if t.Is("=>") || t.Is("function") {
			return "it defines a function, whose parameters amplify-migrate does not follow"
		}
		if t.Kind != tsedit.Ident {
			continue
		}
		prev := f.Tok(i - 1)
		if prev.Is(".") || prev.Is("?.") {
			continue
		}
		if f.Tok(i+1).Is(":") && (prev.Is("{") || prev.Is(",")) && tr.insideBrace(i, from) {
			continue // an object key
		}
		switch {
		case t.Text == o.res:
			path, _, _ := o.chain(i)
			tg, why := o.target(path)
			if why != "" {
				return why
			}
			if tg.wrapper {
				return "it reads a Gen 2 model table (AmplifyDynamoDbTableWrapper), which has only setters"
			}
			// Gen 1 compiled overrides without strict checks; reading an L1
			// property through its union type (IResolvable | X) needs any in
			// Gen 2's strict backend.ts.
			tg.expr = "(" + tg.expr + " as any)"
			tr.replaceTarget(i, path, tg)
			i = o.chainTokenEnd(i, tg.consumed)
		case t.Text == o.info && o.info != "":
			switch {
			case f.At(i+1, ".", "envName"):
				tr.ed.Replace(t.Off, f.Toks[i+2].End, o.g.backend.BranchName())
			case f.At(i+1, ".", "projectName"):
				prev, next := f.Tok(i-1), f.Tok(i+3)
				if prev.Kind == tsedit.Template && strings.HasSuffix(prev.Text, "${") && next.Kind == tsedit.Template && strings.HasPrefix(next.Text, "}") {
					// `...${info.projectName}...` becomes the name itself.
					tr.ed.Replace(prev.End-2, next.Off+1, ts.Template(o.g.p.Name))
				} else {
					tr.ed.Replace(t.Off, f.Toks[i+2].End, ts.Quote(o.g.p.Name))
				}
			default:
				return "it uses " + o.info + " other than .envName and .projectName"
			}
			i += 2
		case overrideGlobals[t.Text]:
		default:
			b, ok := o.imports[t.Text]
			if !ok {
				return "it uses " + t.Text + ", which is defined outside the statement"
			}
			if b.name == "" {
				alias := o.g.backend.Imports.NamespaceAlias(b.module)
				if alias == "" {
					o.g.backend.Imports.Namespace(b.module, t.Text)
				} else if alias != t.Text {
					tr.ed.Replace(t.Off, t.End, alias)
				}
			} else {
				tr.imports[b.module] = append(tr.imports[b.module], b.name)
			}
		}
	}
	return ""
}

// insideBrace reports whether the innermost bracket around token i (after
// from) is a brace, i.e. `x:` there is an object key.
func (tr *exprTranslator) insideBrace(i, from int) bool {
	f := tr.o.f
	for k := i - 1; k >= from; k-- {
		if m := f.Match(k); m >= 0 && m < k {
			k = m
			continue
		}
		if t := f.Toks[k]; t.Is("{") || t.Is("(") || t.Is("[") {
			return t.Is("{")
		}
	}
	return false
}

// wrapperValue adapts the value of a model table property to the Gen 2
// wrapper's types (enums instead of strings).
func (tr *exprTranslator) wrapperValue(prop string, from, to int) string {
	f := tr.o.f
	enum := func(tok tsedit.Token, typ string, values ...string) string {
		v := tsUnquote(tok.Text)
		if tok.Kind != tsedit.String || !slices.Contains(values, v) {
			return fmt.Sprintf("the %s value is not one of %s", prop, strings.Join(values, ", "))
		}
		tr.ed.Replace(tok.Off, tok.End, typ+"."+v)
		tr.imports["aws-cdk-lib/aws-dynamodb"] = append(tr.imports["aws-cdk-lib/aws-dynamodb"], typ)
		return ""
	}
	switch prop {
	case "billingMode":
		if to-from != 1 {
			return "the billingMode value is not a string literal"
		}
		return enum(f.Toks[from], "BillingMode", "PAY_PER_REQUEST", "PROVISIONED")
	case "streamSpecification":
		for i := from; i < to; i++ {
			if f.At(i, "streamViewType", ":") {
				return enum(f.Tok(i+2), "StreamViewType", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY")
			}
		}
		return "the streamSpecification value has no streamViewType"
	case "sseSpecification":
		for i := from; i < to; i++ {
			if f.Toks[i].Is("sseType") {
				return "the Gen 2 model table takes sseType as its SSEType enum"
			}
		}
	}
	return ""
}

// tagMap translates `resources.x.userPoolTags = { K: v, ... }` into
// `x.tags.setTag('K', v);` per tag.
func (tr *exprTranslator) tagMap(t overrideTarget, from, to int) (string, map[string][]string, string) {
	f := tr.o.f
	if !f.Tok(from).Is("{") || f.Match(from) != to-1 {
		return "", nil, "it sets a tag map to something other than an object literal; set each tag with .tags.setTag(key, value)"
	}
	type tag struct {
		key        string
		from, till int
	}
	var tags []tag
	for k := from + 1; k < to-1; {
		key := f.Tok(k)
		if (key.Kind != tsedit.Ident && key.Kind != tsedit.String) || !f.Tok(k+1).Is(":") {
			return "", nil, "its tag map has an entry that is not `key: value`"
		}
		end := k + 2
		for end < to-1 && !f.Toks[end].Is(",") {
			if m := f.Match(end); m > end {
				end = m
			}
			end++
		}
		if end == k+2 {
			return "", nil, "its tag map has an entry without a value"
		}
		if why := tr.expr(k+2, end); why != "" {
			return "", nil, why
		}
		name := key.Text
		if key.Kind == tsedit.String {
			name = tsUnquote(name)
		}
		tags = append(tags, tag{key: name, from: k + 2, till: end})
		k = end + 1
	}
	var ranges [][2]int
	for _, tg := range tags {
		ranges = append(ranges, [2]int{tg.from, tg.till})
	}
	values := tr.extract(ranges)
	var lines []string
	for i, tg := range tags {
		lines = append(lines, fmt.Sprintf("%s.tags.setTag(%s, %s);", t.expr, ts.Quote(tg.key), values[i]))
	}
	tr.addImports(t.imports)
	return strings.Join(lines, "\n"), tr.imports, ""
}

// extract returns the token ranges [from, till) with the edits applied.
func (tr *exprTranslator) extract(ranges [][2]int) []string {
	f := tr.o.f
	for _, r := range ranges {
		tr.ed.Insert(f.Toks[r[0]].Off, "\x00")
		tr.ed.Insert(f.Toks[r[1]-1].End, "\x01")
	}
	out, err := tr.ed.Apply()
	var vals []string
	for _, r := range ranges {
		if err != nil {
			vals = append(vals, f.Text(r[0], r[1]-1))
			continue
		}
		i := strings.IndexByte(out, 0)
		j := strings.IndexByte(out, 1)
		vals = append(vals, out[i+1:j])
		out = out[j+1:]
	}
	return vals
}

// result returns the statement [from, end) with the edits applied.
func (tr *exprTranslator) result(from, end int) string {
	f := tr.o.f
	// The editor works on the whole file; cut the statement out after.
	marker := "\x00"
	tr.ed.Insert(f.Toks[from].Off, marker)
	tr.ed.Insert(f.Toks[end-1].End, marker)
	out, err := tr.ed.Apply()
	if err != nil {
		return f.Text(from, end-1) + ";"
	}
	parts := strings.Split(out, marker)
	if len(parts) != 3 {
		return f.Text(from, end-1) + ";"
	}
	return dedent(parts[1], f.Toks[from].Col-1) + ";"
}
