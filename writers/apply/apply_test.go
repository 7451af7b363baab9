package apply_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/amplify-migrate/amplify-migrate/writers"
	"github.com/amplify-migrate/amplify-migrate/writers/apply"
)

func write(t *testing.T, root, rel, content string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, root, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func exists(root, rel string) bool {
	_, err := os.Stat(filepath.Join(root, filepath.FromSlash(rel)))
	return err == nil
}

func output(files ...writers.File) *writers.Output { return &writers.Output{Files: files} }

func file(path, data string) writers.File {
	return writers.File{Path: path, Kind: writers.Write, Data: []byte(data)}
}

func actions(r *apply.Result) map[string]apply.Action {
	m := map[string]apply.Action{}
	for _, f := range r.Files {
		m[f.Path] = f.Action
	}
	return m
}

func TestCreateThenRerun(t *testing.T) {
	root := t.TempDir()
	out := output(file("amplify/backend.ts", "defineBackend({});\n"), file("amplify/auth/resource.ts", "export const auth = 1;\n"))
	var log bytes.Buffer
	res, err := apply.Apply(out, apply.Options{Root: root, Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	if res.Count(apply.Create) != 2 || read(t, root, "amplify/auth/resource.ts") != "export const auth = 1;\n" {
		t.Errorf("result %v", actions(res))
	}
	if !strings.Contains(log.String(), "create    amplify/backend.ts") {
		t.Errorf("log:\n%s", log.String())
	}
	var man struct {
		Tool  string            `json:"tool"`
		Files map[string]string `json:"files"`
	}
	if err := json.Unmarshal([]byte(read(t, root, apply.ManifestPath)), &man); err != nil || len(man.Files) != 2 || man.Tool != "amplify-migrate" {
		t.Errorf("manifest %+v (%v)", man, err)
	}
	// A second run changes nothing and writes nothing.
	info, _ := os.Stat(filepath.Join(root, "amplify", "backend.ts"))
	log.Reset()
	res, err = apply.Apply(out, apply.Options{Root: root, Log: &log})
	if err != nil || res.Count(apply.Unchanged) != 2 || log.Len() != 0 {
		t.Errorf("rerun: %v %v, log %q", actions(res), err, log.String())
	}
	info2, _ := os.Stat(filepath.Join(root, "amplify", "backend.ts"))
	if !info.ModTime().Equal(info2.ModTime()) {
		t.Error("an unchanged file was rewritten")
	}
	// A new conversion result updates our own files.
	out.Files[0].Data = []byte("defineBackend({ auth });\n")
	res, err = apply.Apply(out, apply.Options{Root: root})
	if err != nil || actions(res)["amplify/backend.ts"] != apply.Update || read(t, root, "amplify/backend.ts") != "defineBackend({ auth });\n" {
		t.Errorf("update: %v %v", actions(res), err)
	}
}

func TestConflicts(t *testing.T) {
	root := t.TempDir()
	write(t, root, "amplify/backend.ts", "// mine\n")
	out := output(file("amplify/backend.ts", "defineBackend({});\n"), file("amplify/data/resource.ts", "x\n"))
	_, err := apply.Apply(out, apply.Options{Root: root})
	var ce *apply.ConflictError
	if !errors.As(err, &ce) || len(ce.Files) != 1 || ce.Files[0].Note != "not written by amplify-migrate" {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(err.Error(), "--force") || !strings.Contains(err.Error(), "amplify/backend.ts") {
		t.Errorf("message: %s", err)
	}
	if exists(root, "amplify/data/resource.ts") || exists(root, apply.ManifestPath) || read(t, root, "amplify/backend.ts") != "// mine\n" {
		t.Error("something was written despite the conflict")
	}
	// --force overwrites, and the file is ours from then on.
	if _, err := apply.Apply(out, apply.Options{Root: root, Force: true}); err != nil {
		t.Fatal(err)
	}
	if read(t, root, "amplify/backend.ts") != "defineBackend({});\n" {
		t.Error("not overwritten with Force")
	}
	// A file of ours that the user edited is theirs again.
	write(t, root, "amplify/data/resource.ts", "x // edited\n")
	_, err = apply.Apply(out, apply.Options{Root: root})
	if !errors.As(err, &ce) || len(ce.Files) != 1 || ce.Files[0].Note != "edited since amplify-migrate wrote it" {
		t.Fatalf("err = %v", err)
	}
	if read(t, root, "amplify/data/resource.ts") != "x // edited\n" {
		t.Error("an edited file was overwritten")
	}
}

func TestMergePackageJSON(t *testing.T) {
	root := t.TempDir()
	user := `{
  "name": "shop",
  "scripts": {"start": "vite"},
  "dependencies": {"react": "^18.2.0", "aws-amplify": "^5.3.0"},
  "devDependencies": {"typescript": "^5.0.0"}
}
`
	write(t, root, "package.json", user)
	gen := `{"name": "shop-gen2", "version": "0.1.0", "dependencies": {"aws-amplify": "^6.0.0", "@aws-sdk/client-s3": "^3.0.0"}, "devDependencies": {"@aws-amplify/backend": "^1.0.0", "typescript": "^5.0.0"}}`
	out := output(writers.File{Path: "package.json", Kind: writers.MergeJSON, Data: []byte(gen)})
	res, err := apply.Apply(out, apply.Options{Root: root})
	if err != nil {
		t.Fatal(err)
	}
	pl := res.Files[0]
	if pl.Action != apply.Merge || !strings.Contains(pl.Note, "aws-amplify ^5.3.0 (converter wanted ^6.0.0)") {
		t.Errorf("plan %s %q", pl.Action, pl.Note)
	}
	got := read(t, root, "package.json")
	var m map[string]any
	if err := json.Unmarshal([]byte(got), &m); err != nil {
		t.Fatalf("merged file is not JSON: %v\n%s", err, got)
	}
	deps := m["dependencies"].(map[string]any)
	dev := m["devDependencies"].(map[string]any)
	if m["name"] != "shop" || m["scripts"] == nil || deps["react"] != "^18.2.0" || deps["aws-amplify"] != "^5.3.0" ||
		deps["@aws-sdk/client-s3"] != "^3.0.0" || dev["@aws-amplify/backend"] != "^1.0.0" {
		t.Errorf("merged:\n%s", got)
	}
	if strings.Index(got, `"name"`) > strings.Index(got, `"scripts"`) || strings.Index(got, `"scripts"`) > strings.Index(got, `"dependencies"`) {
		t.Errorf("key order of the user's file not kept:\n%s", got)
	}
	// A rerun merges again: what the user had survives even though the
	// file is now ours.
	res, err = apply.Apply(out, apply.Options{Root: root})
	if err != nil || res.Files[0].Action != apply.Unchanged || read(t, root, "package.json") != got {
		t.Errorf("rerun: %v %v\n%s", actions(res), err, read(t, root, "package.json"))
	}
	// The user adds a script afterwards: still merged, never replaced.
	edited := strings.Replace(got, `"start": "vite"`, `"start": "vite", "test": "vitest"`, 1)
	write(t, root, "package.json", edited)
	if _, err := apply.Apply(out, apply.Options{Root: root}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(read(t, root, "package.json"), "vitest") {
		t.Error("the user's later edit was lost")
	}
}

func TestMergeInvalidPackageJSON(t *testing.T) {
	root := t.TempDir()
	write(t, root, "package.json", "{ nope")
	out := output(writers.File{Path: "package.json", Kind: writers.MergeJSON, Data: []byte(`{"devDependencies": {}}`)})
	_, err := apply.Apply(out, apply.Options{Root: root})
	if err == nil || !strings.Contains(err.Error(), "existing package.json is not valid JSON") {
		t.Errorf("err = %v", err)
	}
}

func TestAppendGitignore(t *testing.T) {
	root := t.TempDir()
	write(t, root, ".gitignore", "node_modules\n#amplify-do-not-edit-begin\namplify/#current-cloud-backend\n#amplify-do-not-edit-end")
	out := output(writers.File{Path: ".gitignore", Kind: writers.AppendLines, Data: []byte("# Gen 2\n.amplify/*\nnode_modules\namplify_outputs*\n")})
	if _, err := apply.Apply(out, apply.Options{Root: root}); err != nil {
		t.Fatal(err)
	}
	want := "node_modules\n#amplify-do-not-edit-begin\namplify/#current-cloud-backend\n#amplify-do-not-edit-end\n\n# Gen 2\n.amplify/*\namplify_outputs*\n"
	if got := read(t, root, ".gitignore"); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	res, _ := apply.Apply(out, apply.Options{Root: root})
	if res.Files[0].Action != apply.Unchanged {
		t.Errorf("rerun appended again: %v", res.Files[0].Action)
	}
}

func TestCopy(t *testing.T) {
	src, root := t.TempDir(), t.TempDir()
	write(t, src, "amplify/backend/function/fn/src/index.js", "exports.handler = 1;\n")
	out := output(writers.File{Path: "amplify/functions/fn/handler.js", Kind: writers.Copy, CopyFrom: "amplify/backend/function/fn/src/index.js"})
	if _, err := apply.Apply(out, apply.Options{Root: root, SourceRoot: src}); err != nil {
		t.Fatal(err)
	}
	if read(t, root, "amplify/functions/fn/handler.js") != "exports.handler = 1;\n" {
		t.Error("copy differs")
	}
	out.Files[0].CopyFrom = "amplify/backend/function/fn/src/missing.js"
	if _, err := apply.Apply(out, apply.Options{Root: root, SourceRoot: src}); err == nil || !strings.Contains(err.Error(), "missing.js") {
		t.Errorf("err = %v", err)
	}
}

func TestPathEscapesRefused(t *testing.T) {
	parent := t.TempDir()
	root := filepath.Join(parent, "out")
	for _, p := range []string{"../evil.ts", "/etc/evil", "amplify/../../evil.ts", `amplify\evil.ts`, "", "amplify//x.ts", "./x.ts"} {
		_, err := apply.Apply(output(file(p, "x")), apply.Options{Root: root})
		if err == nil {
			t.Errorf("%q accepted", p)
		}
	}
	if entries, _ := os.ReadDir(parent); len(entries) > 0 {
		t.Errorf("something was written: %v", entries)
	}
}

func TestSymlinkEscapeRefused(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	if err := os.Symlink(outside, filepath.Join(root, "amplify")); err != nil {
		t.Skip("no symlinks:", err)
	}
	_, err := apply.Apply(output(file("amplify/backend.ts", "x")), apply.Options{Root: root})
	if err == nil || !strings.Contains(err.Error(), "leads outside the output folder") {
		t.Errorf("err = %v", err)
	}
	if exists(outside, "backend.ts") {
		t.Error("written through the link")
	}
}

func TestDryRun(t *testing.T) {
	root := t.TempDir()
	write(t, root, "package.json", `{"name": "shop"}`)
	if _, err := apply.Apply(output(file("amplify/backend.ts", "a\nb\nc\n")), apply.Options{Root: root}); err != nil {
		t.Fatal(err)
	}
	manifest := read(t, root, apply.ManifestPath)
	out := output(
		file("amplify/backend.ts", "a\nB\nc\n"),
		file("amplify/new.ts", "new\n"),
		writers.File{Path: "package.json", Kind: writers.MergeJSON, Data: []byte(`{"devDependencies": {"tsx": "^4"}}`)},
	)
	var log bytes.Buffer
	res, err := apply.Apply(out, apply.Options{Root: root, DryRun: true, Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	a := actions(res)
	if a["amplify/backend.ts"] != apply.Update || a["amplify/new.ts"] != apply.Create || a["package.json"] != apply.Merge {
		t.Errorf("plan %v", a)
	}
	for _, want := range []string{"update    amplify/backend.ts", "--- a/amplify/backend.ts", "+++ b/amplify/backend.ts", "-b\n+B\n", "create    amplify/new.ts", "merge     package.json", `+  "devDependencies": {`} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("dry-run log lacks %q:\n%s", want, log.String())
		}
	}
	if exists(root, "amplify/new.ts") || read(t, root, "amplify/backend.ts") != "a\nb\nc\n" || read(t, root, apply.ManifestPath) != manifest || read(t, root, "package.json") != `{"name": "shop"}` {
		t.Error("the dry run wrote something")
	}
	// A conflict is reported by a dry run too, after the plan.
	write(t, root, "amplify/new.ts", "mine\n")
	log.Reset()
	_, err = apply.Apply(out, apply.Options{Root: root, DryRun: true, Log: &log})
	var ce *apply.ConflictError
	if !errors.As(err, &ce) || !strings.Contains(log.String(), "conflict  amplify/new.ts (not written by amplify-migrate)") {
		t.Errorf("err %v, log:\n%s", err, log.String())
	}
}

func TestVacated(t *testing.T) {
	root := t.TempDir()
	write(t, root, "amplify/backend/backend-config.json", "{}")
	write(t, root, "amplify/package.json", `{"gen1": true}`)
	out := output(file("amplify/package.json", `{"type": "module"}`))
	res, err := apply.Apply(out, apply.Options{Root: root, DryRun: true, Vacated: []string{"amplify"}})
	if err != nil || res.Files[0].Action != apply.Create {
		t.Errorf("%v %v", actions(res), err)
	}
	if _, err := apply.Apply(out, apply.Options{Root: root, DryRun: true}); err == nil {
		t.Error("without Vacated the Gen 1 file is a conflict")
	}
}

func TestAtomicWriteKeepsMode(t *testing.T) {
	root := t.TempDir()
	if _, err := apply.Apply(output(file("run.sh", "#!/bin/sh\n")), apply.Options{Root: root}); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(root, "run.sh"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := apply.Apply(output(file("run.sh", "#!/bin/sh\necho hi\n")), apply.Options{Root: root, Force: true}); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(filepath.Join(root, "run.sh"))
	if st.Mode().Perm() != 0o755 {
		t.Errorf("mode %v", st.Mode())
	}
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

// A write that fails half way leaves the manifest listing the files that did
// land, so that the next run does not take them for the user's.
func TestManifestAfterFailedWrite(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	// b is a link out of the output folder: planning passes (the file is
	// absent), writing is refused.
	if err := os.Symlink(outside, filepath.Join(root, "b")); err != nil {
		t.Skip("no symlinks:", err)
	}
	out := output(file("a.ts", "a\n"), file("b/c.ts", "c\n"))
	if _, err := apply.Apply(out, apply.Options{Root: root}); err == nil {
		t.Fatal("no error writing through the link")
	}
	if !strings.Contains(read(t, root, apply.ManifestPath), `"a.ts"`) {
		t.Errorf("manifest:\n%s", read(t, root, apply.ManifestPath))
	}
	os.Remove(filepath.Join(root, "b"))
	res, err := apply.Apply(out, apply.Options{Root: root})
	if err != nil || actions(res)["a.ts"] != apply.Unchanged || actions(res)["b/c.ts"] != apply.Create {
		t.Errorf("rerun: %v %v", actions(res), err)
	}
}

func TestUnifiedDiff(t *testing.T) {
	a := "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n"
	b := "1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n11\n12\n13\n"
	want := `--- a
+++ b
@@ -2,7 +2,7 @@
 2
 3
 4
-5
+five
 6
 7
 8
@@ -10,3 +10,4 @@
 10
 11
 12
+13
`
	if got := apply.UnifiedDiff("a", "b", a, b); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if apply.UnifiedDiff("a", "b", a, a) != "" {
		t.Error("diff of equal texts")
	}
	if got := apply.UnifiedDiff("a", "b", "", "x\n"); got != "--- a\n+++ b\n@@ -0,0 +1,1 @@\n+x\n" {
		t.Errorf("new file diff:\n%s", got)
	}
}
