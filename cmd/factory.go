// Package cmd holds the migrate command line: one thin cobra command per
// file that parses flags and calls readers, writers, reports and datamove.
// Run is the whole program as a function of arguments and streams.
package cmd

import (
	"context"
	"io"
	"os"
	"time"
)

// Factory is what commands need from the world, injected so that tests run
// commands against in-memory streams.
type Factory struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// IsTerminal reports whether Out is a terminal (for colour and progress).
	IsTerminal bool
	Getenv     func(string) string
	Now        func() time.Time
	Context    context.Context
}

// System returns the factory for the real process.
func System() *Factory {
	return &Factory{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		IsTerminal: isTerminal(os.Stdout),
		Getenv:     os.Getenv,
		Now:        time.Now,
		Context:    context.Background(),
	}
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// color reports whether text output may use ANSI colours: only on a
// terminal, never with NO_COLOR set (https://no-color.org) or TERM=dumb.
func (f *Factory) color() bool {
	return f.IsTerminal && f.Getenv("NO_COLOR") == "" && f.Getenv("TERM") != "dumb"
}
