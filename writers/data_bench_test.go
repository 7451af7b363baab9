package writers_test

import (
	"fmt"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/readers"
	"github.com/amplify-migrate/amplify-migrate/writers"
)

// generatedProject builds a Gen 1 project whose API has n models: each
// model has scalar fields, an enum, an owner/group/public rule set, a
// secondary index, an implicit @hasMany to the next model (with its
// @belongsTo), an explicit index-based @hasMany, and every tenth model a
// @manyToMany.
func generatedProject(n int) fstest.MapFS {
	var b strings.Builder
	b.WriteString("enum Level {\n  LOW\n  MID\n  HIGH\n}\n\n")
	for i := 0; i < n; i++ {
		next := (i + 1) % n
		fmt.Fprintf(&b, "type M%d @model @auth(rules: [{allow: owner}, {allow: groups, groups: [\"Admin\"]}, {allow: public, operations: [read]}]) {\n", i)
		fmt.Fprintf(&b, "  id: ID!\n  name: String! @index(name: \"byName\", sortKeyFields: [\"rank\"])\n  rank: Int!\n  level: Level\n  score: Float @default(value: \"1.5\")\n  tags: [String!]\n")
		fmt.Fprintf(&b, "  children: [M%d] @hasMany\n", next)
		fmt.Fprintf(&b, "  parent: M%d @belongsTo\n", (i+n-1)%n)
		fmt.Fprintf(&b, "  parentRef: ID @index(name: \"byParent\")\n")
		fmt.Fprintf(&b, "  linked: [M%d] @hasMany(indexName: \"byParent\", fields: [\"id\"])\n", next)
		fmt.Fprintf(&b, "  linkedBy: M%d @belongsTo(fields: [\"parentRef\"])\n", (i+n-1)%n)
		if i%10 == 0 && i+5 < n {
			fmt.Fprintf(&b, "  peers: [M%d] @manyToMany(relationName: \"Peers%d\")\n", i+5, i)
		}
		if i%10 == 5 {
			fmt.Fprintf(&b, "  peers: [M%d] @manyToMany(relationName: \"Peers%d\")\n", i-5, i-5)
		}
		b.WriteString("}\n\n")
	}
	cfg := `{"api": {"big": {"service": "AppSync", "providerPlugin": "awscloudformation", "output": {"authConfig": {"defaultAuthentication": {"authenticationType": "AMAZON_COGNITO_USER_POOLS"}, "additionalAuthenticationProviders": [{"authenticationType": "API_KEY", "apiKeyConfig": {"apiKeyExpirationDays": 30}}]}}}}}`
	return fstest.MapFS{
		"amplify/backend/backend-config.json":     {Data: []byte(cfg)},
		"amplify/backend/api/big/schema.graphql":  {Data: []byte(b.String())},
		"amplify/cli.json":                        {Data: []byte(`{"features": {"graphqltransformer": {"transformerversion": 2, "useexperimentalpipelinedtransformer": true, "enableautoindexquerynames": true, "respectprimarykeyattributesonconnectionfield": true}}}`)},
		"amplify/team-provider-info.json":         {Data: []byte(`{"main": {"awscloudformation": {"Region": "us-east-1"}}}`)},
		"amplify/backend/api/big/parameters.json": {Data: []byte(`{}`)},
	}
}

func readGenerated(tb testing.TB, n int) *model.Project {
	p, diags := readers.ReadFS(generatedProject(n), "amplify", readers.Options{})
	if p == nil || diags.HasErrors() {
		tb.Fatalf("read: %s", diags.Error())
	}
	return p
}

// TestGeneratedSchemaConverts keeps the benchmark's input honest: every
// generated model reaches the output with its relationships.
func TestGeneratedSchemaConverts(t *testing.T) {
	p := readGenerated(t, 30)
	out, err := writers.Convert(p, writers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := string(out.File("amplify/data/resource.ts").Data)
	for i := 0; i < 30; i++ {
		if !strings.Contains(res, fmt.Sprintf("  M%d: a.model({", i)) {
			t.Errorf("model M%d is missing", i)
		}
	}
	for _, want := range []string{"a.hasMany('M1', 'm0ChildrenId')", "a.belongsTo('M29', 'm29ChildrenId')", "a.hasMany('M1', 'parentRef')", "Peers0: a.model({"} {
		if !strings.Contains(res, want) {
			t.Errorf("missing %s", want)
		}
	}
}

// BenchmarkConvertData converts generated APIs of 100, 300 and 1000 models
// (read and convert, as `migrate convert` does); the time per model stays
// flat when the conversion is linear.
func BenchmarkConvertData(b *testing.B) {
	for _, n := range []int{100, 300, 1000} {
		fs := generatedProject(n)
		b.Run(fmt.Sprintf("models=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			cpu0 := cpuTime()
			for i := 0; i < b.N; i++ {
				p, diags := readers.ReadFS(fs, "amplify", readers.Options{})
				if p == nil || diags.HasErrors() {
					b.Fatal(diags.Error())
				}
				if _, err := writers.Convert(p, writers.Options{}); err != nil {
					b.Fatal(err)
				}
			}
			// CPU time as well as wall time: on a shared machine the wall
			// time also measures the neighbours.
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/model")
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(b.N*n), "cpu-µs/model")
		})
	}
}

// cpuTime is the process's user and system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// FuzzConvertData checks that no readable schema makes the data
// conversion panic, in either table mode.
func FuzzConvertData(f *testing.F) {
	f.Add("type Post @model @auth(rules: [{allow: owner}]) { id: ID! comments: [Comment] @hasMany meta: Meta @hasOne }\ntype Comment @model { id: ID! post: Post @belongsTo }\ntype Meta @model { id: ID! }")
	f.Add("type A @model { id: ID! bs: [B] @hasMany(indexName: \"byA\", fields: [\"id\"]) }\ntype B @model { aID: ID! @index(name: \"byA\") a: A @belongsTo(fields: [\"aID\"]) }")
	f.Add("type X @model { m: [Y] @manyToMany(relationName: \"XY\") }\ntype Y @model { m: [X] @manyToMany(relationName: \"XY\") }")
	f.Add("type Query { q(a: In = {x: 1}): R @function(name: \"f-${env}\") @aws_iam }\ntype Subscription { s: R @aws_subscribe(mutations: [\"m\"]) }\ntype Mutation { m: R @http(url: \"u\") }\ntype R { x: Int }\ninput In { x: Int }")
	f.Fuzz(func(t *testing.T, schema string) {
		fs := generatedProject(1)
		fs["amplify/backend/api/big/schema.graphql"].Data = []byte(schema)
		p, diags := readers.ReadFS(fs, "amplify", readers.Options{})
		if p == nil || diags.HasErrors() {
			return
		}
		for _, mode := range []writers.TablesMode{writers.TablesTyped, writers.TablesReuse} {
			_, _ = writers.Convert(p, writers.Options{Tables: mode, APIID: "abc"})
		}
	})
}
