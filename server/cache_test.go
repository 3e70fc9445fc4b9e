package server_test

import (
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stancegraph/stancegraph/auth"
	"github.com/stancegraph/stancegraph/memstore"
	"github.com/stancegraph/stancegraph/server"
	"github.com/stancegraph/stancegraph/storetest"
)

// TestResponseCacheStaysCorrect: a repeated query is answered from the
// cache, and a curator's write is visible to the very next read.
func TestResponseCacheStaysCorrect(t *testing.T) {
	ks, _ := auth.Open(filepath.Join(t.TempDir(), "keys.json"))
	key, _, _ := ks.Add(auth.RoleCurator, "c")
	s := memstore.New()
	storetest.MustLoad(t, s, storetest.Bundled(t))
	ts := httptest.NewServer(server.New(s, server.Options{Keys: ks, ResponseCache: 100}))
	defer ts.Close()
	post := func(body, key string) (string, string) {
		res, b := postBody(t, ts.URL+"/graphql", key, body)
		return res.Header.Get("X-Stancegraph-Cache"), string(b)
	}
	const q = `{"query":"{ actor(id: \"IRN\") { name positions { id } } }"}`
	if hit, _ := post(q, ""); hit != "" {
		t.Fatal("the first answer came from the cache")
	}
	hit, before := post(q, "")
	if hit != "hit" {
		t.Fatal("the repeated query was not answered from the cache")
	}
	m := `{"query":"mutation { upsertPosition(input: {id: \"pos-cache\", actor: \"IRN\", topics: [\"scope\"], stance: OPPOSES, sourceUrls: [\"` + seedURL + `\"], verification: UNVERIFIED}) { revision { version } } }"}`
	if _, out := post(m, key); !strings.Contains(out, `"version":1`) {
		t.Fatalf("mutation: %s", out)
	}
	hit, after := post(q, "")
	if hit == "hit" || after == before || !strings.Contains(after, "pos-cache") {
		t.Fatalf("a stale answer after a write (cache %q): %s", hit, after)
	}
}

// TestAnalyticsMemoStaysCorrect: a kept analytics result is dropped by the
// next write (authenticated reads bypass the response cache, so this checks
// the memo itself).
func TestAnalyticsMemoStaysCorrect(t *testing.T) {
	ks, _ := auth.Open(filepath.Join(t.TempDir(), "keys.json"))
	key, _, _ := ks.Add(auth.RoleCurator, "c")
	s := memstore.New()
	storetest.MustLoad(t, s, storetest.Bundled(t))
	ts := httptest.NewServer(server.New(s, server.Options{Keys: ks, ResponseCache: 100}))
	defer ts.Close()
	post := func(body string) string {
		_, b := postBody(t, ts.URL+"/graphql", key, body)
		return string(b)
	}
	const q = `{"query":"{ contested(first: 500) { item { id } } }"}`
	before := post(q)
	if post(q) != before || strings.Contains(before, `"uncc:60"`) {
		t.Fatalf("unexpected: %.300s", before)
	}
	m := `{"query":"mutation { upsertPosition(input: {id: \"pos-memo\", actor: \"IRN\", instrument: \"uncc\", article: 60, stance: OPPOSES, sourceUrls: [\"` + seedURL + `\"], verification: UNVERIFIED}) { revision { version } } }"}`
	if out := post(m); !strings.Contains(out, `"version":1`) {
		t.Fatalf("mutation: %s", out)
	}
	if after := post(q); !strings.Contains(after, `"uncc:60"`) {
		t.Fatalf("the memo served a result from before the write: %.300s", after)
	}
}
