package cmd

import "fmt"

func errNotAvailable(name string) error {
	return fmt.Errorf("'migrate %s' is not available in this build yet", name)
}
