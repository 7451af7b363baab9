package cmd

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/amplify-migrate/amplify-migrate/datamove"
)

func runArgs(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	f := &Factory{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }, Context: context.Background()}
	code := Run(args, f)
	return code, out.String(), errOut.String()
}

func TestDataFlags(t *testing.T) {
	var got *DataOptions
	f := &Factory{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}, Context: context.Background()}
	cmd := NewDataCmd(f, func(o *DataOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"./app", "--source-env", "dev", "--target-outputs", "out.json", "--model", "Post,Comment", "--model", "Blog",
		"--segments", "16", "--max-wcu-share", "0.5", "--rename-attribute", "Comment:postCommentsId=postId", "--owner-map", "subs.csv",
		"--owner-field", "owner", "--owner-field", "editors", "--strip-datastore-fields", "--checkpoint", "cp.json", "--verify"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Path != "./app" || got.SourceEnv != "dev" || got.TargetOutputs != "out.json" || strings.Join(got.Models, ",") != "Post,Comment,Blog" ||
		got.Segments != 16 || got.MaxWCUShare != 0.5 || got.Renames[0] != "Comment:postCommentsId=postId" || got.OwnerMap != "subs.csv" ||
		strings.Join(got.OwnerFields, ",") != "owner,editors" || !got.StripDataStore || got.Checkpoint != "cp.json" || !got.Verify ||
		got.DeadLetter != "migrate-data-dead-letter.jsonl" || got.KeepDeleted {
		t.Errorf("options = %+v", got)
	}
}

func TestDataUsageErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"data"}, "name the tables with --table"},
		{[]string{"data", "--table", "abc=def", "--target-api-id", "x"}, "either --table or"},
		{[]string{"data", "--table", "abc=def", "--model", "Post"}, "choose tables by discovery"},
		{[]string{"data", "--table", "abc"}, "want SOURCE=TARGET"},
		{[]string{"data", "--table", "abc=def", "--segments", "0"}, "--segments"},
		{[]string{"data", "--table", "abc=def", "--max-wcu-share", "1.5"}, "--max-wcu-share"},
		{[]string{"data", "--table", "abc=def", "--dry-run", "--verify"}, "--dry-run"},
		{[]string{"data", "--table", "abc=def", "--dry-run", "--checkpoint", "x"}, "drop --checkpoint"},
		{[]string{"data", "--table", "abc=def", "--rename-attribute", "a"}, "OLD=NEW"},
		{[]string{"data", "--table", "abc=def", "--source-endpoint", "localhost:8000"}, "want a URL"},
		{[]string{"data", "--table", "abc=def", "--owner-field", "editors"}, "--owner-field needs --owner-map"},
		{[]string{"data", "--target-api-id", "x", "--source-api-id", "y", "--source-env", "dev"}, "--source-env is not needed"},
		{[]string{"data", "--target-outputs", "a.json", "--target-api-id", "x"}, "not both"},
		{[]string{"data", "--table", "abc=def", "--table", "ghi=def"}, "target of both"},
		{[]string{"data", "--table", "AmplifyDataStore-abc-dev=def"}, "delta sync table"},
	}
	for _, c := range cases {
		code, _, errOut := runArgs(c.args...)
		if code != ExitUsage || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 mentioning %q", c.args, code, errOut, c.want)
		}
	}
}

func TestDataDiscoveryErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"data", "testdata/data-project", "--source-env", "prod", "--target-api-id", "x"}, "amplify env checkout prod"},
		{[]string{"data", "testdata/nope", "--target-api-id", "x"}, "cannot read"},
		{[]string{"data", "testdata/data-project", "--target-outputs", "testdata/nope.json"}, "--target-outputs"},
	}
	for _, c := range cases {
		code, _, errOut := runArgs(c.args...)
		if code != ExitFailure || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 1 mentioning %q", c.args, code, errOut, c.want)
		}
	}
}

func TestSourceFromProject(t *testing.T) {
	f := &Factory{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}
	var d datamove.Discovery
	var side datamove.Side
	if err := sourceFromProject(f, &DataOptions{Path: "testdata/data-project"}, &d, &side); err != nil {
		t.Fatal(err)
	}
	if d.SourceAPIID != "gen1apiidxxxxxxxxxxxxxxxxx" || d.SourceEnv != "dev" || strings.Join(d.Models, ",") != "Blog,Post,Comment" || side.Region != "us-west-2" {
		t.Errorf("discovery %+v, region %q", d, side.Region)
	}
}
