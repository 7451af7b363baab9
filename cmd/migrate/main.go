// Command migrate moves AWS Amplify Gen 1 projects to Amplify Gen 2.
package main

import (
	"os"

	"github.com/amplify-migrate/amplify-migrate/cmd"
)

func main() { os.Exit(cmd.Run(os.Args[1:], cmd.System())) }
