package writers_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/readers"
	"github.com/amplify-migrate/amplify-migrate/writers"
	"github.com/amplify-migrate/amplify-migrate/writers/apply"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/cases")

// caseOptions is testdata/cases/<case>/options.json.
type caseOptions struct {
	Env             string `json:"env"`
	Tables          string `json:"tables"`
	APIID           string `json:"apiId"`
	Auth            string `json:"auth"`
	NoUserMigration bool   `json:"noUserMigration"`
}

// TestGolden converts each testdata/cases/<case> (a Gen 1 project root with
// amplify/) and compares the Gen 2 files with <case>/gen2/ and the findings
// and manual steps with <case>/findings.txt. Run with -update to rewrite them.
func TestGolden(t *testing.T) {
	cases, _ := filepath.Glob(filepath.Join("..", "testdata", "cases", "*"))
	for _, dir := range cases {
		if _, err := os.Stat(filepath.Join(dir, "amplify")); err != nil {
			continue
		}
		dir := dir
		t.Run(filepath.Base(dir), func(t *testing.T) {
			var co caseOptions
			if data, err := os.ReadFile(filepath.Join(dir, "options.json")); err == nil {
				if err := json.Unmarshal(data, &co); err != nil {
					t.Fatalf("options.json: %v", err)
				}
			}
			p, diags := readers.Read(dir, readers.Options{Env: co.Env})
			if p == nil || diags.HasErrors() {
				t.Fatalf("read: %s", diags.Error())
			}
			out, err := writers.Convert(p, writers.Options{
				Tables: writers.TablesMode(co.Tables), APIID: co.APIID,
				Auth: writers.AuthMode(co.Auth), NoUserMigration: co.NoUserMigration,
			})
			if err != nil {
				t.Fatalf("convert: %v", err)
			}
			got := t.TempDir()
			if _, err := apply.Apply(out, apply.Options{Root: got, SourceRoot: p.Root}); err != nil {
				t.Fatalf("apply: %v", err)
			}
			os.RemoveAll(filepath.Join(got, ".amplify"))
			report := []byte(FindingsText(out, diags))
			wantDir := filepath.Join(dir, "gen2")
			if *update {
				os.RemoveAll(wantDir)
				if err := os.CopyFS(wantDir, os.DirFS(got)); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, "findings.txt"), report, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			compareTrees(t, wantDir, got)
			want, _ := os.ReadFile(filepath.Join(dir, "findings.txt"))
			if !bytes.Equal(want, report) {
				t.Errorf("findings.txt differs (run go test ./writers -run TestGolden -update):\n%s", lineDiff(string(want), string(report)))
			}
		})
	}
}

// FindingsText renders findings, steps, secrets and diagnostics one per
// line for golden comparison.
func FindingsText(out *writers.Output, diags model.Diagnostics) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "diagnostic %s %s: %s\n", d.Severity, d.Pos, d.Summary)
	}
	for _, f := range out.Findings {
		fmt.Fprintf(&b, "%-6s %-32s %s", f.Level, f.Code, f.Resource)
		if f.Subject != "" {
			fmt.Fprintf(&b, " [%s]", f.Subject)
		}
		fmt.Fprintf(&b, ": %s", f.Reason)
		if f.Action != "" {
			fmt.Fprintf(&b, " | next: %s", f.Action)
		}
		if !f.Pos.IsZero() {
			fmt.Fprintf(&b, " @ %s", f.Pos)
		}
		b.WriteString("\n")
	}
	for _, s := range out.Steps {
		fmt.Fprintf(&b, "step %s:%d %s: %s\n", s.File, s.Line, s.Code, s.Text)
	}
	for _, s := range out.Secrets {
		fmt.Fprintf(&b, "secret %s (%s): %s\n", s.Name, s.Resource, s.Purpose)
	}
	return b.String()
}

func compareTrees(t *testing.T, want, got string) {
	t.Helper()
	files := func(root string) map[string][]byte {
		m := map[string][]byte{}
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			rel, _ := filepath.Rel(root, p)
			data, _ := os.ReadFile(p)
			m[filepath.ToSlash(rel)] = data
			return nil
		})
		return m
	}
	w, g := files(want), files(got)
	var names []string
	for n := range w {
		names = append(names, n)
	}
	for n := range g {
		if _, ok := w[n]; !ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		wb, inW := w[n]
		gb, inG := g[n]
		switch {
		case !inW:
			t.Errorf("unexpected file %s (run with -update if intended)", n)
		case !inG:
			t.Errorf("missing file %s", n)
		case !bytes.Equal(wb, gb):
			t.Errorf("%s differs (run go test ./writers -run TestGolden -update if intended):\n%s", n, lineDiff(string(wb), string(gb)))
		}
	}
}

// lineDiff shows the lines that differ, for readable golden failures.
func lineDiff(want, got string) string {
	return apply.UnifiedDiff("want", "got", want, got)
}
