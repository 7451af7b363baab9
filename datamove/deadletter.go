package datamove

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"sync"
	"time"
)

// DeadLetter is the JSONL file of items that could not be written, one per
// line with the tables and the reason:
//
//	{"time":"…","source":"Todo-abc-dev","target":"Todo-xyz-NONE","reason":"…","item":{"id":{"S":"1"}}}
//
// The item is in DynamoDB JSON, as `aws dynamodb put-item --item` takes it.
// The file is created on the first item and appended to on later runs, so a
// resumed copy never loses the lines of an earlier one. Each line is written
// through to the file; Sync makes it durable before a checkpoint moves past
// the page it came from. With an empty path nothing is written (dry runs),
// but items are still counted.
type DeadLetter struct {
	path string
	now  func() time.Time

	mu      sync.Mutex
	f       *os.File
	count   int64
	reasons map[string]int64
}

// maxReasons bounds the distinct reasons kept for the summary (error texts
// can carry request ids).
const maxReasons = 20

// NewDeadLetter returns a dead-letter file at path ("" to only count).
func NewDeadLetter(path string) *DeadLetter {
	return &DeadLetter{path: path, now: time.Now, reasons: map[string]int64{}}
}

// Path is the file name.
func (d *DeadLetter) Path() string { return d.path }

type deadLetterLine struct {
	Time   string          `json:"time"`
	Source string          `json:"source"`
	Target string          `json:"target"`
	Reason string          `json:"reason"`
	Item   json.RawMessage `json:"item"`
}

// Write records one item.
func (d *DeadLetter) Write(pair TablePair, it Item, reason string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.count++
	if _, ok := d.reasons[reason]; ok || len(d.reasons) < maxReasons {
		d.reasons[reason]++
	} else {
		d.reasons["(other reasons: see the file)"]++
	}
	if d.path == "" {
		return nil
	}
	raw, err := MarshalItemJSON(it)
	if err != nil {
		return fmt.Errorf("dead-letter: encoding item: %w", err)
	}
	line, err := json.Marshal(deadLetterLine{Time: d.now().UTC().Format(time.RFC3339), Source: pair.Source, Target: pair.Target, Reason: reason, Item: raw})
	if err != nil {
		return fmt.Errorf("dead-letter: %w", err)
	}
	if d.f == nil {
		f, err := os.OpenFile(d.path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
		if err != nil {
			return fmt.Errorf("opening dead-letter file: %w", err)
		}
		d.f = f
	}
	if _, err := d.f.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("writing dead-letter file %s: %w", d.path, err)
	}
	return nil
}

// Count is the number of items recorded by this process.
func (d *DeadLetter) Count() int64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.count
}

// Reasons returns the distinct reasons with their counts, most common first.
func (d *DeadLetter) Reasons() []ReasonCount {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make([]ReasonCount, 0, len(d.reasons))
	for r, n := range d.reasons {
		out = append(out, ReasonCount{Reason: r, Count: n})
	}
	sortReasons(out)
	return out
}

// ReasonCount is a dead-letter reason and how many items had it.
type ReasonCount struct {
	Reason string
	Count  int64
}

func sortReasons(rs []ReasonCount) {
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && (rs[j].Count > rs[j-1].Count || rs[j].Count == rs[j-1].Count && rs[j].Reason < rs[j-1].Reason); j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
}

// Sync makes the lines written so far durable.
func (d *DeadLetter) Sync() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.f == nil {
		return nil
	}
	return d.f.Sync()
}

// Close syncs and closes the file.
func (d *DeadLetter) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.f == nil {
		return nil
	}
	err := d.f.Sync()
	if cerr := d.f.Close(); err == nil {
		err = cerr
	}
	d.f = nil
	return err
}

// ReadDeadLetter reads the items of a dead-letter file (tests and replays).
func ReadDeadLetter(path string) ([]DeadLetterEntry, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []DeadLetterEntry
	for i, line := range bytes.Split(data, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var l deadLetterLine
		if err := json.Unmarshal(line, &l); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, i+1, err)
		}
		it, err := UnmarshalItemJSON(l.Item)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: item: %w", path, i+1, err)
		}
		out = append(out, DeadLetterEntry{Source: l.Source, Target: l.Target, Reason: l.Reason, Item: it})
	}
	return out, nil
}

// DeadLetterEntry is one line of a dead-letter file.
type DeadLetterEntry struct {
	Source, Target, Reason string
	Item                   Item
}
