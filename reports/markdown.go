package reports

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
)

var levelBadge = map[model.Level]string{
	model.Auto:   "✅ auto",
	model.CDK:    "🔧 cdk",
	model.Manual: "✋ manual",
	model.Drop:   "➖ drop",
}

func renderMarkdown(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	title := r.Project
	if title == "" {
		title = r.Path
	}
	fmt.Fprintf(bw, "## Amplify Gen 2 migration report: %s\n\n", mdEscape(title))
	if r.Env != "" {
		fmt.Fprintf(bw, "Gen 1 environment: `%s`\n\n", r.Env)
	}
	s := r.Summary
	fmt.Fprintf(bw, "**%d resources** (%s) · **%d findings** (%s) · %d errors · %d warnings\n\n",
		s.Resources, levelCounts(s.ResourceSupport), s.Findings, levelCounts(s.Support), s.Errors, s.Warnings)
	bw.WriteString("Support levels: **auto** converts to Gen 2 `define*` code; **cdk** converts with CDK code in `backend.ts`; **manual** needs a person (convert leaves a TODO); **drop** is not needed in Gen 2.\n\n")

	if len(r.Diagnostics) > 0 {
		bw.WriteString("### Problems in the input\n\n| Severity | Where | Problem | What to do |\n|---|---|---|---|\n")
		for _, d := range r.Diagnostics {
			fmt.Fprintf(bw, "| %s | `%s` | %s | %s |\n", d.Severity, d.Pos, mdEscape(d.Summary), mdEscape(d.Detail))
		}
		bw.WriteString("\n")
	}

	bw.WriteString("### Resources\n\n| Category | Resource | Service | Support | Findings |\n|---|---|---|---|---|\n")
	for _, res := range r.Resources {
		svc := res.Service
		if res.Imported {
			svc += " (imported)"
		}
		fmt.Fprintf(bw, "| %s | `%s` | %s | %s | %d |\n", res.Category, res.Name, mdEscape(svc), levelBadge[res.Support], len(res.Findings))
	}
	bw.WriteString("\n")

	writeTable := func(fs []model.Finding) {
		bw.WriteString("| Support | Setting | Why | Next step | Source |\n|---|---|---|---|---|\n")
		for _, f := range fs {
			pos := ""
			if !f.Pos.IsZero() {
				pos = "`" + f.Pos.String() + "`"
			}
			subj := f.Subject
			if subj == "" {
				subj = "(resource)"
			}
			fmt.Fprintf(bw, "| %s | %s | %s | %s | %s |\n", levelBadge[f.Level], mdEscape(subj), mdEscape(f.Reason), mdEscape(f.Action), pos)
		}
		bw.WriteString("\n")
	}
	for _, res := range r.Resources {
		if len(res.Findings) == 0 {
			continue
		}
		fmt.Fprintf(bw, "<details><summary><b>%s/%s</b> (%s): %s</summary>\n\n", res.Category, res.Name, mdEscape(res.Service), levelBadge[res.Support])
		writeTable(res.Findings)
		bw.WriteString("</details>\n\n")
	}
	if len(r.ProjectFindings) > 0 {
		bw.WriteString("### Project\n\n")
		writeTable(r.ProjectFindings)
	}
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

// mdEscape makes text safe inside a Markdown table cell.
func mdEscape(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, "|", "\\|")
	s = strings.ReplaceAll(s, "<", "&lt;")
	return s
}
