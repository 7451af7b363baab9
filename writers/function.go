package writers

import (
	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

// planFunctions names every Lambda function before any writer refers to
// one: its identifier in defineBackend and the module that exports it.
func (g *gen) planFunctions() {
	for _, r := range g.p.ByService(model.CategoryFunction, "Lambda") {
		ident := ts.Ident(r.Name)
		if ident == "auth" || ident == "data" || ident == "storage" {
			ident += "Function"
		}
		g.functions[r.Name] = &functionSymbol{Ident: ident, Module: "./functions/" + r.Name + "/resource"}
	}
}

// writeFunctions converts the project's functions.
func (g *gen) writeFunctions() error { return nil }
