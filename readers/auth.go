package readers

import (
	"path"

	"github.com/tidwall/gjson"

	"github.com/amplify-migrate/amplify-migrate/model"
)

func (r *reader) readAuth(res *model.Resource, bc *jsonDoc, jp string, entry gjson.Result) {
	a := &model.Auth{}
	res.Auth = a
	if res.Imported {
		a.ImportedIDs = res.EnvParams
		return
	}
	d, settings, pos := r.readSettings(res, "cognitoConfig", "cli-inputs.json")
	if d == nil {
		d, settings, pos = r.readSettings(res, "", "parameters.json")
	}
	if d != nil {
		a.Source = d.rel
	} else if !r.exists(path.Join(res.Dir, "cli-inputs.json")) && !r.exists(path.Join(res.Dir, "parameters.json")) {
		r.errorf(res.Pos, "restore "+path.Join(res.Dir, "cli-inputs.json")+" from version control", "auth resource %s has neither cli-inputs.json nor parameters.json", res.Name)
	}
	a.Settings, a.Positions = settings, pos
}

func (r *reader) readUserPoolGroups(res *model.Resource) {
	g := &model.UserPoolGroups{}
	res.UserPoolGroups = g
	rel := path.Join(res.Dir, "user-pool-group-precedence.json")
	d := r.loadJSON(rel, false, "")
	if d == nil {
		return
	}
	g.Source = rel
	for i, it := range d.root.Array() {
		p := indexPath("", i)
		grp := model.UserPoolGroup{Name: it.Get("groupName").String(), Pos: d.Pos(it, p)}
		if n, ok := asInt(it.Get("precedence")); ok {
			grp.Precedence, grp.HasPrecedence = n, true
		}
		for _, pol := range it.Get("customPolicies").Array() {
			grp.CustomPolicies = append(grp.CustomPolicies, pol.Raw)
		}
		g.Groups = append(g.Groups, grp)
	}
}
