package writers

import (
	"fmt"
	"strings"
	"testing"

	"github.com/amplify-migrate/amplify-migrate/model"
)

// render writes a plan as "path: actor actions" lines and the kept
// statements as "keep role: actions key prefixes", for comparison.
func renderPlan(ba *bucketAccess) string {
	var lines []string
	for _, p := range ba.paths {
		for _, r := range p.rules {
			who := map[s3ActorKind]string{actorGuest: "guest", actorAuthenticated: "authenticated", actorEntity: "entity",
				actorGroup: "group:" + r.actor.name, actorFunction: "function:" + r.actor.name}[r.actor.kind]
			lines = append(lines, fmt.Sprintf("%s %s %v", p.path, who, gen2Actions(r.actions)))
		}
	}
	for _, who := range ba.keptOrder {
		for _, st := range ba.kept[who] {
			lines = append(lines, fmt.Sprintf("keep %s:%s %v %q %v", who.Kind, who.Name, st.actions, st.key, st.prefixes))
		}
	}
	return strings.Join(lines, "\n")
}

func TestPlanBucketAccess(t *testing.T) {
	auth := model.S3Grantee{Kind: model.S3Authenticated}
	guest := model.S3Grantee{Kind: model.S3Guest}
	admin := model.S3Grantee{Kind: model.S3Group, Name: "Admin"}
	fn := model.S3Grantee{Kind: model.S3Function, Name: "worker"}
	sub := model.IdentitySub
	tests := []struct {
		name   string
		grants []model.S3Grant
		want   string
	}{
		{
			name: "CLI grants for signed-in users and guests",
			grants: []model.S3Grant{
				{Grantee: auth, Actions: []string{"s3:PutObject", "s3:GetObject", "s3:DeleteObject"}, Key: "public/*"},
				{Grantee: auth, Actions: []string{"s3:PutObject", "s3:GetObject", "s3:DeleteObject"}, Key: "protected/" + sub + "/*"},
				{Grantee: auth, Actions: []string{"s3:PutObject", "s3:GetObject", "s3:DeleteObject"}, Key: "private/" + sub + "/*"},
				{Grantee: auth, Actions: []string{"s3:PutObject"}, Key: "uploads/*"},
				{Grantee: auth, Actions: []string{"s3:GetObject"}, Key: "protected/*"},
				{Grantee: auth, Actions: []string{"s3:ListBucket"}, Prefixes: []string{"public/", "public/*", "protected/", "protected/*", "private/" + sub + "/", "private/" + sub + "/*"}},
				{Grantee: guest, Actions: []string{"s3:GetObject"}, Key: "public/*"},
				{Grantee: guest, Actions: []string{"s3:GetObject"}, Key: "protected/*"},
				{Grantee: guest, Actions: []string{"s3:ListBucket"}, Prefixes: []string{"public/", "public/*", "protected/", "protected/*"}},
			},
			want: `public/* guest [read]
public/* authenticated [read write delete]
protected/{entity_id}/* guest [read]
protected/{entity_id}/* authenticated [read]
protected/{entity_id}/* entity [get write delete]
private/{entity_id}/* entity [read write delete]
uploads/* authenticated [write]`,
		},
		{
			name: "a group on the whole bucket is repeated on every path and kept exactly",
			grants: []model.S3Grant{
				{Grantee: auth, Actions: []string{"s3:GetObject"}, Key: "public/*"},
				{Grantee: admin, Actions: []string{"s3:PutObject", "s3:GetObject", "s3:ListBucket", "s3:DeleteObject"}, Key: "*"},
				{Grantee: admin, Actions: []string{"s3:ListBucket"}},
			},
			want: `public/* authenticated [get]
public/* group:Admin [read write delete]
protected/{entity_id}/* group:Admin [read write delete]
private/{entity_id}/* group:Admin [read write delete]
keep group:Admin [s3:PutObject s3:GetObject s3:ListBucket s3:DeleteObject] "*" []
keep group:Admin [s3:ListBucket] "" []`,
		},
		{
			name: "functions, other actions and unknown keys",
			grants: []model.S3Grant{
				{Grantee: fn, Actions: []string{"s3:ListBucket"}},
				{Grantee: fn, Actions: []string{"s3:GetObject"}, Key: "*"},
				{Grantee: auth, Actions: []string{"s3:GetObjectAcl", "s3:GetObject"}, Key: "public/*"},
				{Grantee: guest, Actions: []string{"s3:GetObject"}, Key: "protected/" + sub + "/*"},
				{Grantee: auth, Actions: []string{"s3:GetObject"}, Key: "reports/2024-*.csv"},
				{Grantee: auth, Actions: []string{"s3:ListBucket"}, Prefixes: []string{"public/", "public/*", "odd"}},
			},
			want: `public/* authenticated [read]
public/* function:worker [read]
protected/{entity_id}/* function:worker [read]
private/{entity_id}/* function:worker [read]
keep function:worker [s3:ListBucket] "" []
keep function:worker [s3:GetObject] "*" []
keep authenticated: [s3:GetObjectAcl] "public/*" []
keep authenticated: [s3:GetObject] "reports/2024-*.csv" []
keep authenticated: [s3:ListBucket] "" [odd]
keep guest: [s3:GetObject] "protected/${cognito-identity.amazonaws.com:sub}/*" []`,
		},
		{
			name: "a path under another gets the parent's rules, since Gen 2 would deny them there",
			grants: []model.S3Grant{
				{Grantee: guest, Actions: []string{"s3:GetObject"}, Key: "public/*"},
				{Grantee: auth, Actions: []string{"s3:PutObject"}, Key: "public/images/*"},
			},
			want: `public/* guest [get]
public/images/* guest [get]
public/images/* authenticated [write]`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := renderPlan(planBucketAccess(tc.grants, nil))
			if got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func TestPlanBucketAccessPolicyOnly(t *testing.T) {
	fn := model.S3Grantee{Kind: model.S3Function, Name: "worker"}
	auth := model.S3Grantee{Kind: model.S3Authenticated}
	got := renderPlan(planBucketAccess([]model.S3Grant{
		{Grantee: fn, Actions: []string{"s3:ListBucket"}},
		{Grantee: fn, Actions: []string{"s3:GetObject"}, Key: "*"},
		{Grantee: fn, Actions: []string{"s3:PutObject"}, Key: "public/*"},
		{Grantee: auth, Actions: []string{"s3:GetObject"}, Key: "public/*"},
	}, func(g model.S3Grantee) bool { return g == fn }))
	want := `public/* authenticated [get]
keep function:worker [s3:ListBucket] "" []
keep function:worker [s3:GetObject] "*" []
keep function:worker [s3:PutObject] "public/*" []`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestValidGen2Path(t *testing.T) {
	for p, want := range map[string]bool{
		"public/*": true, "a/b/*": true, "/public/*": false, "public": false, "a//b/*": false,
		"a/*/b/*": false, "protected/${x}/*": false, "*": false,
	} {
		if got := validGen2Path(p); got != want {
			t.Errorf("validGen2Path(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestRelModule(t *testing.T) {
	for _, tc := range [][3]string{
		{"amplify/storage", "./functions/x/resource", "../functions/x/resource"},
		{"amplify", "./functions/x/resource", "./functions/x/resource"},
		{"amplify/a/b", "./storage/resource", "../../storage/resource"},
	} {
		if got := relModule(tc[0], tc[1]); got != tc[2] {
			t.Errorf("relModule(%q, %q) = %q, want %q", tc[0], tc[1], got, tc[2])
		}
	}
}

func TestRestMethodsOf(t *testing.T) {
	all := []string{"create", "read", "update", "delete"}
	for _, tc := range []struct {
		ops      []string
		collapse bool
		want     string
	}{
		{all, true, "[/*]"},
		{all, false, "[/POST /GET /PUT /PATCH /DELETE]"},
		{[]string{"read", "update"}, true, "[/GET /PUT /PATCH]"},
	} {
		got := restMethodsOf(tc.ops, tc.collapse)
		if fmt.Sprint(got) != tc.want {
			t.Errorf("restMethodsOf(%v, %v) = %v, want %s", tc.ops, tc.collapse, got, tc.want)
		}
	}
	if restPolicyPath("/orders/{orderId}/items") != "/orders/*/items" {
		t.Errorf("path parameters are not replaced")
	}
}
