package writers

import (
	"strings"
	"testing"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

func refsProject() *model.Project {
	p := &model.Project{Name: "app", AmplifyDir: "amplify", Env: "dev"}
	p.Resources = []*model.Resource{
		{Category: "api", Name: "app", Service: "AppSync"},
		{Category: "auth", Name: "appauth", Service: "Cognito"},
		{Category: "auth", Name: "userPoolGroups", Service: "Cognito-UserPool-Groups"},
		{Category: "function", Name: "worker", Service: "Lambda"},
		{Category: "storage", Name: "files", Service: "S3", Bucket: &model.Bucket{}},
		{Category: "storage", Name: "table", Service: "DynamoDB"},
		{Category: "analytics", Name: "clicks", Service: "Kinesis", Other: &model.OtherResource{Analytics: &model.Analytics{StreamName: "clicks", ShardCount: 2}}},
		{Category: "geo", Name: "map", Service: "Map", Other: &model.OtherResource{Geo: &model.Geo{Name: "map", MapStyle: "VectorEsriStreets"}}},
		{Category: "custom", Name: "tpl", Service: "customCloudformation", Custom: &model.Custom{CfnTemplate: &model.CfnTemplate{Outputs: []string{"Arn"}}}},
	}
	return p
}

func TestResolveAttr(t *testing.T) {
	p := refsProject()
	g := testGen(p, Options{}, "auth", "data", "storage", "worker")
	g.planFunctions()
	cases := []struct {
		dep, attr, want string
	}{
		{"api/app", "GraphQLAPIIdOutput", "backend.data.apiId"},
		{"api/app", "GraphQLAPIEndpointOutput", "backend.data.graphqlUrl"},
		{"auth/appauth", "UserPoolId", "backend.auth.resources.userPool.userPoolId"},
		{"auth/appauth", "IdentityPoolId", "backend.auth.resources.identityPoolId"},
		{"auth/userPoolGroups", "AdminsGroupRole", "backend.auth.resources.groups['Admins'].role.roleArn"},
		{"function/worker", "Arn", "backend.worker.resources.lambda.functionArn"},
		{"function/worker", "LambdaExecutionRole", "backend.worker.resources.lambda.role!.roleName"},
		{"storage/files", "BucketName", "backend.storage.resources.bucket.bucketName"},
		{"analytics/clicks", "kinesisStreamArn", "analyticsClicks.attrArn"},
		{"analytics/clicks", "kinesisStreamShardCount", "'2'"},
		{"geo/map", "Name", "geoMap.ref"},
		{"custom/tpl", "Arn", "customTpl.getOutput('Arn').value"},
	}
	for _, c := range cases {
		got, why := g.resolveAttr(parseResourceRef(c.dep), c.attr)
		if got != c.want {
			t.Errorf("%s %s = %q (%s), want %q", c.dep, c.attr, got, why, c.want)
		}
	}
	for _, c := range []struct{ dep, attr, why string }{
		{"storage/table", "Name", "declares no table"},
		{"custom/tpl", "Missing", "has no output Missing"},
		{"auth/appauth", "AppClientID", "native client"},
		{"api/other", "GraphQLAPIIdOutput", "not a resource of this project"},
	} {
		got, why := g.resolveAttr(parseResourceRef(c.dep), c.attr)
		if got != "" || !strings.Contains(why, c.why) {
			t.Errorf("%s %s = %q, %q; want no value because %q", c.dep, c.attr, got, why, c.why)
		}
	}
	// What another writer publishes wins over the default.
	g.exportAttr(p.Find("storage", "table"), "Name", "tableTable.tableName")
	if got, _ := g.resolveAttr(parseResourceRef("storage/table"), "Name"); got != "tableTable.tableName" {
		t.Errorf("published attribute: %q", got)
	}
	// Without the defineBackend entries nothing resolves to them.
	g = testGen(p, Options{})
	if got, why := g.resolveAttr(parseResourceRef("api/app"), "GraphQLAPIIdOutput"); got != "" || why == "" {
		t.Errorf("unconverted API resolved to %q", got)
	}
}

func TestGeoPoliciesWithAuth(t *testing.T) {
	p := &model.Project{Name: "app", AmplifyDir: "amplify", Env: "dev"}
	p.Resources = []*model.Resource{
		{Category: "geo", Name: "map", Service: "Map", Other: &model.OtherResource{Geo: &model.Geo{Name: "map", MapStyle: "VectorEsriStreets",
			AccessType: model.GeoAuthorizedAndGuestUsers, Groups: []string{"Admins"}, IsDefault: true}}},
		{Category: "geo", Name: "fences", Service: "GeofenceCollection", Other: &model.OtherResource{Geo: &model.Geo{Name: "fences",
			AccessType: model.GeoCognitoGroups, GroupAccess: []model.GeoGroupAccess{{Group: "Admins", Permissions: []string{"Read geofence", "Delete geofence"}}}}}},
	}
	g := testGen(p, Options{}, "auth")
	if err := g.writeOther(); err != nil {
		t.Fatal(err)
	}
	got := backendText(g)
	for _, want := range []string{
		"actions: [ 'geo:GetMapGlyphs', 'geo:GetMapSprites', 'geo:GetMapStyleDescriptor', 'geo:GetMapTile', ]",
		"resources: [geoMap.attrArn]",
		"roles: [ backend.auth.resources.authenticatedUserIamRole, backend.auth.resources.unauthenticatedUserIamRole, backend.auth.resources.groups['Admins'].role, ]",
		"policyName: `map-${branchName}Policy`",
		"actions: ['geo:BatchDeleteGeofence', 'geo:GetGeofence']",
		"import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';",
		"roles: [backend.auth.resources.groups['Admins'].role]",
		"default: geoMap.mapName",
		"geofence_collections: { items: [geoFences.collectionName], default: geoFences.collectionName }",
	} {
		if !strings.Contains(strings.Join(strings.Fields(got), " "), strings.Join(strings.Fields(want), " ")) {
			t.Errorf("backend.ts lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "TODO") {
		t.Errorf("TODO with auth converted:\n%s", got)
	}
}

func TestBuildSpec(t *testing.T) {
	for _, c := range []struct {
		frontend string
		build    model.FrontendBuild
		want     []string
	}{
		{"javascript", model.FrontendBuild{BuildCommand: "npm.cmd run-script build", DistributionDir: "build"},
			[]string{"- npm ci --cache .npm --prefer-offline", "- npx ampx pipeline-deploy --branch $AWS_BRANCH --app-id $AWS_APP_ID", "- npm run build", "baseDirectory: build"}},
		{"javascript", model.FrontendBuild{BuildCommand: "yarn build", DistributionDir: "dist"},
			[]string{"- yarn install --frozen-lockfile", "- yarn build", "baseDirectory: dist"}},
		{"ios", model.FrontendBuild{}, []string{"- mkdir -p dist && touch dist/index.html", "baseDirectory: dist"}},
		{"javascript", model.FrontendBuild{BuildCommand: "npm run build", DistributionDir: "/"}, []string{"- mkdir -p dist"}},
	} {
		g := testGen(&model.Project{Frontend: c.frontend, FrontendBuild: c.build}, Options{})
		spec := g.buildSpec()
		for _, w := range c.want {
			if !strings.Contains(spec, w) {
				t.Errorf("%s %+v: build spec lacks %q:\n%s", c.frontend, c.build, w, spec)
			}
		}
	}
	if got := yamlScalar("echo a: b"); got != "'echo a: b'" {
		t.Errorf("yamlScalar = %s", got)
	}
}

func TestTagValues(t *testing.T) {
	g := testGen(&model.Project{Name: "shop"}, Options{})
	for in, want := range map[string]string{
		"{project-env}":                     "branchName",
		"{project-name}":                    "'shop'",
		"team-{project-name}-{project-env}": "`team-shop-${branchName}`",
		"plain `x`":                         "'plain `x`'",
	} {
		if got := ts.Render(g.tagValue(in)); got != want {
			t.Errorf("tagValue(%q) = %s, want %s", in, got, want)
		}
	}
}
