package cmd

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/readers"
	"github.com/amplify-migrate/amplify-migrate/writers"
	"github.com/amplify-migrate/amplify-migrate/writers/apply"
)

// ConvertOptions are the convert command's inputs.
type ConvertOptions struct {
	Path            string
	Out             string
	Env             string
	Force           bool
	DryRun          bool
	Tables          string
	Auth            string
	APIID           string
	NoUserMigration bool
}

// gen1Backup is where in-place conversion keeps the Gen 1 folder.
const gen1Backup = ".amplify/migration/gen1"

// NewConvertCmd builds `migrate convert`.
func NewConvertCmd(f *Factory, runF func(*ConvertOptions) error) *cobra.Command {
	opts := &ConvertOptions{}
	cmd := &cobra.Command{
		Use:   "convert [PATH]",
		Short: "Write the equivalent Amplify Gen 2 project",
		Long: `Read the Gen 1 project at PATH (default ".") and write the equivalent Gen 2
project: amplify/backend.ts, amplify/<category>/resource.ts, function code,
package.json, tsconfig, .gitignore entries, and MIGRATION.md listing every
manual step with the file and line of its TODO.

With --out DIR the Gen 2 project is written into DIR and the Gen 1 project is
left untouched. Without --out, convert works in place: it refuses unless the
git tree is clean (or --force), moves the Gen 1 amplify/ folder intact to
.amplify/migration/gen1/amplify/, and writes the Gen 2 amplify/ in its place.
An existing package.json and .gitignore are merged, never replaced.

convert never overwrites a file it did not write unless --force is given, and
never deletes anything. --dry-run prints what would be written, with a diff
for each file that exists, and writes nothing.`,
		Example: `  # Write the Gen 2 project into a new folder
  migrate convert ./my-app --out ./my-app-gen2

  # See what an in-place conversion would do
  migrate convert --dry-run

  # Keep the Gen 1 model tables (GraphQL schema as a string with table mappings)
  migrate convert --out gen2 --tables reuse --api-id abcdefghijklmnopqrstuvwxyz

  # Use the existing Gen 1 user pool, so nobody has to sign up again
  migrate convert --out gen2 --auth reference`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Path = "."
			if len(args) == 1 {
				opts.Path = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return failure(runConvert(f, opts))
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.Out, "out", "o", "", "write the Gen 2 project into this folder instead of converting in place")
	fl.StringVar(&opts.Env, "env", "", "Gen 1 environment (default: the current one, or the only one)")
	fl.BoolVar(&opts.Force, "force", false, "convert in place without a clean git tree, and overwrite files amplify-migrate did not write")
	fl.BoolVar(&opts.DryRun, "dry-run", false, "print what would be written, with diffs, and write nothing")
	fl.BoolVar(&opts.NoUserMigration, "no-user-migration", false, "do not generate the userMigration trigger that moves users from the Gen 1 pool on first sign-in")
	addConversionFlags(cmd, &opts.Tables, &opts.Auth, &opts.APIID)
	return cmd
}

func runConvert(f *Factory, opts *ConvertOptions) error {
	inPlace := opts.Out == ""
	src := opts.Path
	root, err := filepath.Abs(opts.Path)
	if err != nil {
		return err
	}
	if isDir(filepath.Join(root, "backend")) && !isDir(filepath.Join(root, "amplify", "backend")) {
		root = filepath.Dir(root) // PATH is the amplify/ folder itself
	}
	rerun := false
	if inPlace && !isDir(filepath.Join(root, "amplify", "backend")) && isDir(filepath.Join(root, gen1Backup, "amplify", "backend")) {
		// A second in-place run: the Gen 1 project is in the backup.
		src = filepath.Join(root, gen1Backup)
		rerun = true
	}
	p, diags := readers.Read(src, readers.Options{Env: opts.Env})
	printDiagnostics(f, diags)
	if p == nil || diags.HasErrors() {
		fmt.Fprintln(f.ErrOut, "migrate: nothing was written; fix the errors above and run again")
		return silentExit(ExitFailure)
	}
	out, err := writers.Convert(p, writers.Options{
		Tables: writers.TablesMode(opts.Tables), Auth: writers.AuthMode(opts.Auth),
		APIID: opts.APIID, NoUserMigration: opts.NoUserMigration,
	})
	if err != nil {
		return fmt.Errorf("nothing was written: %w", err)
	}

	aopts := apply.Options{Root: opts.Out, SourceRoot: p.Root, Force: opts.Force, DryRun: opts.DryRun, Log: f.Out}
	backup := filepath.Join(root, gen1Backup, p.AmplifyDir)
	if inPlace {
		aopts.Root = root
		if !rerun {
			if _, err := os.Stat(backup); err == nil {
				return fmt.Errorf("%s already exists, so the Gen 1 folder cannot be moved there; move it away (it may be from an earlier conversion) and run again",
					filepath.ToSlash(filepath.Join(gen1Backup, p.AmplifyDir)))
			}
			aopts.Vacated = []string{p.AmplifyDir}
			out.Files = append(out.Files, gen1Ignore(root, p.AmplifyDir))
			sort.Slice(out.Files, func(i, j int) bool { return out.Files[i].Path < out.Files[j].Path })
		}
		switch {
		case opts.DryRun:
			// Nothing is written, so nothing needs undoing.
		case !opts.Force:
			if err := checkGitClean(root); err != nil {
				return err
			}
		}
	} else {
		outAbs, err := filepath.Abs(opts.Out)
		if err != nil {
			return err
		}
		switch {
		case outAbs == p.Root:
			return usageErrorf("--out is the project itself; leave out --out to convert in place")
		case within(outAbs, filepath.Join(p.Root, p.AmplifyDir)):
			return usageErrorf("--out %s is inside the Gen 1 folder %s; choose a folder outside it", opts.Out, p.AmplifyDir)
		}
	}

	if opts.DryRun {
		if inPlace && !rerun {
			fmt.Fprintf(f.Out, "move      %s/ -> %s/%s/\n", p.AmplifyDir, gen1Backup, p.AmplifyDir)
		}
		if _, err := apply.Apply(out, aopts); err != nil {
			return err
		}
		fmt.Fprintln(f.ErrOut, "\nDry run: nothing was written.")
		summarize(f, out)
		return nil
	}

	// Plan first, so that a conflict stops us before anything moves.
	check := aopts
	check.DryRun, check.Log = true, nil
	if _, err := apply.Apply(out, check); err != nil {
		return err
	}
	if inPlace && !rerun {
		if err := os.MkdirAll(filepath.Dir(backup), 0o755); err != nil {
			return err
		}
		if err := os.Rename(filepath.Join(root, p.AmplifyDir), backup); err != nil {
			return fmt.Errorf("moving the Gen 1 folder to %s: %w", backup, err)
		}
		fmt.Fprintf(f.Out, "moved     %s/ -> %s/%s/\n", p.AmplifyDir, gen1Backup, p.AmplifyDir)
		aopts.SourceRoot = filepath.Join(root, gen1Backup)
		aopts.Vacated = nil
	}
	if _, err := apply.Apply(out, aopts); err != nil {
		if inPlace {
			return fmt.Errorf("%w\nThe Gen 1 folder is safe in %s/%s/; fix the problem and run convert again: it picks up from there", err, gen1Backup, p.AmplifyDir)
		}
		return err
	}
	summarize(f, out)
	return nil
}

// gen1Ignore is the .gitignore of the moved Gen 1 folder. The Gen 1
// entries of the project's .gitignore no longer match once the folder has
// moved, so it lists what git ignores in the Gen 1 folder now (local state
// such as amplify-meta.json and #current-cloud-backend) and nothing else:
// what was tracked stays tracked. Without git it falls back to the entries
// the Gen 1 CLI writes.
func gen1Ignore(root, amplifyDir string) writers.File {
	var b strings.Builder
	b.WriteString("# The Gen 1 project, moved here by amplify-migrate. These are the files git\n# ignored in it before the move.\n")
	ignored, err := gitIgnored(root, amplifyDir)
	if err != nil {
		ignored = nil
		for _, l := range []string{"#current-cloud-backend/", ".config/local-aws-info.json", ".config/local-env-info.json", "logs/", "mock-data/", "mock-api-resources/", "backend/amplify-meta.json", "backend/.temp/"} {
			ignored = append(ignored, amplifyDir+"/"+l)
		}
	}
	for _, p := range ignored {
		b.WriteString("/" + gitignoreEscape(p) + "\n")
	}
	return writers.File{Path: gen1Backup + "/.gitignore", Kind: writers.Write, Data: []byte(b.String())}
}

// gitIgnored lists the ignored files and folders under dir (relative to
// root, slash paths, folders with a trailing slash), sorted.
func gitIgnored(root, dir string) ([]string, error) {
	cmd := exec.Command("git", "-C", root, "ls-files", "--others", "--ignored", "--exclude-standard", "--directory", "-z", "--", dir)
	out, err := cmd.Output()
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, p := range strings.Split(string(out), "\x00") {
		if p != "" {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	return paths, nil
}

// gitignoreEscape makes a path match itself literally in a .gitignore.
func gitignoreEscape(p string) string {
	var b strings.Builder
	for _, r := range p {
		if strings.ContainsRune(`\*?[#!`, r) {
			b.WriteRune('\\')
		}
		b.WriteRune(r)
	}
	return strings.TrimRight(b.String(), " ")
}

// within reports whether p is dir or inside it.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && (rel == "." || filepath.IsLocal(rel))
}

// summarize prints what needs a person after a conversion.
func summarize(f *Factory, out *writers.Output) {
	n := map[model.Level]int{}
	for _, x := range out.Findings {
		n[x.Level]++
	}
	fmt.Fprintf(f.ErrOut, "\n%d findings: %d auto, %d cdk, %d manual, %d drop. %d manual step(s) and %d secret(s) are listed in MIGRATION.md.\n",
		len(out.Findings), n[model.Auto], n[model.CDK], n[model.Manual], n[model.Drop], len(out.Steps), len(out.Secrets))
}

// checkGitClean refuses an in-place conversion of a tree with uncommitted
// changes: the user must be able to see, and undo, what convert did.
//
// Only the project folder counts: changes elsewhere in a monorepo are not
// touched by convert.
func checkGitClean(root string) error {
	cmd := exec.Command("git", "-C", root, "status", "--porcelain", "--untracked-files=all", "--", ".")
	outB, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("%s is not in a git repository (or git is not installed), so an in-place conversion could not be undone; use --out DIR, or --force", root)
	}
	if s := strings.TrimSpace(string(outB)); s != "" {
		lines := strings.Split(s, "\n")
		if len(lines) > 5 {
			lines = append(lines[:5], fmt.Sprintf("... and %d more", len(lines)-5))
		}
		return fmt.Errorf("the git tree has uncommitted changes; commit or stash them first so that the conversion can be reviewed and undone (or pass --force):\n  %s", strings.Join(lines, "\n  "))
	}
	return nil
}

func isDir(p string) bool { st, err := os.Stat(p); return err == nil && st.IsDir() }
