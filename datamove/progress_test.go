package datamove

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestProgressLineAndOutcome(t *testing.T) {
	live := &Live{}
	live.Written.Store(9000)
	live.Skipped.Store(900)
	live.DeadLettered.Store(100)
	live.Retries.Store(12)
	live.Throttles.Store(5)
	start := time.Unix(1000, 0)
	tp := &tableProgress{pair: TablePair{Source: "Todo-a-dev", Target: "Todo-b-NONE"}, estimate: 40000, prev: Counts{Scanned: 10000}, live: live, start: start}
	got := tp.line(start.Add(10 * time.Second))
	want := "Todo-a-dev → Todo-b-NONE: 20,000 of ~40,000 items, 1,000 items/s, ETA 0:20, 12 retries (5 throttled), 100 dead-lettered"
	if got != want {
		t.Errorf("line:\n got %s\nwant %s", got, want)
	}

	var buf bytes.Buffer
	writeTableOutcome(&buf, &TableResult{
		Pair: TablePair{Source: "Todo-a-dev", Target: "Todo-b-NONE"}, Run: Counts{Scanned: 30000, Written: 29000, Skipped: 1000},
		Total: Counts{Scanned: 40000, Written: 38000, Skipped: 1900, DeadLettered: 100}, Resumed: true, Duration: 15 * time.Second,
		OwnersMapped: 10, OwnersUnmapped: 2, Verify: &VerifyResult{Match: true},
	})
	out := buf.String()
	for _, w := range []string{"done Todo-a-dev → Todo-b-NONE: 30,000 scanned, 29,000 written, 1,000 tombstones skipped, 0 dead-lettered in 15s (2,000 items/s)",
		"with earlier runs: 40,000 scanned", "owners: 10 values mapped, 2 without a mapping", "verified: 0 items on both sides"} {
		if !strings.Contains(out, w) {
			t.Errorf("outcome lacks %q:\n%s", w, out)
		}
	}
	buf.Reset()
	writeTableOutcome(&buf, &TableResult{Pair: TablePair{Source: "a1x", Target: "b1x"}, Err: errors.New("interrupted")})
	if !strings.HasPrefix(buf.String(), "FAILED a1x → b1x") || !strings.Contains(buf.String(), "error: interrupted") {
		t.Errorf("failed outcome:\n%s", buf.String())
	}
	// On a terminal, notes clear the progress line first.
	buf.Reset()
	p := &Progress{Out: &buf, Terminal: true}
	p.TableStart(TablePair{Source: "a1x", Target: "b1x"}, 0, Counts{}, &Live{})
	p.draw()
	p.Note("hello")
	p.TableDone(&TableResult{Pair: TablePair{Source: "a1x", Target: "b1x"}})
	if !strings.Contains(buf.String(), "\r\x1b[Khello\n") || !strings.Contains(buf.String(), "done a1x → b1x") {
		t.Errorf("terminal output %q", buf.String())
	}
}
