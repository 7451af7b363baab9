package writers

import (
	"sort"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

// gen2Attributes maps Gen 1 (OIDC) attribute names to the names defineAuth
// and CDK use for standard attributes.
var gen2Attributes = map[string]string{
	"address":            "address",
	"birthdate":          "birthdate",
	"email":              "email",
	"family_name":        "familyName",
	"gender":             "gender",
	"given_name":         "givenName",
	"locale":             "locale",
	"middle_name":        "middleName",
	"name":               "fullname",
	"nickname":           "nickname",
	"phone_number":       "phoneNumber",
	"picture":            "profilePicture",
	"preferred_username": "preferredUsername",
	"profile":            "profilePage",
	"updated_at":         "lastUpdateTime",
	"website":            "website",
	"zoneinfo":           "timezone",
}

// gen2MappingAttributes are the user pool attributes a CDK attribute mapping
// names directly; others (username, phone_number_verified, custom:...) go
// under custom with their Cognito names.
var gen2MappingAttributes = func() map[string]string {
	m := map[string]string{"email_verified": "emailVerified"}
	for k, v := range gen2Attributes {
		m[k] = v
	}
	return m
}()

// triggerEventNames maps Cognito trigger names to defineAuth trigger keys.
var triggerEventNames = map[string]string{
	"CreateAuthChallenge":         "createAuthChallenge",
	"CustomMessage":               "customMessage",
	"DefineAuthChallenge":         "defineAuthChallenge",
	"PostAuthentication":          "postAuthentication",
	"PostConfirmation":            "postConfirmation",
	"PreAuthentication":           "preAuthentication",
	"PreSignUp":                   "preSignUp",
	"PreTokenGeneration":          "preTokenGeneration",
	"UserMigration":               "userMigration",
	"VerifyAuthChallengeResponse": "verifyAuthChallengeResponse",
}

// iamToAuthAction maps a Cognito IAM action to the single defineAuth access
// action that grants exactly it (backend-auth's iamActionMap, inverted).
var iamToAuthAction = map[string]string{
	"cognito-idp:AdminAddUserToGroup":         "addUserToGroup",
	"cognito-idp:CreateGroup":                 "createGroup",
	"cognito-idp:AdminCreateUser":             "createUser",
	"cognito-idp:DeleteGroup":                 "deleteGroup",
	"cognito-idp:AdminDeleteUser":             "deleteUser",
	"cognito-idp:AdminDeleteUserAttributes":   "deleteUserAttributes",
	"cognito-idp:AdminDisableUser":            "disableUser",
	"cognito-idp:AdminEnableUser":             "enableUser",
	"cognito-idp:AdminForgetDevice":           "forgetDevice",
	"cognito-idp:AdminGetDevice":              "getDevice",
	"cognito-idp:GetGroup":                    "getGroup",
	"cognito-idp:AdminGetUser":                "getUser",
	"cognito-idp:ListUsers":                   "listUsers",
	"cognito-idp:ListUsersInGroup":            "listUsersInGroup",
	"cognito-idp:AdminListDevices":            "listDevices",
	"cognito-idp:ListGroups":                  "listGroups",
	"cognito-idp:AdminListGroupsForUser":      "listGroupsForUser",
	"cognito-idp:AdminRemoveUserFromGroup":    "removeUserFromGroup",
	"cognito-idp:AdminResetUserPassword":      "resetUserPassword",
	"cognito-idp:AdminSetUserMFAPreference":   "setUserMfaPreference",
	"cognito-idp:AdminSetUserPassword":        "setUserPassword",
	"cognito-idp:AdminSetUserSettings":        "setUserSettings",
	"cognito-idp:AdminUpdateDeviceStatus":     "updateDeviceStatus",
	"cognito-idp:UpdateGroup":                 "updateGroup",
	"cognito-idp:AdminUpdateUserAttributes":   "updateUserAttributes",
	"cognito-idp:AdminConfirmSignUp":          "manageUsers",
	"cognito-idp:AdminRespondToAuthChallenge": "manageUsers",
	"cognito-idp:AdminUserGlobalSignOut":      "manageUsers",
	"cognito-idp:AdminLinkProviderForUser":    "manageProviderForUser",
}

// crudAuthActions maps the operations of function-parameters.json
// permissions on an auth resource to defineAuth access actions. Gen 1's
// CRUD sets were coarse (create included creating users and groups and
// adding members; read every Describe/Get/List); these cover the same user
// pool operations.
var crudAuthActions = map[string][]string{
	"create": {"manageUsers", "manageGroups", "manageGroupMembership"},
	"read":   {"getUser", "listUsers", "listUsersInGroup", "listGroups", "listGroupsForUser", "getGroup", "getDevice", "listDevices"},
	"update": {"manageUsers", "manageGroups", "manageGroupMembership", "manageUserDevices", "managePasswordRecovery"},
	"delete": {"manageUsers", "manageGroups", "manageGroupMembership", "manageUserDevices"},
}

// adminQueriesActions are what the Admin Queries function does to the user
// pool: list users and groups, read a user, add and remove members,
// confirm, enable, disable and sign out users.
var adminQueriesActions = []string{"manageUsers", "manageGroupMembership", "listUsers", "listUsersInGroup", "listGroups"}

// oauthScopes maps Cognito OAuth scope names to defineAuth scope names.
var oauthScopes = map[string]string{
	"phone":                         "PHONE",
	"email":                         "EMAIL",
	"openid":                        "OPENID",
	"profile":                       "PROFILE",
	"aws.cognito.signin.user.admin": "COGNITO_ADMIN",
}

// cdkOAuthScopes maps Cognito OAuth scope names to CDK OAuthScope members.
var cdkOAuthScopes = map[string]string{
	"phone":                         "OAuthScope.PHONE",
	"email":                         "OAuthScope.EMAIL",
	"openid":                        "OAuthScope.OPENID",
	"profile":                       "OAuthScope.PROFILE",
	"aws.cognito.signin.user.admin": "OAuthScope.COGNITO_ADMIN",
}

// dedupe keeps the first of each string, in order.
func dedupe(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func sameSet(a, b []string) bool {
	a, b = dedupe(a), dedupe(b)
	if len(a) != len(b) {
		return false
	}
	x := append([]string(nil), a...)
	y := append([]string(nil), b...)
	sort.Strings(x)
	sort.Strings(y)
	for i := range x {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}

// codeTemplate turns a Cognito message with {####} placeholders into a
// template literal calling fn where the code goes, or ok=false when the
// message has no placeholder (defineAuth rejects such messages).
func codeTemplate(msg, fn string) (ts.Expr, bool) {
	parts := strings.Split(msg, "{####}")
	if len(parts) < 2 {
		return "", false
	}
	var b strings.Builder
	b.WriteString("`")
	for i, part := range parts {
		if i > 0 {
			b.WriteString("${" + fn + "()}")
		}
		b.WriteString(templateText(part))
	}
	b.WriteString("`")
	return ts.Expr(b.String()), true
}

// templateText escapes s for a template literal on one line: the printer
// indents every line it writes, which would change a multi-line message.
func templateText(s string) string {
	s = ts.Template(s)
	r := strings.NewReplacer("\r", `\r`, "\n", `\n`, "\t", `\t`, "\u2028", `\u2028`, "\u2029", `\u2029`)
	return r.Replace(s)
}

// lowerList lower-cases and trims every item.
func lowerList(in []string) []string {
	out := make([]string, 0, len(in))
	for _, s := range in {
		out = append(out, strings.ToLower(strings.TrimSpace(s)))
	}
	return out
}
