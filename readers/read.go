// Package readers reads an Amplify Gen 1 project from its files into a
// model.Project.
//
// Readers never stop at the first problem: every file that can be read is
// read, and every problem becomes a model.Diagnostic with its file and line
// (or JSON path) and what to do about it. Only a path that is not an Amplify
// project at all yields no project.
package readers

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tidwall/gjson"

	"github.com/amplify-migrate/amplify-migrate/model"
)

// Options control what is read.
type Options struct {
	// Env selects the Gen 1 environment; empty means the one in
	// .config/local-env-info.json, else the only one in team-provider-info.json.
	Env string
}

// Read reads the Gen 1 project at dir, which is either the project root (the
// folder that holds amplify/) or the amplify/ folder itself. The project is nil
// only when dir is not an Amplify project; diagnostics then say why.
func Read(dir string, opts Options) (*model.Project, model.Diagnostics) {
	root, amplifyDir, diag := locate(dir)
	if diag != nil {
		return nil, model.Diagnostics{*diag}
	}
	p, ds := ReadFS(os.DirFS(root), amplifyDir, opts)
	if p != nil {
		p.Root = root
	}
	return p, ds
}

// locate finds the project root and the name of its Gen 1 folder.
func locate(dir string) (root, amplifyDir string, d *model.Diagnostic) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", "", &model.Diagnostic{Severity: model.Error, Summary: err.Error()}
	}
	st, err := os.Stat(abs)
	if err != nil {
		return "", "", &model.Diagnostic{Severity: model.Error,
			Summary: fmt.Sprintf("cannot read %s: %s", dir, errText(err)),
			Detail:  "give the folder that holds amplify/, or the amplify/ folder itself"}
	}
	if !st.IsDir() {
		return "", "", &model.Diagnostic{Severity: model.Error,
			Summary: fmt.Sprintf("%s is a file, not a folder", dir),
			Detail:  "give the folder that holds amplify/, or the amplify/ folder itself"}
	}
	if isDir(filepath.Join(abs, "amplify", "backend")) {
		return abs, "amplify", nil
	}
	if isDir(filepath.Join(abs, "backend")) && (isDir(filepath.Join(abs, ".config")) || isFile(filepath.Join(abs, "backend", "backend-config.json"))) {
		return filepath.Dir(abs), filepath.Base(abs), nil
	}
	detail := "give the folder that holds amplify/, or the amplify/ folder itself; run `amplify pull` first if the backend was never pulled"
	switch {
	case isDir(filepath.Join(abs, ".amplify", "migration", "gen1", "amplify", "backend")):
		detail = "this project was converted in place; its Gen 1 folder is in .amplify/migration/gen1/ (give that path to read it)"
	case isFile(filepath.Join(abs, "amplify", "backend.ts")):
		detail = "this looks like a Gen 2 project already (amplify/backend.ts exists)"
	}
	return "", "", &model.Diagnostic{Severity: model.Error,
		Summary: fmt.Sprintf("%s is not an Amplify Gen 1 project: no amplify/backend folder", dir),
		Detail:  detail}
}

// errText is the reason of a file-system error without the path, which the
// diagnostic already names ("no such file or directory").
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func isDir(p string) bool  { st, err := os.Stat(p); return err == nil && st.IsDir() }
func isFile(p string) bool { st, err := os.Stat(p); return err == nil && !st.IsDir() }

// reader holds the state of one read.
type reader struct {
	fsys  fs.FS
	amp   string // Gen 1 folder name relative to the root, usually "amplify"
	opts  Options
	p     *model.Project
	diags model.Diagnostics
	meta  *jsonDoc // amplify-meta.json, nil when absent
	tpi   *jsonDoc // team-provider-info.json, nil when absent
}

// ReadFS reads a project from a file system whose root is the project root;
// amplifyDir names the Gen 1 folder in it. Project.Root is left empty.
func ReadFS(fsys fs.FS, amplifyDir string, opts Options) (*model.Project, model.Diagnostics) {
	r := &reader{fsys: fsys, amp: amplifyDir, opts: opts,
		p: &model.Project{AmplifyDir: amplifyDir, Flags: model.Flags{}}}
	if !r.readBackendConfigExists() {
		return nil, r.diags
	}
	r.readProjectConfig()
	r.readTeamProviderInfo()
	r.selectEnv()
	r.readMeta()
	r.readDeployment()
	r.readCLIFlags()
	r.readTags()
	r.readResources()
	r.linkFunctions()
	r.readRootOverride()
	r.readHooks()
	r.readFrontendBuild()
	r.diags.Sort()
	return r.p, r.diags
}

// rel joins a path under the Gen 1 folder.
func (r *reader) rel(parts ...string) string {
	return path.Join(append([]string{r.amp}, parts...)...)
}

func (r *reader) errorf(pos model.Pos, detail, format string, args ...any) {
	r.diags = append(r.diags, model.Diagnostic{Severity: model.Error, Summary: fmt.Sprintf(format, args...), Detail: detail, Pos: pos})
}

func (r *reader) warnf(pos model.Pos, detail, format string, args ...any) {
	r.diags = append(r.diags, model.Diagnostic{Severity: model.Warning, Summary: fmt.Sprintf(format, args...), Detail: detail, Pos: pos})
}

func (r *reader) exists(rel string) bool {
	_, err := fs.Stat(r.fsys, rel)
	return err == nil
}

func (r *reader) isDir(rel string) bool {
	st, err := fs.Stat(r.fsys, rel)
	return err == nil && st.IsDir()
}

// readFile returns a file's bytes, or nil (with an error diagnostic) when it
// cannot be read. A missing file is not reported; callers decide.
func (r *reader) readFile(rel string) ([]byte, bool) {
	data, err := fs.ReadFile(r.fsys, rel)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			r.errorf(model.Pos{File: rel}, "check that it is a readable file", "cannot read file: %s", errText(err))
		}
		return nil, false
	}
	return data, true
}

// loadJSON reads and parses a JSON file. It returns nil when the file is
// missing (reported only if required) or malformed (always reported).
func (r *reader) loadJSON(rel string, required bool, why string) *jsonDoc {
	data, ok := r.readFile(rel)
	if !ok {
		if required && !r.exists(rel) {
			r.errorf(model.Pos{File: rel}, why, "required file is missing")
		}
		return nil
	}
	d, diag := parseJSON(rel, data)
	if diag != nil {
		r.diags = append(r.diags, *diag)
		return nil
	}
	r.diags = append(r.diags, d.duplicateKeys()...)
	return d
}

// listFiles returns the files under dir (relative paths from the root),
// sorted, skipping build output and dependencies.
func (r *reader) listFiles(dir string) []string {
	var out []string
	_ = fs.WalkDir(r.fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && p != dir {
			switch d.Name() {
			case "node_modules", "build", "dist", ".git", "__pycache__", "bin", "obj", ".venv", "venv":
				return fs.SkipDir
			}
		}
		if !d.IsDir() {
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	return out
}

func (r *reader) readBackendConfigExists() bool {
	rel := r.rel("backend", "backend-config.json")
	if r.exists(rel) {
		return true
	}
	r.errorf(model.Pos{File: rel},
		"backend-config.json is committed with every Gen 1 project; restore it from version control or run `amplify pull` to fetch the backend",
		"%s is missing, so this is not a complete Amplify Gen 1 project", rel)
	return false
}

func (r *reader) readProjectConfig() {
	d := r.loadJSON(r.rel(".config", "project-config.json"), false, "")
	if d == nil {
		return
	}
	if !d.root.IsObject() {
		r.warnf(d.FilePos(), "restore it from version control; the project name is left out until then", "project-config.json is not a JSON object")
		return
	}
	r.p.Name = d.root.Get("projectName").String()
	r.p.Frontend = d.root.Get("frontend").String()
	r.p.Framework = d.root.Get("javascript.framework").String()
}

func (r *reader) readTeamProviderInfo() {
	r.tpi = r.loadJSON(r.rel("team-provider-info.json"), false, "")
	if r.tpi == nil {
		return
	}
	if !r.tpi.root.IsObject() {
		r.errorf(r.tpi.FilePos(), `it maps each environment name to its settings, e.g. {"dev": {"awscloudformation": {...}}}; restore it from version control`,
			"team-provider-info.json is not a JSON object")
		r.tpi = nil
		return
	}
	r.tpi.root.ForEach(func(k, v gjson.Result) bool {
		if v.IsObject() {
			r.p.Envs = append(r.p.Envs, k.String())
		} else {
			r.warnf(r.tpi.Pos(v, joinPath("", k.String())), "each environment is an object with awscloudformation and categories; remove the entry or restore the file",
				"environment %q in team-provider-info.json is not an object and is ignored", k.String())
		}
		return true
	})
	sort.Strings(r.p.Envs)
}

// selectEnv applies the --env rules: the flag, else local-env-info.json,
// else the only environment.
func (r *reader) selectEnv() {
	if r.opts.Env != "" {
		switch {
		case r.tpi == nil:
			r.warnf(model.Pos{File: r.rel("team-provider-info.json")}, "environment-specific values (function parameters, imported resource IDs) are unknown; restore team-provider-info.json from version control if the project has one",
				"environment %q cannot be checked: team-provider-info.json is missing", r.opts.Env)
		case !contains(r.p.Envs, r.opts.Env):
			detail := "the file has no environments; run `amplify env pull` or restore it from version control"
			if len(r.p.Envs) > 0 {
				detail = "choose one of: " + strings.Join(r.p.Envs, ", ")
				if s := suggest(r.opts.Env, r.p.Envs); s != "" {
					detail = fmt.Sprintf("did you mean %q? Choose one of: %s", s, strings.Join(r.p.Envs, ", "))
				}
			}
			r.errorf(r.tpi.FilePos(), detail, "environment %q is not in team-provider-info.json", r.opts.Env)
			return
		}
		r.p.Env = r.opts.Env
		return
	}
	if d := r.loadJSON(r.rel(".config", "local-env-info.json"), false, ""); d != nil {
		if env := d.root.Get("envName").String(); env != "" {
			if r.tpi == nil || contains(r.p.Envs, env) {
				r.p.Env = env
				return
			}
			r.warnf(d.Pos(d.root.Get("envName"), "envName"), "pass --env to choose one of: "+strings.Join(r.p.Envs, ", "),
				"local-env-info.json selects environment %q, which team-provider-info.json does not have", env)
		}
	}
	switch len(r.p.Envs) {
	case 1:
		r.p.Env = r.p.Envs[0]
	case 0:
	default:
		r.warnf(r.tpi.FilePos(), "pass --env NAME to pick one; environment-specific values (function parameters, imported resource IDs) are left out until then",
			"the project has %d environments (%s) and none is selected", len(r.p.Envs), strings.Join(r.p.Envs, ", "))
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (r *reader) readMeta() {
	rel := r.rel("backend", "amplify-meta.json")
	n := len(r.diags)
	r.meta = r.loadJSON(rel, false, "")
	if r.meta == nil && len(r.diags) > n {
		// A broken amplify-meta.json is common (merge conflicts in a
		// git-ignored file) and easy to fix: it is generated.
		r.diags[len(r.diags)-1].Detail += "; or delete it: `amplify pull` writes it again, and without it deployed IDs are left out"
	}
	if r.meta != nil && !r.meta.root.IsObject() {
		r.errorf(r.meta.FilePos(), "delete it and run `amplify pull` to write it again", "amplify-meta.json is not a JSON object")
		r.meta = nil
	}
	r.p.HasMeta = r.meta != nil
}

// readDeployment takes the root stack's settings from team-provider-info for
// the selected environment, overlaid by amplify-meta's providers (which
// describe the environment that was last pushed from this checkout).
func (r *reader) readDeployment() {
	set := func(res gjson.Result) {
		dep := &r.p.Deployment
		pick := func(dst *string, key string) {
			if v := res.Get(key).String(); v != "" {
				*dst = v
			}
		}
		pick(&dep.Region, "Region")
		pick(&dep.AppID, "AmplifyAppId")
		pick(&dep.StackName, "StackName")
		pick(&dep.DeploymentBucket, "DeploymentBucketName")
		pick(&dep.AuthRoleArn, "AuthRoleArn")
		pick(&dep.UnauthRoleArn, "UnauthRoleArn")
		pick(&dep.AuthRoleName, "AuthRoleName")
		pick(&dep.UnauthRoleName, "UnauthRoleName")
	}
	if r.tpi != nil && r.p.Env != "" {
		set(r.tpi.root.Get(joinPath(r.p.Env, "awscloudformation")))
	}
	if r.meta != nil {
		// amplify-meta describes whichever environment was checked out last;
		// only trust it when it agrees with the selected one.
		prov := r.meta.root.Get("providers.awscloudformation")
		if r.p.Env == "" || r.p.Deployment.StackName == "" || prov.Get("StackName").String() == r.p.Deployment.StackName {
			set(prov)
		}
	}
}

func (r *reader) readCLIFlags() {
	read := func(rel string) {
		d := r.loadJSON(rel, false, "")
		if d == nil {
			return
		}
		features, pos := d.Get("features")
		if features.Exists() && !features.IsObject() {
			r.warnf(pos, `"features" maps sections to flags, e.g. {"graphqltransformer": {"transformerversion": 2}}`, "feature flags are not an object and are ignored")
			return
		}
		features.ForEach(func(sec, flags gjson.Result) bool {
			section := strings.ToLower(sec.String())
			if r.p.Flags[section] == nil {
				r.p.Flags[section] = map[string]string{}
			}
			flags.ForEach(func(k, v gjson.Result) bool {
				r.p.Flags[section][strings.ToLower(k.String())] = asString(v)
				return true
			})
			return true
		})
	}
	read(r.rel("cli.json"))
	if r.p.Env != "" {
		read(r.rel("cli." + r.p.Env + ".json"))
	}
}

func (r *reader) readTags() {
	d := r.loadJSON(r.rel("backend", "tags.json"), false, "")
	if d == nil {
		return
	}
	if !d.root.IsArray() {
		r.errorf(d.FilePos(), `tags.json holds a list such as [{"Key": "team", "Value": "web"}]`, "tags.json is not a JSON array")
		return
	}
	for i, t := range d.root.Array() {
		p := indexPath("", i)
		key := t.Get("Key").String()
		if key == "" {
			r.warnf(d.Pos(t, p), "give each tag a Key and a Value", "tag without a Key is ignored")
			continue
		}
		r.p.Tags = append(r.p.Tags, model.Tag{Key: key, Value: t.Get("Value").String(), Pos: d.Pos(t, p)})
	}
}

// readRootOverride reads the root stack's override.ts (`amplify override
// project`), which the CLI keeps in backend/awscloudformation/; some older
// projects have it one level down in overrides/.
func (r *reader) readRootOverride() {
	for _, rel := range []string{
		r.rel("backend", "awscloudformation", "override.ts"),
		r.rel("backend", "awscloudformation", "overrides", "override.ts"),
	} {
		if data, ok := r.readFile(rel); ok {
			r.p.RootOverride = &model.SourceFile{Path: rel, Content: string(data)}
			return
		}
	}
}

func (r *reader) readHooks() {
	for _, f := range r.listFiles(r.rel("hooks")) {
		base := path.Base(f)
		if strings.HasSuffix(base, ".sample") || base == "README.md" {
			continue
		}
		data, ok := r.readFile(f)
		if !ok {
			continue
		}
		r.p.Hooks = append(r.p.Hooks, model.SourceFile{Path: f, Content: string(data)})
	}
}
