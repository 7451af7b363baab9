package verify_test

import (
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/amplify-migrate/amplify-migrate/writers"
	"github.com/amplify-migrate/amplify-migrate/writers/verify"
)

// TestFunctionWiringReal converts testdata/cases/function-env-rewiring, whose
// functions name the API, its model tables and stream, the user pool, a
// bucket, a DynamoDB table and another function in Gen 1 environment
// variables, and where auth, data and storage in turn grant those functions
// access: the stacks depend on each other both ways. The synthesized
// backend must have every variable on its function, and the stream mapping
// in the data stack (where the table is), which only works if the wiring
// placed each reference so that no stack cycle exists (CDK refuses one).
func TestFunctionWiringReal(t *testing.T) {
	s := verify.Shared(t)
	pr := verify.Project{Name: "function-env-rewiring", Dir: filepath.Join(verify.RepoRoot(), "testdata", "cases", "function-env-rewiring")}
	g := s.Convert(t, pr, writers.Options{})
	asm := s.Synth(t, g)

	env := map[string][]string{} // logical ID of the function -> variable names
	for _, f := range asm.ResourcesOfType("AWS::Lambda::Function") {
		e, _ := f.Properties["Environment"].(map[string]any)
		vars, _ := e["Variables"].(map[string]any)
		for k := range vars {
			env[f.LogicalID] = append(env[f.LogicalID], k)
		}
	}
	has := func(prefix string, names ...string) {
		t.Helper()
		for id, vars := range env {
			if !strings.HasPrefix(id, prefix) {
				continue
			}
			sort.Strings(vars)
			for _, n := range names {
				if !slices.Contains(vars, n) {
					t.Errorf("%s lacks %s (has %v)", id, n, vars)
				}
			}
			return
		}
		t.Errorf("no function %s* among %v", prefix, keysOf(env))
	}
	has("mealsApilambda", "API_MEALSAPI_GRAPHQLAPIIDOUTPUT", "API_MEALSAPI_GRAPHQLAPIENDPOINTOUTPUT", "API_MEALSAPI_GRAPHQLAPIKEYOUTPUT",
		"API_MEALSAPI_MEALTABLE_NAME", "API_MEALSAPI_MEALTABLE_ARN", "AUTH_MEALSAUTH_USERPOOLID", "STORAGE_PHOTOS_BUCKETNAME",
		"STORAGE_ACTIVITY_NAME", "STORAGE_ACTIVITY_ARN", "FUNCTION_NOTIFY_NAME")
	has("mealsauthPostConfirmationlambda", "API_MEALSAPI_PROFILETABLE_NAME", "MODULES")

	mappings := asm.ResourcesOfType("AWS::Lambda::EventSourceMapping")
	if len(mappings) != 1 || !strings.Contains(strings.ToLower(mappings[0].Template), "data") {
		var where []string
		for _, m := range mappings {
			where = append(where, m.Template)
		}
		t.Errorf("want one stream mapping, in the data stack; got %v", where)
	}
}

func keysOf[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
