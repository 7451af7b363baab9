package verify

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// TransformerVersion returns the GraphQL transformer version Gen 1's CLI
// used for a project (amplify-category-api transformer-version.ts): 1 unless
// useExperimentalPipelinedTransformer is on, then transformerVersion, whose
// default for projects created before it existed is 1.
func TransformerVersion(f model.Flags) int {
	if !f.Bool("graphqltransformer", "useexperimentalpipelinedtransformer", false) {
		return 1
	}
	return f.Int("graphqltransformer", "transformerversion", 1)
}

// Translation maps a project's cli.json transformer flags to the
// construct's translationBehavior the way Gen 1's CLI did (a flag missing
// from cli.json takes its default for existing projects, amplify-cli-core
// featureFlags.ts). Gen 1 never deep-merged @model argument maps.
func Translation(f model.Flags) TranslationBehavior {
	b := func(key string, def bool) bool { return f.Bool("graphqltransformer", key, def) }
	return TranslationBehavior{
		ShouldDeepMergeDirectiveConfigDefaults:       b("shouldDeepMergeDirectiveConfigDefaults", false),
		UseSubUsernameForDefaultIdentityClaim:        b("useSubUsernameForDefaultIdentityClaim", true),
		SubscriptionsInheritPrimaryAuth:              b("subscriptionsInheritPrimaryAuth", false),
		PopulateOwnerFieldForStaticGroupAuth:         b("populateOwnerFieldForStaticGroupAuth", false),
		SecondaryKeyAsGSI:                            b("secondaryKeyAsGSI", false),
		EnableAutoIndexQueryNames:                    b("enableAutoIndexQueryNames", false),
		RespectPrimaryKeyAttributesOnConnectionField: b("respectPrimaryKeyAttributesOnConnectionField", false),
		EnableTransformerCfnOutputs:                  true,
	}
}

// Gen1APIFromProject builds the Gen1API of an AppSync resource of a read
// project: its schema files, its auth modes (cli-inputs.json
// serviceConfiguration, else backend-config.json's authConfig), the
// project's transformer flags, and, read from the API folder, the table
// parameters of parameters.json and the DataStore settings of
// transform.conf.json.
func Gen1APIFromProject(p *model.Project, r *model.Resource) (Gen1API, error) {
	if r.GraphQL == nil {
		return Gen1API{}, fmt.Errorf("%s/%s is not an AppSync API", r.Category, r.Name)
	}
	api := Gen1API{Name: r.Name, Translation: Translation(p.Flags)}
	var parts []string
	for _, f := range r.GraphQL.SchemaFiles {
		b, err := os.ReadFile(filepath.Join(p.Root, f))
		if err != nil {
			return Gen1API{}, fmt.Errorf("API %s schema: %w", r.Name, err)
		}
		// Editors on Windows write a BOM, which the Gen 1 CLI stripped.
		parts = append(parts, strings.TrimPrefix(string(b), "\ufeff"))
	}
	api.Schema = strings.Join(parts, "\n")
	if strings.TrimSpace(api.Schema) == "" {
		return Gen1API{}, fmt.Errorf("API %s has no schema (schema.graphql or schema/)", r.Name)
	}

	modes, err := authModesFromSettings(r.GraphQL.Settings)
	if err != nil {
		return Gen1API{}, fmt.Errorf("API %s: cli-inputs.json: %w", r.Name, err)
	}
	if len(modes) == 0 {
		if modes, err = authModesFromBackendConfig(p, r.Name); err != nil {
			return Gen1API{}, fmt.Errorf("API %s: backend-config.json: %w", r.Name, err)
		}
	}
	if len(modes) == 0 {
		return Gen1API{}, fmt.Errorf("API %s: no authorization modes in cli-inputs.json or backend-config.json", r.Name)
	}
	api.AuthModes = modes

	for _, res := range p.Resources {
		if res.Auth != nil && res.Service == "Cognito" {
			api.Auth = true
		}
		if res.UserPoolGroups != nil {
			for _, g := range res.UserPoolGroups.Groups {
				api.UserPoolGroups = append(api.UserPoolGroups, g.Name)
			}
		}
	}
	for _, m := range modes {
		if m.Type == AuthUserPools {
			api.Auth = true
		}
	}

	if params, err := readJSONFile(filepath.Join(p.Root, r.Dir, "parameters.json")); err == nil {
		api.TableParameters = map[string]string{}
		for _, k := range []string{"DynamoDBBillingMode", "DynamoDBEnableServerSideEncryption", "DynamoDBEnablePointInTimeRecovery", "DynamoDBModelTableReadIOPS", "DynamoDBModelTableWriteIOPS"} {
			if v, ok := params[k]; ok {
				api.TableParameters[k] = scalarString(v)
			}
		}
	} else if !os.IsNotExist(err) {
		return Gen1API{}, fmt.Errorf("API %s: %w", r.Name, err)
	}
	if conf, err := readJSONFile(filepath.Join(p.Root, r.Dir, "transform.conf.json")); err == nil {
		api.ConflictResolution = conflictResolution(conf)
	} else if !os.IsNotExist(err) {
		return Gen1API{}, fmt.Errorf("API %s: %w", r.Name, err)
	}
	api.Translation.SandboxModeEnabled = sandboxMode(api.Schema) && hasMode(modes, AuthAPIKey)
	return api, nil
}

func hasMode(modes []AuthMode, typ string) bool {
	for _, m := range modes {
		if m.Type == typ {
			return true
		}
	}
	return false
}

// sandboxMode reports whether the schema turns on Gen 1's sandbox mode:
// input AMPLIFY { globalAuthRule: AuthRule = { allow: public } }
// (amplify-category-api schemaHasSandboxModeEnabled).
func sandboxMode(schema string) bool {
	doc, err := parser.ParseSchema(&ast.Source{Input: schema})
	if err != nil {
		return false
	}
	for _, d := range doc.Definitions {
		if d.Name != "AMPLIFY" || d.Kind != ast.InputObject {
			continue
		}
		f := d.Fields.ForName("globalAuthRule")
		if f == nil || f.DefaultValue == nil {
			return false
		}
		allow := f.DefaultValue.Children.ForName("allow")
		return allow != nil && allow.Raw == "public"
	}
	return false
}

func readJSONFile(path string) (map[string]any, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var v map[string]any
	// The Gen 1 CLI read JSON files with a BOM (editors on Windows write one).
	if err := json.Unmarshal(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), &v); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}

func scalarString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func intOf(v any) int64 {
	switch x := v.(type) {
	case float64:
		return int64(x)
	case string:
		n, _ := strconv.ParseInt(strings.TrimSpace(x), 10, 64)
		return n
	}
	return 0
}

// authModesFromSettings reads cli-inputs.json serviceConfiguration
// (defaultAuthType, additionalAuthTypes), flattened by the reader.
func authModesFromSettings(s map[string]string) ([]AuthMode, error) {
	raw, ok := s["defaultAuthType"]
	if !ok || raw == "" {
		return nil, nil
	}
	var def map[string]any
	if err := json.Unmarshal([]byte(raw), &def); err != nil {
		return nil, fmt.Errorf("defaultAuthType: %w", err)
	}
	all := []map[string]any{def}
	if raw := s["additionalAuthTypes"]; raw != "" {
		var more []map[string]any
		if err := json.Unmarshal([]byte(raw), &more); err != nil {
			return nil, fmt.Errorf("additionalAuthTypes: %w", err)
		}
		all = append(all, more...)
	}
	var out []AuthMode
	for _, m := range all {
		mode := AuthMode{Type: scalarString(m["mode"])}
		switch mode.Type {
		case AuthAPIKey:
			mode.APIKeyExpiresInDays = int(intOf(m["expirationTime"]))
			mode.APIKeyDescription, _ = m["keyDescription"].(string)
		case AuthOIDC:
			mode.OIDCProviderName, _ = m["openIDProviderName"].(string)
			mode.OIDCIssuerURL, _ = m["openIDIssuerURL"].(string)
			mode.OIDCClientID, _ = m["openIDClientID"].(string)
			mode.OIDCAuthTTLMillis = intOf(m["openIDAuthTTL"])
			mode.OIDCIatTTLMillis = intOf(m["openIDIatTTL"])
		case AuthLambda:
			mode.LambdaFunction, _ = m["lambdaFunction"].(string)
			mode.LambdaTTLSeconds = int(intOf(m["ttlSeconds"]))
		case AuthUserPools, AuthIAM:
		default:
			return nil, fmt.Errorf("unknown auth mode %q", mode.Type)
		}
		out = append(out, mode)
	}
	return out, nil
}

// authModesFromBackendConfig reads api.<name>.output.authConfig from
// backend-config.json, which projects without cli-inputs.json keep.
func authModesFromBackendConfig(p *model.Project, name string) ([]AuthMode, error) {
	bc, err := readJSONFile(filepath.Join(p.Root, p.AmplifyDir, "backend", "backend-config.json"))
	if err != nil {
		return nil, err
	}
	get := func(m map[string]any, key string) map[string]any {
		v, _ := m[key].(map[string]any)
		return v
	}
	cfg := get(get(get(get(bc, "api"), name), "output"), "authConfig")
	if cfg == nil {
		return nil, nil
	}
	all := []map[string]any{get(cfg, "defaultAuthentication")}
	if list, ok := cfg["additionalAuthenticationProviders"].([]any); ok {
		for _, it := range list {
			if m, ok := it.(map[string]any); ok {
				all = append(all, m)
			}
		}
	}
	var out []AuthMode
	for _, m := range all {
		if m == nil {
			continue
		}
		mode := AuthMode{Type: scalarString(m["authenticationType"])}
		switch mode.Type {
		case AuthAPIKey:
			c := get(m, "apiKeyConfig")
			mode.APIKeyExpiresInDays = int(intOf(c["apiKeyExpirationDays"]))
			mode.APIKeyDescription, _ = c["description"].(string)
		case AuthOIDC:
			c := get(m, "openIDConnectConfig")
			mode.OIDCProviderName, _ = c["name"].(string)
			mode.OIDCIssuerURL, _ = c["issuerUrl"].(string)
			mode.OIDCClientID, _ = c["clientId"].(string)
			mode.OIDCAuthTTLMillis = intOf(c["authTTL"])
			mode.OIDCIatTTLMillis = intOf(c["iatTTL"])
		case AuthLambda:
			c := get(m, "lambdaAuthorizerConfig")
			mode.LambdaFunction, _ = c["lambdaFunction"].(string)
			mode.LambdaTTLSeconds = int(intOf(c["ttlSeconds"]))
		case AuthUserPools, AuthIAM:
		default:
			return nil, fmt.Errorf("unknown authenticationType %q", mode.Type)
		}
		out = append(out, mode)
	}
	return out, nil
}

// conflictResolution reads transform.conf.json ResolverConfig.
func conflictResolution(conf map[string]any) *ConflictResolution {
	rc, ok := conf["ResolverConfig"].(map[string]any)
	if !ok {
		return nil
	}
	strategy := func(v any) *ConflictStrategy {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		s := &ConflictStrategy{Handler: scalarString(m["ConflictHandler"]), Detection: scalarString(m["ConflictDetection"])}
		if s.Detection == "" {
			s.Detection = "VERSION"
		}
		if l, ok := m["LambdaConflictHandler"].(map[string]any); ok {
			s.LambdaFunction = scalarString(l["name"])
		}
		return s
	}
	out := &ConflictResolution{Project: strategy(rc["project"])}
	if models, ok := rc["models"].(map[string]any); ok {
		names := make([]string, 0, len(models))
		for n := range models {
			names = append(names, n)
		}
		sort.Strings(names)
		out.Models = map[string]ConflictStrategy{}
		for _, n := range names {
			if s := strategy(models[n]); s != nil {
				out.Models[n] = *s
			}
		}
	}
	if out.Project == nil && len(out.Models) == 0 {
		return nil
	}
	return out
}
