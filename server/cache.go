package server

import (
	"bytes"
	"container/list"
	"context"
	"crypto/sha256"
	"io"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/plan"
)

// responseCache answers repeated identical anonymous queries with the
// bytes of the first answer. Every write to the store (a load or a
// curator's edit) moves the generation on, and an answer is cached only if
// no write happened while it was computed, so the cache is never stale.
// It suits a store owned by this process (the embedded one); with Neo4j,
// writes by other servers would not be seen, so it is off there.
// It holds at most size answers and maxBytes bytes of them, least
// recently used out first; an answer over an eighth of maxBytes is not kept.
type responseCache struct {
	gen   atomic.Uint64
	cache *byteLRU
}

func newResponseCache(size int, maxBytes int64) *responseCache {
	return &responseCache{cache: &byteLRU{max: size, maxBytes: maxBytes, m: map[string]*list.Element{}, l: list.New()}}
}

// byteLRU is an LRU of byte slices bounded in entries and bytes.
type byteLRU struct {
	mu          sync.Mutex
	max         int
	maxBytes, n int64
	m           map[string]*list.Element
	l           *list.List // front: most recently used
}

type lruEntry struct {
	key string
	val []byte
}

func (c *byteLRU) Get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok {
		return nil, false
	}
	c.l.MoveToFront(e)
	return e.Value.(*lruEntry).val, true
}

func (c *byteLRU) Add(key string, val []byte) {
	size := int64(len(key) + len(val))
	if size > c.maxBytes/8 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[key]; ok {
		c.remove(e)
	}
	c.m[key] = c.l.PushFront(&lruEntry{key, val})
	c.n += size
	for c.n > c.maxBytes || c.l.Len() > c.max {
		c.remove(c.l.Back())
	}
}

func (c *byteLRU) remove(e *list.Element) {
	en := c.l.Remove(e).(*lruEntry)
	delete(c.m, en.key)
	c.n -= int64(len(en.key) + len(en.val))
}

// bytes is what the cache holds.
func (c *byteLRU) bytes() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

// Store wraps s so that writes move the generation on, before and after.
func (c *responseCache) Store(s stancegraph.Store) stancegraph.Store {
	return plan.Keep(s, &writeWatch{Store: s, c: c})
}

type writeWatch struct {
	stancegraph.Store
	c *responseCache
}

func (w *writeWatch) Load(ctx context.Context, d *stancegraph.Dataset) error {
	w.c.gen.Add(1)
	defer w.c.gen.Add(1)
	return w.Store.Load(ctx, d)
}

func (w *writeWatch) Apply(ctx context.Context, e *stancegraph.Edit) (*stancegraph.Revision, error) {
	w.c.gen.Add(1)
	defer w.c.gen.Add(1)
	return w.Store.Apply(ctx, e)
}

type recorder struct {
	http.ResponseWriter
	status int
	buf    bytes.Buffer
}

func (r *recorder) WriteHeader(code int) { r.status = code; r.ResponseWriter.WriteHeader(code) }
func (r *recorder) Write(b []byte) (int, error) {
	r.buf.Write(b)
	return r.ResponseWriter.Write(b)
}

// Middleware serves cached answers to anonymous POSTed queries.
func (c *responseCache) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.Header.Get("Authorization") != "" {
			next.ServeHTTP(w, r)
			return
		}
		body, err := io.ReadAll(r.Body)
		if err != nil {
			next.ServeHTTP(w, r) // the body limit answers
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		h := sha256.New()
		io.WriteString(h, r.Header.Get("Accept")+"\x00"+r.Header.Get("Content-Type")+"\x00")
		h.Write(body)
		gen := c.gen.Load()
		key := string(h.Sum(nil)) + "@" + strconv.FormatUint(gen, 10)
		if b, ok := c.cache.Get(key); ok {
			w.Header().Set("Content-Type", string(b[:bytes.IndexByte(b, 0)]))
			w.Header().Set("X-Stancegraph-Cache", "hit")
			_, _ = w.Write(b[bytes.IndexByte(b, 0)+1:])
			return
		}
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		// Only whole, successful query answers computed without a write in between.
		if rec.status == http.StatusOK && c.gen.Load() == gen && !bytes.Contains(rec.buf.Bytes(), []byte(`"errors"`)) &&
			!bytes.Contains(body, []byte("mutation")) && !bytes.Contains(body, []byte("subscription")) {
			ct := w.Header().Get("Content-Type")
			c.cache.Add(key, append(append([]byte(ct), 0), rec.buf.Bytes()...))
		}
	})
}
