package writers

// Gen2DevDependencies are the packages a Gen 2 backend needs, at versions
// that were type-checked and synthesized together by this project's tests
// (the toolchain in testdata/toolchain/package.json pins the same ones).
var Gen2DevDependencies = map[string]string{
	"@aws-amplify/backend":     "^1.25.1",
	"@aws-amplify/backend-cli": "^1.10.0",
	"@types/node":              "^20.19.0",
	"aws-cdk-lib":              "^2.276.0",
	"constructs":               "^10.8.1",
	"esbuild":                  "^0.28.2",
	"tsx":                      "^4.23.15",
	"typescript":               "^5.9.3",
}
