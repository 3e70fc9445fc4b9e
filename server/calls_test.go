package server_test

import (
	"net/http/httptest"
	"os"
	"sync/atomic"
	"testing"

	"github.com/stancegraph/stancegraph/memstore"
	"github.com/stancegraph/stancegraph/plan"
	"github.com/stancegraph/stancegraph/queries"
	"github.com/stancegraph/stancegraph/server"
	"github.com/stancegraph/stancegraph/storetest"
	"github.com/stancegraph/stancegraph/synth"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// TestStoreCallsDoNotGrowWithTheData: every query the project asks of
// itself makes, on 1x and on 10x synthetic data alike, at most one store
// call per field it selects (fragments expanded): a bound set by the
// query's shape, not by its results. A resolver that called the store once
// per result (N+1) would exceed it at 10x. (The counts themselves may
// differ between scales: a level with no results makes no call.)
func TestStoreCallsDoNotGrowWithTheData(t *testing.T) {
	examples, err := os.ReadFile("../docs/examples.md")
	if err != nil {
		t.Fatal(err)
	}
	calls := storeCallsAtScales(t, queries.Every(examples), nil)
	for _, q := range queries.Every(examples) {
		bound := fieldCount(t, q.Text)
		one, ten := calls[1][q.Name], calls[10][q.Name]
		if one > int64(bound) || ten > int64(bound) {
			t.Errorf("%s: %d store calls at 1x, %d at 10x, for %d fields", q.Name, one, ten, bound)
		}
		t.Logf("%s: %d store calls at 1x, %d at 10x (%d fields)", q.Name, one, ten, bound)
	}
}

// storeCallsAtScales answers each query on the embedded store loaded with
// 1x and with 10x synthetic data and counts the store calls each makes:
// calls[scale][name]. answered, if not nil, sees every answer.
func storeCallsAtScales(t *testing.T, qs []queries.Named, answered func(q queries.Named, r *storetest.Response)) map[int]map[string]int64 {
	t.Helper()
	bundled := storetest.Bundled(t)
	calls := map[int]map[string]int64{}
	for _, scale := range []int{1, 10} {
		s := memstore.New()
		storetest.MustLoad(t, s, synth.Generate(bundled, scale, 1))
		var n atomic.Int64
		ts := httptest.NewServer(server.New(plan.Counted(s, func(string) { n.Add(1) }), server.Options{}))
		calls[scale] = map[string]int64{}
		for _, q := range qs {
			n.Store(0)
			r := storetest.Post(t, ts.URL+"/graphql", q.Text, nil)
			calls[scale][q.Name] = n.Load()
			if answered != nil {
				answered(q, r)
			}
		}
		ts.Close()
	}
	return calls
}

// fieldCount counts the fields a query selects, fragments expanded.
func fieldCount(t *testing.T, q string) int {
	t.Helper()
	doc, err := parser.ParseQuery(&ast.Source{Input: q})
	if err != nil {
		t.Fatal(err)
	}
	var count func(ast.SelectionSet) int
	count = func(sel ast.SelectionSet) int {
		n := 0
		for _, s := range sel {
			switch s := s.(type) {
			case *ast.Field:
				n += 1 + count(s.SelectionSet)
			case *ast.InlineFragment:
				n += count(s.SelectionSet)
			case *ast.FragmentSpread:
				if f := doc.Fragments.ForName(s.Name); f != nil {
					n += count(f.SelectionSet)
				}
			}
		}
		return n
	}
	n := 0
	for _, op := range doc.Operations {
		n += count(op.SelectionSet)
	}
	return n
}
