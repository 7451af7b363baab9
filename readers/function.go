package readers

import (
	"path"

	"github.com/tidwall/gjson"

	"github.com/amplify-migrate/amplify-migrate/model"
)

func (r *reader) readFunction(res *model.Resource) {
	f := &model.Function{SourceDir: path.Join(res.Dir, "src")}
	res.Function = f
	if d := r.loadJSON(path.Join(res.Dir, "amplify.state"), false, ""); d != nil {
		f.RuntimeFamily = d.root.Get("functionRuntime").String()
	}
	tpl := path.Join(res.Dir, res.Name+"-cloudformation-template.json")
	if d := r.loadJSON(tpl, false, ""); d != nil {
		f.Template = tpl
		props := d.root.Get("Resources.LambdaFunction.Properties")
		f.Runtime = props.Get("Runtime").String()
		f.Handler = props.Get("Handler").String()
	}
	var fp *jsonDoc
	fp, f.Settings, f.Positions = r.readSettings(res, "", "function-parameters.json")
	if fp != nil {
		// permissions: category -> resource -> operations (added for the
		// storage conversion; the function conversion owns this reader).
		fp.root.Get("permissions").ForEach(func(cat, resources gjson.Result) bool {
			resources.ForEach(func(name, ops gjson.Result) bool {
				if f.Permissions == nil {
					f.Permissions = map[string]map[string][]string{}
				}
				if f.Permissions[cat.String()] == nil {
					f.Permissions[cat.String()] = map[string][]string{}
				}
				f.Permissions[cat.String()][name.String()] = asStringList(ops)
				return true
			})
			return true
		})
	}
}

func (r *reader) readLayer(res *model.Resource) {
	l := &model.Layer{}
	res.Layer = l
	d, settings, pos := r.readSettings(res, "", "layer-configuration.json", "parameters.json")
	if d != nil {
		l.Runtimes = asStringList(d.root.Get("runtimes.#.runtimeName"))
	}
	l.Settings, l.Positions = settings, pos
}
