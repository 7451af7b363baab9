package model

// Bucket is an S3 storage resource (service "S3").
//
// Owned by the storage conversion; extend it with every setting Gen 2 needs.
type Bucket struct {
	Source string
	// BucketName is the Gen 1 bucketName setting (the physical name adds a
	// stack id and the environment).
	BucketName string
	// Settings holds the raw values read, flattened to strings.
	Settings  map[string]string
	Positions map[string]Pos
}

// Table is a DynamoDB storage resource (service "DynamoDB").
//
// Owned by the storage conversion; extend it with every setting Gen 2 needs.
type Table struct {
	Source    string
	TableName string
	Settings  map[string]string
	Positions map[string]Pos
}
