package cmd

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// Exit codes.
const (
	ExitOK      = 0
	ExitFailure = 1 // bad input or a failure
	ExitUsage   = 2 // the command line was wrong
	ExitFailOn  = 3 // --fail-on found findings at or above the level
)

// exitError carries an exit code with an optional message. An exitError
// with a nil err prints nothing (the command already explained itself).
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return &exitError{code: ExitUsage, err: fmt.Errorf(format, args...)}
}

func silentExit(code int) error { return &exitError{code: code} }

// Version is set at build time with -ldflags "-X ...cmd.Version=v1.2.3".
var Version = "dev"

// Run runs the program with args and returns the exit code. It is the one
// place that maps errors to exit codes: exitErrors carry theirs; any other
// error comes from cobra's parsing of the command line (a usage error); a
// panic is a bug, reported as an internal error without a stack trace.
func Run(args []string, f *Factory) int {
	return run(NewRootCmd(f), args, f)
}

// run executes a command tree; tests give it trees whose commands have
// their run functions replaced.
func run(root *cobra.Command, args []string, f *Factory) (code int) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(f.ErrOut, "migrate: internal error: %v\nThis is a bug in amplify-migrate; please report it with the command you ran (set MIGRATE_DEBUG=1 to see where it happened).\n", p)
			if f.getenv("MIGRATE_DEBUG") != "" {
				fmt.Fprintf(f.ErrOut, "%s", debug.Stack())
			}
			code = ExitFailure
		}
	}()
	root.SetArgs(args)
	ctx := f.Context
	if ctx == nil {
		ctx = context.Background()
	}
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintf(f.ErrOut, "migrate: %s\n", ee.err)
			if ee.code == ExitUsage {
				fmt.Fprintf(f.ErrOut, "Run '%s --help' for usage.\n", commandPath(root, args))
			}
		}
		return ee.code
	}
	fmt.Fprintf(f.ErrOut, "migrate: %s\nRun '%s --help' for usage.\n", err, commandPath(root, args))
	return ExitUsage
}

// commandPath names the subcommand the arguments select, for the usage hint.
func commandPath(root *cobra.Command, args []string) string {
	if c, _, err := root.Find(args); err == nil && c != nil {
		return c.CommandPath()
	}
	return root.Name()
}

// failure marks an error from a command's run function as a failure (exit
// 1) unless it already carries an exit code, so that Run can tell it from
// cobra's usage errors.
func failure(err error) error {
	if err == nil {
		return nil
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return err
	}
	return &exitError{code: ExitFailure, err: err}
}

// NewRootCmd builds the command tree.
func NewRootCmd(f *Factory) *cobra.Command {
	return newRoot(f,
		NewAnalyzeCmd(f, nil),
		NewConvertCmd(f, nil),
		NewDataCmd(f, nil),
		NewVersionCmd(f),
		NewCompletionCmd(f),
	)
}

// newRoot builds the root command over the given subcommands.
func newRoot(f *Factory, cmds ...*cobra.Command) *cobra.Command {
	root := &cobra.Command{
		Use:   "migrate",
		Short: "Move an AWS Amplify Gen 1 project to Amplify Gen 2",
		Long: `migrate moves an AWS Amplify Gen 1 project to Amplify Gen 2.

Start with 'migrate analyze' in the folder that holds amplify/: it reports
every resource and setting and how each reaches Gen 2. 'migrate convert'
then writes the Gen 2 project (amplify/backend.ts and its resources, with
MIGRATION.md listing what needs a person), and 'migrate data' copies the
GraphQL API's DynamoDB tables.

Exit status: 0 done, 1 bad input or a failure, 2 usage error, 3 when
'analyze --fail-on' finds findings at or above the given level.`,
		Example: `  # What will the migration take?
  migrate analyze ./my-app

  # Write the Gen 2 project beside the Gen 1 one
  migrate convert ./my-app --out ./my-app-gen2

  # Shell completion for the current bash session
  source <(migrate completion bash)`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       Version,
	}
	root.SetOut(f.Out)
	root.SetErr(f.ErrOut)
	root.SetIn(f.In)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &exitError{code: ExitUsage, err: err}
	})
	// Our completion command replaces cobra's default one so that its help
	// has examples and its argument is checked like any other.
	root.CompletionOptions.DisableDefaultCmd = true
	root.AddCommand(cmds...)
	return root
}

// maxArgs is cobra.MaximumNArgs with a usage error.
func maxArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > n {
			return usageErrorf("%s takes at most %d argument(s), got %d: %s", cmd.CommandPath(), n, len(args), strings.Join(args, " "))
		}
		return nil
	}
}
