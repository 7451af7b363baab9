package cmd

import (
	"fmt"

	"github.com/spf13/cobra"
)

// shells are the shells completion scripts are generated for.
var shells = []string{"bash", "zsh", "fish", "powershell"}

// NewCompletionCmd builds `migrate completion SHELL`.
func NewCompletionCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "Print the shell completion script for bash, zsh, fish or PowerShell",
		Long: `Print a script that completes migrate's commands, flags and flag values
(--format, --fail-on, --tables, --auth) in your shell. Load it in the
current session, or install it where your shell looks for completions.`,
		Example: `  # bash, this session (needs the bash-completion package)
  source <(migrate completion bash)

  # bash, every session (Linux)
  migrate completion bash > /etc/bash_completion.d/migrate

  # zsh (completion must be on: autoload -U compinit; compinit)
  migrate completion zsh > "${fpath[1]}/_migrate"

  # fish
  migrate completion fish > ~/.config/fish/completions/migrate.fish

  # PowerShell
  migrate completion powershell | Out-String | Invoke-Expression`,
		ValidArgs:             shells,
		DisableFlagsInUseLine: true,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("%s needs exactly one shell: bash, zsh, fish or powershell", cmd.CommandPath())
			}
			for _, s := range shells {
				if args[0] == s {
					return nil
				}
			}
			return usageErrorf("unknown shell %q: choose bash, zsh, fish or powershell", args[0])
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			root := cmd.Root()
			var err error
			switch args[0] {
			case "bash":
				err = root.GenBashCompletionV2(f.Out, true)
			case "zsh":
				err = root.GenZshCompletion(f.Out)
			case "fish":
				err = root.GenFishCompletion(f.Out, true)
			case "powershell":
				err = root.GenPowerShellCompletionWithDesc(f.Out)
			}
			if err != nil {
				return failure(fmt.Errorf("writing the %s completion script: %w", args[0], err))
			}
			return nil
		},
	}
}
