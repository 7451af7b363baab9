package writers

import (
	"fmt"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

func (g *gen) reuseData(r *model.Resource, api *model.GraphQLAPI) (*ts.Printer, error) {
	return nil, fmt.Errorf("not yet")
}
