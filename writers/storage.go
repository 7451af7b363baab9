package writers

// writeStorage converts the project's storage resources. Until it marks a resource
// handled, writeUnhandled reports it as a manual step.
func (g *gen) writeStorage() error { return nil }
