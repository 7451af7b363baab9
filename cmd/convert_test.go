package cmd

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/amplify-migrate/amplify-migrate/readers"
	"github.com/amplify-migrate/amplify-migrate/writers"
	"github.com/amplify-migrate/amplify-migrate/writers/verify"
)

func TestConvertOptions(t *testing.T) {
	tests := []struct {
		args []string
		want ConvertOptions
	}{
		{nil, ConvertOptions{Path: ".", Tables: "typed", Auth: "define"}},
		{[]string{"app", "-o", "gen2", "--env", "prod", "--dry-run"},
			ConvertOptions{Path: "app", Out: "gen2", Env: "prod", DryRun: true, Tables: "typed", Auth: "define"}},
		{[]string{"--out=gen2", "--force", "--tables", "reuse", "--api-id", "abc123", "--auth", "reference", "--no-user-migration"},
			ConvertOptions{Path: ".", Out: "gen2", Force: true, Tables: "reuse", APIID: "abc123", Auth: "reference", NoUserMigration: true}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			tio := newTestIO()
			var got *ConvertOptions
			root := newRoot(tio.f, NewConvertCmd(tio.f, func(o *ConvertOptions) error { got = o; return nil }))
			if code := run(root, append([]string{"convert"}, tt.args...), tio.f); code != ExitOK {
				t.Fatalf("exit %d: %s", code, tio.err)
			}
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("options = %+v, want %+v", *got, tt.want)
			}
		})
	}
}

// tree returns every file under dir (slash paths) with its bytes.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == ".git" {
				return filepath.SkipDir
			}
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return m
}

// sameTree reports the differences between two trees.
func sameTree(a, b map[string][]byte) []string {
	var diffs []string
	for n, da := range a {
		db, ok := b[n]
		switch {
		case !ok:
			diffs = append(diffs, "only in the first: "+n)
		case !bytes.Equal(da, db):
			diffs = append(diffs, "differs: "+n)
		}
	}
	for n := range b {
		if _, ok := a[n]; !ok {
			diffs = append(diffs, "only in the second: "+n)
		}
	}
	sort.Strings(diffs)
	return diffs
}

func TestConvertOut(t *testing.T) {
	src := project.write(t)
	gen1 := tree(t, src)
	out := filepath.Join(t.TempDir(), "gen2")
	tio := newTestIO()
	if code := tio.run("convert", src, "--out", out); code != ExitOK {
		t.Fatalf("exit %d\n%s%s", code, tio.out, tio.err)
	}
	got := tree(t, out)
	for _, f := range []string{"amplify/backend.ts", "amplify/package.json", "amplify/tsconfig.json", "package.json", ".gitignore", "MIGRATION.md", ".amplify/migration/manifest.json"} {
		if _, ok := got[f]; !ok {
			t.Errorf("%s was not written", f)
		}
	}
	if !strings.Contains(tio.out.String(), "create    amplify/backend.ts") || !strings.Contains(tio.err.String(), "findings:") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", tio.out, tio.err)
	}
	if d := sameTree(gen1, tree(t, src)); len(d) > 0 {
		t.Errorf("--out changed the Gen 1 project: %v", d)
	}
	// A second run finds everything in place.
	tio = newTestIO()
	if code := tio.run("convert", src, "--out", out); code != ExitOK {
		t.Fatalf("rerun exit %d\n%s", code, tio.err)
	}
	if strings.Contains(tio.out.String(), "create") || strings.Contains(tio.out.String(), "update") {
		t.Errorf("rerun wrote files:\n%s", tio.out)
	}
	if d := sameTree(got, tree(t, out)); len(d) > 0 {
		t.Errorf("rerun changed: %v", d)
	}
}

func TestConvertConflict(t *testing.T) {
	src := project.write(t)
	out := t.TempDir()
	files{"amplify/backend.ts": "// my own Gen 2 work\n"}.writeTo(t, out)
	tio := newTestIO()
	if code := tio.run("convert", src, "--out", out); code != ExitFailure {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"exist and were not written by amplify-migrate; nothing was written", "amplify/backend.ts (not written by amplify-migrate)", "--force"} {
		if !strings.Contains(tio.err.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, tio.err)
		}
	}
	if got := tree(t, out); len(got) != 1 {
		t.Errorf("files were written despite the conflict: %d", len(got))
	}
	tio = newTestIO()
	if code := tio.run("convert", src, "--out", out, "--force"); code != ExitOK {
		t.Fatalf("--force: exit %d: %s", code, tio.err)
	}
	if data, _ := os.ReadFile(filepath.Join(out, "amplify", "backend.ts")); bytes.Contains(data, []byte("my own")) {
		t.Error("--force did not overwrite")
	}
}

func TestConvertDryRun(t *testing.T) {
	src := project.write(t)
	gen1 := tree(t, src)
	out := filepath.Join(t.TempDir(), "gen2")
	tio := newTestIO()
	if code := tio.run("convert", src, "--out", out, "--dry-run"); code != ExitOK {
		t.Fatalf("exit %d: %s", code, tio.err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("the dry run created the output folder")
	}
	if !strings.Contains(tio.out.String(), "create    amplify/backend.ts") || !strings.Contains(tio.err.String(), "Dry run: nothing was written") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", tio.out, tio.err)
	}
	// In place: the plan shows the move; no git needed since nothing is written.
	tio = newTestIO()
	if code := tio.run("convert", src, "--dry-run"); code != ExitOK {
		t.Fatalf("in place: exit %d: %s", code, tio.err)
	}
	for _, want := range []string{"move      amplify/ -> .amplify/migration/gen1/amplify/", "create    amplify/backend.ts", "create    .amplify/migration/gen1/.gitignore"} {
		if !strings.Contains(tio.out.String(), want) {
			t.Errorf("in-place plan lacks %q:\n%s", want, tio.out)
		}
	}
	if d := sameTree(gen1, tree(t, src)); len(d) > 0 {
		t.Errorf("the dry run changed the project: %v", d)
	}
}

func TestConvertBadInput(t *testing.T) {
	src := project.with(files{"amplify/backend/backend-config.json": `{"function": {"shopfn": {"service": "Lambda"}, "gone": {"service": "Lambda"}}}`}).write(t)
	out := filepath.Join(t.TempDir(), "gen2")
	tio := newTestIO()
	if code := tio.run("convert", src, "--out", out); code != ExitFailure {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(tio.err.String(), "amplify/backend/backend-config.json:1:") || !strings.Contains(tio.err.String(), "nothing was written") {
		t.Errorf("stderr:\n%s", tio.err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("output written despite errors")
	}
}

func TestConvertOutUsage(t *testing.T) {
	src := project.write(t)
	for name, out := range map[string]string{"the project": src, "inside amplify/": filepath.Join(src, "amplify", "gen2")} {
		t.Run(name, func(t *testing.T) {
			tio := newTestIO()
			if code := tio.run("convert", src, "--out", out); code != ExitUsage {
				t.Errorf("exit %d: %s", code, tio.err)
			}
		})
	}
}

// git runs git in dir, failing the test on error.
func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func TestConvertInPlace(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	userPkg := "{\n  \"name\": \"shop\",\n  \"scripts\": {\n    \"start\": \"vite\"\n  },\n  \"dependencies\": {\n    \"aws-amplify\": \"^6.0.0\"\n  }\n}\n"
	userIgnore := "node_modules/\n#amplify-do-not-edit-begin\namplify/\\#current-cloud-backend\namplify/.config/local-*\namplify/backend/amplify-meta.json\n#amplify-do-not-edit-end\n"
	src := project.with(files{
		"package.json":                      userPkg,
		".gitignore":                        userIgnore,
		"src/App.jsx":                       "export default function App() {}\n",
		"amplify/backend/amplify-meta.json": `{"providers": {"awscloudformation": {"StackName": "amplify-shop-dev-12345"}}}`,
	}).write(t)

	// Not a repository: refused.
	tio := newTestIO()
	if code := tio.run("convert", src); code != ExitFailure || !strings.Contains(tio.err.String(), "not in a git repository") {
		t.Fatalf("exit %d: %s", code, tio.err)
	}
	git(t, src, "init", "-q")
	// Uncommitted changes: refused, with the files named.
	tio = newTestIO()
	if code := tio.run("convert", src); code != ExitFailure || !strings.Contains(tio.err.String(), "uncommitted changes") || !strings.Contains(tio.err.String(), "?? .gitignore") || !strings.Contains(tio.err.String(), "more") {
		t.Fatalf("exit %d: %s", code, tio.err)
	}
	git(t, src, "add", "-A")
	git(t, src, "commit", "-qm", "gen1")
	before := tree(t, src)

	tio = newTestIO()
	if code := tio.run("convert", src); code != ExitOK {
		t.Fatalf("exit %d\n%s%s", code, tio.out, tio.err)
	}
	after := tree(t, src)
	// The Gen 1 folder moved intact.
	for name, data := range before {
		if strings.HasPrefix(name, "amplify/") {
			if !bytes.Equal(after[".amplify/migration/gen1/"+name], data) {
				t.Errorf("%s did not move intact", name)
			}
		}
	}
	if _, ok := after["amplify/backend.ts"]; !ok {
		t.Error("no Gen 2 amplify/backend.ts")
	}
	if _, ok := after["amplify/backend/backend-config.json"]; ok {
		t.Error("Gen 1 files left in amplify/")
	}
	// package.json and .gitignore merged, the user's content first.
	pkg := string(after["package.json"])
	if !strings.Contains(pkg, `"start": "vite"`) || !strings.Contains(pkg, `"aws-amplify": "^6.0.0"`) || !strings.Contains(pkg, "@aws-amplify/backend") {
		t.Errorf("package.json:\n%s", pkg)
	}
	if ig := string(after[".gitignore"]); !strings.HasPrefix(ig, userIgnore) || !strings.Contains(ig, "amplify_outputs*") {
		t.Errorf(".gitignore:\n%s", ig)
	}
	if !bytes.Equal(after["src/App.jsx"], before["src/App.jsx"]) {
		t.Error("frontend code touched")
	}
	// The moved Gen 1 folder stays in git; its local state stays out.
	status := git(t, src, "status", "--porcelain", "--untracked-files=all")
	for _, want := range []string{".amplify/migration/gen1/amplify/backend/backend-config.json", ".amplify/migration/manifest.json", "amplify/backend.ts"} {
		if !strings.Contains(status, want) {
			t.Errorf("git status lacks %s:\n%s", want, status)
		}
	}
	if strings.Contains(status, "amplify-meta.json") {
		t.Errorf("amplify-meta.json is not ignored after the move:\n%s", status)
	}

	// A second in-place run reads the moved Gen 1 folder and changes nothing.
	git(t, src, "add", "-A")
	git(t, src, "commit", "-qm", "gen2")
	tio = newTestIO()
	if code := tio.run("convert", src); code != ExitOK {
		t.Fatalf("rerun: exit %d\n%s%s", code, tio.out, tio.err)
	}
	if d := sameTree(after, tree(t, src)); len(d) > 0 {
		t.Errorf("rerun changed: %v\n%s", d, tio.out)
	}
}

// TestConvertDeterministic converts every bundled and corpus project twice,
// in memory and on disk, and checks the bytes are identical.
func TestConvertDeterministic(t *testing.T) {
	check := func(t *testing.T, pr verify.Project) {
		opts := readers.Options{Env: verify.DefaultEnv(pr.Dir)}
		p1, _ := readers.Read(pr.Dir, opts)
		p2, _ := readers.Read(pr.Dir, opts)
		o1, err1 := writers.Convert(p1, writers.Options{})
		o2, err2 := writers.Convert(p2, writers.Options{})
		if err1 != nil || err2 != nil {
			t.Fatalf("convert: %v %v", err1, err2)
		}
		if !reflect.DeepEqual(o1, o2) {
			t.Error("two conversions differ in memory")
		}
		a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
		for _, out := range []string{a, b} {
			tio := newTestIO()
			if code := tio.run("convert", pr.Dir, "--out", out, "--env", opts.Env); code != ExitOK {
				t.Fatalf("exit %d: %s", code, tio.err)
			}
		}
		if d := sameTree(tree(t, a), tree(t, b)); len(d) > 0 {
			t.Errorf("two conversions differ on disk: %v", d)
		}
	}
	for _, pr := range verify.TestdataProjects() {
		t.Run(pr.Name, func(t *testing.T) { check(t, pr) })
	}
	t.Run("corpus", func(t *testing.T) {
		for _, pr := range verify.CorpusProjects(t) {
			t.Run(pr.Name, func(t *testing.T) { check(t, pr) })
		}
	})
}
