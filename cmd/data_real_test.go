package cmd

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/appsync"
	atypes "github.com/aws/aws-sdk-go-v2/service/appsync/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/amplify-migrate/amplify-migrate/datamove"
	"github.com/amplify-migrate/amplify-migrate/datamove/ddblocal"
)

// fakeAppSync lists the data sources of the Gen 2 API as AppSync would:
// DynamoDB Local has no AppSync, the tables behind it are real.
type fakeAppSync struct {
	apiID   string
	sources []atypes.DataSource
	calls   int
}

func (f *fakeAppSync) ListDataSources(ctx context.Context, in *appsync.ListDataSourcesInput, _ ...func(*appsync.Options)) (*appsync.ListDataSourcesOutput, error) {
	f.calls++
	if aws.ToString(in.ApiId) != f.apiID {
		return nil, fmt.Errorf("NotFoundException: GraphQL API %s not found", aws.ToString(in.ApiId))
	}
	return &appsync.ListDataSourcesOutput{DataSources: f.sources}, nil
}

// TestRealDataDiscovery runs `migrate data` on a Gen 1 project (API id from
// amplify-meta.json, models from the schema) and amplify_outputs.json,
// against real tables in DynamoDB Local.
func TestRealDataDiscovery(t *testing.T) {
	if !ddblocal.Enabled() {
		t.Skip("real-component test: run with MIGRATE_REAL_TESTS=1 (make test)")
	}
	in, err := ddblocal.Start("512m")
	if err != nil {
		t.Fatalf("DynamoDB Local: %v", err)
	}
	t.Cleanup(in.Stop)
	ctx := context.Background()
	c := in.Client()
	const gen1, gen2 = "gen1apiidxxxxxxxxxxxxxxxxx", "gen2apiidyyyyyyyyyyyyyyyyy"
	apps := &fakeAppSync{apiID: gen2}
	counts := map[string]int{"Blog": 3, "Post": 40, "Comment": 120}
	for _, m := range []string{"Blog", "Post", "Comment"} {
		src, dst := m+"-"+gen1+"-dev", m+"-"+gen2+"-NONE"
		for _, tn := range []string{src, dst} {
			if err := ddblocal.CreateTable(ctx, c, tn, "id", "", nil); err != nil {
				t.Fatal(err)
			}
		}
		var reqs []types.WriteRequest
		for i := range counts[m] {
			it := map[string]types.AttributeValue{
				"id": &types.AttributeValueMemberS{Value: fmt.Sprintf("%s-%d", m, i)}, "__typename": &types.AttributeValueMemberS{Value: m},
				"owner":    &types.AttributeValueMemberS{Value: "sub-1::alice"},
				"_version": &types.AttributeValueMemberN{Value: "1"}, "_lastChangedAt": &types.AttributeValueMemberN{Value: "1714557600000"},
			}
			if i == 0 {
				it["_deleted"] = &types.AttributeValueMemberBOOL{Value: true}
			}
			reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: it}})
			if len(reqs) == 25 || i == counts[m]-1 {
				if _, err := c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{src: reqs}}); err != nil {
					t.Fatal(err)
				}
				reqs = nil
			}
		}
		apps.sources = append(apps.sources, atypes.DataSource{Name: aws.String(m + "Table"), Type: atypes.DataSourceTypeAmazonDynamodb,
			DynamodbConfig: &atypes.DynamodbDataSourceConfig{TableName: aws.String(dst)}})
	}
	// DataStore's delta table exists in Gen 1 and must never be copied.
	delta := "AmplifyDataStore-" + gen1 + "-dev"
	if err := ddblocal.CreateTable(ctx, c, delta, "ds_pk", "ds_sk", nil); err != nil {
		t.Fatal(err)
	}
	apps.sources = append(apps.sources, atypes.DataSource{Name: aws.String("NONE_DS"), Type: atypes.DataSourceTypeNone})

	var regions []string
	connect := func(ctx context.Context, s datamove.Side) (datamove.DynamoDB, datamove.AppSync, string, error) {
		regions = append(regions, s.Region)
		return c, apps, s.Region, nil
	}
	run := func(extra ...string) (error, string) {
		var out bytes.Buffer
		f := &Factory{Out: &out, ErrOut: &out, Getenv: func(string) string { return "" }, Context: ctx}
		opts := &DataOptions{}
		cmd := NewDataCmd(f, func(o *DataOptions) error { opts = o; return nil })
		cmd.SetArgs(append([]string{"testdata/data-project", "--target-outputs", "testdata/data-project/amplify_outputs.json"}, extra...))
		if err := cmd.Execute(); err != nil {
			t.Fatal(err)
		}
		opts.connect = connect
		err := runData(f, opts)
		return err, out.String()
	}

	// Dry run of one model first: nothing is written.
	err, out := run("--model", "Post", "--dry-run")
	if err != nil {
		t.Fatalf("dry run: %v\n%s", err, out)
	}
	if !strings.Contains(out, "Dry run (nothing is written) of 1 table(s):") || !strings.Contains(out, "Post                 Post-"+gen1+"-dev → Post-"+gen2+"-NONE") {
		t.Errorf("dry-run plan:\n%s", out)
	}
	if n := countItems(t, c, "Post-"+gen2+"-NONE"); n != 0 {
		t.Fatalf("dry run wrote %d items", n)
	}
	if strings.Join(regions, ",") != "us-west-2,eu-central-1" {
		t.Errorf("regions %v: want the project's for the source and amplify_outputs.json's for the target", regions)
	}

	cp := filepath.Join(t.TempDir(), "cp.json")
	err, out = run("--verify", "--strip-datastore-fields", "--checkpoint", cp)
	if err != nil {
		t.Fatalf("copy: %v\n%s", err, out)
	}
	for _, want := range []string{"Copying 3 table(s):", "Blog-" + gen1 + "-dev → Blog-" + gen2 + "-NONE", "verified: 119 items on both sides", "Summary: 3 table(s), 163 items scanned, 160 written, 3 tombstones skipped, 0 dead-lettered"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "AmplifyDataStore") {
		t.Errorf("the delta table appears in the plan:\n%s", out)
	}
	for m, n := range counts {
		if got := countItems(t, c, m+"-"+gen2+"-NONE"); got != n-1 {
			t.Errorf("%s: %d items in the target, want %d", m, got, n-1)
		}
	}
	// Running it again with the same checkpoint does nothing more.
	err, out = run("--strip-datastore-fields", "--checkpoint", cp)
	if err != nil || strings.Count(out, "already copied by an earlier run") != 3 {
		t.Errorf("second run: %v\n%s", err, out)
	}
	// Another transform with the same checkpoint is refused.
	err, _ = run("--checkpoint", cp)
	if err == nil || !strings.Contains(err.Error(), "different copy") {
		t.Errorf("checkpoint of another plan accepted: %v", err)
	}
	// A model the Gen 2 API lacks is a clear error.
	apps.sources = apps.sources[1:]
	err, _ = run()
	if err == nil || !strings.Contains(err.Error(), "no table for model(s) Blog") {
		t.Errorf("missing Gen 2 model: %v", err)
	}
}

func countItems(t *testing.T, c *dynamodb.Client, table string) int {
	t.Helper()
	out, err := c.Scan(context.Background(), &dynamodb.ScanInput{TableName: aws.String(table), Select: types.SelectCount})
	if err != nil {
		t.Fatal(err)
	}
	return int(out.Count)
}
