package writers

// writeOther converts the project's other resources. Until it marks a resource
// handled, writeUnhandled reports it as a manual step.
func (g *gen) writeOther() error { return nil }
