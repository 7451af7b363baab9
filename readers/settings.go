package readers

import (
	"path"

	"github.com/amplify-migrate/amplify-migrate/model"
)

// readSettings loads the first of the named files in a resource folder that
// exists and returns the object at objPath flattened to strings, with the
// position of each setting. It is the lossless starting point that the typed
// category readers build on.
func (r *reader) readSettings(res *model.Resource, objPath string, names ...string) (doc *jsonDoc, settings map[string]string, pos map[string]model.Pos) {
	for _, name := range names {
		rel := path.Join(res.Dir, name)
		if !r.exists(rel) {
			continue
		}
		d := r.loadJSON(rel, false, "")
		if d == nil {
			return nil, map[string]string{}, map[string]model.Pos{}
		}
		obj := d.root
		if objPath != "" {
			obj = d.root.Get(objPath)
		}
		return d, flatten(obj), d.positions(objPath)
	}
	return nil, map[string]string{}, map[string]model.Pos{}
}
