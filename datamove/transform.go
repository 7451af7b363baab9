package datamove

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// DataStore's per-item fields (versioned data sources).
const (
	FieldDeleted       = "_deleted"
	FieldVersion       = "_version"
	FieldLastChangedAt = "_lastChangedAt"
	FieldTTL           = "_ttl"
)

// Transform is what happens to each item between source and target.
type Transform struct {
	// KeepDeleted copies DataStore tombstones (_deleted = true); by default
	// they are skipped, since Gen 2 has no DataStore and they would appear as
	// live rows.
	KeepDeleted bool
	// StripDataStore removes _version, _lastChangedAt and _ttl, and _deleted
	// when it is not true.
	StripDataStore bool
	// Renames rename attributes (foreign keys renamed by the conversion).
	Renames []Rename
	// Owners maps old Cognito subs (or usernames) to new ones; nil leaves
	// owner fields alone.
	Owners *OwnerMap
	// OwnerFields are the attributes Owners rewrites ("owner" when empty).
	OwnerFields []string
}

// Rename renames attribute Old to New, in the tables of Scope (a model name
// or a source table name) or in every table when Scope is empty.
type Rename struct {
	Scope, Old, New string
}

// ParseRename parses "[SCOPE:]OLD=NEW".
func ParseRename(s string) (Rename, error) {
	var r Rename
	rest := s
	if i := strings.IndexByte(rest, ':'); i >= 0 && i < strings.IndexByte(rest, '=') {
		r.Scope, rest = rest[:i], rest[i+1:]
	}
	old, nw, ok := strings.Cut(rest, "=")
	if !ok || old == "" || nw == "" || (strings.Contains(s, ":") && r.Scope == "") {
		return r, fmt.Errorf("rename %q: want OLD=NEW or MODEL:OLD=NEW (for example Comment:postCommentsId=postId)", s)
	}
	if old == nw {
		return r, fmt.Errorf("rename %q renames an attribute to itself", s)
	}
	r.Old, r.New = old, nw
	return r, nil
}

// Fingerprint describes the transform for checkpoint compatibility: resuming
// a copy with other transforms would mix two versions of the data.
func (t *Transform) Fingerprint() string {
	var b strings.Builder
	fmt.Fprintf(&b, "keepDeleted=%v strip=%v", t.KeepDeleted, t.StripDataStore)
	for _, r := range t.Renames {
		fmt.Fprintf(&b, " rename=%s:%s=%s", r.Scope, r.Old, r.New)
	}
	if t.Owners != nil {
		fmt.Fprintf(&b, " owners=%s fields=%s", t.Owners.Fingerprint(), strings.Join(t.ownerFields(), ","))
	}
	return b.String()
}

func (t *Transform) ownerFields() []string {
	if len(t.OwnerFields) == 0 {
		return []string{"owner"}
	}
	return t.OwnerFields
}

// Validate checks the renames against each other.
func (t *Transform) Validate() error {
	seen := map[string]string{}
	for _, r := range t.Renames {
		k := r.Scope + "\x00" + r.Old
		if prev, ok := seen[k]; ok && prev != r.New {
			return fmt.Errorf("attribute %q is renamed twice (to %q and %q)", r.Old, prev, r.New)
		}
		seen[k] = r.New
	}
	return nil
}

// forTable returns the transform of one table.
func (t *Transform) forTable(model, source string) *tableTransform {
	tt := &tableTransform{t: t}
	for _, r := range t.Renames {
		if r.Scope == "" || r.Scope == model || r.Scope == source {
			tt.renames = append(tt.renames, r)
		}
	}
	return tt
}

// tableTransform applies a Transform to the items of one table and counts
// what it did.
type tableTransform struct {
	t       *Transform
	renames []Rename

	ownersMapped   atomic.Int64
	ownersUnmapped atomic.Int64
}

// outcome is what a transform decided for an item.
type outcome int

const (
	keep outcome = iota
	skipTombstone
	reject // invalid after transforms: dead-letter it with the reason
)

// apply transforms it in place.
func (tt *tableTransform) apply(it Item) (outcome, string) {
	t := tt.t
	if !t.KeepDeleted {
		if v, ok := it[FieldDeleted].(*types.AttributeValueMemberBOOL); ok && v.Value {
			return skipTombstone, ""
		}
	}
	for _, r := range tt.renames {
		v, ok := it[r.Old]
		if !ok {
			continue
		}
		if _, clash := it[r.New]; clash {
			return reject, fmt.Sprintf("cannot rename %q to %q: the item already has %q", r.Old, r.New, r.New)
		}
		delete(it, r.Old)
		it[r.New] = v
	}
	if t.Owners != nil {
		for _, f := range t.ownerFields() {
			if v, ok := it[f]; ok {
				it[f] = tt.mapOwner(v)
			}
		}
	}
	if t.StripDataStore {
		delete(it, FieldVersion)
		delete(it, FieldLastChangedAt)
		delete(it, FieldTTL)
		if v, ok := it[FieldDeleted].(*types.AttributeValueMemberBOOL); !ok || !v.Value {
			delete(it, FieldDeleted)
		}
	}
	return keep, ""
}

func (tt *tableTransform) mapOwner(v types.AttributeValue) types.AttributeValue {
	switch v := v.(type) {
	case *types.AttributeValueMemberS:
		return &types.AttributeValueMemberS{Value: tt.mapOwnerString(v.Value)}
	case *types.AttributeValueMemberSS:
		out := make([]string, len(v.Value))
		for i, s := range v.Value {
			out[i] = tt.mapOwnerString(s)
		}
		return &types.AttributeValueMemberSS{Value: out}
	case *types.AttributeValueMemberL:
		out := make([]types.AttributeValue, len(v.Value))
		for i, e := range v.Value {
			if s, ok := e.(*types.AttributeValueMemberS); ok {
				out[i] = &types.AttributeValueMemberS{Value: tt.mapOwnerString(s.Value)}
			} else {
				out[i] = e
			}
		}
		return &types.AttributeValueMemberL{Value: out}
	}
	return v
}

func (tt *tableTransform) mapOwnerString(s string) string {
	if n, ok := tt.t.Owners.Map(s); ok {
		tt.ownersMapped.Add(1)
		return n
	}
	tt.ownersUnmapped.Add(1)
	return s
}

// OwnerMap maps the identities of users who moved to a new user pool.
type OwnerMap struct {
	entries map[string]ownerEntry
}

type ownerEntry struct{ sub, username string }

// NewOwnerMap builds a map from old → new pairs (tests, callers with their own source).
func NewOwnerMap(pairs map[string]string) *OwnerMap {
	m := &OwnerMap{entries: map[string]ownerEntry{}}
	for k, v := range pairs {
		m.entries[k] = ownerEntry{sub: v}
	}
	return m
}

// Len is the number of mapped identities.
func (m *OwnerMap) Len() int { return len(m.entries) }

// Map rewrites one owner value: "sub::username" by its sub (with the new
// username when the map has one), or a plain sub or username as a whole.
func (m *OwnerMap) Map(v string) (string, bool) {
	if e, ok := m.entries[v]; ok {
		return e.sub, true
	}
	if sub, user, ok := strings.Cut(v, "::"); ok {
		if e, ok := m.entries[sub]; ok {
			if e.username != "" {
				user = e.username
			}
			return e.sub + "::" + user, true
		}
	}
	return v, false
}

// Fingerprint identifies the map's content.
func (m *OwnerMap) Fingerprint() string {
	keys := make([]string, 0, len(m.entries))
	for k := range m.entries {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s>%s>%s;", k, m.entries[k].sub, m.entries[k].username)
	}
	return shortHash(b.String())
}

// ReadOwnerMap reads a CSV of "old,new[,new_username]" rows: old is the
// Cognito sub (or, for apps that stored usernames, the username) in the old
// pool, new the sub (or username) in the new one; the optional third column
// replaces the username part of "sub::username" owners. A first row
// "old_sub,new_sub..." is a header; lines starting with # are comments.
func ReadOwnerMap(path string) (*OwnerMap, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseOwnerMap(f, path)
}

func parseOwnerMap(r io.Reader, name string) (*OwnerMap, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	m := &OwnerMap{entries: map[string]ownerEntry{}}
	first := true
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		if first {
			first = false
			if len(rec) > 0 && strings.HasPrefix(strings.ToLower(strings.TrimSpace(rec[0])), "old") {
				continue
			}
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) < 2 || len(rec) > 3 {
			return nil, fmt.Errorf("%s:%d: want old,new or old,new,new_username; got %d field(s)", name, line, len(rec))
		}
		old, nw := strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1])
		if old == "" || nw == "" {
			return nil, fmt.Errorf("%s:%d: empty old or new value", name, line)
		}
		e := ownerEntry{sub: nw}
		if len(rec) == 3 {
			e.username = strings.TrimSpace(rec[2])
		}
		if prev, ok := m.entries[old]; ok && prev != e {
			return nil, fmt.Errorf("%s:%d: %q is mapped twice (to %q and %q)", name, line, old, prev.sub, e.sub)
		}
		m.entries[old] = e
	}
	if len(m.entries) == 0 {
		return nil, fmt.Errorf("%s: no mappings (want rows of old_sub,new_sub)", name)
	}
	return m, nil
}
