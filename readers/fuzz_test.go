package readers_test

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/readers"
)

// FuzzRead reads projects built in memory from fuzzed archives. An archive
// is a list of files, each introduced by a "-- path --" line (the txtar
// format), so the fuzzer mutates names as well as contents. The seeds are
// the bundled test projects and, when present, trimmed copies of the shared
// corpus.
//
// Properties: Read never panics; it returns a nil project only together
// with an error diagnostic; every diagnostic says what is wrong and where;
// every resource has exactly one service-specific description.
//
//	go test ./readers -run '^$' -fuzz FuzzRead -fuzztime 5m
func FuzzRead(f *testing.F) {
	for _, a := range seedArchives(f) {
		f.Add(a, "")
	}
	f.Add([]byte("-- amplify/backend/backend-config.json --\n{\"api\": {\"x\": {\"service\": \"AppSync\"}}}\n"), "dev")
	f.Fuzz(func(t *testing.T, archive []byte, env string) {
		fsys := parseArchive(archive)
		p, diags := readers.ReadFS(fsys, "amplify", readers.Options{Env: env})
		if p == nil && !diags.HasErrors() {
			t.Fatalf("nil project without an error diagnostic: %s", dump(diags))
		}
		for _, d := range diags {
			if d.Summary == "" || d.Pos.File == "" {
				t.Errorf("diagnostic without a summary or a file: %#v", d)
			}
		}
		if p == nil {
			return
		}
		for _, r := range p.Resources {
			if n := services(r); n != 1 {
				t.Errorf("%s/%s (service %q) has %d service-specific descriptions, want 1", r.Category, r.Name, r.Service, n)
			}
		}
	})
}

// services counts the service-specific fields set on a resource.
func services(r *model.Resource) int {
	n := 0
	for _, set := range []bool{r.Auth != nil, r.UserPoolGroups != nil, r.Bucket != nil, r.Table != nil, r.Function != nil,
		r.Layer != nil, r.GraphQL != nil, r.REST != nil, r.Custom != nil, r.Other != nil} {
		if set {
			n++
		}
	}
	return n
}

// parseArchive turns "-- name --" sections into an in-memory file system.
// Names that are not valid fs paths are skipped, as a real file system
// could not hold them either.
func parseArchive(data []byte) fstest.MapFS {
	fsys := fstest.MapFS{}
	var name string
	var content []byte
	flush := func() {
		if name != "" && fs.ValidPath(name) {
			fsys[name] = &fstest.MapFile{Data: content, Mode: 0o644}
		}
	}
	for len(data) > 0 {
		line, rest, _ := bytes.Cut(data, []byte("\n"))
		data = rest
		if n, ok := archiveHeader(line); ok {
			flush()
			name, content = n, nil
			continue
		}
		content = append(content, line...)
		content = append(content, '\n')
	}
	flush()
	// A file and a folder cannot have the same name; keep the folder.
	for n := range fsys {
		for dir := path.Dir(n); dir != "."; dir = path.Dir(dir) {
			delete(fsys, dir)
		}
	}
	return fsys
}

func archiveHeader(line []byte) (string, bool) {
	s := string(line)
	if !strings.HasPrefix(s, "-- ") || !strings.HasSuffix(s, " --") || len(s) < 7 {
		return "", false
	}
	return strings.TrimSpace(s[3 : len(s)-3]), true
}

// archive packs a project's Gen 1 folder into the fuzz format, keeping the
// files the readers parse (JSON, GraphQL, amplify.state, TypeScript): the
// project files first, then resource files up to a budget, leaving out large
// ones, so that the fuzzer spends its time on structure and can minimize
// what it finds quickly.
func archive(root string) []byte {
	const maxFile, maxTotal = 6 << 10, 24 << 10
	var names []string
	_ = filepath.WalkDir(filepath.Join(root, "amplify"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if d.Name() == "node_modules" || d.Name() == "#current-cloud-backend" {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		switch path.Ext(rel) {
		case ".json", ".graphql", ".state", ".ts":
		default:
			return nil
		}
		if info, err := d.Info(); err != nil || info.Size() > maxFile {
			return nil
		}
		names = append(names, rel)
		return nil
	})
	first := func(n string) int {
		switch path.Base(n) {
		case "backend-config.json":
			return 0
		case "team-provider-info.json", "local-env-info.json", "cli.json":
			return 1
		}
		return 2
	}
	sort.Slice(names, func(i, j int) bool {
		if a, b := first(names[i]), first(names[j]); a != b {
			return a < b
		}
		return names[i] < names[j]
	})
	var b bytes.Buffer
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(n)))
		if err != nil || (b.Len()+len(data) > maxTotal && first(n) > 0) {
			continue
		}
		b.WriteString("-- " + n + " --\n")
		b.Write(data)
		if len(data) > 0 && data[len(data)-1] != '\n' {
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

// seedArchives returns the bundled test projects and the corpus, packed.
func seedArchives(t testing.TB) [][]byte {
	var roots []string
	for _, glob := range []string{"../testdata/example", "../testdata/projects/*", "../testdata/bad/*"} {
		m, _ := filepath.Glob(glob)
		roots = append(roots, m...)
	}
	corpus := os.Getenv("AMPLIFY_MIGRATE_CORPUS")
	if corpus == "" {
		corpus = "../../shared/corpus"
	}
	m, _ := filepath.Glob(filepath.Join(corpus, "*"))
	roots = append(roots, m...)
	var out [][]byte
	for _, r := range roots {
		if st, err := os.Stat(filepath.Join(r, "amplify")); err == nil && st.IsDir() {
			out = append(out, archive(r))
		}
	}
	return out
}

// TestArchiveRoundTrip checks the fuzz format reproduces a project exactly:
// reading the packed project gives the same resources as reading the folder.
func TestArchiveRoundTrip(t *testing.T) {
	root := minimal.write(t)
	fsys := parseArchive(archive(root))
	p, diags := readers.ReadFS(fsys, "amplify", readers.Options{})
	if p == nil || len(diags) > 0 {
		t.Fatalf("read: %s", dump(diags))
	}
	if len(p.Resources) != 1 || p.Resources[0].Function == nil || p.Env != "dev" {
		t.Errorf("project = %+v", p)
	}
	if _, ok := fsys["amplify/backend/function/shopfn/src/index.js"]; ok {
		t.Error("function code should be left out of the archive")
	}
}
