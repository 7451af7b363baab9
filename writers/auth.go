package writers

// writeAuth converts the project's auth resources. Until it marks a resource
// handled, writeUnhandled reports it as a manual step.
func (g *gen) writeAuth() error { return nil }
