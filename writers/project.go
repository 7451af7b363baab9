package writers

// writeProjectLevel converts the project's project resources. Until it marks a resource
// handled, writeUnhandled reports it as a manual step.
func (g *gen) writeProjectLevel() error { return nil }
