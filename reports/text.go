package reports

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
)

// ANSI colours per level; only used when Options.Color is set.
var levelColor = map[model.Level]string{
	model.Auto:   "\x1b[32m", // green
	model.CDK:    "\x1b[36m", // cyan
	model.Manual: "\x1b[33m", // yellow
	model.Drop:   "\x1b[90m", // grey
}

const (
	bold  = "\x1b[1m"
	red   = "\x1b[31m"
	reset = "\x1b[0m"
)

func renderText(w io.Writer, r *Report, opts Options) error {
	bw := bufio.NewWriter(w)
	c := func(code, s string) string {
		if !opts.Color || code == "" {
			return s
		}
		return code + s + reset
	}
	level := func(l model.Level) string {
		return c(levelColor[l], fmt.Sprintf("%-6s", l))
	}
	title := r.Project
	if title == "" {
		title = r.Path
	}
	fmt.Fprintf(bw, "%s", c(bold, "Amplify Gen 1 project "+title))
	if r.Env != "" {
		fmt.Fprintf(bw, " (environment %s)", r.Env)
	}
	fmt.Fprintln(bw)

	if len(r.Diagnostics) > 0 {
		fmt.Fprintln(bw)
		fmt.Fprintln(bw, c(bold, "Problems in the input"))
		for _, d := range r.Diagnostics {
			sev := d.Severity.String()
			if d.Severity == model.Error {
				sev = c(red, sev)
			}
			fmt.Fprintf(bw, "  %s: %s: %s\n", d.Pos, sev, d.Summary)
			if d.Detail != "" {
				fmt.Fprintf(bw, "      %s\n", d.Detail)
			}
		}
	}

	// Align names within the whole report so columns line up.
	nameW, subjW := 0, 0
	for _, res := range r.Resources {
		nameW = max(nameW, len(res.Name))
		for _, f := range res.Findings {
			subjW = max(subjW, len(f.Subject))
		}
	}
	subjW = min(subjW, 32)

	writeFinding := func(f model.Finding) {
		subj := f.Subject
		if subj == "" {
			subj = "(resource)"
		}
		fmt.Fprintf(bw, "      %s %-*s %s\n", level(f.Level), subjW, subj, f.Reason)
		if f.Action != "" {
			fmt.Fprintf(bw, "      %s %-*s next: %s\n", strings.Repeat(" ", 6), subjW, "", f.Action)
		}
		if !f.Pos.IsZero() {
			fmt.Fprintf(bw, "      %s %-*s at %s\n", strings.Repeat(" ", 6), subjW, "", f.Pos)
		}
	}

	category := ""
	for _, res := range r.Resources {
		if res.Category != category {
			category = res.Category
			fmt.Fprintln(bw)
			fmt.Fprintln(bw, c(bold, category))
		}
		svc := res.Service
		if res.Imported {
			svc += " (imported)"
		}
		fmt.Fprintf(bw, "  %-*s  %s  %s\n", nameW, res.Name, level(res.Support), svc)
		for _, f := range res.Findings {
			writeFinding(f)
		}
	}
	if len(r.ProjectFindings) > 0 {
		fmt.Fprintln(bw)
		fmt.Fprintln(bw, c(bold, "project"))
		for _, f := range r.ProjectFindings {
			writeFinding(f)
		}
	}

	s := r.Summary
	fmt.Fprintln(bw)
	fmt.Fprintf(bw, "%s %d resources (%s), %d findings (%s); %d errors, %d warnings\n",
		c(bold, "Summary:"), s.Resources, levelCounts(s.ResourceSupport), s.Findings, levelCounts(s.Support), s.Errors, s.Warnings)
	return bw.Flush()
}

// levelCounts renders "3 auto, 1 cdk, 2 manual, 0 drop".
func levelCounts(m map[model.Level]int) string {
	var parts []string
	for _, l := range []model.Level{model.Auto, model.CDK, model.Manual, model.Drop} {
		parts = append(parts, fmt.Sprintf("%d %s", m[l], l))
	}
	return strings.Join(parts, ", ")
}
