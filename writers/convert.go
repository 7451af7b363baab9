// Package writers turns a model.Project into the files of an Amplify Gen 2
// project, and records what it decided about every resource and setting as
// model.Findings.
//
// Writers are pure: a project and options in, an Output (file contents,
// findings, manual steps) out. They never touch the disk; the convert command
// does, so dry runs and diffs cost nothing. Converting the same project twice
// gives identical bytes.
//
// Each category has its own file (auth.go, data*.go, storage.go, function.go,
// rest.go, custom.go, other.go); they contribute resource files and sections
// of amplify/backend.ts through the shared gen state.
package writers

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

// TablesMode chooses how GraphQL model tables reach Gen 2.
type TablesMode string

const (
	// TablesTyped emits a typed a.schema; Gen 2 creates new tables and data
	// is copied with `migrate data`.
	TablesTyped TablesMode = "typed"
	// TablesReuse keeps the Gen 1 tables: the schema is emitted as a GraphQL
	// string with migratedAmplifyGen1DynamoDbTableMappings.
	TablesReuse TablesMode = "reuse"
)

// AuthMode chooses how the Cognito user pool reaches Gen 2.
type AuthMode string

const (
	// AuthDefine defines a new user pool in code (defineAuth).
	AuthDefine AuthMode = "define"
	// AuthReference uses the existing Gen 1 pools through referenceAuth.
	AuthReference AuthMode = "reference"
)

// Options control a conversion.
type Options struct {
	Tables TablesMode
	// APIID is the Gen 1 AppSync API id, needed by TablesReuse when
	// amplify-meta.json is missing.
	APIID string
	Auth  AuthMode
	// NoUserMigration turns off the generated userMigration trigger that
	// brings users over from the Gen 1 pool on first sign-in.
	NoUserMigration bool
}

// FileKind says how the convert command puts a file on disk.
type FileKind int

const (
	// Write puts Data at Path.
	Write FileKind = iota
	// Copy puts the bytes of the Gen 1 file CopyFrom at Path.
	Copy
	// MergeJSON merges Data (a package.json) into an existing file: keys are
	// added, none removed; a different existing value is kept and reported.
	MergeJSON
	// AppendLines adds the lines of Data that an existing file lacks.
	AppendLines
)

// File is one file of the Gen 2 project.
type File struct {
	// Path is relative to the output root, with forward slashes.
	Path string
	Kind FileKind
	Data []byte
	// CopyFrom is a path relative to the Gen 1 project root.
	CopyFrom string
}

// Step is a manual step: a TODO written into a file.
type Step struct {
	File string
	Line int
	Code string
	Text string
}

// Secret is a value the user must set with `ampx sandbox secret set` (and in
// the Amplify console for branches) because it must never be written in code.
type Secret struct {
	Name     string
	Purpose  string
	Resource model.ResourceRef
}

// Output is the result of a conversion.
type Output struct {
	Files    []File
	Findings model.Findings
	Steps    []Step
	Secrets  []Secret
}

// File returns the file at path, or nil.
func (o *Output) File(p string) *File {
	for i := range o.Files {
		if o.Files[i].Path == p {
			return &o.Files[i]
		}
	}
	return nil
}

// Convert builds the Gen 2 project for p.
func Convert(p *model.Project, opts Options) (*Output, error) {
	if opts.Tables == "" {
		opts.Tables = TablesTyped
	}
	if opts.Auth == "" {
		opts.Auth = AuthDefine
	}
	g := newGen(p, opts)
	if err := g.run(); err != nil {
		return nil, err
	}
	return g.output(), nil
}

// gen is the state of one conversion, shared by the category writers.
type gen struct {
	p        *model.Project
	opts     Options
	files    map[string]*File
	backend  *Backend
	pkg      *packageJSON
	findings model.Findings
	steps    []Step
	secrets  map[string]Secret
	// handled marks resources a category writer converted; the rest get the
	// generic manual finding, so nothing is ever silently dropped.
	handled map[model.ResourceRef]bool
	// functions maps function resource names to their Gen 2 identifiers.
	functions map[string]*functionSymbol
	// notes are category sections of MIGRATION.md.
	notes []guideNote
	// fns is the function conversion's state between writeFunctions and
	// wireFunctions.
	fns *functionState
	// tsconfigExclude are paths (relative to amplify/) that
	// amplify/tsconfig.json leaves out of type checking: copied user code
	// that is not part of the typed backend.
	tsconfigExclude []string
	// exports are TypeScript expressions, valid in amplify/backend.ts, that
	// converted resources offer for their Gen 1 output attributes and the
	// resources their override.ts could reach (see refs.go).
	exports map[model.ResourceRef]map[string]string
}

// functionSymbol is how other resources refer to a converted function.
type functionSymbol struct {
	// Ident is the exported const in the function's resource.ts and its key
	// in defineBackend.
	Ident string
	// Module is the import path from amplify/ (e.g. "./functions/x/resource").
	Module string
	// Group is the resourceGroupName, when one was needed ("auth", "data").
	Group string
}

func newGen(p *model.Project, opts Options) *gen {
	return &gen{
		p: p, opts: opts,
		files:     map[string]*File{},
		backend:   &Backend{},
		pkg:       newPackageJSON(),
		secrets:   map[string]Secret{},
		handled:   map[model.ResourceRef]bool{},
		functions: map[string]*functionSymbol{},
		fns:       newFunctionState(),
		exports:   map[model.ResourceRef]map[string]string{},
	}
}

// run calls the category writers in an order where what is referred to is
// known before it is referred to: functions first.
func (g *gen) run() error {
	g.planFunctions()
	steps := []func() error{
		g.writeFunctions,
		g.writeAuth,
		g.writeData,
		g.writeStorage,
		g.writeREST,
		g.writeCustom,
		g.writeOther,
		// After the category writers: function wiring refers to what they
		// made (backend.data, backend.auth, storage tables).
		g.wireFunctions,
		g.writeUnhandled,
		g.writeProjectLevel,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	g.writeBackend()
	g.writeScaffolding()
	g.writeMigrationGuide()
	return nil
}

// finding records a finding about a resource.
func (g *gen) finding(r *model.Resource, f model.Finding) {
	if r != nil {
		f.Resource = r.Ref()
		if f.Pos.IsZero() {
			f.Pos = r.Pos
		}
	}
	g.findings = append(g.findings, f)
}

// projectFinding records a finding about the project as a whole.
func (g *gen) projectFinding(f model.Finding) {
	f.Resource = model.ResourceRef{Category: "project"}
	g.findings = append(g.findings, f)
}

// markHandled records that a category writer converted the resource.
func (g *gen) markHandled(r *model.Resource) { g.handled[r.Ref()] = true }

// addTS adds a TypeScript file printed by p and turns its TODOs into steps.
func (g *gen) addTS(filePath string, p *ts.Printer) {
	g.addFile(filePath, p.Bytes())
	for _, t := range p.Todos() {
		g.steps = append(g.steps, Step{File: filePath, Line: t.Line, Code: t.Code, Text: t.Text})
	}
}

// addFile adds a file written from bytes.
func (g *gen) addFile(filePath string, data []byte) {
	g.files[filePath] = &File{Path: filePath, Kind: Write, Data: data}
}

// copyFile adds a file whose content is a Gen 1 file, unchanged.
func (g *gen) copyFile(dst, src string) {
	g.files[dst] = &File{Path: dst, Kind: Copy, CopyFrom: src}
}

// secret records a secret the user must set.
func (g *gen) secret(r *model.Resource, name, purpose string) {
	s := Secret{Name: name, Purpose: purpose}
	if r != nil {
		s.Resource = r.Ref()
	}
	if _, ok := g.secrets[name]; !ok {
		g.secrets[name] = s
	}
}

func (g *gen) output() *Output {
	out := &Output{}
	for _, f := range g.files {
		out.Files = append(out.Files, *f)
	}
	sort.Slice(out.Files, func(i, j int) bool { return out.Files[i].Path < out.Files[j].Path })
	out.Findings = append(out.Findings, g.findings...)
	out.Findings.Sort()
	out.Steps = append(out.Steps, g.steps...)
	sort.SliceStable(out.Steps, func(i, j int) bool {
		if out.Steps[i].File != out.Steps[j].File {
			return out.Steps[i].File < out.Steps[j].File
		}
		return out.Steps[i].Line < out.Steps[j].Line
	})
	for _, s := range g.secrets {
		out.Secrets = append(out.Secrets, s)
	}
	sort.Slice(out.Secrets, func(i, j int) bool { return out.Secrets[i].Name < out.Secrets[j].Name })
	return out
}

// writeUnhandled gives every resource no category writer converted a manual
// finding and a TODO in backend.ts: nothing the user had is silently dropped.
func (g *gen) writeUnhandled() error {
	var missed []*model.Resource
	for _, r := range g.p.Resources {
		if !g.handled[r.Ref()] {
			missed = append(missed, r)
		}
	}
	if len(missed) == 0 {
		return nil
	}
	g.backend.Add(OrderUnhandled, "Resources with no Gen 2 conversion", func(p *ts.Printer) {
		for _, r := range missed {
			p.Todo("resource.unsupported", fmt.Sprintf("%s/%s (service %q) was not converted; recreate it with CDK in this file (backend.createStack(%s)) or remove it if it is no longer used. Its Gen 1 files are in %s.",
				r.Category, r.Name, r.Service, ts.Quote(r.Name), r.Dir))
		}
	})
	for _, r := range missed {
		g.finding(r, model.Finding{
			Code:   "resource.unsupported",
			Level:  model.Manual,
			Reason: fmt.Sprintf("amplify-migrate has no conversion for %s resources of service %q", r.Category, r.Service),
			Action: "recreate the resource with CDK in amplify/backend.ts (see the TODO there), or remove it if it is unused",
		})
	}
	return nil
}

// resourceDir is where a category's Gen 2 files go: amplify/<parts...>.
func resourceDir(parts ...string) string { return path.Join(append([]string{"amplify"}, parts...)...) }

// lowerFirst lower-cases the first letter: "Post" -> "post".
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
