package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stancegraph/stancegraph/storetest"
)

func testMain(stdout, stderr io.Writer) *Main {
	return &Main{Stdout: stdout, Stderr: stderr, Logger: slog.New(slog.NewTextHandler(stderr, nil))}
}

// TestServe starts `stancegraph serve` on the bundled data, as the README
// does, and asks it the foundation's question.
func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	m := testMain(io.Discard, io.Discard)
	m.Ready = ready
	done := make(chan error, 1)
	start := time.Now()
	go func() { done <- m.Serve(ctx, []string{"-addr", "127.0.0.1:0", "-journal", "", "-keys", ""}) }()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("serve stopped: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not start within 30s")
	}
	t.Logf("serve was ready in %s", time.Since(start))
	r := storetest.Post(t, "http://"+addr+"/graphql", `{ article(number: 5) { positions(stance: OPPOSES) { actor { id } source { url } } } }`, nil)
	if len(r.Errors) > 0 || !strings.Contains(string(r.Raw), `"IRN"`) {
		t.Fatalf("Iran is not among the opponents of Article 5: %s", r.Raw)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve did not shut down cleanly: %v", err)
	}
}

func TestValidate(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"validate", "-data", "../../data"}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"valid", "positions.csv", "unga_74_247_vote.csv", "release"} {
		if !strings.Contains(out.String(), want) {
			t.Fatalf("validate output lacks %q:\n%s", want, out.String())
		}
	}
	bad := t.TempDir()
	if err := os.WriteFile(bad+"/sources.csv", []byte("url,title\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := run(context.Background(), []string{"validate", "-data", bad}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "sources.csv:1: publisher: required column is missing") {
		t.Fatalf("validate of a bad folder: %v", err)
	}
}

func TestUsage(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"--help"}, &out, &errOut); err != nil || !strings.Contains(out.String(), "stancegraph serve") {
		t.Fatalf("--help: %v %q", err, out.String())
	}
	if err := run(context.Background(), []string{"serve", "-help"}, &out, &errOut); err != errUsage || !strings.Contains(errOut.String(), "-addr") {
		t.Fatalf("serve -help: %v %q", err, errOut.String())
	}
	if err := run(context.Background(), []string{"fly"}, &out, &errOut); err == nil {
		t.Fatal("an unknown command succeeded")
	}
	if err := run(context.Background(), []string{"load"}, &out, &errOut); err == nil || !strings.Contains(err.Error(), "NEO4J_URI") {
		t.Fatalf("load without Neo4j: %v", err)
	}
}

func TestConfigValidate(t *testing.T) {
	for _, c := range []struct {
		cfg Config
		ok  bool
	}{
		{Config{}, true},
		{Config{Store: "memory"}, true},
		{Config{Store: "neo4j"}, false},
		{Config{Store: "neo4j", Neo4jURI: "bolt://127.0.0.1:7687"}, true},
		{Config{Store: "sqlite"}, false},
	} {
		if err := c.cfg.Validate(); (err == nil) != c.ok {
			t.Errorf("%+v: Validate() = %v, want ok=%v", c.cfg, err, c.ok)
		}
	}
	if s := (&Config{Neo4jPassword: "secret"}).String(); strings.Contains(s, "secret") {
		t.Fatalf("the config log shows the password: %s", s)
	}
}

// TestGenerateAndDump: a generated folder validates, and dumping the
// embedded store loaded from it gives a folder that validates to the same size.
func TestGenerateAndDump(t *testing.T) {
	gen, dump := t.TempDir(), t.TempDir()
	if err := run(context.Background(), []string{"generate", "-scale", "2", "-seed", "7", "-out", gen}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := run(context.Background(), []string{"validate", "-data", gen}, &out, io.Discard); err != nil {
		t.Fatalf("generated data does not validate: %v", err)
	}
	if err := run(context.Background(), []string{"dump", "-store", "memory", "-data", gen, "-out", dump}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	var out2 bytes.Buffer
	if err := run(context.Background(), []string{"validate", "-data", dump}, &out2, io.Discard); err != nil {
		t.Fatalf("dumped data does not validate: %v", err)
	}
	pos := func(s string) string {
		for _, l := range strings.Split(s, "\n") {
			if strings.Contains(l, "positions.csv") {
				return strings.Join(strings.Fields(l)[2:], " ")
			}
		}
		return ""
	}
	if a, b := pos(out.String()), pos(out2.String()); a == "" || a != b {
		t.Fatalf("positions in generated %q vs dumped %q", a, b)
	}
}
