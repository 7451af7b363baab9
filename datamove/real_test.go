package datamove

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/amplify-migrate/amplify-migrate/datamove/ddblocal"
	"github.com/amplify-migrate/amplify-migrate/datamove/faultproxy"
)

// Two DynamoDB Local instances stand for the Gen 1 and the Gen 2 backend.
// They start on first use and stop when the test binary ends.
var (
	localOnce sync.Once
	localErr  error
	locals    [2]*ddblocal.Instance
)

func TestMain(m *testing.M) {
	code := m.Run()
	for _, in := range locals {
		in.Stop()
	}
	os.Exit(code)
}

// requireLocal returns the source and target instances, skipping unless
// MIGRATE_REAL_TESTS=1 and failing when Java or the jar is missing.
func requireLocal(tb testing.TB) (src, dst *ddblocal.Instance) {
	tb.Helper()
	if !ddblocal.Enabled() {
		tb.Skip("real-component test: run with MIGRATE_REAL_TESTS=1 (make test)")
	}
	localOnce.Do(func() {
		heap := os.Getenv("MIGRATE_DDB_HEAP")
		if heap == "" {
			heap = "1g"
		}
		var wg sync.WaitGroup
		var errs [2]error
		for i := range locals {
			wg.Add(1)
			go func() { defer wg.Done(); locals[i], errs[i] = ddblocal.Start(heap) }()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				localErr = err
			}
		}
	})
	if localErr != nil {
		tb.Fatalf("DynamoDB Local: %v", localErr)
	}
	return locals[0], locals[1]
}

var tableSeq struct {
	sync.Mutex
	n int
}

// uniqueName gives each test its own tables in the shared instances.
func uniqueName(prefix string) string {
	tableSeq.Lock()
	defer tableSeq.Unlock()
	tableSeq.n++
	return fmt.Sprintf("%s-%d-%d", prefix, time.Now().UnixNano()%1e6, tableSeq.n)
}

// amplifyItem is a record as an Amplify Gen 1 API with DataStore stores it
// (about 400 bytes).
func amplifyItem(i int) Item {
	id := fmt.Sprintf("%08x-1b2c-4d5e-8f90-%012x", i*2654435761%(1<<32), i)
	created := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute).Format("2006-01-02T15:04:05.000Z")
	return Item{
		"id":             S(id),
		"__typename":     S("Todo"),
		"name":           S(fmt.Sprintf("Buy groceries for the week number %d", i)),
		"description":    S("Milk, eggs, bread, coffee beans, apples, and something for dinner on Friday night."),
		"priority":       N(fmt.Sprint(i % 5)),
		"estimate":       N(fmt.Sprintf("%d.25", i%100)),
		"tags":           &types.AttributeValueMemberSS{Value: []string{"home", "errand", fmt.Sprintf("w%d", i%52)}},
		"location":       &types.AttributeValueMemberM{Value: Item{"lat": N("47.6062"), "lng": N("-122.3321"), "label": S("Seattle")}},
		"owner":          S(fmt.Sprintf("%08x-aaaa-bbbb-cccc-dddddddddddd::user%d", i%97, i%97)),
		"todoListId":     S(fmt.Sprintf("list-%04d", i%1000)),
		"createdAt":      S(created),
		"updatedAt":      S(created),
		"_version":       N(fmt.Sprint(1 + i%3)),
		"_lastChangedAt": N(fmt.Sprint(1672531200000 + int64(i)*60000)),
	}
}

// seed writes items with parallel BatchWriteItem calls.
func seed(tb testing.TB, c DynamoDB, table string, n int, gen func(int) Item) {
	tb.Helper()
	ctx := context.Background()
	var wg sync.WaitGroup
	errc := make(chan error, 16)
	batches := make(chan []types.WriteRequest, 16)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range batches {
				if err := writeAll(ctx, c, table, b); err != nil {
					select {
					case errc <- err:
					default:
					}
				}
			}
		}()
	}
	var b []types.WriteRequest
	for i := range n {
		b = append(b, types.WriteRequest{PutRequest: &types.PutRequest{Item: gen(i)}})
		if len(b) == 25 {
			batches <- b
			b = nil
		}
	}
	if len(b) > 0 {
		batches <- b
	}
	close(batches)
	wg.Wait()
	select {
	case err := <-errc:
		tb.Fatalf("seeding %s: %v", table, err)
	default:
	}
}

// writeAll writes a batch, resending unprocessed items (test helper: the
// emulator never throttles).
func writeAll(ctx context.Context, c DynamoDB, table string, reqs []types.WriteRequest) error {
	for len(reqs) > 0 {
		out, err := c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{table: reqs}})
		if err != nil {
			return err
		}
		reqs = out.UnprocessedItems[table]
	}
	return nil
}

func makeTables(tb testing.TB, src, dst *ddblocal.Instance, srcName, dstName string) {
	tb.Helper()
	ctx := context.Background()
	gsi := map[string]string{"byList": "todoListId"}
	if err := ddblocal.CreateTable(ctx, src.Client(), srcName, "id", "", gsi); err != nil {
		tb.Fatal(err)
	}
	if err := ddblocal.CreateTable(ctx, dst.Client(), dstName, "id", "", gsi); err != nil {
		tb.Fatal(err)
	}
}

// scanItems reads a whole table into a map by id.
func scanItems(tb testing.TB, c DynamoDB, table string) map[string]Item {
	tb.Helper()
	out := map[string]Item{}
	var lek Item
	for {
		res, err := c.Scan(context.Background(), &dynamodb.ScanInput{TableName: aws.String(table), ExclusiveStartKey: lek})
		if err != nil {
			tb.Fatal(err)
		}
		for _, it := range res.Items {
			out[it["id"].(*types.AttributeValueMemberS).Value] = it
		}
		if len(res.LastEvaluatedKey) == 0 {
			return out
		}
		lek = res.LastEvaluatedKey
	}
}

func TestRealFullCopyWithVerify(t *testing.T) {
	src, dst := requireLocal(t)
	s, d := uniqueName("Todo-gen1-dev"), uniqueName("Todo-gen2-NONE")
	makeTables(t, src, dst, s, d)
	const n = 3000
	seed(t, src.Client(), s, n, amplifyItem)
	plan := &Plan{Tables: []TablePair{{Source: s, Target: d}}}
	res, err := Copy(context.Background(), plan, Options{Source: src.Client(), Target: dst.Client(), Segments: 4, Verify: true})
	if err != nil {
		t.Fatal(err)
	}
	tr := res.Tables[0]
	if tr.Err != nil || !res.OK() {
		t.Fatalf("copy: %v", tr.Err)
	}
	if tr.Run.Written != n || !tr.Verify.Match || tr.Verify.Target.Count() != n {
		t.Fatalf("written %d, verify %+v", tr.Run.Written, tr.Verify)
	}
	// Independently of our digest: every item is identical.
	want, got := scanItems(t, src.Client(), s), scanItems(t, dst.Client(), d)
	if len(got) != n {
		t.Fatalf("target has %d items", len(got))
	}
	for id, it := range want {
		a, _ := MarshalItemJSON(it)
		b, _ := MarshalItemJSON(got[id])
		if string(a) != string(b) {
			t.Fatalf("item %s differs:\n%s\n%s", id, a, b)
		}
	}
	// An item changed behind our back makes verification fail and name it.
	bad := amplifyItem(7)
	bad["name"] = S("changed")
	if err := writeAll(context.Background(), dst.Client(), d, []types.WriteRequest{{PutRequest: &types.PutRequest{Item: bad}}}); err != nil {
		t.Fatal(err)
	}
	o := &Options{Source: src.Client(), Target: dst.Client()}
	v, err := VerifyTable(context.Background(), plan.Tables[0], o)
	if err != nil {
		t.Fatal(err)
	}
	if v.Match || len(v.Examples) != 1 || !strings.Contains(v.Examples[0], bad["id"].(*types.AttributeValueMemberS).Value) {
		t.Errorf("verify after tampering: match=%v examples=%v", v.Match, v.Examples)
	}
}

func TestRealAttributeTypesSurviveExactly(t *testing.T) {
	src, dst := requireLocal(t)
	s, d := uniqueName("Types-gen1-dev"), uniqueName("Types-gen2-NONE")
	makeTables(t, src, dst, s, d)
	items := []Item{
		allTypesItem(),
		{"id": S("numbers"), "big": N("99999999999999999999999999999999999999"), "neg": N("-0.00000000000000000000000000000000000001"),
			"exp": N("9.9999999999999999999999999999999999999E+125"), "tiny": N("1E-130"),
			"ns":     &types.AttributeValueMemberNS{Value: []string{"12345678901234567890123456789012345678", "0.5", "-7"}},
			"nested": &types.AttributeValueMemberM{Value: Item{"n": N("007"), "l": &types.AttributeValueMemberL{Value: []types.AttributeValue{N("1.50"), N("12345678901234567890123456789012345678")}}}}},
		{"id": S("binary"), "b": &types.AttributeValueMemberB{Value: []byte{0, 0xff, 0x80, 0x0a}},
			"bs": &types.AttributeValueMemberBS{Value: [][]byte{{0}, {0xff, 0xfe}, []byte("text")}},
			"deep": &types.AttributeValueMemberM{Value: Item{"a": &types.AttributeValueMemberM{Value: Item{"b": &types.AttributeValueMemberM{Value: Item{
				"c": &types.AttributeValueMemberL{Value: []types.AttributeValue{&types.AttributeValueMemberB{Value: []byte{1, 2}}, &types.AttributeValueMemberNULL{Value: true}, &types.AttributeValueMemberBOOL{Value: false}}}}}}}}},
			"unicode": S("日本語 🎉 \u0000 nul")},
	}
	items[0]["todoListId"] = S("x")
	var reqs []types.WriteRequest
	for _, it := range items {
		reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: it}})
	}
	if err := writeAll(context.Background(), src.Client(), s, reqs); err != nil {
		t.Fatal(err)
	}
	plan := &Plan{Tables: []TablePair{{Source: s, Target: d}}}
	res, err := Copy(context.Background(), plan, Options{Source: src.Client(), Target: dst.Client(), Segments: 2, Verify: true})
	if err != nil || res.Tables[0].Err != nil || !res.OK() {
		t.Fatalf("copy: %v %v", err, res.Tables[0].Err)
	}
	want, got := scanItems(t, src.Client(), s), scanItems(t, dst.Client(), d)
	for id, it := range want {
		a, _ := MarshalItemJSON(it)
		b, _ := MarshalItemJSON(got[id])
		if string(a) != string(b) {
			t.Errorf("item %s differs:\nsource %s\ntarget %s", id, a, b)
		}
	}
	num := got["numbers"]
	if v := num["big"].(*types.AttributeValueMemberN).Value; v != "99999999999999999999999999999999999999" {
		t.Errorf("38-digit number became %s", v)
	}
}

func TestRealTransforms(t *testing.T) {
	src, dst := requireLocal(t)
	s, d := uniqueName("Comment-gen1-dev"), uniqueName("Comment-gen2-NONE")
	makeTables(t, src, dst, s, d)
	gen := func(i int) Item {
		it := amplifyItem(i)
		it["postCommentsId"] = S(fmt.Sprintf("post-%d", i%10))
		it["owner"] = S(fmt.Sprintf("old-sub-%d::user%d", i%3, i%3))
		it["editors"] = &types.AttributeValueMemberL{Value: []types.AttributeValue{S(fmt.Sprintf("old-sub-%d", (i+1)%3))}}
		it["_ttl"] = N("1700000000")
		if i%5 == 0 {
			it["_deleted"] = &types.AttributeValueMemberBOOL{Value: true}
		}
		return it
	}
	seed(t, src.Client(), s, 200, gen)
	tf := &Transform{
		StripDataStore: true,
		Renames:        []Rename{{Scope: "Comment", Old: "postCommentsId", New: "postId"}},
		Owners:         NewOwnerMap(map[string]string{"old-sub-0": "new-sub-0", "old-sub-1": "new-sub-1"}),
		OwnerFields:    []string{"owner", "editors"},
	}
	plan := &Plan{Tables: []TablePair{{Model: "Comment", Source: s, Target: d}}}
	res, err := Copy(context.Background(), plan, Options{Source: src.Client(), Target: dst.Client(), Segments: 3, Transform: tf, Verify: true})
	if err != nil || res.Tables[0].Err != nil || !res.OK() {
		t.Fatalf("copy: %v %v", err, res.Tables[0].Err)
	}
	tr := res.Tables[0]
	if tr.Run.Skipped != 40 || tr.Run.Written != 160 {
		t.Errorf("counts %+v, want 40 tombstones skipped and 160 written", tr.Run)
	}
	// 160 owners + 160 editors; subs 2 (old-sub-2) have no mapping.
	if tr.OwnersMapped+tr.OwnersUnmapped != 320 || tr.OwnersUnmapped == 0 {
		t.Errorf("owners mapped %d unmapped %d", tr.OwnersMapped, tr.OwnersUnmapped)
	}
	got := scanItems(t, dst.Client(), d)
	if len(got) != 160 {
		t.Fatalf("target has %d items", len(got))
	}
	for _, it := range got {
		for _, f := range []string{"_version", "_lastChangedAt", "_ttl", "_deleted", "postCommentsId"} {
			if _, ok := it[f]; ok {
				t.Fatalf("%s was not removed: %v", f, it)
			}
		}
		if _, ok := it["postId"]; !ok {
			t.Fatal("postId missing")
		}
		o := it["owner"].(*types.AttributeValueMemberS).Value
		if strings.HasPrefix(o, "old-sub-0") || strings.HasPrefix(o, "old-sub-1") || !(strings.HasPrefix(o, "new-sub-") || strings.HasPrefix(o, "old-sub-2::")) {
			t.Fatalf("owner %q not mapped", o)
		}
		if strings.Contains(o, "::") && !strings.HasSuffix(o, "::user"+o[len(o)-1:]) {
			t.Fatalf("owner %q lost its username", o)
		}
		if _, ok := it["createdAt"]; !ok || it["__typename"] == nil {
			t.Fatal("timestamps or __typename lost")
		}
	}
}

// faultRule injects every kind of fault at a steady rate.
func faultRule(op string, n int) faultproxy.Fault {
	switch op {
	case "BatchWriteItem":
		switch {
		case n%7 == 1:
			return faultproxy.Throttle
		case n%11 == 2:
			return faultproxy.ServerError
		case n%13 == 3:
			return faultproxy.DropBefore
		case n%17 == 4:
			return faultproxy.DropAfter
		case n%3 == 0:
			return faultproxy.Partial
		}
	case "Scan":
		switch {
		case n%5 == 2:
			return faultproxy.Throttle
		case n%7 == 3:
			return faultproxy.ServerError
		case n%11 == 4:
			return faultproxy.DropBefore
		case n%13 == 5:
			return faultproxy.DropAfter
		}
	case "DescribeTable":
		if n == 1 {
			return faultproxy.ServerError
		}
	}
	return faultproxy.None
}

func TestRealFaultsLoseNothing(t *testing.T) {
	src, dst := requireLocal(t)
	s, d := uniqueName("Fault-gen1-dev"), uniqueName("Fault-gen2-NONE")
	makeTables(t, src, dst, s, d)
	const n = 4000
	seed(t, src.Client(), s, n, amplifyItem)
	sp, err := faultproxy.Start(src.Endpoint, faultRule)
	if err != nil {
		t.Fatal(err)
	}
	defer sp.Close()
	dp, err := faultproxy.Start(dst.Endpoint, faultRule)
	if err != nil {
		t.Fatal(err)
	}
	defer dp.Close()
	plan := &Plan{Tables: []TablePair{{Source: s, Target: d}}}
	policy := RetryPolicy{MaxAttempts: 10, Base: time.Millisecond, Max: 50 * time.Millisecond}
	res, err := Copy(context.Background(), plan, Options{Source: ddblocal.ClientFor(sp.URL), Target: ddblocal.ClientFor(dp.URL),
		Segments: 4, Writers: 8, PageSize: 200, Retry: policy})
	if err != nil {
		t.Fatal(err)
	}
	tr := res.Tables[0]
	if tr.Err != nil || !res.OK() {
		t.Fatalf("copy under faults: %v, dead-lettered %d", tr.Err, res.DeadLettered)
	}
	for _, f := range []faultproxy.Fault{faultproxy.Throttle, faultproxy.ServerError, faultproxy.DropBefore, faultproxy.DropAfter, faultproxy.Partial} {
		if dp.Counts()[f] == 0 {
			t.Errorf("target fault %s never injected", f)
		}
		if f != faultproxy.Partial && sp.Counts()[f] == 0 {
			t.Errorf("source fault %s never injected", f)
		}
	}
	t.Logf("faults: source %v, target %v; retries %d, throttled %d", sp.Counts(), dp.Counts(), tr.Retries, tr.Throttles)
	// Verify directly against the instances, without the proxies.
	v, err := VerifyTable(context.Background(), plan.Tables[0], &Options{Source: src.Client(), Target: dst.Client()})
	if err != nil {
		t.Fatal(err)
	}
	if !v.Match || v.Target.Count() != n {
		t.Fatalf("after faults: source %d target %d items, examples %v", v.Source.Count(), v.Target.Count(), v.Examples)
	}
}
