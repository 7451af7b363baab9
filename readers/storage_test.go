package readers

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/amplify-migrate/amplify-migrate/model"
)

// project builds a Gen 1 project in memory: backend-config.json plus the
// given files under amplify/backend.
func project(backendConfig string, files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{
		"amplify/backend/backend-config.json": {Data: []byte(backendConfig)},
		"amplify/team-provider-info.json":     {Data: []byte(`{"dev": {"awscloudformation": {"Region": "eu-west-1"}}}`)},
	}
	for p, c := range files {
		fsys["amplify/backend/"+p] = &fstest.MapFile{Data: []byte(c)}
	}
	return fsys
}

func grantsText(gs []model.S3Grant) string {
	var lines []string
	for _, g := range gs {
		lines = append(lines, fmt.Sprintf("%s:%s %s %q %v", g.Grantee.Kind, g.Grantee.Name, strings.Join(g.Actions, ","), g.Key, g.Prefixes))
	}
	return strings.Join(lines, "\n")
}

func TestReadBucketCLIInputs(t *testing.T) {
	fsys := project(`{"storage": {"media": {"service": "S3"}}}`, map[string]string{
		"storage/media/cli-inputs.json": `{
  "resourceName": "media", "policyUUID": "d399ab0f", "bucketName": "mediab574",
  "storageAccess": "auth", "guestAccess": ["REED"], "authAccess": ["CREATE_AND_UPDATE"],
  "triggerFunction": "onMedia",
  "adminTriggerFunction": {"triggerFunction": "adminTrigger", "triggerEvents": ["s3:ObjectCreated:*"],
    "triggerPrefix": [{"prefix": "private/", "prefixTransform": "ATTACH_REGION"}]},
  "groupAccess": {"Admin": ["READ", "DELETE"]},
  "bukcetName": "typo"
}`,
	})
	p, diags := ReadFS(fsys, "amplify", Options{})
	b := p.Find("storage", "media").Bucket
	want := `authenticated: s3:PutObject "public/*" []
authenticated: s3:PutObject "protected/${cognito-identity.amazonaws.com:sub}/*" []
authenticated: s3:PutObject "private/${cognito-identity.amazonaws.com:sub}/*" []
authenticated: s3:PutObject "uploads/*" []
group:Admin s3:GetObject,s3:ListBucket,s3:DeleteObject "*" []
group:Admin s3:ListBucket "" []
function:onMedia s3:ListBucket "" []
function:onMedia s3:PutObject,s3:GetObject,s3:ListBucket,s3:DeleteObject "*" []
function:adminTrigger s3:ListBucket "" []
function:adminTrigger s3:PutObject,s3:GetObject,s3:ListBucket,s3:DeleteObject "*" []`
	if got := grantsText(b.Grants); got != want {
		t.Errorf("grants:\n%s\nwant:\n%s", got, want)
	}
	var triggers []string
	for _, tr := range b.Triggers {
		triggers = append(triggers, fmt.Sprintf("%s %v %s %v", tr.Function, tr.Events, tr.Prefix, tr.PrefixAddsRegion))
	}
	if got := strings.Join(triggers, "\n"); got != `onMedia [s3:ObjectCreated:* s3:ObjectRemoved:*] protected/ true
onMedia [s3:ObjectCreated:* s3:ObjectRemoved:*] private/ true
onMedia [s3:ObjectCreated:* s3:ObjectRemoved:*] public/ true
adminTrigger [s3:ObjectCreated:*] private/ true` {
		t.Errorf("triggers:\n%s", got)
	}
	// The misspelt permission and key are reported with a suggestion and a position.
	text := diags.Error() + "\n"
	for _, d := range diags {
		text += d.Error() + "\n"
	}
	for _, want := range []string{`unknown S3 permission "REED"`, `did you mean "READ"?`, `unknown key "bukcetName"`, "cli-inputs.json:3:"} {
		if !strings.Contains(text, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, text)
		}
	}
	if !b.Retain || b.BucketName != "mediab574" || b.BucketNamePos.Line != 2 {
		t.Errorf("retain %v, name %q at %v", b.Retain, b.BucketName, b.BucketNamePos)
	}
}

func TestReadBucketTemplate(t *testing.T) {
	fsys := project(`{"storage": {"media": {"service": "S3"}}}`, map[string]string{
		"storage/media/parameters.json": `{"bucketName": "media", "authRoleName": {"Ref": "AuthRoleName"},
  "s3PermissionsAuthenticatedPublic": "s3:GetObject", "s3PermissionsGuestPublic": "DISALLOW",
  "selectedAuthenticatedPermissions": ["s3:GetObject"]}`,
		"storage/media/s3-cloudformation-template.json": `{
  "Parameters": {"env": {"Type": "String"}, "authmediaUserPoolId": {"Type": "String", "Default": "authmediaUserPoolId"}},
  "Conditions": {
    "CreateAuthPublic": {"Fn::Not": [{"Fn::Equals": [{"Ref": "s3PermissionsAuthenticatedPublic"}, "DISALLOW"]}]},
    "CreateGuestPublic": {"Fn::Not": [{"Fn::Equals": [{"Ref": "s3PermissionsGuestPublic"}, "DISALLOW"]}]}},
  "Resources": {
    "S3Bucket": {"Type": "AWS::S3::Bucket", "DeletionPolicy": "Retain", "Properties": {
      "BucketName": {"Fn::Join": ["", [{"Ref": "bucketName"}, "-", {"Ref": "env"}]]},
      "AccelerateConfiguration": {"AccelerationStatus": "Enabled"},
      "NotificationConfiguration": {"LambdaConfigurations": [{"Event": "s3:ObjectRemoved:*", "Function": {"Ref": "functioncleanupArn"},
        "Filter": {"S3Key": {"Rules": [{"Name": "prefix", "Value": {"Fn::Join": ["", ["protected/", {"Ref": "AWS::Region"}]]}}]}}}]}}},
    "AuthPublic": {"Type": "AWS::IAM::Policy", "Condition": "CreateAuthPublic", "Properties": {"Roles": [{"Ref": "authRoleName"}],
      "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": {"Fn::Split": [",", {"Ref": "s3PermissionsAuthenticatedPublic"}]},
        "Resource": [{"Fn::Join": ["", ["arn:aws:s3:::", {"Ref": "S3Bucket"}, "/public/*"]]}]}]}}},
    "GuestPublic": {"Type": "AWS::IAM::Policy", "Condition": "CreateGuestPublic", "Properties": {"Roles": [{"Ref": "unauthRoleName"}],
      "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::x/public/*"}]}}},
    "StaffGroupPolicy": {"Type": "AWS::IAM::Policy", "Properties": {
      "Roles": [{"Fn::Join": ["", [{"Ref": "authmediaUserPoolId"}, "-StaffGroupRole"]]}],
      "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": [{"Fn::Join": ["", ["arn:aws:s3:::", {"Ref": "S3Bucket"}, "/*"]]}]}]}}}
  }}`,
	})
	p, _ := ReadFS(fsys, "amplify", Options{Env: "dev"})
	b := p.Find("storage", "media").Bucket
	if got, want := grantsText(b.Grants), `authenticated: s3:GetObject "public/*" []
group:Staff s3:GetObject "*" []`; got != want {
		t.Errorf("grants:\n%s\nwant:\n%s", got, want)
	}
	if len(b.Triggers) != 1 || b.Triggers[0].Function != "cleanup" || b.Triggers[0].Prefix != "protected/" || !b.Triggers[0].PrefixAddsRegion {
		t.Errorf("triggers: %+v", b.Triggers)
	}
	if b.PhysicalPattern != "media-dev" || !b.Retain {
		t.Errorf("physical %q, retain %v", b.PhysicalPattern, b.Retain)
	}
	if len(b.Unrecognized) != 1 || b.Unrecognized[0].Property != "AccelerateConfiguration" || b.Unrecognized[0].Raw == "" {
		t.Errorf("unrecognized: %+v", b.Unrecognized)
	}
}

func TestReadTable(t *testing.T) {
	fsys := project(`{"storage": {"events": {"service": "DynamoDB"}, "items": {"service": "DynamoDB"}}, "function": {"fanout": {"service": "Lambda"}}}`, map[string]string{
		"storage/items/cli-inputs.json": `{"resourceName": "items", "tableName": "items",
  "partitionKey": {"fieldName": "id", "fieldType": "string"},
  "gsi": [{"name": "byOwner", "partitionKey": {"fieldName": "owner", "fieldType": "strng"}}], "triggerFunctions": ["fanout"]}`,
		"storage/events/parameters.json": `{"tableName": "events", "partitionKeyName": "pk", "partitionKeyType": "S"}`,
		"storage/events/events-cloudformation-template.json": `{"Resources": {"DynamoDBTable": {"Type": "AWS::DynamoDB::Table", "Properties": {
  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "at", "AttributeType": "N"}],
  "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "at", "KeyType": "RANGE"}],
  "BillingMode": "PAY_PER_REQUEST", "TimeToLiveSpecification": {"AttributeName": "ttl", "Enabled": true}}}}}`,
		"function/fanout/fanout-cloudformation-template.json": `{"Resources": {"Map": {"Type": "AWS::Lambda::EventSourceMapping", "Properties": {
  "BatchSize": 10, "StartingPosition": "TRIM_HORIZON", "EventSourceArn": {"Ref": "storageitemsStreamArn"}}}}}`,
		"function/fanout/amplify.state": `{"functionRuntime": "nodejs"}`,
	})
	p, diags := ReadFS(fsys, "amplify", Options{})
	items := p.Find("storage", "items").Table
	if items.BillingMode != "PROVISIONED" || items.ReadCapacity != 5 || items.Stream != "NEW_IMAGE" || len(items.GSIs) != 1 || items.GSIs[0].ReadCapacity != 5 {
		t.Errorf("items: %+v", items)
	}
	if len(items.Triggers) != 1 || items.Triggers[0].BatchSize != 10 || items.Triggers[0].StartingPosition != "TRIM_HORIZON" {
		t.Errorf("triggers: %+v", items.Triggers)
	}
	if !strings.Contains(diags.Error(), `unknown fieldType "strng"`) {
		t.Errorf("diagnostics: %s", diags.Error())
	}
	events := p.Find("storage", "events").Table
	if events.BillingMode != "PAY_PER_REQUEST" || events.SortKey == nil || events.SortKey.Type != "N" || events.TTLAttribute != "ttl" || events.Stream != "" {
		t.Errorf("events: %+v", events)
	}
}

func TestReadRESTParams(t *testing.T) {
	fsys := project(`{"api": {"legacy": {"service": "API Gateway"}}}`, map[string]string{
		"api/legacy/api-params.json": `{"paths": [
  {"name": "/a", "lambdaFunction": "fa", "privacy": {"protected": true, "auth": "rw", "unauth": "r"}},
  {"name": "b", "lambdaFunction": "fb", "privacy": {"private": true, "auth": ["/GET", "/PATCH"], "userPoolGroups": {"Ops": ["/POST"]}}}]}`,
	})
	p, diags := ReadFS(fsys, "amplify", Options{})
	a := p.Find("api", "legacy").REST
	var got []string
	for _, pa := range a.Paths {
		got = append(got, fmt.Sprintf("%s %s %s auth=%v guest=%v groups=%v", pa.Path, pa.Function, pa.Setting, pa.Auth, pa.Guest, len(pa.Groups)))
	}
	want := `/a fa protected auth=[create read update delete] guest=[read] groups=0
/b fb private auth=[read update] guest=[] groups=1`
	if strings.Join(got, "\n") != want {
		t.Errorf("paths:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	if len(a.Routes) != 4 || a.Routes[1].Path != "/a/{proxy+}" || a.Routes[2].Auth != model.RestAuthIAM || len(a.GatewayResponses) != 0 {
		t.Errorf("routes: %+v", a.Routes)
	}
	var text []string
	for _, d := range diags {
		text = append(text, d.Error())
	}
	if !strings.Contains(strings.Join(text, "\n"), `path "b" does not start with /`) {
		t.Errorf("diagnostics: %v", text)
	}
}

// FuzzReadStorage feeds arbitrary bytes to the storage and REST readers as
// their settings files: they must never panic.
func FuzzReadStorage(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "testdata", "cases", "*", "amplify", "backend", "*", "*", "*.json"))
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"paths": [{"privacy": 3}]}`))
	f.Add([]byte(`{"gsi": [{}], "groupAccess": []}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, name := range []string{"cli-inputs.json", "parameters.json", "api-params.json", "s3-cloudformation-template.json", "x-cloudformation-template.json"} {
			fsys := project(`{"storage": {"b": {"service": "S3"}, "t": {"service": "DynamoDB"}}, "api": {"x": {"service": "API Gateway"}}}`, map[string]string{
				"storage/b/" + name: string(data), "storage/t/" + name: string(data), "api/x/" + name: string(data),
				"storage/b/cli-inputs.json": `{"bucketName": "b"}`,
			})
			ReadFS(fsys, "amplify", Options{})
		}
	})
}
