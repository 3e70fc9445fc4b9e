package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"testing"
	"time"

	"github.com/stancegraph/stancegraph/queries"
	"github.com/stancegraph/stancegraph/storetest"
)

// serveAt starts `stancegraph serve` with args and returns its address and a stop function.
func serveAt(t *testing.T, args ...string) (string, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan string, 1), make(chan error, 1)
	m := testMain(io.Discard, io.Discard)
	m.Ready = ready
	go func() {
		done <- m.Serve(ctx, append([]string{"-addr", "127.0.0.1:0", "-journal", "", "-keys", ""}, args...))
	}()
	select {
	case addr := <-ready:
		return addr, func() { cancel(); <-done }
	case err := <-done:
		t.Fatalf("serve %v: %v", args, err)
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not start")
	}
	return "", nil
}

// useNeo4j points the commands at the test Neo4j (NEO4J_TEST_URI, set by
// scripts/test), or skips the test without one (fails it with CI=true).
func useNeo4j(t *testing.T) {
	t.Helper()
	uri := os.Getenv("NEO4J_TEST_URI")
	if uri == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but NEO4J_TEST_URI is not set (scripts/test starts Neo4j)")
		}
		t.Skip("Neo4j test skipped: NEO4J_TEST_URI is not set (run scripts/test)")
	}
	t.Setenv("NEO4J_URI", uri)
	t.Setenv("NEO4J_USERNAME", os.Getenv("NEO4J_TEST_USERNAME"))
	t.Setenv("NEO4J_PASSWORD", os.Getenv("NEO4J_TEST_PASSWORD"))
}

// TestLoadThenServeNeo4j: `stancegraph load` then `stancegraph serve`
// against Neo4j answer the foundation's queries with the same JSON as the
// embedded default.
func TestLoadThenServeNeo4j(t *testing.T) {
	useNeo4j(t)
	var out bytes.Buffer
	if err := run(context.Background(), []string{"load"}, &out, io.Discard); err != nil {
		t.Fatalf("stancegraph load: %v", err)
	}
	neoAddr, stopNeo := serveAt(t)
	defer stopNeo()
	memAddr, stopMem := serveAt(t, "-store", "memory")
	defer stopMem()
	for _, name := range []string{"WhoOpposesArticle5", "WhereDoesMicrosoftStand", "VoidArticles", "StateInOneQuery"} {
		q := queries.GraphQL[name]
		want := storetest.Post(t, "http://"+memAddr+"/graphql", q, nil)
		got := storetest.Post(t, "http://"+neoAddr+"/graphql", q, nil)
		if len(want.Errors) > 0 || !bytes.Equal(want.Raw, got.Raw) {
			t.Errorf("%s differs\nembedded: %.1500s\nneo4j:    %.1500s", name, want.Raw, got.Raw)
		}
	}
}
