package server

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestResponseCacheBytes: 2,000 distinct large answers leave the cache
// within its byte bound, keeping the most recent; an answer too large for
// it is not kept.
func TestResponseCacheBytes(t *testing.T) {
	const limit = 1 << 20
	c := newResponseCache(1000, limit)
	answer := strings.Repeat("x", 20<<10)
	h := c.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"data":%q}`, answer)
	}))
	post := func(i int) string {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(fmt.Sprintf(`{"query":"{ q%d }"}`, i))))
		return rec.Header().Get("X-Stancegraph-Cache")
	}
	for i := 0; i < 2000; i++ {
		post(i)
	}
	if n := c.cache.bytes(); n > limit || n < limit/2 {
		t.Fatalf("the cache holds %d bytes; the bound is %d", n, limit)
	}
	if post(1999) != "hit" || post(0) == "hit" {
		t.Fatal("the most recent answer should be kept, the oldest dropped")
	}
	answer = strings.Repeat("y", limit/4)
	post(5000)
	if post(5000) == "hit" {
		t.Fatal("an answer of a quarter of the bound was kept")
	}
}
