// Package server wires the GraphQL API, GraphiQL and the health endpoints
// into one http.Handler with the limits a public endpoint needs.
package server

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/auth"
	"github.com/stancegraph/stancegraph/graph"
	"github.com/stancegraph/stancegraph/resolvers"
	"github.com/stancegraph/stancegraph/web"
	"github.com/vektah/gqlparser/v2/ast"
)

// Options are the limits and switches of the HTTP API. Zero values take
// the defaults of DefaultOptions.
type Options struct {
	MaxBodyBytes    int64         // request body limit
	Timeout         time.Duration // per request
	MaxComplexity   int           // estimated result nodes (see Cost)
	MaxFields       int           // fields with fragments expanded (see Cost)
	ListEstimate    int           // size assumed for a list without `first` (see Cost)
	AnalyticsActors int           // multiples of all actors a request's analytics may cover (see Cost)
	MaxResultNodes  int           // fields resolved per request before it is aborted
	MaxDepth        int           // selection depth limit
	// MaxSubscriptions bounds the subscriptions open in the server, and
	// MaxConnSubscriptions those on one websocket connection.
	MaxSubscriptions, MaxConnSubscriptions int
	Introspection                          bool
	DisablePlayground                      bool
	Keys                                   *auth.Keys        // API keys for curators and admins; nil: no writes
	PrivateReads                           bool              // reads need a key too
	Events                                 *resolvers.Broker // position changes for subscriptions; nil: a new broker
	Metrics                                *Metrics          // Prometheus metrics at /metrics; nil: new ones
	// ResponseCache is the number of answers to repeated anonymous queries
	// kept; 0: no cache. Writes through this server clear it; use it only
	// when this server owns the store (the embedded one).
	ResponseCache int
	// ResponseCacheBytes bounds the bytes of the answers the cache keeps.
	ResponseCacheBytes int64
	// KeepAnalytics keeps analytics results (blocs, contested, swings,
	// centrality) until the next write through this server. Like the
	// response cache, use it only when this server owns the store.
	KeepAnalytics bool
	// CORS lists the origins external frontends may call from ("*": any); empty: same origin only.
	CORS []string
}

// DefaultOptions are the limits used unless configured otherwise.
func DefaultOptions() Options {
	return Options{MaxBodyBytes: 1 << 20, Timeout: 10 * time.Second, MaxComplexity: 100_000, MaxFields: 2000, ListEstimate: 20,
		AnalyticsActors: 4, MaxResultNodes: 250_000, MaxDepth: 12, Introspection: true, ResponseCacheBytes: 64 << 20,
		MaxSubscriptions: 10_000, MaxConnSubscriptions: 100}
}

// withDefaults fills the zero limits from DefaultOptions.
func (o Options) withDefaults() Options {
	d := DefaultOptions()
	o.MaxBodyBytes = cmp.Or(o.MaxBodyBytes, d.MaxBodyBytes)
	o.Timeout = cmp.Or(o.Timeout, d.Timeout)
	o.MaxComplexity = cmp.Or(o.MaxComplexity, d.MaxComplexity)
	o.MaxFields = cmp.Or(o.MaxFields, d.MaxFields)
	o.ListEstimate = cmp.Or(o.ListEstimate, d.ListEstimate)
	o.AnalyticsActors = cmp.Or(o.AnalyticsActors, d.AnalyticsActors)
	o.MaxResultNodes = cmp.Or(o.MaxResultNodes, d.MaxResultNodes)
	o.MaxDepth = cmp.Or(o.MaxDepth, d.MaxDepth)
	o.ResponseCacheBytes = cmp.Or(o.ResponseCacheBytes, d.ResponseCacheBytes)
	o.MaxSubscriptions = cmp.Or(o.MaxSubscriptions, d.MaxSubscriptions)
	o.MaxConnSubscriptions = cmp.Or(o.MaxConnSubscriptions, d.MaxConnSubscriptions)
	return o
}

// New returns the stancegraph HTTP handler over s.
func New(s stancegraph.Store, o Options) http.Handler {
	o = o.withDefaults()
	if o.Events == nil {
		o.Events = resolvers.NewBroker()
	}
	if o.Metrics == nil {
		o.Metrics = NewMetrics()
	}
	s = o.Metrics.Store(s)
	cached := func(h http.Handler) http.Handler { return h }
	var memo *resolvers.Memo
	if o.ResponseCache > 0 || o.KeepAnalytics {
		rc := newResponseCache(max(o.ResponseCache, 1), o.ResponseCacheBytes)
		s = rc.Store(s)
		memo = &resolvers.Memo{Gen: rc.gen.Load}
		if o.ResponseCache > 0 {
			cached = rc.Middleware
		}
	}
	mux := http.NewServeMux()
	metrics := o.Metrics.Handler()
	if o.PrivateReads {
		metrics = auth.Middleware(o.Keys, true, metrics)
	}
	mux.Handle("GET /metrics", metrics)
	gql := resolvers.WithDataloaders(s, graphQL(s, o, memo))
	// Subscriptions upgrade to a websocket that outlives the request limits.
	api := limitBody(o.MaxBodyBytes, cached(HTTPSpec(withTimeout(o.Timeout, gql))))
	mux.Handle("/graphql", o.Metrics.Middleware("/graphql", auth.Middleware(o.Keys, o.PrivateReads, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && strings.EqualFold(r.Header.Get("Upgrade"), "websocket") {
			gql.ServeHTTP(w, r)
			return
		}
		api.ServeHTTP(w, r)
	}))))
	if !o.DisablePlayground {
		mux.Handle("GET /{$}", web.GraphiQL())
		mux.Handle("GET /graphiql/", web.GraphiQL())
	}
	exportRoutes(mux, s, o)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := s.Ping(ctx); err != nil {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "error": stancegraph.ErrorMessage(err)})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	})
	if len(o.CORS) > 0 {
		return CORS(o.CORS, mux)
	}
	return mux
}

// GraphQL returns the bare gqlgen handler with its extensions and limits.
func GraphQL(s stancegraph.Store, o Options) *handler.Server {
	return graphQL(s, o.withDefaults(), nil)
}

func graphQL(s stancegraph.Store, o Options, memo *resolvers.Memo) *handler.Server {
	es := graph.NewExecutableSchema(graph.Config{Resolvers: &resolvers.Resolver{Store: s, Keys: o.Keys, Events: o.Events, Memo: memo}})
	srv := handler.New(es)
	srv.AddTransport(transport.Websocket{KeepAlivePingInterval: 10 * time.Second, InitFunc: initConn})
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	if o.Introspection {
		srv.Use(extension.Introspection{})
	} else {
		srv.SetDisableSuggestion(true) // "Did you mean …" would name the fields introspection hides
		srv.Use(noIntrospection{})
	}
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
	srv.Use(DepthLimit(o.MaxDepth))
	srv.Use(Cost{MaxFields: o.MaxFields, MaxComplexity: o.MaxComplexity, ListEstimate: o.ListEstimate, PageLimit: resolvers.MaxPageSize,
		AnalyticsActors: o.AnalyticsActors, Actors: actorCount(s), NoIntrospection: !o.Introspection, Counted: lru.New[struct{}](1000)})
	srv.Use(resultBudget{int64(o.MaxResultNodes)})
	srv.Use(newSubscriptionLimit(o.MaxConnSubscriptions, o.MaxSubscriptions))
	if o.Metrics != nil {
		srv.Use(errorCounter{o.Metrics})
	}
	srv.SetErrorPresenter(resolvers.ErrorPresenter)
	srv.SetRecoverFunc(resolvers.Recover)
	return srv
}

// actorCount returns the number of actors in s, asked at most once a minute.
func actorCount(s stancegraph.Store) func(context.Context) int {
	var (
		mu sync.Mutex
		n  int
		at time.Time
	)
	return func(ctx context.Context) int {
		mu.Lock()
		defer mu.Unlock()
		if n > 0 && time.Since(at) < time.Minute {
			return n
		}
		if _, total, err := s.FindActors(ctx, stancegraph.ActorFilter{Limit: 1}); err == nil {
			n, at = total, time.Now()
		}
		return n
	}
}

func limitBody(n int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > n {
			writeJSON(w, http.StatusRequestEntityTooLarge, gqlErrors("The request body is larger than the limit of %d bytes.", n))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, n)
		next.ServeHTTP(w, r)
	})
}

// withTimeout bounds each request. When the deadline passes before gqlgen
// has any result, gqlgen answers with a bare null; the client gets a clear
// GraphQL error instead.
func withTimeout(d time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		rec := &recorder{ResponseWriter: discard{w}, status: http.StatusOK}
		next.ServeHTTP(rec, r.WithContext(ctx))
		if ctx.Err() != nil && bytes.Equal(bytes.TrimSpace(rec.buf.Bytes()), []byte("null")) {
			w.Header().Set("Content-Type", "application/json")
			writeJSON(w, http.StatusOK, map[string]any{"errors": []map[string]any{{
				"message": "The request took too long and was cancelled.", "extensions": map[string]any{"code": stancegraph.EUNAVAILABLE}}}})
			return
		}
		w.WriteHeader(rec.status)
		_, _ = w.Write(rec.buf.Bytes())
	})
}

// discard keeps a writer's headers but holds back its status and body, so
// withTimeout can decide what to send.
type discard struct{ http.ResponseWriter }

func (discard) WriteHeader(int)             {}
func (discard) Write(b []byte) (int, error) { return len(b), nil }

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
