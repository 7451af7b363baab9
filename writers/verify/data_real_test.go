package verify_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers"
	"github.com/amplify-migrate/amplify-migrate/writers/verify"
)

// apiProjects are the corpus and testdata projects with an AppSync API.
func apiProjects(t *testing.T) []verify.Project {
	var out []verify.Project
	for _, pr := range allProjects(t) {
		cfg, err := os.ReadFile(filepath.Join(pr.Dir, "amplify", "backend", "backend-config.json"))
		if err == nil && strings.Contains(string(cfg), `"AppSync"`) {
			out = append(out, pr)
		}
	}
	if cases, _ := filepath.Glob(filepath.Join(verify.RepoRoot(), "testdata", "cases", "data-*")); len(cases) > 0 {
		for _, c := range cases {
			out = append(out, verify.Project{Name: filepath.Base(c), Dir: c})
		}
	}
	return out
}

// graphQLAPI returns the converted project's API model.
func graphQLAPI(g *verify.Gen2) (*model.Resource, *model.GraphQLAPI) {
	for _, r := range g.Gen1.ByService(model.CategoryAPI, "AppSync") {
		if r.GraphQL != nil && r.GraphQL.Schema != nil {
			return r, r.GraphQL
		}
	}
	return nil, nil
}

// table is a model table from the synthesized templates.
type table struct {
	key  []string
	gsis map[string][]string
}

// modelTables reads every model table of an assembly by model name.
func modelTables(a *verify.Assembly) map[string]table {
	out := map[string]table{}
	for _, typ := range []string{"Custom::AmplifyDynamoDBTable", "AWS::DynamoDB::Table", "Custom::ImportedAmplifyDynamoDBTable"} {
		for _, f := range a.ResourcesOfType(typ) {
			p := lowerKeys(f.Properties)
			name, _ := json.Marshal(p["tableName"])
			m := regexp.MustCompile(`"([A-Za-z0-9_]+)-"`).FindStringSubmatch(string(name))
			if m == nil {
				continue
			}
			tb := table{gsis: map[string][]string{}}
			tb.key = keyNames(p["keySchema"])
			if gs, ok := p["globalSecondaryIndexes"].([]any); ok {
				for _, gi := range gs {
					gm, _ := gi.(map[string]any)
					n, _ := gm["indexName"].(string)
					tb.gsis[n] = keyNames(gm["keySchema"])
				}
			}
			out[m[1]] = tb
		}
	}
	return out
}

func keyNames(v any) []string {
	var out []string
	ks, _ := v.([]any)
	for _, k := range ks {
		km, _ := k.(map[string]any)
		n, _ := km["attributeName"].(string)
		out = append(out, n)
	}
	return out
}

func lowerKeys(m map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		switch x := v.(type) {
		case map[string]any:
			v = lowerKeys(x)
		case []any:
			var l []any
			for _, it := range x {
				if im, ok := it.(map[string]any); ok {
					l = append(l, lowerKeys(im))
				} else {
					l = append(l, it)
				}
			}
			v = l
		}
		if k != "" && !strings.Contains(k, "::") && k != "Ref" {
			k = strings.ToLower(k[:1]) + k[1:]
		}
		out[k] = v
	}
	return out
}

// typeFields returns the fields of a type in an SDL text: name -> type.
func typeFields(sdl, typeName string) map[string]string {
	re := regexp.MustCompile(`(?ms)^type ` + regexp.QuoteMeta(typeName) + `\b[^{]*\{(.*?)^\}`)
	m := re.FindStringSubmatch(sdl)
	if m == nil {
		return nil
	}
	out := map[string]string{}
	for _, line := range strings.Split(m[1], "\n") {
		line = strings.TrimSpace(line)
		if i := strings.Index(line, ":"); i > 0 && !strings.Contains(line[:i], "(") {
			out[line[:i]] = strings.Fields(strings.TrimSpace(line[i+1:]))[0]
		}
	}
	return out
}

// TestDataAPIsBuild converts every AppSync API of the corpus and testdata,
// synthesizes the data resource with the real Gen 2 packages, and checks
// that every model reached the final schema with a table keyed as in Gen 1
// and every relationship reads the attribute Gen 1 stored (for v1 schemas
// too: @connection names, @key names).
func TestDataAPIsBuild(t *testing.T) {
	s := verify.Shared(t)
	projects := apiProjects(t)
	var gs []*verify.Gen2
	for _, pr := range projects {
		gs = append(gs, s.Convert(t, pr, caseOptions(pr)))
	}
	for _, g := range gs {
		g := g
		t.Run(g.Name, func(t *testing.T) {
			t.Parallel()
			r, api := graphQLAPI(g)
			if api == nil {
				t.Skip("the API has no readable schema")
			}
			if g.Output.File("amplify/data/resource.ts") == nil {
				t.Fatalf("%s: no amplify/data/resource.ts", r.Name)
			}
			asm := s.Synth(t, g)
			sdl, err := asm.GraphQLSchema()
			if err != nil || sdl == "" {
				t.Fatalf("no final GraphQL schema: %v", err)
			}
			tables := modelTables(asm)
			reuse := g.Options.Tables == writers.TablesReuse
			for _, m := range api.Schema.Models() {
				fields := typeFields(sdl, m.Name)
				if fields == nil {
					t.Errorf("model %s is missing from the final schema", m.Name)
					continue
				}
				tb, ok := tables[m.Name]
				if !ok {
					tb, ok = tables[m.Model.TableModelName(m.Name)]
				}
				if !ok {
					t.Errorf("model %s has no table", m.Name)
					continue
				}
				wantKey := []string{"id"}
				if pk := m.Model.PrimaryKey; pk != nil {
					wantKey = []string{pk.Field}
					switch len(pk.SortKeys) {
					case 0:
					case 1:
						wantKey = append(wantKey, pk.SortKeys[0])
					default:
						wantKey = append(wantKey, strings.Join(pk.SortKeys, "#"))
					}
				}
				if !reuse && !slices.Equal(tb.key, wantKey) {
					t.Errorf("table of %s is keyed on %v, Gen 1 stored %v", m.Name, tb.key, wantKey)
				}
				for _, ix := range m.Model.Indexes {
					if ix.Field == wantKey[0] && len(wantKey) == 1 {
						continue // an LSI Gen 2 cannot declare; a data.lsi finding says so
					}
					got, ok := tb.gsis[ix.Name]
					if !ok {
						t.Errorf("index %s of %s is missing (indexes: %v)", ix.Name, m.Name, sortedKeys(tb.gsis))
						continue
					}
					if got[0] != ix.Field {
						t.Errorf("index %s of %s is keyed on %v, Gen 1 on %s", ix.Name, m.Name, got, ix.Field)
					}
					if ix.QueryField != "" && !strings.Contains(sdl, "  "+ix.QueryField+"(") {
						t.Errorf("index %s of %s: query %s is missing", ix.Name, m.Name, ix.QueryField)
					}
				}
				for _, f := range m.Fields {
					rel := f.Relation
					if rel == nil || !rel.Expressible {
						continue
					}
					km := typeFields(sdl, rel.KeyModel)
					for _, k := range rel.KeyFields {
						if _, ok := km[k]; !ok {
							t.Errorf("%s.%s: Gen 1 stored the key in %s.%s, which the Gen 2 schema does not have", m.Name, f.Name, rel.KeyModel, k)
						}
					}
					if rel.Kind == model.HasMany || rel.Kind == model.ManyToMany {
						// The relationship is read through an index on the stored key.
						found := false
						for _, keys := range tables[rel.KeyModel].gsis {
							found = found || (len(keys) > 0 && keys[0] == rel.KeyFields[0])
						}
						if !found {
							t.Errorf("%s.%s: no index of %s is keyed on the stored key %s", m.Name, f.Name, rel.KeyModel, rel.KeyFields[0])
						}
					}
				}
			}
			if reuse {
				checkReuse(t, asm, g, api)
			}
		})
	}
}

// checkReuse checks that every model of a reuse conversion imports the
// Gen 1 table <Model>-<apiId>-<env>.
func checkReuse(t *testing.T, asm *verify.Assembly, g *verify.Gen2, api *model.GraphQLAPI) {
	t.Helper()
	res, _ := os.ReadFile(filepath.Join(g.Dir, "amplify", "data", "resource.ts"))
	for _, m := range api.Models {
		if !strings.Contains(string(res), "-"+g.Gen1.Env+"'") || !strings.Contains(string(res), m+": '") {
			t.Errorf("model %s is not mapped to its Gen 1 table", m)
		}
	}
}

func sortedKeys(m map[string][]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// caseOptions reads a golden case's options.json so that reuse cases are
// built as they are converted.
func caseOptions(pr verify.Project) writers.Options {
	var co struct {
		Tables string `json:"tables"`
		APIID  string `json:"apiId"`
	}
	if b, err := os.ReadFile(filepath.Join(pr.Dir, "options.json")); err == nil {
		_ = json.Unmarshal(b, &co)
	}
	return writers.Options{Tables: writers.TablesMode(co.Tables), APIID: co.APIID}
}
