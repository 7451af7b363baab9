package model

// RestAPI is an API Gateway resource (service "API Gateway").
//
// Owned by the REST conversion; extend it with every setting Gen 2 needs.
type RestAPI struct {
	Source    string
	Settings  map[string]string
	Positions map[string]Pos
}
