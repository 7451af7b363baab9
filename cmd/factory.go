// Package cmd holds the migrate command line: one thin cobra command per
// file that parses flags and calls readers, writers, reports and datamove.
// Run is the whole program as a function of arguments and streams.
package cmd

import (
	"context"
	"io"
	"os"
	"strconv"
	"time"

	"golang.org/x/term"
)

// Factory is what commands need from the world, injected so that tests run
// commands against in-memory streams.
type Factory struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// IsTerminal reports whether Out is a terminal (for colour and progress).
	IsTerminal bool
	// Width is the terminal's width in columns, 0 when unknown.
	Width   int
	Getenv  func(string) string
	Now     func() time.Time
	Context context.Context
}

// System returns the factory for the real process.
func System() *Factory {
	f := &Factory{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		IsTerminal: term.IsTerminal(int(os.Stdout.Fd())),
		Getenv:     os.Getenv,
		Now:        time.Now,
		Context:    context.Background(),
	}
	if f.IsTerminal {
		if w, _, err := term.GetSize(int(os.Stdout.Fd())); err == nil {
			f.Width = w
		}
	}
	return f
}

// color reports whether text output may use ANSI colours: only on a
// terminal, never with NO_COLOR set (https://no-color.org) or TERM=dumb.
func (f *Factory) color() bool {
	return f.IsTerminal && f.getenv("NO_COLOR") == "" && f.getenv("TERM") != "dumb"
}

// width is the line width for text reports: $COLUMNS when set (scripts and
// CI set it to get a fixed layout), else the terminal's width, else 0 (the
// report's default).
func (f *Factory) width() int {
	if n, err := strconv.Atoi(f.getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	return f.Width
}

func (f *Factory) getenv(k string) string {
	if f.Getenv == nil {
		return ""
	}
	return f.Getenv(k)
}
