package verify_test

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers"
	"github.com/amplify-migrate/amplify-migrate/writers/verify"
)

var quotedName = regexp.MustCompile(`@function\(name: "([^"]+)"\)`)

// declaredTokens are the names a conversion said it changes: fields it
// adds or makes nullable, indexes it adds, models and operations whose
// rules it writes. A difference that names one of them is declared by a
// finding, so the API is still what the report promised.
func declaredTokens(fs model.Findings) []string {
	var out []string
	for _, f := range fs {
		if f.Code == "data.function-handler" || f.Code == "data.function-external" {
			// Gen 2 names a function's data source after the handler
			// (FnField, or the deployed name), Gen 1 after the function.
			if m := quotedName.FindStringSubmatch(f.Reason); m != nil {
				n := strings.ReplaceAll(strings.ReplaceAll(m[1], "-${env}", ""), "-", "")
				out = append(out, strings.ToUpper(n[:1])+n[1:]+"LambdaDataSource")
			}
		}
		switch f.Code {
		case "data.function-handler", "data.function-external":
		default:
			if !slices.Contains([]string{"data.relationship", "data.relationship-index", "data.relationship-nullable", "data.many-to-many",
				"data.no-auth", "data.operation-auth", "data.auth-upgraded", "data.explicit-id", "data.composite-reference", "data.owner-populate", "data.sandbox"}, f.Code) {
				continue
			}
		}
		subj := f.Subject
		for _, p := range []string{"field ", "model ", "Query.", "Mutation.", "Subscription."} {
			subj = strings.TrimPrefix(subj, p)
		}
		out = append(out, subj, strings.ReplaceAll(subj, ".", ""))
		// "adds Team.projects (...)" and "index gsi-Blog.posts".
		for _, w := range strings.Fields(f.Reason) {
			w = strings.Trim(w, ",;:()")
			if strings.Count(w, ".") == 1 && !strings.HasSuffix(w, ".") {
				out = append(out, w, strings.ReplaceAll(w, ".", ""))
			}
		}
	}
	return out
}

func declared(d verify.Difference, tokens []string) bool {
	s := strings.ToLower(d.Subject)
	for _, t := range tokens {
		if t != "" && strings.Contains(s, strings.ToLower(t)) {
			return true
		}
	}
	return false
}

// TestAPIParity synthesizes every transformer-v2 API of the corpus and
// testdata twice, as Gen 1 ran it (AmplifyGraphqlApi with the project's
// flags and modes) and as converted, and compares the APIs by meaning. For
// an API typed Gen 2 can express (no manual data finding), every
// difference must be tolerated by the harness or declared by a finding.
func TestAPIParity(t *testing.T) {
	s := verify.Shared(t)
	for _, pr := range apiProjects(t) {
		pr := pr
		g := s.Convert(t, pr, caseOptions(pr))
		r, api := graphQLAPI(g)
		if api == nil || g.Options.Tables == writers.TablesReuse || api.Transformer.Version != 2 {
			continue
		}
		t.Run(pr.Name, func(t *testing.T) {
			t.Parallel()
			gen1api, err := verify.Gen1APIFromProject(g.Gen1, r)
			if err != nil {
				// The Gen 1 side cannot be built (the harness reads the
				// project's JSON itself); the conversion is still proven
				// to build by TestDataAPIsBuild.
				t.Skipf("no Gen 1 API to compare with: %v", err)
			}
			gen1, err := verify.SynthGen1(context.Background(), s.TC, gen1api)
			if err != nil {
				t.Fatal(err)
			}
			gen2 := s.Synth(t, g)
			ds := verify.CompareAPIs(gen1, gen2)
			fs := g.Output.Findings.For(r.Ref())
			var manual []string
			for _, f := range fs {
				if f.Level == model.Manual && strings.HasPrefix(f.Code, "data.") && f.Code != "data.new-tables" && f.Code != "data.auth-mode" {
					manual = append(manual, f.Code+" "+f.Subject)
				}
			}
			tokens := declaredTokens(fs)
			var unexplained []verify.Difference
			for _, d := range verify.Untolerated(ds) {
				if !declared(d, tokens) {
					unexplained = append(unexplained, d)
				}
			}
			t.Logf("%d differences, %d neither tolerated nor declared; %d manual data findings", len(ds), len(unexplained), len(manual))
			if len(manual) > 0 {
				t.Logf("not expressible in typed Gen 2 (%s); differences:\n%s", strings.Join(manual, "; "), verify.FormatDifferences(unexplained))
				return
			}
			if len(unexplained) > 0 {
				t.Errorf("the converted API differs from Gen 1 where no finding says so:\n%s", verify.FormatDifferences(unexplained))
			}
		})
	}
}
