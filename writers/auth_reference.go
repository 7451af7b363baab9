package writers

import (
	"fmt"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

// refID is one of referenceAuth's IDs with where it comes from.
type refID struct {
	prop  string // referenceAuth prop
	value model.Setting[string]
	// where tells a person where to find the value when it is missing.
	where string
}

// writeReference uses the Gen 1 project's own pools through referenceAuth
// (--auth reference): nobody signs up again, and the pools stay owned by
// the Gen 1 stack.
func (w *authWriter) writeReference() error {
	a := w.a
	env := w.g.p.Env
	if env == "" {
		env = "<env>"
	}
	meta := fmt.Sprintf("amplify/backend/amplify-meta.json (auth.%s.output.%%s; run `amplify pull --envName %s` to fetch it)", w.res.Name, env)
	tpi := fmt.Sprintf("amplify/team-provider-info.json (%s.awscloudformation.%%s)", env)
	switch a.Selection.Value {
	case "identityPoolOnly":
		return fmt.Errorf("--auth reference: auth resource %s has no user pool (authSelections identityPoolOnly), and referenceAuth needs one; convert without --auth reference", w.res.Name)
	case "userPoolOnly":
		return fmt.Errorf("--auth reference: auth resource %s has no identity pool (authSelections userPoolOnly), and referenceAuth needs one; convert without --auth reference, or add an identity pool to the Gen 1 project first", w.res.Name)
	}
	ids := []refID{
		{"userPoolId", a.Deployed.UserPoolID, fmt.Sprintf(meta, "UserPoolId")},
		{"identityPoolId", a.Deployed.IdentityPoolID, fmt.Sprintf(meta, "IdentityPoolId")},
		{"userPoolClientId", a.Deployed.WebClientID, fmt.Sprintf(meta, "AppClientIDWeb")},
		{"authRoleArn", a.Deployed.AuthRoleArn, fmt.Sprintf(tpi, "AuthRoleArn")},
		{"unauthRoleArn", a.Deployed.UnauthRoleArn, fmt.Sprintf(tpi, "UnauthRoleArn")},
	}
	var missing []string
	for _, id := range ids {
		if !id.value.IsSet {
			missing = append(missing, id.prop+" from "+id.where)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("--auth reference needs the IDs of the deployed Gen 1 pools, and these are missing:\n  - %s\nrun `amplify pull --envName %s` to fetch amplify-meta.json, or convert without --auth reference to define a new pool",
			strings.Join(missing, "\n  - "), env)
	}
	w.header = fmt.Sprintf("The Gen 1 user pool and identity pool of auth resource %s, used as they are (--auth reference): users keep their accounts, passwords and sessions. The pools stay owned by the Gen 1 stack.", w.res.Name)
	w.find("auth.resource", model.Auto, "", w.res.Pos, "the Gen 1 pools are referenced with referenceAuth in amplify/auth/resource.ts (--auth reference)", "")
	w.writeReferenceAuth(ids, w.referenceGroups(a.Deployed))
	w.reportKeptSettings()
	w.g.note(OrderAuth, "Auth", "The Gen 2 backend uses the Gen 1 user pool and identity pool as they are (`--auth reference`), so users keep their accounts, passwords, groups and identity IDs. The pools stay in the Gen 1 CloudFormation stack: do not delete the Gen 1 environment (`amplify env remove`, `amplify delete`) while Gen 2 uses them, and change pool settings in the Cognito console or the Gen 1 project. The Gen 1 triggers stay wired to the Gen 1 functions. To move the pools into the Gen 2 stack later, use AWS's `amplify gen2-migration refactor`, which moves resources between stacks without recreating them.")
	return nil
}

// writeImported converts imported auth (amplify import auth) into
// referenceAuth with the IDs Gen 1 recorded.
func (w *authWriter) writeImported() error {
	a := w.a
	im := a.Imported
	env := w.g.p.Env
	if env == "" {
		env = "<env>"
	}
	tpi := fmt.Sprintf("amplify/team-provider-info.json (%s.categories.auth.%s.%%s)", env, w.res.Name)
	ids := []refID{
		{"userPoolId", im.IDs.UserPoolID, fmt.Sprintf(tpi, "userPoolId")},
		{"identityPoolId", im.IDs.IdentityPoolID, fmt.Sprintf(tpi, "identityPoolId")},
		{"userPoolClientId", im.IDs.WebClientID, fmt.Sprintf(tpi, "webClientId")},
		{"authRoleArn", im.IDs.AuthRoleArn, fmt.Sprintf(tpi, "authRoleArn")},
		{"unauthRoleArn", im.IDs.UnauthRoleArn, fmt.Sprintf(tpi, "unauthRoleArn")},
	}
	w.header = fmt.Sprintf("Gen 1 imported these existing Cognito pools (auth resource %s); Gen 2 references them the same way.", w.res.Name)
	var missing []string
	for _, id := range ids {
		if !id.value.IsSet {
			missing = append(missing, id.prop)
		}
	}
	if len(missing) == 0 {
		w.find("auth.imported", model.Auto, "", w.res.Pos, "imported pools: referenceAuth with the IDs from "+ids[0].value.Pos.File, "")
	} else {
		if im.UserPoolOnly {
			w.resourceTodos = append(w.resourceTodos, todo{"auth.imported", "Gen 1 imported only a user pool; referenceAuth also needs an identity pool and its roles: create one (or import an existing one) and put its IDs here."})
		}
		w.resourceTodos = append(w.resourceTodos, todo{"auth.imported", fmt.Sprintf("the IDs of the imported pools are not in the project files (%s); replace the placeholders below with the values of the Gen 1 environment (`amplify pull --envName %s` fetches them, or see the Cognito console).", strings.Join(missing, ", "), env)})
		w.find("auth.imported", model.Manual, "", w.res.Pos,
			fmt.Sprintf("imported pools: referenceAuth, but %s are missing (they live in %s)", strings.Join(missing, ", "), fmt.Sprintf(tpi, "*")),
			"replace the placeholders in amplify/auth/resource.ts with the pools' IDs")
	}
	for i := range ids {
		if !ids[i].value.IsSet {
			ids[i].value = model.Setting[string]{Value: placeholderID(ids[i].prop, im.Region.Value)}
		}
	}
	w.writeReferenceAuth(ids, w.referenceGroups(im.IDs))
	for _, s := range w.settingList() {
		if s.set {
			w.find("auth.imported-setting", model.Drop, s.subject, s.pos, "describes the imported pool, which keeps its own settings", "")
		}
	}
	w.writeDropped()
	w.g.note(OrderAuth, "Auth", "Gen 1 imported existing Cognito pools; the Gen 2 backend references the same pools with `referenceAuth`, so users and their sign-in are unchanged. Their settings, triggers and groups are managed where they always were.")
	return nil
}

// placeholderID is a value of the right shape for a missing ID, so that the
// backend synthesizes while the TODO above it stands.
func placeholderID(prop, region string) string {
	if region == "" {
		region = "us-east-1"
	}
	switch prop {
	case "userPoolId":
		return region + "_TODOUserPoolId"
	case "identityPoolId":
		return region + ":00000000-0000-0000-0000-000000000000"
	case "userPoolClientId":
		return "TODOWebClientId"
	case "authRoleArn":
		return "arn:aws:iam::000000000000:role/TODO-authenticated-role"
	case "unauthRoleArn":
		return "arn:aws:iam::000000000000:role/TODO-unauthenticated-role"
	}
	return "TODO"
}

// referenceGroups returns the group role ARNs for referenceAuth: from
// amplify-meta.json, else the name Gen 1 gives group roles
// (<userPoolId>-<group>GroupRole) in the account of the auth role.
func (w *authWriter) referenceGroups(ids model.AuthIDs) ts.Obj {
	var groups ts.Obj
	account := ""
	if parts := strings.Split(ids.AuthRoleArn.Value, ":"); len(parts) > 4 {
		account = parts[4]
	}
	for _, grp := range sortedGroups(w.groupList()) {
		switch {
		case grp.RoleArn.IsSet:
			groups.Set(grp.Name, ts.Str(grp.RoleArn.Value))
			w.findGroup("auth.groups", model.Auto, "group "+grp.Name, grp.Pos, "the group's role from "+grp.RoleArn.Pos.File, "")
		case account != "" && ids.UserPoolID.IsSet:
			arn := fmt.Sprintf("arn:aws:iam::%s:role/%s-%sGroupRole", account, ids.UserPoolID.Value, grp.Name)
			groups.Set(grp.Name, ts.Str(arn))
			w.findGroup("auth.groups", model.Auto, "group "+grp.Name, grp.Pos,
				"the group's role ARN is derived from Gen 1's naming (<userPoolId>-<group>GroupRole) because amplify-meta.json does not list it", "check the role exists in the IAM console")
		default:
			groups.Add(ts.Entry{Key: grp.Name, Value: ts.Str("arn:aws:iam::000000000000:role/TODO-" + grp.Name + "GroupRole"),
				Todo: fmt.Sprintf("the role of group %s is unknown; put its ARN here (IAM console, role <userPoolId>-%sGroupRole).", grp.Name, grp.Name), TodoCode: "auth.groups"})
			w.findGroup("auth.groups", model.Manual, "group "+grp.Name, grp.Pos, "the group's role ARN is unknown", "put it in groups in amplify/auth/resource.ts")
		}
	}
	return groups
}

// writeReferenceAuth prints referenceAuth with the IDs, groups and the
// access rules of functions.
func (w *authWriter) writeReferenceAuth(ids []refID, groups ts.Obj) {
	props := ts.Obj{}
	for _, id := range ids {
		props.Set(id.prop, ts.Str(id.value.Value))
	}
	if len(groups) > 0 {
		props.Set("groups", groups)
	}
	w.writeFunctionAccess()
	w.writeAdminQueries()
	if acc := w.accessValue(); acc != nil {
		props.Add(ts.Entry{Key: "access", Value: acc, Comment: w.accessComment()})
	}
	w.printResource("referenceAuth", props)
	w.printBackendSection("Auth: the referenced Gen 1 pools.")
}

// authSetting is a converted-elsewhere setting for reports.
type authSetting struct {
	subject string
	pos     model.Pos
	set     bool
}

// settingList lists the pool settings the model holds, for reports about
// pools that keep their own settings.
func (w *authWriter) settingList() []authSetting {
	a := w.a
	out := []authSetting{
		{"usernameAttributes", a.UsernameAttributes.Pos, a.UsernameAttributes.IsSet},
		{"aliasAttributes", a.AliasAttributes.Pos, a.AliasAttributes.IsSet},
		{"usernameCaseSensitive", a.UsernameCaseSensitive.Pos, a.UsernameCaseSensitive.IsSet},
		{"requiredAttributes", a.RequiredAttributes.Pos, a.RequiredAttributes.IsSet},
		{"autoVerifiedAttributes", a.AutoVerifiedAttributes.Pos, a.AutoVerifiedAttributes.IsSet},
		{"userpoolClientReadAttributes", a.ClientReadAttributes.Pos, a.ClientReadAttributes.IsSet},
		{"userpoolClientWriteAttributes", a.ClientWriteAttributes.Pos, a.ClientWriteAttributes.IsSet},
		{"passwordPolicy", a.PasswordMinLength.Pos, a.PasswordMinLength.IsSet || a.PasswordCharacters.IsSet},
		{"mfaConfiguration", a.MFA.Pos, a.MFA.IsSet},
		{"smsAuthenticationMessage", a.SMSAuthenticationMessage.Pos, a.SMSAuthenticationMessage.IsSet},
		{"emailVerificationMessage", a.EmailVerificationMessage.Pos, a.EmailVerificationMessage.IsSet || a.EmailVerificationSubject.IsSet},
		{"smsVerificationMessage", a.SMSVerificationMessage.Pos, a.SMSVerificationMessage.IsSet},
		{"userpoolClientGenerateSecret", a.ClientGenerateSecret.Pos, a.ClientGenerateSecret.IsSet},
		{"userpoolClientRefreshTokenValidity", a.RefreshTokenValidity.Pos, a.RefreshTokenValidity.IsSet},
		{"allowUnauthenticatedIdentities", a.AllowUnauthenticated.Pos, a.AllowUnauthenticated.IsSet},
		{"hostedUI", a.HostedUI.Pos, a.HostedUI.IsSet},
		{"hostedUIDomainName", a.DomainName.Pos, a.DomainName.IsSet},
		{"authSelections", a.Selection.Pos, a.Selection.IsSet},
	}
	if a.OAuth != nil {
		out = append(out, authSetting{"oAuthMetadata", a.OAuth.Pos, true})
	}
	for _, p := range a.Providers {
		out = append(out, authSetting{"provider " + p.Name, p.Pos, true})
	}
	for _, ca := range a.CustomAttributes {
		out = append(out, authSetting{"custom:" + ca.Name, ca.Pos, true})
	}
	for _, f := range a.Federation {
		out = append(out, authSetting{"authProviders " + f.Domain, f.Pos, true})
	}
	return out
}

// reportKeptSettings reports, for --auth reference, that the pool keeps
// every setting, and what that means for triggers and groups.
func (w *authWriter) reportKeptSettings() {
	for _, s := range w.settingList() {
		if s.set {
			w.find("auth.referenced-setting", model.Drop, s.subject, s.pos, "the referenced Gen 1 pool keeps this setting as it is", "")
		}
	}
	for _, t := range w.a.Triggers {
		subject := "trigger " + t.Name
		if t.Name == "" {
			subject = "trigger " + t.Function
		}
		w.find("auth.trigger", model.Manual, subject, t.Pos,
			fmt.Sprintf("the referenced pool keeps calling the Gen 1 function %s; the converted Gen 2 copy is not wired to it", t.Function),
			"keep the Gen 1 function deployed, or point the pool's "+t.Event+" trigger at the Gen 2 function (Cognito console > User pool > Extensions)")
	}
	if len(w.a.TriggerPermissions) > 0 {
		w.find("auth.trigger-permission", model.Drop, "permissions", w.a.TriggerPermissions[0].Pos, "trigger permissions stay with the Gen 1 trigger functions", "")
	}
	for _, grp := range w.groupList() {
		if grp.HasPrecedence {
			w.findGroup("auth.group-precedence", model.Drop, "group "+grp.Name, grp.Pos, fmt.Sprintf("the referenced pool keeps the group and its precedence %d", grp.Precedence), "")
		}
	}
	if w.g.opts.NoUserMigration {
		w.find("auth.user-migration", model.Drop, "users", w.res.Pos, "--no-user-migration has no effect with --auth reference: users stay in the Gen 1 pool", "")
	}
	w.writeDropped()
	w.writeSecretsFindings()
}
