package server

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/plan"
)

// Metrics are the Prometheus metrics of one server: HTTP requests and
// latency, GraphQL errors by code, and store round trips by method.
type Metrics struct {
	reg        *prometheus.Registry
	requests   *prometheus.CounterVec
	latency    *prometheus.HistogramVec
	errors     *prometheus.CounterVec
	roundTrips *prometheus.CounterVec
}

// NewMetrics registers the metrics in a registry of their own (plus the
// Go runtime and process collectors).
func NewMetrics() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "stancegraph_http_requests_total",
			Help: "HTTP requests by path and status."}, []string{"path", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "stancegraph_http_request_duration_seconds",
			Help: "HTTP request latency by path.", Buckets: prometheus.ExponentialBuckets(0.0005, 2, 16)}, []string{"path"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "stancegraph_graphql_errors_total",
			Help: "GraphQL errors by extensions.code."}, []string{"code"}),
		roundTrips: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "stancegraph_store_round_trips_total",
			Help: "Store calls (round trips to Neo4j on that backend) by method."}, []string{"method"}),
	}
	m.reg.MustRegister(m.requests, m.latency, m.errors, m.roundTrips,
		prometheus.NewGoCollector(), prometheus.NewProcessCollector(prometheus.ProcessCollectorOpts{}))
	return m
}

// Handler serves /metrics.
func (m *Metrics) Handler() http.Handler { return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}) }

// Store counts the round trips of s.
func (m *Metrics) Store(s stancegraph.Store) stancegraph.Store {
	return plan.Counted(s, func(method string) { m.roundTrips.WithLabelValues(method).Inc() })
}

// Middleware records each request under a fixed path label.
func (m *Metrics) Middleware(path string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		m.requests.WithLabelValues(path, strconv.Itoa(sw.status)).Inc()
		m.latency.WithLabelValues(path).Observe(time.Since(start).Seconds())
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) { w.status = code; w.ResponseWriter.WriteHeader(code) }

// Unwrap lets http.ResponseController reach the underlying writer (websockets).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// errorCounter is a gqlgen extension counting response errors by code.
type errorCounter struct{ m *Metrics }

func (errorCounter) ExtensionName() string                   { return "ErrorMetrics" }
func (errorCounter) Validate(graphql.ExecutableSchema) error { return nil }
func (e errorCounter) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	if resp != nil {
		for _, err := range resp.Errors {
			code, _ := err.Extensions["code"].(string)
			if code == "" {
				code = "UNKNOWN"
			}
			e.m.errors.WithLabelValues(code).Inc()
		}
	}
	return resp
}
