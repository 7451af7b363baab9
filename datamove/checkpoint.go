package datamove

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

const checkpointVersion = 1

// Checkpoint records the progress of every scan segment of every table of a
// plan, so that a stopped copy resumes where it stopped. A segment's LastKey
// only moves past a page once every item of that page is written or
// dead-lettered. Save replaces the file atomically (temporary file, fsync,
// rename, fsync of the folder): a crash leaves the old or the new version,
// never a torn one. A Checkpoint without a path lives in memory only.
type Checkpoint struct {
	path string
	mu   sync.Mutex
	st   checkpointFile
}

type checkpointFile struct {
	Version   int               `json:"version"`
	Segments  int               `json:"segments"`
	Transform string            `json:"transform"`
	Tables    []tableCheckpoint `json:"tables"`
}

type tableCheckpoint struct {
	Source   string              `json:"source"`
	Target   string              `json:"target"`
	Done     bool                `json:"done"`
	Segments []segmentCheckpoint `json:"segments"`
}

// segmentCheckpoint is the state of one scan segment.
type segmentCheckpoint struct {
	// LastKey is the LastEvaluatedKey after the last page fully handled, in
	// DynamoDB JSON; empty before the first page.
	LastKey json.RawMessage `json:"lastKey,omitempty"`
	Done    bool            `json:"done"`
	Counts
}

// Counts are what happened to a table's items.
type Counts struct {
	Scanned      int64 `json:"scanned"`
	Written      int64 `json:"written"`
	Skipped      int64 `json:"skipped"`
	DeadLettered int64 `json:"deadLettered"`
}

func (c *Counts) add(o Counts) {
	c.Scanned += o.Scanned
	c.Written += o.Written
	c.Skipped += o.Skipped
	c.DeadLettered += o.DeadLettered
}

// OpenCheckpoint loads the checkpoint at path for this plan, or starts a new
// one (written at once, so that an unwritable path fails before any copy).
// A checkpoint made for another plan, segment count or transform is refused.
// An empty path gives an in-memory checkpoint.
func OpenCheckpoint(path string, plan *Plan, segments int, t *Transform) (*Checkpoint, error) {
	want := checkpointFile{Version: checkpointVersion, Segments: segments, Transform: t.Fingerprint()}
	for _, tp := range plan.Tables {
		tc := tableCheckpoint{Source: tp.Source, Target: tp.Target, Segments: make([]segmentCheckpoint, segments)}
		want.Tables = append(want.Tables, tc)
	}
	c := &Checkpoint{path: path, st: want}
	if path == "" {
		return c, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return c, c.Save()
	}
	if err != nil {
		return nil, fmt.Errorf("reading checkpoint: %w", err)
	}
	var got checkpointFile
	if err := json.Unmarshal(data, &got); err != nil {
		return nil, fmt.Errorf("checkpoint %s is not a migrate data checkpoint (%v): give another --checkpoint file", path, err)
	}
	if err := compatible(&got, &want); err != nil {
		return nil, fmt.Errorf("checkpoint %s was made for a different copy: %v; use the same options to resume, or another --checkpoint file (or delete this one) to start over", path, err)
	}
	c.st = got
	return c, nil
}

func compatible(got, want *checkpointFile) error {
	if got.Version != want.Version {
		return fmt.Errorf("version %d, this build writes %d", got.Version, want.Version)
	}
	if got.Segments != want.Segments {
		return fmt.Errorf("it used --segments %d, this run %d (scan positions are only valid for the same segment count)", got.Segments, want.Segments)
	}
	if got.Transform != want.Transform {
		return fmt.Errorf("it used other transform options (%s), this run %s", got.Transform, want.Transform)
	}
	pairs := func(f *checkpointFile) string {
		var s []string
		for _, t := range f.Tables {
			s = append(s, t.Source+"→"+t.Target)
		}
		return strings.Join(s, ", ")
	}
	if pairs(got) != pairs(want) {
		return fmt.Errorf("it copies %s, this run %s", pairs(got), pairs(want))
	}
	for _, t := range got.Tables {
		if len(t.Segments) != got.Segments {
			return fmt.Errorf("table %s has %d segments, want %d", t.Source, len(t.Segments), got.Segments)
		}
	}
	return nil
}

// Path is the file, or "" for an in-memory checkpoint.
func (c *Checkpoint) Path() string { return c.path }

// TableDone reports whether table i was fully copied.
func (c *Checkpoint) TableDone(i int) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.st.Tables[i].Done
}

// segment returns a copy of a segment's state.
func (c *Checkpoint) segment(table, seg int) segmentCheckpoint {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.st.Tables[table].Segments[seg]
}

// TableCounts sums the counts of a table's segments.
func (c *Checkpoint) TableCounts(table int) Counts {
	c.mu.Lock()
	defer c.mu.Unlock()
	var n Counts
	for _, s := range c.st.Tables[table].Segments {
		n.add(s.Counts)
	}
	return n
}

// advance records that a segment handled one more page.
func (c *Checkpoint) advance(table, seg int, lastKey Item, done bool, n Counts) error {
	var raw json.RawMessage
	if lastKey != nil {
		b, err := MarshalItemJSON(lastKey)
		if err != nil {
			return fmt.Errorf("encoding scan position: %w", err)
		}
		raw = b
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	s := &c.st.Tables[table].Segments[seg]
	s.LastKey = raw
	s.Done = done
	s.add(n)
	return nil
}

// markTableDone records that every segment of a table is done.
func (c *Checkpoint) markTableDone(table int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.st.Tables[table].Done = true
}

// Save writes the checkpoint atomically.
func (c *Checkpoint) Save() error {
	if c.path == "" {
		return nil
	}
	c.mu.Lock()
	data, err := json.MarshalIndent(&c.st, "", " ")
	c.mu.Unlock()
	if err != nil {
		return err
	}
	return writeFileAtomic(c.path, append(data, '\n'))
}

// writeFileAtomic replaces path with data so that a crash at any point
// leaves either the old content or the new.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("writing checkpoint: %w", err)
	}
	name := tmp.Name()
	fail := func(err error) error {
		tmp.Close()
		os.Remove(name)
		return fmt.Errorf("writing checkpoint %s: %w", path, err)
	}
	if _, err := tmp.Write(data); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return fail(err)
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return fmt.Errorf("writing checkpoint %s: %w", path, err)
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync() // best effort: not every file system syncs folders
		d.Close()
	}
	return nil
}

func shortHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:8])
}
