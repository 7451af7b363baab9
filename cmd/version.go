package cmd

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"
)

// NewVersionCmd prints the version.
func NewVersionCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print the version of migrate",
		Example: "  migrate version",
		Args:    maxArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintf(f.Out, "migrate %s (%s, %s/%s)\n", Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return nil
		},
	}
}
