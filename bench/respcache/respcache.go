// Package respcache is a whole-response cache for the GraphQL endpoint that
// stays correct after every write: a prototype, measured by the benchmark
// harness, of what server/ could adopt.
//
// A response is cached under the request's method, URL, Content-Type,
// Accept and body, with the store's write generation. Every write made
// through the store returned by Store (Load, Apply) bumps the generation when it
// starts and when it ends, so
//
//   - an entry made before a write is never served after the write began;
//   - a response computed while a write ran, or that overlapped one, is
//     never stored;
//   - a GraphQL mutation through the endpoint counts as a write.
//
// Only successful (2xx) answers without "errors" to query operations are
// stored. Writes that bypass the wrapped store (another process writing to
// the same Neo4j) are not seen: use it with the embedded store, or key it
// on a change feed.
package respcache

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"sync"
	"sync/atomic"

	"github.com/stancegraph/stancegraph"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// Cache holds the answers; Handler puts it in front of a GraphQL handler.
type Cache struct {
	maxEntries int
	maxBody    int64

	gen     atomic.Uint64 // bumped at the start and end of every write
	writing atomic.Int64  // writes in progress

	mu      sync.RWMutex
	entries map[string]*entry

	hits, misses atomic.Int64
}

type entry struct {
	gen         uint64
	status      int
	contentType string
	body        []byte
}

// New returns a cache of at most maxEntries answers.
func New(maxEntries int) *Cache {
	return &Cache{maxEntries: maxEntries, maxBody: 1 << 20, entries: map[string]*entry{}}
}

// Handler serves from the cache, asking next on a miss. next must serve a
// store wrapped by Store, so that writes invalidate the cache.
func (c *Cache) Handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { c.serve(next, w, r) })
}

// Stats returns the hits and misses so far.
func (c *Cache) Stats() (hits, misses int64) { return c.hits.Load(), c.misses.Load() }

// BeginWrite marks a write as started; call the returned function when it
// has ended (committed or not).
func (c *Cache) BeginWrite() (end func()) {
	c.writing.Add(1)
	c.gen.Add(1)
	return func() {
		c.gen.Add(1)
		c.writing.Add(-1)
	}
}

// Store wraps s so that its writes invalidate the cache. Every write
// method of the Store contract must be listed here.
func (c *Cache) Store(s stancegraph.Store) stancegraph.Store { return &store{s, c} }

type store struct {
	stancegraph.Store
	c *Cache
}

func (s *store) Load(ctx context.Context, d *stancegraph.Dataset) error {
	defer s.c.BeginWrite()()
	return s.Store.Load(ctx, d)
}

func (s *store) Apply(ctx context.Context, e *stancegraph.Edit) (*stancegraph.Revision, error) {
	defer s.c.BeginWrite()()
	return s.Store.Apply(ctx, e)
}

func (c *Cache) serve(next http.Handler, w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost && r.Method != http.MethodGet {
		next.ServeHTTP(w, r)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, c.maxBody+1))
	if err != nil || int64(len(body)) > c.maxBody {
		r.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body), r.Body))
		next.ServeHTTP(w, r)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	key := r.Method + "\x00" + r.URL.Path + "?" + r.URL.RawQuery + "\x00" + r.Header.Get("Content-Type") + "\x00" + r.Header.Get("Accept") + "\x00" + string(body)

	g0 := c.gen.Load()
	c.mu.RLock()
	e := c.entries[key]
	c.mu.RUnlock()
	if e != nil && e.gen == g0 && c.writing.Load() == 0 {
		c.hits.Add(1)
		w.Header().Set("Content-Type", e.contentType)
		w.WriteHeader(e.status)
		_, _ = w.Write(e.body)
		return
	}
	c.misses.Add(1)
	op := operation(r, body)
	if op == ast.Mutation || op == ast.Subscription {
		defer c.BeginWrite()()
		next.ServeHTTP(w, r)
		return
	}
	writing := c.writing.Load() > 0
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	next.ServeHTTP(rec, r)
	if op != ast.Query || writing || c.writing.Load() > 0 || c.gen.Load() != g0 ||
		rec.status/100 != 2 || bytes.Contains(rec.buf.Bytes(), []byte(`"errors":`)) {
		return
	}
	c.mu.Lock()
	if len(c.entries) >= c.maxEntries {
		for k := range c.entries { // evict one arbitrary entry
			delete(c.entries, k)
			break
		}
	}
	c.entries[key] = &entry{gen: g0, status: rec.status, contentType: rec.Header().Get("Content-Type"), body: bytes.Clone(rec.buf.Bytes())}
	c.mu.Unlock()
}

// operation returns the type of the operation the request runs, or "" if
// it cannot tell (no query text, e.g. a persisted-query hash alone).
func operation(r *http.Request, body []byte) ast.Operation {
	var q, name string
	if r.Method == http.MethodGet {
		q, name = r.URL.Query().Get("query"), r.URL.Query().Get("operationName")
	} else {
		var req struct {
			Query         string `json:"query"`
			OperationName string `json:"operationName"`
		}
		if err := json.Unmarshal(body, &req); err != nil {
			return ""
		}
		q, name = req.Query, req.OperationName
	}
	if q == "" {
		return ""
	}
	doc, err := parser.ParseQuery(&ast.Source{Input: q})
	if err != nil {
		return ""
	}
	if len(doc.Operations) == 1 && name == "" {
		return doc.Operations[0].Operation
	}
	if op := doc.Operations.ForName(name); op != nil {
		return op.Operation
	}
	return ""
}

// recorder passes the answer through and keeps a copy.
type recorder struct {
	http.ResponseWriter
	status int
	buf    bytes.Buffer
}

func (r *recorder) WriteHeader(s int) {
	r.status = s
	r.ResponseWriter.WriteHeader(s)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.buf.Write(b)
	return r.ResponseWriter.Write(b)
}
