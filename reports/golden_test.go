package reports_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/amplify-migrate/amplify-migrate/readers"
	"github.com/amplify-migrate/amplify-migrate/reports"
	"github.com/amplify-migrate/amplify-migrate/writers"
	"github.com/amplify-migrate/amplify-migrate/writers/apply"
)

var update = flag.Bool("update", false, "rewrite the golden reports in testdata/reports")

// goldenProjects are the projects whose reports are kept, by the path a user
// would give (relative to the repository root).
var goldenProjects = []string{
	"testdata/example",
	"testdata/projects/fitness-tracker",
	"testdata/projects/imported",
	"testdata/projects/quirks",
	"testdata/projects/beyond",
	"testdata/bad/broken",
}

// TestGoldenReports renders the analyze report of each golden project in
// every format and compares it with testdata/reports/<name>.{txt,json,md}.
// Rewrite them with: go test ./reports -run TestGoldenReports -update
func TestGoldenReports(t *testing.T) {
	for _, rel := range goldenProjects {
		name := filepath.Base(rel)
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("..", filepath.FromSlash(rel))
			p, diags := readers.Read(dir, readers.Options{})
			if p == nil {
				t.Fatalf("read: %s", diags.Error())
			}
			out, err := writers.Convert(p, writers.Options{})
			if err != nil {
				t.Fatalf("convert: %v", err)
			}
			r := reports.Build(p, rel, out.Findings, diags)
			root := p.Root
			opts := reports.Options{Width: 100, ReadFile: func(f string) ([]byte, error) {
				return os.ReadFile(filepath.Join(root, filepath.FromSlash(f)))
			}}
			for ext, format := range map[string]reports.Format{"txt": reports.Text, "json": reports.JSON, "md": reports.Markdown} {
				var buf bytes.Buffer
				if err := reports.Render(&buf, r, format, opts); err != nil {
					t.Fatal(err)
				}
				golden := filepath.Join("..", "testdata", "reports", name+"."+ext)
				if *update {
					if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test ./reports -run TestGoldenReports -update)", err)
				}
				if !bytes.Equal(want, buf.Bytes()) {
					t.Errorf("%s differs (run go test ./reports -run TestGoldenReports -update if intended):\n%s",
						golden, apply.UnifiedDiff("want", "got", string(want), buf.String()))
				}
			}
		})
	}
}
