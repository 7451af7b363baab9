package model

import (
	"fmt"
	"sort"
)

// Level says how a Gen 1 resource or setting reaches Gen 2.
type Level string

const (
	// Drop: not needed in Gen 2 (CLI bookkeeping, settings Gen 2 manages itself).
	Drop Level = "drop"
	// Auto: converts to Gen 2 define* code.
	Auto Level = "auto"
	// CDK: converts, with CDK code (an escape hatch) in backend.ts.
	CDK Level = "cdk"
	// Manual: a person must act; convert writes a TODO where the code would go.
	Manual Level = "manual"
)

// Levels lists the levels from least to most work.
var Levels = []Level{Drop, Auto, CDK, Manual}

// Rank orders levels by the work they ask of a person: drop < auto < cdk < manual.
func (l Level) Rank() int {
	for i, x := range Levels {
		if x == l {
			return i
		}
	}
	return -1
}

// ParseLevel turns "auto", "cdk", "manual" or "drop" into a Level.
func ParseLevel(s string) (Level, error) {
	for _, l := range Levels {
		if string(l) == s {
			return l, nil
		}
	}
	return "", fmt.Errorf("unknown support level %q (want drop, auto, cdk or manual)", s)
}

// Finding is what a conversion decided about one resource or one setting of
// it: how it reaches Gen 2 (Level), why (Reason), what a person should do next
// (Action), and where the setting came from (Pos).
type Finding struct {
	// Code names the kind of finding, stable across releases (e.g.
	// "auth.password-policy", "data.searchable"), so that CI can filter on it.
	Code     string      `json:"code"`
	Level    Level       `json:"support"`
	Resource ResourceRef `json:"-"`
	// Subject is the setting or element the finding is about, e.g.
	// "passwordPolicy" or "model Post"; empty for the resource as a whole.
	Subject string `json:"subject,omitempty"`
	Reason  string `json:"reason"`
	Action  string `json:"action,omitempty"`
	Pos     Pos    `json:"position"`
}

// ResourceRef names a resource by category and name.
type ResourceRef struct {
	Category string `json:"category"`
	Name     string `json:"name"`
}

func (r ResourceRef) String() string {
	if r.Name == "" {
		return r.Category
	}
	return r.Category + "/" + r.Name
}

// Findings is a list of findings.
type Findings []Finding

// Sort orders findings by resource, then source position, then code, keeping
// the order of equal entries.
func (fs Findings) Sort() {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Resource != b.Resource {
			if a.Resource.Category != b.Resource.Category {
				return a.Resource.Category < b.Resource.Category
			}
			return a.Resource.Name < b.Resource.Name
		}
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		return a.Code < b.Code
	})
}

// Max returns the highest level among the findings, or Drop when there are none.
func (fs Findings) Max() Level {
	max := Drop
	for _, f := range fs {
		if f.Level.Rank() > max.Rank() {
			max = f.Level
		}
	}
	return max
}

// For returns the findings about one resource.
func (fs Findings) For(r ResourceRef) Findings {
	var out Findings
	for _, f := range fs {
		if f.Resource == r {
			out = append(out, f)
		}
	}
	return out
}
