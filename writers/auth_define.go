package writers

import (
	"fmt"
	"slices"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

// signIn is how users sign in, as Gen 1 configured it and as defineAuth
// expresses it.
type signIn struct {
	// username is true when users sign in with a username (Gen 1 empty
	// usernameAttributes), with aliases as extra sign-in attributes.
	username bool
	aliases  []string
	// gen1Attrs are Gen 1's usernameAttributes.
	gen1Attrs []string
	// email and phone are defineAuth's loginWith keys. Gen 2 needs at least
	// one even for username sign-in; backend.ts then removes them from the
	// pool's username attributes.
	email, phone bool
}

func (w *authWriter) signIn() signIn {
	a := w.a
	s := signIn{gen1Attrs: lowerList(a.UsernameAttributes.Value), aliases: lowerList(a.AliasAttributes.Value)}
	for _, at := range s.gen1Attrs {
		switch at {
		case "email":
			s.email = true
		case "phone_number":
			s.phone = true
		}
	}
	if s.email || s.phone {
		return s
	}
	s.username = true
	verified, required := lowerList(a.AutoVerifiedAttributes.Value), lowerList(a.RequiredAttributes.Value)
	has := func(at string) bool {
		return slices.Contains(verified, at) || slices.Contains(required, at) || slices.Contains(s.aliases, at)
	}
	switch {
	case has("email"):
		s.email = true
	case has("phone_number"):
		s.phone = true
	default:
		s.email = true
	}
	return s
}

// gen2LoginAttrs are the username attributes defineAuth gives the pool.
func (s signIn) gen2LoginAttrs() []string {
	var out []string
	if s.email {
		out = append(out, "email")
	}
	if s.phone {
		out = append(out, "phone_number")
	}
	return out
}

// writeDefine converts the Gen 1 pool into a new pool defined in code.
func (w *authWriter) writeDefine() error {
	a := w.a
	w.header = fmt.Sprintf("The Gen 1 auth resource %s (%s). Settings defineAuth cannot express are pinned to their Gen 1 values in amplify/backend.ts.", w.res.Name, w.gen1Source())
	w.find("auth.resource", model.Auto, "", w.res.Pos, "a new user pool, app client and identity pool defined with defineAuth in amplify/auth/resource.ts", "")
	if a.Selection.Value == "identityPoolOnly" {
		return w.writeIdentityPoolOnly()
	}
	si := w.signIn()
	loginWith := ts.Obj{}
	w.writeSignIn(si)
	emailSettings, phoneSettings := w.verificationSettings(si)
	if si.email {
		if len(emailSettings) > 0 {
			loginWith.Set("email", emailSettings)
		} else {
			loginWith.Set("email", ts.Bool(true))
		}
	}
	if si.phone {
		if len(phoneSettings) > 0 {
			loginWith.Set("phone", phoneSettings)
		} else {
			loginWith.Set("phone", ts.Bool(true))
		}
	}
	if ext := w.externalProviders(si); ext != nil {
		loginWith.Set("externalProviders", ext)
	}
	w.props.Set("loginWith", loginWith)
	if ua := w.userAttributes(si); len(ua) > 0 {
		w.props.Set("userAttributes", ua)
	}
	if mfa := w.multifactor(si); mfa != nil {
		w.props.Set("multifactor", mfa)
	}
	w.writeGroups()
	w.writeTriggers()
	migration := w.writeUserMigration(si)
	if len(w.triggers) > 0 {
		w.props.Set("triggers", w.triggers)
	}
	w.writeFunctionAccess()
	w.writeAdminQueries()
	if acc := w.accessValue(); acc != nil {
		w.props.Add(ts.Entry{Key: "access", Value: acc, Comment: w.accessComment()})
	}
	w.writePasswordPolicy()
	w.writeClients(si, migration)
	w.writeIdentityPool()
	w.writeDomain()
	w.writeDropped()
	w.writeSecretsFindings()
	w.printResource("defineAuth", w.props)
	w.printBackendSection("Auth: settings defineAuth cannot express, pinned to their Gen 1 values.")
	w.writeGuide(migration)
	return nil
}

// writeSignIn pins how users sign in: username with aliases, or email
// and/or phone as username, and case sensitivity.
func (w *authWriter) writeSignIn(si signIn) {
	w.at = topicSignIn
	a := w.a
	pos := a.UsernameAttributes.Pos
	if !a.UsernameAttributes.IsSet {
		pos = a.AliasAttributes.Pos
	}
	if si.username {
		up := w.useCfn("cfnUserPool")
		login := "email"
		if si.phone {
			login = "phone"
		}
		w.line(fmt.Sprintf("Gen 1 users sign in with a username; defineAuth needs loginWith.%s, so its username attribute is removed here.", login),
			up+".usernameAttributes = undefined;")
		reason := fmt.Sprintf("users sign in with a username: loginWith.%s plus backend.ts removing the pool's username attributes", login)
		if len(si.aliases) > 0 {
			w.line("", fmt.Sprintf("%s.aliasAttributes = %s;", up, ts.Render(ts.Strs(si.aliases...))))
			reason += fmt.Sprintf(" and setting alias attributes %s", strings.Join(si.aliases, ", "))
		}
		w.find("auth.sign-in", model.CDK, "usernameAttributes", pos, reason+" (immutable in Cognito, so they must match from the first deployment)", "")
	} else {
		if len(si.aliases) > 0 {
			w.find("auth.alias-attributes", model.Drop, "aliasAttributes", a.AliasAttributes.Pos,
				"alias attributes are ignored by Cognito when email or phone is the username, as in Gen 1", "")
		}
		var keys []string
		for _, k := range si.gen2LoginAttrs() {
			keys = append(keys, map[string]string{"email": "email", "phone_number": "phone"}[k])
		}
		w.find("auth.sign-in", model.Auto, "usernameAttributes", pos,
			fmt.Sprintf("users sign in with %s: loginWith.%s", strings.Join(si.gen1Attrs, " or "), strings.Join(keys, " and loginWith.")), "")
	}
	for _, at := range si.gen1Attrs {
		if at != "email" && at != "phone_number" {
			w.find("auth.sign-in", model.Manual, "usernameAttributes", pos,
				fmt.Sprintf("%q is not a Cognito username attribute (email, phone_number) and is ignored", at), "check usernameAttributes in the Gen 1 settings")
		}
	}
	cs := a.UsernameCaseSensitive
	switch {
	case cs.IsSet && !cs.Value:
		w.find("auth.case-sensitivity", model.Auto, "usernameCaseSensitive", cs.Pos, "sign-in is case insensitive, as Gen 2's default", "")
	case cs.IsSet && cs.Value:
		w.line("Gen 1 sign-in is case sensitive (usernameCaseSensitive).", w.useCfn("cfnUserPool")+".usernameConfiguration = { caseSensitive: true };")
		w.find("auth.case-sensitivity", model.CDK, "usernameCaseSensitive", cs.Pos, "sign-in stays case sensitive (Gen 2 defaults to insensitive): set in backend.ts", "")
	default:
		w.line("The Gen 1 pool predates usernameCaseSensitive, so Cognito made it case sensitive.", w.useCfn("cfnUserPool")+".usernameConfiguration = { caseSensitive: true };")
		w.find("auth.case-sensitivity", model.CDK, "usernameCaseSensitive", cs.Pos,
			"the Gen 1 settings predate usernameCaseSensitive, and pools created without it are case sensitive: kept case sensitive in backend.ts",
			"if your Gen 1 pool is case insensitive (aws cognito-idp describe-user-pool shows UsernameConfiguration), delete the line")
	}
	// Auto-verified attributes: Gen 2 derives them from loginWith.
	gen2Verified := si.gen2LoginAttrs()
	gen1Verified := lowerList(a.AutoVerifiedAttributes.Value)
	if !a.AutoVerifiedAttributes.IsSet {
		gen1Verified = nil
	}
	if sameSet(gen1Verified, gen2Verified) {
		w.find("auth.auto-verified", model.Auto, "autoVerifiedAttributes", a.AutoVerifiedAttributes.Pos,
			fmt.Sprintf("Cognito verifies %s, as loginWith implies", orNone(gen1Verified)), "")
		return
	}
	up := w.useCfn("cfnUserPool")
	w.line(fmt.Sprintf("Gen 1 verifies %s (defineAuth would verify %s).", orNone(gen1Verified), orNone(gen2Verified)),
		fmt.Sprintf("%s.autoVerifiedAttributes = %s;", up, ts.Render(ts.Strs(gen1Verified...))))
	// Cognito only keeps the old value until verification for attributes it verifies.
	var keep []string
	for _, at := range gen2Verified {
		if slices.Contains(gen1Verified, at) {
			keep = append(keep, at)
		}
	}
	if len(keep) == 0 {
		w.line("", up+".userAttributeUpdateSettings = undefined;")
	} else {
		w.line("", fmt.Sprintf("%s.userAttributeUpdateSettings = { attributesRequireVerificationBeforeUpdate: %s };", up, ts.Render(ts.Strs(keep...))))
	}
	w.find("auth.auto-verified", model.CDK, "autoVerifiedAttributes", a.AutoVerifiedAttributes.Pos,
		fmt.Sprintf("Cognito verifies %s (defineAuth would verify %s): set in backend.ts", orNone(gen1Verified), orNone(gen2Verified)), "")
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

func orNone(list []string) string {
	switch len(list) {
	case 0:
		return "nothing"
	case 1:
		return list[0]
	}
	return strings.Join(list[:len(list)-1], ", ") + " and " + list[len(list)-1]
}

// verificationSettings returns loginWith.email and loginWith.phone settings
// for the verification messages, and pins the messages loginWith cannot
// carry.
func (w *authWriter) verificationSettings(si signIn) (email, phone ts.Obj) {
	w.at = topicMessages
	a := w.a
	verified := lowerList(a.AutoVerifiedAttributes.Value)
	// Email.
	subj, body := a.EmailVerificationSubject, a.EmailVerificationMessage
	if subj.IsSet || body.IsSet {
		switch {
		case si.email:
			email.Set("verificationEmailStyle", ts.Str("CODE"))
			if subj.IsSet {
				email.Set("verificationEmailSubject", ts.Str(subj.Value))
			}
			if body.IsSet {
				if tpl, ok := codeTemplate(body.Value, "createCode"); ok {
					email.Set("verificationEmailBody", ts.Arrow{Params: "createCode", Body: tpl})
				} else {
					w.resourceTodos = append(w.resourceTodos, todo{"auth.email-verification", fmt.Sprintf("the Gen 1 verification email (%s) has no {####} code placeholder, which Gen 2 requires; write verificationEmailBody by hand.", body.Pos)})
					w.find("auth.email-verification", model.Manual, "emailVerificationMessage", body.Pos,
						"the verification email has no {####} placeholder for the code", "add verificationEmailBody to loginWith.email by hand")
				}
			}
			w.find("auth.email-verification", model.Auto, "emailVerificationSubject", subj.Pos, "the verification email's subject and body: loginWith.email", "")
		case slices.Contains(verified, "email"):
			up := w.useCfn("cfnUserPool")
			w.stmt(func(p *ts.Printer) {
				p.Comment("Gen 1's verification email (email is verified but is not the username).")
				if subj.IsSet {
					p.Linef("%s.emailVerificationSubject = %s;", up, ts.Quote(subj.Value))
					p.Linef("%s.addPropertyOverride('VerificationMessageTemplate.EmailSubject', %s);", up, ts.Quote(subj.Value))
				}
				if body.IsSet {
					p.Linef("%s.emailVerificationMessage = %s;", up, ts.Quote(body.Value))
					p.Linef("%s.addPropertyOverride('VerificationMessageTemplate.EmailMessage', %s);", up, ts.Quote(body.Value))
				}
			})
			w.find("auth.email-verification", model.CDK, "emailVerificationSubject", subj.Pos, "the verification email's subject and body: set in backend.ts", "")
		default:
			w.find("auth.email-verification", model.Drop, "emailVerificationSubject", subj.Pos, "Cognito does not verify email in this pool, so the message is never sent", "")
		}
	}
	// SMS.
	sms := a.SMSVerificationMessage
	if sms.IsSet {
		tpl, ok := codeTemplate(sms.Value, "createCode")
		switch {
		case si.phone && ok:
			phone.Set("verificationMessage", ts.Arrow{Params: "createCode", Body: tpl})
			w.find("auth.sms-verification", model.Auto, "smsVerificationMessage", sms.Pos, "the verification SMS: loginWith.phone", "")
		case ok:
			up := w.useCfn("cfnUserPool")
			w.stmt(func(p *ts.Printer) {
				p.Comment("Gen 1's verification SMS (the phone number is not a username attribute, so loginWith cannot carry it).")
				p.Linef("%s.smsVerificationMessage = %s;", up, ts.Quote(sms.Value))
				p.Linef("%s.addPropertyOverride('VerificationMessageTemplate.SmsMessage', %s);", up, ts.Quote(sms.Value))
			})
			reason := "the verification SMS: set in backend.ts"
			if !slices.Contains(verified, "phone_number") {
				reason += " (Cognito sends it only if phone numbers get verified, which Gen 1 did not turn on; pinned so the pool matches Gen 1)"
			}
			w.find("auth.sms-verification", model.CDK, "smsVerificationMessage", sms.Pos, reason, "")
		case si.phone || slices.Contains(verified, "phone_number"):
			w.find("auth.sms-verification", model.Manual, "smsVerificationMessage", sms.Pos,
				"the verification SMS has no {####} placeholder for the code, which Gen 2 requires", "write loginWith.phone.verificationMessage by hand")
		default:
			w.find("auth.sms-verification", model.Drop, "smsVerificationMessage", sms.Pos, "the message has no {####} code placeholder, and Cognito does not verify phone numbers in this pool, so it is never sent", "")
		}
	}
	return email, phone
}

// userAttributes returns defineAuth userAttributes: required standard
// attributes, login attributes Gen 1 did not require, custom attributes.
func (w *authWriter) userAttributes(si signIn) ts.Obj {
	a := w.a
	var ua ts.Obj
	required := lowerList(a.RequiredAttributes.Value)
	var reqGen2, unknown []string
	for _, at := range required {
		if strings.HasPrefix(at, "custom:") {
			continue
		}
		key, ok := gen2Attributes[at]
		if !ok {
			unknown = append(unknown, at)
			continue
		}
		ua.Set(key, ts.Obj{{Key: "required", Value: ts.Bool(true)}, {Key: "mutable", Value: ts.Bool(true)}})
		reqGen2 = append(reqGen2, key)
	}
	// defineAuth makes login attributes required unless told otherwise.
	var relaxed []string
	for _, at := range si.gen2LoginAttrs() {
		if !slices.Contains(required, at) {
			ua.Set(gen2Attributes[at], ts.Obj{{Key: "required", Value: ts.Bool(false)}, {Key: "mutable", Value: ts.Bool(true)}})
			relaxed = append(relaxed, at)
		}
	}
	if a.RequiredAttributes.IsSet || len(relaxed) > 0 {
		reason := fmt.Sprintf("required at sign-up: %s", orNone(required))
		if len(relaxed) > 0 {
			reason += fmt.Sprintf("; %s stays optional as in Gen 1 (defineAuth would require it)", strings.Join(relaxed, " and "))
		}
		w.find("auth.required-attributes", model.Auto, "requiredAttributes", a.RequiredAttributes.Pos, reason, "")
	}
	if len(unknown) > 0 {
		w.find("auth.required-attributes", model.Manual, "requiredAttributes", a.RequiredAttributes.Pos,
			fmt.Sprintf("%s are not Cognito standard attributes and are not converted", strings.Join(unknown, ", ")), "check requiredAttributes in the Gen 1 settings")
	}
	for _, ca := range a.CustomAttributes {
		attr := ts.Obj{{Key: "dataType", Value: ts.Str(ca.DataType)}, {Key: "mutable", Value: ts.Bool(ca.Mutable)}}
		addInt := func(k string, v *int) {
			if v != nil {
				attr.Set(k, ts.Num(*v))
			}
		}
		if ca.DataType == "String" {
			addInt("minLen", ca.MinLen)
			addInt("maxLen", ca.MaxLen)
		}
		if ca.DataType == "Number" {
			addInt("min", ca.Min)
			addInt("max", ca.Max)
		}
		e := ts.Entry{Key: "custom:" + ca.Name, Value: attr}
		if ca.Inferred {
			e.Todo = fmt.Sprintf("custom:%s appears only in the app client's attributes (%s), so its type and limits are unknown; check them against the Gen 1 pool (aws cognito-idp describe-user-pool): custom attributes cannot be changed once deployed.", ca.Name, ca.Pos)
			e.TodoCode = "auth.custom-attribute"
			w.find("auth.custom-attribute", model.Manual, "custom:"+ca.Name, ca.Pos,
				"the attribute's type, mutability and length are unknown (it appears only in the app client's read/write attributes); assumed a mutable String",
				"check it against the Gen 1 pool before the first deployment: custom attributes cannot be changed afterwards")
		} else {
			w.find("auth.custom-attribute", model.Auto, "custom:"+ca.Name, ca.Pos, fmt.Sprintf("custom %s attribute, mutable %v", ca.DataType, ca.Mutable), "")
		}
		ua.Add(e)
	}
	return ua
}

// multifactor returns defineAuth multifactor.
func (w *authWriter) multifactor(si signIn) ts.Value {
	w.at = topicMFA
	a := w.a
	if !a.MFA.IsSet {
		return nil
	}
	if a.MFA.Value == "OFF" {
		w.find("auth.mfa", model.Auto, "mfaConfiguration", a.MFA.Pos, "MFA off", "")
		if a.SMSAuthenticationMessage.IsSet {
			w.find("auth.mfa-sms-message", model.Drop, "smsAuthenticationMessage", a.SMSAuthenticationMessage.Pos, "MFA is off, so the MFA SMS is never sent", "")
		}
		return ts.Obj{{Key: "mode", Value: ts.Str("OFF")}}
	}
	mode := "OPTIONAL"
	if a.MFA.Value == "ON" {
		mode = "REQUIRED"
	}
	var sms, totp bool
	for _, t := range lowerList(a.MFATypes.Value) {
		switch {
		case strings.Contains(t, "sms"):
			sms = true
		case strings.Contains(t, "totp"):
			totp = true
		default:
			w.find("auth.mfa", model.Manual, "mfaTypes", a.MFATypes.Pos, fmt.Sprintf("MFA type %q is unknown and is not converted", t), "use SMS or TOTP")
		}
	}
	if !sms && !totp {
		sms = true
		w.find("auth.mfa", model.Manual, "mfaTypes", a.MFATypes.Pos, "MFA is on but no MFA type is set; SMS is assumed, as Cognito's only type before TOTP",
			"check the MFA types of the Gen 1 pool")
	}
	obj := ts.Obj{{Key: "mode", Value: ts.Str(mode)}}
	// Cognito requires SMS MFA when the phone number is a username attribute.
	smsForced := si.phone && !sms
	if sms || smsForced {
		msg := a.SMSAuthenticationMessage
		tpl, ok := codeTemplate(msg.Value, "createCode")
		switch {
		case msg.IsSet && ok && !smsForced:
			obj.Set("sms", ts.Obj{{Key: "smsMessage", Value: ts.Arrow{Params: "createCode", Body: tpl}}})
			w.find("auth.mfa-sms-message", model.Auto, "smsAuthenticationMessage", msg.Pos, "the MFA SMS: multifactor.sms.smsMessage", "")
		case msg.IsSet && !ok:
			obj.Set("sms", ts.Bool(true))
			w.find("auth.mfa-sms-message", model.Manual, "smsAuthenticationMessage", msg.Pos,
				"the MFA SMS has no {####} placeholder for the code, which Gen 2 requires; Cognito's default message is used", "write multifactor.sms.smsMessage by hand")
		default:
			obj.Set("sms", ts.Bool(true))
		}
	}
	if totp {
		obj.Set("totp", ts.Bool(true))
	}
	reason := fmt.Sprintf("MFA %s (Gen 1 %s) with %s", mode, a.MFA.Value, strings.Join(mfaNames(sms, totp), " and "))
	if smsForced {
		up := w.useCfn("cfnUserPool")
		w.line("Gen 1 offered only TOTP for MFA; defineAuth needs SMS MFA when users sign in with a phone number, so it is turned back off here.",
			up+".enabledMfas = ['SOFTWARE_TOKEN_MFA'];")
		w.find("auth.mfa", model.CDK, "mfaTypes", a.MFATypes.Pos, reason+"; backend.ts keeps SMS MFA off as in Gen 1", "")
	} else {
		w.find("auth.mfa", model.Auto, "mfaConfiguration", a.MFA.Pos, reason, "")
	}
	return obj
}

func mfaNames(sms, totp bool) []string {
	var out []string
	if sms {
		out = append(out, "SMS")
	}
	if totp {
		out = append(out, "TOTP")
	}
	return out
}

// writePasswordPolicy always pins the Gen 1 password policy: Gen 2's
// default requires every character class, Gen 1's none.
func (w *authWriter) writePasswordPolicy() {
	w.at = topicPassword
	a := w.a
	min := 8
	if a.PasswordMinLength.IsSet {
		min = a.PasswordMinLength.Value
	}
	chars := lowerList(a.PasswordCharacters.Value)
	req := func(class string) bool {
		for _, c := range chars {
			if strings.Contains(c, class) {
				return true
			}
		}
		return false
	}
	policy := ts.Obj{
		{Key: "minimumLength", Value: ts.Num(min)},
		{Key: "requireLowercase", Value: ts.Bool(req("lowercase"))},
		{Key: "requireUppercase", Value: ts.Bool(req("uppercase"))},
		{Key: "requireNumbers", Value: ts.Bool(req("number"))},
		{Key: "requireSymbols", Value: ts.Bool(req("symbol"))},
		{Key: "temporaryPasswordValidityDays", Value: ts.Num(7)},
	}
	up := w.useCfn("cfnUserPool")
	w.stmt(func(p *ts.Printer) {
		p.Comment("Gen 1's password policy (Gen 2's default requires every character class).")
		p.Value(up+".policies = ", ts.Obj{{Key: "passwordPolicy", Value: policy}}, ";")
	})
	var classes []string
	for _, c := range []string{"lowercase", "uppercase", "numbers", "symbols"} {
		if req(strings.TrimSuffix(c, "s")) {
			classes = append(classes, c)
		}
	}
	reason := fmt.Sprintf("at least %d characters, requiring %s: set in backend.ts because Gen 2's default requires every character class", min, orNone(classes))
	pos := a.PasswordMinLength.Pos
	if !a.PasswordMinLength.IsSet && !a.PasswordCharacters.IsSet {
		reason += " (the Gen 1 settings leave the policy out, so the CLI default of 8 characters is used)"
	}
	w.find("auth.password-policy", model.CDK, "passwordPolicy", pos, reason, "")
	if min < 6 || min > 99 {
		w.find("auth.password-policy", model.Manual, "passwordPolicyMinLength", pos,
			fmt.Sprintf("minimum length %d is outside Cognito's 6 to 99", min), "fix passwordPolicyMinLength")
	}
}

// writeClients pins the web client's settings and recreates Gen 1's native
// app client.
func (w *authWriter) writeClients(si signIn, migration *userMigration) {
	w.at = topicClients
	a := w.a
	cl := w.useCfn("cfnUserPoolClient")
	read, write := a.ClientReadAttributes.Value, a.ClientWriteAttributes.Value
	if len(read) > 0 || len(write) > 0 {
		w.stmt(func(p *ts.Printer) {
			p.Comment("The attributes Gen 1's app clients could read and write.")
			if len(read) > 0 {
				p.Value(cl+".readAttributes = ", ts.Strs(read...), ";")
			}
			if len(write) > 0 {
				p.Value(cl+".writeAttributes = ", ts.Strs(write...), ";")
			}
		})
		w.find("auth.client-attributes", model.CDK, "userpoolClientReadAttributes", a.ClientReadAttributes.Pos,
			fmt.Sprintf("app clients read %s and write %s: set in backend.ts (Gen 2's client reads and writes every attribute)", orNone(read), orNone(write)), "")
	}
	if a.RefreshTokenValidity.IsSet {
		w.line(fmt.Sprintf("Refresh tokens last %s, as in Gen 1.", plural(a.RefreshTokenValidity.Value, "day")),
			fmt.Sprintf("%s.refreshTokenValidity = %d;", cl, a.RefreshTokenValidity.Value))
		w.find("auth.token-validity", model.CDK, "userpoolClientRefreshTokenValidity", a.RefreshTokenValidity.Pos,
			fmt.Sprintf("refresh tokens last %d days on both app clients: set in backend.ts", a.RefreshTokenValidity.Value), "")
		if n := a.RefreshTokenValidity.Value; n < 1 || n > 3650 {
			w.find("auth.token-validity", model.Manual, "userpoolClientRefreshTokenValidity", a.RefreshTokenValidity.Pos,
				fmt.Sprintf("%d days is outside Cognito's 1 to 3650", n), "fix userpoolClientRefreshTokenValidity")
		}
	}
	w.find("auth.user-existence-errors", model.Auto, "preventUserExistenceErrors", w.res.Pos,
		"Gen 2's app client hides whether a user exists (PreventUserExistenceErrors ENABLED); Gen 1's clients did not set it, so sign-in errors for unknown users read \"Incorrect username or password\" instead of \"User does not exist\"",
		"to keep Gen 1's messages set cfnUserPoolClient.preventUserExistenceErrors = 'LEGACY' in amplify/backend.ts")
	flows := []string{"ALLOW_CUSTOM_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"}
	if migration != nil {
		flows = append(flows, "ALLOW_USER_PASSWORD_AUTH")
		w.stmt(func(p *ts.Printer) {
			p.Comment("Cognito runs the userMigration trigger only for USER_PASSWORD_AUTH sign-ins (with SRP it never sees the password). Remove ALLOW_USER_PASSWORD_AUTH once every user has signed in since the move.")
			p.Value(cl+".explicitAuthFlows = ", ts.Strs(flows...), ";")
		})
	}
	if !w.hostedUIOn() {
		w.stmt(func(p *ts.Printer) {
			p.Comment("Gen 1 had no hosted UI, so its app client had OAuth off; Gen 2's turns it on with a placeholder callback URL.")
			p.Linef("%s.allowedOAuthFlowsUserPoolClient = false;", cl)
			p.Linef("%s.allowedOAuthFlows = undefined;", cl)
			p.Linef("%s.allowedOAuthScopes = undefined;", cl)
			p.Linef("%s.callbackUrLs = undefined;", cl)
		})
	}
	w.writeOAuthOverrides(cl)
	w.writeNativeClient(si, flows, migration != nil)
}

// writeNativeClient recreates Gen 1's second app client (amplify-meta
// AppClientID), which native apps use; it has a secret when
// userpoolClientGenerateSecret was set.
func (w *authWriter) writeNativeClient(si signIn, flows []string, migration bool) {
	w.at = topicClients
	a := w.a
	w.g.backend.Imports.Add("aws-cdk-lib/aws-cognito", "CfnUserPoolClient")
	opts := ts.Obj{}
	secret := a.ClientGenerateSecret.IsSet && a.ClientGenerateSecret.Value
	opts.Set("generateSecret", ts.Bool(secret))
	if a.RefreshTokenValidity.IsSet {
		w.g.backend.Imports.Add("aws-cdk-lib", "Duration")
		opts.Set("refreshTokenValidity", ts.Expr(fmt.Sprintf("Duration.days(%d)", a.RefreshTokenValidity.Value)))
	}
	if migration {
		opts.Set("authFlows", ts.Obj{{Key: "custom", Value: ts.Bool(true)}, {Key: "userSrp", Value: ts.Bool(true)}, {Key: "userPassword", Value: ts.Bool(true)}})
	}
	if oauth := w.nativeOAuth(); oauth != nil {
		opts.Set("oAuth", oauth)
	} else {
		opts.Set("disableOAuth", ts.Bool(true))
	}
	read, write := a.ClientReadAttributes.Value, a.ClientWriteAttributes.Value
	ip := w.useCfn("cfnIdentityPool")
	w.stmt(func(p *ts.Printer) {
		p.Comment("Gen 1's second app client, used by native apps (amplify-meta.json AppClientID).")
		p.Value("const nativeAppClient = backend.auth.resources.userPool.addClient('NativeAppClient', ", opts, ");")
		if len(read) > 0 || len(write) > 0 {
			p.Line("const cfnNativeAppClient = nativeAppClient.node.defaultChild as CfnUserPoolClient;")
			if len(read) > 0 {
				p.Value("cfnNativeAppClient.readAttributes = ", ts.Strs(read...), ";")
			}
			if len(write) > 0 {
				p.Value("cfnNativeAppClient.writeAttributes = ", ts.Strs(write...), ";")
			}
		}
		p.Comment("Gen 1's identity pool accepted tokens from both app clients.")
		p.Linef("const webClientProviders = %s.cognitoIdentityProviders;", ip)
		p.Value(ip+".cognitoIdentityProviders = ", ts.Arr{
			ts.Expr("...(Array.isArray(webClientProviders) ? webClientProviders : [])"),
			ts.Obj{{Key: "clientId", Value: ts.Expr("nativeAppClient.userPoolClientId")}, {Key: "providerName", Value: ts.Expr("backend.auth.resources.userPool.userPoolProviderName")}},
		}, ";")
	})
	reason := "recreated with userPool.addClient in backend.ts"
	if secret {
		reason += ", with a client secret (userpoolClientGenerateSecret): apps get the new secret from the Cognito console"
	}
	w.find("auth.native-client", model.CDK, "userpoolClientGenerateSecret", a.ClientGenerateSecret.Pos, "Gen 1's native app client: "+reason,
		"native apps read its id from the Cognito console or `aws cognito-idp list-user-pool-clients` (amplify_outputs.json names only the web client)")
}

// writeIdentityPool pins guest access and identity-pool federation.
func (w *authWriter) writeIdentityPool() {
	w.at = topicIdentityPool
	a := w.a
	ip := w.useCfn("cfnIdentityPool")
	switch {
	case a.Selection.Value == "userPoolOnly":
		w.line("Gen 1 had no identity pool; Gen 2 always creates one, so guests are kept out of it.", ip+".allowUnauthenticatedIdentities = false;")
		w.find("auth.identity-pool", model.CDK, "authSelections", a.Selection.Pos,
			"Gen 1 created only a user pool; Gen 2 always adds an identity pool, which backend.ts closes to guests", "")
	case a.AllowUnauthenticated.IsSet:
		w.line(fmt.Sprintf("Guest (unauthenticated) access is %s, as in Gen 1.", map[bool]string{true: "on", false: "off"}[a.AllowUnauthenticated.Value]),
			fmt.Sprintf("%s.allowUnauthenticatedIdentities = %v;", ip, a.AllowUnauthenticated.Value))
		w.find("auth.guest-access", model.CDK, "allowUnauthenticatedIdentities", a.AllowUnauthenticated.Pos,
			fmt.Sprintf("guest access %v: set in backend.ts (Gen 2 defaults to true)", a.AllowUnauthenticated.Value), "")
	default:
		w.line("The Gen 1 settings leave guest access out; the CLI's default was off.", ip+".allowUnauthenticatedIdentities = false;")
		w.find("auth.guest-access", model.CDK, "allowUnauthenticatedIdentities", a.AllowUnauthenticated.Pos,
			"guest access off (the CLI's default; the setting is missing): set in backend.ts", "")
	}
	w.writeFederation(ip)
}

// writeIdentityPoolOnly converts a Gen 1 auth resource that is only an
// identity pool: defineAuth always creates a user pool, left unused.
func (w *authWriter) writeIdentityPoolOnly() error {
	a := w.a
	w.props.Add(ts.Entry{Key: "loginWith", Value: ts.Obj{{Key: "email", Value: ts.Bool(true)}},
		Comment: "Gen 1 had only an identity pool; defineAuth always creates a user pool, which nothing uses."})
	w.find("auth.identity-pool", model.CDK, "authSelections", a.Selection.Pos,
		"Gen 1 created only an identity pool; Gen 2 always creates a user pool too, unused here", "")
	ip := w.useCfn("cfnIdentityPool")
	allow := true
	if a.AllowUnauthenticated.IsSet {
		allow = a.AllowUnauthenticated.Value
	}
	w.line(fmt.Sprintf("Guest (unauthenticated) access is %s, as in Gen 1.", map[bool]string{true: "on", false: "off"}[allow]),
		fmt.Sprintf("%s.allowUnauthenticatedIdentities = %v;", ip, allow))
	w.find("auth.guest-access", model.CDK, "allowUnauthenticatedIdentities", a.AllowUnauthenticated.Pos, fmt.Sprintf("guest access %v: set in backend.ts", allow), "")
	w.writeFederation(ip)
	w.writeFunctionAccess()
	if acc := w.accessValue(); acc != nil {
		w.props.Add(ts.Entry{Key: "access", Value: acc, Comment: w.accessComment()})
	}
	w.writeDropped()
	w.printResource("defineAuth", w.props)
	w.printBackendSection("Auth: settings defineAuth cannot express, pinned to their Gen 1 values.")
	w.g.note(OrderAuth, "Auth", "Gen 1 used only an identity pool (no user pool, so no users to move). Gen 2's identity pool is new: guest identities get new identity IDs, so data stored under `protected/{identityId}` or `private/{identityId}` by guests is not reachable under the new IDs.")
	return nil
}
