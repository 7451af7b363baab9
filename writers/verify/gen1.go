package verify

import (
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// The CDK app that synthesizes a Gen 1 API (run with tsx from the
// toolchain). It is embedded so that a test needs nothing beside the
// toolchain, and its bytes are part of the cache key.
//
//go:embed scripts/gen1-synth.ts
var gen1SynthScript []byte

// Gen1API is a Gen 1 GraphQL API as the Amplify CLI's transformer (v2) saw
// it. SynthGen1 turns it into a cloud assembly with the same transformer
// (@aws-amplify/graphql-api-construct).
type Gen1API struct {
	// Name is the API name (apiName); it only names the AppSync API.
	Name string
	// Schema is the schema text (schema.graphql, or the schema/ files joined).
	Schema string
	// AuthModes are the API's authorization modes, the default mode first.
	AuthModes []AuthMode
	// Auth is true when the project has a Cognito user pool and identity
	// pool (Gen 2: defineAuth). The API's resolvers refer to the identity
	// pool's roles; AMAZON_COGNITO_USER_POOLS needs it.
	Auth bool
	// UserPoolGroups are the user pool's groups.
	UserPoolGroups []string
	// Translation is the transformer behaviour, from cli.json flags.
	Translation TranslationBehavior
	// TableParameters are the API's parameters.json values that the model
	// stacks take (DynamoDBBillingMode, DynamoDBEnableServerSideEncryption,
	// DynamoDBEnablePointInTimeRecovery, DynamoDBModelTableReadIOPS,
	// DynamoDBModelTableWriteIOPS). Missing ones take what `amplify add api`
	// writes: PAY_PER_REQUEST billing and no KMS encryption.
	TableParameters map[string]string
	// ConflictResolution is the DataStore configuration (transform.conf.json
	// ResolverConfig), or nil.
	ConflictResolution *ConflictResolution
}

// Auth mode types, as Gen 1 and AppSync spell them.
const (
	AuthAPIKey    = "API_KEY"
	AuthUserPools = "AMAZON_COGNITO_USER_POOLS"
	AuthIAM       = "AWS_IAM"
	AuthOIDC      = "OPENID_CONNECT"
	AuthLambda    = "AWS_LAMBDA"
)

// AuthMode is one authorization mode of an API.
type AuthMode struct {
	Type string `json:"type"`

	APIKeyExpiresInDays int    `json:"apiKeyExpiresInDays,omitempty"`
	APIKeyDescription   string `json:"apiKeyDescription,omitempty"`

	OIDCProviderName  string `json:"oidcProviderName,omitempty"`
	OIDCIssuerURL     string `json:"oidcIssuerUrl,omitempty"`
	OIDCClientID      string `json:"oidcClientId,omitempty"`
	OIDCAuthTTLMillis int64  `json:"oidcAuthTTLMillis,omitempty"`
	OIDCIatTTLMillis  int64  `json:"oidcIatTTLMillis,omitempty"`

	LambdaFunction   string `json:"lambdaFunctionName,omitempty"`
	LambdaTTLSeconds int    `json:"lambdaTTLSeconds,omitempty"`
}

// TranslationBehavior is the construct's translationBehavior (see
// PartialTranslationBehavior in @aws-amplify/graphql-api-construct).
type TranslationBehavior struct {
	ShouldDeepMergeDirectiveConfigDefaults       bool `json:"shouldDeepMergeDirectiveConfigDefaults"`
	DisableResolverDeduping                      bool `json:"disableResolverDeduping"`
	SandboxModeEnabled                           bool `json:"sandboxModeEnabled"`
	UseSubUsernameForDefaultIdentityClaim        bool `json:"useSubUsernameForDefaultIdentityClaim"`
	SubscriptionsInheritPrimaryAuth              bool `json:"subscriptionsInheritPrimaryAuth"`
	PopulateOwnerFieldForStaticGroupAuth         bool `json:"populateOwnerFieldForStaticGroupAuth"`
	SuppressAPIKeyGeneration                     bool `json:"suppressApiKeyGeneration"`
	SecondaryKeyAsGSI                            bool `json:"secondaryKeyAsGSI"`
	EnableAutoIndexQueryNames                    bool `json:"enableAutoIndexQueryNames"`
	RespectPrimaryKeyAttributesOnConnectionField bool `json:"respectPrimaryKeyAttributesOnConnectionField"`
	EnableSearchNodeToNodeEncryption             bool `json:"enableSearchNodeToNodeEncryption"`
	EnableSearchEncryptionAtRest                 bool `json:"enableSearchEncryptionAtRest"`
	EnableTransformerCfnOutputs                  bool `json:"enableTransformerCfnOutputs"`
}

// ConflictResolution is DataStore conflict handling for the project and per
// model.
type ConflictResolution struct {
	Project *ConflictStrategy           `json:"project,omitempty"`
	Models  map[string]ConflictStrategy `json:"models,omitempty"`
}

// ConflictStrategy is one conflict handler: AUTOMERGE,
// OPTIMISTIC_CONCURRENCY or LAMBDA (with the function's name).
type ConflictStrategy struct {
	Handler        string `json:"handlerType"`
	Detection      string `json:"detectionType"`
	LambdaFunction string `json:"lambdaFunctionName,omitempty"`
}

// gen1Config is what the script reads.
type gen1Config struct {
	Name                       string              `json:"name"`
	Schema                     string              `json:"schema"`
	AuthModes                  []AuthMode          `json:"authModes"`
	Auth                       bool                `json:"auth"`
	UserPoolGroups             []string            `json:"userPoolGroups"`
	EnableIamAuthorizationMode bool                `json:"enableIamAuthorizationMode"`
	TranslationBehavior        TranslationBehavior `json:"translationBehavior"`
	TableParameters            map[string]string   `json:"tableParameters"`
	ConflictResolution         *ConflictResolution `json:"conflictResolution,omitempty"`
}

// defaultTableParameters are what `amplify add api` writes to the API's
// parameters.json (every corpus project that kept the file has them).
var defaultTableParameters = map[string]string{
	"DynamoDBBillingMode":                "PAY_PER_REQUEST",
	"DynamoDBEnableServerSideEncryption": "false",
}

func (api Gen1API) config() (gen1Config, error) {
	if strings.TrimSpace(api.Schema) == "" {
		return gen1Config{}, fmt.Errorf("API %s: empty schema", api.Name)
	}
	if len(api.AuthModes) == 0 {
		return gen1Config{}, fmt.Errorf("API %s: no authorization modes", api.Name)
	}
	seen := map[string]bool{}
	for _, m := range api.AuthModes {
		switch m.Type {
		case AuthAPIKey, AuthUserPools, AuthIAM, AuthOIDC, AuthLambda:
		default:
			return gen1Config{}, fmt.Errorf("API %s: unknown authorization mode %q", api.Name, m.Type)
		}
		if seen[m.Type] {
			return gen1Config{}, fmt.Errorf("API %s: authorization mode %s listed twice", api.Name, m.Type)
		}
		seen[m.Type] = true
		if m.Type == AuthUserPools && !api.Auth {
			return gen1Config{}, fmt.Errorf("API %s: %s needs a user pool (set Auth)", api.Name, AuthUserPools)
		}
	}
	params := map[string]string{}
	for k, v := range defaultTableParameters {
		params[k] = v
	}
	for k, v := range api.TableParameters {
		params[k] = v
	}
	tb := api.Translation
	// See Gen1SynthSettings.
	tb.DisableResolverDeduping = true
	return gen1Config{
		Name:                       api.Name,
		Schema:                     api.Schema,
		AuthModes:                  api.AuthModes,
		Auth:                       api.Auth,
		UserPoolGroups:             api.UserPoolGroups,
		EnableIamAuthorizationMode: true,
		TranslationBehavior:        tb,
		TableParameters:            params,
		ConflictResolution:         api.ConflictResolution,
	}, nil
}

// EnvGen1Cache names the folder where SynthGen1 keeps assemblies between
// runs ("off" disables the cache). The default is a folder in os.TempDir().
const EnvGen1Cache = "MIGRATE_GEN1_CACHE"

// Gen1CacheDir returns the folder SynthGen1 caches assemblies in, or "" when
// caching is off.
func Gen1CacheDir() string {
	switch v := os.Getenv(EnvGen1Cache); v {
	case "off":
		return ""
	case "":
		return filepath.Join(os.TempDir(), "amplify-migrate-gen1-cache")
	default:
		return v
	}
}

// SynthGen1 synthesizes the API with AmplifyGraphqlApi, as Gen 1's CLI
// transformed it, and returns the cloud assembly. Assemblies are cached on
// disk (see Gen1CacheDir) by a hash of the script, the API and the
// toolchain's lock file, so repeated runs cost a file read.
func SynthGen1(ctx context.Context, tc *Toolchain, api Gen1API) (*Assembly, error) {
	cfg, err := api.config()
	if err != nil {
		return nil, err
	}
	cfgJSON, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		return nil, err
	}
	lock, err := os.ReadFile(filepath.Join(tc.Dir, "package-lock.json"))
	if err != nil {
		return nil, fmt.Errorf("toolchain lock file: %w", err)
	}
	h := sha256.New()
	for _, part := range [][]byte{gen1SynthScript, cfgJSON, lock} {
		fmt.Fprintf(h, "%d:", len(part))
		h.Write(part)
	}
	key := hex.EncodeToString(h.Sum(nil))[:32]

	cache := Gen1CacheDir()
	if cache != "" {
		dir := filepath.Join(cache, key)
		if _, err := os.Stat(filepath.Join(dir, "manifest.json")); err == nil {
			return LoadAssembly(dir)
		}
		if err := os.MkdirAll(cache, 0o755); err != nil {
			return nil, err
		}
	}
	// Work beside the cache so that the result moves in with a rename.
	base := cache
	if base == "" {
		base = os.TempDir()
	}
	work, err := os.MkdirTemp(base, ".work-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	if err := os.Symlink(filepath.Join(tc.Dir, "node_modules"), filepath.Join(work, "node_modules")); err != nil {
		return nil, err
	}
	files := map[string][]byte{
		"package.json":   []byte(`{"type":"module","private":true}` + "\n"),
		"gen1-synth.ts":  gen1SynthScript,
		"gen1-api.json":  cfgJSON,
		"cdk.json":       []byte(`{}` + "\n"),
		".gen1-cache-id": []byte(key + "\n"),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(work, name), data, 0o644); err != nil {
			return nil, err
		}
	}
	out := filepath.Join(work, "cdk.out")
	if _, err := tc.RunScript(ctx, work, nil, "gen1-synth.ts", "gen1-api.json", out); err != nil {
		return nil, fmt.Errorf("Gen 1 synth of API %s: %w", api.Name, err)
	}
	// Keep the input beside the output: it is what a reader of a kept or
	// cached assembly wants to see first.
	if err := os.WriteFile(filepath.Join(out, "gen1-api.json"), cfgJSON, 0o644); err != nil {
		return nil, err
	}
	if cache == "" {
		keep, err := os.MkdirTemp(base, "amplify-migrate-gen1-out-*")
		if err != nil {
			return nil, err
		}
		if err := os.Rename(out, filepath.Join(keep, "cdk.out")); err != nil {
			return nil, err
		}
		return LoadAssembly(filepath.Join(keep, "cdk.out"))
	}
	dir := filepath.Join(cache, key)
	if err := os.Rename(out, dir); err != nil {
		// Another process cached the same API meanwhile: use its copy.
		if _, statErr := os.Stat(filepath.Join(dir, "manifest.json")); statErr != nil {
			return nil, err
		}
	}
	return LoadAssembly(dir)
}
