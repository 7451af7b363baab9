package readers

import "github.com/amplify-migrate/amplify-migrate/model"

func (r *reader) readREST(res *model.Resource) {
	a := &model.RestAPI{}
	res.REST = a
	d, settings, pos := r.readSettings(res, "", "cli-inputs.json", "api-params.json")
	if d != nil {
		a.Source = d.rel
	}
	a.Settings, a.Positions = settings, pos
}
