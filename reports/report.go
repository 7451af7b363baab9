// Package reports turns what the readers found and what the conversion
// decided into the analyze report, rendered as text for terminals, JSON for
// machines, or Markdown for pull requests.
//
// The JSON form is a stable interface (documented in the README): fields are
// only ever added.
package reports

import (
	"fmt"
	"io"

	"github.com/amplify-migrate/amplify-migrate/model"
)

// SchemaVersion is the version of the JSON report format.
const SchemaVersion = 1

// Report is the analyze report of one project.
type Report struct {
	SchemaVersion int    `json:"schemaVersion"`
	Project       string `json:"project"`
	Env           string `json:"env"`
	// Path is the project root as given on the command line.
	Path            string            `json:"path"`
	Resources       []Resource        `json:"resources"`
	ProjectFindings []model.Finding   `json:"projectFindings"`
	Diagnostics     model.Diagnostics `json:"diagnostics"`
	Summary         Summary           `json:"summary"`
}

// Resource is one resource of backend-config.json with its findings.
type Resource struct {
	Category string `json:"category"`
	Name     string `json:"name"`
	Service  string `json:"service"`
	Imported bool   `json:"imported"`
	// Support is the highest level among the findings: the work the
	// resource asks of a person.
	Support  model.Level     `json:"support"`
	Position model.Pos       `json:"position"`
	Findings []model.Finding `json:"findings"`
}

// Summary counts findings per level and diagnostics per severity.
type Summary struct {
	Resources int                 `json:"resources"`
	Findings  int                 `json:"findings"`
	Support   map[model.Level]int `json:"support"`
	// Resources by their highest level.
	ResourceSupport map[model.Level]int `json:"resourceSupport"`
	Errors          int                 `json:"errors"`
	Warnings        int                 `json:"warnings"`
}

// Build assembles the report: every resource of the project in order, each
// with its findings; project-wide findings; diagnostics; counts. p is nil
// when the path was not a project at all; the report then holds only the
// diagnostics.
func Build(p *model.Project, path string, findings model.Findings, diags model.Diagnostics) *Report {
	if p == nil {
		p = &model.Project{}
	}
	r := &Report{SchemaVersion: SchemaVersion, Project: p.Name, Env: p.Env, Path: path,
		Resources: []Resource{}, ProjectFindings: []model.Finding{}, Diagnostics: diags}
	if r.Diagnostics == nil {
		r.Diagnostics = model.Diagnostics{}
	}
	fs := append(model.Findings(nil), findings...)
	fs.Sort()
	for _, res := range p.Resources {
		own := fs.For(res.Ref())
		if own == nil {
			own = model.Findings{}
		}
		r.Resources = append(r.Resources, Resource{
			Category: res.Category, Name: res.Name, Service: res.Service, Imported: res.Imported,
			Support: own.Max(), Position: res.Pos, Findings: own,
		})
	}
	for _, f := range fs {
		if p.Find(f.Resource.Category, f.Resource.Name) == nil {
			r.ProjectFindings = append(r.ProjectFindings, f)
		}
	}
	r.Summary = summarize(r)
	return r
}

func summarize(r *Report) Summary {
	s := Summary{Resources: len(r.Resources), Support: map[model.Level]int{}, ResourceSupport: map[model.Level]int{}}
	for _, l := range model.Levels {
		s.Support[l] = 0
		s.ResourceSupport[l] = 0
	}
	count := func(fs []model.Finding) {
		for _, f := range fs {
			s.Findings++
			s.Support[f.Level]++
		}
	}
	for _, res := range r.Resources {
		count(res.Findings)
		s.ResourceSupport[res.Support]++
	}
	count(r.ProjectFindings)
	for _, d := range r.Diagnostics {
		if d.Severity == model.Error {
			s.Errors++
		} else {
			s.Warnings++
		}
	}
	return s
}

// AtLeast counts findings at or above level.
func (r *Report) AtLeast(level model.Level) int {
	n := 0
	for l, c := range r.Summary.Support {
		if l.Rank() >= level.Rank() {
			n += c
		}
	}
	return n
}

// Format is a report rendering.
type Format string

const (
	Text     Format = "text"
	JSON     Format = "json"
	Markdown Format = "markdown"
)

// Formats lists the formats for flag validation and completion.
var Formats = []string{string(Text), string(JSON), string(Markdown)}

// Options control rendering.
type Options struct {
	// Color turns on ANSI colours in text output.
	Color bool
	// Width is the text report's line width (default 100; at least 60).
	Width int
	// ReadFile, when set, reads a project file (a path relative to the
	// project root) so that the text report can show the line a problem
	// points at.
	ReadFile func(path string) ([]byte, error)
}

// Render writes the report in the given format.
func Render(w io.Writer, r *Report, f Format, opts Options) error {
	switch f {
	case Text:
		return renderText(w, r, opts)
	case JSON:
		return renderJSON(w, r)
	case Markdown:
		return renderMarkdown(w, r)
	}
	return fmt.Errorf("unknown report format %q", f)
}
