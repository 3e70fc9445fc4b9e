package server_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stancegraph/stancegraph/memstore"
	"github.com/stancegraph/stancegraph/server"
	"github.com/stancegraph/stancegraph/storetest"
)

func TestMetricsAndHealth(t *testing.T) {
	s := memstore.New()
	storetest.MustLoad(t, s, storetest.Bundled(t))
	ts := httptest.NewServer(server.New(s, server.Options{}))
	defer ts.Close()
	storetest.Post(t, ts.URL+"/graphql", `{ article(number: 5) { positions { actor { name } } } }`, nil)
	storetest.Post(t, ts.URL+"/graphql", `{ article(number: 5, instrument: "nope") { number } }`, nil)
	get := func(path string) (int, string) {
		res, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	code, body := get("/metrics")
	for _, want := range []string{`stancegraph_http_requests_total{path="/graphql",status="200"} 2`,
		`stancegraph_store_round_trips_total{method="FindArticles"} 1`, `stancegraph_graphql_errors_total{code="NOT_FOUND"} 1`,
		"stancegraph_http_request_duration_seconds_bucket"} {
		if code != 200 || !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if code, body := get("/healthz"); code != 200 || !strings.Contains(body, "ok") {
		t.Errorf("/healthz = %d %s", code, body)
	}
	if code, body := get("/readyz"); code != 200 || !strings.Contains(body, "ready") {
		t.Errorf("/readyz = %d %s", code, body)
	}
}
