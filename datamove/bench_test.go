package datamove

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// BenchmarkCopy seeds Amplify-shaped items (about 400 bytes, with a GSI on
// the target as Gen 2 tables have) into one DynamoDB Local, copies them into
// another, and measures in the same run the target's raw ceiling: the same
// number of pre-built items written with parallel BatchWriteItem and no
// reads. MIGRATE_BENCH_ITEMS sets the item count (default 100000).
//
//	make bench-data
//	MIGRATE_BENCH_ITEMS=1000000 MIGRATE_DDB_HEAP=8g make bench-data
func BenchmarkCopy(b *testing.B) {
	src, dst := requireLocal(b)
	n := 100_000
	if v := os.Getenv("MIGRATE_BENCH_ITEMS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			b.Fatalf("MIGRATE_BENCH_ITEMS: %v", err)
		}
	}
	segments, writers := 8, 0
	if v := os.Getenv("MIGRATE_BENCH_SEGMENTS"); v != "" {
		segments, _ = strconv.Atoi(v)
	}
	if v := os.Getenv("MIGRATE_BENCH_WRITERS"); v != "" {
		writers, _ = strconv.Atoi(v)
	}
	o := Options{Segments: segments, Writers: writers}
	o.defaults()
	ctx := context.Background()
	for range b.N {
		s, d, c, c2 := uniqueName("Bench-gen1-dev"), uniqueName("Bench-gen2-NONE"), uniqueName("Ceiling-gen2-NONE"), uniqueName("Ceiling2-gen2-NONE")
		makeTables(b, src, dst, s, d)
		makeTables(b, src, dst, uniqueName("unused"), c)
		makeTables(b, src, dst, uniqueName("unused"), c2)
		t0 := time.Now()
		seed(b, src.Client(), s, n, amplifyItem)
		b.Logf("seeded %d items in %s", n, time.Since(t0).Round(time.Millisecond))

		// Warm both JVMs up (JIT, SQLite caches): DynamoDB Local keeps
		// getting faster for its first 100,000 or so operations.
		warm := min(n, 50000)
		w1, w2 := uniqueName("Warm-a"), uniqueName("Warm-b")
		makeTables(b, src, dst, w1, w2)
		if err := scanAll(ctx, &o, src.Client(), s, nil, func(Item, int) {}, false); err != nil {
			b.Fatal(err)
		}

		// The ceiling: pre-built items, parallel BatchWriteItem, no reads.
		ceiling := func(table string, n int) (time.Duration, time.Duration) {
			batches := make([][]types.WriteRequest, 0, n/25+1)
			var cur []types.WriteRequest
			for i := range n {
				cur = append(cur, types.WriteRequest{PutRequest: &types.PutRequest{Item: amplifyItem(i)}})
				if len(cur) == 25 {
					batches = append(batches, cur)
					cur = nil
				}
			}
			if len(cur) > 0 {
				batches = append(batches, cur)
			}
			runtime.GC()
			var next atomic.Int64
			var wg sync.WaitGroup
			var werr atomic.Value
			cpu0 := dst.CPUTime()
			cstart := time.Now()
			for range o.Writers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for {
						i := int(next.Add(1)) - 1
						if i >= len(batches) {
							return
						}
						if err := writeAll(ctx, dst.Client(), table, batches[i]); err != nil {
							werr.Store(err)
							return
						}
					}
				}()
			}
			wg.Wait()
			dur := time.Since(cstart)
			if err := werr.Load(); err != nil {
				b.Fatalf("ceiling: %v", err)
			}
			cpu := dst.CPUTime() - cpu0
			fmt.Fprintf(os.Stderr, "ceiling into %s: %.0f items/s; target JVM CPU %.1f ms per 1000 items\n", table, float64(n)/dur.Seconds(), perK(cpu, n))
			return dur, cpu
		}
		ceiling(w2, warm)
		ceilA, cpuA := ceiling(c, n)

		b.ResetTimer()
		// The copy, with heap and RSS peaks sampled while it runs.
		debug.FreeOSMemory() // the ceiling's items must not count in the copier's RSS
		resetPeakRSS()
		base := heapBytes()
		stop := sampleHeap()
		srcCPU0, dstCPU0, selfCPU0 := src.CPUTime(), dst.CPUTime(), selfCPU()
		start := time.Now()
		res, err := Copy(ctx, &Plan{Tables: []TablePair{{Source: s, Target: d}}}, Options{Source: src.Client(), Target: dst.Client(), Segments: o.Segments, Writers: o.Writers})
		copyDur := time.Since(start)
		srcCPU, dstCPU, ownCPU := src.CPUTime()-srcCPU0, dst.CPUTime()-dstCPU0, selfCPU()-selfCPU0
		fmt.Fprintf(os.Stderr, "copy: %.0f items/s; CPU per 1000 items: source JVM %.1f ms, target JVM %.1f ms, copier %.1f ms\n", float64(n)/copyDur.Seconds(), perK(srcCPU, n), perK(dstCPU, n), perK(ownCPU, n))
		peakHeap := stop()
		peakRSS := peakRSSBytes()
		if err != nil || res.Tables[0].Err != nil || !res.OK() {
			b.Fatalf("copy: %v %v", err, res.Tables[0].Err)
		}
		if w := res.Tables[0].Run.Written; w != int64(n) {
			b.Fatalf("copied %d of %d", w, n)
		}

		// The ceiling is measured before and after the copy (the target
		// still speeds up as it warms); the copy is compared with their mean.
		ceilB, cpuB := ceiling(c2, n)
		copyRate := float64(n) / copyDur.Seconds()
		ceilRate := (float64(n)/ceilA.Seconds() + float64(n)/ceilB.Seconds()) / 2
		bestRate := float64(n) / min(ceilA, ceilB).Seconds()
		// Load-independent: target JVM CPU per item, raw writes vs the copy.
		cpuEff := float64(cpuA+cpuB) / 2 / float64(dstCPU)
		b.ReportMetric(copyRate, "copy-items/s")
		b.ReportMetric(ceilRate, "ceiling-items/s")
		b.ReportMetric(copyRate/ceilRate, "ratio")
		b.ReportMetric(copyRate/bestRate, "ratio-vs-best")
		b.ReportMetric(cpuEff, "target-cpu-efficiency")
		b.ReportMetric(float64(peakHeap-base)/(1<<20), "peak-heap-MB")
		b.ReportMetric(float64(peakRSS)/(1<<20), "peak-RSS-MB")
		fmt.Fprintf(os.Stderr, "BenchmarkCopy: %d items, %d segments, %d writers: copy %.0f items/s (%s), ceiling %.0f items/s (mean of %s and %s), ratio %.2f (%.2f vs the best ceiling; target CPU efficiency %.2f); copier peak heap %.1f MB above %.1f MB baseline, peak RSS %.1f MB\n",
			n, o.Segments, o.Writers, copyRate, copyDur.Round(time.Millisecond), ceilRate, ceilA.Round(time.Millisecond), ceilB.Round(time.Millisecond), copyRate/ceilRate, copyRate/bestRate, cpuEff,
			float64(peakHeap-base)/(1<<20), float64(base)/(1<<20), float64(peakRSS)/(1<<20))
	}
}

// heapBytes is the live heap (objects) now.
func heapBytes() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// sampleHeap samples the heap every 10 ms until the returned function is
// called, which gives the peak.
func sampleHeap() func() uint64 {
	var peak atomic.Uint64
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			if h := heapBytes(); h > peak.Load() {
				peak.Store(h)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-finished
		return peak.Load()
	}
}

// resetPeakRSS resets the kernel's high-water mark of the process's RSS.
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSSBytes is VmHWM from /proc/self/status.
func peakRSSBytes() uint64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb * 1024
		}
	}
	return 0
}

func perK(d time.Duration, n int) float64 { return float64(d.Milliseconds()) * 1000 / float64(n) }

// selfCPU is the CPU time this process has used.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
