package writers

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

// writeProjectLevel converts what belongs to the project rather than to a
// resource: stack tags, CLI hooks, cli.json feature flags, and the guide to
// the frontend configuration change.
func (g *gen) writeProjectLevel() error {
	g.writeTags()
	g.writeHooks()
	g.writeFlags()
	g.writeFrontendNote()
	if len(g.p.ByCategory(model.CategoryHosting)) == 0 {
		g.note(OrderProject, "Deploying branches", "Gen 2 deploys a backend per Git branch with Amplify Hosting (or `npx ampx pipeline-deploy` in your own pipeline), and a personal cloud sandbox with `npx ampx sandbox`. An Amplify Hosting build runs the backend before the frontend:\n\n```yaml\n"+g.buildSpec()+"```")
	}
	return nil
}

// tagValue turns a tags.json value into TypeScript: {project-env} is the
// branch, {project-name} the Gen 1 project name.
func (g *gen) tagValue(s string) ts.Value {
	if !strings.Contains(s, "{project-env}") {
		return ts.Str(strings.ReplaceAll(s, "{project-name}", g.p.Name))
	}
	branch := g.backend.BranchName()
	if s == "{project-env}" {
		return ts.Expr(branch)
	}
	parts := strings.Split(s, "{project-env}")
	for i, p := range parts {
		parts[i] = ts.Template(strings.ReplaceAll(p, "{project-name}", g.p.Name))
	}
	return ts.Expr("`" + strings.Join(parts, "${"+branch+"}") + "`")
}

// writeTags applies backend/tags.json to every resource of the backend.
func (g *gen) writeTags() {
	if len(g.p.Tags) == 0 {
		return
	}
	type tag struct{ key, value ts.Value }
	var tags []tag
	for _, t := range g.p.Tags {
		f := model.Finding{Code: "project.tag", Subject: t.Key, Pos: t.Pos}
		switch {
		case strings.HasPrefix(strings.ToLower(t.Key), "aws:"):
			f.Level, f.Reason = model.Drop, "the aws: prefix is reserved, so CloudFormation never applied this tag"
			g.projectFinding(f)
			continue
		case strings.HasPrefix(t.Key, "amplify:"):
			f.Level, f.Reason, f.Action = model.Manual, "Gen 2 sets its own amplify: tags (amplify:app-id, amplify:branch-name, ...), which this one may collide with", "rename the tag in amplify/backend.ts"
		default:
			f.Level, f.Reason = model.CDK, "applied to every resource with Tags.of(backend.stack)"
		}
		g.projectFinding(f)
		tags = append(tags, tag{g.tagValue(t.Key), g.tagValue(t.Value)})
	}
	if len(tags) == 0 {
		return
	}
	g.backend.Imports.Add("aws-cdk-lib", "Tags")
	g.backend.Add(OrderProject, "Stack tags from Gen 1's backend/tags.json: {project-env} is the branch name, {project-name} the Gen 1 project name.", func(p *ts.Printer) {
		for _, t := range tags {
			p.Linef("Tags.of(backend.stack).add(%s, %s);", ts.Render(t.key), ts.Render(t.value))
		}
	})
}

// hookPhases says where the work of a Gen 1 hook goes in Gen 2.
var hookPhases = map[string]string{
	"pre-push":  "the preBuild phase of the backend in amplify.yml (before `npx ampx pipeline-deploy`), or a package.json script run before `npx ampx sandbox`",
	"post-push": "the postBuild phase of the backend in amplify.yml (after `npx ampx pipeline-deploy`)",
	"pre-pull":  "nothing: Gen 2 has no pull; `npx ampx generate outputs` fetches the configuration",
	"post-pull": "a script run after `npx ampx generate outputs`",
}

// writeHooks reports the Gen 1 CLI hooks, which Gen 2 does not run.
func (g *gen) writeHooks() {
	if len(g.p.Hooks) == 0 {
		return
	}
	var rows []string
	for _, h := range g.p.Hooks {
		base := path.Base(h.Path)
		event := strings.TrimSuffix(base, path.Ext(base))
		where, ok := hookPhases[event]
		if !ok {
			where = "a package.json script or a phase of amplify.yml; Gen 2 has no command that matches `amplify " + strings.TrimPrefix(strings.TrimPrefix(event, "pre-"), "post-") + "`"
		}
		g.projectFinding(model.Finding{Code: "project.hook", Level: model.Manual, Subject: base, Pos: model.Pos{File: h.Path, Line: 1},
			Reason: "a Gen 1 CLI hook; the Gen 2 CLI runs no hooks",
			Action: "move its work to " + where})
		rows = append(rows, fmt.Sprintf("| `%s` | %s |", h.Path, mdCell(where)))
	}
	g.note(OrderProject, "CLI hooks", "The Gen 1 CLI ran the scripts in `amplify/hooks/` around its commands; Gen 2 has no hooks. Move their work:\n\n| Hook | Where it goes in Gen 2 |\n|---|---|\n"+strings.Join(rows, "\n"))
}

// codegenFlags are the cli.json codegen flags with a Gen 2 codegen option.
var codegenFlags = map[string]string{
	"generateindexrules":                             "--model-generate-index-rules",
	"emitauthprovider":                               "--model-emit-auth-provider",
	"addtimestampfields":                             "--model-add-timestamp-fields",
	"handlelistnullabilitytransparently":             "--model-handle-list-nullability-transparently",
	"generatemodelsforlazyloadandcustomselectionset": "--model-generate-models-for-lazy-load-and-custom-selection-set",
}

// flagSections says why a cli.json section means nothing in Gen 2; the
// graphqltransformer and auth sections are read by the data and auth
// conversions.
var flagSections = map[string]string{
	"frontend-ios":        "Gen 2 has no Xcode integration: add amplify_outputs.json to the Xcode project",
	"appsync":             "Gen 2 generates the GraphQL permissions itself",
	"project":             "override.ts files are translated into amplify/backend.ts",
	"latestregionsupport": "Gen 2 deploys every service in the backend's region",
	"codegen":             "Gen 2 code generation has no such option",
}

// writeFlags reports the cli.json feature flags that the data and auth
// conversions do not read.
func (g *gen) writeFlags() {
	var sections []string
	for s := range g.p.Flags {
		if s != "graphqltransformer" && s != "auth" {
			sections = append(sections, s)
		}
	}
	sort.Strings(sections)
	var codegen []string
	for _, s := range sections {
		var keys []string
		for k := range g.p.Flags[s] {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			v := g.p.Flags[s][k]
			f := model.Finding{Code: "project.flag", Subject: s + "." + k + "=" + v,
				Pos: model.Pos{File: g.p.AmplifyDir + "/cli.json", Path: "features." + s + "." + k}}
			if opt, ok := codegenFlags[k]; ok && s == "codegen" {
				f.Level, f.Reason = model.Manual, "model generation takes it as "+opt
				f.Action = fmt.Sprintf("pass %s=%s to `npx ampx generate graphql-client-code --format modelgen`", opt, v)
				codegen = append(codegen, opt+"="+v)
			} else if why, ok := flagSections[s]; ok {
				f.Level, f.Reason = model.Drop, why
			} else {
				f.Level, f.Reason = model.Drop, "amplify-migrate does not know this flag, and Gen 2 has no feature flags"
			}
			g.projectFinding(f)
		}
	}
	if len(codegen) > 0 && g.p.Frontend != "javascript" {
		g.note(OrderProject, "Code generation", "Generate the models with the options the Gen 1 project used (cli.json):\n\n```sh\nnpx ampx generate graphql-client-code --format modelgen --model-target "+modelTarget(g.p.Frontend)+" "+strings.Join(codegen, " ")+"\n```")
	}
}

func modelTarget(frontend string) string {
	switch frontend {
	case "ios":
		return "swift"
	case "android":
		return "java"
	case "flutter":
		return "dart"
	}
	return "typescript"
}

// writeFrontendNote explains the client configuration change.
func (g *gen) writeFrontendNote() {
	var body string
	switch g.p.Frontend {
	case "ios":
		body = "Gen 1 configured the app from `amplifyconfiguration.json` and `awsconfiguration.json`. Gen 2 writes `amplify_outputs.json`: generate it with `npx ampx generate outputs --app-id <app-id> --branch <branch>` (or `npx ampx sandbox`), add it to the Xcode project in place of the Gen 1 files, and configure with `try Amplify.configure(with: .amplifyOutputs)`."
	case "android":
		body = "Gen 1 configured the app from `res/raw/amplifyconfiguration.json`. Gen 2 writes `amplify_outputs.json`: generate it with `npx ampx generate outputs --app-id <app-id> --branch <branch> --out-dir app/src/main/res/raw` (or `npx ampx sandbox`), and configure with `Amplify.configure(AmplifyOutputs(R.raw.amplify_outputs), applicationContext)`."
	case "flutter":
		body = "Gen 1 configured the app from `lib/amplifyconfiguration.dart`. Gen 2 writes `amplify_outputs.dart`: generate it with `npx ampx generate outputs --app-id <app-id> --branch <branch> --format dart --out-dir lib` (or `npx ampx sandbox --outputs-format dart --outputs-out-dir lib`), and configure with `await Amplify.configure(amplifyConfig)` importing `amplify_outputs.dart`."
	default:
		src := orDefault(g.p.FrontendBuild.SourceDir, "src")
		body = fmt.Sprintf("Gen 1 wrote `%s/aws-exports.js` (and `%s/amplifyconfiguration.json`). Gen 2 writes `amplify_outputs.json` at the project root: `npx ampx sandbox` creates it for development, Amplify Hosting builds create it per branch, and `npx ampx generate outputs --app-id <app-id> --branch <branch>` fetches it. Replace the configuration import:\n\n```ts\n// before\nimport config from './aws-exports';\nAmplify.configure(config);\n// after\nimport outputs from '../amplify_outputs.json';\nAmplify.configure(outputs);\n```\n\n`amplify_outputs.json` needs aws-amplify v6: upgrade v5 apps first. Gen 1 frontends keep working against the Gen 1 backend until you switch, so the change can ship on its own.", src, src)
	}
	g.note(OrderProject, "Frontend configuration", body)
}

// buildCommand normalises a project-config.json command for Amplify
// Hosting's Linux build image.
func buildCommand(s string) string {
	f := strings.Fields(s)
	for i, w := range f {
		switch w {
		case "npm.cmd":
			f[i] = "npm"
		case "yarn.cmd":
			f[i] = "yarn"
		case "run-script":
			f[i] = "run"
		}
	}
	return strings.Join(f, " ")
}

// yamlScalar quotes a YAML scalar when plain style would change its meaning.
func yamlScalar(s string) string {
	if s == "" || strings.ContainsAny(s[:1], "!&*{}[]|>'\"%@`#,?:-") || strings.Contains(s, ": ") || strings.Contains(s, " #") {
		return "'" + strings.ReplaceAll(s, "'", "''") + "'"
	}
	return s
}

// buildSpec is amplify.yml for Gen 2 branch deployments.
func (g *gen) buildSpec() string {
	fb := g.p.FrontendBuild
	cmd := buildCommand(orDefault(fb.BuildCommand, "npm run build"))
	install := "npm ci --cache .npm --prefer-offline"
	cache := []string{".npm/**/*", "node_modules/**/*"}
	switch {
	case strings.HasPrefix(cmd, "yarn"):
		install, cache = "yarn install --frozen-lockfile", []string{"node_modules/**/*"}
	case strings.HasPrefix(cmd, "pnpm"):
		install, cache = "pnpm install --frozen-lockfile", []string{"node_modules/**/*"}
	}
	dist := strings.Trim(fb.DistributionDir, "/")
	web := g.p.Frontend == "javascript" && dist != "" && dist != "."
	var b strings.Builder
	b.WriteString("version: 1\nbackend:\n  phases:\n    build:\n      commands:\n")
	fmt.Fprintf(&b, "        - %s\n", yamlScalar(install))
	b.WriteString("        - npx ampx pipeline-deploy --branch $AWS_BRANCH --app-id $AWS_APP_ID\n")
	b.WriteString("frontend:\n  phases:\n    build:\n      commands:\n")
	if web {
		fmt.Fprintf(&b, "        - %s\n", yamlScalar(cmd))
	} else {
		// A backend-only app still needs an artifact for Amplify Hosting.
		dist = "dist"
		b.WriteString("        - mkdir -p dist && touch dist/index.html\n")
	}
	fmt.Fprintf(&b, "  artifacts:\n    baseDirectory: %s\n    files:\n      - '**/*'\n  cache:\n    paths:\n", yamlScalar(dist))
	for _, c := range cache {
		fmt.Fprintf(&b, "      - %s\n", yamlScalar(c))
	}
	return b.String()
}

// writeHosting converts a hosting resource: Amplify Hosting builds Gen 2
// branches from amplify.yml; S3 and CloudFront hosting has no Gen 2 form.
func (g *gen) writeHosting(r *model.Resource) {
	g.markHandled(r)
	h := r.Other.Hosting
	switch r.Service {
	case "amplifyhosting":
		if h.Type == "manual" {
			g.finding(r, model.Finding{Code: "hosting.manual", Level: model.Manual, Subject: "type", Pos: r.Other.Positions["type"],
				Reason: "the Gen 1 app is deployed by hand (amplify publish); Amplify Hosting cannot turn an app with manual deploys into one that builds Git branches",
				Action: "create a new Amplify app connected to the repository; it builds each branch with amplify.yml"})
		} else {
			g.finding(r, model.Finding{Code: "hosting.amplify", Level: model.Auto, Subject: "type", Pos: r.Other.Positions["type"],
				Reason: "Amplify Hosting builds each branch; amplify.yml now deploys the Gen 2 backend with ampx pipeline-deploy",
				Action: "in the Amplify console, turn on full-stack CI/CD for the branch (Gen 2 needs no service role for amplify push)"})
		}
	case "S3AndCloudFront":
		bucket := orDefault(h.BucketName, "the hosting bucket")
		spec := "amplify.yml is written"
		if g.p.BuildSpec != nil {
			spec = "see MIGRATION.md for its amplify.yml"
		}
		g.finding(r, model.Finding{Code: "hosting.s3-cloudfront", Level: model.Manual, Pos: r.Other.Positions["bucketName"],
			Reason: fmt.Sprintf("Gen 2 has no S3 and CloudFront hosting; the Gen 1 bucket %s and its distribution stay in the Gen 1 stack", bucket),
			Action: "host the frontend with Amplify Hosting (" + spec + "), or build an S3 bucket and CloudFront distribution with CDK (see the TODO in amplify/backend.ts)"})
		g.backend.Add(OrderOther, "hosting/S3AndCloudFront", func(p *ts.Printer) {
			p.Todo("hosting.s3-cloudfront", fmt.Sprintf("Gen 1 hosted the frontend in the S3 bucket %s behind CloudFront (amplify publish). Gen 2 has no such hosting: connect the repository to Amplify Hosting (%s), or create a Bucket and a Distribution (aws-cdk-lib/aws-s3, aws-cdk-lib/aws-cloudfront) in backend.createStack('hosting') and deploy the build output with BucketDeployment.", bucket, spec))
		})
	}
	for _, f := range g.findings {
		if f.Code == "hosting.build-spec" {
			return // decided for an earlier hosting resource
		}
	}
	spec := g.buildSpec()
	if g.p.BuildSpec != nil {
		g.finding(r, model.Finding{Code: "hosting.build-spec", Level: model.Manual, Pos: model.Pos{File: g.p.BuildSpec.Path, Line: 1},
			Reason: "the project has its own amplify.yml, which is left as it is",
			Action: "replace its backend phase with `npx ampx pipeline-deploy --branch $AWS_BRANCH --app-id $AWS_APP_ID` (see MIGRATION.md)"})
		g.note(OrderProject, "Build settings", "The project's `amplify.yml` still runs the Gen 1 backend build (`amplifyPush`). For Gen 2, its backend phase installs the dependencies and runs `ampx pipeline-deploy`; the build settings amplify-migrate would write are:\n\n```yaml\n"+spec+"```")
		return
	}
	g.addFile("amplify.yml", []byte(spec))
	g.finding(r, model.Finding{Code: "hosting.build-spec", Level: model.Auto, Pos: g.p.FrontendBuild.Pos,
		Reason: fmt.Sprintf("amplify.yml deploys the backend with ampx pipeline-deploy, then builds the frontend with %q into %s", buildCommand(orDefault(g.p.FrontendBuild.BuildCommand, "npm run build")), orDefault(g.p.FrontendBuild.DistributionDir, "dist"))})
}
