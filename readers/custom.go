package readers

import (
	"path"

	"github.com/amplify-migrate/amplify-migrate/model"
)

func (r *reader) readCustom(res *model.Resource) {
	c := &model.Custom{}
	res.Custom = c
	if res.Service == "customCDK" {
		rel := path.Join(res.Dir, "cdk-stack.ts")
		if data, ok := r.readFile(rel); ok {
			c.Stack = &model.SourceFile{Path: rel, Content: string(data)}
		}
		return
	}
	tpl := path.Join(res.Dir, res.Name+"-cloudformation-template.json")
	if r.exists(tpl) {
		c.Template = tpl
	}
}
