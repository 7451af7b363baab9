package cmd

import (
	"github.com/spf13/cobra"
)

// DataOptions are the data command's inputs.
type DataOptions struct{}

// NewDataCmd builds `migrate data`.
func NewDataCmd(f *Factory, runF func(*DataOptions) error) *cobra.Command {
	return &cobra.Command{
		Use:   "data",
		Short: "Copy the DynamoDB tables of a Gen 1 API into a Gen 2 backend (not available yet)",
		Long:  "migrate data is not available in this build yet.",
		RunE: func(cmd *cobra.Command, args []string) error {
			return &exitError{code: ExitFailure, err: errNotAvailable("data")}
		},
	}
}
