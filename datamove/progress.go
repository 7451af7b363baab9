package datamove

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// Progress reports a copy as it goes: on a terminal, one line per table
// redrawn twice a second (items, items/s, ETA, retries); otherwise a plain
// line every Interval. Each table ends with a line of what happened.
type Progress struct {
	Out      io.Writer
	Terminal bool
	// Interval between plain lines (default 10 s).
	Interval time.Duration
	Now      func() time.Time

	mu      sync.Mutex
	cur     *tableProgress
	stop    chan struct{}
	stopped chan struct{}
	drawn   bool
}

type tableProgress struct {
	pair     TablePair
	estimate int64
	prev     Counts
	live     *Live
	start    time.Time
}

func (p *Progress) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

// TableStart begins reporting on a table; estimate is the source's
// approximate item count, prev what earlier runs did.
func (p *Progress) TableStart(pair TablePair, estimate int64, prev Counts, live *Live) {
	p.mu.Lock()
	p.cur = &tableProgress{pair: pair, estimate: estimate, prev: prev, live: live, start: p.now()}
	p.stop, p.stopped = make(chan struct{}), make(chan struct{})
	interval := p.Interval
	if interval <= 0 {
		interval = 10 * time.Second
	}
	if p.Terminal {
		interval = 500 * time.Millisecond
	}
	stop, stopped := p.stop, p.stopped
	p.mu.Unlock()
	if prev.Scanned > 0 {
		p.Note("resuming %s → %s: %s items done by earlier runs", pair.Source, pair.Target, num(prev.Scanned))
	}
	go func() {
		defer close(stopped)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				p.draw()
			}
		}
	}()
}

func (p *Progress) draw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cur == nil {
		return
	}
	line := p.cur.line(p.now())
	if p.Terminal {
		fmt.Fprintf(p.Out, "\r\x1b[K%s", line)
		p.drawn = true
	} else {
		fmt.Fprintln(p.Out, line)
	}
}

func (t *tableProgress) line(now time.Time) string {
	l := t.live
	done := l.Written.Load() + l.Skipped.Load() + l.DeadLettered.Load()
	el := now.Sub(t.start).Seconds()
	rate := 0.0
	if el > 0 {
		rate = float64(done) / el
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s → %s: %s", t.pair.Source, t.pair.Target, num(t.prev.Scanned+done))
	if t.estimate > 0 {
		fmt.Fprintf(&b, " of ~%s", num(t.estimate))
	}
	fmt.Fprintf(&b, " items, %s items/s", num(int64(rate)))
	if left := t.estimate - t.prev.Scanned - done; t.estimate > 0 && rate > 0 && left > 0 {
		fmt.Fprintf(&b, ", ETA %s", clock(time.Duration(float64(left)/rate*float64(time.Second))))
	}
	if n := l.Retries.Load(); n > 0 {
		fmt.Fprintf(&b, ", %s retries (%s throttled)", num(n), num(l.Throttles.Load()))
	}
	if n := l.DeadLettered.Load(); n > 0 {
		fmt.Fprintf(&b, ", %s dead-lettered", num(n))
	}
	return b.String()
}

func (p *Progress) clearLine() {
	if p.Terminal && p.drawn {
		fmt.Fprint(p.Out, "\r\x1b[K")
		p.drawn = false
	}
}

// Note prints a line between progress updates.
func (p *Progress) Note(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clearLine()
	fmt.Fprintf(p.Out, format+"\n", args...)
}

// TableDone stops reporting on the current table and prints its outcome.
func (p *Progress) TableDone(tr *TableResult) {
	p.mu.Lock()
	stop, stopped := p.stop, p.stopped
	p.stop = nil
	p.mu.Unlock()
	if stop != nil {
		close(stop)
		<-stopped
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cur = nil
	p.clearLine()
	writeTableOutcome(p.Out, tr)
}

func writeTableOutcome(w io.Writer, tr *TableResult) {
	mark := "done"
	switch {
	case tr.Err != nil:
		mark = "FAILED"
	case tr.Run.DeadLettered > 0 || (tr.Verify != nil && !tr.Verify.Match):
		mark = "INCOMPLETE"
	}
	fmt.Fprintf(w, "%s %s → %s", mark, tr.Pair.Source, tr.Pair.Target)
	switch {
	case tr.AlreadyDone:
		fmt.Fprintf(w, ": already copied by an earlier run (%s items written)\n", num(tr.Total.Written))
	default:
		fmt.Fprintf(w, ": %s scanned, %s written, %s tombstones skipped, %s dead-lettered in %s",
			num(tr.Run.Scanned), num(tr.Run.Written), num(tr.Run.Skipped), num(tr.Run.DeadLettered), tr.Duration.Round(100*time.Millisecond))
		if s := tr.Duration.Seconds(); s > 0 {
			fmt.Fprintf(w, " (%s items/s)", num(int64(float64(tr.Run.Scanned)/s)))
		}
		if tr.Retries > 0 {
			fmt.Fprintf(w, ", %s retries (%s throttled)", num(tr.Retries), num(tr.Throttles))
		}
		fmt.Fprintln(w)
		if tr.Resumed {
			fmt.Fprintf(w, "    with earlier runs: %s scanned, %s written, %s skipped, %s dead-lettered\n",
				num(tr.Total.Scanned), num(tr.Total.Written), num(tr.Total.Skipped), num(tr.Total.DeadLettered))
		}
	}
	if tr.OwnersMapped+tr.OwnersUnmapped > 0 {
		fmt.Fprintf(w, "    owners: %s values mapped, %s without a mapping (left as they were)\n", num(tr.OwnersMapped), num(tr.OwnersUnmapped))
	}
	if tr.Err != nil {
		fmt.Fprintf(w, "    error: %v\n", tr.Err)
	}
	if v := tr.Verify; v != nil {
		if v.Match {
			fmt.Fprintf(w, "    verified: %s items on both sides, content digest %s\n", num(int64(v.Source.Count())), v.Source.Sum())
		} else {
			fmt.Fprintf(w, "    VERIFY FAILED: source (after transforms) has %s items, digest %s; target has %s items, digest %s; %d of %d key buckets differ\n",
				num(int64(v.Source.Count())), v.Source.Sum(), num(int64(v.Target.Count())), v.Target.Sum(), len(v.DiffBuckets), DigestBuckets)
			for _, e := range v.Examples {
				fmt.Fprintf(w, "      %s\n", e)
			}
		}
	}
}

// WritePlan prints what will be copied.
func WritePlan(w io.Writer, plan *Plan, dryRun bool) {
	verb := "Copying"
	if dryRun {
		verb = "Dry run (nothing is written) of"
	}
	fmt.Fprintf(w, "%s %d table(s):\n", verb, len(plan.Tables))
	for _, t := range plan.Tables {
		if t.Model != "" {
			fmt.Fprintf(w, "  %-20s %s → %s\n", t.Model, t.Source, t.Target)
		} else {
			fmt.Fprintf(w, "  %s → %s\n", t.Source, t.Target)
		}
	}
}

// WriteSummary prints the outcome of every table and what to do next.
func WriteSummary(w io.Writer, res *Result, dl *DeadLetter, checkpoint string) {
	var total Counts
	for _, t := range res.Tables {
		total.add(t.Run)
	}
	fmt.Fprintf(w, "\nSummary: %d table(s), %s items scanned, %s written, %s tombstones skipped, %s dead-lettered\n",
		len(res.Tables), num(total.Scanned), num(total.Written), num(total.Skipped), num(res.DeadLettered))
	if res.DryRun {
		fmt.Fprintln(w, "Dry run: nothing was written. Items counted as written are what a real run would write.")
		for _, rc := range dl.Reasons() {
			fmt.Fprintf(w, "  would dead-letter %s item(s): %s\n", num(rc.Count), rc.Reason)
		}
		return
	}
	var earlier int64
	for _, t := range res.Tables {
		earlier += t.Total.DeadLettered - t.Run.DeadLettered
	}
	if res.DeadLettered > 0 {
		fmt.Fprintf(w, "%s item(s) could not be written; each is in %s with its reason:\n", num(res.DeadLettered), dl.Path())
		for _, rc := range dl.Reasons() {
			fmt.Fprintf(w, "  %s × %s\n", num(rc.Count), rc.Reason)
		}
	}
	if earlier > 0 {
		fmt.Fprintf(w, "%s item(s) were dead-lettered by earlier runs of this checkpoint (see %s).\n", num(earlier), dl.Path())
	}
	if res.DeadLettered+earlier > 0 {
		fmt.Fprintln(w, "Fix the cause and copy again without the checkpoint (or with a new one): re-running is safe, writes are idempotent puts.")
	}
	if n := res.Planned - len(res.Tables); n > 0 {
		fmt.Fprintf(w, "%d table(s) of the plan were not started.\n", n)
	}
	for _, t := range res.Tables {
		if t.Err != nil && checkpoint != "" {
			fmt.Fprintf(w, "The checkpoint %s keeps what was done: run the same command again to resume.\n", checkpoint)
			break
		}
	}
}

// num formats an integer with thousands separators.
func num(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func clock(d time.Duration) string {
	d = d.Round(time.Second)
	h, m, s := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%d:%02d", m, s)
}
