// Package server wires the GraphQL API, GraphiQL and the health endpoints
// into one http.Handler with the limits a public endpoint needs.
package server

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
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
	MaxBodyBytes      int64         // request body limit
	Timeout           time.Duration // per request
	MaxComplexity     int           // gqlgen complexity limit
	MaxDepth          int           // selection depth limit
	Introspection     bool
	DisablePlayground bool
	Keys              *auth.Keys        // API keys for curators and admins; nil: no writes
	PrivateReads      bool              // reads need a key too
	Events            *resolvers.Broker // position changes for subscriptions; nil: a new broker
	Metrics           *Metrics          // Prometheus metrics at /metrics; nil: new ones
	// ResponseCache is the number of answers to repeated anonymous queries
	// kept; 0: no cache. Writes through this server clear it; use it only
	// when this server owns the store (the embedded one).
	ResponseCache int
	// KeepAnalytics keeps analytics results (blocs, contested, swings,
	// centrality) until the next write through this server. Like the
	// response cache, use it only when this server owns the store.
	KeepAnalytics bool
	// CORS lists the origins external frontends may call from ("*": any); empty: same origin only.
	CORS []string
}

// DefaultOptions are the limits used unless configured otherwise.
func DefaultOptions() Options {
	return Options{MaxBodyBytes: 1 << 20, Timeout: 10 * time.Second, MaxComplexity: 5000, MaxDepth: 12, Introspection: true}
}

// New returns the stancegraph HTTP handler over s.
func New(s stancegraph.Store, o Options) http.Handler {
	d := DefaultOptions()
	if o.MaxBodyBytes == 0 {
		o.MaxBodyBytes = d.MaxBodyBytes
	}
	if o.Timeout == 0 {
		o.Timeout = d.Timeout
	}
	if o.MaxComplexity == 0 {
		o.MaxComplexity = d.MaxComplexity
	}
	if o.MaxDepth == 0 {
		o.MaxDepth = d.MaxDepth
	}
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
		rc := newResponseCache(max(o.ResponseCache, 1))
		s = rc.Store(s)
		memo = &resolvers.Memo{Gen: rc.gen.Load}
		if o.ResponseCache > 0 {
			cached = rc.Middleware
		}
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", o.Metrics.Handler())
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
func GraphQL(s stancegraph.Store, o Options) *handler.Server { return graphQL(s, o, nil) }

func graphQL(s stancegraph.Store, o Options, memo *resolvers.Memo) *handler.Server {
	es := graph.NewExecutableSchema(graph.Config{Resolvers: &resolvers.Resolver{Store: s, Keys: o.Keys, Events: o.Events, Memo: memo}})
	srv := handler.New(es)
	srv.AddTransport(transport.Websocket{KeepAlivePingInterval: 10 * time.Second})
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	if o.Introspection {
		srv.Use(extension.Introspection{})
	} else {
		srv.Use(noIntrospection{})
	}
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
	srv.Use(extension.FixedComplexityLimit(o.MaxComplexity))
	srv.Use(DepthLimit(o.MaxDepth))
	if o.Metrics != nil {
		srv.Use(errorCounter{o.Metrics})
	}
	srv.SetErrorPresenter(resolvers.ErrorPresenter)
	srv.SetRecoverFunc(resolvers.Recover)
	return srv
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
