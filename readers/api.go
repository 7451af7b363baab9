package readers

import (
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/amplify-migrate/amplify-migrate/model"
)

// readGraphQL reads an AppSync API: its schema (schema.graphql, or the
// schema/ folder), the API's authorization modes and settings, and what
// the transformer was told (cli.json flags, transform.conf.json).
func (r *reader) readGraphQL(res *model.Resource, bc *jsonDoc, jp string, entry gjson.Result) {
	g := &model.GraphQLAPI{APIName: res.Name}
	res.GraphQL = g
	if res.Outputs != nil {
		g.APIID = res.Outputs["GraphQLAPIIdOutput"]
	}
	var doc *jsonDoc
	doc, g.Settings, g.Positions = r.readSettings(res, "serviceConfiguration", "cli-inputs.json")
	if doc != nil {
		if n := doc.root.Get("serviceConfiguration.apiName").String(); n != "" {
			g.APIName = n
		}
		r.readAuthModes(g, doc, "serviceConfiguration")
		r.readCLIConflict(g, doc)
	}
	if g.Auth.Default.Type == "" {
		// Older projects have no cli-inputs.json: backend-config's output
		// keeps the modes the API was pushed with.
		r.readOutputAuthConfig(g, bc, jp, entry)
	}
	if d := r.loadJSON(path.Join(res.Dir, "parameters.json"), false, ""); d != nil {
		if n := d.root.Get("AppSyncApiName").String(); n != "" && doc == nil {
			g.APIName = n
		}
	}
	r.readTransformConf(g, res)
	r.readAPIExtras(g, res)
	r.transformerVersion(g)
	g.Flags = r.transformerFlags()

	files := r.schemaFiles(res)
	if len(files) == 0 {
		r.errorf(res.Pos, "restore "+path.Join(res.Dir, "schema.graphql")+" from version control",
			"GraphQL API %s has no schema.graphql and no schema/ folder", res.Name)
		return
	}
	var sdl []sdlFile
	var joined strings.Builder
	for _, f := range files {
		data, ok := r.readFile(f)
		if !ok {
			continue
		}
		g.SchemaFiles = append(g.SchemaFiles, f)
		sdl = append(sdl, sdlFile{rel: f, text: string(data)})
		joined.Write(data)
		joined.WriteString("\n")
	}
	g.SourceSDL = joined.String()
	g.Schema = r.parseSDL(sdl)
	if g.Schema == nil {
		return
	}
	r.detectDirectiveVersion(g)
	r.interpretSchema(g)
	if g.Transformer.Version == 1 {
		r.upgradeV1(g)
	}
	r.resolveModels(g)
	r.resolveRelations(g)
	r.collectFunctions(g)
	for _, m := range g.Schema.Models() {
		g.Models = append(g.Models, m.Name)
	}
}

// schemaFiles returns schema.graphql, or every non-dot file of schema/
// (recursively, sorted by path) when schema.graphql does not exist, as the
// Gen 1 CLI joins them.
func (r *reader) schemaFiles(res *model.Resource) []string {
	if rel := path.Join(res.Dir, "schema.graphql"); r.exists(rel) {
		return []string{rel}
	}
	dir := path.Join(res.Dir, "schema")
	if !r.isDir(dir) {
		return nil
	}
	var out []string
	_ = fs.WalkDir(r.fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") && p != dir {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	return out
}

// authTypes are the AppSync authorization types.
var authTypes = []string{string(model.AuthAPIKey), string(model.AuthIAM), string(model.AuthUserPools), string(model.AuthOIDC), string(model.AuthLambda)}

// readAuthModes reads defaultAuthType and additionalAuthTypes of
// cli-inputs.json.
func (r *reader) readAuthModes(g *model.GraphQLAPI, d *jsonDoc, base string) {
	g.Auth.Source = d.rel
	read := func(v gjson.Result, p string) (model.AuthMode, bool) {
		m := model.AuthMode{Type: model.AuthModeType(v.Get("mode").String()), Pos: d.Pos(v, p)}
		if !contains(authTypes, string(m.Type)) {
			r.errorf(d.Pos(v.Get("mode"), p+".mode"), "the mode is one of "+strings.Join(authTypes, ", "), "unknown authorization mode %q", m.Type)
			return m, false
		}
		switch m.Type {
		case model.AuthAPIKey:
			if n, ok := asInt(v.Get("expirationTime")); ok {
				m.APIKeyExpirationDays = n
			}
			m.APIKeyDescription = v.Get("keyDescription").String()
		case model.AuthUserPools:
			m.UserPoolResource = v.Get("cognitoUserPoolId").String()
		case model.AuthOIDC:
			m.OIDCProviderName = v.Get("openIDProviderName").String()
			m.OIDCIssuerURL = v.Get("openIDIssuerURL").String()
			m.OIDCClientID = v.Get("openIDClientID").String()
			m.OIDCAuthTTL, _ = asInt(v.Get("openIDAuthTTL"))
			m.OIDCIatTTL, _ = asInt(v.Get("openIDIatTTL"))
			if m.OIDCIssuerURL == "" {
				r.errorf(m.Pos, "set openIDIssuerURL to the provider's issuer URL", "OpenID Connect authorization has no issuer URL")
			}
		case model.AuthLambda:
			m.LambdaFunction = v.Get("lambdaFunction").String()
			if n, ok := asInt(v.Get("ttlSeconds")); ok {
				m.LambdaTTLSeconds, m.LambdaTTLSet = n, true
			}
			if m.LambdaFunction == "" {
				r.errorf(m.Pos, "set lambdaFunction to the authorizer function resource", "Lambda authorization has no function")
			}
		}
		return m, true
	}
	dp := base + ".defaultAuthType"
	if v := d.root.Get(dp); v.Exists() {
		if m, ok := read(v, dp); ok {
			g.Auth.Default = m
		}
	} else {
		r.warnf(d.FilePos(), "run `amplify update api` to set the default authorization mode", "cli-inputs.json has no defaultAuthType")
	}
	ap := base + ".additionalAuthTypes"
	for i, v := range d.root.Get(ap).Array() {
		if m, ok := read(v, indexPath(ap, i)); ok {
			g.Auth.Additional = append(g.Auth.Additional, m)
		}
	}
}

// readOutputAuthConfig reads backend-config's output.authConfig (and the
// older output.securityType).
func (r *reader) readOutputAuthConfig(g *model.GraphQLAPI, bc *jsonDoc, jp string, entry gjson.Result) {
	ac := entry.Get("output.authConfig")
	acp := jp + ".output.authConfig"
	read := func(v gjson.Result, p string) (model.AuthMode, bool) {
		m := model.AuthMode{Type: model.AuthModeType(v.Get("authenticationType").String()), Pos: bc.Pos(v, p)}
		if !contains(authTypes, string(m.Type)) {
			r.errorf(m.Pos, "the authenticationType is one of "+strings.Join(authTypes, ", "), "unknown authorization mode %q", m.Type)
			return m, false
		}
		switch m.Type {
		case model.AuthAPIKey:
			m.APIKeyExpirationDays, _ = asInt(v.Get("apiKeyConfig.apiKeyExpirationDays"))
			m.APIKeyDescription = v.Get("apiKeyConfig.description").String()
		case model.AuthUserPools:
			m.UserPoolResource = v.Get("userPoolConfig.userPoolId").String()
		case model.AuthOIDC:
			oc := v.Get("openIDConnectConfig")
			m.OIDCProviderName = oc.Get("name").String()
			m.OIDCIssuerURL = oc.Get("issuerUrl").String()
			m.OIDCClientID = oc.Get("clientId").String()
			m.OIDCAuthTTL, _ = asInt(oc.Get("authTTL"))
			m.OIDCIatTTL, _ = asInt(oc.Get("iatTTL"))
		case model.AuthLambda:
			lc := v.Get("lambdaAuthorizerConfig")
			m.LambdaFunction = lc.Get("lambdaFunction").String()
			if n, ok := asInt(lc.Get("ttlSeconds")); ok {
				m.LambdaTTLSeconds, m.LambdaTTLSet = n, true
			}
		}
		return m, true
	}
	if ac.Exists() {
		g.Auth.Source = bc.rel
		if v := ac.Get("defaultAuthentication"); v.Exists() {
			if m, ok := read(v, acp+".defaultAuthentication"); ok {
				g.Auth.Default = m
			}
		}
		for i, v := range ac.Get("additionalAuthenticationProviders").Array() {
			if m, ok := read(v, indexPath(acp+".additionalAuthenticationProviders", i)); ok {
				g.Auth.Additional = append(g.Auth.Additional, m)
			}
		}
		return
	}
	if st := entry.Get("output.securityType"); st.Exists() {
		g.Auth.Source = bc.rel
		t := model.AuthModeType(st.String())
		if contains(authTypes, string(t)) {
			g.Auth.Default = model.AuthMode{Type: t, Pos: bc.Pos(st, jp+".output.securityType")}
			return
		}
		r.errorf(bc.Pos(st, jp+".output.securityType"), "the securityType is one of "+strings.Join(authTypes, ", "), "unknown authorization mode %q", st.String())
		return
	}
	r.warnf(bc.Pos(entry, jp), "run `amplify update api` (or restore cli-inputs.json) so the API's authorization modes are known; the conversion assumes Cognito user pools",
		"the authorization modes of API %s are not recorded", g.APIName)
}

// readCLIConflict reads cli-inputs.json conflictResolution.
func (r *reader) readCLIConflict(g *model.GraphQLAPI, d *jsonDoc) {
	base := "serviceConfiguration.conflictResolution"
	cr := d.root.Get(base)
	if !cr.Exists() || len(cr.Map()) == 0 {
		return
	}
	c := &model.ConflictResolution{Pos: d.Pos(cr, base)}
	if t := cr.Get("defaultResolutionStrategy.type").String(); t != "" {
		c.Strategy = t
		c.LambdaFunction = cr.Get("defaultResolutionStrategy.resolver.name").String()
	}
	for i, m := range cr.Get("perModelResolutionStrategy").Array() {
		p := indexPath(base+".perModelResolutionStrategy", i)
		c.Models = append(c.Models, model.ModelConflict{
			Model: m.Get("entityName").String(), Strategy: m.Get("resolutionStrategy.type").String(), Pos: d.Pos(m, p),
		})
	}
	if c.Strategy == "" && len(c.Models) == 0 {
		return
	}
	g.Conflict = c
}

// readTransformConf reads transform.conf.json: conflict resolution (the
// file the transformer actually uses), stack mappings, custom transformers.
func (r *reader) readTransformConf(g *model.GraphQLAPI, res *model.Resource) {
	rel := path.Join(res.Dir, "transform.conf.json")
	d := r.loadJSON(rel, false, "")
	if d == nil {
		return
	}
	tc := &g.TransformConfig
	tc.Pos = d.FilePos()
	tc.Version, _ = asInt(d.root.Get("Version"))
	if sm := d.root.Get("StackMapping"); sm.IsObject() {
		tc.StackMapping = map[string]string{}
		sm.ForEach(func(k, v gjson.Result) bool { tc.StackMapping[k.String()] = v.String(); return true })
		if len(tc.StackMapping) == 0 {
			tc.StackMapping = nil
		}
	}
	tc.Transformers = asStringList(d.root.Get("transformers"))
	rc := d.root.Get("ResolverConfig")
	if !rc.Exists() {
		return
	}
	c := &model.ConflictResolution{Pos: d.Pos(rc, "ResolverConfig")}
	if h := rc.Get("project.ConflictHandler").String(); h != "" {
		c.Strategy = h
		c.LambdaFunction = rc.Get("project.LambdaConflictHandler.name").String()
	}
	rc.Get("models").ForEach(func(k, v gjson.Result) bool {
		c.Models = append(c.Models, model.ModelConflict{Model: k.String(), Strategy: v.Get("ConflictHandler").String(),
			Pos: d.Pos(v, joinPath("ResolverConfig.models", k.String()))})
		if fn := v.Get("LambdaConflictHandler.name").String(); fn != "" && c.LambdaFunction == "" {
			c.LambdaFunction = fn
		}
		return true
	})
	if c.Strategy == "" && len(c.Models) == 0 {
		return
	}
	// transform.conf.json is what the transformer read; cli-inputs.json is
	// the CLI's copy of the user's answers.
	g.Conflict = c
}

// readAPIExtras lists custom resolvers, custom stacks and admin roles.
func (r *reader) readAPIExtras(g *model.GraphQLAPI, res *model.Resource) {
	for _, f := range r.listFiles(path.Join(res.Dir, "resolvers")) {
		base := path.Base(f)
		if strings.EqualFold(base, "README.md") || strings.HasPrefix(base, ".") {
			continue
		}
		g.Resolvers = append(g.Resolvers, f)
	}
	for _, f := range r.listFiles(path.Join(res.Dir, "stacks")) {
		if !strings.HasSuffix(f, ".json") && !strings.HasSuffix(f, ".yaml") && !strings.HasSuffix(f, ".yml") {
			if !strings.HasPrefix(path.Base(f), ".") {
				g.Stacks = append(g.Stacks, f)
			}
			continue
		}
		if strings.HasSuffix(f, ".json") {
			d := r.loadJSON(f, false, "")
			if d == nil {
				continue
			}
			// The CLI writes an empty CustomResources.json into every API
			// (newer CLIs with a placeholder Custom::EmptyResource).
			real := 0
			d.root.Get("Resources").ForEach(func(_, v gjson.Result) bool {
				if v.Get("Type").String() != "Custom::EmptyResource" {
					real++
				}
				return true
			})
			if real == 0 {
				continue
			}
		}
		g.Stacks = append(g.Stacks, f)
	}
	rel := path.Join(res.Dir, "custom-roles.json")
	if d := r.loadJSON(rel, false, ""); d != nil {
		v, pos := d.Get("adminRoleNames")
		g.AdminRoles = asStringList(v)
		g.AdminRolesPos = pos
	}
}

// transformerVersion applies the CLI's rule: useexperimentalpipelinedtransformer
// false means v1; otherwise transformerversion (missing means an old
// project, v1).
func (r *reader) transformerVersion(g *model.GraphQLAPI) {
	t := &g.Transformer
	t.Pos = model.Pos{File: r.rel("cli.json"), Path: "features.graphqltransformer"}
	f := r.p.Flags
	if !f.Has("graphqltransformer", "transformerversion") && !f.Has("graphqltransformer", "useexperimentalpipelinedtransformer") {
		t.Version = 1
		t.Source = "cli.json sets neither transformerversion nor useexperimentalpipelinedtransformer, so the CLI used transformer v1"
		return
	}
	if !f.Bool("graphqltransformer", "useexperimentalpipelinedtransformer", false) {
		t.Version = 1
		t.Source = "cli.json useexperimentalpipelinedtransformer is false, so the CLI used transformer v1"
		return
	}
	t.Version = f.Int("graphqltransformer", "transformerversion", 1)
	if t.Version != 1 && t.Version != 2 {
		r.warnf(t.Pos, "transformerversion is 1 or 2", "cli.json transformerversion %d is unknown; reading the schema as v2", t.Version)
		t.Version = 2
	}
	t.Source = "cli.json transformerversion is " + strconv.Itoa(t.Version)
}

// v1Only and v2Only are the directives that exist in one transformer
// version only.
var (
	v1Only = []string{"key", "connection", "versioned"}
	v2Only = []string{"primaryKey", "index", "hasMany", "hasOne", "belongsTo", "manyToMany", "default", "mapsTo"}
)

// detectDirectiveVersion cross-checks the transformer version with the
// directives the schema uses. When the schema only makes sense for the
// other version, the schema wins: Gen 1 could not have compiled it
// otherwise (the flags may come from another environment).
func (r *reader) detectDirectiveVersion(g *model.GraphQLAPI) {
	seen := map[string]model.Pos{}
	var order []string
	note := func(ds []*model.Directive) {
		for _, d := range ds {
			if _, ok := seen[d.Name]; !ok && (contains(v1Only, d.Name) || contains(v2Only, d.Name)) {
				seen[d.Name] = d.Pos
				order = append(order, d.Name)
			}
		}
	}
	for _, t := range g.Schema.Types {
		note(t.Directives)
		for _, f := range t.Fields {
			note(f.Directives)
		}
	}
	t := &g.Transformer
	for _, n := range order {
		if contains(v1Only, n) {
			t.V1Directives = append(t.V1Directives, "@"+n)
		} else {
			t.V2Directives = append(t.V2Directives, "@"+n)
		}
	}
	switch {
	case len(t.V1Directives) > 0 && len(t.V2Directives) > 0:
		r.warnf(seen[strings.TrimPrefix(t.V1Directives[0], "@")], "use one transformer version's directives: v1 (@key, @connection) or v2 (@primaryKey, @index, @hasMany, ...)",
			"the schema mixes transformer v1 directives (%s) with v2 directives (%s); reading it as v%d as cli.json says",
			strings.Join(t.V1Directives, ", "), strings.Join(t.V2Directives, ", "), t.Version)
	case t.Version == 2 && len(t.V1Directives) > 0:
		r.warnf(seen[strings.TrimPrefix(t.V1Directives[0], "@")], "check cli.json (and cli.<env>.json): transformer v2 rejects these directives, so the deployed API was built by v1",
			"cli.json says transformer v2 but the schema uses v1 directives (%s); reading it as v1", strings.Join(t.V1Directives, ", "))
		t.Version = 1
		t.Source = "the schema uses v1 directives (" + strings.Join(t.V1Directives, ", ") + ") although cli.json says v2"
	case t.Version == 1 && len(t.V2Directives) > 0:
		r.warnf(seen[strings.TrimPrefix(t.V2Directives[0], "@")], "check cli.json (and cli.<env>.json): transformer v1 does not know these directives, so the deployed API was built by v2",
			"cli.json says transformer v1 but the schema uses v2 directives (%s); reading it as v2", strings.Join(t.V2Directives, ", "))
		t.Version = 2
		t.Source = "the schema uses v2 directives (" + strings.Join(t.V2Directives, ", ") + ") although cli.json says v1"
	}
}

// transformerFlags reads the graphqltransformer flags, with the defaults
// the CLI applies to projects whose cli.json lacks them.
func (r *reader) transformerFlags() model.TransformerFlags {
	f := r.p.Flags
	const s = "graphqltransformer"
	return model.TransformerFlags{
		RespectPrimaryKeyAttributesOnConnectionField: f.Bool(s, "respectprimarykeyattributesonconnectionfield", false),
		EnableAutoIndexQueryNames:                    f.Bool(s, "enableautoindexquerynames", false),
		SecondaryKeyAsGSI:                            f.Bool(s, "secondarykeyasgsi", false),
		UseSubUsernameForDefaultIdentityClaim:        f.Bool(s, "usesubusernamefordefaultidentityclaim", true),
		ShouldDeepMergeDirectiveConfigDefaults:       f.Bool(s, "shoulddeepmergedirectiveconfigdefaults", false),
		PopulateOwnerFieldForStaticGroupAuth:         f.Bool(s, "populateownerfieldforstaticgroupauth", false),
		ImprovePluralization:                         f.Bool(s, "improvepluralization", false),
		Pos:                                          model.Pos{File: r.rel("cli.json"), Path: "features.graphqltransformer"},
	}
}
