package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// enumValue is a string flag that only takes one of a fixed set of values,
// checked when parsed (see cli/cli StringEnumFlag).
type enumValue struct {
	value   *string
	options []string
}

func (e *enumValue) String() string { return *e.value }
func (e *enumValue) Type() string   { return "string" }
func (e *enumValue) Set(v string) error {
	for _, o := range e.options {
		if strings.EqualFold(v, o) {
			*e.value = o
			return nil
		}
	}
	return fmt.Errorf("valid values are %s", strings.Join(e.options, ", "))
}

// enumFlag adds an enum flag with shell completion of its values.
func enumFlag(cmd *cobra.Command, fs *pflag.FlagSet, p *string, name, def string, options []string, usage string) {
	*p = def
	fs.Var(&enumValue{value: p, options: options}, name, fmt.Sprintf("%s: {%s}", usage, strings.Join(options, "|")))
	_ = cmd.RegisterFlagCompletionFunc(name, func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return options, cobra.ShellCompDirectiveNoFileComp
	})
}
