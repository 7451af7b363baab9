package writers

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

// writeStorage converts the storage category: S3 buckets to defineStorage
// (amplify/storage/resource.ts) with their access rules and triggers,
// imported buckets to references, and DynamoDB tables to CDK tables in
// backend.ts.
func (g *gen) writeStorage() error {
	var buckets, imported []*model.Resource
	for _, r := range g.p.ByService(model.CategoryStorage, "S3") {
		switch {
		case r.Bucket == nil:
		case !r.Imported && r.Bucket.Source == "":
			g.unreadable(r, "storage.unreadable")
		case r.Imported:
			imported = append(imported, r)
		default:
			buckets = append(buckets, r)
		}
	}
	names := g.storageNames()
	if len(buckets) > 0 {
		g.writeBuckets(buckets, names)
	}
	for _, r := range imported {
		g.writeImportedBucket(r, names, len(buckets) > 0)
	}
	var tables []*model.Resource
	for _, r := range g.p.ByService(model.CategoryStorage, "DynamoDB") {
		switch {
		case r.Table == nil:
		case !r.Imported && (r.Table.Source == "" || r.Table.PartitionKey.Name == ""):
			g.unreadable(r, "storage.unreadable")
		default:
			tables = append(tables, r)
		}
	}
	if len(tables) > 0 {
		g.writeTables(tables, names)
	}
	return nil
}

// unreadable reports a resource whose settings could not be read; the
// reader's diagnostics say why.
func (g *gen) unreadable(r *model.Resource, code string) {
	g.markHandled(r)
	g.finding(r, model.Finding{Code: code, Level: model.Manual,
		Reason: "its settings could not be read or are incomplete (see the problems in the input)", Action: "fix the Gen 1 files and convert again"})
	g.backend.Add(OrderUnhandled, "", func(p *ts.Printer) {
		p.Todo(code, fmt.Sprintf("%s/%s was not converted because its settings in %s could not be read; fix them and convert again.", r.Category, r.Name, r.Dir))
	})
}

// bucketPlan is one defineStorage bucket.
type bucketPlan struct {
	r      *model.Resource
	key    string
	export string
	access *bucketAccess
	grants []model.S3Grant
}

// userPoolGroups are the groups the auth conversion defines.
func (g *gen) userPoolGroups() map[string]bool {
	out := map[string]bool{}
	for _, r := range g.p.ByService(model.CategoryAuth, "Cognito-UserPool-Groups") {
		if r.UserPoolGroups == nil {
			continue
		}
		for _, grp := range r.UserPoolGroups.Groups {
			out[grp.Name] = true
		}
	}
	return out
}

// convertedFunction returns a function's symbol when the function writer
// passed it to defineBackend.
func (g *gen) convertedFunction(name string) *functionSymbol {
	fs := g.functions[name]
	if fs == nil || !g.backend.HasResource(fs.Ident) {
		return nil
	}
	return fs
}

// outsideStorageStack reports grantees whose access is written as an IAM
// policy in their own stack instead of an access rule: converted functions
// that are not in the storage stack (resourceGroupName 'storage'). An
// access rule attaches a policy from the storage stack to the function's
// role, and the function's environment refers to the bucket: the two
// stacks would depend on each other.
func (g *gen) outsideStorageStack(who model.S3Grantee) bool {
	if who.Kind != model.S3Function {
		return false
	}
	fs := g.convertedFunction(who.Name)
	return fs != nil && fs.Group != "storage"
}

// functionS3Grants are what function-parameters.json gave each function on
// the bucket (the CLI's s3 getIAMPolicies): listing when it reads, and the
// object actions on every key.
func (g *gen) functionS3Grants(bucket string) []model.S3Grant {
	var out []model.S3Grant
	for _, r := range g.p.ByService(model.CategoryFunction, "Lambda") {
		if r.Function == nil {
			continue
		}
		ops := r.Function.Permissions[model.CategoryStorage][bucket]
		if len(ops) == 0 {
			continue
		}
		who := model.S3Grantee{Kind: model.S3Function, Name: r.Name}
		var acts []string
		list := false
		add := func(a string) {
			for _, x := range acts {
				if x == a {
					return
				}
			}
			acts = append(acts, a)
		}
		for _, op := range ops {
			switch op {
			case "create", "update":
				add("s3:PutObject")
			case "read":
				add("s3:GetObject")
				list = true
			case "delete":
				add("s3:DeleteObject")
			}
		}
		pos := r.Pos
		if r.Function.Template != "" {
			pos = model.Pos{File: r.Function.Template, Path: "Resources.AmplifyResourcesPolicy"}
		}
		if list {
			out = append(out, model.S3Grant{Grantee: who, Actions: []string{"s3:ListBucket"}, Pos: pos})
		}
		if len(acts) > 0 {
			out = append(out, model.S3Grant{Grantee: who, Actions: acts, Key: "*", Pos: pos})
		}
	}
	return out
}

func (g *gen) writeBuckets(buckets []*model.Resource, names *storageNames) {
	g.note(30, "Storage", "The frontend finds the buckets in amplify_outputs.json (`Amplify.configure(outputs)`). Keys keep their Gen 1 layout: `uploadData({ path: ({ identityId }) => \"protected/\" + identityId + \"/photo.jpg\" })` in aws-amplify v6, or the deprecated `key` with `accessLevel: 'guest' | 'protected' | 'private'`, reach the same `public/`, `protected/{identityId}/` and `private/{identityId}/` objects.\n")
	var plans []*bucketPlan
	for _, r := range buckets {
		grants := append(append([]model.S3Grant(nil), r.Bucket.Grants...), g.functionS3Grants(r.Name)...)
		plans = append(plans, &bucketPlan{r: r, key: names.bucketKey[r.Name], export: names.bucketExport[r.Name],
			access: planBucketAccess(grants, g.outsideStorageStack), grants: grants})
	}
	p := ts.New()
	var imports ts.Imports
	imports.Add("@aws-amplify/backend", "defineStorage")
	var body []func(p *ts.Printer)
	for _, bp := range plans {
		bp := bp
		obj := g.bucketProps(bp, len(plans) > 1, &imports)
		body = append(body, func(p *ts.Printer) {
			p.Value("export const "+bp.export+" = defineStorage(", obj, ");")
		})
		g.backend.Resource(OrderStorage, bp.key, bp.export, "./storage/resource")
		g.markHandled(bp.r)
	}
	imports.Print(p)
	for _, b := range body {
		p.Blank()
		b(p)
	}
	g.addTS(resourceDir("storage", "resource.ts"), p)
	for _, bp := range plans {
		g.bucketBackend(bp, names)
	}
}

// bucketProps builds the defineStorage props of a bucket and records the
// findings of its settings.
func (g *gen) bucketProps(bp *bucketPlan, several bool, imports *ts.Imports) ts.Obj {
	r, b := bp.r, bp.r.Bucket
	obj := ts.Obj{}
	obj.Set("name", ts.Str(gen2StorageName(r.Name)))
	g.finding(r, model.Finding{Code: "storage.bucket", Level: model.Auto,
		Reason: "the S3 bucket becomes defineStorage in amplify/storage/resource.ts",
		Action: "Gen 2 creates a new bucket; copy the objects over (see MIGRATION.md, Storage)"})
	if several {
		if bp.key == "storage" {
			obj.Set("isDefault", ts.Bool(true))
		}
		g.finding(r, model.Finding{Code: "storage.default-bucket", Level: model.Auto, Subject: "isDefault",
			Reason: fmt.Sprintf("the project has several buckets; %s is the default one (backend.%s)", g.storageNames().defaultBkt, "storage"),
			Action: "make another bucket the default (isDefault) if the frontend used it without naming it"})
	}
	gen1Name := b.PhysicalName
	if gen1Name == "" {
		gen1Name = b.PhysicalPattern
	}
	if b.BucketName != "" {
		reason := fmt.Sprintf("Gen 1 named the bucket after %q", b.BucketName)
		if gen1Name != "" {
			reason = fmt.Sprintf("Gen 1 bucket %s", gen1Name)
		}
		g.finding(r, model.Finding{Code: "storage.bucket-name", Level: model.Auto, Subject: "bucketName", Pos: b.BucketNamePos,
			Reason: reason + "; Gen 2 names its bucket itself",
			Action: "copy the objects to the new bucket, or keep the Gen 1 bucket by moving it with a CloudFormation stack refactor and setting cfnBucket.bucketName"})
	}
	if b.Versioned != nil {
		if *b.Versioned {
			obj.Set("versioned", ts.Bool(true))
		}
		g.finding(r, model.Finding{Code: "storage.versioning", Level: model.Auto, Subject: "VersioningConfiguration", Pos: b.VersionPos,
			Reason: fmt.Sprintf("object versioning %s, as in Gen 1", onOff(*b.Versioned))})
	}
	if b.Retain {
		obj.Set("keepOnDelete", ts.Bool(true))
		g.finding(r, model.Finding{Code: "storage.retain", Level: model.Auto, Subject: "DeletionPolicy",
			Reason: "Gen 1 kept the bucket when its stack was deleted; keepOnDelete does the same (except in sandboxes)"})
	}
	// Settings the findings above and the access, trigger and template
	// findings below cover; the rest is CLI bookkeeping.
	g.settingsFindings(r, "storage.setting", b.Settings, b.Positions, "bucketName", "storageAccess", "guestAccess", "authAccess",
		"groupAccess", "triggerFunction", "adminTriggerFunction", "additionalTriggerFunctions",
		"selectedGuestPermissions", "selectedAuthenticatedPermissions", "s3PermissionsAuthenticatedPublic",
		"s3PermissionsAuthenticatedProtected", "s3PermissionsAuthenticatedPrivate", "s3PermissionsAuthenticatedUploads",
		"s3PermissionsGuestPublic", "s3PermissionsGuestUploads", "AuthenticatedAllowList", "GuestAllowList")
	if b.StorageAccess != "" {
		g.finding(r, model.Finding{Code: "storage.access-mode", Level: model.Auto, Subject: "storageAccess", Pos: b.StorageAccessPos,
			Reason: fmt.Sprintf("%s: the guest and signed-in grants below follow what Gen 1 deployed", b.StorageAccess)})
	}

	// Access rules.
	authOK := g.backend.HasResource("auth")
	groups := g.userPoolGroups()
	fileDir := resourceDir("storage")
	var entries ts.Obj
	missing := map[model.S3Grantee]string{}
	for _, sp := range bp.access.paths {
		var rules ts.Arr
		var todos []string
		for _, rule := range sp.rules {
			acts := gen2Actions(rule.actions)
			if len(acts) == 0 {
				continue
			}
			to := ".to(" + ts.Render(ts.Strs(acts...)) + ")"
			switch rule.actor.kind {
			case actorGuest, actorAuthenticated, actorEntity, actorGroup:
				who := granteeOfActor(rule.actor)
				if !authOK {
					missing[who] = "the project has no converted auth (defineAuth), which Gen 2 storage access needs"
					todos = append(todos, actorExpr(rule.actor, "")+to)
					continue
				}
				if rule.actor.kind == actorGroup && !groups[rule.actor.name] {
					missing[who] = fmt.Sprintf("the user pool has no group %q in Gen 2", rule.actor.name)
					todos = append(todos, actorExpr(rule.actor, "")+to)
					continue
				}
				rules = append(rules, ts.Expr(actorExpr(rule.actor, "")+to))
			case actorFunction:
				fs := g.convertedFunction(rule.actor.name)
				if fs == nil {
					missing[granteeOfActor(rule.actor)] = fmt.Sprintf("function %s was not converted", rule.actor.name)
					todos = append(todos, "allow.resource("+ts.Ident(rule.actor.name)+")"+to)
					continue
				}
				imports.Add(relModule(fileDir, fs.Module), fs.Ident)
				rules = append(rules, ts.Expr(actorExpr(rule.actor, fs.Ident)+to))
			}
		}
		e := ts.Entry{Key: sp.path, Value: rules}
		if len(todos) > 0 {
			e.TodoCode = "storage.access"
			e.Todo = "Gen 1 also granted " + strings.Join(todos, ", ") + " on " + ts.Quote(sp.path) + ", which needs what MIGRATION.md lists for these grants (storage.access) before it can be written."
		}
		if len(rules) == 0 {
			e.Value = nil
			if e.Todo == "" {
				continue
			}
		}
		entries.Add(e)
	}
	if len(entries) > 0 {
		obj.Set("access", ts.Arrow{Params: "allow", Body: entries})
	}
	g.accessFindings(bp, missing)

	// Triggers: one function per event through defineStorage, the rest
	// (filters, other events, more functions) with CDK in backend.ts.
	trig := ts.Obj{}
	for _, t := range b.Triggers {
		if t.Prefix != "" || t.Suffix != "" {
			continue
		}
		fs := g.convertedFunction(t.Function)
		for _, ev := range t.Events {
			key := map[string]string{"s3:ObjectCreated:*": "onUpload", "s3:ObjectRemoved:*": "onDelete"}[ev]
			if key == "" || fs == nil || objHas(trig, key) {
				continue
			}
			imports.Add(relModule(fileDir, fs.Module), fs.Ident)
			trig.Set(key, ts.Expr(fs.Ident))
		}
	}
	if len(trig) > 0 {
		obj.Set("triggers", trig)
	}
	return obj
}

// gen2StorageName is the defineStorage name: the Gen 1 resource name when
// Gen 2 accepts it (a letter, then letters, digits, '-', '_' or spaces).
func gen2StorageName(name string) string {
	ok := name != ""
	for i, c := range name {
		letter := (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
		ok = ok && (letter || (i > 0 && ((c >= '0' && c <= '9') || c == '-' || c == '_' || c == ' ')))
	}
	if ok {
		return name
	}
	id := strings.TrimLeft(strings.ReplaceAll(ts.Ident(name), "$", ""), "_0123456789")
	if id == "" {
		return "storage"
	}
	return id
}

// bucketBackend writes the bucket's CDK in backend.ts: IAM statements kept
// from Gen 1, trigger notifications defineStorage cannot express, bucket
// properties, the override and template items that need a person.
func (g *gen) bucketBackend(bp *bucketPlan, names *storageNames) {
	r, b := bp.r, bp.r.Bucket
	bucket := "backend." + bp.key + ".resources.bucket"
	cfn := "backend." + bp.key + ".resources.cfnResources.cfnBucket"
	var sections []func(p *ts.Printer)

	// IAM statements Gen 2's rules cannot express, kept as Gen 1 had them.
	if len(bp.access.keptOrder) > 0 {
		g.backend.Imports.Add("aws-cdk-lib", "Stack")
		g.backend.Imports.Add("aws-cdk-lib/aws-iam", "Policy", "PolicyStatement")
		storageStack := ts.Ident(bp.r.Name) + "Stack"
		sections = append(sections, func(p *ts.Printer) {
			p.Linef("const %s = Stack.of(%s);", storageStack, bucket)
			p.Comment("Gen 1 granted these roles the whole bucket (or keys Gen 2 access rules cannot name). The rules in storage/resource.ts cover the Amplify prefixes; these policies keep every other key as Gen 1 had it.")
			for _, who := range bp.access.keptOrder {
				role, ok := g.roleExpr(who)
				id := ts.Ident(bp.r.Name) + "Gen1" + policyIDPart(who)
				stmts := ts.Arr{}
				for _, st := range bp.access.kept[who] {
					stmts = append(stmts, s3StatementValue(bucket, st))
				}
				props := ts.Obj{}
				if ok {
					props.Set("roles", ts.Arr{ts.Expr(role)})
				} else {
					p.Todo("storage.access", fmt.Sprintf("attach this policy to the role of %s (%s), which has no Gen 2 equivalent here.", granteeText(who), role))
				}
				props.Set("statements", stmts)
				scope := ts.Expr(storageStack)
				if g.outsideStorageStack(who) {
					// In the function's own stack, so that only the function's
					// stack refers to the storage stack.
					scope = ts.Expr("Stack.of(backend." + g.functions[who.Name].Ident + ".resources.lambda)")
				}
				p.Value("", ts.Call{Fn: "new Policy", HugLast: true, Args: []ts.Value{scope, ts.Str(id), props}}, ";")
			}
		})
	}

	// Notifications defineStorage cannot express.
	var extra []model.S3Trigger
	used := map[string]bool{}
	for _, t := range b.Triggers {
		if t.Prefix == "" && t.Suffix == "" {
			var rest []string
			for _, ev := range t.Events {
				key := map[string]string{"s3:ObjectCreated:*": "onUpload", "s3:ObjectRemoved:*": "onDelete"}[ev]
				if key != "" && !used[key] && g.convertedFunction(t.Function) != nil {
					used[key] = true
					continue
				}
				rest = append(rest, ev)
			}
			if len(rest) == 0 {
				g.finding(r, model.Finding{Code: "storage.trigger", Level: model.Auto, Subject: "trigger " + t.Function, Pos: t.Pos,
					Reason: fmt.Sprintf("%s runs on %s; it becomes a defineStorage trigger", t.Function, strings.Join(t.Events, " and "))})
				continue
			}
			t.Events = rest
		}
		extra = append(extra, t)
	}
	if len(extra) > 0 {
		type notification struct {
			t    model.S3Trigger
			fn   *functionSymbol
			args [][]ts.Value
		}
		var ns []notification
		for _, t := range extra {
			fs := g.convertedFunction(t.Function)
			n := notification{t: t, fn: fs}
			if fs == nil {
				g.finding(r, model.Finding{Code: "storage.trigger", Level: model.Manual, Subject: "trigger " + t.Function, Pos: t.Pos,
					Reason: fmt.Sprintf("function %s was not converted", t.Function), Action: "add the notification in backend.ts once the function exists (see the TODO)"})
				ns = append(ns, n)
				continue
			}
			g.backend.Imports.Add("aws-cdk-lib/aws-s3", "EventType")
			g.backend.Imports.Add("aws-cdk-lib/aws-s3-notifications", "LambdaDestination")
			filter := ts.Obj{}
			if t.Prefix != "" {
				if t.PrefixAddsRegion {
					g.backend.Imports.Add("aws-cdk-lib", "Stack")
					filter.Set("prefix", ts.Expr("`"+ts.Template(t.Prefix)+"${Stack.of("+bucket+").region}`"))
				} else {
					filter.Set("prefix", ts.Str(t.Prefix))
				}
			}
			if t.Suffix != "" {
				filter.Set("suffix", ts.Str(t.Suffix))
			}
			for _, ev := range t.Events {
				args := []ts.Value{ts.Expr(s3EventType(ev)), ts.Expr("new LambdaDestination(backend." + fs.Ident + ".resources.lambda)")}
				if len(filter) > 0 {
					args = append(args, filter)
				}
				n.args = append(n.args, args)
			}
			g.finding(r, model.Finding{Code: "storage.trigger", Level: model.CDK, Subject: "trigger " + t.Function, Pos: t.Pos,
				Reason: fmt.Sprintf("%s runs on %s%s; written as a CDK bucket notification", t.Function, strings.Join(t.Events, ", "), filterText(t))})
			ns = append(ns, n)
		}
		sections = append(sections, func(p *ts.Printer) {
			p.Comment("Gen 1 bucket notifications that defineStorage triggers cannot express (key filters, more than one function per event).")
			for _, n := range ns {
				if n.fn == nil {
					p.Todo("storage.trigger", fmt.Sprintf("Gen 1 ran function %s on %s; it was not converted: add the notification once it exists.", n.t.Function, strings.Join(n.t.Events, ", ")))
					continue
				}
				for _, args := range n.args {
					p.Value(bucket+".", ts.Call{Fn: "addEventNotification", HugLast: true, Args: args}, ";")
				}
			}
		})
	}

	// Bucket properties.
	if len(b.CORS) > 0 {
		if corsIsGen2Default(b.CORS) {
			g.finding(r, model.Finding{Code: "storage.cors", Level: model.Auto, Subject: "CorsConfiguration", Pos: b.CORSPos,
				Reason: "Gen 1 CORS rule is the one Gen 2 sets"})
		} else {
			sections = append(sections, func(p *ts.Printer) {
				p.Comment("Gen 1 CORS rules (Gen 2 sets one rule for GET, HEAD, PUT, POST, DELETE from any origin).")
				p.Value(cfn+".corsConfiguration = ", ts.Obj{{Key: "corsRules", Value: corsValue(b.CORS)}}, ";")
			})
			g.finding(r, model.Finding{Code: "storage.cors", Level: model.CDK, Subject: "CorsConfiguration", Pos: b.CORSPos,
				Reason: "Gen 1 CORS rules differ from the Gen 2 default; set on cfnBucket in backend.ts"})
		}
	}
	if b.Encryption != "" {
		if b.Encryption == "AES256" && b.EncryptionKMS == "" {
			g.finding(r, model.Finding{Code: "storage.encryption", Level: model.Auto, Subject: "BucketEncryption", Pos: b.EncryptionPos,
				Reason: "SSE-S3 (AES256) is what S3 applies to new buckets by default"})
		} else {
			enc := ts.Obj{{Key: "sseAlgorithm", Value: ts.Str(b.Encryption)}}
			if b.EncryptionKMS != "" {
				enc.Set("kmsMasterKeyId", ts.Str(b.EncryptionKMS))
			}
			sections = append(sections, func(p *ts.Printer) {
				p.Comment("Gen 1 bucket encryption.")
				p.Value(cfn+".bucketEncryption = ", ts.Obj{{Key: "serverSideEncryptionConfiguration",
					Value: ts.Arr{ts.Obj{{Key: "serverSideEncryptionByDefault", Value: enc}}}}}, ";")
			})
			g.finding(r, model.Finding{Code: "storage.encryption", Level: model.CDK, Subject: "BucketEncryption", Pos: b.EncryptionPos,
				Reason: fmt.Sprintf("%s encryption set on cfnBucket in backend.ts", b.Encryption)})
		}
	}
	var overrides, manual []model.TemplateItem
	for _, it := range b.Unrecognized {
		if it.Type == "AWS::S3::Bucket" && it.Property != "" && !strings.Contains(it.Property, " ") && isLiteralJSON(it.Raw) {
			overrides = append(overrides, it)
		} else {
			manual = append(manual, it)
		}
	}
	for _, it := range overrides {
		g.finding(r, model.Finding{Code: "storage.template-property", Level: model.CDK, Subject: it.Property, Pos: it.Pos,
			Reason: "bucket property set in the Gen 1 template; copied with addPropertyOverride"})
	}
	if len(overrides) > 0 {
		sections = append(sections, func(p *ts.Printer) {
			p.Comment("Gen 1 bucket properties from the S3 template, as written there.")
			for _, it := range overrides {
				p.Value(cfn+".addPropertyOverride("+ts.Quote(it.Property)+", ", templateJSONValue(it.Raw), ");")
			}
		})
	}
	for _, it := range manual {
		g.finding(r, model.Finding{Code: "storage.template", Level: model.Manual, Subject: templateItemText(it), Pos: it.Pos,
			Reason: "template item with no automatic conversion", Action: "port it by hand in amplify/backend.ts (see the TODO)"})
	}
	if len(manual) > 0 {
		sections = append(sections, func(p *ts.Printer) {
			for _, it := range manual {
				p.Todo("storage.template", fmt.Sprintf("the Gen 1 S3 template has %s at %s, which was not converted: add its Gen 2 equivalent here.", templateItemText(it), it.Pos))
			}
		})
	}
	if len(sections) > 0 {
		g.backend.Add(OrderStorage, "Storage: "+r.Name, func(p *ts.Printer) {
			for i, s := range sections {
				if i > 0 {
					p.Blank()
				}
				s(p)
			}
		})
	}
	g.storageNote(r, bp)
}

func templateItemText(it model.TemplateItem) string {
	what := it.LogicalID + " (" + it.Type + ")"
	if it.Property != "" {
		what += " " + it.Property
	}
	return what
}

// accessFindings reports, per grantee, what Gen 1 granted and how it
// reaches Gen 2.
func (g *gen) accessFindings(bp *bucketPlan, missing map[model.S3Grantee]string) {
	var order []model.S3Grantee
	byWho := map[model.S3Grantee][]model.S3Grant{}
	for _, gr := range bp.grants {
		if _, ok := byWho[gr.Grantee]; !ok {
			order = append(order, gr.Grantee)
		}
		byWho[gr.Grantee] = append(byWho[gr.Grantee], gr)
	}
	for _, who := range order {
		grants := byWho[who]
		var parts []string
		for _, gr := range grants {
			target := gr.Key
			if target == "" {
				target = "the bucket"
				if len(gr.Prefixes) > 0 {
					target += " (prefixes " + strings.Join(gr.Prefixes, ", ") + ")"
				}
			}
			parts = append(parts, strings.Join(gr.Actions, ", ")+" on "+target)
		}
		f := model.Finding{Code: "storage.access", Subject: "access: " + granteeText(who), Pos: grants[0].Pos,
			Reason: "Gen 1 granted " + strings.Join(parts, "; ")}
		switch {
		case missing[who] != "":
			f.Level = model.Manual
			f.Reason += "; " + missing[who]
			f.Action = "grant it by hand (see the TODO in amplify/storage/resource.ts)"
		case g.outsideStorageStack(who):
			f.Level = model.CDK
			f.Action = "a policy in the function's stack in backend.ts (an access rule would make the function and storage stacks depend on each other; put the function in resourceGroupName 'storage' to use access rules)"
		case len(bp.access.kept[who]) > 0:
			f.Level = model.CDK
			f.Action = "access rules in storage/resource.ts, and the statements Gen 2 rules cannot express kept by a policy in backend.ts"
		default:
			f.Level = model.Auto
			f.Action = "access rules in storage/resource.ts"
		}
		g.finding(bp.r, f)
	}
}

// storageNote adds the bucket's MIGRATION.md notes: moving the objects, and
// the frontend.
func (g *gen) storageNote(r *model.Resource, bp *bucketPlan) {
	b := r.Bucket
	old := b.PhysicalName
	if old == "" {
		old = b.PhysicalPattern
	}
	if old == "" {
		old = "<the Gen 1 bucket, amplify-meta.json output BucketName>"
	}
	g.note(30, "Storage", fmt.Sprintf("- **%s**: Gen 2 creates a new bucket (`%s.resources.bucket`). Copy the objects once the Gen 2 backend is deployed: `aws s3 sync s3://%s s3://<Gen 2 bucket_name from amplify_outputs.json>`. The `public/`, `protected/{identityId}/` and `private/{identityId}/` keys keep working, but identity ids change if the identity pool is new: objects under `protected/` and `private/` belong to the Gen 1 identity ids until users' folders are moved.",
		r.Name, "backend."+bp.key, old))
}

// writeImportedBucket references a bucket Gen 1 imported.
func (g *gen) writeImportedBucket(r *model.Resource, names *storageNames, haveStorage bool) {
	g.markHandled(r)
	b := r.Bucket
	ident := names.importedBucket[r.Name]
	g.backend.Imports.Add("aws-cdk-lib/aws-s3", "Bucket")
	stack := ident + "Stack"
	region := ts.Expr("Stack.of(" + stack + ").region")
	if b.Region != "" {
		region = ts.Str(b.Region)
	} else if !haveStorage {
		g.backend.Imports.Add("aws-cdk-lib", "Stack")
	}
	g.backend.Add(OrderStorage, "Storage: "+r.Name+" (imported in Gen 1)", func(p *ts.Printer) {
		p.Linef("const %s = backend.createStack(%s);", stack, ts.Quote(r.Name))
		name := ts.Str(b.PhysicalName)
		if b.PhysicalName == "" {
			p.Todo("storage.imported", fmt.Sprintf("set the name of the bucket Gen 1 imported as %s (team-provider-info.json categories.storage.%s.bucketName).", r.Name, r.Name))
			name = ts.Str("SET-GEN1-BUCKET-NAME")
		}
		p.Value("const "+ident+" = ", ts.Call{Fn: "Bucket.fromBucketName", Args: []ts.Value{ts.Expr(stack), ts.Str(r.Name), name}}, ";")
		if !haveStorage {
			p.Value("backend.addOutput(", ts.Obj{{Key: "storage", Value: ts.Obj{
				{Key: "aws_region", Value: region},
				{Key: "bucket_name", Value: ts.Expr(ident + ".bucketName")},
			}}}, ");")
		} else {
			p.Todo("storage.imported", fmt.Sprintf("the frontend finds the default bucket in amplify_outputs.json; pass %s.bucketName to the code that used the imported bucket %s.", ident, r.Name))
		}
	})
	level := model.CDK
	reason := fmt.Sprintf("Gen 1 imported bucket %s; Gen 2 refers to it with Bucket.fromBucketName and adds it to amplify_outputs.json", b.PhysicalName)
	action := "grant the roles that used it access as before (Gen 1 did not manage its policies)"
	if b.PhysicalName == "" {
		level = model.Manual
		reason = "Gen 1 imported a bucket whose name is only in team-provider-info.json, which is missing"
		action = "set the bucket name in amplify/backend.ts (see the TODO)"
	}
	g.finding(r, model.Finding{Code: "storage.imported", Level: level, Reason: reason, Action: action})
	g.settingsFindings(r, "storage.setting", b.Settings, b.Positions)
	// Functions keep the access Gen 1 gave them.
	grants := g.functionS3Grants(r.Name)
	if len(grants) > 0 {
		acc := planBucketAccess(grants, nil)
		g.backend.Imports.Add("aws-cdk-lib/aws-iam", "Policy", "PolicyStatement")
		g.backend.Add(OrderStorage, "", func(p *ts.Printer) {
			for _, who := range acc.keptOrder {
				role, ok := g.roleExpr(who)
				if !ok {
					p.Todo("storage.access", fmt.Sprintf("grant %s access to %s as Gen 1 did: %s was not converted.", granteeText(who), r.Name, who.Name))
					continue
				}
				stmts := ts.Arr{}
				for _, st := range acc.kept[who] {
					stmts = append(stmts, s3StatementValue(ident, st))
				}
				p.Value("", ts.Call{Fn: "new Policy", HugLast: true, Args: []ts.Value{ts.Expr(ident + "Stack"), ts.Str(ts.Ident(r.Name) + "Gen1" + policyIDPart(who)),
					ts.Obj{{Key: "roles", Value: ts.Arr{ts.Expr(role)}}, {Key: "statements", Value: stmts}}}}, ";")
			}
		})
		for _, who := range acc.keptOrder {
			g.finding(r, model.Finding{Code: "storage.access", Level: model.CDK, Subject: "access: " + granteeText(who),
				Reason: "Gen 1 function permissions on the imported bucket", Action: "kept by a policy in backend.ts"})
		}
	}
}

// roleExpr is the Gen 2 role of a grantee; ok is false when the role does
// not exist in the Gen 2 backend.
func (g *gen) roleExpr(who model.S3Grantee) (string, bool) {
	switch who.Kind {
	case model.S3Authenticated:
		return "backend.auth.resources.authenticatedUserIamRole", g.backend.HasResource("auth")
	case model.S3Guest:
		return "backend.auth.resources.unauthenticatedUserIamRole", g.backend.HasResource("auth")
	case model.S3Group:
		return "backend.auth.resources.groups[" + ts.Quote(who.Name) + "].role", g.backend.HasResource("auth") && g.userPoolGroups()[who.Name]
	case model.S3Function:
		fs := g.convertedFunction(who.Name)
		if fs == nil {
			return "function " + who.Name, false
		}
		return "backend." + fs.Ident + ".resources.lambda.role!", true
	}
	return "", false
}

func granteeOfActor(a s3Actor) model.S3Grantee {
	switch a.kind {
	case actorGuest:
		return model.S3Grantee{Kind: model.S3Guest}
	case actorGroup:
		return model.S3Grantee{Kind: model.S3Group, Name: a.name}
	case actorFunction:
		return model.S3Grantee{Kind: model.S3Function, Name: a.name}
	}
	return model.S3Grantee{Kind: model.S3Authenticated}
}

func actorExpr(a s3Actor, fnIdent string) string {
	switch a.kind {
	case actorGuest:
		return "allow.guest"
	case actorAuthenticated:
		return "allow.authenticated"
	case actorEntity:
		return "allow.entity('identity')"
	case actorGroup:
		return "allow.groups([" + ts.Quote(a.name) + "])"
	}
	return "allow.resource(" + fnIdent + ")"
}

func granteeText(who model.S3Grantee) string {
	switch who.Kind {
	case model.S3Authenticated:
		return "signed-in users"
	case model.S3Guest:
		return "guests"
	case model.S3Group:
		return "group " + who.Name
	}
	return "function " + who.Name
}

func policyIDPart(who model.S3Grantee) string {
	switch who.Kind {
	case model.S3Authenticated:
		return "AuthenticatedAccess"
	case model.S3Guest:
		return "GuestAccess"
	case model.S3Group:
		return pascal(who.Name) + "GroupAccess"
	}
	return pascal(who.Name) + "FunctionAccess"
}

// s3StatementValue is `new PolicyStatement({...})` for a kept statement.
func s3StatementValue(bucket string, st s3Statement) ts.Value {
	props := ts.Obj{{Key: "actions", Value: ts.Strs(st.actions...)}}
	if st.key == "" {
		props.Set("resources", ts.Arr{ts.Expr(bucket + ".bucketArn")})
	} else {
		props.Set("resources", ts.Arr{ts.Expr(bucket + ".arnForObjects(" + ts.Quote(st.key) + ")")})
	}
	if len(st.prefixes) > 0 {
		props.Set("conditions", ts.Obj{{Key: "StringLike", Value: ts.Obj{{Key: "s3:prefix", Value: ts.Strs(st.prefixes...)}}}})
	}
	return ts.Call{Fn: "new PolicyStatement", Args: []ts.Value{props}}
}

func s3EventType(ev string) string {
	switch ev {
	case "s3:ObjectCreated:*":
		return "EventType.OBJECT_CREATED"
	case "s3:ObjectRemoved:*":
		return "EventType.OBJECT_REMOVED"
	case "s3:ObjectCreated:Put":
		return "EventType.OBJECT_CREATED_PUT"
	case "s3:ObjectCreated:Post":
		return "EventType.OBJECT_CREATED_POST"
	case "s3:ObjectCreated:Copy":
		return "EventType.OBJECT_CREATED_COPY"
	case "s3:ObjectCreated:CompleteMultipartUpload":
		return "EventType.OBJECT_CREATED_COMPLETE_MULTIPART_UPLOAD"
	case "s3:ObjectRemoved:Delete":
		return "EventType.OBJECT_REMOVED_DELETE"
	case "s3:ObjectRemoved:DeleteMarkerCreated":
		return "EventType.OBJECT_REMOVED_DELETE_MARKER_CREATED"
	}
	// EventType is a string enum; other S3 events are passed as written.
	return ts.Quote(ev) + " as EventType"
}

func filterText(t model.S3Trigger) string {
	var parts []string
	if t.Prefix != "" {
		p := t.Prefix
		if t.PrefixAddsRegion {
			p += "<region>"
		}
		parts = append(parts, "keys starting with "+p)
	}
	if t.Suffix != "" {
		parts = append(parts, "keys ending with "+t.Suffix)
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// corsIsGen2Default reports whether the rules are the one defineStorage sets.
func corsIsGen2Default(rules []model.S3CORSRule) bool {
	if len(rules) != 1 {
		return false
	}
	c := rules[0]
	eq := func(a, b []string) bool {
		a, b = append([]string(nil), a...), append([]string(nil), b...)
		sort.Strings(a)
		sort.Strings(b)
		return strings.Join(a, ",") == strings.Join(b, ",")
	}
	return eq(c.AllowedHeaders, []string{"*"}) && eq(c.AllowedOrigins, []string{"*"}) &&
		eq(c.AllowedMethods, []string{"GET", "HEAD", "PUT", "POST", "DELETE"}) &&
		eq(c.ExposedHeaders, []string{"x-amz-server-side-encryption", "x-amz-request-id", "x-amz-id-2", "ETag"}) &&
		c.MaxAge == 3000
}

func corsValue(rules []model.S3CORSRule) ts.Arr {
	var out ts.Arr
	for _, c := range rules {
		o := ts.Obj{}
		if c.ID != "" {
			o.Set("id", ts.Str(c.ID))
		}
		o.Set("allowedHeaders", ts.Strs(c.AllowedHeaders...))
		o.Set("allowedMethods", ts.Strs(c.AllowedMethods...))
		o.Set("allowedOrigins", ts.Strs(c.AllowedOrigins...))
		if len(c.ExposedHeaders) > 0 {
			o.Set("exposedHeaders", ts.Strs(c.ExposedHeaders...))
		}
		if c.MaxAge > 0 {
			o.Set("maxAge", ts.Num(c.MaxAge))
		}
		out = append(out, o)
	}
	return out
}

func objHas(o ts.Obj, key string) bool {
	for _, e := range o {
		if e.Key == key {
			return true
		}
	}
	return false
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// relModule turns a module path relative to amplify/ ("./functions/x/resource")
// into one relative to dir (a path under amplify/).
func relModule(dir, module string) string {
	from := strings.TrimPrefix(strings.TrimPrefix(dir, "amplify"), "/")
	target := path.Clean(strings.TrimPrefix(module, "./"))
	up := ""
	if from != "" {
		up = strings.Repeat("../", strings.Count(from, "/")+1)
	}
	if up == "" {
		return "./" + target
	}
	return up + target
}
