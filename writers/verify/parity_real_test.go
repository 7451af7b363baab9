package verify_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/amplify-migrate/amplify-migrate/writers/verify"
)

// exampleGen1 is the spec example's Gen 1 API: user pools by default plus
// an API key of 30 days, and the user pool group Admin.
func exampleGen1(t testing.TB) verify.Gen1API {
	t.Helper()
	schema, err := os.ReadFile(filepath.Join("testdata", "parity-example", "gen1-schema.graphql"))
	if err != nil {
		t.Fatal(err)
	}
	return verify.Gen1API{
		Name:   "example",
		Schema: string(schema),
		AuthModes: []verify.AuthMode{
			{Type: verify.AuthUserPools},
			{Type: verify.AuthAPIKey, APIKeyExpiresInDays: 30},
		},
		Auth:           true,
		UserPoolGroups: []string{"Admin"},
		// cli.json of a project created with transformer v2.
		Translation: verify.TranslationBehavior{
			UseSubUsernameForDefaultIdentityClaim:        true,
			PopulateOwnerFieldForStaticGroupAuth:         true,
			SecondaryKeyAsGSI:                            true,
			EnableAutoIndexQueryNames:                    true,
			RespectPrimaryKeyAttributesOnConnectionField: true,
		},
	}
}

// synthExampleGen2 copies the example's Gen 2 backend to a temporary folder,
// applies edit (if any) to amplify/data/resource.ts, and synthesizes it.
func synthExampleGen2(t testing.TB, tc *verify.Toolchain, edit func(string) string) *verify.Assembly {
	t.Helper()
	src := filepath.Join("testdata", "parity-example", "gen2")
	dir := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	resource := filepath.Join(dir, "amplify", "data", "resource.ts")
	b, err := os.ReadFile(resource)
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		if err := os.WriteFile(resource, []byte(edit(string(b))), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	asm, err := tc.Synth(context.Background(), dir, filepath.Join(dir, ".cdk.out"))
	if err != nil {
		t.Fatal(err)
	}
	return asm
}

// TestExampleAPIParity proves the harness on the spec's worked example: the
// typed conversion synthesizes to the same API as the Gen 1 schema (apart
// from declared tolerances), and each classic conversion mistake is caught.
func TestExampleAPIParity(t *testing.T) {
	tc := verify.RequireReal(t)
	ctx := context.Background()
	start := time.Now()
	gen1, err := verify.SynthGen1(ctx, tc, exampleGen1(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Gen 1 synth (or cache hit): %s, %s", time.Since(start).Round(time.Millisecond), gen1.Dir)

	t.Run("identical", func(t *testing.T) {
		t.Parallel()
		ds := verify.CompareAPIs(gen1, synthExampleGen2(t, tc, nil))
		if real := verify.Untolerated(ds); len(real) > 0 {
			t.Fatalf("the spec example's conversion differs from Gen 1:\n%s", verify.FormatDifferences(ds))
		}
		t.Logf("%s", verify.FormatDifferences(ds))
		// The tolerances the spec example is known to need, and only them.
		want := map[string]bool{
			"schema field ModelSubscriptionBlogFilterInput.blogPostsId": true,
			"schema field ModelSubscriptionPostFilterInput.blogPostsId": true,
		}
		for _, d := range ds {
			if d.Tolerated == "subscription-filter-implicit-fk" {
				if !want[d.Kind+" "+d.Subject] {
					t.Errorf("unexpected tolerated difference %s %s", d.Kind, d.Subject)
				}
				delete(want, d.Kind+" "+d.Subject)
			}
		}
		for k := range want {
			t.Errorf("expected the tolerated difference %s (Gen 1's subscription filter quirk) to be seen", k)
		}
	})

	// Mistakes the spec example warns about, made together in one Gen 2
	// project to save synths. Each touches something the others leave
	// alone (Post's foreign key, Blog's list query, Blog's mutation auth, the
	// API key), so each expected difference can only come from its own
	// mistake.
	t.Run("mistakes", func(t *testing.T) {
		t.Parallel()
		mistakes := []struct {
			name string
			edit func(string) string
			want []string // Kind + " " + Subject prefixes that must be reported
		}{
			{
				name: "foreign key renamed to blogId",
				edit: func(s string) string { return strings.ReplaceAll(s, "blogPostsId", "blogId") },
				want: []string{
					"schema field Post.blogPostsId",
					"table table Post GSI gsi-Blog.posts",
					"table table Post attribute blogPostsId",
				},
			},
			{
				name: "explicit id on Blog",
				edit: func(s string) string {
					return strings.Replace(s, "name: a.string().required(),", "id: a.id().required(),\n    name: a.string().required(),", 1)
				},
				want: []string{
					"schema argument Query.listBlogs(id)",
					"schema argument Query.listBlogs(sortDirection)",
				},
			},
			{
				name: "API key may write blogs",
				edit: func(s string) string {
					return strings.Replace(s, "allow.publicApiKey().to(['read'])", "allow.publicApiKey()", 1)
				},
				want: []string{
					"schema field Mutation.createBlog directives",
					"function function MutationcreateBlogauth0Function",
				},
			},
			{
				name: "API key expiry",
				edit: func(s string) string { return strings.Replace(s, "expiresInDays: 30", "expiresInDays: 7", 1) },
				want: []string{"auth API key expiry"},
			},
		}
		edit := func(s string) string {
			for _, m := range mistakes {
				edited := m.edit(s)
				if edited == s {
					t.Fatalf("%s: the example no longer has what the mistake edits", m.name)
				}
				s = edited
			}
			return s
		}
		ds := verify.Untolerated(verify.CompareAPIs(gen1, synthExampleGen2(t, tc, edit)))
		t.Logf("%s", verify.FormatDifferences(ds))
		for _, m := range mistakes {
			for _, w := range m.want {
				found := false
				for _, d := range ds {
					if strings.HasPrefix(d.Kind+" "+d.Subject, w) {
						found = true
						break
					}
				}
				if !found {
					t.Errorf("%s: difference %q not reported", m.name, w)
				}
			}
		}
	})
}

// BenchmarkSynthGen1 measures an uncached Gen 1 synth of the spec example
// (the cost TestAPIParity pays per API on a clean machine).
func BenchmarkSynthGen1(b *testing.B) {
	tc := verify.RequireReal(b)
	b.Setenv(verify.EnvGen1Cache, "off")
	api := exampleGen1(b)
	for i := 0; i < b.N; i++ {
		asm, err := verify.SynthGen1(context.Background(), tc, api)
		if err != nil {
			b.Fatal(err)
		}
		os.RemoveAll(filepath.Dir(asm.Dir))
	}
}

// BenchmarkCompareAPIs measures reading both assemblies of the spec example
// and comparing them.
func BenchmarkCompareAPIs(b *testing.B) {
	tc := verify.RequireReal(b)
	gen1, err := verify.SynthGen1(context.Background(), tc, exampleGen1(b))
	if err != nil {
		b.Fatal(err)
	}
	gen2 := synthExampleGen2(b, tc, nil)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if ds := verify.Untolerated(verify.CompareAPIs(gen1, gen2)); len(ds) > 0 {
			b.Fatal(verify.FormatDifferences(ds))
		}
	}
}
