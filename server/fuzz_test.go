package server_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stancegraph/stancegraph/memstore"
	"github.com/stancegraph/stancegraph/server"
	"github.com/stancegraph/stancegraph/storetest"
)

var (
	fuzzOnce sync.Once
	fuzzURL  string
)

// FuzzQueryArguments sends arbitrary strings as the arguments of the
// queries researchers type (names, search text, cursors, ids, dates): every
// answer is well-formed JSON, never a 5xx, and the graph is unchanged.
func FuzzQueryArguments(f *testing.F) {
	for _, seed := range []string{"microsoft", "", "x') MATCH (n) DETACH DELETE n //", "\xff\xfe invalid utf-8", `"}]}`, strings.Repeat("a", 5000),
		"b2Zmc2V0OjQ=", "2024-13-45", "Iran (Islamic Republic of)", "*", "+\"a\" -b", "\x00"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, arg string) {
		fuzzOnce.Do(func() {
			s := memstore.New()
			storetest.MustLoad(t, s, storetest.Bundled(t))
			fuzzURL = httptest.NewServer(server.New(s, server.Options{})).URL + "/graphql"
		})
		vars := map[string]any{"s": arg}
		for _, q := range []string{
			`query($s: String) { actors(name: $s) { id } }`,
			`query($s: String!) { search(text: $s, first: 3) { kind } }`,
			`query($s: String) { positions(after: $s, first: 2) { totalCount } }`,
			`query($s: String) { positions(filter: {dateFrom: $s}, first: 1) { totalCount } }`,
			`query($s: String) { blocs(options: {asOf: $s}) { modularity } }`,
			`query($s: ID!) { node(id: $s) { id } actor(id: $s) { id } }`,
		} {
			body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
			res, err := http.Post(fuzzURL, "application/json", strings.NewReader(string(body)))
			if err != nil {
				t.Fatal(err)
			}
			var v map[string]any
			err = json.NewDecoder(res.Body).Decode(&v)
			res.Body.Close()
			if res.StatusCode >= 500 || err != nil {
				t.Fatalf("%s with %q: status %d, decode %v", q, arg, res.StatusCode, err)
			}
		}
		r := storetest.Post(t, fuzzURL, `{ positions { totalCount } }`, nil)
		if !strings.Contains(string(r.Raw), `"totalCount":`) {
			t.Fatalf("the graph changed: %s", r.Raw)
		}
	})
}

// FuzzQueryDocument sends arbitrary query documents, seeded with the
// hostile ones (fragment fan-out, nested lists, many aliases of
// analytics, introspection): every answer is well-formed JSON, never a
// 5xx, and the bounds refuse the expensive ones before they run, so the
// seeds finish quickly.
func FuzzQueryDocument(f *testing.F) {
	var aliases strings.Builder
	for i := 0; i < 40; i++ {
		aliases.WriteString("a" + strings.Repeat("x", i) + ": agreementMatrix { score } ")
	}
	for _, seed := range []string{fanOut(24), fanOut(5), "{ " + aliases.String() + "}", introspection,
		`{ actors(first:40) { positions { instrument { positions { actor { positions { instrument { positions { id } } } } } } } } }`,
		`{ positions(first: 500) { edges { node { actor { positions { article { positions { id } } } } } } } }`,
		`{ __typename }`, `{ a: __schema { types { name } } }`, "{", "fragment F on Actor { ...F } { actors { ...F } }",
		`subscription { positionChanged { revision { action } } }`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		fuzzOnce.Do(func() {
			s := memstore.New()
			storetest.MustLoad(t, s, storetest.Bundled(t))
			fuzzURL = httptest.NewServer(server.New(s, server.Options{})).URL + "/graphql"
		})
		body, _ := json.Marshal(map[string]any{"query": doc})
		res, err := http.Post(fuzzURL, "application/json", strings.NewReader(string(body)))
		if err != nil {
			t.Fatal(err)
		}
		var v map[string]any
		err = json.NewDecoder(res.Body).Decode(&v)
		res.Body.Close()
		if res.StatusCode >= 500 || err != nil {
			t.Fatalf("%.200q: status %d, decode %v", doc, res.StatusCode, err)
		}
	})
}
