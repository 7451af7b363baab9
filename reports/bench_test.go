package reports_test

import (
	"testing"

	"github.com/amplify-migrate/amplify-migrate/readers"
	"github.com/amplify-migrate/amplify-migrate/reports"
	"github.com/amplify-migrate/amplify-migrate/writers"
	"github.com/amplify-migrate/amplify-migrate/writers/verify"
)

// BenchmarkAnalyzeCorpus does what `migrate analyze` does (read, convert,
// build the report) for every project of the shared corpus, once per
// iteration: one op is the whole corpus.
//
//	go test ./reports -run '^$' -bench AnalyzeCorpus -benchmem
func BenchmarkAnalyzeCorpus(b *testing.B) {
	projects := verify.CorpusProjects(b)
	envs := make([]string, len(projects))
	for i, pr := range projects {
		envs[i] = verify.DefaultEnv(pr.Dir)
	}
	resources := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		resources = 0
		for j, pr := range projects {
			p, diags := readers.Read(pr.Dir, readers.Options{Env: envs[j]})
			if p == nil {
				b.Fatalf("%s: %s", pr.Name, diags.Error())
			}
			out, err := writers.Convert(p, writers.Options{})
			if err != nil {
				b.Fatalf("%s: %v", pr.Name, err)
			}
			r := reports.Build(p, pr.Dir, out.Findings, diags)
			resources += r.Summary.Resources
		}
	}
	b.ReportMetric(float64(len(projects)), "projects/op")
	b.ReportMetric(float64(resources), "resources/op")
}
