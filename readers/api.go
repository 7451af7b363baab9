package readers

import (
	"path"

	"github.com/tidwall/gjson"

	"github.com/amplify-migrate/amplify-migrate/model"
)

func (r *reader) readGraphQL(res *model.Resource, bc *jsonDoc, jp string, entry gjson.Result) {
	g := &model.GraphQLAPI{}
	res.GraphQL = g
	if rel := path.Join(res.Dir, "schema.graphql"); r.exists(rel) {
		g.SchemaFiles = []string{rel}
	} else {
		g.SchemaFiles = r.listFiles(path.Join(res.Dir, "schema"))
	}
	_, g.Settings, g.Positions = r.readSettings(res, "serviceConfiguration", "cli-inputs.json")
}
