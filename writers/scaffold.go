package writers

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"
)

// packageJSON collects the root package.json: the Gen 2 dev dependencies and
// the dependencies of converted functions.
type packageJSON struct {
	deps    map[string]pkgDep
	devDeps map[string]pkgDep
}

type pkgDep struct {
	version string
	from    string // who asked for it, for conflict reports
}

func newPackageJSON() *packageJSON {
	pj := &packageJSON{deps: map[string]pkgDep{}, devDeps: map[string]pkgDep{}}
	for name, v := range Gen2DevDependencies {
		pj.devDeps[name] = pkgDep{version: v, from: "Gen 2"}
	}
	return pj
}

// addDependency adds a runtime dependency wanted by from. When another
// resource already asked for a different version, the first one is kept and
// the other's version and name are returned so the caller can report it.
func (pj *packageJSON) addDependency(name, version, from string) (otherVersion, otherFrom string) {
	if d, ok := pj.devDeps[name]; ok && d.version != version {
		return d.version, d.from
	}
	if d, ok := pj.deps[name]; ok {
		if d.version != version {
			return d.version, d.from
		}
		return "", ""
	}
	pj.deps[name] = pkgDep{version: version, from: from}
	return "", ""
}

// render writes the package.json; keys are sorted so output is stable.
func (pj *packageJSON) render(name string) []byte {
	var b bytes.Buffer
	b.WriteString("{\n")
	if name != "" {
		b.WriteString("  \"name\": " + jsonString(name) + ",\n")
	}
	b.WriteString("  \"version\": \"0.1.0\",\n")
	b.WriteString("  \"private\": true,\n")
	writeDeps := func(key string, m map[string]pkgDep, last bool) {
		b.WriteString("  " + jsonString(key) + ": {")
		names := make([]string, 0, len(m))
		for n := range m {
			names = append(names, n)
		}
		sort.Strings(names)
		for i, n := range names {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString("\n    " + jsonString(n) + ": " + jsonString(m[n].version))
		}
		if len(names) > 0 {
			b.WriteString("\n  ")
		}
		b.WriteString("}")
		if !last {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	if len(pj.deps) > 0 {
		writeDeps("dependencies", pj.deps, false)
	}
	writeDeps("devDependencies", pj.devDeps, true)
	b.WriteString("}\n")
	return b.Bytes()
}

func jsonString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSpace(b.String())
}

// tsconfigJSON is amplify/tsconfig.json as `npm create amplify` writes it,
// with node types named so that TypeScript 6 keeps them.
const tsconfigJSON = `{
  "compilerOptions": {
    "target": "es2022",
    "module": "es2022",
    "moduleResolution": "bundler",
    "resolveJsonModule": true,
    "esModuleInterop": true,
    "forceConsistentCasingInFileNames": true,
    "strict": true,
    "skipLibCheck": true,
    "types": ["node"],
    "paths": {
      "$amplify/*": ["../.amplify/generated/*"]
    }
  }
}
`

// gitignoreLines are the Gen 2 entries; existing .gitignore files get the
// missing ones appended. Gen 2 ignores all of .amplify/; amplify-migrate
// keeps .amplify/migration/ (its manifest, and the Gen 1 folder after an
// in-place conversion) in version control, so that a teammate's rerun knows
// what was generated.
var gitignoreLines = []string{
	"# amplify-migrate: Gen 2",
	".amplify/*",
	"!.amplify/migration/",
	"amplify_outputs*",
	"amplifyconfiguration*",
	"aws-exports*",
	"node_modules",
	"build",
	"dist",
}

func (g *gen) writeScaffolding() {
	g.files["package.json"] = &File{Path: "package.json", Kind: MergeJSON, Data: g.pkg.render(packageName(g.p.Name))}
	g.addFile("amplify/package.json", []byte("{\n  \"type\": \"module\"\n}\n"))
	g.addFile("amplify/tsconfig.json", []byte(tsconfigJSON))
	g.files[".gitignore"] = &File{Path: ".gitignore", Kind: AppendLines, Data: []byte(strings.Join(gitignoreLines, "\n") + "\n")}
}

// packageName makes an npm package name from the Gen 1 project name.
func packageName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			b.WriteRune(r)
		default:
			b.WriteRune('-')
		}
	}
	return strings.Trim(b.String(), "-._")
}
