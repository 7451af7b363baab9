package cmd

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/amplify-migrate/amplify-migrate/model"
	"github.com/amplify-migrate/amplify-migrate/readers"
	"github.com/amplify-migrate/amplify-migrate/reports"
	"github.com/amplify-migrate/amplify-migrate/writers"
)

// AnalyzeOptions are the analyze command's inputs.
type AnalyzeOptions struct {
	Path   string
	Env    string
	Format string
	FailOn string
	Tables string
	Auth   string
	APIID  string
}

// NewAnalyzeCmd builds `migrate analyze`. runF replaces the run function in
// tests of flag parsing.
func NewAnalyzeCmd(f *Factory, runF func(*AnalyzeOptions) error) *cobra.Command {
	opts := &AnalyzeOptions{}
	cmd := &cobra.Command{
		Use:   "analyze [PATH]",
		Short: "Report what migrating a Gen 1 project to Gen 2 will take",
		Long: `Read the Gen 1 project at PATH (the folder that holds amplify/, or the amplify/
folder itself; default ".") and report every resource and every setting that
matters for Gen 2, each with a support level:

  auto     converts to Gen 2 define* code
  cdk      converts, with CDK code (an escape hatch) in amplify/backend.ts
  manual   a person must act; 'migrate convert' writes a TODO where the code goes
  drop     not needed in Gen 2

The report also lists problems in the input files, with file and line.

Exit status: 0 done, 1 bad input (errors in the project's files) or a
failure, 2 usage error, 3 when --fail-on finds findings at or above the
given level (and the input has no errors).`,
		Example: `  # Report on the project in the current folder
  migrate analyze

  # JSON for scripts, for the "prod" environment
  migrate analyze ./my-app --env prod --format json

  # Markdown for a pull request; fail CI when anything needs a person
  migrate analyze --format markdown --fail-on manual > migration.md`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Path = "."
			if len(args) == 1 {
				opts.Path = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return failure(runAnalyze(f, opts))
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Env, "env", "", "Gen 1 environment (default: the current one in amplify/.config/local-env-info.json, or the only one)")
	enumFlag(cmd, fl, &opts.Format, "format", "text", reports.Formats, "report format")
	enumFlag(cmd, fl, &opts.FailOn, "fail-on", "", []string{"cdk", "manual"}, "exit 3 when a finding is at or above this level")
	addConversionFlags(cmd, &opts.Tables, &opts.Auth, &opts.APIID)
	return cmd
}

// addConversionFlags adds the flags that change what convert would do, and
// so what analyze reports.
func addConversionFlags(cmd *cobra.Command, tables, auth, apiID *string) {
	fl := cmd.Flags()
	fl.StringVar(apiID, "api-id", "", "Gen 1 AppSync API id for --tables reuse when amplify-meta.json is missing")
	enumFlag(cmd, fl, tables, "tables", string(writers.TablesTyped), []string{string(writers.TablesTyped), string(writers.TablesReuse)},
		"GraphQL model tables: typed a.schema with new tables, or reuse the Gen 1 tables")
	enumFlag(cmd, fl, auth, "auth", string(writers.AuthDefine), []string{string(writers.AuthDefine), string(writers.AuthReference)},
		"user pool: define a new one in code, or reference the Gen 1 pools")
}

func runAnalyze(f *Factory, opts *AnalyzeOptions) error {
	p, diags := readers.Read(opts.Path, readers.Options{Env: opts.Env})
	if p == nil {
		// Not a project at all: there is nothing to report on. JSON readers
		// still get a report (with the diagnostics) so that scripts can
		// parse every outcome.
		if opts.Format == string(reports.JSON) {
			rep := reports.Build(nil, opts.Path, nil, diags)
			if err := reports.Render(f.Out, rep, reports.JSON, reports.Options{}); err != nil {
				return failure(err)
			}
		}
		printDiagnostics(f, diags)
		return silentExit(ExitFailure)
	}
	out, err := writers.Convert(p, writers.Options{Tables: writers.TablesMode(opts.Tables), Auth: writers.AuthMode(opts.Auth), APIID: opts.APIID})
	var findings model.Findings
	if err != nil {
		// The conversion cannot run with these options (for example reuse
		// without an API id): report it as a problem with the input.
		diags = append(diags, model.Diagnostic{Severity: model.Error, Summary: err.Error(),
			Detail: "change the --tables or --auth option, or give what the message asks for"})
	} else {
		findings = out.Findings
	}
	rep := reports.Build(p, opts.Path, findings, diags)
	ropts := reports.Options{Color: f.color(), Width: f.width(), ReadFile: projectFiles(p.Root)}
	if err := reports.Render(f.Out, rep, reports.Format(opts.Format), ropts); err != nil {
		return failure(fmt.Errorf("writing the report: %w", err))
	}
	if n := rep.Summary.Errors; n > 0 {
		fmt.Fprintf(f.ErrOut, "migrate: the input has %s; the report lists them with file and line\n", plural(n, "error"))
		return silentExit(ExitFailure)
	}
	if opts.FailOn != "" {
		level, _ := model.ParseLevel(opts.FailOn)
		if n := rep.AtLeast(level); n > 0 {
			fmt.Fprintf(f.ErrOut, "migrate: %s at or above %q (--fail-on %s)\n", plural(n, "finding"), level, level)
			return silentExit(ExitFailOn)
		}
	}
	return nil
}

// projectFiles reads files of the project (paths relative to its root), for
// the source lines the text report shows under a problem.
func projectFiles(root string) func(string) ([]byte, error) {
	return func(rel string) ([]byte, error) {
		if !filepath.IsLocal(filepath.FromSlash(rel)) {
			return nil, fs.ErrNotExist
		}
		return os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// printDiagnostics writes diagnostics to stderr: position, severity and
// what is wrong on one line, what to do on the next.
func printDiagnostics(f *Factory, diags model.Diagnostics) {
	for _, d := range diags {
		if !d.Pos.IsZero() {
			fmt.Fprintf(f.ErrOut, "%s: ", d.Pos)
		}
		fmt.Fprintf(f.ErrOut, "%s: %s\n", d.Severity, d.Summary)
		if d.Detail != "" {
			fmt.Fprintf(f.ErrOut, "    %s\n", d.Detail)
		}
	}
}
