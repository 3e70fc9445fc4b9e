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
func BenchmarkQueries(b *testing.B) {
	s := memstore.New()
	storetest.MustLoad(b, s, storetest.Bundled(b))
	h := server.New(s, server.Options{})
	for name, q := range map[string]string{
		"opposes":      queries.GraphQL["WhoOpposesArticle5"],
		"microsoft":    queries.GraphQL["WhereDoesMicrosoftStand"],
		"stanceCounts": `{ articles { id stanceCounts { stance count } } }`,
	} {
		body := `{"query":` + quote(q) + `}`
		b.Run(name, func(b *testing.B) {
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
