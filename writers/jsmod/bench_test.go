package jsmod

import (
	"strings"
	"testing"
)

// BenchmarkRewrite rewrites a CommonJS handler of about 5,000 lines.
func BenchmarkRewrite(b *testing.B) {
	var src strings.Builder
	src.WriteString("const AWS = require('aws-sdk');\nconst { helper } = require('./lib/helper');\n")
	for i := 0; i < 1000; i++ {
		src.WriteString("function step" + strings.Repeat("x", i%7) + "(event) {\n  const s = `value ${event.id} /not/a/regex/`;\n  return s.replace(/a+/g, 'b') / 2;\n}\n")
	}
	src.WriteString("exports.handler = async (event) => helper(event);\n")
	text := src.String()
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := Rewrite(text, Options{Entry: true, Export: "handler", TodoPrefix: "TODO"})
		if !r.Changed {
			b.Fatal("not rewritten")
		}
	}
}
