package server_test

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stancegraph/stancegraph/memstore"
	"github.com/stancegraph/stancegraph/plan"
	"github.com/stancegraph/stancegraph/server"
	"github.com/stancegraph/stancegraph/storetest"
)

// countingServer serves the bundled data and counts store calls.
func countingServer(t *testing.T, o server.Options) (string, *atomic.Int64) {
	t.Helper()
	s := memstore.New()
	storetest.MustLoad(t, s, storetest.Bundled(t))
	var calls atomic.Int64
	ts := httptest.NewServer(server.New(plan.Counted(s, func(string) { calls.Add(1) }), o))
	t.Cleanup(ts.Close)
	return ts.URL + "/graphql", &calls
}

// fanOut is fragment F(i) spreading F(i-1) twice, n deep.
func fanOut(n int) string {
	var b strings.Builder
	b.WriteString("{ actors(first: 1) { ...F" + fmt.Sprint(n) + " } }\nfragment F0 on Actor { id }\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "fragment F%d on Actor { ...F%d ...F%d }\n", i, i-1, i-1)
	}
	return b.String()
}

// TestFragmentFanOut: 24 fragments expanding to 2^24 fields are refused
// before gqlgen validates them (validating them took seconds), with no
// store call. The bound is checked generously: the old code took ~16 s.
func TestFragmentFanOut(t *testing.T) {
	url, calls := countingServer(t, server.Options{})
	start := time.Now()
	r := storetest.Post(t, url, fanOut(24), nil)
	if took := time.Since(start); took > time.Second {
		t.Errorf("the fan-out took %s to refuse", took)
	}
	if r.Code() != "COMPLEXITY_LIMIT_EXCEEDED" || !strings.Contains(string(r.Raw), "fragments are expanded") {
		t.Fatalf("fan-out: %.300s", r.Raw)
	}
	if calls.Load() != 0 {
		t.Fatalf("%d store calls for a refused query", calls.Load())
	}
	if r := storetest.Post(t, url, fanOut(24), nil); r.Code() != "COMPLEXITY_LIMIT_EXCEEDED" {
		t.Fatalf("the fan-out asked again: %.300s", r.Raw)
	}
	if r := storetest.Post(t, url, fanOut(5), nil); len(r.Errors) > 0 {
		t.Fatalf("a small fan-out (32 fields) was refused: %.300s", r.Raw)
	}
}

// TestListsMultiply: the nested-lists query that answered 239 MB is
// refused before it runs; page sizes count, and introspection does not.
func TestListsMultiply(t *testing.T) {
	url, calls := countingServer(t, server.Options{})
	deep := `{ actors(first:40) { positions { instrument { positions { actor { positions { instrument { positions { id } } } } } } } } }`
	r := storetest.Post(t, url, deep, nil)
	if r.Code() != "COMPLEXITY_LIMIT_EXCEEDED" || calls.Load() != 0 {
		t.Fatalf("deep lists: %d store calls, %.300s", calls.Load(), r.Raw)
	}
	for _, tc := range []struct {
		query string
		ok    bool
	}{
		{`{ positions(first: 500) { edges { node { id quote actor { name } sources { url } } } } }`, true},
		{`{ positions(first: 500) { edges { node { actor { positions { article { positions { id } } } } } } } }`, false},
		{`{ positions(first: 0) { edges { node { actor { positions { article { positions { id } } } } } } } }`, false}, // 0 is the page limit
		{`query($n: Int) { positions(first: $n) { edges { node { actor { positions { article { positions { id } } } } } } } }`, false},
		{`{ positions(first: 5) { edges { node { actor { positions { article { positions { id } } } } } } } }`, true},
	} {
		r := storetest.Post(t, url, tc.query, nil)
		if got := len(r.Errors) == 0; got != tc.ok {
			t.Errorf("%.60s…: accepted=%v, want %v: %.300s", tc.query, got, tc.ok, r.Raw)
		}
	}
	// The depth limit is not this test's subject: introspection's TypeRef is 13 deep.
	url, _ = countingServer(t, server.Options{MaxDepth: 30, Introspection: true})
	if r := storetest.Post(t, url, introspection, nil); len(r.Errors) > 0 {
		t.Errorf("introspection: %.300s", r.Raw)
	}
}

// TestAnalyticsPriced: analytics are priced by the actors they cover;
// twenty aliases asking the same are priced (and computed) once, twenty
// different ones over every actor are refused before they run.
func TestAnalyticsPriced(t *testing.T) {
	url, _ := countingServer(t, server.Options{})
	var same, different strings.Builder
	for i := 0; i < 20; i++ {
		fmt.Fprintf(&same, "c%d: contested(first: 3) { score } ", i)
		fmt.Fprintf(&different, "c%d: centrality(first: %d) { pageRank } ", i, i+1)
	}
	if r := storetest.Post(t, url, "{ "+same.String()+"}", nil); len(r.Errors) > 0 {
		t.Fatalf("twenty identical analytics: %.300s", r.Raw)
	}
	r := storetest.Post(t, url, "{ "+different.String()+"}", nil)
	if r.Code() != "COMPLEXITY_LIMIT_EXCEEDED" || !strings.Contains(string(r.Raw), "analytics cover") {
		t.Fatalf("twenty different centralities: %.300s", r.Raw)
	}
	if r := storetest.Post(t, url, `{ c: centrality(actors: ["FRA", "DEU", "IRN"], first: 3) { pageRank } }`, nil); len(r.Errors) > 0 {
		t.Fatalf("a small centrality: %.300s", r.Raw)
	}
}

// introspection is graphql-js's getIntrospectionQuery(), which GraphiQL sends.
const introspection = `query IntrospectionQuery {
  __schema {
    queryType { name } mutationType { name } subscriptionType { name }
    types { ...FullType }
    directives { name description locations args { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type {
  kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
}`

// TestResultBudget: a result longer than its estimate is aborted at the
// budget with one clear error and no data.
func TestResultBudget(t *testing.T) {
	url, _ := countingServer(t, server.Options{MaxResultNodes: 1000})
	r := storetest.Post(t, url, `{ actors { id name positions { id quote } } }`, nil) // estimated 20 actors
	if r.Code() != "RESULT_TOO_LARGE" || len(r.Errors) != 1 || (len(r.Data) != 0 && string(r.Data) != "null") {
		t.Fatalf("over budget: %d errors, %.300s", len(r.Errors), r.Raw)
	}
	if r := storetest.Post(t, url, `{ actors(first: 10) { id name } }`, nil); len(r.Errors) > 0 {
		t.Fatalf("within budget: %.300s", r.Raw)
	}
}

// TestArgumentsChecked: dates that are not dates and Ints past 32 bits
// are refused before the query runs, inline or as variables.
func TestArgumentsChecked(t *testing.T) {
	url, _ := countingServer(t, server.Options{})
	for _, tc := range []struct {
		query string
		vars  map[string]any
		ok    bool
	}{
		{`{ positions(filter: {dateFrom: "2024-13-40"}) { totalCount } }`, nil, false},
		{`{ positions(filter: {dateTo: "yesterday"}) { totalCount } }`, nil, false},
		{`query($f: PositionFilter) { positions(filter: $f) { totalCount } }`, map[string]any{"f": map[string]any{"dateFrom": "2024-02-30"}}, false},
		{`{ blocs(options: {asOf: "last week"}) { modularity } }`, nil, false},
		{`{ actors(first: 9999999999) { id } }`, nil, false},
		{`query($n: Int) { actors(first: $n) { id } }`, map[string]any{"n": 4294967296}, false},
		{`{ positions(filter: {dateFrom: "2024-02", dateTo: "2024-02-29"}) { totalCount } }`, nil, true},
		{`{ contested(first: 2, options: {asOf: "2024"}) { score } }`, nil, true},
	} {
		r := storetest.Post(t, url, tc.query, tc.vars)
		if ok := len(r.Errors) == 0; ok != tc.ok || (!ok && r.Code() != "GRAPHQL_VALIDATION_FAILED") {
			t.Errorf("%s %v: %.300s", tc.query, tc.vars, r.Raw)
		}
	}
}
