package writers

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/writers/jsmod"
	"github.com/amplify-migrate/amplify-migrate/writers/ts"
)

// layerPlan is a project Lambda layer being converted.
type layerPlan struct {
	r     *model.Resource
	ident string
	// dir is the layer's content in the Gen 2 project (amplify/layers/<name>):
	// the layer archive's root, with lib/<runtime>/ as <runtime>/ and the
	// files of opt/ at the top, where Lambda puts them under /opt.
	dir string
	// files maps content paths (relative to dir) to Gen 1 files.
	files map[string]string
	// ok is false when no LayerVersion is made (no content).
	ok bool
}

// layerDest maps a Gen 1 layer file to its place in the layer archive.
func layerDest(res *model.Resource, file string) (string, bool) {
	rel := strings.TrimPrefix(file, res.Dir+"/")
	switch {
	case strings.HasPrefix(rel, "lib/"):
		return strings.TrimPrefix(rel, "lib/"), true
	case strings.HasPrefix(rel, "opt/"):
		return strings.TrimPrefix(rel, "opt/"), true
	}
	return "", false
}

// writeLayer converts a LambdaLayer resource into a CDK LayerVersion in
// backend.ts, with the layer's content copied to amplify/layers/<name>.
// AWS's own tool does not convert layers at all.
func (g *gen) writeLayer(lp *layerPlan) {
	r, l := lp.r, lp.r.Layer
	g.markHandled(r)
	if l == nil {
		return
	}
	lp.files = map[string]string{}
	for _, f := range l.Files {
		if skipCopy[path.Base(f)] {
			continue
		}
		if dst, ok := layerDest(r, f); ok {
			lp.files[dst] = f
			g.copyFile(path.Join(lp.dir, dst), f)
		}
	}
	g.tsconfigExclude = append(g.tsconfigExclude, "layers/"+r.Name)
	if len(lp.files) == 0 {
		g.finding(r, model.Finding{Code: "layer.content", Level: model.Manual, Pos: r.Pos,
			Reason: "the layer has no files in lib/ or opt/, so there is nothing to publish",
			Action: "add the layer's content to " + lp.dir + " and create it with new LayerVersion(...) in amplify/backend.ts"})
		return
	}
	lp.ok = true
	g.finding(r, model.Finding{Code: "layer.converted", Level: model.CDK, Pos: r.Pos,
		Reason: fmt.Sprintf("the layer becomes a CDK LayerVersion (%s) in amplify/backend.ts with its content in %s (lib/<runtime>/ as <runtime>/, opt/ at the top); AWS's own tool does not convert layers", lp.ident, lp.dir)})

	// The layer is compatible with the Gen 2 runtimes of the functions
	// that use it (Gen 1's list names runtimes Lambda may have retired).
	var runtimes []string
	gen2Runtime := func(rt string) string {
		family := runtimeFamilyOf(rt)
		if family == "nodejs" {
			v, _ := nodeRuntime(rt)
			return fmt.Sprintf("Runtime.NODEJS_%d_X", v)
		}
		c, _ := cdkRuntime(family, rt)
		return c
	}
	for _, fr := range g.p.ByService(model.CategoryFunction, "Lambda") {
		if fr.Function == nil {
			continue
		}
		for _, ref := range fr.Function.Layers {
			if ref.Project == r.Name {
				if c := gen2Runtime(fr.Function.Runtime); c != "" && !slices.Contains(runtimes, c) {
					runtimes = append(runtimes, c)
				}
			}
		}
	}
	if len(runtimes) == 0 {
		for _, rt := range l.Runtimes {
			if c := gen2Runtime(rt); c != "" && !slices.Contains(runtimes, c) {
				runtimes = append(runtimes, c)
			}
		}
	}
	sort.Strings(runtimes)
	if len(l.Runtimes) > 0 {
		g.finding(r, model.Finding{Code: "layer.runtimes", Level: model.CDK, Subject: "runtimes", Pos: l.Positions["runtimes"],
			Reason: fmt.Sprintf("compatible runtimes %s become %s, the Gen 2 runtimes of the functions that use the layer", strings.Join(l.Runtimes, ", "), strings.Join(runtimes, ", "))})
	}
	// Files of opt/ sit at the layer's top, under amplify/package.json
	// ("type": "module"); Gen 1 ran them as CommonJS.
	if _, ok := lp.files["package.json"]; !ok && slices.Contains(l.RuntimeFamilies, "nodejs") {
		for f := range lp.files {
			if !strings.Contains(f, "/") && (strings.HasSuffix(f, ".js")) {
				g.addFile(path.Join(lp.dir, "package.json"), []byte("{\n  \"type\": \"commonjs\"\n}\n"))
				break
			}
		}
	}
	if len(l.Dependencies) > 0 {
		var names []string
		for _, d := range l.Dependencies {
			names = append(names, d.Name)
		}
		g.finding(r, model.Finding{Code: "layer.dependencies", Level: model.Auto, Subject: "dependencies", Pos: l.Dependencies[0].Pos,
			Reason: fmt.Sprintf("the layer's npm dependencies (%s) are added to the root package.json: esbuild bundles them into each Node function that uses the layer, so the layer itself carries only its files", strings.Join(names, ", "))})
	}
	for f := range lp.files {
		if strings.HasPrefix(f, "python/") && (path.Base(f) == "Pipfile" || path.Base(f) == "requirements.txt") {
			g.finding(r, model.Finding{Code: "layer.dependencies", Level: model.Manual, Subject: path.Base(f), Pos: model.Pos{File: lp.files[f]},
				Reason: "the Python packages of the layer are not installed into it (Gen 1's build did that)",
				Action: "install them into " + lp.dir + "/python (pip install -r ... --target " + lp.dir + "/python) before deploying"})
		}
	}
	for _, perm := range l.Permissions {
		if perm != "Private" && perm != "" {
			g.finding(r, model.Finding{Code: "layer.permissions", Level: model.Manual, Subject: perm, Pos: l.Positions["permissions"],
				Reason: fmt.Sprintf("the layer was shared (%s); the Gen 2 layer is private to the account", perm),
				Action: "share it with " + lp.ident + ".addPermission(...) in amplify/backend.ts"})
		}
	}

	im := &g.backend.Imports
	im.Add("aws-cdk-lib/aws-lambda", "LayerVersion", "Code")
	if len(runtimes) > 0 {
		im.Add("aws-cdk-lib/aws-lambda", "Runtime")
	}
	im.Add("node:url", "fileURLToPath")
	props := ts.Obj{}
	props.Set("code", ts.Expr(fmt.Sprintf("Code.fromAsset(fileURLToPath(new URL(%s, import.meta.url)))", ts.Quote("./layers/"+r.Name))))
	if len(runtimes) > 0 {
		var arr ts.Arr
		for _, c := range runtimes {
			arr = append(arr, ts.Expr(c))
		}
		props.Set("compatibleRuntimes", arr)
	}
	if l.Description != "" {
		props.Set("description", ts.Str(l.Description))
	}
	g.backend.Add(OrderFunctions, "Lambda layer "+r.Name+" (Gen 1: "+r.Dir+")", func(p *ts.Printer) {
		g.layersStack(p)
		p.Value("const "+lp.ident+" = new LayerVersion(layersStack, "+ts.Quote(r.Name)+", ", props, ");")
	})
}

// layersStack declares the stack of the layers once.
func (g *gen) layersStack(p *ts.Printer) {
	if g.fns.layersStackDeclared {
		return
	}
	g.fns.layersStackDeclared = true
	p.Line("const layersStack = backend.createStack('layers');")
}

func runtimeFamilyOf(rt string) string {
	for _, f := range []string{"nodejs", "python", "java", "dotnet"} {
		if strings.HasPrefix(rt, f) {
			return f
		}
	}
	if strings.HasPrefix(rt, "go") || strings.HasPrefix(rt, "provided") {
		return "go"
	}
	return ""
}

// layerSpecifier returns the rewrite of /opt/ module paths for a function:
// Gen 1 code could load a project layer's files from /opt, which esbuild
// cannot resolve; they now load the copied layer content, which esbuild
// bundles, and /opt/nodejs/node_modules/<pkg> becomes <pkg> (the layer's
// dependencies are in the root package.json).
func (g *gen) layerSpecifier(pl *fnPlan) func(from, spec string) (string, bool) {
	var layers []*layerPlan
	for _, l := range pl.f.Layers {
		if lp := g.fns.layers[l.Project]; lp != nil && lp.files != nil {
			layers = append(layers, lp)
		}
	}
	return func(from, spec string) (string, bool) {
		rest, ok := strings.CutPrefix(spec, "/opt/")
		if !ok {
			return "", false
		}
		if pkg, ok := strings.CutPrefix(rest, "nodejs/node_modules/"); ok {
			return pkg, true
		}
		for _, lp := range layers {
			for _, cand := range []string{rest, rest + ".js", rest + ".cjs", rest + ".mjs", rest + ".json", rest + "/index.js"} {
				if _, ok := lp.files[cand]; ok {
					return jsmod.RelativeSpecifier(from, path.Join(lp.dir, rest)), true
				}
			}
		}
		return "", false
	}
}
