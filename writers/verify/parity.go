package verify

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// API parity: a converted Gen 2 API is proven identical to its Gen 1
// original by synthesizing both with the real packages (SynthGen1 for Gen 1,
// Toolchain.Synth for Gen 2) and comparing what makes an API behave as it
// does: the final AppSync schema, each model table, each resolver and
// pipeline function with its VTL, the data sources, and the API's
// authorization settings. Everything is keyed by meaning (type and field,
// model name, function name), never by logical id, because Gen 1's API sits
// in its own stack and Gen 2's in nested stacks of the whole backend.

// Kinds of Difference.
const (
	KindSchema     = "schema"
	KindTable      = "table"
	KindResolver   = "resolver"
	KindFunction   = "function"
	KindDataSource = "data source"
	KindAuth       = "auth"
	KindHarness    = "harness" // an assembly could not be read
)

// Difference is one way the Gen 2 API differs from the Gen 1 API.
type Difference struct {
	Kind    string
	Subject string // what differs, e.g. "field Post.blogPostsId"
	Want    string // Gen 1; "" when absent
	Got     string // Gen 2; "" when absent
	// Tolerated is the ID of the Tolerance that declares this difference
	// harmless, or "" for a real difference.
	Tolerated string

	typeName, fieldName string
}

// Tolerance declares a difference between Gen 1 and Gen 2 output that is
// proven harmless. Nothing else is ever tolerated.
type Tolerance struct {
	ID     string
	Reason string
	match  func(d Difference, c *comparison) bool
}

// Tolerances is the declared table of harmless differences.
var Tolerances = []Tolerance{
	{
		ID: "subscription-filter-implicit-fk",
		Reason: "Gen 1 puts the implicit foreign key of a @hasMany (blogPostsId, the hash key of GSI " +
			"gsi-Blog.posts on Post) in the PARENT's subscription filter input (ModelSubscriptionBlogFilterInput) " +
			"and not in the child's. The parent never stores that attribute, so filtering on it there can only " +
			"ever match nothing. Gen 2 declares the key on the child, so the child's filter input gains it: an " +
			"additional filter no Gen 1 client document uses.",
		match: matchSubscriptionFilterFK,
	},
	{
		ID: "auth-field-lists",
		Reason: "The auth steps list a model's fields (allowedFields, nullAllowedFields, ownerAllowedFields...) " +
			"in schema field order, and a typed Gen 2 model adds the implicit id after the declared fields, or " +
			"not at all in create. Tolerated only where every such list is either unused (its rule sets " +
			"isAuthorizedOnAllFields to true, so the VTL never reads the list) or differs in order only (the " +
			"VTL uses the lists as sets: contains, addAll, copyAndRemoveAll).",
		match: matchAuthFieldLists,
	},
	{
		ID: "gen2-user-pool-mode",
		Reason: "defineData adds the user pool of defineAuth as an authorization mode whenever the backend has " +
			"auth (backend-data convert_authorization_modes.ts), even when the Gen 1 API had no user pool mode. " +
			"No rule of the schema names user pools, so every auth step gains only a " +
			"`#if( $util.authType() == \"User Pool Authorization\" )` block that authorizes nobody (empty, or a " +
			"subscription's runtime-filter skeleton over empty owner and group filters): user pool tokens reach the " +
			"API and are refused by every model, as any unknown caller was in Gen 1. Tolerated only when Gen 1 " +
			"had no user pool mode at all and such blocks are the whole difference.",
		match: matchGen2UserPoolMode,
	},
}

const userPoolMode = "AMAZON_COGNITO_USER_POOLS"

// matchGen2UserPoolMode matches the differences that the user pool mode
// Gen 2 adds makes, when Gen 1 had no user pool mode (see Tolerances).
func matchGen2UserPoolMode(d Difference, c *comparison) bool {
	if c.gen1.auth["default mode"] == userPoolMode || strings.Contains(c.gen1.auth["additional modes"], userPoolMode) ||
		!strings.Contains(c.gen2.auth["additional modes"], userPoolMode) {
		return false
	}
	switch {
	case d.Kind == KindAuth && d.Subject == "additional modes":
		want := strings.Split(d.Want, ", ")
		if d.Want == "" {
			want = nil
		}
		got := strings.Split(d.Got, ", ")
		var rest []string
		for _, m := range got {
			if m != userPoolMode {
				rest = append(rest, m)
			}
		}
		return strings.Join(rest, ", ") == strings.Join(want, ", ")
	case d.Kind == KindAuth && strings.HasPrefix(d.Subject, "additional "+userPoolMode+" "):
		return d.Want == ""
	case d.Kind == KindFunction && isTemplate(d.Subject[strings.LastIndex(d.Subject, " ")+1:]):
		return removeEmptyUserPoolBlocks(d.Got) == d.Want
	}
	return false
}

// removeEmptyUserPoolBlocks removes from normalized VTL the
// `#if( $util.authType() == "User Pool Authorization" )` blocks that
// authorize nobody: no rule adds an owner or group filter (`.add(`) and
// nothing reads a claim or a group list, so every condition inside is false.
// What remains is the block Gen 2's transformer writes for a mode no rule
// uses (an empty one, or a subscription's runtime-filter skeleton).
func removeEmptyUserPoolBlocks(vtl string) string {
	lines := strings.Split(vtl, "\n")
	var out []string
	for i := 0; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) != `#if( $util.authType() == "User Pool Authorization" )` {
			out = append(out, lines[i])
			continue
		}
		depth, end := 1, -1
		for k := i + 1; k < len(lines) && end < 0; k++ {
			l := strings.TrimSpace(lines[k])
			switch {
			case strings.HasPrefix(l, "#if") || strings.HasPrefix(l, "#foreach"):
				depth++
			case l == "#end":
				if depth--; depth == 0 {
					end = k
				}
			}
		}
		// An authorization directly in the block (not under a condition)
		// lets every user pool caller in.
		inert, d := end > 0, 1
		for k := i + 1; inert && k < end; k++ {
			l := strings.TrimSpace(lines[k])
			switch {
			case strings.HasPrefix(l, "#if") || strings.HasPrefix(l, "#foreach"):
				d++
			case l == "#end":
				d--
			}
			inert = !strings.Contains(l, ".add(") && !strings.Contains(l, "Claim") && !strings.Contains(l, "contains(") &&
				!(d == 1 && strings.Contains(l, "$isAuthorized = true"))
		}
		if !inert {
			out = append(out, lines[i])
			continue
		}
		i = end
	}
	return strings.Join(out, "\n")
}

// Gen1SynthSettings declares how SynthGen1 departs from what the Amplify
// CLI did, each because Gen 2 gives a converted API no choice and the
// difference would otherwise hide every real one. A data conversion reports
// each of these to the user as a finding.
var Gen1SynthSettings = []struct{ Setting, Reason string }{
	{
		"iamConfig.enableIamAuthorizationMode = true",
		"defineData always enables IAM authorization (backend-data convert_authorization_modes.ts), which adds " +
			"@aws_iam to every type and an IAM branch to every auth step; Gen 1 allowed only the listed roles.",
	},
	{
		"translationBehavior.disableResolverDeduping = true",
		"Gen 2 never dedupes resolvers; deduping only shares identical pipeline functions between resolvers " +
			"and changes no resolver's behaviour, but it renames functions.",
	},
	{
		"user pool, identity pool and roles from AmplifyAuth (the defineAuth construct)",
		"the API refers to them in every resolver (stash authRole, unauthRole, identityPoolId); building them " +
			"with the construct Gen 2 uses makes the references line up by meaning.",
	},
}

// comparison holds both sides while differences are checked against the
// tolerances.
type comparison struct {
	gen1, gen2 *apiView
	s1, s2     *schemaFacts
}

// CompareAPIs compares the AppSync API in the gen1 assembly with the one in
// the gen2 assembly. Differences covered by a Tolerance are returned too,
// with Tolerated set; Untolerated filters them out. An assembly that cannot
// be read gives a difference of kind KindHarness.
func CompareAPIs(gen1, gen2 *Assembly) []Difference {
	c := &comparison{}
	var out []Difference
	var err error
	if c.gen1, err = loadAPIView(gen1.Dir); err != nil {
		return []Difference{{Kind: KindHarness, Subject: "Gen 1 assembly", Want: "an AppSync API", Got: err.Error()}}
	}
	if c.gen2, err = loadAPIView(gen2.Dir); err != nil {
		return []Difference{{Kind: KindHarness, Subject: "Gen 2 assembly", Want: "an AppSync API", Got: err.Error()}}
	}
	if c.s1, err = parseSchemaFacts(c.gen1.schema); err != nil {
		return []Difference{{Kind: KindHarness, Subject: "Gen 1 schema", Want: "a parsable schema", Got: err.Error()}}
	}
	if c.s2, err = parseSchemaFacts(c.gen2.schema); err != nil {
		return []Difference{{Kind: KindHarness, Subject: "Gen 2 schema", Want: "a parsable schema", Got: err.Error()}}
	}
	out = append(out, compareSchemas(c.s1, c.s2)...)
	out = append(out, compareMaps(KindAuth, "", c.gen1.auth, c.gen2.auth)...)
	out = append(out, compareTables(c.gen1.tables, c.gen2.tables)...)
	out = append(out, compareNested(KindResolver, "resolver", c.gen1.resolvers, c.gen2.resolvers)...)
	out = append(out, compareNested(KindFunction, "function", c.gen1.functions, c.gen2.functions)...)
	out = append(out, compareNested(KindDataSource, "data source", c.gen1.dataSources, c.gen2.dataSources)...)
	for i := range out {
		for _, t := range Tolerances {
			if t.match(out[i], c) {
				out[i].Tolerated = t.ID
				break
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Kind != out[j].Kind {
			return kindOrder(out[i].Kind) < kindOrder(out[j].Kind)
		}
		return out[i].Subject < out[j].Subject
	})
	return out
}

func kindOrder(k string) int {
	for i, x := range []string{KindHarness, KindAuth, KindSchema, KindTable, KindDataSource, KindResolver, KindFunction} {
		if x == k {
			return i
		}
	}
	return 99
}

// Untolerated returns the differences no Tolerance covers.
func Untolerated(ds []Difference) []Difference {
	var out []Difference
	for _, d := range ds {
		if d.Tolerated == "" {
			out = append(out, d)
		}
	}
	return out
}

func compareMaps(kind, prefix string, want, got map[string]string) []Difference {
	var out []Difference
	for _, k := range unionKeys(want, got) {
		if want[k] != got[k] {
			out = append(out, Difference{Kind: kind, Subject: strings.TrimSpace(prefix + " " + k), Want: want[k], Got: got[k]})
		}
	}
	return out
}

func compareNested(kind, noun string, want, got map[string]map[string]string) []Difference {
	var out []Difference
	for _, name := range unionKeys(want, got) {
		w, inW := want[name]
		g, inG := got[name]
		if !inW || !inG {
			d := Difference{Kind: kind, Subject: noun + " " + name}
			if inW {
				d.Want = summarize(w)
			} else {
				d.Got = summarize(g)
			}
			out = append(out, d)
			continue
		}
		for _, aspect := range unionKeys(w, g) {
			a, b := w[aspect], g[aspect]
			if isTemplate(aspect) {
				a, b = normalizeVTL(a), normalizeVTL(b)
			}
			if a != b {
				out = append(out, Difference{Kind: kind, Subject: noun + " " + name + " " + aspect, Want: a, Got: b})
			}
		}
	}
	return out
}

func isTemplate(aspect string) bool {
	return strings.HasSuffix(aspect, "MappingTemplate") || aspect == "Code"
}

// summarize describes a resolver, function or data source that exists on one
// side only.
func summarize(m map[string]string) string {
	var parts []string
	for _, k := range sortedKeys(m) {
		v := m[k]
		if isTemplate(k) {
			v = fmt.Sprintf("(%d lines)", strings.Count(v, "\n")+1)
		}
		parts = append(parts, k+": "+v)
	}
	return strings.Join(parts, "; ")
}

func compareTables(want, got map[string]*tableView) []Difference {
	var out []Difference
	for _, model := range unionKeys(want, got) {
		w, inW := want[model]
		g, inG := got[model]
		subject := "table " + model
		if !inW || !inG {
			d := Difference{Kind: KindTable, Subject: subject}
			if inW {
				d.Want = w.summary()
			} else {
				d.Got = g.summary()
			}
			out = append(out, d)
			continue
		}
		out = append(out, compareMaps(KindTable, subject, w.settings, g.settings)...)
		out = append(out, compareMaps(KindTable, subject, w.indexes, g.indexes)...)
		out = append(out, compareMaps(KindTable, subject+" attribute", w.attrs, g.attrs)...)
	}
	return out
}

func (t *tableView) summary() string {
	parts := []string{"key schema " + t.settings["key schema"]}
	for _, k := range sortedKeys(t.indexes) {
		parts = append(parts, k+" ("+t.indexes[k]+")")
	}
	return strings.Join(parts, "; ")
}

var spaceRE = regexp.MustCompile(`[ \t]+`)

// normalizeVTL trims every line, collapses runs of blanks and drops empty
// lines: indentation and blank lines never change what a template does.
func normalizeVTL(s string) string {
	var out []string
	for _, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		line = strings.TrimSpace(spaceRE.ReplaceAllString(line, " "))
		if line != "" {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}

var subscriptionFilterRE = regexp.MustCompile(`^ModelSubscription(\w+)FilterInput$`)

func matchSubscriptionFilterFK(d Difference, c *comparison) bool {
	if d.Kind != KindSchema || d.fieldName == "" || d.Subject != "field "+d.typeName+"."+d.fieldName {
		return false
	}
	m := subscriptionFilterRE.FindStringSubmatch(d.typeName)
	if m == nil {
		return false
	}
	model, field := m[1], d.fieldName
	owner := implicitKeyOwner(c.gen1.tables, field)
	if owner == "" {
		return false
	}
	hasField := func(sf *schemaFacts, typ string) bool {
		_, ok := sf.byKey["field "+typ+"."+field]
		return ok
	}
	switch {
	case d.Got == "" && d.Want != "":
		// Gen 1 only, on the parent's filter: the parent has no such field.
		return owner != model && !hasField(c.s1, model) && !hasField(c.s2, model)
	case d.Want == "" && d.Got != "":
		// Gen 2 only, on the child's filter: the child has the field in
		// both generations.
		return owner == model && hasField(c.s1, model) && hasField(c.s2, model)
	}
	return false
}

// implicitKeyOwner returns the model whose Gen 1 table has a relationship
// index (gsi-<Parent>.<field>, which Gen 1 names only for @hasMany without
// an explicit index) keyed on the attribute, or "".
func implicitKeyOwner(tables map[string]*tableView, attr string) string {
	for _, model := range sortedKeys(tables) {
		for name, desc := range tables[model].indexes {
			if strings.HasPrefix(name, "GSI gsi-") && strings.HasPrefix(desc, "keys "+attr+" HASH") {
				return model
			}
		}
	}
	return ""
}

var (
	fieldListVarRE  = regexp.MustCompile(`(\$[A-Za-z]*AllowedFields)([0-9]*)(\s*=\s*)\[([^\]\[]*)\]`)
	fieldListKeyRE  = regexp.MustCompile(`("[A-Za-z]*[aA]llowedFields"\s*:\s*)\[([^\]\[]*)\]`)
	allFieldsVarRE  = regexp.MustCompile(`\$isAuthorizedOnAllFields([0-9]*)\s*=\s*(\w+)`)
	flatObjectRE    = regexp.MustCompile(`\{[^{}]*\}`)
	unusedFieldList = "[(unused: the rule grants every field)]"
)

// canonicalFieldLists rewrites the field lists of auth steps to what the VTL
// can observe: a list whose rule grants every field is never read, and the
// others are sets.
func canonicalFieldLists(s string) string {
	// $isAuthorizedOnAllFieldsN: the lists of rule N are unused only when
	// every assignment in the template says true.
	allTrue := map[string]bool{}
	for _, m := range allFieldsVarRE.FindAllStringSubmatch(s, -1) {
		prev, seen := allTrue[m[1]]
		allTrue[m[1]] = (prev || !seen) && m[2] == "true"
	}
	s = fieldListVarRE.ReplaceAllStringFunc(s, func(x string) string {
		m := fieldListVarRE.FindStringSubmatch(x)
		if m[2] != "" && allTrue[m[2]] {
			return m[1] + m[2] + m[3] + unusedFieldList
		}
		return m[1] + m[2] + m[3] + "[" + sortedItems(m[4]) + "]"
	})
	// Static group roles are object literals carrying their own flag.
	return flatObjectRE.ReplaceAllStringFunc(s, func(obj string) string {
		unused := strings.Contains(obj, `"isAuthorizedOnAllFields":true`)
		return fieldListKeyRE.ReplaceAllStringFunc(obj, func(x string) string {
			m := fieldListKeyRE.FindStringSubmatch(x)
			if unused {
				return m[1] + unusedFieldList
			}
			return m[1] + "[" + sortedItems(m[2]) + "]"
		})
	})
}

func sortedItems(list string) string {
	items := strings.Split(list, ",")
	for i := range items {
		items[i] = strings.TrimSpace(items[i])
	}
	sort.Strings(items)
	return strings.Join(items, ",")
}

func matchAuthFieldLists(d Difference, c *comparison) bool {
	if (d.Kind != KindFunction && d.Kind != KindResolver) || !isTemplate(d.Subject[strings.LastIndex(d.Subject, " ")+1:]) {
		return false
	}
	if d.Want == "" || d.Got == "" {
		return false
	}
	return canonicalFieldLists(d.Want) == canonicalFieldLists(d.Got)
}

func unionKeys[V any](a, b map[string]V) []string {
	set := map[string]bool{}
	for k := range a {
		set[k] = true
	}
	for k := range b {
		set[k] = true
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// FormatDifferences renders differences for a test log or a terminal: real
// differences first, each with Gen 1 and Gen 2 values (multi-line values as
// a line diff), then one line per tolerated difference with its tolerance.
func FormatDifferences(ds []Difference) string {
	var b strings.Builder
	real := Untolerated(ds)
	tolerated := len(ds) - len(real)
	fmt.Fprintf(&b, "%d difference(s)", len(real))
	if len(real) > 0 {
		counts := map[string]int{}
		var kinds []string
		for _, d := range real {
			if counts[d.Kind] == 0 {
				kinds = append(kinds, d.Kind)
			}
			counts[d.Kind]++
		}
		var parts []string
		for _, k := range kinds {
			parts = append(parts, fmt.Sprintf("%d %s", counts[k], k))
		}
		b.WriteString(" (" + strings.Join(parts, ", ") + ")")
	}
	if tolerated > 0 {
		fmt.Fprintf(&b, ", %d tolerated", tolerated)
	}
	b.WriteString("\n")
	for _, d := range real {
		fmt.Fprintf(&b, "\n%s: %s\n", d.Kind, d.Subject)
		b.WriteString(formatValues(d.Want, d.Got))
	}
	if tolerated > 0 {
		b.WriteString("\ntolerated:\n")
		for _, d := range ds {
			if d.Tolerated != "" {
				fmt.Fprintf(&b, "  %s: %s [%s]\n", d.Kind, d.Subject, d.Tolerated)
			}
		}
	}
	return b.String()
}

func formatValues(want, got string) string {
	show := func(s string) string {
		if s == "" {
			return "(absent)"
		}
		return s
	}
	if !strings.Contains(want, "\n") && !strings.Contains(got, "\n") {
		return fmt.Sprintf("  gen1: %s\n  gen2: %s\n", show(want), show(got))
	}
	if want == "" || got == "" {
		var b strings.Builder
		fmt.Fprintf(&b, "  gen1: %s\n", indentBlock(show(want)))
		fmt.Fprintf(&b, "  gen2: %s\n", indentBlock(show(got)))
		return b.String()
	}
	return lineDiff(strings.Split(want, "\n"), strings.Split(got, "\n"))
}

func indentBlock(s string) string {
	return strings.ReplaceAll(s, "\n", "\n        ")
}

// lineDiff renders a minimal line diff ("- " Gen 1 only, "+ " Gen 2 only)
// with two lines of context around each change.
func lineDiff(a, b []string) string {
	// LCS table; templates are a few hundred lines at most.
	n, m := len(a), len(b)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	type op struct {
		sign byte
		text string
	}
	var ops []op
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			ops = append(ops, op{' ', a[i]})
			i++
			j++
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			ops = append(ops, op{'+', b[j]})
			j++
		default:
			ops = append(ops, op{'-', a[i]})
			i++
		}
	}
	const context = 2
	var sb strings.Builder
	sb.WriteString("  (- gen1, + gen2)\n")
	last := -1
	for k, o := range ops {
		near := false
		for d := -context; d <= context; d++ {
			if k+d >= 0 && k+d < len(ops) && ops[k+d].sign != ' ' {
				near = true
				break
			}
		}
		if !near {
			continue
		}
		if last >= 0 && k > last+1 {
			sb.WriteString("  ...\n")
		}
		fmt.Fprintf(&sb, "  %c %s\n", o.sign, o.text)
		last = k
	}
	return sb.String()
}
