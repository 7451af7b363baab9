package writers

import (
	"strings"
	"testing"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

// testGen is a conversion of p in which other writers have registered the
// given defineBackend keys, as the auth, data, storage and function writers do.
func testGen(p *model.Project, opts Options, keys ...string) *gen {
	if opts.Tables == "" {
		opts.Tables = TablesTyped
	}
	if opts.Auth == "" {
		opts.Auth = AuthDefine
	}
	g := newGen(p, opts)
	for _, k := range keys {
		g.backend.Resource(OrderAuth, k, k, "./"+k+"/resource")
	}
	return g
}

func backendText(g *gen) string { return string(g.backend.print().Bytes()) }

// hasText reports whether got contains want, also when a comment wrapped it.
func hasText(got, want string) bool {
	return strings.Contains(got, want) || strings.Contains(strings.ReplaceAll(got, "\n// ", " "), want)
}

const authOverride = `import { AmplifyAuthCognitoStackTemplate, AmplifyProjectInfo } from '@aws-amplify/cli-extensibility-helper';
import * as cdk from 'aws-cdk-lib';

export function override(resources: AmplifyAuthCognitoStackTemplate, amplifyProjectInfo: AmplifyProjectInfo) {
  // Longer passwords than the CLI offered.
  resources.userPool.policies = {
    passwordPolicy: {
      ...resources.userPool.policies["passwordPolicy"],
      minimumLength: 12,
      temporaryPasswordValidityDays: 3,
    },
  };
  resources.userPool.addPropertyOverride('DeviceConfiguration', {
    ChallengeRequiredOnNewDevice: true,
  })
  resources.userPoolClientWeb.accessTokenValidity = 30
  resources.userPool.userPoolTags = { Environment: amplifyProjectInfo.envName, Project: amplifyProjectInfo.projectName };
  const suffix = amplifyProjectInfo.envName;
  resources.identityPool.identityPoolName = ` + "`pool-${suffix}`" + `;
  if (amplifyProjectInfo.envName === 'prod') {
    resources.userPool.deletionProtection = 'ACTIVE';
  }
  resources.userPool.applyRemovalPolicy(cdk.RemovalPolicy.RETAIN);
  resources.hostedUIProvidersCustomResource.addPropertyOverride('X', 1);
}
`

func TestOverrideTranslation(t *testing.T) {
	p := &model.Project{Name: "notes", AmplifyDir: "amplify"}
	r := &model.Resource{Category: "auth", Name: "notes1234", Service: "Cognito",
		Override: &model.SourceFile{Path: "amplify/backend/auth/notes1234/override.ts", Content: authOverride}}
	p.Resources = []*model.Resource{r}
	g := testGen(p, Options{}, "auth")
	g.writeOverrides()
	got := backendText(g)
	for _, want := range []string{
		"backend.auth.resources.cfnResources.cfnUserPool.policies = {\n  passwordPolicy: {\n    ...(backend.auth.resources.cfnResources.cfnUserPool as any).policies[\"passwordPolicy\"],",
		"backend.auth.resources.cfnResources.cfnUserPool.addPropertyOverride('DeviceConfiguration', {\n  ChallengeRequiredOnNewDevice: true,\n});",
		"backend.auth.resources.cfnResources.cfnUserPoolClient.accessTokenValidity = 30;",
		"backend.auth.resources.cfnResources.cfnUserPool.tags.setTag('Environment', branchName);\nbackend.auth.resources.cfnResources.cfnUserPool.tags.setTag('Project', 'notes');",
		"TODO(amplify-migrate): amplify/backend/auth/notes1234/override.ts:18 was not translated: it is not an assignment to a property of `resources.<resource>`.",
		"// const suffix = amplifyProjectInfo.envName;",
		"uses suffix, which is defined outside the statement",
		"// if (amplifyProjectInfo.envName === 'prod') {\n//   resources.userPool.deletionProtection = 'ACTIVE';\n// }",
		"backend.auth.resources.cfnResources.cfnUserPool.applyRemovalPolicy(cdk.RemovalPolicy.RETAIN);",
		"import * as cdk from 'aws-cdk-lib';",
		"Gen 2 has no counterpart of the Gen 1 auth/notes1234 resource hostedUIProvidersCustomResource",
		"// Longer passwords than the CLI offered.\nbackend.auth",
	} {
		if !hasText(got, want) {
			t.Errorf("backend.ts lacks %q:\n%s", want, got)
		}
	}
	var manual, cdk int
	for _, f := range g.findings {
		if f.Code == "override.statement" {
			switch f.Level {
			case model.Manual:
				manual++
			case model.CDK:
				cdk++
			}
			if f.Pos.File != r.Override.Path || f.Pos.Line == 0 {
				t.Errorf("finding without position: %+v", f)
			}
		}
	}
	if cdk != 5 || manual != 4 {
		t.Errorf("translated %d, not translated %d; want 5 and 4", cdk, manual)
	}
}

func TestOverrideNeedsConvertedResource(t *testing.T) {
	p := &model.Project{Name: "notes", AmplifyDir: "amplify"}
	r := &model.Resource{Category: "auth", Name: "notes1234", Service: "Cognito",
		Override: &model.SourceFile{Path: "amplify/backend/auth/notes1234/override.ts", Content: authOverride}}
	p.Resources = []*model.Resource{r}
	g := testGen(p, Options{})
	g.writeOverrides()
	got := backendText(g)
	if strings.Contains(got, "backend.auth") && !strings.Contains(got, "// resources.userPool") {
		t.Errorf("translated without auth:\n%s", got)
	}
	if !hasText(got, "the user pool was not converted to defineAuth") {
		t.Errorf("no reason given:\n%s", got)
	}
	// With referenceAuth the Gen 1 pools stay as the override shaped them.
	g = testGen(p, Options{Auth: AuthReference}, "auth")
	g.writeOverrides()
	if got := backendText(g); strings.Contains(got, "backend.auth.resources.cfnResources") {
		t.Errorf("reference auth translated:\n%s", got)
	}
	if len(g.findings) != 1 || g.findings[0].Level != model.Drop || !strings.Contains(g.findings[0].Reason, "referenceAuth") {
		t.Errorf("reference auth findings: %+v", g.findings)
	}
}

func TestOverrideDataAndStorageAndRoot(t *testing.T) {
	p := &model.Project{Name: "notes", AmplifyDir: "amplify"}
	api := &model.Resource{Category: "api", Name: "notes", Service: "AppSync", GraphQL: &model.GraphQLAPI{Models: []string{"Note"}},
		Override: &model.SourceFile{Path: "amplify/backend/api/notes/override.ts", Content: `import { AmplifyApiGraphQlResourceStackTemplate } from '@aws-amplify/cli-extensibility-helper';

export function override(resources: AmplifyApiGraphQlResourceStackTemplate) {
  resources.api.GraphQLAPI.xrayEnabled = true;
  resources.models['Note'].modelDDBTable.billingMode = 'PAY_PER_REQUEST';
  resources.models.Note.modelDDBTable.pointInTimeRecoverySpecification = { pointInTimeRecoveryEnabled: true };
  resources.models["Note"].modelDDBTable.timeToLiveSpecification = { attributeName: 'expiresAt', enabled: true };
  resources.models["Note"].modelDDBTable.streamSpecification = { streamViewType: 'NEW_AND_OLD_IMAGES' };
  resources.models["Note"].modelDDBTable.tableName = 'x';
  resources.models["Missing"].modelDDBTable.billingMode = 'PROVISIONED';
}
`}}
	bucket := &model.Resource{Category: "storage", Name: "files", Service: "S3", Bucket: &model.Bucket{},
		Override: &model.SourceFile{Path: "amplify/backend/storage/files/override.ts", Content: `export function override(resources) {
  resources.s3Bucket.versioningConfiguration = { status: 'Enabled' };
  resources.s3Bucket.addPropertyOverride('LifecycleConfiguration.Rules', [{ Status: 'Enabled', ExpirationInDays: 30 }]);
  resources.s3AuthPublicPolicy.policyName = 'x';
}
`}}
	p.Resources = []*model.Resource{api, bucket}
	p.RootOverride = &model.SourceFile{Path: "amplify/backend/awscloudformation/override.ts", Content: `import { AmplifyRootStackTemplate } from '@aws-amplify/cli-extensibility-helper';

export function override(resources: AmplifyRootStackTemplate, amplifyProjectInfo) {
  resources.authRole.addPropertyOverride('MaxSessionDuration', 7200);
  resources.authRole.description = ` + "`users of ${amplifyProjectInfo.projectName}`" + `;
  resources.unauthRole.description = 'guests';
  resources.deploymentBucket.addPropertyOverride('X', 1);
}
`}
	g := testGen(p, Options{}, "auth", "data", "storage")
	g.writeOverrides()
	got := backendText(g)
	for _, want := range []string{
		"backend.data.resources.cfnResources.cfnGraphqlApi.xrayEnabled = true;",
		"backend.data.resources.cfnResources.amplifyDynamoDbTables['Note'].billingMode = BillingMode.PAY_PER_REQUEST;",
		"backend.data.resources.cfnResources.amplifyDynamoDbTables['Note'].pointInTimeRecoverySpecification = { pointInTimeRecoveryEnabled: true };",
		"backend.data.resources.cfnResources.amplifyDynamoDbTables['Note'].timeToLiveAttribute = { attributeName: 'expiresAt', enabled: true };",
		"backend.data.resources.cfnResources.amplifyDynamoDbTables['Note'].streamSpecification = { streamViewType: StreamViewType.NEW_AND_OLD_IMAGES };",
		"can only set billingMode",
		"the schema has no @model type Missing",
		"import { BillingMode, StreamViewType } from 'aws-cdk-lib/aws-dynamodb';",
		"backend.storage.resources.cfnResources.cfnBucket.versioningConfiguration = { status: 'Enabled' };",
		"backend.storage.resources.cfnResources.cfnBucket.addPropertyOverride('LifecycleConfiguration.Rules', [{ Status: 'Enabled', ExpirationInDays: 30 }]);",
		"not the Gen 1 policies",
		"(backend.auth.resources.authenticatedUserIamRole.node.defaultChild as CfnRole).addPropertyOverride('MaxSessionDuration', 7200);",
		"(backend.auth.resources.unauthenticatedUserIamRole.node.defaultChild as CfnRole).description = 'guests';",
		"(backend.auth.resources.authenticatedUserIamRole.node.defaultChild as CfnRole).description = `users of notes`;",
		"Gen 2 has no Amplify deployment bucket",
		"import { CfnRole } from 'aws-cdk-lib/aws-iam';",
	} {
		if !hasText(got, want) {
			t.Errorf("backend.ts lacks %q:\n%s", want, got)
		}
	}
}

func TestOverridePlaceholderAndSyntaxError(t *testing.T) {
	for _, src := range []string{"// placeholder\n", "export function override(resources) {\n  resources.userPool.x = 'a\n}\n"} {
		p := &model.Project{Name: "n", AmplifyDir: "amplify"}
		r := &model.Resource{Category: "auth", Name: "a", Service: "Cognito", Override: &model.SourceFile{Path: "o.ts", Content: src}}
		p.Resources = []*model.Resource{r}
		g := testGen(p, Options{}, "auth")
		g.writeOverrides()
		got := backendText(g)
		if !strings.Contains(got, ts.TodoPrefix+": o.ts was not translated") {
			t.Errorf("no TODO for %q:\n%s", src, got)
		}
		if !strings.Contains(got, "// "+strings.SplitN(src, "\n", 2)[0]) {
			t.Errorf("source not carried for %q:\n%s", src, got)
		}
	}
}
