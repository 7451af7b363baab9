package readers

import (
	"path"
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

// readOther records what is known about a resource without a dedicated
// model (analytics, geo, predictions, interactions, notifications, hosting,
// video, any unknown service): its settings from backend-config.json, its
// parameters.json or cli-inputs.json, and the files in its folder. Nothing
// is dropped: the writers report every such resource.
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
	if !r.isDir(res.Dir) {
		return
	}
	o.Files = r.listFiles(res.Dir)
	// cli-inputs.json is the newer form and wins where both name a setting.
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
		for k, v := range flatten(d.root) {
			o.Parameters[k] = v
		}
		for k, p := range d.positions("") {
			o.Positions[k] = p
		}
		o.ParametersFile = rel
	}
	for _, f := range o.Files {
		base := path.Base(f)
		if strings.Contains(base, "template") && (strings.HasSuffix(base, ".json") || strings.HasSuffix(base, ".yml") || strings.HasSuffix(base, ".yaml")) {
			o.Templates = append(o.Templates, f)
		}
	}
}
