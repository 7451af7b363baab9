package writers_test

import (
	"path/filepath"
	"testing"

	"github.com/amplify-migrate/amplify-migrate/readers"
	"github.com/amplify-migrate/amplify-migrate/writers"
)

// BenchmarkStorageREST reads and converts the storage and REST golden
// cases (S3 from cli-inputs and from templates, DynamoDB, REST from
// cli-inputs, api-params and swagger templates): one op is all of them.
//
//	go test ./writers -run '^$' -bench StorageREST -benchmem
func BenchmarkStorageREST(b *testing.B) {
	var dirs []string
	for _, pattern := range []string{"storage-*", "rest*"} {
		m, _ := filepath.Glob(filepath.Join("..", "testdata", "cases", pattern))
		dirs = append(dirs, m...)
	}
	if len(dirs) == 0 {
		b.Skip("no storage or REST cases")
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, dir := range dirs {
			p, diags := readers.Read(dir, readers.Options{})
			if p == nil || diags.HasErrors() {
				b.Fatalf("%s: %s", dir, diags.Error())
			}
			if _, err := writers.Convert(p, writers.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(dirs)), "projects/op")
}
