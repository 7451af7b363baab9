package datamove

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
)

func S(s string) types.AttributeValue { return &types.AttributeValueMemberS{Value: s} }
func N(s string) types.AttributeValue { return &types.AttributeValueMemberN{Value: s} }

var fastRetry = RetryPolicy{MaxAttempts: 6, Base: time.Microsecond, Max: time.Millisecond}

func seedFake(db *fakeDB, table string, n int) {
	for i := range n {
		it := Item{"id": S(fmt.Sprintf("item-%05d", i)), "__typename": S("Todo"), "n": N(fmt.Sprint(i)),
			"tags": &types.AttributeValueMemberSS{Value: []string{"a", fmt.Sprint(i)}}}
		if i%10 == 3 {
			it["_deleted"] = &types.AttributeValueMemberBOOL{Value: true}
		}
		db.put(table, it)
	}
}

func digestOf(t *testing.T, items map[string]Item, tf *Transform) *Digest {
	t.Helper()
	d := &Digest{}
	tt := tf.forTable("", "")
	for _, it := range items {
		it = copyItem(it)
		if oc, _ := tt.apply(it); oc == skipTombstone {
			continue
		}
		d.Add(it, []string{"id"})
	}
	return d
}

func TestCopyUnderFaultsLosesNothing(t *testing.T) {
	src := newFakeDB("src")
	seedFake(src, "src", 1000)
	dst := newFakeDB("dst")
	var throttles, unprocessed atomic.Int64
	// Each batch (named by its first item) meets a few faults, then goes
	// through: every path is taken, and no batch is starved by bad luck.
	var mu sync.Mutex
	attempts := map[string]int{}
	dst.beforeWrite = func(call int, reqs []types.WriteRequest) ([]int, error) {
		id := reqs[0].PutRequest.Item["id"].(*types.AttributeValueMemberS).Value
		mu.Lock()
		attempts[id]++
		a := attempts[id]
		mu.Unlock()
		switch (a + len(id) + int(id[len(id)-1])) % 6 {
		case 0:
			if a > 4 {
				return nil, nil
			}
			throttles.Add(1)
			return nil, &smithy.GenericAPIError{Code: "ProvisionedThroughputExceededException", Message: "slow down"}
		case 1:
			if a > 4 {
				return nil, nil
			}
			return nil, &smithy.GenericAPIError{Code: "InternalServerError", Message: "boom"}
		case 2:
			if a > 4 {
				return nil, nil
			}
			return nil, errDropped
		case 3:
			// Half the batch comes back unprocessed.
			var idx []int
			for i := range reqs {
				if i%2 == 1 || len(reqs) == 1 && a < 3 {
					idx = append(idx, i)
				}
			}
			unprocessed.Add(int64(len(idx)))
			return idx, nil
		}
		return nil, nil
	}
	src.beforeScan = func(call int) error {
		if call%9 == 0 {
			return &smithy.GenericAPIError{Code: "ThrottlingException", Message: "scan throttled"}
		}
		return nil
	}
	plan := &Plan{Tables: []TablePair{{Source: "src", Target: "dst"}}}
	res, err := Copy(context.Background(), plan, Options{Source: src, Target: dst, Segments: 4, Writers: 6, Retry: fastRetry, Verify: true})
	if err != nil {
		t.Fatal(err)
	}
	tr := res.Tables[0]
	if tr.Err != nil || !res.OK() {
		t.Fatalf("copy failed: %v (dead-lettered %d)", tr.Err, res.DeadLettered)
	}
	if tr.Run.Written != 900 || tr.Run.Skipped != 100 || tr.Run.Scanned != 1000 {
		t.Errorf("counts = %+v, want 900 written, 100 skipped, 1000 scanned", tr.Run)
	}
	if got := len(dst.items("dst")); got != 900 {
		t.Errorf("target has %d items, want 900", got)
	}
	if throttles.Load() == 0 || unprocessed.Load() == 0 || tr.Retries == 0 {
		t.Errorf("faults were not exercised: throttles %d unprocessed %d retries %d", throttles.Load(), unprocessed.Load(), tr.Retries)
	}
	if !tr.Verify.Match || tr.Verify.Source.Count() != 900 {
		t.Errorf("verify = %+v", tr.Verify)
	}
	want := digestOf(t, src.items("src"), &Transform{})
	got := digestOf(t, dst.items("dst"), &Transform{KeepDeleted: true})
	if want.Sum() != got.Sum() {
		t.Errorf("digest %s != %s", got.Sum(), want.Sum())
	}
}

func TestPoisonItemIsDeadLetteredAlone(t *testing.T) {
	src := newFakeDB("src")
	seedFake(src, "src", 60)
	src.tables["src"]["item-00007"]["poison"] = S("x")
	dst := newFakeDB("dst")
	dlPath := filepath.Join(t.TempDir(), "dl.jsonl")
	dl := NewDeadLetter(dlPath)
	plan := &Plan{Tables: []TablePair{{Source: "src", Target: "dst"}}}
	res, err := Copy(context.Background(), plan, Options{Source: src, Target: dst, Segments: 1, Retry: fastRetry, DeadLetter: dl, Transform: &Transform{KeepDeleted: true}})
	if err != nil {
		t.Fatal(err)
	}
	if res.OK() || res.DeadLettered != 1 {
		t.Fatalf("OK=%v dead-lettered=%d, want one dead-lettered item", res.OK(), res.DeadLettered)
	}
	if got := len(dst.items("dst")); got != 59 {
		t.Errorf("target has %d items, want 59", got)
	}
	entries, err := ReadDeadLetter(dlPath)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Item["id"].(*types.AttributeValueMemberS).Value != "item-00007" ||
		!strings.Contains(entries[0].Reason, "poison") || entries[0].Source != "src" || entries[0].Target != "dst" {
		t.Errorf("dead letter = %+v", entries)
	}
}

func TestSustainedThrottlingDeadLettersAfterBoundedRetries(t *testing.T) {
	src := newFakeDB("src")
	seedFake(src, "src", 30)
	dst := newFakeDB("dst")
	dst.beforeWrite = func(call int, reqs []types.WriteRequest) ([]int, error) {
		// Everything but the first item of each call stays unprocessed.
		var idx []int
		for i := range reqs {
			if i > 0 || call > 4 {
				idx = append(idx, i)
			}
		}
		return idx, nil
	}
	dl := NewDeadLetter(filepath.Join(t.TempDir(), "dl.jsonl"))
	plan := &Plan{Tables: []TablePair{{Source: "src", Target: "dst"}}}
	res, err := Copy(context.Background(), plan, Options{Source: src, Target: dst, Segments: 1, Writers: 1, Retry: fastRetry, DeadLetter: dl, Transform: &Transform{KeepDeleted: true}})
	if err != nil {
		t.Fatal(err)
	}
	written := int64(len(dst.items("dst")))
	if written+res.DeadLettered != 30 {
		t.Fatalf("written %d + dead-lettered %d != 30: items lost", written, res.DeadLettered)
	}
	if res.DeadLettered == 0 || res.OK() {
		t.Fatalf("want dead-lettered items under sustained throttling")
	}
	rs := dl.Reasons()
	if len(rs) != 1 || !strings.Contains(rs[0].Reason, "UnprocessedItems") {
		t.Errorf("reasons = %+v", rs)
	}
}

func TestFatalErrorStopsAndResumeFinishes(t *testing.T) {
	src := newFakeDB("src")
	seedFake(src, "src", 500)
	dst := newFakeDB("dst")
	dst.beforeWrite = func(call int, reqs []types.WriteRequest) ([]int, error) {
		if call == 12 {
			return nil, &smithy.GenericAPIError{Code: "AccessDeniedException", Message: "not allowed"}
		}
		return nil, nil
	}
	cpPath := filepath.Join(t.TempDir(), "cp.json")
	plan := &Plan{Tables: []TablePair{{Source: "src", Target: "dst"}}}
	tf := &Transform{KeepDeleted: true}
	cp, err := OpenCheckpoint(cpPath, plan, 3, tf)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Copy(context.Background(), plan, Options{Source: src, Target: dst, Segments: 3, Writers: 2, Retry: fastRetry, Checkpoint: cp, Transform: tf})
	if err != nil {
		t.Fatal(err)
	}
	if res.Tables[0].Err == nil || !strings.Contains(res.Tables[0].Err.Error(), "AccessDenied") {
		t.Fatalf("want the access error, got %v", res.Tables[0].Err)
	}
	first := res.Tables[0].Total.Scanned
	if first == 0 || first >= 500 {
		t.Fatalf("checkpoint after failure records %d scanned, want some progress", first)
	}
	// Resume: a fresh process reads the checkpoint file.
	dst.beforeWrite = nil
	cp2, err := OpenCheckpoint(cpPath, plan, 3, tf)
	if err != nil {
		t.Fatal(err)
	}
	res2, err := Copy(context.Background(), plan, Options{Source: src, Target: dst, Segments: 3, Retry: fastRetry, Checkpoint: cp2, Transform: tf})
	if err != nil || res2.Tables[0].Err != nil {
		t.Fatal(err, res2.Tables[0].Err)
	}
	if !res2.Tables[0].Resumed || res2.Tables[0].Run.Scanned >= 500 || res2.Tables[0].Total.Scanned != 500 {
		t.Errorf("resume: run %+v total %+v", res2.Tables[0].Run, res2.Tables[0].Total)
	}
	if got := len(dst.items("dst")); got != 500 {
		t.Errorf("target has %d items, want 500", got)
	}
	// A third run finds the table done.
	cp3, _ := OpenCheckpoint(cpPath, plan, 3, tf)
	res3, _ := Copy(context.Background(), plan, Options{Source: src, Target: dst, Segments: 3, Checkpoint: cp3, Transform: tf})
	if !res3.Tables[0].AlreadyDone {
		t.Errorf("third run should find the table done")
	}
}

func TestCheckpointRefusesAnotherPlan(t *testing.T) {
	cpPath := filepath.Join(t.TempDir(), "cp.json")
	plan := &Plan{Tables: []TablePair{{Source: "src", Target: "dst"}}}
	if _, err := OpenCheckpoint(cpPath, plan, 4, &Transform{}); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		plan *Plan
		segs int
		tf   *Transform
		want string
	}{
		{plan, 8, &Transform{}, "--segments 4"},
		{&Plan{Tables: []TablePair{{Source: "src", Target: "other"}}}, 4, &Transform{}, "src→dst"},
		{plan, 4, &Transform{StripDataStore: true}, "transform"},
	}
	for _, c := range cases {
		_, err := OpenCheckpoint(cpPath, c.plan, c.segs, c.tf)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "different copy") {
			t.Errorf("want refusal mentioning %q, got %v", c.want, err)
		}
	}
	if err := os.WriteFile(cpPath, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenCheckpoint(cpPath, plan, 4, &Transform{}); err == nil || !strings.Contains(err.Error(), "not a migrate data checkpoint") {
		t.Errorf("corrupt checkpoint: %v", err)
	}
}

func TestDryRunWritesNothing(t *testing.T) {
	src := newFakeDB("src")
	seedFake(src, "src", 100)
	src.tables["src"]["item-00001"]["big"] = S(strings.Repeat("x", MaxItemSize))
	dst := newFakeDB("dst")
	dl := NewDeadLetter("")
	plan := &Plan{Tables: []TablePair{{Source: "src", Target: "dst"}}}
	res, err := Copy(context.Background(), plan, Options{Source: src, Target: dst, DryRun: true, DeadLetter: dl})
	if err != nil {
		t.Fatal(err)
	}
	if dst.writeCalls != 0 || len(dst.items("dst")) != 0 {
		t.Fatalf("dry run wrote %d batches", dst.writeCalls)
	}
	tr := res.Tables[0]
	if tr.Run.Written != 89 || tr.Run.Skipped != 10 || tr.Run.DeadLettered != 1 {
		t.Errorf("dry run counts %+v, want 89 would-write, 10 skipped, 1 too big", tr.Run)
	}
	if rs := dl.Reasons(); len(rs) != 1 || !strings.Contains(rs[0].Reason, "400 KB") {
		t.Errorf("reasons %+v", rs)
	}
}

func TestVerifyNamesDifferences(t *testing.T) {
	src := newFakeDB("src")
	seedFake(src, "src", 50)
	dst := newFakeDB("dst")
	for k, v := range src.items("src") {
		dst.tables["dst"][k] = copyItem(v)
	}
	delete(dst.tables["dst"], "item-00004")
	dst.tables["dst"]["item-00005"]["n"] = N("55")
	dst.tables["dst"]["extra"] = Item{"id": S("extra")}
	o := &Options{Source: src, Target: dst, Transform: &Transform{KeepDeleted: true}}
	v, err := VerifyTable(context.Background(), TablePair{Source: "src", Target: "dst"}, o)
	if err != nil {
		t.Fatal(err)
	}
	if v.Match {
		t.Fatal("want a mismatch")
	}
	joined := strings.Join(v.Examples, "\n")
	for _, want := range []string{`missing in target: {"id":{"S":"item-00004"}}`, `different in target: {"id":{"S":"item-00005"}}`, `only in target: {"id":{"S":"extra"}}`} {
		if !strings.Contains(joined, want) {
			t.Errorf("examples lack %q:\n%s", want, joined)
		}
	}
}

func TestRateLimitFromTargetCapacity(t *testing.T) {
	src := newFakeDB("src")
	seedFake(src, "src", 40)
	dst := newFakeDB("dst")
	dst.wcu = 100
	dst.gsis = 1
	plan := &Plan{Tables: []TablePair{{Source: "src", Target: "dst"}}}
	res, err := Copy(context.Background(), plan, Options{Source: src, Target: dst, MaxWCUShare: 0.5, Transform: &Transform{KeepDeleted: true}})
	if err != nil || res.Tables[0].Err != nil {
		t.Fatal(err, res.Tables[0].Err)
	}
	if got := res.Tables[0].WCULimit; got != 50 {
		t.Errorf("limit = %v, want 50 (half of 100 WCU)", got)
	}
	if res.Tables[0].Run.Written != 40 {
		t.Errorf("written %d", res.Tables[0].Run.Written)
	}
	// An on-demand table without a maximum cannot give a share.
	dst.wcu = 0
	res, _ = Copy(context.Background(), plan, Options{Source: src, Target: dst, MaxWCUShare: 0.5})
	if res.Tables[0].Err == nil || !strings.Contains(res.Tables[0].Err.Error(), "--max-wcu") {
		t.Errorf("want an error asking for --max-wcu, got %v", res.Tables[0].Err)
	}
}

func TestMissingTargetTableIsClear(t *testing.T) {
	src := newFakeDB("src")
	dst := newFakeDB()
	res, _ := Copy(context.Background(), &Plan{Tables: []TablePair{{Source: "src", Target: "nope"}}}, Options{Source: src, Target: dst})
	if err := res.Tables[0].Err; err == nil || !strings.Contains(err.Error(), "target table nope") || !strings.Contains(err.Error(), "no such table") {
		t.Errorf("got %v", err)
	}
}

func TestClassify(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		err  error
		want errKind
	}{
		{&smithy.GenericAPIError{Code: "ProvisionedThroughputExceededException"}, errThrottle},
		{&smithy.GenericAPIError{Code: "ThrottlingException"}, errThrottle},
		{&smithy.GenericAPIError{Code: "ValidationException"}, errInvalid},
		{&smithy.GenericAPIError{Code: "InternalServerError"}, errRetry},
		{&smithy.GenericAPIError{Code: "AccessDeniedException"}, errFatal},
		{&types.ResourceNotFoundException{Message: aws.String("x")}, errFatal},
		{errDropped, errRetry},
		{fmt.Errorf("unexpected EOF"), errRetry},
		{context.Canceled, errFatal},
	}
	for _, c := range cases {
		if got := classify(ctx, c.err); got != c.want {
			t.Errorf("classify(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}
