package server_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stancegraph/stancegraph/memstore"
	"github.com/stancegraph/stancegraph/queries"
	"github.com/stancegraph/stancegraph/server"
	"github.com/stancegraph/stancegraph/storetest"
)

// newServer serves the bundled data from a memory store.
func newServer(t *testing.T, o server.Options) string {
	t.Helper()
	s := memstore.New()
	storetest.MustLoad(t, s, storetest.Bundled(t))
	ts := httptest.NewServer(server.New(s, o))
	t.Cleanup(ts.Close)
	return ts.URL + "/graphql"
}

func mustData[T any](t *testing.T, r *storetest.Response) T {
	t.Helper()
	if len(r.Errors) > 0 || r.Status != http.StatusOK {
		t.Fatalf("status %d, errors: %s", r.Status, r.Raw)
	}
	var v T
	if err := json.Unmarshal(r.Data, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

type position struct {
	Actor struct {
		Typename string `json:"__typename"`
		ID, Name string
	}
	Stance, Quote string
	Article       *struct{ Number int }
	Speaker       *struct{ Name string }
	Source        struct{ Title, URL string }
}

func TestWhoOpposesArticle5(t *testing.T) {
	url := newServer(t, server.Options{})
	got := mustData[struct {
		Article struct {
			Number    int
			Status    string
			Positions []position
		}
	}](t, storetest.Post(t, url, `{ article(number: 5) { number title status positions(stance: OPPOSES) { actor { __typename id name } stance quote date source { title url } } } }`, nil))
	if got.Article.Number != 5 || got.Article.Status != "VOID" {
		t.Fatalf("article = %+v, want number 5, VOID", got.Article)
	}
	var iran bool
	for _, p := range got.Article.Positions {
		if p.Stance != "OPPOSES" {
			t.Errorf("position of %s has stance %s, want only OPPOSES", p.Actor.ID, p.Stance)
		}
		if p.Source.URL == "" || p.Source.Title == "" {
			t.Errorf("position of %s has no source", p.Actor.ID)
		}
		iran = iran || (p.Actor.ID == "IRN" && p.Actor.Typename == "State")
	}
	if !iran {
		t.Fatalf("Iran is not among the opponents of Article 5: %+v", got.Article.Positions)
	}
}

func TestVoidArticles(t *testing.T) {
	url := newServer(t, server.Options{})
	got := mustData[struct{ Articles []struct{ Number int } }](t, storetest.Post(t, url, `{ articles(status: VOID) { number title } }`, nil))
	var nums []int
	for _, a := range got.Articles {
		nums = append(nums, a.Number)
	}
	if want := []int{5, 17, 24, 35}; !equal(nums, want) {
		t.Fatalf("void articles = %v, want %v", nums, want)
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestWhereDoesMicrosoftStand(t *testing.T) {
	url := newServer(t, server.Options{})
	got := mustData[struct {
		Actors []struct {
			Typename  string `json:"__typename"`
			ID, Kind  string
			People    []struct{ Name string }
			Positions []position
		}
	}](t, storetest.Post(t, url, `{ actors(name: "microsoft") { __typename id name ... on Organization { kind people { name } }
		positions { article { number title } topic stance quote speaker { name } source { url } } } }`, nil))
	if len(got.Actors) != 1 || got.Actors[0].ID != "microsoft" || got.Actors[0].Typename != "Organization" || got.Actors[0].Kind != "INDUSTRY" {
		t.Fatalf("actors(name: microsoft) = %+v, want the one organization", got.Actors)
	}
	ms := got.Actors[0]
	if !containsPerson(ms.People, "Kaja Ciglic") {
		t.Fatalf("Microsoft's people = %+v, want Kaja Ciglic", ms.People)
	}
	kaja := 0
	for _, p := range ms.Positions {
		if p.Source.URL == "" || p.Quote == "" {
			t.Errorf("a Microsoft position lacks its source or quote: %+v", p)
		}
		if p.Speaker != nil && p.Speaker.Name == "Kaja Ciglic" {
			kaja++
		}
	}
	if kaja == 0 {
		t.Fatalf("no Microsoft position carries a quote of Kaja Ciglic: %+v", ms.Positions)
	}
}

func containsPerson(ps []struct{ Name string }, name string) bool {
	for _, p := range ps {
		if p.Name == name {
			return true
		}
	}
	return false
}

func TestErrors(t *testing.T) {
	url := newServer(t, server.Options{MaxDepth: 6})
	deep := "{ actor(id: \"IRN\") { positions { article { positions { actor { positions { id } } } } } } }"
	for _, c := range []struct {
		name, query, code string
		dataNull          bool
	}{
		{"Malformed", `{ article(number: 5) { number `, "GRAPHQL_PARSE_FAILED", false},
		{"UnknownField", `{ article(number: 5) { nope } }`, "GRAPHQL_VALIDATION_FAILED", false},
		{"UnknownInstrument", `{ article(number: 5, instrument: "nope") { number } }`, "NOT_FOUND", true},
		{"PageTooLarge", `{ positions(first: 100000) { totalCount } }`, "BAD_USER_INPUT", true},
		{"BadCursor", `{ positions(after: "zzz") { totalCount } }`, "BAD_USER_INPUT", true},
		{"TooDeep", deep, "QUERY_TOO_DEEP", false},
		{"CypherInjectionIsJustAString", `{ actors(name: "x') MATCH (n) DETACH DELETE n //") { id } }`, "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := storetest.Post(t, url, c.query, nil)
			if r.Status >= 500 {
				t.Fatalf("status %d: %s", r.Status, r.Raw)
			}
			if got := r.Code(); got != c.code {
				t.Fatalf("code = %q, want %q: %s", got, c.code, r.Raw)
			}
			if c.dataNull && !strings.Contains(string(r.Raw), `"data":{`) && !strings.Contains(string(r.Raw), `"data":null`) {
				t.Fatalf("want a data entry: %s", r.Raw)
			}
		})
	}
	t.Run("UnknownArticleIsNull", func(t *testing.T) {
		got := mustData[struct{ Article *struct{ Number int } }](t, storetest.Post(t, url, `{ article(number: 999) { number } }`, nil))
		if got.Article != nil {
			t.Fatalf("article 999 = %+v, want null", got.Article)
		}
	})
	t.Run("BodyTooLarge", func(t *testing.T) {
		r := storetest.PostRaw(t, url, "application/json", []byte(`{"query":"{ release { id } }","pad":"`+strings.Repeat("x", 2<<20)+`"}`))
		if r.Status != http.StatusRequestEntityTooLarge {
			t.Fatalf("status %d, want 413: %.200s", r.Status, r.Raw)
		}
	})
	t.Run("DataIsIntactAfterInjection", func(t *testing.T) {
		got := mustData[struct{ Actors []struct{ ID string } }](t, storetest.Post(t, url, `{ actors(type: STATE, first: 1) { id } }`, nil))
		if len(got.Actors) != 1 {
			t.Fatal("states are gone")
		}
	})
}

// TestEveryConformanceQuery runs the conformance queries on the embedded
// store; each answers without an error except the one that must fail.
func TestEveryConformanceQuery(t *testing.T) {
	url := newServer(t, server.Options{})
	for name, q := range queries.GraphQL {
		t.Run(name, func(t *testing.T) {
			r := storetest.Post(t, url, q, nil)
			want := ""
			if name == "UnknownInstrument" {
				want = "NOT_FOUND"
			}
			if r.Code() != want || r.Status != http.StatusOK {
				t.Fatalf("status %d, code %q (want %q): %s", r.Status, r.Code(), want, r.Raw)
			}
			if len(r.Data) < 10 {
				t.Fatalf("no data: %s", r.Raw)
			}
		})
	}
}

// TestPersistedQueries: an automatic persisted query is refused by hash
// alone until registered, then served by hash.
func TestPersistedQueries(t *testing.T) {
	url := newServer(t, server.Options{})
	const q = `{ release { id } }`
	const hash = "a5b4c8c1b12cb3d0bc5a6de7bb6e4d08d1b1c6c3d7e91e5a20dbf27c4a5e8f70" // not sha256(q): must be refused
	ext := func(h string) map[string]any {
		return map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": h}}
	}
	body, _ := json.Marshal(map[string]any{"extensions": ext(sha256hex(q))})
	r := storetest.PostRaw(t, url, "application/json", body)
	if r.Code() != "PERSISTED_QUERY_NOT_FOUND" {
		t.Fatalf("unknown hash: %s", r.Raw)
	}
	body, _ = json.Marshal(map[string]any{"query": q, "extensions": ext(sha256hex(q))})
	if r := storetest.PostRaw(t, url, "application/json", body); len(r.Errors) > 0 {
		t.Fatalf("register: %s", r.Raw)
	}
	body, _ = json.Marshal(map[string]any{"extensions": ext(sha256hex(q))})
	if r := storetest.PostRaw(t, url, "application/json", body); len(r.Errors) > 0 || !strings.Contains(string(r.Raw), "release") {
		t.Fatalf("by hash: %s", r.Raw)
	}
	body, _ = json.Marshal(map[string]any{"query": q, "extensions": ext(hash)})
	if r := storetest.PostRaw(t, url, "application/json", body); len(r.Errors) == 0 {
		t.Fatalf("a query whose hash does not match was accepted: %s", r.Raw)
	}
}

func sha256hex(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// TestLimitsNamedInTheREADME: the complexity limit and the per-request
// timeout answer with the codes the README lists.
func TestLimitsNamedInTheREADME(t *testing.T) {
	url := newServer(t, server.Options{MaxComplexity: 3})
	r := storetest.Post(t, url, `{ actors { id name positions { id article { id title } } } }`, nil)
	if r.Code() != "COMPLEXITY_LIMIT_EXCEEDED" || r.Status >= 500 {
		t.Fatalf("complexity: status %d, %.300s", r.Status, r.Raw)
	}
	url = newServer(t, server.Options{Timeout: time.Nanosecond})
	r = storetest.Post(t, url, `{ actors { id positions { id } } }`, nil)
	if r.Code() != "UNAVAILABLE" || !strings.Contains(string(r.Raw), "took too long") {
		t.Fatalf("timeout: status %d, %.300s", r.Status, r.Raw)
	}
}
