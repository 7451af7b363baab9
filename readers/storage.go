package readers

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/amplify-migrate/amplify-migrate/model"
)

// s3CLIInputKeys are the keys of an S3 cli-inputs.json (S3UserInputs in the CLI).
var s3CLIInputKeys = []string{
	"resourceName", "policyUUID", "bucketName", "storageAccess", "guestAccess", "authAccess",
	"triggerFunction", "adminTriggerFunction", "additionalTriggerFunctions", "groupAccess",
}

// s3ParameterKeys are the keys of an S3 parameters.json written by CLIs
// before cli-inputs.json.
var s3ParameterKeys = []string{
	"bucketName", "authPolicyName", "unauthPolicyName", "authRoleName", "unauthRoleName",
	"selectedGuestPermissions", "selectedAuthenticatedPermissions",
	"s3PermissionsAuthenticatedPublic", "s3PublicPolicy", "s3PermissionsAuthenticatedUploads",
	"s3UploadsPolicy", "s3PermissionsAuthenticatedProtected", "s3ProtectedPolicy",
	"s3PermissionsAuthenticatedPrivate", "s3PrivatePolicy", "AuthenticatedAllowList", "s3ReadPolicy",
	"s3PermissionsGuestPublic", "s3PermissionsGuestUploads", "GuestAllowList", "triggerFunction",
	"adminTriggerFunction", "resourceName", "serviceType", "policyUUID", "region",
}

// The IAM actions of the cli-inputs permissions (S3CFNPermissionType).
const (
	s3Put    = "s3:PutObject"
	s3Get    = "s3:GetObject"
	s3List   = "s3:ListBucket"
	s3Delete = "s3:DeleteObject"
	disallow = "DISALLOW"
)

func (r *reader) readBucket(res *model.Resource) {
	b := &model.Bucket{Settings: map[string]string{}, Positions: map[string]model.Pos{}}
	res.Bucket = b
	b.PhysicalName = res.Outputs["BucketName"]
	b.Region = res.Outputs["Region"]
	if res.Imported {
		r.readImportedBucket(res, b)
		return
	}
	var params gjson.Result
	if d, settings, pos := r.readSettings(res, "", "cli-inputs.json"); d != nil {
		b.Source, b.Settings, b.Positions = d.rel, settings, pos
		r.diags = append(r.diags, d.unknownKeys("", s3CLIInputKeys, "an S3 cli-inputs.json")...)
		r.readBucketInputs(res, b, d)
	} else if d, settings, pos := r.readSettings(res, "", "parameters.json"); d != nil {
		b.Source, b.Settings, b.Positions = d.rel, settings, pos
		r.diags = append(r.diags, d.unknownKeys("", s3ParameterKeys, "an S3 parameters.json")...)
		params = d.root
		r.readBucketParameters(res, b, d)
	} else {
		r.missingSettings(res, "S3", "cli-inputs.json", "parameters.json")
		return
	}
	if b.Region == "" {
		b.Region = r.p.Deployment.Region
	}
	tpl := r.firstExisting(res.Dir, "s3-cloudformation-template.json", res.Name+"-cloudformation-template.json",
		"build/cloudformation-template.json", "build/s3-cloudformation-template.json")
	if tpl == "" {
		return
	}
	if params.Type == gjson.Null {
		// cli-inputs projects keep the parameters the template was deployed
		// with next to it in build/.
		if d := r.loadJSON(path.Join(path.Dir(tpl), "parameters.json"), false, ""); d != nil {
			params = d.root
		}
	}
	if d := r.loadJSON(tpl, false, ""); d != nil {
		b.Template = tpl
		r.readBucketTemplate(res, b, d, params)
	}
}

// missingSettings reports a resource whose settings file is missing. A file
// that exists but could not be parsed was reported by loadJSON already.
func (r *reader) missingSettings(res *model.Resource, what string, names ...string) {
	for _, n := range names {
		if r.exists(path.Join(res.Dir, n)) {
			return
		}
	}
	r.errorf(res.Pos, "restore "+path.Join(res.Dir, names[0])+" from version control, or remove the resource with `amplify remove "+res.Category+"`",
		"%s resource %s has neither %s", what, res.Name, strings.Join(names, " nor "))
}

// firstExisting returns the first of the names that exists in dir.
func (r *reader) firstExisting(dir string, names ...string) string {
	for _, n := range names {
		if p := path.Join(dir, n); r.exists(p) {
			return p
		}
	}
	return ""
}

func (r *reader) readImportedBucket(res *model.Resource, b *model.Bucket) {
	if v := res.EnvParams["bucketName"]; v != "" {
		b.PhysicalName = v
	}
	if v := res.EnvParams["region"]; v != "" {
		b.Region = v
	}
	b.BucketName = b.PhysicalName
	if d, settings, pos := r.readSettings(res, "", "parameters.json", "cli-inputs.json"); d != nil {
		b.Source, b.Settings, b.Positions = d.rel, settings, pos
	}
}

// readBucketInputs reads a cli-inputs.json and computes the grants the CLI's
// template (AmplifyS3ResourceCfnStack) deploys for it.
func (r *reader) readBucketInputs(res *model.Resource, b *model.Bucket, d *jsonDoc) {
	var v gjson.Result
	v, b.BucketNamePos = d.Get("bucketName")
	b.BucketName = v.String()
	if b.BucketName == "" {
		r.errorf(b.BucketNamePos, "add the bucketName the CLI generated (it is part of the deployed bucket's name)", "S3 resource %s has no bucketName", res.Name)
	}
	b.PolicyUUID = d.root.Get("policyUUID").String()
	// The CLI's template always keeps the bucket when the stack is deleted.
	b.Retain = true
	v, b.StorageAccessPos = d.Get("storageAccess")
	b.StorageAccess = v.String()
	if b.StorageAccess != "" && b.StorageAccess != "auth" && b.StorageAccess != "authAndGuest" {
		r.warnf(b.StorageAccessPos, `use "auth" or "authAndGuest"`, "unknown storageAccess %q; the guest and authenticated permissions are read as written", b.StorageAccess)
	}
	b.AuthAccess, b.AuthAccessPos = r.s3Permissions(d, "authAccess")
	b.GuestAccess, b.GuestAccessPos = r.s3Permissions(d, "guestAccess")
	if b.StorageAccess == "auth" && len(b.GuestAccess) > 0 {
		r.warnf(b.GuestAccessPos, "Gen 1 deployed the guest grants anyway (they follow guestAccess); they are converted as deployed. Empty guestAccess if guests should have no access",
			"storageAccess is \"auth\" but guestAccess grants guests %s", joinPerms(b.GuestAccess))
	}
	groups, gpos := d.Get("groupAccess")
	if groups.Exists() && !groups.IsObject() {
		r.warnf(gpos, `groupAccess maps group names to permissions, e.g. {"Admin": ["READ"]}`, "groupAccess is not an object and is ignored")
	}
	groups.ForEach(func(k, _ gjson.Result) bool {
		p := joinPath("groupAccess", k.String())
		perms, pos := r.s3Permissions(d, p)
		b.Groups = append(b.Groups, model.S3GroupAccess{Group: k.String(), Permissions: perms, Pos: pos})
		return true
	})

	// The grants of the CLI's template, from the values the transform
	// computes (AmplifyS3ResourceStackTransform.generateCfnInputParameters).
	objectActions := func(perms []model.S3Permission) string {
		var acts []string
		for _, p := range perms {
			for _, a := range s3Actions(p) {
				if a != s3List {
					acts = append(acts, a)
				}
			}
		}
		if len(acts) == 0 {
			return disallow
		}
		return strings.Join(acts, ",")
	}
	uploads := func(perms []model.S3Permission) string {
		if hasPerm(perms, model.S3Create) {
			return s3Put
		}
		return disallow
	}
	list := func(perms []model.S3Permission) string {
		if hasPerm(perms, model.S3Read) {
			return "ALLOW"
		}
		return disallow
	}
	b.Grants = standardS3Grants(map[string]string{
		"s3PermissionsAuthenticatedPublic":    objectActions(b.AuthAccess),
		"s3PermissionsAuthenticatedProtected": objectActions(b.AuthAccess),
		"s3PermissionsAuthenticatedPrivate":   objectActions(b.AuthAccess),
		"s3PermissionsAuthenticatedUploads":   uploads(b.AuthAccess),
		"s3PermissionsGuestPublic":            objectActions(b.GuestAccess),
		"s3PermissionsGuestUploads":           uploads(b.GuestAccess),
		"AuthenticatedAllowList":              list(b.AuthAccess),
		"GuestAllowList":                      list(b.GuestAccess),
	}, b.AuthAccessPos, b.GuestAccessPos)
	for _, g := range b.Groups {
		b.Grants = append(b.Grants, groupS3Grants(g)...)
	}

	r.readBucketTriggers(res, b, d)
}

// readBucketTriggers reads triggerFunction and adminTriggerFunction the way
// the CLI's template deploys them.
func (r *reader) readBucketTriggers(res *model.Resource, b *model.Bucket, d *jsonDoc) {
	tf, tfPos := d.Get("triggerFunction")
	admin, adminPos := d.Get("adminTriggerFunction")
	adminFn := admin.Get("triggerFunction").String()
	main := tf.String()
	hasMain := main != "" && main != "NONE"
	hasAdmin := adminFn != "" && adminFn != "NONE" && adminFn != main
	events := []string{"s3:ObjectCreated:*", "s3:ObjectRemoved:*"}
	if hasMain {
		if hasAdmin {
			// With an admin trigger, the CLI narrows the main trigger to the
			// user folders; the prefix gets the region so that it matches the
			// identity ids ("us-east-1:...").
			for _, prefix := range []string{"protected/", "private/", "public/"} {
				b.Triggers = append(b.Triggers, model.S3Trigger{Function: main, Events: events, Prefix: prefix, PrefixAddsRegion: true, Pos: tfPos})
			}
		} else {
			b.Triggers = append(b.Triggers, model.S3Trigger{Function: main, Events: events, Pos: tfPos})
		}
		b.Grants = append(b.Grants, triggerS3Grants(main, tfPos)...)
	}
	if hasAdmin {
		evs := asStringList(admin.Get("triggerEvents"))
		if len(evs) == 0 {
			evs = events
		}
		prefixes := admin.Get("triggerPrefix").Array()
		if len(prefixes) == 0 {
			b.Triggers = append(b.Triggers, model.S3Trigger{Function: adminFn, Events: evs, Pos: adminPos})
		}
		for _, p := range prefixes {
			b.Triggers = append(b.Triggers, model.S3Trigger{Function: adminFn, Events: evs,
				Prefix: p.Get("prefix").String(), PrefixAddsRegion: p.Get("prefixTransform").String() == "ATTACH_REGION", Pos: adminPos})
		}
		b.Grants = append(b.Grants, triggerS3Grants(adminFn, adminPos)...)
	}
	if extra, pos := d.Get("additionalTriggerFunctions"); len(extra.Array()) > 0 {
		r.warnf(pos, "the CLI never deployed these; add them to the Gen 2 storage triggers by hand if they are wanted",
			"additionalTriggerFunctions is not deployed by Gen 1 and is not converted")
	}
}

// readBucketParameters reads a pre-cli-inputs parameters.json, whose
// s3Permissions* values are what the template's policies grant.
func (r *reader) readBucketParameters(res *model.Resource, b *model.Bucket, d *jsonDoc) {
	// Every CLI's S3 template kept the bucket when the stack was deleted;
	// the template, when present, says for sure.
	b.Retain = true
	var v gjson.Result
	v, b.BucketNamePos = d.Get("bucketName")
	b.BucketName = v.String()
	auth, authPos := d.Get("selectedAuthenticatedPermissions")
	b.AuthAccess, b.AuthAccessPos = permsFromActions(asStringList(auth)), authPos
	guest, guestPos := d.Get("selectedGuestPermissions")
	b.GuestAccessPos = guestPos
	gl := d.root.Get("GuestAllowList").String()
	gp := d.root.Get("s3PermissionsGuestPublic").String()
	if (gl != "" && gl != disallow) || (gp != "" && gp != disallow) {
		b.GuestAccess = permsFromActions(asStringList(guest))
		b.StorageAccess = "authAndGuest"
	} else {
		b.StorageAccess = "auth"
	}
	b.StorageAccessPos = guestPos
	vals := map[string]string{}
	for _, k := range []string{"s3PermissionsAuthenticatedPublic", "s3PermissionsAuthenticatedProtected",
		"s3PermissionsAuthenticatedPrivate", "s3PermissionsAuthenticatedUploads", "s3PermissionsGuestPublic",
		"s3PermissionsGuestUploads", "AuthenticatedAllowList", "GuestAllowList"} {
		x := d.root.Get(k).String()
		if x == "" {
			x = disallow
		}
		vals[k] = x
	}
	b.Grants = standardS3Grants(vals, authPos, guestPos)

	// Group permissions of these projects are in storage-params.json.
	if sp := r.loadJSON(path.Join(res.Dir, "storage-params.json"), false, ""); sp != nil {
		sp.root.Get("groupPermissionMap").ForEach(func(k, ops gjson.Result) bool {
			p := joinPath("groupPermissionMap", k.String())
			var perms []model.S3Permission
			for _, op := range asStringList(ops) {
				switch op {
				case "create/update":
					perms = append(perms, model.S3Create)
				case "read":
					perms = append(perms, model.S3Read)
				case "delete":
					perms = append(perms, model.S3Delete)
				default:
					r.warnf(sp.Pos(ops, p), `use "create/update", "read" or "delete"`, "unknown group permission %q is ignored", op)
				}
			}
			g := model.S3GroupAccess{Group: k.String(), Permissions: perms, Pos: sp.Pos(ops, p)}
			b.Groups = append(b.Groups, g)
			b.Grants = append(b.Grants, groupS3Grants(g)...)
			return true
		})
	}
	if tf, pos := d.Get("triggerFunction"); tf.String() != "" && tf.String() != "NONE" {
		b.Triggers = append(b.Triggers, model.S3Trigger{Function: tf.String(), Events: []string{"s3:ObjectCreated:*", "s3:ObjectRemoved:*"}, Pos: pos})
	}
}

// s3Permissions reads a list of cli-inputs permissions.
func (r *reader) s3Permissions(d *jsonDoc, p string) ([]model.S3Permission, model.Pos) {
	v, pos := d.Get(p)
	if v.Exists() && !v.IsArray() && v.Type != gjson.String {
		r.warnf(pos, `give a list such as ["CREATE_AND_UPDATE", "READ", "DELETE"]`, "%s is not a list and is ignored", p)
		return nil, pos
	}
	var out []model.S3Permission
	for _, s := range asStringList(v) {
		switch model.S3Permission(s) {
		case model.S3Create, model.S3Read, model.S3Delete:
			out = append(out, model.S3Permission(s))
		default:
			detail := `use CREATE_AND_UPDATE, READ or DELETE`
			if sug := suggest(s, []string{"CREATE_AND_UPDATE", "READ", "DELETE"}); sug != "" {
				detail = fmt.Sprintf("did you mean %q?", sug)
			}
			r.warnf(pos, detail, "unknown S3 permission %q in %s is ignored (the CLI would refuse it)", s, p)
		}
	}
	return out, pos
}

func hasPerm(perms []model.S3Permission, p model.S3Permission) bool {
	for _, x := range perms {
		if x == p {
			return true
		}
	}
	return false
}

func joinPerms(perms []model.S3Permission) string {
	var s []string
	for _, p := range perms {
		s = append(s, string(p))
	}
	return strings.Join(s, ", ")
}

// s3Actions are the IAM actions of a permission (getCfnTypesFromPermissionType).
func s3Actions(p model.S3Permission) []string {
	switch p {
	case model.S3Create:
		return []string{s3Put}
	case model.S3Read:
		return []string{s3Get, s3List}
	case model.S3Delete:
		return []string{s3Delete}
	}
	return nil
}

// permsFromActions turns selected*Permissions back into permissions.
func permsFromActions(actions []string) []model.S3Permission {
	var out []model.S3Permission
	add := func(p model.S3Permission) {
		if !hasPerm(out, p) {
			out = append(out, p)
		}
	}
	for _, a := range actions {
		switch a {
		case s3Put:
			add(model.S3Create)
		case s3Get, s3List:
			add(model.S3Read)
		case s3Delete:
			add(model.S3Delete)
		}
	}
	return out
}

// standardS3Grants are the grants of the CLI's S3 template for the values
// of its parameters: each policy exists unless its parameter is DISALLOW.
func standardS3Grants(v map[string]string, authPos, guestPos model.Pos) []model.S3Grant {
	auth := model.S3Grantee{Kind: model.S3Authenticated}
	guest := model.S3Grantee{Kind: model.S3Guest}
	var out []model.S3Grant
	add := func(who model.S3Grantee, param, key string, pos model.Pos) {
		if x := v[param]; x != "" && x != disallow {
			out = append(out, model.S3Grant{Grantee: who, Actions: splitActions(x), Key: key, Pos: pos})
		}
	}
	add(auth, "s3PermissionsAuthenticatedPublic", "public/*", authPos)
	add(auth, "s3PermissionsAuthenticatedProtected", "protected/"+model.IdentitySub+"/*", authPos)
	add(auth, "s3PermissionsAuthenticatedPrivate", "private/"+model.IdentitySub+"/*", authPos)
	add(auth, "s3PermissionsAuthenticatedUploads", "uploads/*", authPos)
	add(guest, "s3PermissionsGuestPublic", "public/*", guestPos)
	add(guest, "s3PermissionsGuestUploads", "uploads/*", guestPos)
	if x := v["AuthenticatedAllowList"]; x != "" && x != disallow {
		out = append(out,
			model.S3Grant{Grantee: auth, Actions: []string{s3Get}, Key: "protected/*", Pos: authPos},
			model.S3Grant{Grantee: auth, Actions: []string{s3List}, Pos: authPos, Prefixes: []string{
				"public/", "public/*", "protected/", "protected/*",
				"private/" + model.IdentitySub + "/", "private/" + model.IdentitySub + "/*"}})
	}
	if x := v["GuestAllowList"]; x != "" && x != disallow {
		out = append(out,
			model.S3Grant{Grantee: guest, Actions: []string{s3Get}, Key: "protected/*", Pos: guestPos},
			model.S3Grant{Grantee: guest, Actions: []string{s3List}, Pos: guestPos, Prefixes: []string{
				"public/", "public/*", "protected/", "protected/*"}})
	}
	return out
}

func splitActions(s string) []string {
	var out []string
	for _, a := range strings.Split(s, ",") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// groupS3Grants are a group's grants (_buildCDKGroupPolicyStatements): the
// permissions on every key, and listing the bucket when it may read.
func groupS3Grants(g model.S3GroupAccess) []model.S3Grant {
	who := model.S3Grantee{Kind: model.S3Group, Name: g.Group}
	var acts []string
	for _, p := range g.Permissions {
		acts = append(acts, s3Actions(p)...)
	}
	if len(acts) == 0 {
		return nil
	}
	out := []model.S3Grant{{Grantee: who, Actions: acts, Key: "*", Pos: g.Pos}}
	if hasPerm(g.Permissions, model.S3Read) {
		out = append(out, model.S3Grant{Grantee: who, Actions: []string{s3List}, Pos: g.Pos})
	}
	return out
}

// triggerS3Grants are what the CLI grants a trigger function
// (S3TriggerBucketPolicy): listing the bucket and every object action.
func triggerS3Grants(fn string, pos model.Pos) []model.S3Grant {
	who := model.S3Grantee{Kind: model.S3Function, Name: fn}
	return []model.S3Grant{
		{Grantee: who, Actions: []string{s3List}, Pos: pos},
		{Grantee: who, Actions: []string{s3Put, s3Get, s3List, s3Delete}, Key: "*", Pos: pos},
	}
}

// s3BucketProps are the bucket properties the reader maps to typed fields.
var s3BucketProps = map[string]bool{
	"BucketName": true, "CorsConfiguration": true, "VersioningConfiguration": true,
	"BucketEncryption": true, "NotificationConfiguration": true,
}

// readBucketTemplate takes what Gen 1 deployed from the S3 template: the
// bucket's properties and every IAM grant. It replaces the grants computed
// from the settings, since users edited these templates by hand.
func (r *reader) readBucketTemplate(res *model.Resource, b *model.Bucket, d *jsonDoc, params gjson.Result) {
	e := newCFNEval(d.root, params, r.p.Env)
	var grants []model.S3Grant
	var triggers []model.S3Trigger
	bucketID := ""
	d.root.Get("Resources").ForEach(func(k, v gjson.Result) bool {
		if v.Get("Type").String() == "AWS::S3::Bucket" && bucketID == "" {
			bucketID = k.String()
		}
		return true
	})
	if bucketID == "" {
		r.warnf(d.FilePos(), "the template should define the bucket (AWS::S3::Bucket); the settings file is used instead",
			"S3 template has no bucket")
		return
	}
	bucketSym := symbol(bucketID)
	bucketArn := "arn:aws:s3:::" + bucketSym
	d.root.Get("Resources").ForEach(func(k, v gjson.Result) bool {
		id := k.String()
		rp := joinPath("Resources", id)
		typ := v.Get("Type").String()
		pos := d.Pos(v, rp)
		switch typ {
		case "AWS::S3::Bucket":
			if id != bucketID {
				b.Unrecognized = append(b.Unrecognized, model.TemplateItem{LogicalID: id, Type: typ, Pos: pos})
				return true
			}
			b.Retain = v.Get("DeletionPolicy").String() == "Retain"
			b.PhysicalPattern, _ = e.str(v.Get("Properties.BucketName"))
			triggers = r.readBucketProps(b, d, e, v.Get("Properties"), rp+".Properties")
		case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy":
			applies, ok := e.resourceApplies(v)
			if !ok {
				r.warnf(pos, "the condition depends on values only known in AWS; check the converted access", "cannot tell whether policy %s applies; it is converted as if it did", id)
				applies = true
			}
			if !applies {
				return true
			}
			roles, _ := e.list(v.Get("Properties.Roles"))
			var who []model.S3Grantee
			for _, role := range roles {
				g, ok := s3GranteeOf(role)
				if !ok {
					b.Unrecognized = append(b.Unrecognized, model.TemplateItem{LogicalID: id, Type: typ, Property: "Roles", Pos: pos})
					continue
				}
				who = append(who, g)
			}
			for i, st := range v.Get("Properties.PolicyDocument.Statement").Array() {
				sp := d.Pos(st, indexPath(rp+".Properties.PolicyDocument.Statement", i))
				if st.Get("Effect").String() != "Allow" {
					b.Unrecognized = append(b.Unrecognized, model.TemplateItem{LogicalID: id, Type: typ, Property: "Statement", Pos: sp})
					continue
				}
				acts, ok1 := e.list(st.Get("Action"))
				resources, ok2 := e.list(st.Get("Resource"))
				if !ok1 || !ok2 {
					b.Unrecognized = append(b.Unrecognized, model.TemplateItem{LogicalID: id, Type: typ, Property: "Statement", Pos: sp})
					continue
				}
				prefixes, _ := e.list(st.Get(`Condition.StringLike.s3\:prefix`))
				for _, res := range resources {
					key, onBucket := strings.CutPrefix(res, bucketArn)
					if !onBucket {
						b.Unrecognized = append(b.Unrecognized, model.TemplateItem{LogicalID: id, Type: typ, Property: "Resource " + res, Pos: sp})
						continue
					}
					key = strings.TrimPrefix(key, "/")
					for _, g := range who {
						gr := model.S3Grant{Grantee: g, Actions: acts, Key: key, Pos: sp}
						if key == "" {
							gr.Prefixes = prefixes
						}
						grants = append(grants, gr)
					}
				}
			}
		case "AWS::Lambda::Permission":
			// The S3 service's right to invoke a trigger: Gen 2 adds its own.
		default:
			b.Unrecognized = append(b.Unrecognized, model.TemplateItem{LogicalID: id, Type: typ, Pos: pos})
		}
		return true
	})
	b.Grants = grants
	b.Triggers = triggers
}

// s3GranteeOf recognizes the role of a template policy.
func s3GranteeOf(role string) (model.S3Grantee, bool) {
	switch strings.ToLower(role) {
	case "{{authrolename}}":
		return model.S3Grantee{Kind: model.S3Authenticated}, true
	case "{{unauthrolename}}":
		return model.S3Grantee{Kind: model.S3Guest}, true
	}
	if strings.HasPrefix(role, "{{function") && strings.HasSuffix(role, "LambdaExecutionRole}}") {
		return model.S3Grantee{Kind: model.S3Function, Name: strings.TrimSuffix(strings.TrimPrefix(role, "{{function"), "LambdaExecutionRole}}")}, true
	}
	// Group roles are "<user pool id>-<Group>GroupRole".
	if i := strings.LastIndex(role, "}}-"); i >= 0 && strings.HasPrefix(role, "{{auth") && strings.HasSuffix(role, "GroupRole") {
		return model.S3Grantee{Kind: model.S3Group, Name: strings.TrimSuffix(role[i+3:], "GroupRole")}, true
	}
	return model.S3Grantee{}, false
}

// readBucketProps reads the bucket's properties and returns its triggers.
func (r *reader) readBucketProps(b *model.Bucket, d *jsonDoc, e *cfnEval, props gjson.Result, pp string) []model.S3Trigger {
	props.ForEach(func(k, v gjson.Result) bool {
		if !s3BucketProps[k.String()] {
			b.Unrecognized = append(b.Unrecognized, model.TemplateItem{LogicalID: "S3Bucket", Type: "AWS::S3::Bucket", Property: k.String(), Raw: v.Raw, Pos: d.Pos(v, joinPath(pp, k.String()))})
		}
		return true
	})
	if cors := props.Get("CorsConfiguration.CorsRules"); cors.Exists() {
		b.CORSPos = d.Pos(cors, pp+".CorsConfiguration.CorsRules")
		for _, c := range cors.Array() {
			rule := model.S3CORSRule{ID: c.Get("Id").String()}
			rule.AllowedHeaders, _ = e.list(c.Get("AllowedHeaders"))
			rule.AllowedMethods, _ = e.list(c.Get("AllowedMethods"))
			rule.AllowedOrigins, _ = e.list(c.Get("AllowedOrigins"))
			rule.ExposedHeaders, _ = e.list(c.Get("ExposedHeaders"))
			rule.MaxAge, _ = asInt(c.Get("MaxAge"))
			b.CORS = append(b.CORS, rule)
		}
	}
	if ver := props.Get("VersioningConfiguration.Status"); ver.Exists() {
		s, _ := e.str(ver)
		on := s == "Enabled"
		b.Versioned, b.VersionPos = &on, d.Pos(ver, pp+".VersioningConfiguration.Status")
	}
	if enc := props.Get("BucketEncryption.ServerSideEncryptionConfiguration.0.ServerSideEncryptionByDefault"); enc.Exists() {
		b.EncryptionPos = d.Pos(enc, pp+".BucketEncryption")
		b.Encryption, _ = e.str(enc.Get("SSEAlgorithm"))
		b.EncryptionKMS, _ = e.str(enc.Get("KMSMasterKeyID"))
	}
	var triggers []model.S3Trigger
	for i, lc := range props.Get("NotificationConfiguration.LambdaConfigurations").Array() {
		lp := indexPath(pp+".NotificationConfiguration.LambdaConfigurations", i)
		fn, _ := e.str(lc.Get("Function"))
		name := strings.TrimSuffix(strings.TrimPrefix(fn, "{{function"), "Arn}}")
		if name == fn {
			b.Unrecognized = append(b.Unrecognized, model.TemplateItem{LogicalID: "S3Bucket", Type: "AWS::S3::Bucket", Property: "NotificationConfiguration " + fn, Pos: d.Pos(lc, lp)})
			continue
		}
		ev, _ := e.str(lc.Get("Event"))
		t := model.S3Trigger{Function: name, Events: []string{ev}, Pos: d.Pos(lc, lp)}
		for _, rule := range lc.Get("Filter.S3Key.Rules").Array() {
			val, _ := e.str(rule.Get("Value"))
			switch strings.ToLower(rule.Get("Name").String()) {
			case "prefix":
				if p, ok := strings.CutSuffix(val, "{{AWS::Region}}"); ok {
					t.Prefix, t.PrefixAddsRegion = p, true
				} else {
					t.Prefix = val
				}
			case "suffix":
				t.Suffix = val
			}
		}
		// One trigger per function and filter, with all its events.
		merged := false
		for j := range triggers {
			x := &triggers[j]
			if x.Function == t.Function && x.Prefix == t.Prefix && x.PrefixAddsRegion == t.PrefixAddsRegion && x.Suffix == t.Suffix {
				x.Events = append(x.Events, ev)
				merged = true
			}
		}
		if !merged {
			triggers = append(triggers, t)
		}
	}
	return triggers
}

// ddbTypes maps cli-inputs field types to DynamoDB attribute types.
var ddbTypes = map[string]string{
	"string": "S", "number": "N", "binary": "B", "boolean": "BOOL", "list": "L", "map": "M",
	"null": "NULL", "string-set": "SS", "number-set": "NS", "binary-set": "BS",
}

var ddbCLIInputKeys = []string{"resourceName", "tableName", "partitionKey", "sortKey", "gsi", "triggerFunctions"}
var ddbParameterKeys = []string{"tableName", "partitionKeyName", "partitionKeyType", "sortKeyName", "sortKeyType", "resourceName", "serviceType", "region", "arn", "streamArn"}

func (r *reader) readTable(res *model.Resource) {
	t := &model.Table{Settings: map[string]string{}, Positions: map[string]model.Pos{},
		BillingMode: "PROVISIONED", ReadCapacity: 5, WriteCapacity: 5, Stream: "NEW_IMAGE"}
	res.Table = t
	t.PhysicalName = res.Outputs["Name"]
	t.Arn = res.Outputs["Arn"]
	t.StreamArn = res.Outputs["StreamArn"]
	t.Region = res.Outputs["Region"]
	if res.Imported {
		r.readImportedTable(res, t)
		return
	}
	var params gjson.Result
	var triggerNames []string
	var triggerPos model.Pos
	if d, settings, pos := r.readSettings(res, "", "cli-inputs.json"); d != nil {
		t.Source, t.Settings, t.Positions = d.rel, settings, pos
		r.diags = append(r.diags, d.unknownKeys("", ddbCLIInputKeys, "a DynamoDB cli-inputs.json")...)
		var v gjson.Result
		v, t.TableNamePos = d.Get("tableName")
		t.TableName = v.String()
		t.PartitionKey = r.ddbKey(d, "partitionKey")
		if sk := d.root.Get("sortKey"); sk.Exists() {
			k := r.ddbKey(d, "sortKey")
			t.SortKey = &k
		}
		for i, g := range d.root.Get("gsi").Array() {
			gp := indexPath("gsi", i)
			idx := model.TableIndex{Name: g.Get("name").String(), PartitionKey: r.ddbKey(d, gp+".partitionKey"),
				Projection: "ALL", ReadCapacity: 5, WriteCapacity: 5, Pos: d.Pos(g, gp)}
			if g.Get("sortKey").Exists() {
				k := r.ddbKey(d, gp+".sortKey")
				idx.SortKey = &k
			}
			t.GSIs = append(t.GSIs, idx)
		}
		var tv gjson.Result
		tv, triggerPos = d.Get("triggerFunctions")
		triggerNames = asStringList(tv)
	} else if d, settings, pos := r.readSettings(res, "", "parameters.json"); d != nil {
		t.Source, t.Settings, t.Positions = d.rel, settings, pos
		r.diags = append(r.diags, d.unknownKeys("", ddbParameterKeys, "a DynamoDB parameters.json")...)
		params = d.root
		var v gjson.Result
		v, t.TableNamePos = d.Get("tableName")
		t.TableName = v.String()
		n, npos := d.Get("partitionKeyName")
		t.PartitionKey = model.KeyAttribute{Name: n.String(), Type: d.root.Get("partitionKeyType").String(), Pos: npos}
		if sk, spos := d.Get("sortKeyName"); sk.String() != "" {
			t.SortKey = &model.KeyAttribute{Name: sk.String(), Type: d.root.Get("sortKeyType").String(), Pos: spos}
		}
	} else {
		r.missingSettings(res, "DynamoDB", "cli-inputs.json", "parameters.json")
		return
	}
	if t.Region == "" {
		t.Region = r.p.Deployment.Region
	}
	if tpl := r.firstExisting(res.Dir, res.Name+"-cloudformation-template.json", "build/"+res.Name+"-cloudformation-template.json", "build/cloudformation-template.json"); tpl != "" {
		if params.Type == gjson.Null {
			if d := r.loadJSON(path.Join(path.Dir(tpl), "parameters.json"), false, ""); d != nil {
				params = d.root
			}
		}
		if d := r.loadJSON(tpl, false, ""); d != nil {
			t.Template = tpl
			r.readTableTemplate(t, d, params)
		}
	}
	if t.PartitionKey.Name == "" {
		r.warnf(t.TableNamePos, "add the partition key the table was created with; the table is not converted until then", "DynamoDB resource %s has no partition key", res.Name)
	}
	r.readTableTriggers(res, t, triggerNames, triggerPos)
}

func (r *reader) readImportedTable(res *model.Resource, t *model.Table) {
	ep := res.EnvParams
	if v := ep["tableName"]; v != "" {
		t.PhysicalName = v
	}
	t.TableName = t.PhysicalName
	if v := ep["arn"]; v != "" {
		t.Arn = v
	}
	if v := ep["streamArn"]; v != "" {
		t.StreamArn = v
	}
	if v := ep["region"]; v != "" {
		t.Region = v
	}
	t.PartitionKey = model.KeyAttribute{Name: ep["partitionKeyName"], Type: ep["partitionKeyType"]}
	if ep["sortKeyName"] != "" {
		t.SortKey = &model.KeyAttribute{Name: ep["sortKeyName"], Type: ep["sortKeyType"]}
	}
	t.Stream = ""
	if d, settings, pos := r.readSettings(res, "", "parameters.json", "cli-inputs.json"); d != nil {
		t.Source, t.Settings, t.Positions = d.rel, settings, pos
	}
}

// ddbKey reads a cli-inputs key ({fieldName, fieldType}).
func (r *reader) ddbKey(d *jsonDoc, p string) model.KeyAttribute {
	v, pos := d.Get(p)
	k := model.KeyAttribute{Name: v.Get("fieldName").String(), Pos: pos}
	ft := v.Get("fieldType").String()
	k.Type = ddbTypes[ft]
	if v.Exists() && k.Name == "" {
		r.errorf(pos, "give the key a fieldName", "%s has no fieldName", p)
	}
	if v.Exists() && k.Type == "" {
		r.errorf(pos, "use string, number or binary", "%s has the unknown fieldType %q", p, ft)
	}
	return k
}

// ddbTableProps are the table properties the reader maps to typed fields.
var ddbTableProps = map[string]bool{
	"TableName": true, "AttributeDefinitions": true, "KeySchema": true, "GlobalSecondaryIndexes": true,
	"LocalSecondaryIndexes": true, "BillingMode": true, "ProvisionedThroughput": true,
	"StreamSpecification": true, "TimeToLiveSpecification": true, "SSESpecification": true,
	"PointInTimeRecoverySpecification": true, "DeletionProtectionEnabled": true,
}

// readTableTemplate takes the table as deployed from its template.
func (r *reader) readTableTemplate(t *model.Table, d *jsonDoc, params gjson.Result) {
	e := newCFNEval(d.root, params, r.p.Env)
	var id string
	var tbl gjson.Result
	d.root.Get("Resources").ForEach(func(k, v gjson.Result) bool {
		switch v.Get("Type").String() {
		case "AWS::DynamoDB::Table":
			if id == "" {
				id, tbl = k.String(), v
				return true
			}
		}
		t.Unrecognized = append(t.Unrecognized, model.TemplateItem{LogicalID: k.String(), Type: v.Get("Type").String(), Pos: d.Pos(v, joinPath("Resources", k.String()))})
		return true
	})
	if id == "" {
		r.warnf(d.FilePos(), "the template should define the table (AWS::DynamoDB::Table); the settings file is used instead", "DynamoDB template has no table")
		return
	}
	pp := joinPath("Resources", id) + ".Properties"
	props := tbl.Get("Properties")
	props.ForEach(func(k, v gjson.Result) bool {
		if !ddbTableProps[k.String()] {
			t.Unrecognized = append(t.Unrecognized, model.TemplateItem{LogicalID: id, Type: "AWS::DynamoDB::Table", Property: k.String(), Raw: v.Raw, Pos: d.Pos(v, joinPath(pp, k.String()))})
		}
		return true
	})
	types := map[string]string{}
	for _, a := range props.Get("AttributeDefinitions").Array() {
		n, _ := e.str(a.Get("AttributeName"))
		ty, _ := e.str(a.Get("AttributeType"))
		types[n] = ty
	}
	keys := func(ks gjson.Result, kp string) (model.KeyAttribute, *model.KeyAttribute) {
		var pk model.KeyAttribute
		var sk *model.KeyAttribute
		for i, k := range ks.Array() {
			n, _ := e.str(k.Get("AttributeName"))
			attr := model.KeyAttribute{Name: n, Type: types[n], Pos: d.Pos(k, indexPath(kp, i))}
			if strings.EqualFold(k.Get("KeyType").String(), "RANGE") {
				sk = &attr
			} else {
				pk = attr
			}
		}
		return pk, sk
	}
	if ks := props.Get("KeySchema"); ks.Exists() {
		t.PartitionKey, t.SortKey = keys(ks, pp+".KeySchema")
	}
	billing, _ := e.str(props.Get("BillingMode"))
	t.BillingPos = d.Pos(props.Get("ProvisionedThroughput"), pp+".ProvisionedThroughput")
	if billing == "PAY_PER_REQUEST" {
		t.BillingMode, t.ReadCapacity, t.WriteCapacity = billing, 0, 0
		t.BillingPos = d.Pos(props.Get("BillingMode"), pp+".BillingMode")
	} else {
		t.BillingMode = "PROVISIONED"
		t.ReadCapacity, t.WriteCapacity = e.capacity(props.Get("ProvisionedThroughput"))
	}
	index := func(g gjson.Result, gp string) model.TableIndex {
		name, _ := e.str(g.Get("IndexName"))
		idx := model.TableIndex{Name: name, Pos: d.Pos(g, gp)}
		idx.PartitionKey, idx.SortKey = keys(g.Get("KeySchema"), gp+".KeySchema")
		idx.Projection, _ = e.str(g.Get("Projection.ProjectionType"))
		idx.NonKeyAttributes, _ = e.list(g.Get("Projection.NonKeyAttributes"))
		if t.BillingMode == "PROVISIONED" {
			idx.ReadCapacity, idx.WriteCapacity = e.capacity(g.Get("ProvisionedThroughput"))
		}
		return idx
	}
	t.GSIs = nil
	for i, g := range props.Get("GlobalSecondaryIndexes").Array() {
		t.GSIs = append(t.GSIs, index(g, indexPath(pp+".GlobalSecondaryIndexes", i)))
	}
	for i, g := range props.Get("LocalSecondaryIndexes").Array() {
		t.LSIs = append(t.LSIs, index(g, indexPath(pp+".LocalSecondaryIndexes", i)))
	}
	if st := props.Get("StreamSpecification.StreamViewType"); st.Exists() {
		t.Stream, _ = e.str(st)
		t.StreamPos = d.Pos(st, pp+".StreamSpecification")
	} else {
		t.Stream = ""
	}
	if ttl := props.Get("TimeToLiveSpecification"); ttl.Exists() {
		en, _ := e.str(ttl.Get("Enabled"))
		if strings.EqualFold(en, "true") {
			t.TTLAttribute, _ = e.str(ttl.Get("AttributeName"))
			t.TTLPos = d.Pos(ttl, pp+".TimeToLiveSpecification")
		}
	}
	if sse := props.Get("SSESpecification.SSEEnabled"); sse.Exists() {
		s, _ := e.str(sse)
		t.SSE = strings.EqualFold(s, "true")
		t.SSEPos = d.Pos(sse, pp+".SSESpecification")
	}
	if pitr := props.Get("PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled"); pitr.Exists() {
		s, _ := e.str(pitr)
		t.PointInTimeRecovery = strings.EqualFold(s, "true")
	}
	if dp := props.Get("DeletionProtectionEnabled"); dp.Exists() {
		s, _ := e.str(dp)
		t.DeletionProtection = strings.EqualFold(s, "true")
	}
}

// capacity reads ProvisionedThroughput, which templates write as strings.
func (e *cfnEval) capacity(pt gjson.Result) (read, write int) {
	if s, ok := e.str(pt.Get("ReadCapacityUnits")); ok {
		read, _ = strconv.Atoi(strings.TrimSpace(s))
	}
	if s, ok := e.str(pt.Get("WriteCapacityUnits")); ok {
		write, _ = strconv.Atoi(strings.TrimSpace(s))
	}
	return read, write
}

// readTableTriggers reads the functions the table's triggerFunctions feeds
// from its stream, with the batch size and starting position of the event
// source mapping in the function's template when there is one. Mappings of
// functions the table does not list (older projects have no
// triggerFunctions) belong to the function conversion, which wires every
// other event source of a function's template.
func (r *reader) readTableTriggers(res *model.Resource, t *model.Table, names []string, pos model.Pos) {
	if len(names) == 0 {
		return
	}
	found := map[string]model.TableTrigger{}
	streamRef := "storage" + res.Name + "StreamArn"
	fnDir := r.rel("backend", "function")
	entries := r.listFiles(fnDir)
	for _, f := range entries {
		rel := strings.TrimPrefix(f, fnDir+"/")
		parts := strings.Split(rel, "/")
		if len(parts) != 2 || parts[1] != parts[0]+"-cloudformation-template.json" {
			continue
		}
		d := r.loadJSON(f, false, "")
		if d == nil {
			continue
		}
		fn := parts[0]
		d.root.Get("Resources").ForEach(func(k, v gjson.Result) bool {
			if v.Get("Type").String() != "AWS::Lambda::EventSourceMapping" {
				return true
			}
			p := v.Get("Properties")
			if p.Get("EventSourceArn.Ref").String() != streamRef {
				return true
			}
			tr := model.TableTrigger{Function: fn, BatchSize: 100, StartingPosition: "LATEST", Enabled: true,
				Pos: d.Pos(v, joinPath("Resources", k.String()))}
			if n, ok := asInt(p.Get("BatchSize")); ok {
				tr.BatchSize = n
			}
			if s := p.Get("StartingPosition").String(); s != "" {
				tr.StartingPosition = s
			}
			if en, ok := asBool(p.Get("Enabled")); ok {
				tr.Enabled = en
			}
			found[fn] = tr
			return true
		})
	}
	seen := map[string]bool{}
	for _, n := range names {
		if seen[n] {
			continue
		}
		seen[n] = true
		tr, ok := found[n]
		if !ok {
			tr = model.TableTrigger{Function: n, BatchSize: 100, StartingPosition: "LATEST", Enabled: true, Pos: pos}
		} else {
			tr.Pos = pos
		}
		t.Triggers = append(t.Triggers, tr)
	}
	if len(t.Triggers) > 0 && t.Stream == "" {
		r.warnf(t.Triggers[0].Pos, "a stream trigger needs the table's stream; it is turned on (NEW_IMAGE) in Gen 2",
			"table %s feeds function %s but has no stream", res.Name, t.Triggers[0].Function)
		t.Stream = "NEW_IMAGE"
	}
}
