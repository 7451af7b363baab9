package datamove

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/amplify-migrate/amplify-migrate/datamove/ddblocal"
)

// buildMigrate builds the real binary once per test binary.
func buildMigrate(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	bin := filepath.Join(t.TempDir(), "migrate")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/migrate")
	cmd.Dir = filepath.Join(filepath.Dir(file), "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestRealResumeAfterSIGKILL kills the real binary mid-copy with SIGKILL
// and checks that running the same command again finishes the copy from
// the checkpoint, without losing or rescanning everything.
func TestRealResumeAfterSIGKILL(t *testing.T) {
	src, dst := requireLocal(t)
	bin := buildMigrate(t)
	s, d := uniqueName("Resume-gen1-dev"), uniqueName("Resume-gen2-NONE")
	makeTables(t, src, dst, s, d)
	const n = 6000
	seed(t, src.Client(), s, n, amplifyItem)
	dir := t.TempDir()
	cp := filepath.Join(dir, "copy.json")
	args := []string{"data", "--table", s + "=" + d, "--source-endpoint", src.Endpoint, "--target-endpoint", dst.Endpoint,
		"--checkpoint", cp, "--segments", "4", "--dead-letter", filepath.Join(dir, "dl.jsonl"), "--keep-deleted"}
	run := func(extra ...string) *exec.Cmd {
		cmd := exec.Command(bin, append(append([]string{}, args...), extra...)...)
		cmd.Env = append(os.Environ(), ddblocal.Env...)
		cmd.Dir = dir
		return cmd
	}

	// First run: slowed by a write limit so that it can be killed mid-way.
	first := run("--max-wcu", "1500")
	var out1 bytes.Buffer
	first.Stdout, first.Stderr = &out1, &out1
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- first.Wait() }()
	deadline := time.Now().Add(60 * time.Second)
	var scanned int64
	for scanned < n/5 {
		select {
		case err := <-exited:
			t.Fatalf("first run ended before it could be killed: %v\n%s", err, out1.String())
		default:
		}
		if time.Now().After(deadline) {
			first.Process.Kill()
			t.Fatalf("no checkpoint progress within 60s:\n%s", out1.String())
		}
		time.Sleep(50 * time.Millisecond)
		scanned = checkpointScanned(t, cp)
	}
	if err := first.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-exited
	killedAt := checkpointScanned(t, cp)
	if killedAt >= n {
		t.Fatalf("the copy finished before the kill (%d scanned)", killedAt)
	}

	// Same command again: resumes, finishes, verifies.
	second := run("--verify")
	out2, err := second.CombinedOutput()
	if err != nil {
		t.Fatalf("second run: %v\n%s", err, out2)
	}
	text := string(out2)
	if !strings.Contains(text, "resuming") || !strings.Contains(text, "verified: 6,000 items on both sides") {
		t.Errorf("second run output:\n%s", text)
	}
	var f checkpointFile
	data, _ := os.ReadFile(cp)
	if err := json.Unmarshal(data, &f); err != nil || !f.Tables[0].Done {
		t.Fatalf("checkpoint not marked done: %v\n%s", err, data)
	}
	var total Counts
	for _, sg := range f.Tables[0].Segments {
		total.add(sg.Counts)
	}
	// Pages in flight when killed are copied again (puts are idempotent), so
	// the runs together scan a little more than n, but far less than 2n.
	if total.Scanned < n || total.Scanned > n+killedAt {
		t.Errorf("checkpoint totals %+v after kill at %d", total, killedAt)
	}
	if got := len(scanItems(t, dst.Client(), d)); got != n {
		t.Errorf("target has %d items, want %d", got, n)
	}
	t.Logf("killed after %d of %d items; second run:\n%s", killedAt, n, text)
}

func checkpointScanned(t *testing.T, path string) int64 {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	var f checkpointFile
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatalf("checkpoint is not valid JSON (torn write?): %v\n%s", err, data)
	}
	var n int64
	for _, tc := range f.Tables {
		for _, s := range tc.Segments {
			n += s.Scanned
		}
	}
	return n
}
