package verify_test

import (
	"context"
	"os"
	"testing"

	"github.com/amplify-migrate/amplify-migrate/writers"
	"github.com/amplify-migrate/amplify-migrate/writers/verify"
)

func TestMain(m *testing.M) {
	code := m.Run()
	verify.Cleanup()
	os.Exit(code)
}

// allProjects are the bundled test projects and the shared corpus.
func allProjects(t *testing.T) []verify.Project {
	return append(verify.TestdataProjects(), verify.CorpusProjects(t)...)
}

// TestConvertedProjectsBuild converts every corpus and testdata project,
// type-checks all of them with tsc and synthesizes each with the real Gen 2
// packages.
func TestConvertedProjectsBuild(t *testing.T) {
	s := verify.Shared(t)
	var gs []*verify.Gen2
	for _, pr := range allProjects(t) {
		gs = append(gs, s.Convert(t, pr, writers.Options{}))
	}
	errs, err := s.TypeCheckAll(context.Background(), gs)
	if err != nil {
		t.Fatal(err)
	}
	for name, msg := range errs {
		t.Errorf("tsc %s:\n%s", name, msg)
	}
	for _, g := range gs {
		g := g
		t.Run(g.Name, func(t *testing.T) {
			t.Parallel()
			asm := s.Synth(t, g)
			if len(asm.Templates) == 0 {
				t.Fatal("no templates")
			}
		})
	}
}
