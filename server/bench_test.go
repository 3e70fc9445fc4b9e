package server_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stancegraph/stancegraph/memstore"
	"github.com/stancegraph/stancegraph/queries"
	"github.com/stancegraph/stancegraph/server"
	"github.com/stancegraph/stancegraph/storetest"
)

// BenchmarkQueries serves the foundation's queries from the embedded store
// through the whole HTTP handler (no network), without the response cache.
// It runs the benchmark harness's query set (queries.Bench).
func BenchmarkQueries(b *testing.B) {
	s := memstore.New()
	storetest.MustLoad(b, s, storetest.Bundled(b))
	h := server.New(s, server.Options{})
	for _, q := range queries.Bench {
		body := `{"query":` + quote(q.Text) + `}`
		b.Run(q.Name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != 200 {
					b.Fatal(rec.Body.String())
				}
			}
		})
	}
}

func quote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\t", `\t`)
	return `"` + r.Replace(s) + `"`
}
