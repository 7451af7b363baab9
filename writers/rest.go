package writers

// writeREST converts the project's rest resources. Until it marks a resource
// handled, writeUnhandled reports it as a manual step.
func (g *gen) writeREST() error { return nil }
