package respcache_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/bench/respcache"
	"github.com/stancegraph/stancegraph/data"
	"github.com/stancegraph/stancegraph/loaders"
	"github.com/stancegraph/stancegraph/memstore"
	"github.com/stancegraph/stancegraph/server"
)

func post(t *testing.T, url, query string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": query})
	res, err := http.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
}

// TestCorrectAfterWrites: a cached answer is served until a write, then the
// new data's answer, through the cache, as the uncached server gives it.
func TestCorrectAfterWrites(t *testing.T) {
	ctx := context.Background()
	base, _, err := loaders.Read(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	mem := memstore.New()
	c := respcache.New(100)
	s := c.Store(mem)
	if err := s.Load(ctx, base); err != nil {
		t.Fatal(err)
	}
	var calls atomic.Int64
	inner := server.New(s, server.Options{})
	srv := httptest.NewServer(c.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		inner.ServeHTTP(w, r)
	})))
	defer srv.Close()
	direct := httptest.NewServer(server.New(mem, server.Options{}))
	defer direct.Close()

	const q = `{ actor(id: "IRN") { name } }`
	first := post(t, srv.URL+"/graphql", q)
	if second := post(t, srv.URL+"/graphql", q); second != first || calls.Load() != 1 {
		t.Fatalf("second ask: %d calls to the server, answer %s", calls.Load(), second)
	}
	var irn *stancegraph.Actor
	for _, a := range base.Actors {
		if a.ID == "IRN" {
			c := *a
			c.Name = "Renamed by the test"
			irn = &c
		}
	}
	if err := s.Load(ctx, &stancegraph.Dataset{Actors: []*stancegraph.Actor{irn}, Release: base.Release}); err != nil {
		t.Fatal(err)
	}
	after := post(t, srv.URL+"/graphql", q)
	if !strings.Contains(after, "Renamed by the test") || after != post(t, direct.URL+"/graphql", q) {
		t.Fatalf("stale after a write: %s", after)
	}
	// Errors are not cached.
	bad := `{ article(number: 5, instrument: "no-such-treaty") { number } }`
	n := calls.Load()
	post(t, srv.URL+"/graphql", bad)
	post(t, srv.URL+"/graphql", bad)
	if calls.Load()-n != 2 {
		t.Fatalf("an error answer was cached")
	}
	if h, _ := c.Stats(); h != 1 {
		t.Fatalf("hits = %d, want 1", h)
	}
}

// TestCorrectAfterApply: a curator's edit through the wrapped store
// invalidates the cache too.
func TestCorrectAfterApply(t *testing.T) {
	ctx := context.Background()
	base, _, err := loaders.Read(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	mem := memstore.New()
	if err := mem.Load(ctx, base); err != nil {
		t.Fatal(err)
	}
	c := respcache.New(100)
	s := c.Store(mem)
	srv := httptest.NewServer(c.Handler(server.New(s, server.Options{})))
	defer srv.Close()
	const q = `{ actor(id: "IRN") { name } }`
	before := post(t, srv.URL+"/graphql", q)
	var irn stancegraph.Actor
	for _, a := range base.Actors {
		if a.ID == "IRN" {
			irn = *a
		}
	}
	irn.Name = "Edited by a curator"
	if _, err := s.Apply(ctx, &stancegraph.Edit{Author: "test", At: "2026-01-01T00:00:00Z", Reason: "test", Actor: &irn}); err != nil {
		t.Fatal(err)
	}
	if after := post(t, srv.URL+"/graphql", q); after == before || !strings.Contains(after, "Edited by a curator") {
		t.Fatalf("stale after Apply: %s", after)
	}
}
