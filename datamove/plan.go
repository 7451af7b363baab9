package datamove

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/appsync"
	"github.com/aws/aws-sdk-go-v2/service/appsync/types"
)

// Plan is the list of tables to copy, in order.
type Plan struct {
	Tables []TablePair
}

// TablePair is one source table and the target it is copied into. Model is
// the GraphQL model, when the pair was discovered.
type TablePair struct {
	Model  string
	Source string
	Target string
}

// ParseTablePair parses "SRC=DST".
func ParseTablePair(s string) (TablePair, error) {
	src, dst, ok := strings.Cut(s, "=")
	src, dst = strings.TrimSpace(src), strings.TrimSpace(dst)
	if !ok || src == "" || dst == "" {
		return TablePair{}, fmt.Errorf("--table %q: want SOURCE=TARGET (for example Todo-abc123-dev=Todo-xyz789-NONE)", s)
	}
	for _, n := range []string{src, dst} {
		if !validTableName(n) {
			return TablePair{}, fmt.Errorf("--table %q: %q is not a DynamoDB table name (3-255 of a-z A-Z 0-9 _ - .)", s, n)
		}
	}
	return TablePair{Source: src, Target: dst}, nil
}

var tableNameRE = regexp.MustCompile(`^[A-Za-z0-9_.-]{3,255}$`)

func validTableName(s string) bool { return tableNameRE.MatchString(s) }

// Validate checks that no table is written twice and none is both a source
// and a target.
func (p *Plan) Validate() error {
	if len(p.Tables) == 0 {
		return fmt.Errorf("nothing to copy")
	}
	targets := map[string]string{}
	sources := map[string]bool{}
	for _, t := range p.Tables {
		sources[t.Source] = true
	}
	for _, t := range p.Tables {
		if prev, ok := targets[t.Target]; ok {
			return fmt.Errorf("table %s is the target of both %s and %s", t.Target, prev, t.Source)
		}
		targets[t.Target] = t.Source
		if isDeltaTable(t.Source) {
			return fmt.Errorf("%s is DataStore's delta sync table: Gen 2 has no DataStore, so it is never copied", t.Source)
		}
	}
	return nil
}

// isDeltaTable reports DataStore's delta sync table (AmplifyDataStore-<apiId>-<env>).
func isDeltaTable(name string) bool { return strings.HasPrefix(name, "AmplifyDataStore-") }

// AppSync is what discovery needs from AppSync; *appsync.Client satisfies it.
type AppSync interface {
	ListDataSources(ctx context.Context, in *appsync.ListDataSourcesInput, optFns ...func(*appsync.Options)) (*appsync.ListDataSourcesOutput, error)
}

// ModelTable is a model's DynamoDB table, as an API's data sources give it.
type ModelTable struct {
	Model string
	Table string
}

// ListModelTables lists the DynamoDB model tables of an AppSync API, sorted
// by model, without DataStore's delta sync table.
func ListModelTables(ctx context.Context, api AppSync, apiID string) ([]ModelTable, error) {
	var out []ModelTable
	var next *string
	for {
		res, err := api.ListDataSources(ctx, &appsync.ListDataSourcesInput{ApiId: &apiID, NextToken: next})
		if err != nil {
			return nil, fmt.Errorf("listing the data sources of AppSync API %s: %w", apiID, err)
		}
		for _, ds := range res.DataSources {
			if ds.Type != types.DataSourceTypeAmazonDynamodb || ds.DynamodbConfig == nil || ds.DynamodbConfig.TableName == nil {
				continue
			}
			table := *ds.DynamodbConfig.TableName
			if isDeltaTable(table) {
				continue
			}
			out = append(out, ModelTable{Model: modelOf(deref(ds.Name), table, apiID), Table: table})
		}
		if res.NextToken == nil || *res.NextToken == "" {
			break
		}
		next = res.NextToken
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Model < out[j].Model })
	return out, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// modelOf names a data source's model: from the table name
// (<Model>-<apiId>-<env>, as the transformer names tables), else from the
// data source name (<Model>Table).
func modelOf(dsName, table, apiID string) string {
	if i := strings.Index(table, "-"+apiID+"-"); i > 0 {
		return table[:i]
	}
	if m, ok := strings.CutSuffix(dsName, "Table"); ok && m != "" {
		return m
	}
	return dsName
}

// GenOneTableName is the table the Gen 1 transformer makes for a model.
func GenOneTableName(model, apiID, env string) string {
	return model + "-" + apiID + "-" + env
}

// Discovery is what discovering a plan needs.
type Discovery struct {
	// Source side, either from the project (Models, SourceAPIID from
	// amplify-meta.json, SourceEnv), or from AppSync (SourceAppSync set).
	Models []string
	// TableBase names the Gen 1 table of a model renamed with @mapsTo
	// (the table keeps the original name); other models use their name.
	TableBase     map[string]string
	SourceAPIID   string
	SourceEnv     string
	SourceAppSync AppSync

	// Target side: the Gen 2 API.
	TargetAPIID   string
	TargetAppSync AppSync

	// Only limits the plan to these models.
	Only []string
}

// Discover maps every model to its source and target table. It fails when a
// model has no target table (the Gen 2 schema lacks it or renamed it: use
// --table for it) or when Only names an unknown model.
func Discover(ctx context.Context, d Discovery) (*Plan, error) {
	var sources []ModelTable
	switch {
	case d.SourceAppSync != nil:
		ts, err := ListModelTables(ctx, d.SourceAppSync, d.SourceAPIID)
		if err != nil {
			return nil, err
		}
		sources = ts
	default:
		if d.SourceAPIID == "" || d.SourceEnv == "" {
			return nil, fmt.Errorf("the source API id and environment are needed to name the Gen 1 tables")
		}
		for _, m := range d.Models {
			base := m
			if b, ok := d.TableBase[m]; ok && b != "" {
				base = b
			}
			sources = append(sources, ModelTable{Model: m, Table: GenOneTableName(base, d.SourceAPIID, d.SourceEnv)})
		}
	}
	if len(sources) == 0 {
		return nil, fmt.Errorf("the source API has no @model tables")
	}
	targets, err := ListModelTables(ctx, d.TargetAppSync, d.TargetAPIID)
	if err != nil {
		return nil, err
	}
	byModel := map[string]string{}
	for _, t := range targets {
		byModel[t.Model] = t.Table
	}
	if len(d.Only) > 0 {
		known := map[string]bool{}
		for _, s := range sources {
			known[s.Model] = true
		}
		only := map[string]bool{}
		for _, m := range d.Only {
			if !known[m] {
				return nil, fmt.Errorf("--model %s: the source API has no such model (models: %s)", m, modelList(sources))
			}
			only[m] = true
		}
		var kept []ModelTable
		for _, s := range sources {
			if only[s.Model] {
				kept = append(kept, s)
			}
		}
		sources = kept
	}
	plan := &Plan{}
	var missing []string
	for _, s := range sources {
		t, ok := byModel[s.Model]
		if !ok {
			missing = append(missing, s.Model)
			continue
		}
		plan.Tables = append(plan.Tables, TablePair{Model: s.Model, Source: s.Table, Target: t})
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("the Gen 2 API %s has no table for model(s) %s: check the Gen 2 schema, limit the copy with --model, or name the tables with --table SOURCE=TARGET",
			d.TargetAPIID, strings.Join(missing, ", "))
	}
	return plan, nil
}

func modelList(ts []ModelTable) string {
	var s []string
	for _, t := range ts {
		s = append(s, t.Model)
	}
	return strings.Join(s, ", ")
}

// TargetAPI is the Gen 2 API named by amplify_outputs.json.
type TargetAPI struct {
	ID     string
	Region string
	URL    string
}

// ReadOutputs reads the data section of a Gen 2 amplify_outputs.json.
func ReadOutputs(path string) (TargetAPI, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return TargetAPI{}, err
	}
	var doc struct {
		Data *struct {
			URL    string `json:"url"`
			Region string `json:"aws_region"`
		} `json:"data"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return TargetAPI{}, fmt.Errorf("%s: %w", path, err)
	}
	if doc.Data == nil || doc.Data.URL == "" {
		return TargetAPI{}, fmt.Errorf("%s: no data.url: the Gen 2 backend has no data resource, or the file is not amplify_outputs.json", path)
	}
	api := TargetAPI{URL: doc.Data.URL, Region: doc.Data.Region}
	u, err := url.Parse(doc.Data.URL)
	if err != nil {
		return TargetAPI{}, fmt.Errorf("%s: data.url %q: %w", path, doc.Data.URL, err)
	}
	// https://<apiId>.appsync-api.<region>.amazonaws.com/graphql
	id, rest, _ := strings.Cut(u.Hostname(), ".")
	if !strings.HasPrefix(rest, "appsync-api.") || id == "" {
		return TargetAPI{}, fmt.Errorf("%s: data.url %s is not an AppSync endpoint (a custom domain?): give the API id with --target-api-id", path, doc.Data.URL)
	}
	api.ID = id
	if api.Region == "" {
		api.Region = strings.Split(strings.TrimPrefix(rest, "appsync-api."), ".")[0]
	}
	return api, nil
}

// SchemaModels lists the @model types of a GraphQL schema in order. It is a
// small scanner (comments skipped, directives before the body inspected),
// enough to name tables when the project reader has not filled
// model.GraphQLAPI.Models.
func SchemaModels(schema string) []string {
	models, _ := SchemaTables(schema)
	return models
}

// SchemaTables is SchemaModels plus the original names of models renamed
// with @mapsTo(name: "Old"), whose Gen 1 tables keep the old name.
func SchemaTables(schema string) ([]string, map[string]string) {
	toks := gqlTokens(schema)
	var out []string
	mapsTo := map[string]string{}
	for i := 0; i < len(toks); i++ {
		if toks[i] != "type" || i+1 >= len(toks) || !isName(toks[i+1]) {
			continue
		}
		if i > 0 && toks[i-1] == "extend" {
			continue
		}
		name := toks[i+1]
		depth := 0
		for j := i + 2; j < len(toks); j++ {
			t := toks[j]
			if depth == 0 && (t == "{" || t == "type") {
				break
			}
			switch t {
			case "(":
				depth++
			case ")":
				depth--
			case "@":
				if depth == 0 && j+1 < len(toks) && toks[j+1] == "model" {
					out = append(out, name)
				}
				// @mapsTo ( name : "Old" )
				if depth == 0 && j+6 < len(toks) && toks[j+1] == "mapsTo" && toks[j+2] == "(" && toks[j+3] == "name" && toks[j+4] == ":" && strings.HasPrefix(toks[j+5], `"`) {
					mapsTo[name] = strings.Trim(toks[j+5], `"`)
				}
			}
		}
	}
	for m := range mapsTo {
		if !slices.Contains(out, m) {
			delete(mapsTo, m)
		}
	}
	return out, mapsTo
}

func isName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// gqlTokens splits GraphQL source into names and punctuation, without
// comments and string values.
func gqlTokens(s string) []string {
	var toks []string
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '#':
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case strings.HasPrefix(s[i:], `"""`):
			end := strings.Index(s[i+3:], `"""`)
			if end < 0 {
				return toks
			}
			i += 3 + end + 3
		case c == '"':
			j := i + 1
			for j < len(s) && s[j] != '"' && s[j] != '\n' {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			if j < len(s) {
				j++
			}
			toks = append(toks, s[i:min(j, len(s))])
			i = j
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			j := i
			for j < len(s) && (s[j] == '_' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= '0' && s[j] <= '9') {
				j++
			}
			toks = append(toks, s[i:j])
			i = j
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',':
			i++
		default:
			toks = append(toks, string(c))
			i++
		}
	}
	return toks
}
