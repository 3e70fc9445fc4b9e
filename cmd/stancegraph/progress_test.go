package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stancegraph/stancegraph/neo4jstore"
)

// TestProgressPrinter: off a terminal, plain lines with rows, rate and time
// left, not one per batch, and always the last.
func TestProgressPrinter(t *testing.T) {
	var b bytes.Buffer
	p := progressPrinter(&b)
	for done := 1000; done <= 10000; done += 1000 {
		p(neo4jstore.LoadProgress{Step: "positions", Done: done, Total: 10000, Elapsed: time.Duration(done) * time.Millisecond})
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want the first and the last:\n%s", len(lines), b.String())
	}
	if got, want := lines[0], "load: 1000/10000 rows (10%), 1000 rows/s, 1s elapsed, 9s left (positions)"; got != want {
		t.Errorf("first line %q, want %q", got, want)
	}
	if got, want := lines[1], "load: 10000/10000 rows (100%), 1000 rows/s, 10s elapsed, 0s left (positions)"; got != want {
		t.Errorf("last line %q, want %q", got, want)
	}
	if strings.Contains(b.String(), "\r") {
		t.Error("a bar drawn off a terminal")
	}
}
