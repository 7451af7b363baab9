// Package apply puts a writers.Output on disk without ever losing a user's
// work: it refuses to overwrite a file it did not write (unless forced),
// merges package.json and .gitignore instead of replacing them, skips files
// whose content is unchanged, writes each file atomically, and records what it
// wrote in a manifest so that a second run can tell its own files from the
// user's. A dry run prints the plan and the diffs and touches nothing.
package apply

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/writers"
)

// ManifestPath is where the list of written files is kept, relative to the
// output root.
const ManifestPath = ".amplify/migration/manifest.json"

// Options control how files are put on disk.
type Options struct {
	// Root is the output folder.
	Root string
	// SourceRoot is the Gen 1 project root that Copy files are read from.
	SourceRoot string
	// Force overwrites files the converter did not write.
	Force bool
	// DryRun prints the plan (with diffs) to Log and writes nothing.
	DryRun bool
	// Log receives one line per file (and diffs in a dry run).
	Log io.Writer
	// Vacated are folders (slash paths relative to Root, e.g. "amplify") whose
	// current content will be moved away before writing; files in them are
	// planned as if absent.
	Vacated []string
}

// Action is what happens to one file.
type Action string

const (
	Create    Action = "create"
	Update    Action = "update"
	Merge     Action = "merge"
	Unchanged Action = "unchanged"
	Conflict  Action = "conflict"
)

// Planned is one file of the plan.
type Planned struct {
	Path   string
	Action Action
	Data   []byte
	Old    []byte
	// Note explains a conflict or a merge (kept values, for example).
	Note string
}

// Result says what was (or, in a dry run, would be) done.
type Result struct {
	Files []Planned
}

// Count returns how many files have the action.
func (r *Result) Count(a Action) int {
	n := 0
	for _, f := range r.Files {
		if f.Action == a {
			n++
		}
	}
	return n
}

// ConflictError lists files that exist and were not written by the converter.
type ConflictError struct{ Files []Planned }

func (e *ConflictError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d file(s) exist and were not written by amplify-migrate; nothing was written:", len(e.Files))
	for _, f := range e.Files {
		fmt.Fprintf(&b, "\n  %s", f.Path)
		if f.Note != "" {
			fmt.Fprintf(&b, " (%s)", f.Note)
		}
	}
	b.WriteString("\nmove them away, or pass --force to overwrite them")
	return b.String()
}

type manifest struct {
	Tool  string            `json:"tool"`
	Files map[string]string `json:"files"` // path -> sha256 of what was written
}

// Apply plans the output against what is on disk and, unless it is a dry
// run, writes it. With conflicts and no Force it writes nothing.
func Apply(out *writers.Output, opts Options) (*Result, error) {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	root, err := filepath.Abs(opts.Root)
	if err != nil {
		return nil, err
	}
	man := readManifest(root)
	res := &Result{}
	var conflicts []Planned
	for _, f := range out.Files {
		pl, err := plan(root, opts, man, f)
		if err != nil {
			return nil, err
		}
		if pl.Action == Conflict {
			if opts.Force {
				pl.Action = Update
			} else {
				conflicts = append(conflicts, pl)
			}
		}
		res.Files = append(res.Files, pl)
	}
	if opts.DryRun {
		for _, pl := range res.Files {
			printPlanned(opts.Log, pl)
		}
		if len(conflicts) > 0 {
			return res, &ConflictError{Files: conflicts}
		}
		return res, nil
	}
	if len(conflicts) > 0 {
		return res, &ConflictError{Files: conflicts}
	}
	// The manifest is written even when a write fails half way, so that the
	// next run knows the files that did land are ours.
	writeManifest := func() error {
		data, _ := json.MarshalIndent(man, "", "  ")
		if err := writeAtomic(root, ManifestPath, append(data, '\n')); err != nil {
			return fmt.Errorf("writing %s: %w", ManifestPath, err)
		}
		return nil
	}
	for _, pl := range res.Files {
		if pl.Action != Unchanged {
			if err := writeAtomic(root, pl.Path, pl.Data); err != nil {
				if len(man.Files) > 0 {
					_ = writeManifest()
				}
				return res, fmt.Errorf("writing %s: %w", pl.Path, err)
			}
			fmt.Fprintf(opts.Log, "%-9s %s\n", pl.Action, pl.Path)
		}
		man.Files[pl.Path] = hash(pl.Data)
	}
	return res, writeManifest()
}

// plan decides what to do with one file.
func plan(root string, opts Options, man *manifest, f writers.File) (Planned, error) {
	if err := checkRelative(f.Path); err != nil {
		return Planned{}, err
	}
	pl := Planned{Path: f.Path}
	data := f.Data
	if f.Kind == writers.Copy {
		src := filepath.Join(opts.SourceRoot, filepath.FromSlash(f.CopyFrom))
		b, err := os.ReadFile(src)
		if err != nil {
			return Planned{}, fmt.Errorf("reading %s to copy it to %s: %w", f.CopyFrom, f.Path, err)
		}
		data = b
	}
	dst := filepath.Join(root, filepath.FromSlash(f.Path))
	old, err := os.ReadFile(dst)
	for _, v := range opts.Vacated {
		if strings.HasPrefix(f.Path, strings.TrimSuffix(v, "/")+"/") {
			old, err = nil, fs.ErrNotExist
		}
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		pl.Action, pl.Data = Create, data
		return pl, nil
	case err != nil:
		return Planned{}, fmt.Errorf("reading %s: %w", f.Path, err)
	}
	pl.Old = old
	ours := man.Files[f.Path] != "" && man.Files[f.Path] == hash(old)
	// Merged files are merged on every run, even when the last content was
	// ours: it holds what the user had before, which must survive a rerun.
	switch f.Kind {
	case writers.MergeJSON:
		merged, note, err := mergePackageJSON(old, data)
		if err != nil {
			return Planned{}, fmt.Errorf("%s: %w", f.Path, err)
		}
		pl.Data, pl.Note = merged, note
	case writers.AppendLines:
		pl.Data = appendMissingLines(old, data)
	default:
		pl.Data = data
	}
	switch {
	case bytes.Equal(old, pl.Data):
		pl.Action = Unchanged
	case f.Kind == writers.MergeJSON || f.Kind == writers.AppendLines:
		pl.Action = Merge
	case ours:
		pl.Action = Update
	default:
		pl.Action = Conflict
		if man.Files[f.Path] != "" {
			pl.Note = "edited since amplify-migrate wrote it"
		} else {
			pl.Note = "not written by amplify-migrate"
		}
	}
	return pl, nil
}

// checkRelative refuses paths that would leave the output root.
func checkRelative(p string) error {
	if p == "" || path.IsAbs(p) || strings.Contains(p, "\\") {
		return fmt.Errorf("internal error: output path %q is not a relative slash path", p)
	}
	clean := path.Clean(p)
	if clean != p || clean == ".." || strings.HasPrefix(clean, "../") {
		return fmt.Errorf("internal error: output path %q leaves the output folder", p)
	}
	return nil
}

func readManifest(root string) *manifest {
	m := &manifest{Tool: "amplify-migrate", Files: map[string]string{}}
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(ManifestPath)))
	if err != nil {
		return m
	}
	_ = json.Unmarshal(data, m)
	if m.Files == nil {
		m.Files = map[string]string{}
	}
	return m
}

func hash(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// writeAtomic writes data to rel under root through a temporary file beside
// it that is renamed into place, so a crash never leaves a half-written
// file. It refuses to write through a symbolic link that leads out of root.
func writeAtomic(root, rel string, data []byte) error {
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	if err := checkInside(root, filepath.Dir(p)); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), "."+filepath.Base(p)+".tmp-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	mode := os.FileMode(0o644)
	if st, err := os.Stat(p); err == nil {
		mode = st.Mode().Perm()
	}
	_ = os.Chmod(tmp.Name(), mode)
	if err := os.Rename(tmp.Name(), p); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// checkInside refuses a folder that, once symbolic links are resolved, is
// not inside root: a link in the output tree must not make convert write
// elsewhere.
func checkInside(root, dir string) error {
	r, err := filepath.EvalSymlinks(root)
	if err != nil {
		return err
	}
	d, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return err
	}
	if rel, err := filepath.Rel(r, d); err != nil || !filepath.IsLocal(rel) && rel != "." {
		return fmt.Errorf("%s leads outside the output folder %s (a symbolic link?); nothing is written there", dir, root)
	}
	return nil
}

// appendMissingLines adds to old each line of add that old lacks.
func appendMissingLines(old, add []byte) []byte {
	have := map[string]bool{}
	for _, l := range strings.Split(string(old), "\n") {
		have[strings.TrimSpace(l)] = true
	}
	var missing []string
	for _, l := range strings.Split(string(add), "\n") {
		t := strings.TrimSpace(l)
		if t == "" || have[t] {
			continue
		}
		missing = append(missing, l)
	}
	if len(missing) == 0 {
		return old
	}
	out := append([]byte(nil), old...)
	if len(out) > 0 && out[len(out)-1] != '\n' {
		out = append(out, '\n')
	}
	if len(out) > 0 {
		out = append(out, '\n')
	}
	return append(out, []byte(strings.Join(missing, "\n")+"\n")...)
}

// mergePackageJSON adds the dependencies of add to an existing package.json,
// keeping every existing key and value. A dependency the file already has at
// another version is kept as is and named in the note.
func mergePackageJSON(old, add []byte) ([]byte, string, error) {
	var have, want map[string]json.RawMessage
	if err := json.Unmarshal(old, &have); err != nil {
		return nil, "", fmt.Errorf("existing package.json is not valid JSON (%v); fix it, or pass --force to replace it", err)
	}
	if err := json.Unmarshal(add, &want); err != nil {
		return nil, "", fmt.Errorf("internal error: generated package.json: %v", err)
	}
	var kept []string
	changed := false
	for _, key := range []string{"dependencies", "devDependencies"} {
		var w map[string]string
		if len(want[key]) == 0 {
			continue
		}
		_ = json.Unmarshal(want[key], &w)
		h := map[string]string{}
		if raw, ok := have[key]; ok {
			if err := json.Unmarshal(raw, &h); err != nil {
				return nil, "", fmt.Errorf("existing package.json %q is not an object of versions", key)
			}
		}
		for name, v := range w {
			if cur, ok := h[name]; ok {
				if cur != v {
					kept = append(kept, fmt.Sprintf("%s %s (converter wanted %s)", name, cur, v))
				}
				continue
			}
			h[name] = v
			changed = true
		}
		raw, _ := marshalSorted(h)
		have[key] = raw
	}
	sort.Strings(kept)
	note := ""
	if len(kept) > 0 {
		note = "kept existing versions: " + strings.Join(kept, "; ")
	}
	if !changed {
		return old, note, nil
	}
	out, err := marshalOrdered(old, have)
	return out, note, err
}

func marshalSorted(m map[string]string) (json.RawMessage, error) {
	return json.Marshal(m) // encoding/json sorts map keys
}

// marshalOrdered re-encodes the merged object, keeping the key order of the
// original file and appending new keys at the end.
func marshalOrdered(orig []byte, m map[string]json.RawMessage) ([]byte, error) {
	order := topLevelKeys(orig)
	seen := map[string]bool{}
	for _, k := range order {
		seen[k] = true
	}
	var extra []string
	for k := range m {
		if !seen[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(extra)
	order = append(order, extra...)
	var b bytes.Buffer
	b.WriteString("{\n")
	for i, k := range order {
		v, ok := m[k]
		if !ok {
			continue
		}
		var ind bytes.Buffer
		if err := json.Indent(&ind, v, "  ", "  "); err != nil {
			return nil, err
		}
		kb, _ := json.Marshal(k)
		fmt.Fprintf(&b, "  %s: %s", kb, ind.String())
		if i < len(order)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("}\n")
	return b.Bytes(), nil
}

// topLevelKeys returns the keys of a JSON object in file order.
func topLevelKeys(data []byte) []string {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	var keys []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return keys
		}
		k, _ := t.(string)
		keys = append(keys, k)
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return keys
		}
	}
	return keys
}

func printPlanned(w io.Writer, pl Planned) {
	line := fmt.Sprintf("%-9s %s", pl.Action, pl.Path)
	if pl.Note != "" {
		line += " (" + pl.Note + ")"
	}
	fmt.Fprintln(w, line)
	if pl.Action == Update || pl.Action == Merge || pl.Action == Conflict {
		fmt.Fprint(w, UnifiedDiff("a/"+pl.Path, "b/"+pl.Path, string(pl.Old), string(pl.Data)))
	}
}
