package writers

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

// orderOtherResources is where the resources of the other categories are
// declared in backend.ts: after auth (whose roles they use) and before the
// functions, which may refer to them (ANALYTICS_<RES>_KINESISSTREAMARN).
const orderOtherResources = OrderFunctions - 5

// writeOther converts analytics, geo, notifications, predictions,
// interactions, video and hosting resources. Resources of unknown
// categories deployed from a template are included by writeCustom; the
// rest are left to writeUnhandled.
func (g *gen) writeOther() error {
	var maps, indexes, collections []*model.Resource
	for _, r := range g.p.Resources {
		if r.Other == nil || g.handled[r.Ref()] || !g.otherNative(r) {
			continue
		}
		o := r.Other
		switch {
		case o.Geo != nil:
			switch r.Service {
			case "Map":
				maps = append(maps, r)
			case "PlaceIndex":
				indexes = append(indexes, r)
			case "GeofenceCollection":
				collections = append(collections, r)
			}
			g.writeGeo(r)
		case o.Analytics != nil:
			g.writeAnalytics(r)
		case o.Notifications != nil:
			g.writeNotifications(r)
		case o.Predictions != nil:
			g.writePredictions(r)
		case o.Interactions != nil:
			g.writeInteractions(r)
		case o.Video != nil:
			g.writeVideo(r)
		case o.Hosting != nil:
			g.writeHosting(r)
		case r.Category == "xr":
			g.writeXR(r)
		}
	}
	g.writeGeoOutput(maps, indexes, collections)
	return nil
}

// otherNative reports whether writeOther converts the resource itself
// (rather than writeCustom including its template).
func (g *gen) otherNative(r *model.Resource) bool {
	if r.Other == nil {
		return false
	}
	switch r.Category + "/" + r.Service {
	case "geo/Map", "geo/PlaceIndex", "geo/GeofenceCollection", "analytics/Pinpoint", "analytics/Kinesis",
		"notifications/Pinpoint", "interactions/Lex", "hosting/amplifyhosting", "hosting/S3AndCloudFront":
		return true
	}
	switch r.Category {
	case model.CategoryPredictions, "video", "xr":
		return true
	}
	return false
}

// writeXR reports an XR (Amazon Sumerian) scene: the service is gone.
func (g *gen) writeXR(r *model.Resource) {
	g.markHandled(r)
	g.finding(r, model.Finding{Code: "xr.sumerian", Level: model.Manual, Subject: r.Name,
		Reason: "an Amazon Sumerian scene (XR category); AWS shut Sumerian down in 2023 and Gen 2 has no XR category",
		Action: "remove the scene from the app, or rebuild it with another 3D engine (see the TODO in amplify/backend.ts)"})
	g.backend.Add(OrderOther, "xr/"+r.Name, func(p *ts.Printer) {
		p.Todo("xr.sumerian", fmt.Sprintf("xr/%s was an Amazon Sumerian scene, a service AWS shut down in 2023; there is nothing to deploy. Remove the XR code from the frontend, or rebuild the scene with another 3D engine (for example Babylon.js or three.js) and host its assets in storage.", r.Name))
	})
}

// ownAttr resolves the outputs of the resources this package creates.
func (g *gen) ownAttr(r *model.Resource, attr string) (string, string, bool) {
	v := resourceVar(r)
	var tpl *model.CfnTemplate
	switch {
	case r.Custom != nil && r.Service == "customCDK":
		return "", fmt.Sprintf("the custom CDK stack %s declares no CfnOutput %q on itself", r.Name, attr), true
	case r.Custom != nil:
		tpl = r.Custom.CfnTemplate
	case r.Other != nil && !g.otherNative(r) && r.Other.Template != nil:
		tpl = r.Other.Template
	}
	if tpl != nil || r.Custom != nil {
		if tpl == nil || tpl.Problem != "" {
			return "", fmt.Sprintf("%s was not included (its template cannot be used)", r.Ref()), true
		}
		if !tpl.HasOutput(attr) {
			return "", fmt.Sprintf("the template of %s has no output %s", r.Ref(), attr), true
		}
		return fmt.Sprintf("%s.getOutput(%s).value", v, ts.Quote(attr)), "", true
	}
	if r.Other == nil || !g.otherNative(r) {
		return "", "", false
	}
	switch {
	case r.Other.Geo != nil:
		switch attr {
		case "Name":
			return v + ".ref", "", true
		case "Arn":
			return v + ".attrArn", "", true
		case "Region":
			return v + ".stack.region", "", true
		case "Style":
			return ts.Quote(r.Other.Geo.MapStyle), "", true
		}
	case r.Other.Analytics != nil && r.Service == "Pinpoint":
		switch attr {
		case "Id":
			return v + ".ref", "", true
		case "Region":
			return v + ".stack.region", "", true
		case "appName":
			return v + ".name", "", true
		}
	case r.Other.Analytics != nil && r.Service == "Kinesis":
		switch attr {
		case "kinesisStreamArn":
			return v + ".attrArn", "", true
		case "kinesisStreamId":
			return v + ".ref", "", true
		case "kinesisStreamShardCount":
			return ts.Quote(strconv.Itoa(r.Other.Analytics.ShardCount)), "", true
		}
	}
	return "", fmt.Sprintf("the %s output of %s has no Gen 2 equivalent", attr, r.Ref()), true
}

// otherStack declares (once) the stack a category's resources go in and
// returns its variable.
func (g *gen) otherStack(category string) string {
	v := ts.Ident(category) + "Stack"
	ref := model.ResourceRef{Category: "amplify-migrate", Name: "stacks"}
	if g.exports[ref] == nil {
		g.exports[ref] = map[string]string{}
	}
	if g.exports[ref][category] == "" {
		g.exports[ref][category] = v
		g.backend.Add(orderOtherResources, "", func(p *ts.Printer) {
			p.Linef("const %s = backend.createStack(%s);", v, ts.Quote(category))
		})
	}
	return v
}

// roleExprs are the identity pool roles given access, or the reason there
// are none.
//
// It runs while backend.ts is printed, after its imports, so the writers
// call policyImports when they add a section that grants access.
func (g *gen) roleExprs(auth, guest bool, groups []string) ([]string, string) {
	if !g.backend.HasResource("auth") {
		return nil, "auth was not converted, so Gen 2 has no identity pool roles to grant access to"
	}
	var out []string
	if auth {
		out = append(out, "backend.auth.resources.authenticatedUserIamRole")
	}
	if guest {
		out = append(out, "backend.auth.resources.unauthenticatedUserIamRole")
	}
	for _, grp := range groups {
		out = append(out, "backend.auth.resources.groups["+ts.Quote(grp)+"].role")
	}
	return out, ""
}

// policyImports imports what writePolicy prints, when it will print a policy.
func (g *gen) policyImports() {
	if g.backend.HasResource("auth") {
		g.backend.Imports.Add("aws-cdk-lib/aws-iam", "Policy", "PolicyStatement")
	}
}

// writePolicy grants actions on resources to roles with an IAM policy in
// stack, or writes a TODO when the roles do not exist.
func (g *gen) writePolicy(r *model.Resource, p *ts.Printer, stack, id, name string, actions []string, resources []ts.Value, roles []string, why string) {
	if why != "" {
		p.Todo("policy", fmt.Sprintf("grant %s on %s: %s.", strings.Join(actions, ", "), r.Ref(), why))
		return
	}
	props := ts.Obj{}
	if name != "" {
		props.Set("policyName", ts.Expr(name))
	}
	stmt := ts.Obj{}
	stmt.Set("actions", ts.Strs(actions...))
	stmt.Set("resources", ts.Arr(resources))
	props.Set("statements", ts.Arr{ts.Call{HugLast: true, Fn: "new PolicyStatement", Args: []ts.Value{stmt}}})
	var rs ts.Arr
	for _, role := range roles {
		rs = append(rs, ts.Expr(role))
	}
	props.Set("roles", rs)
	p.Value("", ts.Call{HugLast: true, Fn: "new Policy", Args: []ts.Value{ts.Expr(stack), ts.Str(id), props}}, ";")
}

// geoDefaults are the actions Gen 1 grants on each kind of geo resource
// when its template could not be read.
var geoDefaults = map[string][]string{
	"Map":        {"geo:GetMapGlyphs", "geo:GetMapSprites", "geo:GetMapStyleDescriptor", "geo:GetMapTile"},
	"PlaceIndex": {"geo:GetPlace", "geo:SearchPlaceIndexForPosition", "geo:SearchPlaceIndexForSuggestions", "geo:SearchPlaceIndexForText"},
}

// geofenceActions are the actions behind Gen 1's geofence collection
// permission words.
var geofenceActions = map[string][]string{
	"Read geofence":          {"geo:GetGeofence"},
	"Create/Update geofence": {"geo:PutGeofence", "geo:BatchPutGeofence"},
	"Delete geofence":        {"geo:BatchDeleteGeofence"},
	"List geofences":         {"geo:ListGeofences"},
}

func (g *gen) writeGeo(r *model.Resource) {
	g.markHandled(r)
	geo := r.Other.Geo
	v := resourceVar(r)
	stack := g.otherStack("geo")
	branch := g.backend.BranchName()
	name := "`" + ts.Template(geo.Name) + "-${" + branch + "}`"
	pos := func(key string) model.Pos {
		if p, ok := r.Other.Positions[key]; ok {
			return p
		}
		return r.Pos
	}
	props := ts.Obj{}
	var cls, what string
	switch r.Service {
	case "Map":
		cls, what = "CfnMap", "map"
		props.Set("mapName", ts.Expr(name))
		props.Set("configuration", ts.Obj{{Key: "style", Value: ts.Str(geo.MapStyle)}})
		g.finding(r, model.Finding{Code: "geo.map-style", Level: model.Auto, Subject: "mapStyle", Pos: pos("mapStyle"), Reason: "style " + geo.MapStyle})
	case "PlaceIndex":
		cls, what = "CfnPlaceIndex", "place index"
		props.Set("indexName", ts.Expr(name))
		props.Set("dataSource", ts.Str(geoDataSource(geo.DataProvider)))
		if geo.IntendedUse != "" {
			props.Set("dataSourceConfiguration", ts.Obj{{Key: "intendedUse", Value: ts.Str(geo.IntendedUse)}})
		}
		g.finding(r, model.Finding{Code: "geo.data-source", Level: model.Auto, Subject: "dataProvider", Pos: pos("dataProvider"),
			Reason: fmt.Sprintf("data source %s, intended use %s", geoDataSource(geo.DataProvider), orDefault(geo.IntendedUse, "SingleUse"))})
	case "GeofenceCollection":
		cls, what = "CfnGeofenceCollection", "geofence collection"
		props.Set("collectionName", ts.Expr(name))
	}
	if r.Service != "GeofenceCollection" {
		// Gen 1's Lambda-backed resources were created with this plan (for
		// collections the property is deprecated and ignored).
		props.Set("pricingPlan", ts.Str(orDefault(geo.PricingPlan, "RequestBasedUsage")))
	}
	g.backend.Imports.Add("aws-cdk-lib/aws-location", cls)
	g.finding(r, model.Finding{Code: "geo." + strings.ToLower(r.Service), Level: model.CDK,
		Reason: fmt.Sprintf("Gen 2 creates the %s %s-<branch> with %s (aws-cdk-lib/aws-location) in the stack \"geo\"", what, geo.Name, cls),
		Action: fmt.Sprintf("Gen 1 created %s-%s through a Lambda-backed custom resource, which a stack refactor cannot move, and names are unique per account and region: delete the Gen 1 %s before deploying a Gen 2 branch named %s, or deploy from another branch", geo.Name, orDefault(g.p.Env, "<env>"), what, orDefault(g.p.Env, "<env>"))})

	var actions []string
	var groupPolicies []geoGroupPolicy
	switch r.Service {
	case "GeofenceCollection":
		for _, ga := range geo.GroupAccess {
			var acts []string
			for _, perm := range ga.Permissions {
				a, ok := geofenceActions[perm]
				if !ok {
					g.finding(r, model.Finding{Code: "geo.group-access", Level: model.Manual, Subject: ga.Group, Pos: ga.Pos,
						Reason: fmt.Sprintf("unknown geofence permission %q", perm), Action: "grant it by hand in amplify/backend.ts"})
					continue
				}
				acts = append(acts, a...)
			}
			sort.Strings(acts)
			groupPolicies = append(groupPolicies, geoGroupPolicy{Group: ga.Group, Actions: acts})
			g.finding(r, model.Finding{Code: "geo.group-access", Level: model.CDK, Subject: ga.Group, Pos: ga.Pos,
				Reason: fmt.Sprintf("group %s may %s", ga.Group, strings.Join(acts, ", "))})
		}
	default:
		actions = geo.Actions
		if len(actions) == 0 {
			actions = geoDefaults[r.Service]
		}
	}
	auth, guest := true, geo.AccessType == model.GeoAuthorizedAndGuestUsers
	if r.Service == "GeofenceCollection" {
		// Gen 1 geofence collections are only for the groups listed.
		if geo.AccessType != "" {
			g.finding(r, model.Finding{Code: "geo.access", Level: model.CDK, Subject: "accessType", Pos: pos("accessType"),
				Reason: fmt.Sprintf("%s: only the groups of its group permissions get access, each through its own policy", geo.AccessType)})
		}
	} else if geo.AccessType != "" {
		g.finding(r, model.Finding{Code: "geo.access", Level: model.CDK, Subject: "accessType", Pos: pos("accessType"),
			Reason: fmt.Sprintf("%s: %s granted to the signed-in users' role%s", geo.AccessType, strings.Join(actions, ", "), map[bool]string{true: " and the guests' role", false: ""}[guest])})
	}
	if r.Service == "GeofenceCollection" {
		auth, guest = false, false
	}
	for _, grp := range geo.Groups {
		g.finding(r, model.Finding{Code: "geo.group-access", Level: model.CDK, Subject: grp, Pos: pos("groupPermissions"),
			Reason: "the group's role gets the same actions as signed-in users"})
	}
	g.policyImports()
	title := fmt.Sprintf("geo/%s: the Amazon Location %s %s-<branch> (Gen 1: %s-%s) and who may use it.", r.Name, what, geo.Name, geo.Name, orDefault(g.p.Env, "<env>"))
	g.backend.Add(orderOtherResources, title, func(p *ts.Printer) {
		p.Value("const "+v+" = ", ts.Call{HugLast: true, Fn: "new " + cls, Args: []ts.Value{ts.Expr(stack), ts.Str(r.Name), props}}, ";")
		if len(actions) > 0 {
			roles, why := g.roleExprs(auth, guest, geo.Groups)
			g.writePolicy(r, p, stack, r.Name+"Policy", "`"+ts.Template(geo.Name)+"-${"+branch+"}Policy`", actions, []ts.Value{ts.Expr(v + ".attrArn")}, roles, why)
		}
		for _, gp := range groupPolicies {
			roles, why := g.roleExprs(false, false, []string{gp.Group})
			g.writePolicy(r, p, stack, r.Name+gp.Group+"Policy", "`"+ts.Template(geo.Name)+"-${"+branch+"}-"+ts.Template(gp.Group)+"Policy`", gp.Actions, []ts.Value{ts.Expr(v + ".attrArn")}, roles, why)
		}
	})
}

// geoGroupPolicy is what one group may do with a geofence collection.
type geoGroupPolicy struct {
	Group   string
	Actions []string
}

// geoDataSource spells a Gen 1 data provider as Amazon Location expects.
func geoDataSource(p string) string {
	switch strings.ToLower(p) {
	case "here":
		return "Here"
	case "esri", "":
		return "Esri"
	case "grab":
		return "Grab"
	}
	return p
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// writeGeoOutput adds the geo section of amplify_outputs.json: the maps,
// place indexes and geofence collections with their defaults.
func (g *gen) writeGeoOutput(maps, indexes, collections []*model.Resource) {
	if len(maps)+len(indexes)+len(collections) == 0 {
		return
	}
	// The names are plain strings at synth time, as Gen 1's aws-exports had them.
	nameProp := map[string]string{"Map": ".mapName", "PlaceIndex": ".indexName", "GeofenceCollection": ".collectionName"}
	name := func(r *model.Resource) string { return resourceVar(r) + nameProp[r.Service] }
	def := func(rs []*model.Resource) string {
		for _, r := range rs {
			if r.Other.Geo.IsDefault {
				return name(r)
			}
		}
		return name(rs[0])
	}
	list := func(rs []*model.Resource) ts.Arr {
		var a ts.Arr
		for _, r := range rs {
			a = append(a, ts.Expr(name(r)))
		}
		return a
	}
	geo := ts.Obj{}
	geo.Set("aws_region", ts.Expr(g.otherStack("geo")+".region"))
	if len(maps) > 0 {
		var items []string
		for _, r := range maps {
			items = append(items, "["+name(r)+"]: { style: "+ts.Quote(r.Other.Geo.MapStyle)+" }")
		}
		geo.Set("maps", ts.Obj{{Key: "items", Value: ts.Lines{Open: "{", Close: "}", Items: items, Sep: ",", Pad: true}}, {Key: "default", Value: ts.Expr(def(maps))}})
	}
	if len(indexes) > 0 {
		geo.Set("search_indices", ts.Obj{{Key: "items", Value: list(indexes)}, {Key: "default", Value: ts.Expr(def(indexes))}})
	}
	if len(collections) > 0 {
		geo.Set("geofence_collections", ts.Obj{{Key: "items", Value: list(collections)}, {Key: "default", Value: ts.Expr(def(collections))}})
	}
	g.backend.Add(orderOtherResources, "The geo section of amplify_outputs.json, as Gen 1's aws-exports had it (default map, index and collection).", func(p *ts.Printer) {
		p.Value("backend.addOutput(", ts.Obj{{Key: "geo", Value: geo}}, ");")
	})
	g.note(OrderOther, "Geo", "Maps, place indexes and geofence collections are in the `geo` section of `amplify_outputs.json`, which `Amplify.configure(outputs)` reads; their names end in the branch name instead of the Gen 1 environment.")
}

// writeAnalytics converts a Pinpoint project or a Kinesis stream.
func (g *gen) writeAnalytics(r *model.Resource) {
	g.markHandled(r)
	a := r.Other.Analytics
	v := resourceVar(r)
	stack := g.otherStack("analytics")
	branch := g.backend.BranchName()
	pos := r.Other.Positions
	if r.Service == "Kinesis" {
		g.policyImports()
		g.backend.Imports.Add("aws-cdk-lib/aws-kinesis", "CfnStream")
		name := "`" + ts.Template(a.StreamName) + "-${" + branch + "}`"
		g.finding(r, model.Finding{Code: "analytics.kinesis", Level: model.CDK, Subject: "kinesisStreamName", Pos: pos["kinesisStreamName"],
			Reason: fmt.Sprintf("Gen 2 creates the Kinesis stream %s-<branch> with %d shard(s) (CfnStream) in the stack \"analytics\"; app users may put records", a.StreamName, a.ShardCount),
			Action: "to keep the Gen 1 stream and its data, move it into the Gen 2 stack with a CloudFormation stack refactor"})
		g.backend.Add(orderOtherResources, fmt.Sprintf("analytics/%s: the Kinesis stream %s-<branch> and the app users' access to it.", r.Name, a.StreamName), func(p *ts.Printer) {
			props := ts.Obj{{Key: "name", Value: ts.Expr(name)}, {Key: "shardCount", Value: ts.Num(max(a.ShardCount, 1))}}
			p.Value("const "+v+" = ", ts.Call{HugLast: true, Fn: "new CfnStream", Args: []ts.Value{ts.Expr(stack), ts.Str(r.Name), props}}, ";")
			roles, why := g.roleExprs(true, a.GuestAccess, nil)
			g.writePolicy(r, p, stack, r.Name+"Policy", "", []string{"kinesis:PutRecord", "kinesis:PutRecords"}, []ts.Value{ts.Expr(v + ".attrArn")}, roles, why)
			p.Value("backend.addOutput(", ts.Obj{{Key: "custom", Value: ts.Obj{{Key: "analytics", Value: ts.Obj{{Key: "kinesis", Value: ts.Obj{{Key: r.Name, Value: ts.Obj{
				{Key: "stream_name", Value: ts.Expr(v + ".ref")}, {Key: "aws_region", Value: ts.Expr(stack + ".region")}}}}}}}}}}, ");")
		})
		g.note(OrderOther, "Analytics", fmt.Sprintf("The Kinesis stream's name and region are in `amplify_outputs.json` under `custom.analytics.kinesis.%s`; configure the Analytics category with them: `Amplify.configure({ ...Amplify.getConfig(), Analytics: { Kinesis: { region: outputs.custom.analytics.kinesis.%s.aws_region } } })`.", r.Name, r.Name))
		return
	}
	g.policyImports()
	g.writePinpointApp(r, a.AppName)
	first := g.firstOutput("analytics")
	if !first {
		g.finding(r, model.Finding{Code: "analytics.output", Level: model.Manual,
			Reason: "amplify_outputs.json holds one Pinpoint project for analytics, and an earlier resource has it",
			Action: "configure the Analytics category for this project by hand"})
	}
	g.finding(r, model.Finding{Code: "analytics.pinpoint", Level: model.CDK, Subject: "appName", Pos: pos["appName"],
		Reason: fmt.Sprintf("Gen 2 creates the Pinpoint project %s-<branch> (CfnApp) in the stack \"analytics\"; app users may record events and update endpoints", a.AppName),
		Action: "Gen 1 created the project through a Lambda-backed custom resource, so its endpoints and event history stay in the Gen 1 project; Pinpoint ends support on 2026-10-30, so consider Amazon Connect or CloudWatch RUM"})
	g.backend.Add(orderOtherResources, fmt.Sprintf("analytics/%s: who may record events, and the analytics section of amplify_outputs.json.", r.Name), func(p *ts.Printer) {
		roles, why := g.roleExprs(true, a.GuestAccess, nil)
		g.writePolicy(r, p, stack, r.Name+"Policy", "", []string{"mobiletargeting:PutEvents", "mobiletargeting:UpdateEndpoint"}, []ts.Value{ts.Expr("`${" + v + ".attrArn}*`")}, roles, why)
		if a.InAppMessaging {
			roles, why := g.roleExprs(true, true, nil)
			g.writePolicy(r, p, stack, r.Name+"InAppMessagingPolicy", "", []string{"mobiletargeting:GetInAppMessages"}, []ts.Value{ts.Expr("`${" + v + ".attrArn}*`")}, roles, why)
		}
		if first {
			p.Value("backend.addOutput(", ts.Obj{{Key: "analytics", Value: ts.Obj{{Key: "amazon_pinpoint", Value: ts.Obj{
				{Key: "app_id", Value: ts.Expr(v + ".ref")}, {Key: "aws_region", Value: ts.Expr(stack + ".region")}}}}}}, ");")
		}
	})
	if a.InAppMessaging {
		g.finding(r, model.Finding{Code: "analytics.in-app-messaging", Level: model.CDK, Reason: "app users may fetch in-app messages (mobiletargeting:GetInAppMessages)"})
	}
}

// writePinpointApp declares the CfnApp of a Pinpoint resource.
func (g *gen) writePinpointApp(r *model.Resource, appName string) {
	v := resourceVar(r)
	stack := g.otherStack("analytics")
	branch := g.backend.BranchName()
	g.backend.Imports.Add("aws-cdk-lib/aws-pinpoint", "CfnApp")
	// Analytics and notifications resources share the analytics stack; a
	// notifications project must not take an analytics resource's id.
	id := r.Name
	if r.Category == model.CategoryNotifications {
		id += "Notifications"
	}
	g.backend.Add(orderOtherResources, fmt.Sprintf("%s/%s: the Pinpoint project %s-<branch>.", r.Category, r.Name, appName), func(p *ts.Printer) {
		p.Value("const "+v+" = ", ts.Call{HugLast: true, Fn: "new CfnApp", Args: []ts.Value{ts.Expr(stack), ts.Str(id),
			ts.Obj{{Key: "name", Value: ts.Expr("`" + ts.Template(appName) + "-${" + branch + "}`")}}}}, ";")
	})
}

// pinpointChannels maps Gen 1 channel names to the client configuration's.
var pinpointChannels = map[string]string{
	"InAppMessaging": "IN_APP_MESSAGING", "FCM": "FCM", "APNS": "APNS", "Email": "EMAIL", "SMS": "SMS",
}

// writeNotifications converts a notifications resource: the Pinpoint
// project (shared with analytics when Gen 1 shared it) and its channels.
func (g *gen) writeNotifications(r *model.Resource) {
	g.markHandled(r)
	n := r.Other.Notifications
	app := resourceVar(r)
	if a := g.p.Find(model.CategoryAnalytics, r.Name); a != nil && a.Service == "Pinpoint" && g.otherNative(a) {
		app = resourceVar(a)
		g.finding(r, model.Finding{Code: "notifications.pinpoint", Level: model.CDK,
			Reason: "the channels belong to the Pinpoint project of analytics/" + r.Name + ", as in Gen 1"})
	} else {
		g.writePinpointApp(r, n.AppName)
		g.finding(r, model.Finding{Code: "notifications.pinpoint", Level: model.CDK,
			Reason: fmt.Sprintf("Gen 2 creates the Pinpoint project %s-<branch> (CfnApp)", n.AppName),
			Action: "Pinpoint ends support on 2026-10-30; the Gen 2 defineNotifications (Amazon Connect) is not a drop-in replacement"})
	}
	g.policyImports()
	stack := g.otherStack("analytics")
	var channels []string
	type todo struct{ code, text string }
	var todos []todo
	var body []func(p *ts.Printer)
	for _, ch := range n.Channels {
		out, known := pinpointChannels[ch]
		f := model.Finding{Code: "notifications.channel", Subject: ch, Pos: r.Other.Positions["channels"]}
		switch ch {
		case "InAppMessaging":
			f.Level, f.Reason = model.CDK, "app users may fetch in-app messages"
			channels = append(channels, out)
			if a := g.p.Find(model.CategoryAnalytics, r.Name); a != nil && app == resourceVar(a) && a.Other.Analytics.InAppMessaging {
				f.Reason += " (granted with the shared analytics project)"
				break
			}
			body = append(body, func(p *ts.Printer) {
				roles, why := g.roleExprs(true, true, nil)
				g.writePolicy(r, p, stack, r.Name+"NotificationsInAppMessagingPolicy", "", []string{"mobiletargeting:GetInAppMessages"}, []ts.Value{ts.Expr("`${" + app + ".attrArn}*`")}, roles, why)
			})
		case "SMS":
			f.Level, f.Reason = model.CDK, "the SMS channel is enabled (CfnSMSChannel)"
			channels = append(channels, out)
			props := ts.Obj{{Key: "applicationId", Value: ts.Expr(app + ".ref")}, {Key: "enabled", Value: ts.Bool(true)}}
			if s := n.ChannelSettings[ch]["SenderId"]; s != "" {
				props.Set("senderId", ts.Str(s))
			}
			if s := n.ChannelSettings[ch]["ShortCode"]; s != "" {
				props.Set("shortCode", ts.Str(s))
			}
			g.backend.Imports.Add("aws-cdk-lib/aws-pinpoint", "CfnSMSChannel")
			body = append(body, func(p *ts.Printer) {
				p.Value("", ts.Call{HugLast: true, Fn: "new CfnSMSChannel", Args: []ts.Value{ts.Expr(stack), ts.Str(r.Name + "SMSChannel"), props}}, ";")
			})
		case "Email":
			from, identity := n.ChannelSettings[ch]["FromAddress"], n.ChannelSettings[ch]["Identity"]
			if from == "" || identity == "" {
				f.Level, f.Reason, f.Action = model.Manual, "the email channel needs its sender address and SES identity, which amplify-meta.json does not hold here", "create it in amplify/backend.ts (see the TODO there)"
				todos = append(todos, todo{"notifications.channel", "enable the Email channel: new CfnEmailChannel(" + stack + ", '" + r.Name + "EmailChannel', { applicationId: " + app + ".ref, enabled: true, fromAddress: '<verified sender>', identity: '<SES identity ARN>' }) from aws-cdk-lib/aws-pinpoint, and add 'EMAIL' to the channels output below."})
				break
			}
			f.Level, f.Reason = model.CDK, "the email channel sends from "+from
			channels = append(channels, out)
			g.backend.Imports.Add("aws-cdk-lib/aws-pinpoint", "CfnEmailChannel")
			props := ts.Obj{{Key: "applicationId", Value: ts.Expr(app + ".ref")}, {Key: "enabled", Value: ts.Bool(true)},
				{Key: "fromAddress", Value: ts.Str(from)}, {Key: "identity", Value: ts.Str(identity)}}
			if role := n.ChannelSettings[ch]["RoleArn"]; role != "" {
				props.Set("roleArn", ts.Str(role))
			}
			body = append(body, func(p *ts.Printer) {
				p.Value("", ts.Call{HugLast: true, Fn: "new CfnEmailChannel", Args: []ts.Value{ts.Expr(stack), ts.Str(r.Name + "EmailChannel"), props}}, ";")
			})
		case "FCM", "APNS":
			cls := map[string]string{"FCM": "CfnGCMChannel", "APNS": "CfnAPNSChannel"}[ch]
			cred := map[string]string{"FCM": "the Firebase server key or service account JSON", "APNS": "the APNs certificate and private key, or the token key"}[ch]
			f.Level, f.Reason, f.Action = model.Manual, fmt.Sprintf("the %s channel needs %s, which Gen 1 kept only in the Pinpoint project", ch, cred), "re-enter the credentials (see the TODO in amplify/backend.ts)"
			todos = append(todos, todo{"notifications.channel", fmt.Sprintf("enable the %s channel with %s: new %s(%s, '%s%sChannel', { applicationId: %s.ref, enabled: true, ... }) from aws-cdk-lib/aws-pinpoint, keeping the credentials out of the code (for example in the Pinpoint console), and add '%s' to the channels output below.", ch, cred, cls, stack, r.Name, ch, app, out)})
		default:
			_ = known
			f.Level, f.Reason, f.Action = model.Manual, "unknown notification channel", "configure it in the Pinpoint project by hand"
		}
		g.finding(r, f)
	}
	first := g.firstOutput("notifications")
	if !first {
		g.finding(r, model.Finding{Code: "notifications.output", Level: model.Manual,
			Reason: "amplify_outputs.json holds one Pinpoint project for notifications, and an earlier resource has it",
			Action: "configure the Notifications category for this project by hand"})
	}
	g.backend.Add(orderOtherResources, fmt.Sprintf("notifications/%s: the channels %s and the notifications section of amplify_outputs.json.", r.Name, strings.Join(n.Channels, ", ")), func(p *ts.Printer) {
		for _, b := range body {
			b(p)
		}
		for _, t := range todos {
			p.Todo(t.code, t.text)
		}
		if !first {
			return
		}
		out := ts.Obj{{Key: "aws_region", Value: ts.Expr(stack + ".region")}, {Key: "amazon_pinpoint_app_id", Value: ts.Expr(app + ".ref")}}
		if len(channels) > 0 {
			out.Set("channels", ts.Strs(channels...))
		}
		p.Value("backend.addOutput(", ts.Obj{{Key: "notifications", Value: out}}, ");")
	})
}

// predictionsDefaults are the actions Gen 1 grants for each predictions
// kind, used when the template could not be read.
var predictionsDefaults = map[string][]string{
	"speechGenerator":  {"polly:SynthesizeSpeech"},
	"translateText":    {"translate:TranslateText", "comprehend:DetectDominantLanguage"},
	"transcription":    {"transcribe:StartStreamTranscriptionWebSocket"},
	"identifyText":     {"rekognition:DetectText", "rekognition:DetectLabels", "textract:AnalyzeDocument", "textract:DetectDocumentText", "textract:GetDocumentAnalysis", "textract:StartDocumentAnalysis", "textract:StartDocumentTextDetection"},
	"identifyEntities": {"rekognition:DetectFaces", "rekognition:RecognizeCelebrities"},
	"identifyLabels":   {"rekognition:DetectLabels", "rekognition:DetectModerationLabels"},
	"interpretText":    {"comprehend:DetectSentiment", "comprehend:DetectEntities", "comprehend:DetectDominantLanguage", "comprehend:DetectSyntax", "comprehend:DetectKeyPhrases"},
}

// predictionsGroup is the client configuration group of each kind.
var predictionsGroup = map[string]string{
	"speechGenerator": "convert", "translateText": "convert", "transcription": "convert",
	"identifyText": "identify", "identifyEntities": "identify", "identifyLabels": "identify",
	"interpretText": "interpret",
}

// predictionsSettings maps Gen 1 parameters to the client's defaults.
var predictionsSettings = map[string]map[string]string{
	"speechGenerator":  {"voice": "voiceId"},
	"translateText":    {"sourceLang": "sourceLanguage", "targetLang": "targetLanguage"},
	"transcription":    {"language": "language"},
	"identifyText":     {"format": "format"},
	"identifyLabels":   {"type": "type"},
	"interpretText":    {"type": "type"},
	"identifyEntities": {"maxEntities": "maxEntities", "collectionId": "collectionId"},
}

// writePredictions grants the app users the AI services the resource used
// and puts its defaults in amplify_outputs.json.
func (g *gen) writePredictions(r *model.Resource) {
	g.markHandled(r)
	pr := r.Other.Predictions
	group := predictionsGroup[pr.Kind]
	if group == "" {
		g.finding(r, model.Finding{Code: "predictions", Level: model.Manual, Reason: fmt.Sprintf("unknown predictions kind %q", pr.Kind),
			Action: "grant the AI service actions to the identity pool roles by hand in amplify/backend.ts"})
		g.backend.Add(orderOtherResources, "predictions/"+r.Name, func(p *ts.Printer) {
			p.Todo("predictions", fmt.Sprintf("predictions/%s (%s, kind %q) was not converted: grant its service actions to backend.auth.resources.authenticatedUserIamRole and configure the Predictions category by hand.", r.Name, r.Service, pr.Kind))
		})
		return
	}
	actions := pr.Actions
	if len(actions) == 0 {
		actions = predictionsDefaults[pr.Kind]
	}
	g.policyImports()
	guest := pr.Access == "authAndGuest"
	stack := g.otherStack("predictions")
	g.finding(r, model.Finding{Code: "predictions", Level: model.CDK, Subject: pr.Kind,
		Reason: fmt.Sprintf("signed-in users%s may call %s; the defaults go to amplify_outputs.json under custom.Predictions", map[bool]string{true: " and guests", false: ""}[guest], strings.Join(actions, ", ")),
		Action: "merge outputs.custom.Predictions into the Amplify configuration (see MIGRATION.md)"})
	first := g.firstOutput("predictions:" + pr.Kind)
	if !first {
		g.finding(r, model.Finding{Code: "predictions.output", Level: model.Manual, Subject: pr.Kind,
			Reason: "the Amplify client takes one " + pr.Kind + " configuration, and an earlier resource has it",
			Action: "pass this resource's settings per call instead"})
	}
	defaults := ts.Obj{}
	keys := make([]string, 0, len(pr.Settings))
	for k := range pr.Settings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if to, ok := predictionsSettings[pr.Kind][k]; ok {
			if n, err := strconv.Atoi(pr.Settings[k]); err == nil {
				defaults.Set(to, ts.Num(n))
			} else {
				defaults.Set(to, ts.Str(pr.Settings[k]))
			}
			continue
		}
		g.finding(r, model.Finding{Code: "predictions.setting", Level: model.Drop, Subject: k, Pos: r.Other.Positions[k],
			Reason: "a Gen 1 setting the Amplify client does not read"})
	}
	for _, o := range pr.OtherResources {
		g.finding(r, model.Finding{Code: "predictions.resource", Level: model.Manual, Subject: o,
			Reason: "the Gen 1 template also created this resource, which is not converted", Action: "re-create it with CDK (see the TODO in amplify/backend.ts)"})
	}
	g.backend.Add(orderOtherResources, fmt.Sprintf("predictions/%s: %s (%s) for the app's users.", r.Name, pr.Kind, r.Service), func(p *ts.Printer) {
		roles, why := g.roleExprs(true, guest, nil)
		g.writePolicy(r, p, stack, r.Name+"Policy", "", actions, []ts.Value{ts.Str("*")}, roles, why)
		if len(pr.OtherResources) > 0 {
			p.Todo("predictions.resource", fmt.Sprintf("the Gen 1 template of predictions/%s also created %s; re-create them with CDK if the app relies on them.", r.Name, strings.Join(pr.OtherResources, ", ")))
		}
		if !first {
			return
		}
		cfg := ts.Obj{{Key: "region", Value: ts.Expr(stack + ".region")}, {Key: "proxy", Value: ts.Bool(false)}}
		if len(defaults) > 0 {
			cfg.Set("defaults", defaults)
		}
		p.Value("backend.addOutput(", ts.Obj{{Key: "custom", Value: ts.Obj{{Key: "Predictions", Value: ts.Obj{{Key: group, Value: ts.Obj{{Key: pr.Kind, Value: cfg}}}}}}}}, ");")
	})
	g.note(OrderOther, "Predictions", "The Predictions settings are in `amplify_outputs.json` under `custom.Predictions`, which `Amplify.configure(outputs)` does not read. Configure the category with them:\n\n```ts\nAmplify.configure(outputs);\nAmplify.configure({ ...Amplify.getConfig(), Predictions: outputs.custom.Predictions });\n```")
}

// writeInteractions reports a Lex V1 bot: Lex V1 is gone, so the bot must
// be rebuilt on Lex V2.
func (g *gen) writeInteractions(r *model.Resource) {
	g.markHandled(r)
	in := r.Other.Interactions
	var intents []string
	for _, it := range in.Intents {
		intents = append(intents, fmt.Sprintf("%s (%d utterance(s), slots %s)", it.Name, len(it.Utterances), orDefault(strings.Join(it.Slots, ", "), "none")))
	}
	desc := fmt.Sprintf("the Lex V1 bot %s (intents: %s; voice %s; child-directed %v)", orDefault(in.BotName, r.Name), orDefault(strings.Join(intents, "; "), "unknown"), orDefault(in.OutputVoice, "none"), in.Coppa)
	g.finding(r, model.Finding{Code: "interactions.lex-v1", Level: model.Manual, Subject: in.BotName,
		Reason: desc + " runs on Amazon Lex V1, which AWS retired; Gen 2 has no interactions category",
		Action: "rebuild the bot on Lex V2 (console, or CfnBot from aws-cdk-lib/aws-lex) and grant lex:RecognizeText (see the TODO in amplify/backend.ts)"})
	g.backend.Add(orderOtherResources, fmt.Sprintf("interactions/%s: a Lex V1 bot.", r.Name), func(p *ts.Printer) {
		p.Todo("interactions.lex-v1", fmt.Sprintf("recreate %s on Lex V2: define it in the Lex console or with CfnBot (aws-cdk-lib/aws-lex) in backend.createStack('interactions'), allow lex:RecognizeText and lex:RecognizeUtterance on its alias ARN (arn:aws:lex:<region>:<account>:bot-alias/<botId>/<aliasId>) for backend.auth.resources.authenticatedUserIamRole (and the guest role if guests chat), then backend.addOutput({ custom: { Interactions: { LexV2: { '%s': { botId, aliasId, localeId: 'en_US', region } } } } }) and pass it to Amplify.configure.", desc, orDefault(in.BotName, r.Name)))
	})
	g.note(OrderOther, "Interactions", "Amazon Lex V1 bots do not exist in Gen 2: rebuild each bot on Lex V2 and configure the Interactions category with `Interactions: { LexV2: { <bot>: { botId, aliasId, localeId, region } } }` (see the TODOs in `amplify/backend.ts`).")
}

// writeVideo converts an amplify-video resource: an IVS live channel
// becomes an IVS channel and stream key; video on demand is reported.
func (g *gen) writeVideo(r *model.Resource) {
	g.markHandled(r)
	vd := r.Other.Video
	if vd.ServiceType != "ivs" {
		g.finding(r, model.Finding{Code: "video", Level: model.Manual, Subject: vd.ServiceType,
			Reason: "an amplify-video " + orDefault(vd.ServiceType, "unknown") + " resource (for video on demand: S3 input and output buckets, MediaConvert jobs, Lambda functions, CloudFront); the plugin has no Gen 2 version",
			Action: "rebuild the pipeline with CDK, or keep running it from the Gen 1 stack (see the TODO in amplify/backend.ts)"})
		g.backend.Add(orderOtherResources, "video/"+r.Name, func(p *ts.Printer) {
			p.Todo("video", fmt.Sprintf("video/%s (amplify-video %s, settings %s) was not converted: rebuild it with CDK in backend.createStack('video') (the AWS \"Video on Demand on AWS\" solution is the reference), or keep it in the Gen 1 stack.", r.Name, vd.ServiceType, settingsText(vd.Settings)))
		})
		return
	}
	v := resourceVar(r)
	stack := g.otherStack("video")
	branch := g.backend.BranchName()
	g.backend.Imports.Add("aws-cdk-lib/aws-ivs", "CfnChannel", "CfnStreamKey")
	props := ts.Obj{{Key: "name", Value: ts.Expr("`" + ts.Template(r.Name) + "-${" + branch + "}`")}}
	if s := vd.Settings["channel.channelLatency"]; s != "" {
		props.Set("latencyMode", ts.Str(s))
	}
	if s := vd.Settings["channel.channelQuality"]; s != "" {
		props.Set("type", ts.Str(s))
	}
	g.finding(r, model.Finding{Code: "video.ivs", Level: model.CDK,
		Reason: fmt.Sprintf("Gen 2 creates the IVS channel %s-<branch> (latency %s, type %s) and its stream key; the channel's endpoints go to amplify_outputs.json under custom.video", r.Name, orDefault(vd.Settings["channel.channelLatency"], "default"), orDefault(vd.Settings["channel.channelQuality"], "default")),
		Action: "point the broadcasting software at the new ingest endpoint and stream key"})
	g.backend.Add(orderOtherResources, fmt.Sprintf("video/%s: the IVS live channel.", r.Name), func(p *ts.Printer) {
		p.Value("const "+v+" = ", ts.Call{HugLast: true, Fn: "new CfnChannel", Args: []ts.Value{ts.Expr(stack), ts.Str(r.Name), props}}, ";")
		p.Value("", ts.Call{HugLast: true, Fn: "new CfnStreamKey", Args: []ts.Value{ts.Expr(stack), ts.Str(r.Name + "StreamKey"), ts.Obj{{Key: "channelArn", Value: ts.Expr(v + ".attrArn")}}}}, ";")
		p.Value("backend.addOutput(", ts.Obj{{Key: "custom", Value: ts.Obj{{Key: "video", Value: ts.Obj{{Key: r.Name, Value: ts.Obj{
			{Key: "channel_arn", Value: ts.Expr(v + ".attrArn")},
			{Key: "ingest_endpoint", Value: ts.Expr(v + ".attrIngestEndpoint")},
			{Key: "playback_url", Value: ts.Expr(v + ".attrPlaybackUrl")},
		}}}}}}}, ");")
	})
}

// firstOutput reports whether this is the first resource to claim an
// amplify_outputs.json entry, which Gen 2 lets only one resource set.
func (g *gen) firstOutput(key string) bool {
	ref := model.ResourceRef{Category: "amplify-migrate", Name: "outputs"}
	if g.exports[ref] == nil {
		g.exports[ref] = map[string]string{}
	}
	if g.exports[ref][key] != "" {
		return false
	}
	g.exports[ref][key] = "taken"
	return true
}

func settingsText(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, k+"="+oneLine(m[k]))
	}
	return orDefault(strings.Join(parts, ", "), "none")
}
