package readers

import (
	"encoding/json"
	"path"
	"sort"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/amplify-migrate/amplify-migrate/model"
)

// otherEntryKeys are backend-config.json keys that describe how the CLI
// deploys a resource, not what it is; they are left out of Parameters.
var otherEntryKeys = map[string]bool{
	"service": true, "providerPlugin": true, "dependsOn": true, "output": true, "build": true,
	"lastPushTimeStamp": true, "lastPushDirHash": true, "providerMetadata": true,
}

// readOther records what is known about a resource without a model of its
// own category file: its settings (backend-config.json entry, then
// parameters.json and cli-inputs.json), its files, and for the services the
// conversion knows, a typed view. Nothing is dropped: the report lists it.
func (r *reader) readOther(res *model.Resource, bc *jsonDoc, jp string, entry gjson.Result) {
	o := &model.OtherResource{Parameters: map[string]string{}, Positions: map[string]model.Pos{}}
	res.Other = o
	// Settings kept in backend-config itself (geo maps, notification channels).
	entry.ForEach(func(k, v gjson.Result) bool {
		if key := k.String(); !otherEntryKeys[key] {
			o.Parameters[key] = asString(v)
			o.Positions[key] = bc.Pos(v, joinPath(jp, key))
		}
		return true
	})
	var docs = map[string]*jsonDoc{}
	if r.isDir(res.Dir) {
		o.Files = r.listFiles(res.Dir)
		for _, name := range []string{"parameters.json", "cli-inputs.json"} {
			rel := path.Join(res.Dir, name)
			if !r.exists(rel) {
				continue
			}
			d := r.loadJSON(rel, false, "")
			if d == nil {
				continue
			}
			if !d.root.IsObject() {
				r.warnf(d.FilePos(), "it should hold an object of settings; restore it from version control", "%s is not a JSON object and is ignored", name)
				continue
			}
			docs[name] = d
			d.root.ForEach(func(k, v gjson.Result) bool {
				o.Parameters[k.String()] = asString(v)
				o.Positions[k.String()] = d.Pos(v, joinPath("", k.String()))
				return true
			})
			// cli-inputs.json is the newer form and wins where both name a setting.
			o.ParametersFile = rel
		}
		for _, f := range o.Files {
			base := strings.ToLower(path.Base(f))
			if strings.Contains(base, "template") && (strings.HasSuffix(base, ".json") || strings.HasSuffix(base, ".yml") || strings.HasSuffix(base, ".yaml")) {
				o.Templates = append(o.Templates, f)
			}
		}
	}
	var tpl *jsonDoc
	if len(o.Templates) > 0 {
		o.Template = r.readCfnTemplate(o.Templates[0])
		if o.Template.Problem == "" && o.Template.Format == "json" {
			tpl = r.loadJSON(o.Templates[0], false, "")
		}
	}
	switch res.Category {
	case model.CategoryGeo:
		o.Geo = r.readGeo(res, o, docs["cli-inputs.json"], tpl)
	case model.CategoryAnalytics:
		o.Analytics = readAnalytics(res, o, tpl)
	case model.CategoryNotifications:
		o.Notifications = r.readNotifications(res, o, entry)
	case model.CategoryPredictions:
		o.Predictions = readPredictions(o, tpl)
	case model.CategoryInteractions:
		o.Interactions = r.readInteractions(res)
	case model.CategoryHosting:
		o.Hosting = &model.Hosting{Type: o.Parameters["type"], BucketName: o.Parameters["bucketName"]}
	case "video":
		o.Video = r.readVideo(res)
	}
}

// policy is an AWS::IAM::Policy of a Gen 1 template: which roles it is
// attached to ("auth", "unauth", "group:<Name>", or the reference as
// written) and the actions it allows.
type policy struct {
	logicalID string
	roles     []string
	actions   []string
}

// templatePolicies lists the IAM policies of a template, in file order.
func templatePolicies(tpl *jsonDoc) []policy {
	if tpl == nil {
		return nil
	}
	var out []policy
	tpl.root.Get("Resources").ForEach(func(k, v gjson.Result) bool {
		if v.Get("Type").String() != "AWS::IAM::Policy" {
			return true
		}
		p := policy{logicalID: k.String()}
		p.roles = policyRoles(v.Get("Properties.Roles"))
		v.Get("Properties.PolicyDocument.Statement").ForEach(func(_, st gjson.Result) bool {
			if st.Get("Effect").String() == "Deny" {
				return true
			}
			p.actions = append(p.actions, asStringList(st.Get("Action"))...)
			return true
		})
		out = append(out, p)
		return true
	})
	return out
}

// policyRoles classifies the Roles of a Gen 1 policy.
func policyRoles(v gjson.Result) []string {
	var out []string
	var walk func(v gjson.Result)
	walk = func(v gjson.Result) {
		switch {
		case v.IsArray():
			for _, it := range v.Array() {
				walk(it)
			}
		case v.Get("Ref").Exists():
			ref := v.Get("Ref").String()
			switch l := strings.ToLower(ref); {
			case strings.Contains(l, "unauthrole"):
				out = append(out, "unauth")
			case strings.Contains(l, "authrole"):
				out = append(out, "auth")
			default:
				out = append(out, ref)
			}
		case v.Get("Fn\\:\\:If").Exists():
			args := v.Get("Fn\\:\\:If").Array()
			for _, a := range args[min(1, len(args)):] {
				walk(a)
			}
		case v.Get("Fn\\:\\:Join").Exists():
			parts := v.Get("Fn\\:\\:Join.1").Array()
			if len(parts) > 0 {
				last := parts[len(parts)-1]
				if last.Type == gjson.String && strings.HasSuffix(last.Str, "GroupRole") {
					out = append(out, "group:"+strings.TrimSuffix(last.Str, "GroupRole"))
					return
				}
			}
			out = append(out, v.Raw)
		case v.Type == gjson.String:
			out = append(out, v.Str)
		}
	}
	walk(v)
	return out
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// addUnique appends the items not already in list.
func addUnique(list []string, items ...string) []string {
	for _, it := range items {
		if !has(list, it) {
			list = append(list, it)
		}
	}
	return list
}

func (r *reader) readGeo(res *model.Resource, o *model.OtherResource, cliInputs *jsonDoc, tpl *jsonDoc) *model.Geo {
	g := &model.Geo{
		MapStyle:     o.Parameters["mapStyle"],
		DataProvider: o.Parameters["dataProvider"],
		IntendedUse:  o.Parameters["dataSourceIntendedUse"],
		PricingPlan:  o.Parameters["pricingPlan"],
		AccessType:   o.Parameters["accessType"],
	}
	for _, k := range []string{"mapName", "indexName", "collectionName"} {
		if v := o.Parameters[k]; v != "" {
			g.Name = v
		}
	}
	if g.Name == "" {
		g.Name = res.Name
	}
	if b, ok := asBool(gjson.Parse(jsonQuote(o.Parameters["isDefault"]))); ok {
		g.IsDefault = b
	}
	if cliInputs != nil {
		gp := cliInputs.root.Get("groupPermissions")
		switch {
		case gp.IsArray():
			g.Groups = asStringList(gp)
		case gp.IsObject():
			gp.ForEach(func(k, v gjson.Result) bool {
				g.GroupAccess = append(g.GroupAccess, model.GeoGroupAccess{
					Group: k.String(), Permissions: asStringList(v),
					Pos: cliInputs.Pos(v, joinPath("groupPermissions", k.String())),
				})
				return true
			})
		}
	}
	for _, p := range templatePolicies(tpl) {
		// The policies of the signed-in, guest and group roles; the Lambda
		// service role's policy (which manages the resource) is not one.
		for _, role := range p.roles {
			if role == "auth" || role == "unauth" || strings.HasPrefix(role, "group:") {
				g.Actions = addUnique(g.Actions, p.actions...)
				break
			}
		}
	}
	if g.Actions != nil {
		sort.Strings(g.Actions)
	}
	return g
}

// jsonQuote makes a flattened parameter parseable again: JSON scalars stay,
// other text becomes a JSON string.
func jsonQuote(s string) string {
	if gjson.Valid(s) {
		return s
	}
	return jsonString(s)
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func readAnalytics(res *model.Resource, o *model.OtherResource, tpl *jsonDoc) *model.Analytics {
	a := &model.Analytics{AppName: o.Parameters["appName"], StreamName: o.Parameters["kinesisStreamName"]}
	if a.AppName == "" && res.Service == "Pinpoint" {
		a.AppName = res.Name
	}
	if a.StreamName == "" && res.Service == "Kinesis" {
		a.StreamName = res.Name
	}
	if n, ok := asInt(gjson.Parse(jsonQuote(o.Parameters["kinesisStreamShardCount"]))); ok {
		a.ShardCount = n
	}
	pols := templatePolicies(tpl)
	a.GuestAccess = tpl == nil
	for _, p := range pols {
		if has(p.roles, "unauth") {
			a.GuestAccess = true
		}
		if has(p.actions, "mobiletargeting:GetInAppMessages") {
			a.InAppMessaging = true
		}
	}
	if v := o.Parameters["pinpointInAppMessagingPolicyName"]; v != "" && v != "NONE" {
		a.InAppMessaging = true
	}
	return a
}

func (r *reader) readNotifications(res *model.Resource, o *model.OtherResource, entry gjson.Result) *model.Notifications {
	n := &model.Notifications{Channels: asStringList(entry.Get("channels")), ChannelSettings: map[string]map[string]string{}}
	n.AppName = res.Name
	if name := res.Outputs["Name"]; name != "" {
		n.AppName = strings.TrimSuffix(name, "-"+r.p.Env)
	}
	bookkeeping := map[string]bool{"ApplicationId": true, "CreationDate": true, "LastModifiedDate": true, "Id": true,
		"IsArchived": true, "Version": true, "Platform": true, "HasCredential": true, "HasTokenKey": true, "Enabled": true}
	for _, ch := range n.Channels {
		out, ok := res.Outputs[ch]
		if !ok || !gjson.Valid(out) {
			continue
		}
		settings := map[string]string{}
		gjson.Parse(out).ForEach(func(k, v gjson.Result) bool {
			key := k.String()
			l := strings.ToLower(key)
			if bookkeeping[key] || strings.Contains(l, "secret") || strings.Contains(l, "credential") ||
				strings.Contains(l, "key") || strings.Contains(l, "certificate") || strings.Contains(l, "token") {
				return true
			}
			if v.Type == gjson.String || v.Type == gjson.Number || v.Type == gjson.True || v.Type == gjson.False {
				settings[key] = asString(v)
			}
			return true
		})
		if len(settings) > 0 {
			n.ChannelSettings[ch] = settings
		}
	}
	return n
}

// predictionsBookkeeping are the parameters every predictions resource has
// that say nothing about what it does.
var predictionsBookkeeping = map[string]bool{
	"resourceName": true, "authRoleName": true, "unauthRoleName": true, "access": true, "convertType": true,
	"identifyType": true, "interpretType": true, "inferType": true, "service": true, "providerPlugin": true,
	"adminTask": true, "folderPolicies": true,
}

func readPredictions(o *model.OtherResource, tpl *jsonDoc) *model.Predictions {
	p := &model.Predictions{Access: o.Parameters["access"], Settings: map[string]string{}}
	for _, k := range []string{"convertType", "identifyType", "interpretType", "inferType"} {
		if v := o.Parameters[k]; v != "" {
			p.Kind = v
		}
	}
	for k, v := range o.Parameters {
		if predictionsBookkeeping[k] || strings.HasSuffix(k, "PolicyName") || strings.HasPrefix(v, "{") {
			continue
		}
		p.Settings[k] = v
	}
	for _, pol := range templatePolicies(tpl) {
		if has(pol.roles, "auth") || has(pol.roles, "unauth") {
			p.Actions = addUnique(p.Actions, pol.actions...)
		}
	}
	if tpl != nil {
		tpl.root.Get("Resources").ForEach(func(k, v gjson.Result) bool {
			typ := v.Get("Type").String()
			if typ != "AWS::IAM::Policy" {
				p.OtherResources = append(p.OtherResources, k.String()+" ("+typ+")")
			}
			return true
		})
	}
	return p
}

func (r *reader) readInteractions(res *model.Resource) *model.Interactions {
	in := &model.Interactions{}
	d := r.loadJSON(path.Join(res.Dir, "lex-params.json"), false, "")
	if d == nil {
		return in
	}
	in.BotName = d.root.Get("botName").String()
	in.OutputVoice = d.root.Get("outputVoice").String()
	in.Coppa, _ = asBool(d.root.Get("coppa"))
	for _, it := range d.root.Get("intents").Array() {
		li := model.LexIntent{Name: it.Get("intentName").String(), Utterances: asStringList(it.Get("utterances"))}
		for _, s := range it.Get("slots").Array() {
			li.Slots = append(li.Slots, s.Get("name").String())
		}
		in.Intents = append(in.Intents, li)
	}
	return in
}

func (r *reader) readVideo(res *model.Resource) *model.Video {
	v := &model.Video{ServiceType: res.Other.Parameters["serviceType"], Settings: map[string]string{}}
	d := r.loadJSON(path.Join(res.Dir, "props.json"), false, "")
	if d == nil {
		return v
	}
	d.root.ForEach(func(sec, obj gjson.Result) bool {
		if !obj.IsObject() {
			v.Settings[sec.String()] = asString(obj)
			return true
		}
		obj.ForEach(func(k, val gjson.Result) bool {
			v.Settings[sec.String()+"."+k.String()] = asString(val)
			return true
		})
		return true
	})
	return v
}

// readFrontendBuild reads the frontend build settings of
// project-config.json and the project's amplify.yml.
func (r *reader) readFrontendBuild() {
	rel := r.rel(".config", "project-config.json")
	if d := r.loadJSON(rel, false, ""); d != nil {
		cfg, pos := d.Get("javascript.config")
		r.p.FrontendBuild = model.FrontendBuild{
			SourceDir:       cfg.Get("SourceDir").String(),
			DistributionDir: cfg.Get("DistributionDir").String(),
			BuildCommand:    cfg.Get("BuildCommand").String(),
			StartCommand:    cfg.Get("StartCommand").String(),
			Pos:             pos,
		}
	}
	for _, name := range []string{"amplify.yml", "amplify.yaml"} {
		if data, ok := r.readFile(name); ok {
			r.p.BuildSpec = &model.SourceFile{Path: name, Content: string(data)}
			break
		}
	}
}
