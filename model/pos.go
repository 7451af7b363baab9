package model

import (
	"fmt"
	"sort"
	"strings"
)

// Pos says where a value came from: a file relative to the project root, a
// 1-based line and column when known, and for JSON the path of the value
// (gjson syntax, e.g. "cognitoConfig.mfaConfiguration").
type Pos struct {
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"column,omitempty"`
	Path string `json:"jsonPath,omitempty"`
}

// IsZero reports whether the position names nothing.
func (p Pos) IsZero() bool { return p.File == "" && p.Line == 0 && p.Path == "" }

// String renders the position as "file:line:col (path)", leaving out what is
// unknown.
func (p Pos) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Col > 0 {
			fmt.Fprintf(&b, ":%d", p.Col)
		}
	}
	if p.Path != "" {
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		fmt.Fprintf(&b, "(%s)", p.Path)
	}
	return b.String()
}

// Severity grades a Diagnostic.
type Severity int

const (
	// Error means the input cannot be used as it is; convert refuses to write.
	Error Severity = iota
	// Warning means the input was used but something in it looks wrong.
	Warning
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// MarshalText makes severities readable in JSON reports.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Diagnostic is a problem with the input: what is wrong (Summary), what to do
// about it (Detail), and where (Pos).
type Diagnostic struct {
	Severity Severity `json:"severity"`
	Summary  string   `json:"summary"`
	Detail   string   `json:"detail,omitempty"`
	Pos      Pos      `json:"position"`
}

func (d Diagnostic) Error() string {
	var b strings.Builder
	if !d.Pos.IsZero() {
		b.WriteString(d.Pos.String())
		b.WriteString(": ")
	}
	b.WriteString(d.Severity.String())
	b.WriteString(": ")
	b.WriteString(d.Summary)
	if d.Detail != "" {
		b.WriteString(" (")
		b.WriteString(d.Detail)
		b.WriteString(")")
	}
	return b.String()
}

// Diagnostics is a list of problems found in the input.
type Diagnostics []Diagnostic

// HasErrors reports whether any diagnostic is an Error.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Errors returns only the Error diagnostics.
func (ds Diagnostics) Errors() Diagnostics {
	var out Diagnostics
	for _, d := range ds {
		if d.Severity == Error {
			out = append(out, d)
		}
	}
	return out
}

// Sort orders diagnostics by file, line, column and summary so that output is
// deterministic.
func (ds Diagnostics) Sort() {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i].Pos, ds[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return ds[i].Summary < ds[j].Summary
	})
}

// Error joins the error diagnostics into one message, or returns "" when there
// are none.
func (ds Diagnostics) Error() string {
	var lines []string
	for _, d := range ds.Errors() {
		lines = append(lines, d.Error())
	}
	return strings.Join(lines, "\n")
}
