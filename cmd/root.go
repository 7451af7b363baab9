package cmd

import (
	"errors"
	"fmt"
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

// Run runs the program with args and returns the exit code.
func Run(args []string, f *Factory) int {
	root := NewRootCmd(f)
	root.SetArgs(args)
	err := root.ExecuteContext(f.Context)
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintf(f.ErrOut, "migrate: %s\n", ee.err)
			if ee.code == ExitUsage {
				fmt.Fprintln(f.ErrOut, "Run 'migrate --help' for usage.")
			}
		}
		return ee.code
	}
	// Cobra's own argument and flag errors are usage errors.
	msg := err.Error()
	if strings.HasPrefix(msg, "unknown command") || strings.HasPrefix(msg, "unknown flag") ||
		strings.HasPrefix(msg, "unknown shorthand flag") || strings.Contains(msg, "flag needs an argument") ||
		strings.Contains(msg, "invalid argument") || strings.Contains(msg, "accepts ") ||
		strings.Contains(msg, "required flag") {
		fmt.Fprintf(f.ErrOut, "migrate: %s\nRun 'migrate --help' for usage.\n", msg)
		return ExitUsage
	}
	fmt.Fprintf(f.ErrOut, "migrate: %s\n", msg)
	return ExitFailure
}

// NewRootCmd builds the command tree.
func NewRootCmd(f *Factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "migrate",
		Short: "Move an AWS Amplify Gen 1 project to Amplify Gen 2",
		Long: `migrate moves an AWS Amplify Gen 1 project to Amplify Gen 2.

  analyze   report every resource and setting and how it reaches Gen 2
  convert   write the equivalent Gen 2 project (amplify/backend.ts and friends)
  data      copy the DynamoDB tables of a Gen 1 API into the Gen 2 one

Start with 'migrate analyze' in the folder that holds amplify/.`,
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
	root.AddCommand(
		NewAnalyzeCmd(f, nil),
		NewConvertCmd(f, nil),
		NewDataCmd(f, nil),
		NewVersionCmd(f),
	)
	return root
}

// exactArgs is cobra.RangeArgs with a usage error.
func maxArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > n {
			return usageErrorf("%s takes at most %d argument(s), got %d: %s", cmd.CommandPath(), n, len(args), strings.Join(args, " "))
		}
		return nil
	}
}
