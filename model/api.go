package model

// GraphQLAPI is an AppSync resource (service "AppSync"): its schema and the
// settings of the API.
//
// Owned by the data conversion; extend it with every setting Gen 2 needs.
// Other conversions rely on ModelNames and FunctionNames.
type GraphQLAPI struct {
	// SchemaFiles are the schema.graphql file, or the files of the schema/
	// folder, relative to Project.Root, in the order they were joined.
	SchemaFiles []string
	Settings    map[string]string
	Positions   map[string]Pos

	// Models are the @model types in schema order (their DynamoDB tables
	// are named after them).
	Models []string
	// Functions are the Gen 1 function resource names the API invokes
	// (@function handlers with "-${env}" removed, the Lambda authorizer).
	Functions []string
}
