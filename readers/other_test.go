package readers

import (
	"testing"
	"testing/fstest"

	"github.com/amplify-migrate/amplify-migrate/model"
)

func readMap(t *testing.T, files map[string]string) (*model.Project, model.Diagnostics) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, content := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(content)}
	}
	p, ds := ReadFS(fsys, "amplify", Options{})
	if p == nil {
		t.Fatalf("no project: %v", ds)
	}
	return p, ds
}

const tpi = `{"dev": {"awscloudformation": {"AuthRoleName": "amplify-app-dev-12345-authRole", "UnauthRoleName": "amplify-app-dev-12345-unauthRole",
  "DeploymentBucketName": "amplify-app-dev-12345-deployment", "StackName": "amplify-app-dev-12345"},
  "categories": {"custom": {"queue": {"retention": "7"}}}}}`

func TestReadCustomTemplate(t *testing.T) {
	p, ds := readMap(t, map[string]string{
		"amplify/team-provider-info.json": tpi,
		"amplify/backend/backend-config.json": `{"custom": {"queue": {"service": "customCloudformation", "dependsOn": []},
		  "broken": {"service": "customCloudformation"}, "cdk": {"service": "customCDK"}}}`,
		"amplify/backend/custom/queue/queue-cloudformation-template.json": `{
  "Parameters": {"env": {"Type": "String"}, "retention": {"Type": "Number", "Default": 4}, "role": {"Type": "String"}},
  "Resources": {
    "Queue": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "amplify-app-dev-12345-deployment-queue"}},
    "Policy": {"Type": "AWS::IAM::Policy", "Properties": {"Roles": [{"Fn::If": ["C", "amplify-app-prod-1-authRole", "amplify-app-dev-12345-authRole"]}]}}
  },
  "Outputs": {"Arn": {"Value": {"Fn::GetAtt": ["Queue", "Arn"]}}}
}`,
		"amplify/backend/custom/queue/parameters.json":                      `{"role": {"Ref": "AuthRoleName"}, "size": 3}`,
		"amplify/backend/custom/broken/broken-cloudformation-template.json": `{"Resources": {`,
		"amplify/backend/custom/cdk/cdk-stack.ts":                           "export class cdkStack {}\n",
		"amplify/backend/custom/cdk/package.json":                           `{"dependencies": {"axios": "^1.6.0", "bad": 3}, "devDependencies": {"typescript": "^5"}}`,
		"amplify/backend/custom/cdk/Query.x.req.vtl":                        "{}",
		"amplify/backend/custom/cdk/tsconfig.json":                          "{}",
	})
	if ds.HasErrors() {
		t.Fatalf("errors: %v", ds)
	}
	q := p.Find("custom", "queue").Custom
	tpl := q.CfnTemplate
	if tpl == nil || tpl.Problem != "" {
		t.Fatalf("template: %+v", tpl)
	}
	if len(tpl.Parameters) != 3 || !tpl.Parameter("retention").HasDefault || tpl.Parameter("role").HasDefault {
		t.Errorf("parameters: %+v", tpl.Parameters)
	}
	if tpl.Parameter("role").Pos.Line != 2 {
		t.Errorf("parameter position: %+v", tpl.Parameter("role").Pos)
	}
	if !tpl.HasOutput("Arn") || len(tpl.Resources) != 2 {
		t.Errorf("outputs %v resources %v", tpl.Outputs, tpl.Resources)
	}
	if roles := tpl.Resources[1].Roles; len(roles) != 2 || roles[1] != "amplify-app-dev-12345-authRole" {
		t.Errorf("literal roles: %v", roles)
	}
	kinds := map[string]string{}
	for _, n := range tpl.Gen1Names {
		kinds[n.Value] = n.Kind
	}
	if kinds["amplify-app-dev-12345-deployment"] != "deployment bucket" || kinds["amplify-app-prod-1-authRole"] != "auth role" {
		t.Errorf("Gen 1 names: %v", kinds)
	}
	if len(q.Parameters) != 2 || q.Parameters[0].RootRef != "AuthRoleName" || !q.Parameters[1].IsScalar || q.Parameters[1].Str != "3" {
		t.Errorf("parameters.json: %+v", q.Parameters)
	}
	if p.Find("custom", "queue").EnvParams["retention"] != "7" {
		t.Errorf("env params: %v", p.Find("custom", "queue").EnvParams)
	}
	// A broken template is a warning and a Problem, not an error: the rest converts.
	if b := p.Find("custom", "broken").Custom.CfnTemplate; b == nil || b.Problem == "" {
		t.Errorf("broken template: %+v", b)
	}
	c := p.Find("custom", "cdk").Custom
	if c.Stack == nil || len(c.Files) != 1 || len(c.BuildFiles) != 3 {
		t.Errorf("cdk files %v build %v", c.Files, c.BuildFiles)
	}
	if len(c.Dependencies) != 2 || c.Dependencies[0].Name != "axios" || !c.Dependencies[1].Dev {
		t.Errorf("dependencies: %+v", c.Dependencies)
	}
	warned := false
	for _, d := range ds {
		if d.Summary == "dependency bad has no version string and is ignored" {
			warned = true
		}
	}
	if !warned {
		t.Errorf("no warning for a bad dependency: %v", ds)
	}
}

func TestReadGeoAndAnalytics(t *testing.T) {
	p, ds := readMap(t, map[string]string{
		"amplify/team-provider-info.json": tpi,
		"amplify/backend/backend-config.json": `{
  "geo": {"idx": {"service": "PlaceIndex", "dataProvider": "HERE", "dataSourceIntendedUse": "Storage", "accessType": "AuthorizedUsers", "isDefault": true},
          "fences": {"service": "GeofenceCollection", "accessType": "CognitoGroups", "isDefault": "true"}},
  "analytics": {"stream": {"service": "Kinesis"}, "app": {"service": "Pinpoint"}},
  "notifications": {"app": {"service": "Pinpoint", "channels": ["SMS", "Email"]}}}`,
		"amplify/backend/geo/idx/parameters.json": `{"indexName": "places", "dataProvider": "Here", "isDefault": true}`,
		"amplify/backend/geo/idx/cli-inputs.json": `{"groupPermissions": ["Admins"]}`,
		"amplify/backend/geo/idx/idx-cloudformation-template.json": `{"Resources": {
  "ServiceRolePolicy": {"Type": "AWS::IAM::Policy", "Properties": {"Roles": [{"Ref": "CustomRole"}], "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "geo:CreatePlaceIndex"}]}}},
  "IndexPolicy": {"Type": "AWS::IAM::Policy", "Properties": {"Roles": [{"Ref": "authRoleName"}, {"Fn::Join": ["-", [{"Ref": "authxUserPoolId"}, "AdminsGroupRole"]]}],
    "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": ["geo:SearchPlaceIndexForText", "geo:GetPlace"]}]}}}}}`,
		"amplify/backend/geo/fences/parameters.json":       `{"collectionName": "fences"}`,
		"amplify/backend/geo/fences/cli-inputs.json":       `{"groupPermissions": {"Admins": ["Read geofence", "Delete geofence"]}}`,
		"amplify/backend/analytics/stream/parameters.json": `{"kinesisStreamName": "clicks", "kinesisStreamShardCount": "3"}`,
		"amplify/backend/analytics/app/parameters.json":    `{"appName": "webapp"}`,
	})
	if ds.HasErrors() {
		t.Fatalf("errors: %v", ds)
	}
	idx := p.Find("geo", "idx").Other.Geo
	if idx.Name != "places" || idx.DataProvider != "Here" || idx.IntendedUse != "Storage" || !idx.IsDefault || idx.AccessType != model.GeoAuthorizedUsers {
		t.Errorf("place index: %+v", idx)
	}
	if len(idx.Groups) != 1 || idx.Groups[0] != "Admins" {
		t.Errorf("groups: %v", idx.Groups)
	}
	if len(idx.Actions) != 2 || idx.Actions[0] != "geo:GetPlace" {
		t.Errorf("actions (the service role's policy is not a user policy): %v", idx.Actions)
	}
	if pos := p.Find("geo", "idx").Other.Positions["dataSourceIntendedUse"]; pos.File != "amplify/backend/backend-config.json" || pos.Line != 2 {
		t.Errorf("position %+v", pos)
	}
	f := p.Find("geo", "fences").Other.Geo
	if !f.IsDefault || len(f.GroupAccess) != 1 || f.GroupAccess[0].Group != "Admins" || len(f.GroupAccess[0].Permissions) != 2 {
		t.Errorf("geofences: %+v", f)
	}
	k := p.Find("analytics", "stream").Other.Analytics
	if k.StreamName != "clicks" || k.ShardCount != 3 || !k.GuestAccess {
		t.Errorf("kinesis: %+v", k)
	}
	if a := p.Find("analytics", "app").Other.Analytics; a.AppName != "webapp" {
		t.Errorf("pinpoint: %+v", a)
	}
	if n := p.Find("notifications", "app").Other.Notifications; len(n.Channels) != 2 || n.AppName != "app" {
		t.Errorf("notifications: %+v", n)
	}
}

func TestReadFrontendBuild(t *testing.T) {
	p, _ := readMap(t, map[string]string{
		"amplify/backend/backend-config.json": `{}`,
		"amplify/.config/project-config.json": `{"projectName": "x", "frontend": "javascript", "javascript": {"framework": "react",
		  "config": {"SourceDir": "src", "DistributionDir": "build", "BuildCommand": "npm.cmd run-script build", "StartCommand": "npm start"}}}`,
		"amplify.yml": "version: 1\n",
	})
	if p.FrontendBuild.DistributionDir != "build" || p.FrontendBuild.BuildCommand != "npm.cmd run-script build" {
		t.Errorf("frontend build: %+v", p.FrontendBuild)
	}
	if p.BuildSpec == nil || p.BuildSpec.Path != "amplify.yml" {
		t.Errorf("build spec: %+v", p.BuildSpec)
	}
}
