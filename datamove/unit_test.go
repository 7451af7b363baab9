package datamove

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/appsync"
	atypes "github.com/aws/aws-sdk-go-v2/service/appsync/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func allTypesItem() Item {
	return Item{
		"id":     S("a"),
		"s":      S("héllo \"q\" \n"),
		"n":      N("12345678901234567890123456789012345678"),
		"small":  N("-1.5E-130"),
		"b":      &types.AttributeValueMemberB{Value: []byte{0, 1, 2, 255}},
		"t":      &types.AttributeValueMemberBOOL{Value: true},
		"null":   &types.AttributeValueMemberNULL{Value: true},
		"ss":     &types.AttributeValueMemberSS{Value: []string{"x", "y"}},
		"ns":     &types.AttributeValueMemberNS{Value: []string{"1", "2.5"}},
		"bs":     &types.AttributeValueMemberBS{Value: [][]byte{{1}, {2, 3}}},
		"l":      &types.AttributeValueMemberL{Value: []types.AttributeValue{S("x"), N("1"), &types.AttributeValueMemberM{Value: Item{"k": N("007")}}}},
		"m":      &types.AttributeValueMemberM{Value: Item{"inner": &types.AttributeValueMemberM{Value: Item{"deep": S("v")}}}},
		"emptyL": &types.AttributeValueMemberL{Value: []types.AttributeValue{}},
		"emptyM": &types.AttributeValueMemberM{Value: Item{}},
	}
}

func TestItemJSONRoundTrip(t *testing.T) {
	it := allTypesItem()
	b, err := MarshalItemJSON(it)
	if err != nil {
		t.Fatal(err)
	}
	back, err := UnmarshalItemJSON(b)
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := MarshalItemJSON(back)
	if string(b) != string(b2) {
		t.Errorf("round trip changed the item:\n%s\n%s", b, b2)
	}
	// Exact text of numbers is kept (not just their value).
	if !strings.Contains(string(b), `"N":"12345678901234567890123456789012345678"`) || !strings.Contains(string(b), `"N":"007"`) {
		t.Errorf("numbers not kept verbatim: %s", b)
	}
	if _, err := UnmarshalItemJSON([]byte(`{"a":{"X":"1"}}`)); err == nil {
		t.Error("unknown type key accepted")
	}
}

func TestNormalizeNumber(t *testing.T) {
	cases := map[string]string{
		"0": "0", "-0": "0", "0.000": "0", "007": "7E0", "7": "7E0", "7.0": "7E0", "70": "7E1",
		"1.50": "15E-1", "-015e-1": "-15E-1", "1.5": "15E-1", "+3": "3E0", "1e3": "1E3", "1000": "1E3",
		"12345678901234567890123456789012345678": "12345678901234567890123456789012345678E0",
		".5":                                     "5E-1", "abc": "!abc", "1e": "!1e", "": "!",
	}
	for in, want := range cases {
		if got := NormalizeNumber(in); got != want {
			t.Errorf("NormalizeNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCanonicalIgnoresOrderAndNumberForm(t *testing.T) {
	a := Item{
		"id": S("1"),
		"m":  &types.AttributeValueMemberM{Value: Item{"x": N("007"), "y": S("a"), "z": N("1.50")}},
		"ss": &types.AttributeValueMemberSS{Value: []string{"b", "a", "c"}},
		"ns": &types.AttributeValueMemberNS{Value: []string{"1.0", "20", "3"}},
		"bs": &types.AttributeValueMemberBS{Value: [][]byte{{2}, {1}}},
	}
	b := Item{
		"bs": &types.AttributeValueMemberBS{Value: [][]byte{{1}, {2}}},
		"ns": &types.AttributeValueMemberNS{Value: []string{"3", "1", "2E1"}},
		"ss": &types.AttributeValueMemberSS{Value: []string{"c", "a", "b"}},
		"m":  &types.AttributeValueMemberM{Value: Item{"z": N("1.5"), "x": N("7"), "y": S("a")}},
		"id": S("1"),
	}
	if ItemHash(a) != ItemHash(b) {
		t.Error("equal items hash differently")
	}
	// But list order, types and values matter.
	diffs := []Item{
		{"id": S("1"), "v": &types.AttributeValueMemberL{Value: []types.AttributeValue{S("a"), S("b")}}},
		{"id": S("1"), "v": &types.AttributeValueMemberL{Value: []types.AttributeValue{S("b"), S("a")}}},
		{"id": S("1"), "v": N("1")},
		{"id": S("1"), "v": S("1")},
		{"id": S("1"), "v": &types.AttributeValueMemberSS{Value: []string{"1"}}},
		{"id": S("1"), "v": &types.AttributeValueMemberB{Value: []byte("1")}},
		{"id": S("1"), "v": &types.AttributeValueMemberBOOL{Value: true}},
		{"id": S("1"), "v": &types.AttributeValueMemberNULL{Value: true}},
		{"id": S("1"), "v": &types.AttributeValueMemberM{Value: Item{"1": S("")}}},
		{"id": S("1"), "v": S("1"), "w": S("")},
		{"id": S("1"), "vw": S("1")},
	}
	seen := map[[32]byte]int{}
	for i, it := range diffs {
		h := ItemHash(it)
		if j, ok := seen[h]; ok {
			t.Errorf("items %d and %d hash the same", i, j)
		}
		seen[h] = i
	}
}

func TestDigestIsOrderIndependent(t *testing.T) {
	var d1, d2 Digest
	items := []Item{{"id": S("1"), "v": N("1")}, {"id": S("2"), "v": N("2")}, {"id": S("3")}}
	for _, it := range items {
		d1.Add(it, []string{"id"})
	}
	for i := len(items) - 1; i >= 0; i-- {
		d2.Add(items[i], []string{"id"})
	}
	if d1.Sum() != d2.Sum() || d1.Count() != 3 {
		t.Error("digest depends on order")
	}
	var part1, part2 Digest
	part1.Add(items[0], []string{"id"})
	part2.Add(items[1], []string{"id"})
	part2.Add(items[2], []string{"id"})
	part1.Merge(&part2)
	if part1.Sum() != d1.Sum() {
		t.Error("merged digest differs")
	}
	d2.Add(Item{"id": S("4")}, []string{"id"})
	if d2.Sum() == d1.Sum() || len(d1.DiffBuckets(&d2)) != 1 {
		t.Error("an extra item must change the digest in one bucket")
	}
}

func TestTransform(t *testing.T) {
	owners, err := parseOwnerMap(strings.NewReader("old_sub,new_sub,new_username\n# comment\nsub-a,sub-A\nsub-b, sub-B, bob2\nalice,alice-new\n"), "owners.csv")
	if err != nil {
		t.Fatal(err)
	}
	tf := &Transform{
		StripDataStore: true,
		Renames:        []Rename{{Old: "postCommentsId", New: "postId"}, {Scope: "Other", Old: "x", New: "y"}},
		Owners:         owners,
		OwnerFields:    []string{"owner", "editors", "readers"},
	}
	tt := tf.forTable("Comment", "Comment-abc-dev")
	it := Item{
		"id": S("1"), "postCommentsId": S("p1"), "x": S("kept"),
		"owner":          S("sub-a::alice"),
		"editors":        &types.AttributeValueMemberL{Value: []types.AttributeValue{S("sub-b::bob"), S("stranger"), N("1")}},
		"readers":        &types.AttributeValueMemberSS{Value: []string{"alice", "sub-a"}},
		"_version":       N("3"),
		"_lastChangedAt": N("1700000000000"),
		"_ttl":           N("1700000000"),
		"_deleted":       &types.AttributeValueMemberBOOL{Value: false},
		"createdAt":      S("2024-01-01T00:00:00.000Z"),
		"__typename":     S("Comment"),
	}
	if oc, reason := tt.apply(it); oc != keep {
		t.Fatalf("outcome %v %s", oc, reason)
	}
	got, _ := MarshalItemJSON(it)
	want := `{"__typename":{"S":"Comment"},"createdAt":{"S":"2024-01-01T00:00:00.000Z"},"editors":{"L":[{"S":"sub-B::bob2"},{"S":"stranger"},{"N":"1"}]},"id":{"S":"1"},"owner":{"S":"sub-A::alice"},"postId":{"S":"p1"},"readers":{"SS":["alice-new","sub-A"]},"x":{"S":"kept"}}`
	if string(got) != want {
		t.Errorf("transformed:\n got %s\nwant %s", got, want)
	}
	if tt.ownersMapped.Load() != 4 || tt.ownersUnmapped.Load() != 1 {
		t.Errorf("owners mapped %d unmapped %d, want 4 and 1", tt.ownersMapped.Load(), tt.ownersUnmapped.Load())
	}
	// Tombstones are skipped, unless kept.
	tomb := Item{"id": S("2"), "_deleted": &types.AttributeValueMemberBOOL{Value: true}}
	if oc, _ := tt.apply(tomb); oc != skipTombstone {
		t.Error("tombstone not skipped")
	}
	keepTT := (&Transform{KeepDeleted: true, StripDataStore: true}).forTable("", "")
	if oc, _ := keepTT.apply(tomb); oc != keep || tomb["_deleted"] == nil {
		t.Error("--keep-deleted must keep the tombstone and its _deleted")
	}
	// A rename onto an existing attribute is refused, not silently merged.
	clash := Item{"id": S("3"), "postCommentsId": S("a"), "postId": S("b")}
	if oc, reason := tt.apply(clash); oc != reject || !strings.Contains(reason, "already has") {
		t.Errorf("clash: %v %q", oc, reason)
	}
}

func TestParseFlagsValues(t *testing.T) {
	if r, err := ParseRename("Comment:postCommentsId=postId"); err != nil || r != (Rename{Scope: "Comment", Old: "postCommentsId", New: "postId"}) {
		t.Errorf("%+v %v", r, err)
	}
	if r, err := ParseRename("a=b"); err != nil || r != (Rename{Old: "a", New: "b"}) {
		t.Errorf("%+v %v", r, err)
	}
	for _, bad := range []string{"a", "=b", "a=", "a=a", ":a=b"} {
		if _, err := ParseRename(bad); err == nil {
			t.Errorf("ParseRename(%q) accepted", bad)
		}
	}
	if p, err := ParseTablePair("Todo-abc-dev=Todo-xyz-NONE"); err != nil || p.Source != "Todo-abc-dev" || p.Target != "Todo-xyz-NONE" {
		t.Errorf("%+v %v", p, err)
	}
	for _, bad := range []string{"a", "ab=abc", "abc=", "a b c=def", "abc=de/f"} {
		if _, err := ParseTablePair(bad); err == nil {
			t.Errorf("ParseTablePair(%q) accepted", bad)
		}
	}
	for _, bad := range []string{"a,b,c,d\n", "a,\n", "", "a,b\na,c\n"} {
		if _, err := parseOwnerMap(strings.NewReader(bad), "m.csv"); err == nil {
			t.Errorf("owner map %q accepted", bad)
		}
	}
	_, err := parseOwnerMap(strings.NewReader("a,b\nc\n"), "m.csv")
	if err == nil || !strings.Contains(err.Error(), "m.csv:2") {
		t.Errorf("want a line number, got %v", err)
	}
	p := &Plan{Tables: []TablePair{{Source: "a1x", Target: "t1x"}, {Source: "a2x", Target: "t1x"}}}
	if err := p.Validate(); err == nil {
		t.Error("two sources into one target accepted")
	}
	p = &Plan{Tables: []TablePair{{Source: "AmplifyDataStore-abc-dev", Target: "t1x"}}}
	if err := p.Validate(); err == nil || !strings.Contains(err.Error(), "delta") {
		t.Errorf("delta table: %v", err)
	}
}

func TestCheckpointSaveIsAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cp.json")
	plan := &Plan{Tables: []TablePair{{Source: "src", Target: "dst"}}}
	cp, err := OpenCheckpoint(path, plan, 16, &Transform{})
	if err != nil {
		t.Fatal(err)
	}
	// Readers racing with many saves always see a whole, valid file.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var bad []string
	var mu sync.Mutex
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			data, err := os.ReadFile(path)
			var f checkpointFile
			if err != nil || json.Unmarshal(data, &f) != nil || len(f.Tables) != 1 {
				mu.Lock()
				bad = append(bad, string(data))
				mu.Unlock()
			}
		}
	}()
	for i := range 100 {
		lk := Item{"id": S(strings.Repeat("k", i%50+1))}
		if err := cp.advance(0, i%16, lk, false, Counts{Scanned: 1}); err != nil {
			t.Fatal(err)
		}
		if err := cp.Save(); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	if len(bad) > 0 {
		t.Fatalf("%d torn reads, first: %q", len(bad), bad[0])
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	again, err := OpenCheckpoint(path, plan, 16, &Transform{})
	if err != nil {
		t.Fatal(err)
	}
	if n := again.TableCounts(0).Scanned; n != 100 {
		t.Errorf("reloaded %d scanned, want 100", n)
	}
	lk, err := UnmarshalItemJSON(again.segment(0, 99%16).LastKey)
	if err != nil || lk["id"].(*types.AttributeValueMemberS).Value != strings.Repeat("k", 99%50+1) {
		t.Errorf("last key %v %v", lk, err)
	}
}

func TestLimiter(t *testing.T) {
	now := time.Unix(0, 0)
	var slept time.Duration
	l := NewLimiter(100)
	l.now = func() time.Time { return now }
	l.last = now
	l.sleep = func(_ context.Context, d time.Duration) error { slept += d; now = now.Add(d); return nil }
	ctx := context.Background()
	// The first second's burst is free; then 100 units take a second each.
	for range 4 {
		if err := l.Wait(ctx, 25); err != nil {
			t.Fatal(err)
		}
	}
	if slept != 0 {
		t.Errorf("burst slept %v", slept)
	}
	for range 8 {
		_ = l.Wait(ctx, 25)
	}
	if slept < 1900*time.Millisecond || slept > 2100*time.Millisecond {
		t.Errorf("200 units at 100/s slept %v, want about 2s", slept)
	}
	// Units not consumed are given back; overdrafts make the next wait longer.
	slept = 0
	l.Adjust(50)
	_ = l.Wait(ctx, 25)
	if slept < 700*time.Millisecond {
		t.Errorf("after an overdraft of 50 units, waited only %v", slept)
	}
	var nl *Limiter
	if err := nl.Wait(ctx, 1e9); err != nil || nl.Rate() != 0 {
		t.Error("nil limiter must not wait")
	}
}

func TestSchemaModels(t *testing.T) {
	schema := `
# type Ignored @model { id: ID! }
"""
type AlsoIgnored @model
"""
type Blog @model @auth(rules: [{allow: owner, operations: [create, "type X @model"]}]) {
  id: ID!
  posts: [Post] @hasMany
}
type Post
  @model(subscriptions: null)
  @key(name: "byBlog", fields: ["blogID"]) {
  id: ID!
}
type NotAModel { id: ID! }
type Comment @searchable @model { id: ID! }
enum Status { A B }
extend type Query @model { x: Int }
`
	got := strings.Join(SchemaModels(schema), ",")
	if got != "Blog,Post,Comment" {
		t.Errorf("models = %s", got)
	}
	models, base := SchemaTables(`type Article @model @mapsTo(name: "Post") { id: ID! } type Note @mapsTo(name: "X") { id: ID! }`)
	if strings.Join(models, ",") != "Article" || len(base) != 1 || base["Article"] != "Post" {
		t.Errorf("mapsTo: %v %v", models, base)
	}
}

func TestReadOutputs(t *testing.T) {
	dir := t.TempDir()
	write := func(s string) string {
		p := filepath.Join(dir, "amplify_outputs.json")
		os.WriteFile(p, []byte(s), 0o600)
		return p
	}
	api, err := ReadOutputs(write(`{"version":"1.3","data":{"url":"https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/graphql","aws_region":"eu-west-1"}}`))
	if err != nil || api.ID != "abcdefghijklmnopqrstuvwxyz" || api.Region != "eu-west-1" {
		t.Errorf("%+v %v", api, err)
	}
	api, err = ReadOutputs(write(`{"data":{"url":"https://xyz.appsync-api.us-east-2.amazonaws.com/graphql"}}`))
	if err != nil || api.Region != "us-east-2" {
		t.Errorf("region from URL: %+v %v", api, err)
	}
	if _, err := ReadOutputs(write(`{"data":{"url":"https://api.example.com/graphql"}}`)); err == nil || !strings.Contains(err.Error(), "--target-api-id") {
		t.Errorf("custom domain: %v", err)
	}
	if _, err := ReadOutputs(write(`{"auth":{}}`)); err == nil || !strings.Contains(err.Error(), "data.url") {
		t.Errorf("no data: %v", err)
	}
}

type fakeAppSync map[string][]atypes.DataSource

func (f fakeAppSync) ListDataSources(ctx context.Context, in *appsync.ListDataSourcesInput, _ ...func(*appsync.Options)) (*appsync.ListDataSourcesOutput, error) {
	ds := f[*in.ApiId]
	// Two pages, to exercise NextToken.
	if in.NextToken == nil && len(ds) > 1 {
		return &appsync.ListDataSourcesOutput{DataSources: ds[:1], NextToken: aws.String("p2")}, nil
	}
	if in.NextToken != nil {
		ds = ds[1:]
	}
	return &appsync.ListDataSourcesOutput{DataSources: ds}, nil
}

func ddbSource(name, table string) atypes.DataSource {
	return atypes.DataSource{Name: aws.String(name), Type: atypes.DataSourceTypeAmazonDynamodb, DynamodbConfig: &atypes.DynamodbDataSourceConfig{TableName: aws.String(table)}}
}

func TestDiscover(t *testing.T) {
	apps := fakeAppSync{
		"gen2": {
			ddbSource("TodoTable", "Todo-gen2-NONE"), ddbSource("NoteTable", "Note-gen2-NONE"),
			{Name: aws.String("fn"), Type: atypes.DataSourceTypeAwsLambda},
		},
		"gen1": {ddbSource("TodoTable", "Todo-gen1-dev"), ddbSource("AmplifyDataStore", "AmplifyDataStore-gen1-dev"), ddbSource("NoteTable", "Note-gen1-dev")},
	}
	ctx := context.Background()
	plan, err := Discover(ctx, Discovery{Models: []string{"Todo", "Note"}, SourceAPIID: "gen1", SourceEnv: "dev", TargetAPIID: "gen2", TargetAppSync: apps})
	if err != nil {
		t.Fatal(err)
	}
	want := []TablePair{{"Todo", "Todo-gen1-dev", "Todo-gen2-NONE"}, {"Note", "Note-gen1-dev", "Note-gen2-NONE"}}
	if len(plan.Tables) != 2 || plan.Tables[0] != want[0] || plan.Tables[1] != want[1] {
		t.Errorf("plan = %+v", plan.Tables)
	}
	plan, err = Discover(ctx, Discovery{Models: []string{"Todo"}, TableBase: map[string]string{"Todo": "Task"}, SourceAPIID: "gen1", SourceEnv: "dev", TargetAPIID: "gen2", TargetAppSync: apps})
	if err != nil || plan.Tables[0].Source != "Task-gen1-dev" || plan.Tables[0].Target != "Todo-gen2-NONE" {
		t.Errorf("@mapsTo: %+v %v", plan, err)
	}
	plan, err = Discover(ctx, Discovery{SourceAPIID: "gen1", SourceAppSync: apps, TargetAPIID: "gen2", TargetAppSync: apps, Only: []string{"Note"}})
	if err != nil || len(plan.Tables) != 1 || plan.Tables[0] != want[1] {
		t.Errorf("from AppSync, only Note: %+v %v", plan, err)
	}
	if _, err := Discover(ctx, Discovery{Models: []string{"Todo", "Gone"}, SourceAPIID: "gen1", SourceEnv: "dev", TargetAPIID: "gen2", TargetAppSync: apps}); err == nil || !strings.Contains(err.Error(), "Gone") {
		t.Errorf("missing target: %v", err)
	}
	if _, err := Discover(ctx, Discovery{Models: []string{"Todo"}, SourceAPIID: "gen1", SourceEnv: "dev", TargetAPIID: "gen2", TargetAppSync: apps, Only: []string{"Nope"}}); err == nil || !strings.Contains(err.Error(), "--model Nope") {
		t.Errorf("unknown --model: %v", err)
	}
}
