package storetest

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/plan"
	"github.com/stancegraph/stancegraph/queries"
	"github.com/stancegraph/stancegraph/synth"
)

// nestedQuery is a frontend-style query, four levels of children deep.
const nestedQuery = `{ actors(type: ORGANIZATION, first: 12) { name ... on Organization { people { name } }
	positions { stance quote sources { url } topics { name } session { name }
		article { title instrument { title }
			positions(filter: {stances: [OPPOSES, SUPPORTS]}) { stance actor { name } } } } } }`

// Serve is the GraphQL API's HTTP handler over a store, with limits high
// enough for the nested query at 10x (server.New, passed in by the caller:
// storetest does not import the server it tests).
type Serve func(stancegraph.Store) http.Handler

// RoundTrips runs the nested query on synthetic data at 1x and 10x and
// requires as many store calls at both: bounded by the query's shape, not
// by its results; and one round trip for a store that executes plans
// (plan.Executor: one statement on Neo4j). A store without one answers a
// plan with its plain methods, one call per level and kind (memstore: in
// process, no round trip). newStore must return an empty store.
func RoundTrips(t *testing.T, newStore NewStore, serve Serve) {
	base := Bundled(t)
	_, executes := newStore(t).(plan.Executor)
	var counts [2]int64
	var sizes [2]int
	for i, scale := range []int{1, 10} {
		s := newStore(t)
		MustLoad(t, s, synth.Generate(base, scale, 1))
		var n atomic.Int64
		var mu sync.Mutex
		methods := map[string]int{}
		srv := httptest.NewServer(serve(plan.Counted(s, func(m string) {
			n.Add(1)
			mu.Lock()
			methods[m]++
			mu.Unlock()
		})))
		r := Post(t, srv.URL+"/graphql", nestedQuery, nil)
		srv.Close()
		if len(r.Errors) > 0 {
			t.Fatalf("scale %d: %s", scale, r.Raw[:min(len(r.Raw), 500)])
		}
		counts[i], sizes[i] = n.Load(), len(r.Raw)
		t.Logf("scale %d: round trips by method: %v", scale, methods)
		// Who opposes Article 5, with actors, sources and articles: one call
		// too (the README says so).
		n.Store(0)
		srv = httptest.NewServer(serve(plan.Counted(s, func(string) { n.Add(1) })))
		r = Post(t, srv.URL+"/graphql", queries.GraphQL["WhoOpposesArticle5"], nil)
		srv.Close()
		if len(r.Errors) > 0 || (executes && n.Load() != 1) || n.Load() > 6 {
			t.Fatalf("scale %d: who opposes Article 5 took %d store calls, want 1 (a plan executor) or at most 6: %s", scale, n.Load(), r.Raw[:min(len(r.Raw), 300)])
		}
	}
	t.Logf("round trips: %d at 1x (%d bytes), %d at 10x (%d bytes)", counts[0], sizes[0], counts[1], sizes[1])
	if sizes[1] < 5*sizes[0] {
		t.Fatalf("the 10x answer is only %d bytes vs %d: results did not grow", sizes[1], sizes[0])
	}
	// The root list comes with its first level and, under positions, with
	// what their fields need and their articles' positions
	// (FindActorsWith): one call, one statement on Neo4j; composed, one call
	// per level and kind, the same at both scales.
	if counts[0] != counts[1] || (executes && counts[0] != 1) || counts[0] > 12 {
		t.Fatalf("store calls: %d at 1x, %d at 10x; want the same, 1 for a plan executor", counts[0], counts[1])
	}
}
