package verify

import (
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"testing"
)

// RepoRoot returns the repository root.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// Project is a Gen 1 test project: its name and root folder.
type Project struct {
	Name string
	Dir  string
}

// CorpusProjects returns the real public projects of ../shared/corpus, or
// skips the test when the folder is not beside the repository.
func CorpusProjects(t testing.TB) []Project {
	t.Helper()
	dir := os.Getenv("AMPLIFY_MIGRATE_CORPUS")
	if dir == "" {
		dir = filepath.Join(RepoRoot(), "..", "shared", "corpus")
	}
	ps := projectsIn(dir)
	if len(ps) == 0 {
		if os.Getenv(EnvReal) != "" {
			t.Fatalf("no corpus projects in %s (set AMPLIFY_MIGRATE_CORPUS)", dir)
		}
		t.Skipf("no corpus projects in %s", dir)
	}
	return ps
}

// TestdataProjects returns the projects under testdata/projects and the
// bundled example.
func TestdataProjects() []Project {
	ps := projectsIn(filepath.Join(RepoRoot(), "testdata", "projects"))
	ex := filepath.Join(RepoRoot(), "testdata", "example")
	if isProject(ex) {
		ps = append([]Project{{Name: "example", Dir: ex}}, ps...)
	}
	return ps
}

func projectsIn(dir string) []Project {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []Project
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if e.IsDir() && isProject(p) {
			out = append(out, Project{Name: e.Name(), Dir: p})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func isProject(dir string) bool {
	st, err := os.Stat(filepath.Join(dir, "amplify", "backend"))
	return err == nil && st.IsDir()
}
