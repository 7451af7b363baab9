package reports_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/readers"
	"github.com/amplify-migrate/amplify-migrate/reports"
	"github.com/amplify-migrate/amplify-migrate/writers"
	"github.com/amplify-migrate/amplify-migrate/writers/verify"
)

// analyze does what `migrate analyze` does: read, convert, build.
func analyze(t testing.TB, dir, env string) (*model.Project, *reports.Report) {
	t.Helper()
	p, diags := readers.Read(dir, readers.Options{Env: env})
	if p == nil {
		t.Fatalf("read %s: %s", dir, diags.Error())
	}
	out, err := writers.Convert(p, writers.Options{})
	if err != nil {
		t.Fatalf("convert %s: %v", dir, err)
	}
	return p, reports.Build(p, dir, out.Findings, diags)
}

// forEachProject runs f as a subtest on every bundled test project and, in
// a "corpus" subtest that skips when the shared corpus is absent, on every
// corpus project.
func forEachProject(t *testing.T, f func(t *testing.T, pr verify.Project)) {
	for _, pr := range verify.TestdataProjects() {
		t.Run(pr.Name, func(t *testing.T) { f(t, pr) })
	}
	t.Run("corpus", func(t *testing.T) {
		for _, pr := range verify.CorpusProjects(t) {
			t.Run(pr.Name, func(t *testing.T) { f(t, pr) })
		}
	})
}

// sample is a report that uses every field of the format.
func sample() *reports.Report {
	p := &model.Project{Name: "shop", Env: "dev", Resources: []*model.Resource{
		{Category: "auth", Name: "shopauth", Service: "Cognito", Pos: model.Pos{File: "amplify/backend/backend-config.json", Line: 3, Col: 17, Path: "auth.shopauth"}},
		{Category: "storage", Name: "photos", Service: "S3", Imported: true},
		{Category: "geo", Name: "map", Service: ""},
	}}
	findings := model.Findings{
		{Code: "auth.password-policy", Level: model.CDK, Resource: model.ResourceRef{Category: "auth", Name: "shopauth"}, Subject: "passwordPolicy",
			Reason: "the Gen 1 policy requires no character classes; Gen 2's default requires all four, so the converter keeps Gen 1's with a CDK override",
			Action: "nothing, unless you want the stricter Gen 2 default", Pos: model.Pos{File: "amplify/backend/auth/shopauth/cli-inputs.json", Line: 12, Col: 5, Path: "cognitoConfig.passwordPolicyCharacters"}},
		{Code: "auth.login", Level: model.Auto, Resource: model.ResourceRef{Category: "auth", Name: "shopauth"}, Subject: "usernameAttributes", Reason: "email sign-in converts to loginWith.email"},
		{Code: "storage.imported", Level: model.Manual, Resource: model.ResourceRef{Category: "storage", Name: "photos"}, Reason: "imported buckets are not created by Gen 2", Action: "reference the bucket with CDK (Bucket.fromBucketName) in backend.ts"},
		{Code: "project.tags", Level: model.CDK, Resource: model.ResourceRef{Category: "project"}, Subject: "tags.json", Reason: "stack tags become Tags.of(backend.stack).add(...)"},
	}
	diags := model.Diagnostics{
		{Severity: model.Error, Summary: `Unknown directive "@modle"`, Detail: `did you mean "@model"?`, Pos: model.Pos{File: "amplify/backend/api/shop/schema.graphql", Line: 2, Col: 11}},
		{Severity: model.Warning, Summary: "the project has 2 environments (dev, prod) and none is selected", Detail: "pass --env NAME", Pos: model.Pos{File: "amplify/team-provider-info.json"}},
	}
	return reports.Build(p, "./shop", findings, diags)
}

func TestBuild(t *testing.T) {
	r := sample()
	if len(r.Resources) != 3 || len(r.ProjectFindings) != 1 {
		t.Fatalf("resources %d, project findings %d", len(r.Resources), len(r.ProjectFindings))
	}
	auth := r.Resources[0]
	if auth.Support != model.CDK || len(auth.Findings) != 2 {
		t.Errorf("auth support %s with %d findings", auth.Support, len(auth.Findings))
	}
	if r.Resources[1].Support != model.Manual || !r.Resources[1].Imported {
		t.Errorf("storage = %+v", r.Resources[1])
	}
	s := r.Summary
	if s.Resources != 3 || s.Findings != 4 || s.Errors != 1 || s.Warnings != 1 {
		t.Errorf("summary = %+v", s)
	}
	if s.Support[model.CDK] != 2 || s.Support[model.Auto] != 1 || s.Support[model.Manual] != 1 || s.Support[model.Drop] != 0 {
		t.Errorf("support = %v", s.Support)
	}
	if s.ResourceSupport[model.CDK] != 1 || s.ResourceSupport[model.Manual] != 1 || s.ResourceSupport[model.Drop] != 1 {
		t.Errorf("resource support = %v", s.ResourceSupport)
	}
	if n := r.AtLeast(model.CDK); n != 3 {
		t.Errorf("AtLeast(cdk) = %d, want 3", n)
	}
	if n := r.AtLeast(model.Manual); n != 1 {
		t.Errorf("AtLeast(manual) = %d, want 1", n)
	}
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	s, err := c.Compile("report.schema.json")
	if err != nil {
		t.Fatalf("schema: %v", err)
	}
	return s
}

func validate(t *testing.T, s *jsonschema.Schema, name string, data []byte) {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if err := s.Validate(v); err != nil {
		t.Errorf("%s does not match report.schema.json: %v", name, err)
	}
}

// TestSchema validates real JSON reports (every bundled and corpus project,
// and a sample that uses every field) against reports/report.schema.json.
func TestSchema(t *testing.T) {
	s := compileSchema(t)
	var buf bytes.Buffer
	if err := reports.Render(&buf, sample(), reports.JSON, reports.Options{}); err != nil {
		t.Fatal(err)
	}
	validate(t, s, "sample", buf.Bytes())
	forEachProject(t, func(t *testing.T, pr verify.Project) {
		_, r := analyze(t, pr.Dir, verify.DefaultEnv(pr.Dir))
		var buf bytes.Buffer
		if err := reports.Render(&buf, r, reports.JSON, reports.Options{}); err != nil {
			t.Fatal(err)
		}
		validate(t, s, pr.Name, buf.Bytes())
	})
	// The schema rejects what it should: it is not vacuous.
	for name, bad := range map[string]string{
		"unknown level":   `{"schemaVersion":1,"project":"","env":"","path":"","resources":[{"category":"a","name":"b","service":"","imported":false,"support":"maybe","position":{},"findings":[]}],"projectFindings":[],"diagnostics":[],"summary":{"resources":1,"findings":0,"support":{"auto":0,"cdk":0,"manual":0,"drop":0},"resourceSupport":{"auto":0,"cdk":0,"manual":0,"drop":0},"errors":0,"warnings":0}}`,
		"missing summary": `{"schemaVersion":1,"project":"","env":"","path":"","resources":[],"projectFindings":[],"diagnostics":[]}`,
	} {
		v, _ := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if s.Validate(v) == nil {
			t.Errorf("schema accepts a report with %s", name)
		}
	}
}

// TestEveryResourceReported checks, on every project, that each resource of
// backend-config.json (parsed here independently of the readers) appears in
// the report exactly once, with at least one finding.
func TestEveryResourceReported(t *testing.T) {
	forEachProject(t, func(t *testing.T, pr verify.Project) {
		data, err := os.ReadFile(filepath.Join(pr.Dir, "amplify", "backend", "backend-config.json"))
		if err != nil {
			t.Fatal(err)
		}
		var bc map[string]map[string]json.RawMessage
		// The Amplify CLI skips a byte order mark, as the readers do.
		if err := json.Unmarshal(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), &bc); err != nil {
			t.Fatal(err)
		}
		var want []string
		for cat, rs := range bc {
			if cat == "parameters" {
				continue
			}
			for name := range rs {
				want = append(want, cat+"/"+name)
			}
		}
		sort.Strings(want)
		_, r := analyze(t, pr.Dir, verify.DefaultEnv(pr.Dir))
		var got []string
		for _, res := range r.Resources {
			got = append(got, res.Category+"/"+res.Name)
			if len(res.Findings) == 0 {
				t.Errorf("%s/%s has no findings", res.Category, res.Name)
			}
			for _, f := range res.Findings {
				if f.Code == "" || f.Reason == "" || f.Level.Rank() < 0 {
					t.Errorf("%s/%s: incomplete finding %+v", res.Category, res.Name, f)
				}
			}
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("report resources:\n%s\nbackend-config.json resources:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if r.Summary.Resources != len(want) {
			t.Errorf("summary counts %d resources, want %d", r.Summary.Resources, len(want))
		}
	})
}

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

func TestTextLayout(t *testing.T) {
	r := sample()
	for _, width := range []int{60, 80, 100, 120} {
		var buf bytes.Buffer
		if err := reports.Render(&buf, r, reports.Text, reports.Options{Width: width}); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if strings.Contains(out, "\x1b[") {
			t.Errorf("width %d: colour without Options.Color", width)
		}
		for _, line := range strings.Split(out, "\n") {
			// Only a label and one long word (a path) may overflow.
			if n := utf8.RuneCountInString(line); n > width && len(strings.Fields(line)) > 2 {
				t.Errorf("width %d: line of %d runes:\n%s", width, n, line)
			}
		}
		for _, want := range []string{
			"Amplify Gen 1 project shop, environment dev",
			"Problems in the input (1 error, 1 warning)",
			"amplify/backend/api/shop/schema.graphql:2:11",
			"→ did you mean \"@model\"?",
			"passwordPolicy",
			"next: nothing, unless you want the stricter Gen 2 default",
			"at amplify/backend/auth/shopauth/cli-inputs.json:12:5 (cognitoConfig.passwordPolicyCharacters)",
			"S3 (imported)",
			"(no service)",
			"3 resources:",
			"0 auto, 1 cdk, 1 manual, 1 drop",
			"4 findings:",
			"1 auto, 2 cdk, 1 manual, 0 drop",
			"input:",
			"1 error, 1 warning",
			"Fix the errors above",
		} {
			if !strings.Contains(oneSpace(out), oneSpace(want)) {
				t.Errorf("width %d: text report lacks %q:\n%s", width, want, out)
			}
		}
	}
	var buf bytes.Buffer
	_ = reports.Render(&buf, r, reports.Text, reports.Options{Color: true})
	if !strings.Contains(buf.String(), "\x1b[33mmanual") {
		t.Errorf("no colour with Options.Color:\n%s", buf.String())
	}
	if plain := ansi.ReplaceAllString(buf.String(), ""); plain != renderString(t, r, reports.Text, reports.Options{}) {
		t.Error("coloured report differs from the plain one by more than colour")
	}
}

// TestTextExcerpt shows the offending line under a diagnostic with a line
// and column.
func TestTextExcerpt(t *testing.T) {
	r := sample()
	files := map[string]string{"amplify/backend/api/shop/schema.graphql": "type Post\n  @modle {\n  id: ID!\n}\n"}
	out := renderString(t, r, reports.Text, reports.Options{ReadFile: func(p string) ([]byte, error) {
		if s, ok := files[p]; ok {
			return []byte(s), nil
		}
		return nil, os.ErrNotExist
	}})
	want := "           2 |   @modle {\n" +
		"                         ^\n"
	if !strings.Contains(out, want) {
		t.Errorf("no excerpt:\n%s", out)
	}
}

func TestWrapKeepsLongWords(t *testing.T) {
	r := sample()
	r.Resources[0].Findings[0].Reason = "see https://docs.amplify.aws/react/build-a-backend/auth/modify-resources-with-cdk/#password-policy-and-other-very-long-paths for details"
	out := renderString(t, r, reports.Text, reports.Options{Width: 60})
	if !strings.Contains(out, "https://docs.amplify.aws/react/build-a-backend/auth/modify-resources-with-cdk/#password-policy-and-other-very-long-paths") {
		t.Errorf("a long word was cut:\n%s", out)
	}
}

func TestMarkdown(t *testing.T) {
	r := sample()
	r.Resources[0].Findings[1].Reason = "a | pipe and <b>html</b>\nacross lines"
	out := renderString(t, r, reports.Markdown, reports.Options{})
	for _, want := range []string{
		"## Amplify Gen 2 migration report: shop",
		"Gen 1 environment: `dev`",
		"| Category | Resource | Service | Support | Findings |",
		"| auth | `shopauth` | Cognito | 🔧 cdk | 2 |",
		"| storage | `photos` | S3 (imported) | ✋ manual | 1 |",
		"a \\| pipe and &lt;b>html&lt;/b> across lines",
		"<details><summary><b>auth/shopauth</b>",
		"### Problems in the input",
		"`amplify/backend/api/shop/schema.graphql:2:11`",
		"### Project",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
	// Every table row has the same number of cells as its header.
	cells := 0
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "|") {
			cells = 0
			continue
		}
		n := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|")
		if cells == 0 {
			cells = n
		} else if n != cells {
			t.Errorf("row with %d cells in a table of %d: %s", n, cells, line)
		}
	}
}

func TestRenderUnknownFormat(t *testing.T) {
	if err := reports.Render(&bytes.Buffer{}, sample(), reports.Format("xml"), reports.Options{}); err == nil {
		t.Error("no error for an unknown format")
	}
}

func renderString(t *testing.T, r *reports.Report, f reports.Format, opts reports.Options) string {
	t.Helper()
	var buf bytes.Buffer
	if err := reports.Render(&buf, r, f, opts); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func oneSpace(s string) string { return strings.Join(strings.Fields(s), " ") }
