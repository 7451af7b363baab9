package writers_test

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/amplify-migrate/amplify-migrate/readers"
	"github.com/amplify-migrate/amplify-migrate/writers"
	"github.com/amplify-migrate/amplify-migrate/writers/verify"
)

// credentialKey matches the Gen 1 auth keys that hold provider credentials
// (googleAppSecretUserPool, signinwithapplePrivateKeyUserPool, ...).
var credentialKey = regexp.MustCompile(`(?i)(secret|appid|clientid|teamid|keyid|privatekey)userpool$`)

// gen1Secrets reads every JSON file of a Gen 1 project and returns the
// provider credentials in it, independently of the readers package.
func gen1Secrets(t *testing.T, root string) []string {
	t.Helper()
	seen := map[string]bool{}
	add := func(v string) {
		if len(strings.TrimSpace(v)) >= 4 {
			seen[v] = true
		}
	}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, val := range x {
				switch {
				case k == "hostedUIProviderCreds":
					var creds []map[string]any
					if s, ok := val.(string); ok {
						_ = json.Unmarshal([]byte(s), &creds)
					} else if raw, err := json.Marshal(val); err == nil {
						_ = json.Unmarshal(raw, &creds)
					}
					for _, c := range creds {
						for ck, cv := range c {
							if s, ok := cv.(string); ok && ck != "ProviderName" {
								add(s)
							}
						}
					}
				case credentialKey.MatchString(k):
					if s, ok := val.(string); ok {
						add(s)
					}
				default:
					walk(val)
				}
			}
		case []any:
			for _, it := range x {
				walk(it)
			}
		}
	}
	_ = filepath.WalkDir(filepath.Join(root, "amplify"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		var v any
		if json.Unmarshal(data, &v) == nil {
			walk(v)
		}
		return nil
	})
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// TestNoSecretInOutput converts every auth case, the bundled example and
// every corpus project (with each auth option) and checks that no provider
// credential found in the Gen 1 files appears in any generated file, copied
// file, finding, manual step or secret description.
func TestNoSecretInOutput(t *testing.T) {
	var projects []verify.Project
	cases, _ := filepath.Glob(filepath.Join("..", "testdata", "cases", "auth-*"))
	for _, c := range cases {
		projects = append(projects, verify.Project{Name: filepath.Base(c), Dir: c})
	}
	projects = append(projects, verify.TestdataProjects()...)
	if dir := corpusDir(); dir != "" {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if _, err := os.Stat(filepath.Join(dir, e.Name(), "amplify", "backend")); err == nil {
				projects = append(projects, verify.Project{Name: e.Name(), Dir: filepath.Join(dir, e.Name())})
			}
		}
	}
	withSecrets := map[string]int{}
	for _, pr := range projects {
		secrets := gen1Secrets(t, pr.Dir)
		if len(secrets) == 0 {
			continue
		}
		withSecrets[pr.Name] = len(secrets)
		p, diags := readers.Read(pr.Dir, readers.Options{Env: verify.DefaultEnv(pr.Dir)})
		if p == nil {
			t.Fatalf("%s: %s", pr.Name, diags.Error())
		}
		for _, opts := range []writers.Options{{}, {NoUserMigration: true}, {Auth: writers.AuthReference}} {
			out, err := writers.Convert(p, opts)
			if err != nil {
				continue // --auth reference without deployed IDs
			}
			texts := map[string]string{}
			for _, f := range out.Files {
				data := string(f.Data)
				if f.Kind == writers.Copy {
					b, _ := os.ReadFile(filepath.Join(p.Root, f.CopyFrom))
					data = string(b)
				}
				texts[f.Path] = data
			}
			var report strings.Builder
			for _, f := range out.Findings {
				report.WriteString(f.Subject + " " + f.Reason + " " + f.Action + "\n")
			}
			for _, s := range out.Steps {
				report.WriteString(s.Text + "\n")
			}
			for _, s := range out.Secrets {
				report.WriteString(s.Name + " " + s.Purpose + "\n")
			}
			texts["(findings, steps and secrets)"] = report.String()
			for name, text := range texts {
				for _, s := range secrets {
					if strings.Contains(text, s) {
						t.Errorf("%s (%+v): %s contains the Gen 1 credential %.6s…", pr.Name, opts, name, s)
					}
				}
			}
		}
	}
	// The scan must have had something to find.
	if withSecrets["auth-social-hostedui"] < 9 {
		t.Errorf("auth-social-hostedui: found %d credentials in the Gen 1 files, want at least 9", withSecrets["auth-social-hostedui"])
	}
	if corpusDir() != "" && withSecrets["AnimealProject__animeal_iOS"] < 6 {
		t.Errorf("animeal: found %d credentials in the Gen 1 files, want at least 6", withSecrets["AnimealProject__animeal_iOS"])
	}
}

// corpusDir is the shared corpus, or "" when it is not beside the repository.
func corpusDir() string {
	dir := os.Getenv("AMPLIFY_MIGRATE_CORPUS")
	if dir == "" {
		dir = filepath.Join(verify.RepoRoot(), "..", "shared", "corpus")
	}
	if _, err := os.Stat(dir); err != nil {
		return ""
	}
	return dir
}

// BenchmarkAuthConvert reads and converts each auth golden case.
func BenchmarkAuthConvert(b *testing.B) {
	cases, _ := filepath.Glob(filepath.Join("..", "testdata", "cases", "auth-*"))
	for i := 0; i < b.N; i++ {
		for _, c := range cases {
			p, _ := readers.Read(c, readers.Options{Env: verify.DefaultEnv(c)})
			if _, err := writers.Convert(p, writers.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}
