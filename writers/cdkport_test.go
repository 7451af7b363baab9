package writers

import (
	"os"
	"strings"
	"testing"

	"github.com/amplify-migrate/amplify-migrate/model"
)

func port(t *testing.T, src string, deps ...model.Dependency) cdkPortResult {
	t.Helper()
	return portCDKStack(cdkPortInput{Resource: "thing", ProjectName: "proj", Path: "amplify/backend/custom/thing/cdk-stack.ts", Source: src, Deps: deps})
}

func TestPortNamedImportsAndHelpers(t *testing.T) {
	src := `import { Stack, StackProps, CfnParameter, Fn, CfnOutput } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AmplifyResourceProps, addResourceDependency, getProjectInfo } from '@aws-amplify/cli-extensibility-helper';
import * as s3 from 'aws-cdk-lib/aws-s3';

export class cdkStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps, amplifyResourceProps?: AmplifyResourceProps) {
    super(scope, id, props);
    new CfnParameter(this, "env", { type: 'String' });
    const deps = addResourceDependency(this, amplifyResourceProps.category, amplifyResourceProps.resourceName, [
      { category: 'storage', resourceName: 'files' },
    ]);
    const bucketName = Fn.ref(deps.storage.files.BucketName);
    const b = new s3.Bucket(this, 'Copy', { bucketName: ` + "`copy-${Fn.ref('env')}-${getProjectInfo().projectName}`" + ` });
    const other = Fn.ref('somethingElse');
    new CfnOutput(this, 'copyBucket', { value: b.bucketName + bucketName + other });
    const x = props?.env;
    const y = require('./helper');
  }
}
`
	r := port(t, src, model.Dependency{Category: "storage", ResourceName: "files", Attributes: []string{"BucketName"}})
	if r.Skeleton {
		t.Fatalf("skeleton:\n%s", r.Code)
	}
	for _, want := range []string{
		"export class cdkStack extends Construct {",
		"constructor(scope: Construct, id: string, amplifyResources: AmplifyDependentResourcesAttributes) {",
		"super(scope, id);",
		"const deps = amplifyResources;",
		"const bucketName = deps.storage.files.BucketName;",
		"bucketName: `copy-${branchName}-${{ envName: branchName, projectName: 'proj' }.projectName}`",
		"export type AmplifyDependentResourcesAttributes = { storage: { files: { BucketName: string } } };",
		"const branchName = process.env.AWS_BRANCH ?? 'sandbox';",
	} {
		if !strings.Contains(r.Code, want) {
			t.Errorf("ported code lacks %q:\n%s", want, r.Code)
		}
	}
	if strings.Contains(r.Code, "cli-extensibility-helper'") || strings.Contains(r.Code, "new CfnParameter(this, \"env\"") {
		t.Errorf("Gen 1 helper import or env parameter left:\n%s", r.Code)
	}
	if len(r.Outputs) != 1 || r.Outputs[0] != "copyBucket" {
		t.Errorf("outputs %v", r.Outputs)
	}
	// Fn.ref of an unknown parameter, the dropped StackProps and require
	// are flagged on their lines.
	lines := strings.Split(r.Code, "\n")
	wantTodos := map[string]string{
		"custom.cdk-fnref":      "const other = Fn.ref('somethingElse');",
		"custom.cdk-stackprops": "const x = props?.env;",
		"custom.cdk-require":    "const y = require('./helper');",
	}
	for _, td := range r.Todos {
		want, ok := wantTodos[td.Code]
		if !ok {
			t.Errorf("unexpected TODO %s: %s", td.Code, td.Text)
			continue
		}
		// The TODO comment sits right above the flagged line.
		k := td.Line
		for k < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[k-1]), "//") {
			k++
		}
		if strings.TrimSpace(lines[k-1]) != want {
			t.Errorf("TODO %s at line %d is above %q, want %q", td.Code, td.Line, lines[k-1], want)
		}
		delete(wantTodos, td.Code)
	}
	for code := range wantTodos {
		t.Errorf("no TODO %s", code)
	}
}

func TestPortCDKv1(t *testing.T) {
	src := `import * as cdk from '@aws-cdk/core';
import * as glue from '@aws-cdk/aws-glue';
import * as location from '@aws-cdk/aws-location';
import * as AmplifyHelpers from '@aws-amplify/cli-extensibility-helper';

export class cdkStack extends cdk.Stack {
  constructor(scope: cdk.Construct, id: string, props?: cdk.StackProps, amplifyResourceProps?: AmplifyHelpers.AmplifyResourceProps) {
    super(scope, id, props);
    new cdk.CfnParameter(this, 'env', { type: 'String' });
    new glue.Database(this, 'Db', { databaseName: 'x' });
    new location.CfnMap(this, 'Map', { mapName: 'm', configuration: { style: 'VectorEsriStreets' } });
    const child = new cdk.Construct(this, 'Child');
    const where = this.region + this.account;
  }
}
`
	r := port(t, src)
	for _, want := range []string{
		"import * as cdk from 'aws-cdk-lib';",
		"import * as glue from 'aws-cdk-lib/aws-glue';",
		"import * as location from 'aws-cdk-lib/aws-location';",
		"import { Construct } from 'constructs';",
		"export class cdkStack extends Construct {",
		"constructor(scope: Construct, id: string, amplifyResources: AmplifyDependentResourcesAttributes) {",
		"const child = new Construct(this, 'Child');",
		"const where = cdk.Stack.of(this).region + cdk.Stack.of(this).account;",
		"export type AmplifyDependentResourcesAttributes = Record<string, never>;",
	} {
		if !strings.Contains(r.Code, want) {
			t.Errorf("ported code lacks %q:\n%s", want, r.Code)
		}
	}
	// glue's Database is experimental in CDK v2; location is used only
	// through its Cfn class, which aws-cdk-lib has.
	var alpha []string
	for _, td := range r.Todos {
		if td.Code == "custom.cdk-alpha" {
			alpha = append(alpha, td.Text)
		}
	}
	if len(alpha) != 1 || !strings.Contains(alpha[0], "@aws-cdk/aws-glue-alpha") {
		t.Errorf("alpha TODOs: %v", alpha)
	}
}

func TestPortSkeletons(t *testing.T) {
	for _, src := range []string{
		"// placeholder: the original file's content is not part of this fixture\n",
		"export class cdkStack extends cdk.Stack {\n  constructor() { const s = 'unterminated\n  }\n}\n",
	} {
		r := port(t, src, model.Dependency{Category: "api", ResourceName: "a", Attributes: []string{"GraphQLAPIIdOutput"}})
		if !r.Skeleton || len(r.Todos) != 1 {
			t.Errorf("not a skeleton with one TODO for %q:\n%s", src, r.Code)
		}
		if !strings.Contains(r.Code, "// "+strings.SplitN(src, "\n", 2)[0]) {
			t.Errorf("Gen 1 source not carried:\n%s", r.Code)
		}
		if !strings.Contains(r.Code, "export class cdkStack extends Construct {") {
			t.Errorf("no construct:\n%s", r.Code)
		}
	}
}

func TestPortKeepsStringsAndComments(t *testing.T) {
	// Words inside strings, comments and templates are never rewritten.
	src := `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';

// cdk.Fn.ref('env') and require('x') in a comment stay.
export class cdkStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const a = "cdk.Fn.ref('env') this.region";
    const b = ` + "`__dirname ${cdk.Fn.ref('env')}`" + `;
    /* new cdk.CfnParameter(this, 'env') */
  }
}
`
	r := port(t, src)
	for _, want := range []string{
		"// cdk.Fn.ref('env') and require('x') in a comment stay.",
		`const a = "cdk.Fn.ref('env') this.region";`,
		"const b = `__dirname ${branchName}`;",
		"/* new cdk.CfnParameter(this, 'env') */",
	} {
		if !strings.Contains(r.Code, want) {
			t.Errorf("lacks %q:\n%s", want, r.Code)
		}
	}
	if strings.Contains(r.Code, "const __dirname") || len(r.Todos) != 0 {
		t.Errorf("rewrote text inside a string or comment:\n%s", r.Code)
	}
}

func BenchmarkPortCDKStack(b *testing.B) {
	src, err := os.ReadFile("../testdata/cases/custom-cdk-stacks/amplify/backend/custom/notifier/cdk-stack.ts")
	if err != nil {
		b.Fatal(err)
	}
	deps := []model.Dependency{{Category: "api", ResourceName: "notesapp", Attributes: []string{"GraphQLAPIIdOutput", "GraphQLAPIEndpointOutput"}},
		{Category: "function", ResourceName: "notesprocessor", Attributes: []string{"Arn", "Name"}}}
	b.SetBytes(int64(len(src)))
	for i := 0; i < b.N; i++ {
		r := portCDKStack(cdkPortInput{Resource: "notifier", ProjectName: "notesapp", Path: "cdk-stack.ts", Source: string(src), Deps: deps})
		if r.Skeleton {
			b.Fatal("not ported")
		}
	}
}

func BenchmarkTranslateOverride(b *testing.B) {
	p := &model.Project{Name: "notes", AmplifyDir: "amplify"}
	r := &model.Resource{Category: "auth", Name: "notes1234", Service: "Cognito",
		Override: &model.SourceFile{Path: "override.ts", Content: authOverride}}
	p.Resources = []*model.Resource{r}
	for i := 0; i < b.N; i++ {
		g := testGen(p, Options{}, "auth")
		g.writeOverrides()
	}
}
