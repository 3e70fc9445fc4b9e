package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/stancegraph/stancegraph/neo4jstore"
)

// progressEvery is how often a plain (non-terminal) progress line is written.
const progressEvery = 2 * time.Second

// progressPrinter reports a load's progress on w: a bar redrawn in place
// when w is a terminal, otherwise a plain line every progressEvery and at
// the end: rows done of all, rows per second and time left.
func progressPrinter(w io.Writer) func(neo4jstore.LoadProgress) {
	tty := isTerminal(w)
	var last time.Time
	return func(p neo4jstore.LoadProgress) {
		done := p.Done == p.Total
		switch {
		case tty:
			fmt.Fprintf(w, "\r%s", progressBar(p))
			if done {
				fmt.Fprintln(w)
			}
		case done || time.Since(last) >= progressEvery:
			last = time.Now()
			fmt.Fprintln(w, progressLine(p))
		}
	}
}

// progressLine is one plain progress line.
func progressLine(p neo4jstore.LoadProgress) string {
	pct := 0.0
	if p.Total > 0 {
		pct = 100 * float64(p.Done) / float64(p.Total)
	}
	return fmt.Sprintf("load: %d/%d rows (%.0f%%), %.0f rows/s, %s elapsed, %s left (%s)",
		p.Done, p.Total, pct, p.Rate(), p.Elapsed.Round(time.Second), p.Left().Round(time.Second), p.Step)
}

// progressBar is progressLine behind a 30-character bar, padded to
// overwrite a longer previous line.
func progressBar(p neo4jstore.LoadProgress) string {
	const width = 30
	n := 0
	if p.Total > 0 {
		n = width * p.Done / p.Total
	}
	return fmt.Sprintf("[%s%s] %-100s", strings.Repeat("#", n), strings.Repeat(".", width-n), progressLine(p))
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
