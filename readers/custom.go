package readers

import (
	"path"

	"github.com/tidwall/gjson"

	"github.com/amplify-migrate/amplify-migrate/model"
)

// customBuildFiles are the files of a custom CDK resource that only served
// its Gen 1 build; Gen 2 builds from the project root.
var customBuildFiles = map[string]bool{
	"package.json": true, "package-lock.json": true, "yarn.lock": true, "pnpm-lock.yaml": true,
	"tsconfig.json": true, ".npmrc": true, ".gitignore": true, "cdk-stack.ts": true, "cdk-stack.js": true,
	"cdk-stack.d.ts": true,
}

func (r *reader) readCustom(res *model.Resource) {
	c := &model.Custom{}
	res.Custom = c
	if res.Service == "customCDK" {
		r.readCustomCDK(res, c)
		return
	}
	for _, name := range []string{res.Name + "-cloudformation-template.json", res.Name + "-cloudformation-template.yaml", res.Name + "-cloudformation-template.yml"} {
		if rel := path.Join(res.Dir, name); r.exists(rel) {
			c.Template = rel
			break
		}
	}
	if c.Template == "" {
		r.errorf(res.Pos, "restore "+path.Join(res.Dir, res.Name+"-cloudformation-template.json")+" from version control, or remove the resource with `amplify remove custom`",
			"custom resource %s has no CloudFormation template", res.Name)
		return
	}
	c.CfnTemplate = r.readCfnTemplate(c.Template)
	c.Parameters = r.readParamValues(path.Join(res.Dir, "parameters.json"))
}

func (r *reader) readCustomCDK(res *model.Resource, c *model.Custom) {
	rel := path.Join(res.Dir, "cdk-stack.ts")
	if data, ok := r.readFile(rel); ok {
		c.Stack = &model.SourceFile{Path: rel, Content: string(data)}
	} else if !r.exists(rel) {
		r.errorf(res.Pos, "restore "+rel+" from version control, or remove the resource with `amplify remove custom`",
			"custom CDK resource %s has no cdk-stack.ts", res.Name)
	}
	for _, f := range r.listFiles(res.Dir) {
		if customBuildFiles[path.Base(f)] {
			c.BuildFiles = append(c.BuildFiles, f)
			continue
		}
		c.Files = append(c.Files, f)
	}
	pkg := path.Join(res.Dir, "package.json")
	d := r.loadJSON(pkg, false, "")
	if d == nil {
		return
	}
	for _, sec := range []string{"dependencies", "devDependencies"} {
		d.root.Get(sec).ForEach(func(k, v gjson.Result) bool {
			p := joinPath(sec, k.String())
			if v.Type != gjson.String {
				r.warnf(d.Pos(v, p), "a dependency's version is a string such as \"^1.2.0\"", "dependency %s has no version string and is ignored", k.String())
				return true
			}
			c.Dependencies = append(c.Dependencies, model.NpmDependency{
				Name: k.String(), Version: v.Str, Dev: sec == "devDependencies", Pos: d.Pos(v, p),
			})
			return true
		})
	}
}
