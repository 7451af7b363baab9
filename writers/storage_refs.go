package writers

import (
	"strconv"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

// storageNames are the TypeScript names of the storage resources. They are
// derived from the project alone, so that writers that run before
// writeStorage (functions) can refer to them.
type storageNames struct {
	// bucketKey is the defineBackend key of each defineStorage bucket;
	// bucketExport its export in amplify/storage/resource.ts.
	bucketKey    map[string]string
	bucketExport map[string]string
	defaultBkt   string
	// imported buckets and every table are consts in backend.ts.
	importedBucket map[string]string
	table          map[string]string
}

// storageNames computes the names; the first bucket (in resource order) is
// the default one, defineBackend key "storage".
func (g *gen) storageNames() *storageNames {
	n := &storageNames{bucketKey: map[string]string{}, bucketExport: map[string]string{},
		importedBucket: map[string]string{}, table: map[string]string{}}
	taken := map[string]bool{"backend": true, "branchName": true, "auth": true, "data": true, "storage": true,
		"allow": true, "outputs": true}
	for _, fn := range g.functions {
		taken[fn.Ident] = true
	}
	unique := func(base string) string {
		name := base
		for i := 2; taken[name]; i++ {
			name = base + strconv.Itoa(i)
		}
		taken[name] = true
		return name
	}
	withSuffix := func(name, suffix string) string {
		id := lowerFirst(ts.Ident(name))
		if !strings.HasSuffix(strings.ToLower(id), strings.ToLower(suffix)) {
			id += suffix
		}
		return id
	}
	for _, r := range g.p.ByService(model.CategoryStorage, "S3") {
		if r.Bucket == nil {
			continue
		}
		if r.Imported {
			n.importedBucket[r.Name] = unique(withSuffix(r.Name, "Bucket"))
			continue
		}
		if n.defaultBkt == "" {
			n.defaultBkt = r.Name
			n.bucketKey[r.Name], n.bucketExport[r.Name] = "storage", "storage"
			continue
		}
		id := unique(withSuffix(r.Name, "Storage"))
		n.bucketKey[r.Name], n.bucketExport[r.Name] = id, id
	}
	for _, r := range g.p.ByService(model.CategoryStorage, "DynamoDB") {
		if r.Table != nil {
			n.table[r.Name] = unique(withSuffix(r.Name, "Table"))
		}
	}
	return n
}

// storageTableExpr is the TypeScript expression of a DynamoDB storage
// table in backend.ts (a CDK Table or ITable), or "" when the resource is
// not a storage table. Functions use it to wire environment variables and
// grants (table.tableName, table.grant(...)).
func (g *gen) storageTableExpr(resourceName string) string {
	r := g.p.Find(model.CategoryStorage, resourceName)
	if r == nil || r.Table == nil {
		return ""
	}
	return g.storageNames().table[resourceName]
}

// storageBucketExpr is the TypeScript expression of an S3 bucket in
// backend.ts (an IBucket), or "" when the resource is not a bucket:
// "backend.storage.resources.bucket" for the default bucket.
func (g *gen) storageBucketExpr(resourceName string) string {
	r := g.p.Find(model.CategoryStorage, resourceName)
	if r == nil || r.Bucket == nil {
		return ""
	}
	n := g.storageNames()
	if r.Imported {
		return n.importedBucket[resourceName]
	}
	return "backend." + n.bucketKey[resourceName] + ".resources.bucket"
}
