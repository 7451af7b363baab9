package verify

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// apiView is what makes an AppSync API behave as it does, read from a cloud
// assembly and keyed by meaning: types and fields, tables by model name,
// resolvers by Type.field, pipeline functions and data sources by name.
type apiView struct {
	schema      string
	auth        map[string]string // setting → value
	tables      map[string]*tableView
	resolvers   map[string]map[string]string // Type.field → aspect → value
	functions   map[string]map[string]string // function name → aspect → value
	dataSources map[string]map[string]string // data source name → aspect → value
}

// tableView is a model table's shape.
type tableView struct {
	settings map[string]string // aspect → value (key schema, billing, ...)
	indexes  map[string]string // "GSI name" / "LSI name" → keys and projection
	attrs    map[string]string // attribute → type
}

// apiSuffix ends the name of every table of the API ("<Model>-<apiId>-NONE").
const apiSuffix = "-<apiId>-NONE"

func loadAPIView(dir string) (*apiView, error) {
	a, err := loadCFN(dir)
	if err != nil {
		return nil, err
	}
	type found struct {
		s  *cfnStack
		id string
		r  cfnResource
	}
	byType := map[string][]found{}
	for _, s := range a.stacks {
		ids := make([]string, 0, len(s.Resources))
		for id := range s.Resources {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			r := s.Resources[id]
			byType[r.Type] = append(byType[r.Type], found{s, id, r})
		}
	}
	apis := byType["AWS::AppSync::GraphQLApi"]
	switch len(apis) {
	case 0:
		return nil, fmt.Errorf("no AppSync API (AWS::AppSync::GraphQLApi) in %s", dir)
	case 1:
	default:
		var names []string
		for _, f := range apis {
			names = append(names, f.s.File+":"+f.id)
		}
		return nil, fmt.Errorf("%d AppSync APIs in %s (%s): the comparison needs exactly one", len(apis), dir, strings.Join(names, ", "))
	}
	v := &apiView{
		auth:        map[string]string{},
		tables:      map[string]*tableView{},
		resolvers:   map[string]map[string]string{},
		functions:   map[string]map[string]string{},
		dataSources: map[string]map[string]string{},
	}

	api := apis[0]
	props := a.eval(api.s, api.r.Properties).(map[string]any)
	v.auth["default mode"] = toString(props["AuthenticationType"])
	describeProvider := func(prefix string, p map[string]any) {
		if c, ok := p["OpenIDConnectConfig"].(map[string]any); ok {
			for _, k := range []string{"Issuer", "ClientId", "AuthTTL", "IatTTL"} {
				if x, ok := c[k]; ok {
					v.auth[prefix+" OIDC "+k] = toString(x)
				}
			}
		}
		if c, ok := p["LambdaAuthorizerConfig"].(map[string]any); ok {
			ttl := "300" // AppSync's default when the property is absent
			if x, ok := c["AuthorizerResultTtlInSeconds"]; ok {
				ttl = toString(x)
			}
			v.auth[prefix+" Lambda TTL seconds"] = ttl
			if x, ok := c["IdentityValidationExpression"]; ok && toString(x) != "" {
				v.auth[prefix+" Lambda identity validation"] = toString(x)
			}
		}
		if c, ok := p["UserPoolConfig"].(map[string]any); ok {
			if x, ok := c["AppIdClientRegex"]; ok {
				v.auth[prefix+" user pool client regex"] = toString(x)
			}
			if x, ok := c["DefaultAction"]; ok {
				v.auth[prefix+" user pool default action"] = toString(x)
			}
		}
	}
	describeProvider("default", props)
	var additional []string
	if list, ok := props["AdditionalAuthenticationProviders"].([]any); ok {
		for _, it := range list {
			p, _ := it.(map[string]any)
			typ := toString(p["AuthenticationType"])
			additional = append(additional, typ)
			describeProvider("additional "+typ, p)
		}
	}
	sort.Strings(additional)
	v.auth["additional modes"] = strings.Join(additional, ", ")
	for _, k := range byType["AWS::AppSync::ApiKey"] {
		if d, ok := k.r.Properties["Description"]; ok {
			v.auth["API key description"] = toString(a.eval(k.s, d))
		}
		exp, ok := k.r.Properties["Expires"].(float64)
		if !ok {
			v.auth["API key expiry"] = "no expiry"
			continue
		}
		// Expires is an absolute time computed at synth; the template's
		// modification time is when that was.
		st, err := os.Stat(filepath.Join(dir, k.s.File))
		if err != nil {
			return nil, err
		}
		days := math.Round((exp - float64(st.ModTime().Unix())) / 86400)
		v.auth["API key expiry"] = fmt.Sprintf("%d days", int(days))
	}

	for _, f := range byType["AWS::AppSync::GraphQLSchema"] {
		loc, ok := f.r.Properties["DefinitionS3Location"]
		if !ok {
			v.schema = toString(a.eval(f.s, f.r.Properties["Definition"]))
			continue
		}
		s, err := a.asset(f.s, loc)
		if err != nil {
			return nil, fmt.Errorf("GraphQL schema: %w", err)
		}
		v.schema = s
	}

	tables := append(append([]found{}, byType["AWS::DynamoDB::Table"]...), byType["Custom::AmplifyDynamoDBTable"]...)
	for _, f := range tables {
		props, _ := a.eval(f.s, f.r.Properties).(map[string]any)
		name := toString(getCI(props, "TableName"))
		model, ok := strings.CutSuffix(name, apiSuffix)
		if !ok {
			continue // not a table of the API
		}
		v.tables[model] = readTable(props)
	}

	template := func(s *cfnStack, props map[string]any, name string) (string, error) {
		if loc, ok := props[name+"S3Location"]; ok {
			return a.asset(s, loc)
		}
		return toString(a.eval(s, props[name])), nil
	}
	// Aspects common to resolvers and functions.
	readCode := func(s *cfnStack, raw map[string]any, out map[string]string) error {
		for _, n := range []string{"RequestMappingTemplate", "ResponseMappingTemplate", "Code"} {
			t, err := template(s, raw, n)
			if err != nil {
				return fmt.Errorf("%s: %w", n, err)
			}
			if t != "" {
				out[n] = t
			}
		}
		ev, _ := a.eval(s, raw).(map[string]any)
		for _, n := range []string{"DataSourceName", "FunctionVersion", "MaxBatchSize"} {
			if x, ok := ev[n]; ok {
				out[n] = toString(x)
			}
		}
		for _, n := range []string{"Runtime", "SyncConfig", "CachingConfig"} {
			if x, ok := ev[n]; ok {
				out[n] = canonJSON(x)
			}
		}
		return nil
	}
	for _, f := range byType["AWS::AppSync::Resolver"] {
		ev, _ := a.eval(f.s, f.r.Properties).(map[string]any)
		key := toString(ev["TypeName"]) + "." + toString(ev["FieldName"])
		out := map[string]string{"Kind": "UNIT"}
		if k, ok := ev["Kind"]; ok {
			out["Kind"] = toString(k)
		}
		if pc, ok := ev["PipelineConfig"].(map[string]any); ok {
			var fns []string
			list, _ := pc["Functions"].([]any)
			for _, fn := range list {
				s := toString(fn)
				s = strings.TrimSuffix(strings.TrimPrefix(s, "<function:"), ">")
				fns = append(fns, s)
			}
			out["Functions"] = strings.Join(fns, " → ")
		}
		if err := readCode(f.s, f.r.Properties, out); err != nil {
			return nil, fmt.Errorf("resolver %s: %w", key, err)
		}
		v.resolvers[key] = out
	}
	for _, f := range byType["AWS::AppSync::FunctionConfiguration"] {
		name := toString(a.eval(f.s, f.r.Properties["Name"]))
		out := map[string]string{}
		if err := readCode(f.s, f.r.Properties, out); err != nil {
			return nil, fmt.Errorf("function %s: %w", name, err)
		}
		v.functions[name] = out
	}
	for _, f := range byType["AWS::AppSync::DataSource"] {
		ev, _ := a.eval(f.s, f.r.Properties).(map[string]any)
		name := toString(ev["Name"])
		out := map[string]string{"Type": toString(ev["Type"])}
		for _, n := range []string{"DynamoDBConfig", "LambdaConfig", "HttpConfig", "OpenSearchServiceConfig", "ElasticsearchConfig", "RelationalDatabaseConfig", "EventBridgeConfig"} {
			if x, ok := ev[n]; ok {
				out[n] = canonJSON(x)
			}
		}
		v.dataSources[name] = out
	}
	return v, nil
}

func getCI(m map[string]any, name string) any {
	v, _ := propCI(m, name)
	return v
}

// readTable reads an evaluated AWS::DynamoDB::Table or
// Custom::AmplifyDynamoDBTable (same properties, camelCase).
func readTable(p map[string]any) *tableView {
	t := &tableView{settings: map[string]string{}, indexes: map[string]string{}, attrs: map[string]string{}}
	keys := func(v any) string {
		list, _ := v.([]any)
		var parts []string
		for _, k := range list {
			m, _ := k.(map[string]any)
			parts = append(parts, toString(getCI(m, "AttributeName"))+" "+toString(getCI(m, "KeyType")))
		}
		return strings.Join(parts, ", ")
	}
	t.settings["key schema"] = keys(getCI(p, "KeySchema"))
	if list, ok := getCI(p, "AttributeDefinitions").([]any); ok {
		for _, a := range list {
			m, _ := a.(map[string]any)
			t.attrs[toString(getCI(m, "AttributeName"))] = toString(getCI(m, "AttributeType"))
		}
	}
	billing := toString(getCI(p, "BillingMode"))
	if billing == "" {
		billing = "PROVISIONED"
	}
	t.settings["billing mode"] = billing
	throughput := func(v any) string {
		if billing != "PROVISIONED" {
			return ""
		}
		m, _ := v.(map[string]any)
		return toString(getCI(m, "ReadCapacityUnits")) + " read, " + toString(getCI(m, "WriteCapacityUnits")) + " write"
	}
	if tp := throughput(getCI(p, "ProvisionedThroughput")); tp != "" {
		t.settings["throughput"] = tp
	}
	index := func(kind string, v any) {
		list, _ := v.([]any)
		for _, it := range list {
			m, _ := it.(map[string]any)
			desc := "keys " + keys(getCI(m, "KeySchema"))
			proj, _ := getCI(m, "Projection").(map[string]any)
			desc += "; projection " + toString(getCI(proj, "ProjectionType"))
			if nk, ok := getCI(proj, "NonKeyAttributes").([]any); ok {
				var names []string
				for _, n := range nk {
					names = append(names, toString(n))
				}
				sort.Strings(names)
				desc += " " + strings.Join(names, ", ")
			}
			if tp := throughput(getCI(m, "ProvisionedThroughput")); tp != "" {
				desc += "; " + tp
			}
			t.indexes[kind+" "+toString(getCI(m, "IndexName"))] = desc
		}
	}
	index("GSI", getCI(p, "GlobalSecondaryIndexes"))
	index("LSI", getCI(p, "LocalSecondaryIndexes"))
	stream := "off"
	if s, ok := getCI(p, "StreamSpecification").(map[string]any); ok {
		if vt := toString(getCI(s, "StreamViewType")); vt != "" {
			stream = vt
		}
		if e, ok := getCI(s, "StreamEnabled").(bool); ok && !e {
			stream = "off"
		}
	}
	t.settings["stream"] = stream
	ttl := "off"
	if s, ok := getCI(p, "TimeToLiveSpecification").(map[string]any); ok && truthy(getCI(s, "Enabled")) {
		ttl = "on " + toString(getCI(s, "AttributeName"))
	}
	t.settings["TTL"] = ttl
	sse := false
	if s, ok := getCI(p, "SSESpecification").(map[string]any); ok {
		sse = truthy(getCI(s, "SSEEnabled"))
	}
	t.settings["server-side encryption (KMS)"] = fmt.Sprint(sse)
	pitr := false
	if s, ok := getCI(p, "PointInTimeRecoverySpecification").(map[string]any); ok {
		pitr = truthy(getCI(s, "PointInTimeRecoveryEnabled"))
	}
	t.settings["point-in-time recovery"] = fmt.Sprint(pitr)
	t.settings["deletion protection"] = fmt.Sprint(truthy(getCI(p, "DeletionProtectionEnabled")))
	return t
}
