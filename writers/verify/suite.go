package verify

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/readers"
	"github.com/amplify-migrate/amplify-migrate/writers"
	"github.com/amplify-migrate/amplify-migrate/writers/apply"
)

// Suite memoizes conversions, type checks and synths for the tests of one
// process, so that every category's assertions share one synth per project:
// a synth costs seconds, an assertion microseconds.
type Suite struct {
	TC   *Toolchain
	root string

	mu     sync.Mutex
	gen2   map[string]*Gen2
	synths map[string]*synthResult
}

// Gen2 is one converted project on disk.
type Gen2 struct {
	Name    string
	Gen1    *model.Project
	Output  *writers.Output
	Dir     string
	Options writers.Options
	key     string
}

type synthResult struct {
	once sync.Once
	asm  *Assembly
	err  error
}

var (
	sharedOnce  sync.Once
	sharedSuite *Suite
	sharedErr   error
)

// Shared returns the process-wide suite, skipping the test unless real
// tests are on (see RequireReal).
func Shared(t testing.TB) *Suite {
	t.Helper()
	tc := RequireReal(t)
	sharedOnce.Do(func() {
		dir, err := os.MkdirTemp("", "amplify-migrate-verify-*")
		if err != nil {
			sharedErr = err
			return
		}
		sharedSuite = &Suite{TC: tc, root: dir, gen2: map[string]*Gen2{}, synths: map[string]*synthResult{}}
	})
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return sharedSuite
}

// Cleanup removes the suite's files; call it from TestMain after m.Run.
func Cleanup() {
	if sharedSuite != nil && os.Getenv("MIGRATE_KEEP_VERIFY") == "" {
		os.RemoveAll(sharedSuite.root)
	}
}

func optionsKey(o writers.Options) string {
	b, _ := json.Marshal(o)
	return string(b)
}

// Convert reads and converts a project with the given options, once per
// process, and writes it to disk.
func (s *Suite) Convert(t testing.TB, pr Project, opts writers.Options) *Gen2 {
	t.Helper()
	key := pr.Dir + "\x00" + optionsKey(opts)
	s.mu.Lock()
	if g, ok := s.gen2[key]; ok {
		s.mu.Unlock()
		return g
	}
	s.mu.Unlock()
	g, err := convertProject(pr, opts, filepath.Join(s.root, safeName(pr.Name)+"-"+shortHash(key)))
	if err != nil {
		t.Fatalf("%s: %v", pr.Name, err)
	}
	g.key = key
	s.mu.Lock()
	defer s.mu.Unlock()
	if prev, ok := s.gen2[key]; ok {
		return prev
	}
	s.gen2[key] = g
	return g
}

func convertProject(pr Project, opts writers.Options, dir string) (*Gen2, error) {
	p, diags := readers.Read(pr.Dir, readers.Options{Env: DefaultEnv(pr.Dir)})
	if p == nil || diags.HasErrors() {
		return nil, fmt.Errorf("read: %s", diags.Error())
	}
	out, err := writers.Convert(p, opts)
	if err != nil {
		return nil, fmt.Errorf("convert: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if _, err := apply.Apply(out, apply.Options{Root: dir, SourceRoot: p.Root}); err != nil {
		return nil, fmt.Errorf("apply: %w", err)
	}
	return &Gen2{Name: pr.Name, Gen1: p, Output: out, Dir: dir, Options: opts}, nil
}

// Synth synthesizes a converted project once per process.
func (s *Suite) Synth(t testing.TB, g *Gen2) *Assembly {
	t.Helper()
	s.mu.Lock()
	r, ok := s.synths[g.key]
	if !ok {
		r = &synthResult{}
		s.synths[g.key] = r
	}
	s.mu.Unlock()
	r.once.Do(func() {
		r.asm, r.err = s.TC.Synth(context.Background(), g.Dir, filepath.Join(g.Dir, ".cdk.out"))
	})
	if r.err != nil {
		t.Fatalf("synth %s: %v", g.Name, r.err)
	}
	return r.asm
}

// TypeCheckAll type-checks several converted projects with one tsc run
// (loading aws-cdk-lib's types once instead of once per project) and
// returns the errors per project name.
func (s *Suite) TypeCheckAll(ctx context.Context, gs []*Gen2) (map[string]string, error) {
	dir, err := os.MkdirTemp(s.root, "tsc-*")
	if err != nil {
		return nil, err
	}
	var include []string
	byDir := map[string]string{}
	for _, g := range gs {
		if err := s.TC.Prepare(g.Dir); err != nil {
			return nil, err
		}
		include = append(include, filepath.Join(g.Dir, "amplify", "**", "*.ts"))
		byDir[g.Dir] = g.Name
	}
	var cfg struct {
		CompilerOptions map[string]any `json:"compilerOptions"`
		Include         []string       `json:"include"`
		Exclude         []string       `json:"exclude"`
	}
	// Use the generated tsconfig's options so the batch checks what a user's
	// `tsc -p amplify` would.
	if len(gs) > 0 {
		data, err := os.ReadFile(filepath.Join(gs[0].Dir, "amplify", "tsconfig.json"))
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(data, &cfg); err != nil {
			return nil, err
		}
	}
	delete(cfg.CompilerOptions, "paths")
	cfg.CompilerOptions["noEmit"] = true
	cfg.CompilerOptions["typeRoots"] = []string{filepath.Join(s.TC.Dir, "node_modules", "@types")}
	cfg.Include = include
	cfg.Exclude = []string{"**/node_modules/**", "**/.cdk.out/**"}
	for _, g := range gs {
		// Exclusions a generated tsconfig declares (copied function sources
		// that are not TypeScript projects of their own) apply here too.
		data, _ := os.ReadFile(filepath.Join(g.Dir, "amplify", "tsconfig.json"))
		var own struct {
			Exclude []string `json:"exclude"`
		}
		_ = json.Unmarshal(data, &own)
		for _, e := range own.Exclude {
			cfg.Exclude = append(cfg.Exclude, filepath.Join(g.Dir, "amplify", e))
		}
	}
	data, _ := json.MarshalIndent(cfg, "", "  ")
	if err := os.WriteFile(filepath.Join(dir, "tsconfig.json"), data, 0o644); err != nil {
		return nil, err
	}
	out, err := s.TC.run(ctx, dir, nil, s.TC.Bin("tsc"), "-p", "tsconfig.json", "--pretty", "false")
	if err == nil {
		return map[string]string{}, nil
	}
	if _, ok := err.(*CommandError); !ok {
		return nil, err
	}
	// Attribute each error line to its project.
	perProject := map[string]string{}
	dirs := make([]string, 0, len(byDir))
	for d := range byDir {
		dirs = append(dirs, d)
	}
	sort.Slice(dirs, func(i, j int) bool { return len(dirs[i]) > len(dirs[j]) })
	for _, line := range strings.Split(string(out), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		name := "(unattributed)"
		for _, d := range dirs {
			if strings.Contains(line, d) {
				name = byDir[d]
				line = strings.ReplaceAll(line, d+string(filepath.Separator), "")
				break
			}
		}
		perProject[name] += line + "\n"
	}
	return perProject, nil
}

// DefaultEnv picks the environment a test reads a project with: the one the
// project selects, else the first in team-provider-info.json, so that
// environment parameters are present.
func DefaultEnv(dir string) string {
	if data, err := os.ReadFile(filepath.Join(dir, "amplify", ".config", "local-env-info.json")); err == nil {
		var v struct {
			EnvName string `json:"envName"`
		}
		if json.Unmarshal(data, &v) == nil && v.EnvName != "" {
			return v.EnvName
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "amplify", "team-provider-info.json"))
	if err != nil {
		return ""
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return ""
	}
	if tok, err := dec.Token(); err == nil {
		if s, ok := tok.(string); ok {
			return s
		}
	}
	return ""
}

func safeName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == '-' || r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

func shortHash(s string) string {
	var h uint32 = 2166136261
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return fmt.Sprintf("%08x", h)
}
