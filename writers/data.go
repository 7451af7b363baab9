package writers

// writeData converts the project's data resources. Until it marks a resource
// handled, writeUnhandled reports it as a manual step.
func (g *gen) writeData() error { return nil }
