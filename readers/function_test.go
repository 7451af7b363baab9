package readers

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/amplify-migrate/amplify-migrate/model"
)

// describe renders a value's parts for comparison.
func describe(v model.CfnValue) string {
	var parts []string
	for _, p := range v.Parts {
		switch p.Kind {
		case model.PartText:
			parts = append(parts, "'"+p.Text+"'")
		case model.PartEnv:
			parts = append(parts, "env")
		case model.PartPseudo:
			parts = append(parts, p.Text)
		case model.PartRef:
			s := p.Ref.Category + "/" + p.Ref.Resource + "." + p.Ref.Attribute
			if p.Ref.Model != "" {
				s += "(" + p.Ref.Model + ")"
			}
			parts = append(parts, s)
		case model.PartParam:
			if p.HasValue {
				parts = append(parts, "param "+p.Param+"="+p.Value)
			} else {
				parts = append(parts, "param "+p.Param+"?")
			}
		case model.PartSelf:
			parts = append(parts, "self."+p.Text)
		default:
			parts = append(parts, "unknown "+p.Text)
		}
	}
	return strings.Join(parts, " + ")
}

const fnTemplate = `{
  "Parameters": {
    "env": {"Type": "String"},
    "apiapp1GraphQLAPIIdOutput": {"Type": "String", "Default": "apiapp1GraphQLAPIIdOutput"},
    "storagebucketBucketName": {"Type": "String", "Default": "storagebucketBucketName"},
    "greeting": {"Type": "String"},
    "level": {"Type": "String", "Default": "info"},
    "missing": {"Type": "String"},
    "secretsPathAmplifyAppId": {"Type": "String"},
    "CloudWatchRule": {"Type": "String", "Default": "NONE"}
  },
  "Resources": {
    "LambdaFunction": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Handler": "index.handler", "Runtime": "nodejs18.x", "Timeout": "30", "MemorySize": 256,
        "Architectures": ["arm64"],
        "TracingConfig": {"Mode": "Active"},
        "Environment": {"Variables": {
          "ENV": {"Ref": "env"},
          "REGION": {"Ref": "AWS::Region"},
          "TABLE": {"Fn::ImportValue": {"Fn::Sub": "${apiapp1GraphQLAPIIdOutput}:GetAtt:TodoTable:Name"}},
          "TABLE_ARN": {"Fn::Join": ["", ["arn:aws:dynamodb:", {"Ref": "AWS::Region"}, ":", {"Ref": "AWS::AccountId"}, ":table/",
            {"Fn::ImportValue": {"Fn::Sub": "${apiapp1GraphQLAPIIdOutput}:GetAtt:TodoTable:Name"}}]]},
          "BUCKET": {"Ref": "storagebucketBucketName"},
          "LATER": {"Ref": "storagelaterName"},
          "GREETING": {"Ref": "greeting"},
          "LEVEL": {"Ref": "level"},
          "MISSING": {"Ref": "missing"},
          "URL": {"Fn::Sub": ["https://${host}/${env}/${!literal}", {"host": "example.com"}]},
          "SECRET": {"Fn::Join": ["", [{"Fn::Sub": ["/amplify/${appId}/${env}/AMPLIFY_${functionName}_", {"appId": {"Ref": "secretsPathAmplifyAppId"}, "env": {"Ref": "env"}, "functionName": "fn1"}]}, "SECRET"]]},
          "ODD": {"Fn::If": ["c", "a", "b"]}
        }}
      }
    },
    "LambdaExecutionRole": {"Type": "AWS::IAM::Role", "Properties": {}},
    "lambdaexecutionpolicy": {"Type": "AWS::IAM::Policy", "Properties": {"Roles": [{"Ref": "LambdaExecutionRole"}],
      "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": ["logs:CreateLogGroup"], "Resource": "*"}]}}},
    "AmplifyResourcesPolicy": {"Type": "AWS::IAM::Policy", "Properties": {"Roles": [{"Ref": "LambdaExecutionRole"}],
      "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"],
        "Resource": [{"Fn::Join": ["", ["arn:aws:s3:::", {"Ref": "storagebucketBucketName"}, "/*"]]}]}]}}},
    "CloudWatchEvent": {"Type": "AWS::Events::Rule", "Properties": {"ScheduleExpression": {"Ref": "CloudWatchRule"}}},
    "Queue": {"Type": "AWS::SQS::Queue", "Properties": {}}
  }
}`

func TestReadFunction(t *testing.T) {
	fsys := fstest.MapFS{
		"amplify/backend/backend-config.json": {Data: []byte(`{
  "api": {"app1": {"service": "AppSync"}},
  "function": {"fn1": {"service": "Lambda", "dependsOn": [
    {"category": "api", "resourceName": "app1", "attributes": ["GraphQLAPIIdOutput"]},
    {"category": "storage", "resourceName": "bucket", "attributes": ["BucketName"]}]}},
  "storage": {"bucket": {"service": "S3"}, "later": {"service": "DynamoDB"}}
}`)},
		"amplify/team-provider-info.json": {Data: []byte(`{"dev": {"awscloudformation": {"AmplifyAppId": "app123"},
  "categories": {"function": {"fn1": {"greeting": "hi", "secretsPathAmplifyAppId": "app123"}}}}}`)},
		"amplify/backend/function/fn1/fn1-cloudformation-template.json": {Data: []byte(fnTemplate)},
		"amplify/backend/function/fn1/parameters.json":                  {Data: []byte(`{"CloudWatchRule": "rate(5 minutes)"}`)},
		"amplify/backend/function/fn1/function-parameters.json": {Data: []byte(`{
  "permissions": {"storage": {"bucket": ["read"], "Todo:@model(appsync)": ["read", "update"]}},
  "lambdaLayers": [{"type": "ExternalLayer", "arn": "arn:aws:lambda:us-east-1:123456789012:layer:x:1"}],
  "secretNames": ["SECRET"],
  "permisions": {}
}`)},
		"amplify/backend/function/fn1/custom-policies.json": {Data: []byte(`[{"Action": [], "Resource": []},
  {"Action": ["sns:Publish"], "Resource": ["arn:aws:sns:[region-name]:[account-id]:topic-${env}"]}]`)},
		"amplify/backend/function/fn1/amplify.state":                  {Data: []byte(`{"pluginId": "amplify-nodejs-function-runtime-provider", "functionRuntime": "nodejs"}`)},
		"amplify/backend/function/fn1/src/index.js":                   {Data: []byte("exports.handler = async () => 1;\n")},
		"amplify/backend/function/fn1/src/package.json":               {Data: []byte(`{"dependencies": {"uuid": "^9.0.0"}, "devDependencies": {"@types/aws-lambda": "^8"}}`)},
		"amplify/backend/function/fn1/src/node_modules/uuid/index.js": {Data: []byte("x")},
		"amplify/backend/storage/bucket/cli-inputs.json":              {Data: []byte(`{"bucketName": "b"}`)},
		"amplify/backend/storage/later/cli-inputs.json":               {Data: []byte(`{"tableName": "later"}`)},
		"amplify/backend/api/app1/schema.graphql":                     {Data: []byte("type Todo @model { id: ID! }")},
		"amplify/backend/api/app1/cli-inputs.json":                    {Data: []byte(`{}`)},
	}
	p, diags := ReadFS(fsys, "amplify", Options{Env: "dev"})
	if p == nil || diags.HasErrors() {
		t.Fatalf("read: %v", diags)
	}
	var sawTypo bool
	for _, d := range diags {
		sawTypo = sawTypo || strings.Contains(d.Summary, `"permisions"`) && strings.Contains(d.Detail, `"permissions"`)
	}
	if !sawTypo {
		t.Errorf("no did-you-mean warning for permisions: %v", diags)
	}
	f := p.Find("function", "fn1").Function
	if f.Runtime != "nodejs18.x" || f.Handler != "index.handler" || f.TimeoutSeconds != 30 || f.MemoryMB != 256 || f.Architecture != "arm64" {
		t.Errorf("settings: %+v", f)
	}
	if f.Schedule != "rate(5 minutes)" || f.Positions["schedule"].File != "amplify/backend/function/fn1/parameters.json" {
		t.Errorf("schedule %q at %v", f.Schedule, f.Positions["schedule"])
	}
	env := map[string]string{}
	for _, e := range f.Env {
		env[e.Name] = describe(e.Value)
	}
	want := map[string]string{
		"ENV":       "env",
		"REGION":    "AWS::Region",
		"TABLE":     "api/app1.Name(Todo)",
		"TABLE_ARN": "'arn:aws:dynamodb:' + AWS::Region + ':' + AWS::AccountId + ':table/' + api/app1.Name(Todo)",
		"BUCKET":    "storage/bucket.BucketName",
		"LATER":     "storage/later.Name",
		"GREETING":  "param greeting=hi",
		"LEVEL":     "param level=info",
		"MISSING":   "param missing?",
		"URL":       "'https://example.com/' + env + '/${literal}'",
		"SECRET":    "'/amplify/' + param secretsPathAmplifyAppId=app123 + '/' + env + '/AMPLIFY_fn1_SECRET'",
		"ODD":       `unknown {"Fn::If":["c","a","b"]}`,
	}
	for k, v := range want {
		if env[k] != v {
			t.Errorf("env %s = %s, want %s", k, env[k], v)
		}
	}
	if len(f.Policies) != 2 || !f.Policies[0].Generated || describe(f.Policies[0].Resources[0]) != "'arn:aws:s3:::' + storage/bucket.BucketName + '/*'" {
		t.Errorf("template policy: %+v", f.Policies)
	}
	if got := describe(f.Policies[1].Resources[0]); got != "'arn:aws:sns:' + AWS::Region + ':' + AWS::AccountId + ':topic-' + env" {
		t.Errorf("custom policy resource: %s", got)
	}
	if len(f.OtherResources) != 2 || f.OtherResources[0].LogicalID != "TracingConfig" || f.OtherResources[1].Type != "AWS::SQS::Queue" {
		t.Errorf("other resources: %+v", f.OtherResources)
	}
	if len(f.Secrets) != 1 || len(f.Layers) != 1 || f.Layers[0].Arn == "" {
		t.Errorf("secrets %+v layers %+v", f.Secrets, f.Layers)
	}
	if got := f.Permissions["storage"]["Todo:@model(appsync)"]; len(got) != 2 {
		t.Errorf("permissions: %+v", f.Permissions)
	}
	if len(f.Files) != 2 || len(f.Code) != 1 || len(f.Dependencies) != 1 || len(f.DevDependencies) != 1 {
		t.Errorf("files %v code %d deps %+v", f.Files, len(f.Code), f.Dependencies)
	}
}

func TestReadFunctionMissingTemplate(t *testing.T) {
	fsys := fstest.MapFS{
		"amplify/backend/backend-config.json":        {Data: []byte(`{"function": {"fn1": {"service": "Lambda"}}}`)},
		"amplify/backend/function/fn1/src/index.js":  {Data: []byte("")},
		"amplify/backend/function/fn1/amplify.state": {Data: []byte(`{`)},
	}
	p, diags := ReadFS(fsys, "amplify", Options{})
	// A missing template is not bad input: the conversion reports it (with
	// the defaults it assumes) as a manual finding.
	if len(diags) != 1 || !strings.Contains(diags[0].Summary, "invalid JSON") || diags[0].Pos.File != "amplify/backend/function/fn1/amplify.state" {
		t.Errorf("diagnostics: %v", diags)
	}
	if f := p.Find("function", "fn1").Function; f.Template != "" || len(f.Files) != 1 {
		t.Errorf("function: %+v", f)
	}
}

// FuzzReadFunction feeds arbitrary template, function-parameters.json and
// custom-policies.json content to the function reader: it must never
// panic, and bad JSON must be a diagnostic.
func FuzzReadFunction(f *testing.F) {
	f.Add(fnTemplate, `{"permissions": {"storage": {"b": ["read"]}}, "secretNames": ["S"]}`, `[{"Action": ["s3:*"], "Resource": ["arn:aws:s3:::x-${env}"]}]`)
	f.Add(`{"Resources": {"LambdaFunction": {"Type": "AWS::Lambda::Function", "Properties": {"Environment": {"Variables": {"A": {"Fn::Sub": ["${x}", {"x": {"Fn::Join": [1, 2]}}]}}}}}}}`, `[]`, `{}`)
	f.Add(`{"Resources": {"M": {"Type": "AWS::Lambda::EventSourceMapping", "Properties": {"EventSourceArn": {"Fn::ImportValue": 3}}}}}`, `{"lambdaLayers": [{"type": "ProjectLayer"}]}`, `[{"Action": "x"}]`)
	f.Fuzz(func(t *testing.T, template, params, policies string) {
		fsys := fstest.MapFS{
			"amplify/backend/backend-config.json":                           {Data: []byte(`{"function": {"fn1": {"service": "Lambda"}}}`)},
			"amplify/backend/function/fn1/fn1-cloudformation-template.json": {Data: []byte(template)},
			"amplify/backend/function/fn1/function-parameters.json":         {Data: []byte(params)},
			"amplify/backend/function/fn1/custom-policies.json":             {Data: []byte(policies)},
			"amplify/backend/function/fn1/src/index.js":                     {Data: []byte("exports.handler = 1")},
		}
		p, _ := ReadFS(fsys, "amplify", Options{})
		if p == nil || p.Find("function", "fn1") == nil || p.Find("function", "fn1").Function == nil {
			t.Fatal("function not read")
		}
	})
}
