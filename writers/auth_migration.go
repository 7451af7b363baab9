package writers

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

// userMigrationHandler is the trigger's code. It is the same for every
// project: what differs (the Gen 1 pool) comes in environment variables
// set by its resource.ts.
//
//go:embed authfiles/user-migration-handler.ts
var userMigrationHandler []byte

// userMigrationDir is the trigger's folder.
const userMigrationDir = "amplify/auth/user-migration"

// userMigrationSDK are the packages the handler imports, at versions that
// were type-checked and bundled together by the real-package tests.
var userMigrationSDK = map[string]string{
	"@aws-sdk/client-cognito-identity-provider": "^3.1169.0",
	"@aws-sdk/client-lambda":                    "^3.1162.0",
}

// userMigration is the generated trigger, as other parts of the auth
// conversion refer to it.
type userMigration struct {
	ident string
	// known is true when the Gen 1 pool's IDs are in the project files.
	known bool
}

// writeUserMigration generates the userMigration trigger that brings users
// over from the Gen 1 pool on their first sign-in, unless the user turned
// it off or the project has its own.
func (w *authWriter) writeUserMigration(si signIn) *userMigration {
	a := w.a
	for _, t := range a.Triggers {
		if t.Event == "UserMigration" {
			w.find("auth.user-migration", model.Manual, "trigger "+t.Name, t.Pos,
				fmt.Sprintf("the project has its own UserMigration trigger (%s), which is kept; amplify-migrate's trigger is not generated", t.Function),
				"point your trigger at the Gen 1 pool (it now migrates from Gen 1 to Gen 2), and enable USER_PASSWORD_AUTH as MIGRATION.md describes")
			return nil
		}
	}
	if w.g.opts.NoUserMigration {
		w.find("auth.user-migration", model.Manual, "users", w.res.Pos,
			"--no-user-migration: the new user pool starts empty and Gen 1 users cannot sign in to it with their passwords",
			"have users sign up again or reset their passwords, import them with a CSV user import job (passwords are not exported), or convert with --auth reference to keep the Gen 1 pool")
		return nil
	}
	ident := "userMigration"
	for taken := w.identTaken(ident); taken; taken = w.identTaken(ident) {
		ident = "gen1" + strings.ToUpper(ident[:1]) + ident[1:]
	}
	m := &userMigration{ident: ident}
	ids := a.Deployed
	region := w.g.p.Deployment.Region
	if ids.UserPoolID.IsSet {
		if i := strings.Index(ids.UserPoolID.Value, "_"); i > 0 {
			region = ids.UserPoolID.Value[:i]
		}
	}
	m.known = ids.UserPoolID.IsSet && ids.WebClientID.IsSet && region != ""

	// resource.ts
	p := ts.New()
	p.Line("import { defineFunction } from '@aws-amplify/backend';")
	p.Blank()
	var pool ts.Obj
	if m.known {
		p.Comment(fmt.Sprintf("The Gen 1 user pool users come from (%s) and its web app client.", ids.UserPoolID.Pos.File))
		pool = ts.Obj{{Key: "userPoolId", Value: ts.Str(ids.UserPoolID.Value)}, {Key: "clientId", Value: ts.Str(ids.WebClientID.Value)}, {Key: "region", Value: ts.Str(region)}}
	} else {
		p.Todo("auth.user-migration", "the Gen 1 user pool's IDs are not in the project files (amplify/backend/amplify-meta.json is missing or has no auth outputs). Set GEN1_USER_POOL_ID, GEN1_USER_POOL_CLIENT_ID (the web client, AppClientIDWeb) and GEN1_REGION in the environment of `npx ampx sandbox` and in the Amplify console, or write the values here.")
		def := func(env, val string) ts.Value {
			return ts.Expr("process.env." + env + " ?? " + ts.Quote(val))
		}
		pool = ts.Obj{
			{Key: "userPoolId", Value: def("GEN1_USER_POOL_ID", ids.UserPoolID.Value)},
			{Key: "clientId", Value: def("GEN1_USER_POOL_CLIENT_ID", ids.WebClientID.Value)},
			{Key: "region", Value: def("GEN1_REGION", region)},
		}
	}
	p.Value("export const gen1UserPool = ", pool, ";")
	p.Blank()
	p.Comment("Brings each Gen 1 user over on their first sign-in: see handler.ts. Cognito waits at most 5 seconds for a trigger; the longer timeout is for the asynchronous copy of the user's groups.")
	env := ts.Obj{
		{Key: "GEN1_USER_POOL_ID", Value: ts.Expr("gen1UserPool.userPoolId")},
		{Key: "GEN1_USER_POOL_CLIENT_ID", Value: ts.Expr("gen1UserPool.clientId")},
		{Key: "GEN1_REGION", Value: ts.Expr("gen1UserPool.region")},
		{Key: "GEN1_SIGN_IN_WITH_USERNAME", Value: ts.Str(fmt.Sprint(si.username))},
	}
	p.Value("export const "+ident+" = defineFunction(", ts.Obj{
		{Key: "name", Value: ts.Str(ident)},
		{Key: "entry", Value: ts.Str("./handler.ts")},
		{Key: "resourceGroupName", Value: ts.Str("auth")},
		{Key: "timeoutSeconds", Value: ts.Num(15)},
		{Key: "environment", Value: env},
	}, ");")
	w.g.addTS(userMigrationDir+"/resource.ts", p)
	w.g.addFile(userMigrationDir+"/handler.ts", userMigrationHandler)
	for name, v := range userMigrationSDK {
		if other, from := w.g.pkg.addDependency(name, v, "auth user migration"); other != "" {
			w.find("auth.user-migration", model.Manual, "package.json", model.Pos{},
				fmt.Sprintf("the user migration trigger needs %s %s, and %s asked for %s", name, v, from, other),
				"use one version of the package in package.json")
		}
	}
	module := "./auth/user-migration/resource"
	w.g.backend.Resource(OrderAuth, ident, ident, module)
	w.g.backend.Imports.Add(module, "gen1UserPool")
	w.imports.Add("./user-migration/resource", ident)
	w.triggers.Set("userMigration", ts.Expr(ident))
	w.allow(ident, []string{"getUser", "addUserToGroup"}, "copies migrated users' Gen 1 groups")

	// backend.ts: access to the Gen 1 pool only, and to itself.
	w.at = topicMigration
	w.g.backend.Imports.Add("aws-cdk-lib/aws-iam", "Policy", "PolicyStatement")
	arn := ts.Value(ts.Str(ids.UserPoolArn.Value))
	if !ids.UserPoolArn.IsSet {
		arn = ts.Expr("`arn:aws:cognito-idp:${gen1UserPool.region}:${backend.auth.stack.account}:userpool/${gen1UserPool.userPoolId}`")
	}
	ref := "backend." + ident + ".resources.lambda"
	w.stmt(func(p *ts.Printer) {
		p.Comment("The userMigration trigger checks passwords against the Gen 1 pool and reads users and their groups there; it may do nothing else to it.")
		p.Value(ref+".addToRolePolicy(", ts.Call{Fn: "new PolicyStatement", Args: []ts.Value{ts.Obj{
			{Key: "actions", Value: ts.Strs("cognito-idp:AdminInitiateAuth", "cognito-idp:AdminGetUser", "cognito-idp:AdminListGroupsForUser")},
			{Key: "resources", Value: ts.Arr{arn}},
		}}}, ");")
		p.Comment("It copies groups in an asynchronous call to itself, once Cognito has created the user. A separate policy, so that the function does not depend on a policy that names it.")
		p.Value(ref+".role?.attachInlinePolicy(", ts.Call{Fn: "new Policy", Args: []ts.Value{
			ts.Expr("backend.auth.stack"), ts.Str("UserMigrationSelfInvoke"),
			ts.Obj{{Key: "statements", Value: ts.Arr{ts.Call{Fn: "new PolicyStatement", Args: []ts.Value{ts.Obj{
				{Key: "actions", Value: ts.Strs("lambda:InvokeFunction")},
				{Key: "resources", Value: ts.Arr{ts.Expr(ref + ".functionArn")}},
			}}}}}},
		}}, ");")
	})

	level, reason := model.Auto, "a userMigration trigger (amplify/auth/user-migration) checks each user's password against the Gen 1 pool on their first sign-in and creates them in the new pool with their attributes, then copies their groups"
	action := "enable ADMIN_USER_PASSWORD_AUTH on the Gen 1 web app client and sign in with USER_PASSWORD_AUTH in the app (see MIGRATION.md)"
	pos := ids.UserPoolID.Pos
	if !m.known {
		level = model.Manual
		reason += "; the Gen 1 pool's IDs are unknown (no amplify-meta.json outputs)"
		action = "set GEN1_USER_POOL_ID, GEN1_USER_POOL_CLIENT_ID and GEN1_REGION (see the TODO in " + userMigrationDir + "/resource.ts); " + action
		pos = w.res.Pos
	}
	w.find("auth.user-migration", level, "users", pos, reason, action)
	if len(w.a.Providers) > 0 {
		w.find("auth.user-migration", model.Manual, "federated users", w.a.OAuth.Pos,
			"users who signed in through a social or SAML/OIDC provider have no password to check: they become new users of the new pool the next time they sign in with the provider (with the provider's attributes, without their Gen 1 groups)",
			"if they need their groups, add them with `aws cognito-idp admin-add-user-to-group` after their first sign-in")
	}
	return m
}

// identTaken reports whether a backend key or function identifier is in use.
func (w *authWriter) identTaken(ident string) bool {
	if w.g.backend.HasResource(ident) {
		return true
	}
	for _, f := range w.g.functions {
		if f.Ident == ident {
			return true
		}
	}
	return false
}

// writeGuide writes the auth section of MIGRATION.md for a new pool.
func (w *authWriter) writeGuide(m *userMigration) {
	a := w.a
	var b strings.Builder
	b.WriteString("The Gen 2 backend defines a **new** user pool (amplify/auth/resource.ts) with the Gen 1 pool's settings; settings defineAuth cannot express are pinned in amplify/backend.ts. ")
	b.WriteString("Passwords cannot be exported from Cognito, so users are moved as they sign in.\n\n")
	if m != nil {
		b.WriteString("### Moving users: the userMigration trigger\n\n")
		b.WriteString("`amplify/auth/user-migration/` checks a user's password against the Gen 1 pool the first time they sign in to the new pool, and Cognito then creates them, confirmed, with the same password and their attributes. ")
		b.WriteString("Their Gen 1 groups are copied right after (Cognito can only add a user to a group once the user exists). Users who never sign in stay in the Gen 1 pool.\n\n")
		b.WriteString("Before users sign in to the Gen 2 backend:\n\n")
		web := "<AppClientIDWeb>"
		pool := "<UserPoolId>"
		if a.Deployed.WebClientID.IsSet {
			web = a.Deployed.WebClientID.Value
		}
		if a.Deployed.UserPoolID.IsSet {
			pool = a.Deployed.UserPoolID.Value
		}
		fmt.Fprintf(&b, "1. **Allow ADMIN_USER_PASSWORD_AUTH on the Gen 1 web app client** (`%s` in pool `%s`): Cognito console > the Gen 1 user pool > App clients > the web client > Edit > Authentication flows. ", web, pool)
		b.WriteString("With the CLI, `aws cognito-idp update-user-pool-client` resets every setting you do not pass, so pass them all (read them first with `describe-user-pool-client`). A later `amplify push` that updates the client can turn the flow off again.\n")
		b.WriteString("2. **Sign in with USER_PASSWORD_AUTH in the app.** Cognito runs the trigger only when it receives the password; with SRP (Amplify's default) it never does. In aws-amplify v6: `signIn({ username, password, options: { authFlowType: 'USER_PASSWORD_AUTH' } })`; with the Authenticator, pass `services={{ handleSignIn: (input) => signIn({ ...input, options: { ...input.options, authFlowType: 'USER_PASSWORD_AUTH' } }) }}`. The new app client allows it (amplify/backend.ts). The password travels to Cognito over TLS instead of through SRP.\n")
		b.WriteString("3. **Forgotten passwords** also work: a reset for a user only Gen 1 knows brings the user over first (their email or phone must be verified in Gen 1 to receive the code).\n")
		if len(a.AliasAttributes.Value) > 0 && w.signIn().username {
			b.WriteString("4. **Username pools with aliases:** the first sign-in must use the username, not the email or phone alias (the trigger refuses aliases, or Cognito would make the alias the new username).\n")
		}
		b.WriteString("\nOnce every active user has signed in since the move, remove the trigger (`triggers.userMigration` in amplify/auth/resource.ts and `amplify/auth/user-migration/`) and ALLOW_USER_PASSWORD_AUTH from the app client; users left in Gen 1 can reset their password then, or be imported with a CSV user import job (which also cannot carry passwords).\n\n")
	} else if !w.hasOwnMigrationTrigger() {
		b.WriteString("The user migration trigger is off (`--no-user-migration`): Gen 1 users must sign up again or reset their password, or be imported with a CSV user import job (which cannot carry passwords). To keep everyone's sign-in as it is, convert with `--auth reference` instead.\n\n")
	}
	b.WriteString("### What else changes for users\n\n")
	b.WriteString("- **New identity pool, new identity IDs.** Files stored under `protected/{identityId}/` or `private/{identityId}/` in S3 are keyed by the Gen 1 identity ID, which users do not keep; move those objects to the new IDs (the new ID is known after the user's first sign-in) or keep the Gen 1 pools with `--auth reference`.\n")
	b.WriteString("- **New `sub`.** Migrated users get a new `sub` (user ID). Data keyed by it must be remapped: GraphQL owner fields (transformer v2 stores `<sub>::<username>` by default) and anything else that stores the sub. Owner fields that hold only the username keep working in username pools.\n")
	b.WriteString("- **Sessions.** Gen 1 tokens are not valid for the new pool: everyone signs in again once the app uses the Gen 2 backend.\n")
	if w.hostedUIOn() && len(a.Providers) > 0 {
		b.WriteString("- **Social sign-in.** The new pool has its own hosted UI domain: add `https://<new domain>/oauth2/idpresponse` to every identity provider's allowed redirect URIs (the domain is in amplify_outputs.json, `auth.oauth.domain`). Provider credentials are secrets: set them with the commands under Secrets.\n")
	}
	for _, n := range w.notes {
		b.WriteString("- " + n + "\n")
	}
	w.g.note(OrderAuth, "Auth", b.String())
}

func (w *authWriter) hasOwnMigrationTrigger() bool {
	for _, t := range w.a.Triggers {
		if t.Event == "UserMigration" {
			return true
		}
	}
	return false
}
