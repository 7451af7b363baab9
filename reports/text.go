package reports

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/amplify-migrate/amplify-migrate/model"
)

// ANSI colours; only used when Options.Color is set.
var levelColor = map[model.Level]string{
	model.Auto:   "\x1b[32m", // green
	model.CDK:    "\x1b[36m", // cyan
	model.Manual: "\x1b[33m", // yellow
	model.Drop:   "\x1b[90m", // grey
}

const (
	bold   = "\x1b[1m"
	dim    = "\x1b[2m"
	red    = "\x1b[31m"
	yellow = "\x1b[33m"
	reset  = "\x1b[0m"
)

// Layout of the text report. A finding is one block:
//
//	manual  passwordPolicy  the Gen 1 policy requires no character
//	                        classes, Gen 2's default requires all four
//	                        next: keep the CDK override in backend.ts
//	                        at amplify/backend/auth/x/cli-inputs.json:12:5
//
// Reasons wrap at the width, indented under the text column, so a report
// stays readable at 80 columns and uses the room of a wider terminal.
const (
	defaultWidth = 100
	minWidth     = 60
	maxWidth     = 160
	findIndent   = 4  // before the level
	levelWidth   = 6  // "manual"
	maxSubjWidth = 24 // longer subjects get a line of their own
	minTextWidth = 36 // below this the text goes under the subject
)

type textWriter struct {
	w     *bufio.Writer
	opts  Options
	width int
}

func (t *textWriter) c(code, s string) string {
	if !t.opts.Color || code == "" {
		return s
	}
	return code + s + reset
}

func (t *textWriter) level(l model.Level) string {
	return t.c(levelColor[l], fmt.Sprintf("%-*s", levelWidth, l))
}

func renderText(w io.Writer, r *Report, opts Options) error {
	t := &textWriter{w: bufio.NewWriter(w), opts: opts, width: opts.Width}
	if t.width == 0 {
		t.width = defaultWidth
	}
	t.width = min(max(t.width, minWidth), maxWidth)

	title := r.Project
	if title == "" {
		title = r.Path
	}
	head := "Amplify Gen 1 project " + title
	if r.Env != "" {
		head += ", environment " + r.Env
	}
	fmt.Fprintln(t.w, t.c(bold, head))
	if r.Project != "" && r.Path != "" {
		fmt.Fprintln(t.w, t.c(dim, "read from "+r.Path))
	}
	t.wrapped(0, "", "Support levels: auto = Gen 2 define* code, cdk = CDK code in backend.ts, manual = a person must act, drop = not needed in Gen 2.", "")

	t.diagnostics(r)
	t.resources(r)
	t.summary(r)
	return t.w.Flush()
}

func (t *textWriter) diagnostics(r *Report) {
	if len(r.Diagnostics) == 0 {
		return
	}
	fmt.Fprintln(t.w)
	fmt.Fprintln(t.w, t.c(bold, fmt.Sprintf("Problems in the input (%s)", plural(r.Summary.Errors, "error")+", "+plural(r.Summary.Warnings, "warning"))))
	const indent = 11 // "  warning  "
	for _, d := range r.Diagnostics {
		sev := fmt.Sprintf("%-7s", d.Severity)
		if d.Severity == model.Error {
			sev = t.c(red, sev)
		} else {
			sev = t.c(yellow, sev)
		}
		where := d.Pos.String()
		if where == "" {
			where = r.Path
		}
		fmt.Fprintf(t.w, "  %s  %s\n", sev, where)
		t.wrapped(indent, "", d.Summary, "")
		if d.Detail != "" {
			t.wrapped(indent, "", d.Detail, "→ ")
		}
		t.excerpt(indent, d.Pos)
	}
}

// excerpt shows the line a diagnostic points at, with a caret under the
// column, when the file can be read.
func (t *textWriter) excerpt(indent int, pos model.Pos) {
	if t.opts.ReadFile == nil || pos.File == "" || pos.Line <= 0 {
		return
	}
	data, err := t.opts.ReadFile(pos.File)
	if err != nil {
		return
	}
	lines := strings.Split(string(data), "\n")
	if pos.Line > len(lines) {
		return
	}
	line := strings.TrimRight(strings.ReplaceAll(lines[pos.Line-1], "\t", " "), "\r ")
	if line == "" || !utf8.ValidString(line) {
		return
	}
	num := fmt.Sprintf("%d | ", pos.Line)
	room := t.width - indent - len(num)
	col := pos.Col
	// Long lines (minified JSON) are cut around the column.
	if runes := []rune(line); len(runes) > room && room > 10 {
		start := 0
		if col > room/2 {
			start = min(col-room/2, len(runes)-room)
		}
		line = string(runes[start : start+room])
		if col > 0 {
			col -= start
		}
	}
	pad := strings.Repeat(" ", indent)
	fmt.Fprintf(t.w, "%s%s%s\n", pad, t.c(dim, num), line)
	if col > 0 && col <= utf8.RuneCountInString(line)+1 {
		fmt.Fprintf(t.w, "%s%s%s%s\n", pad, strings.Repeat(" ", len(num)), strings.Repeat(" ", col-1), t.c(red, "^"))
	}
}

func (t *textWriter) resources(r *Report) {
	nameW, svcW, subjW := 0, 0, 0
	for _, res := range r.Resources {
		nameW = max(nameW, utf8.RuneCountInString(res.Name))
		svcW = max(svcW, utf8.RuneCountInString(serviceLabel(res)))
		for _, f := range res.Findings {
			subjW = max(subjW, utf8.RuneCountInString(subject(f)))
		}
	}
	for _, f := range r.ProjectFindings {
		subjW = max(subjW, utf8.RuneCountInString(subject(f)))
	}
	subjW = min(subjW, maxSubjWidth)
	nameW = min(nameW, t.width/2)

	category := ""
	for _, res := range r.Resources {
		if res.Category != category {
			category = res.Category
			fmt.Fprintln(t.w)
			fmt.Fprintln(t.w, t.c(bold, category))
		}
		fmt.Fprintf(t.w, "  %s  %-*s  %s\n", t.c(bold, pad(res.Name, nameW)), svcW, serviceLabel(res), t.level(res.Support))
		for _, f := range res.Findings {
			t.finding(f, subjW)
		}
	}
	if len(r.ProjectFindings) > 0 {
		fmt.Fprintln(t.w)
		fmt.Fprintln(t.w, t.c(bold, "project"))
		for _, f := range r.ProjectFindings {
			t.finding(f, subjW)
		}
	}
}

func (t *textWriter) finding(f model.Finding, subjW int) {
	subj := subject(f)
	textCol := findIndent + levelWidth + 2 + subjW + 2
	lead := strings.Repeat(" ", findIndent) + t.level(f.Level) + "  "
	if t.width-textCol < minTextWidth {
		// Too narrow for a subject column: the text goes below.
		textCol = findIndent + levelWidth + 2
		fmt.Fprintf(t.w, "%s%s\n", lead, subj)
		t.wrapped(textCol, "", f.Reason, "")
	} else if n := utf8.RuneCountInString(subj); n > subjW {
		fmt.Fprintf(t.w, "%s%s\n", lead, subj)
		t.wrapped(textCol, "", f.Reason, "")
	} else {
		t.wrapped(textCol, lead+pad(subj, subjW)+"  ", f.Reason, "")
	}
	if f.Action != "" {
		t.wrapped(textCol, "", f.Action, "next: ")
	}
	if !f.Pos.IsZero() {
		t.wrapped(textCol, "", f.Pos.String(), t.c(dim, "at "))
	}
}

// wrapped writes text wrapped to the width with every line indented to
// col; first replaces the indent of the first line (it is already
// col wide on screen); label (e.g. "next: ") starts the text and its width
// indents the continuation lines.
func (t *textWriter) wrapped(col int, first, text, label string) {
	indent := strings.Repeat(" ", col)
	if first == "" {
		first = indent
	}
	labelW := visibleLen(label)
	lines := wrap(oneLine(text), t.width-col-labelW)
	for i, l := range lines {
		if i == 0 {
			fmt.Fprintf(t.w, "%s%s%s\n", first, label, l)
			continue
		}
		fmt.Fprintf(t.w, "%s%s%s\n", indent, strings.Repeat(" ", labelW), l)
	}
}

func (t *textWriter) summary(r *Report) {
	s := r.Summary
	fmt.Fprintln(t.w)
	fmt.Fprintln(t.w, t.c(bold, "Summary"))
	counts := func(m map[model.Level]int) string {
		var parts []string
		for _, l := range []model.Level{model.Auto, model.CDK, model.Manual, model.Drop} {
			parts = append(parts, fmt.Sprintf("%s %s", t.c(levelColor[l], fmt.Sprint(m[l])), l))
		}
		return strings.Join(parts, ", ")
	}
	resW := len(plural(s.Resources, "resource"))
	finW := len(plural(s.Findings, "finding"))
	w := max(resW, finW)
	fmt.Fprintf(t.w, "  %-*s  %s\n", w+1, plural(s.Resources, "resource")+":", counts(s.ResourceSupport))
	fmt.Fprintf(t.w, "  %-*s  %s\n", w+1, plural(s.Findings, "finding")+":", counts(s.Support))
	fmt.Fprintf(t.w, "  %-*s  %s, %s\n", w+1, "input:", plural(s.Errors, "error"), plural(s.Warnings, "warning"))
	fmt.Fprintln(t.w)
	switch {
	case s.Errors > 0:
		t.wrapped(0, "", "Fix the errors above and run again: convert writes nothing while the input has errors.", "")
	case s.Resources == 0:
		t.wrapped(0, "", "backend-config.json names no resources: there is nothing to migrate.", "")
	default:
		t.wrapped(0, "", "Next: `migrate convert --out DIR` writes the Gen 2 project; every manual finding becomes a TODO listed in MIGRATION.md.", "")
	}
}

// serviceLabel is the service column: "Cognito", "S3 (imported)".
func serviceLabel(res Resource) string {
	s := res.Service
	if s == "" {
		s = "(no service)"
	}
	if res.Imported {
		s += " (imported)"
	}
	return s
}

// subject is what a finding is about, "(resource)" for the whole resource.
func subject(f model.Finding) string {
	if f.Subject == "" {
		return "(resource)"
	}
	return oneLine(f.Subject)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// pad right-pads s to n runes.
func pad(s string, n int) string {
	if k := utf8.RuneCountInString(s); k < n {
		return s + strings.Repeat(" ", n-k)
	}
	return s
}

// oneLine collapses runs of white space, newlines included.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// visibleLen is the width of s on screen, ignoring ANSI escapes.
func visibleLen(s string) int {
	n, esc := 0, false
	for _, r := range s {
		switch {
		case esc:
			if r == 'm' {
				esc = false
			}
		case r == '\x1b':
			esc = true
		default:
			n++
		}
	}
	return n
}

// wrap breaks text into lines of at most width runes at spaces; a word
// longer than the width (a path, a URL) gets a line of its own rather than
// being cut.
func wrap(text string, width int) []string {
	width = max(width, 20)
	words := strings.Fields(text)
	if len(words) == 0 {
		return []string{""}
	}
	var lines []string
	cur, curN := words[0], utf8.RuneCountInString(words[0])
	for _, w := range words[1:] {
		n := utf8.RuneCountInString(w)
		if curN+1+n > width {
			lines = append(lines, cur)
			cur, curN = w, n
			continue
		}
		cur += " " + w
		curN += 1 + n
	}
	return append(lines, cur)
}
