package server_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"
	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/auth"
	"github.com/stancegraph/stancegraph/memstore"
	"github.com/stancegraph/stancegraph/server"
	"github.com/stancegraph/stancegraph/storetest"
)

const seedURL = "https://www.infosecurity-magazine.com/news-features/un-cybercrime-treaty-negotiations/"

type curated struct {
	h              http.Handler
	url            string
	admin, curator string
}

func newCurated(t *testing.T) *curated {
	t.Helper()
	return curatedOn(t, t.TempDir(), nil)
}

// curatedOn serves the bundled data on the embedded store, wrapped by wrap
// unless it is nil, with an admin and a curator key kept in dir.
func curatedOn(t *testing.T, dir string, wrap func(*memstore.Store) stancegraph.Store) *curated {
	t.Helper()
	ks, err := auth.Open(filepath.Join(dir, "keys.json"))
	if err != nil {
		t.Fatal(err)
	}
	admin, _, _ := ks.Add(auth.RoleAdmin, "admin")
	cur, _, _ := ks.Add(auth.RoleCurator, "curator")
	m := memstore.New()
	storetest.MustLoad(t, m, storetest.Bundled(t))
	var s stancegraph.Store = m
	if wrap != nil {
		s = wrap(m)
	}
	h := server.New(s, server.Options{Keys: ks})
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return &curated{h: h, url: ts.URL + "/graphql", admin: admin, curator: cur}
}

func (c *curated) post(t *testing.T, key, q string) *storetest.Response {
	t.Helper()
	return c.postVars(t, key, q, nil)
}

func positionMutation(id, extra string) string {
	return fmt.Sprintf(`mutation { upsertPosition(input: {id: %q, actor: "IRN", instrument: "uncc", article: 6, stance: OPPOSES,
		quote: "test", sourceUrls: [%q], verification: UNVERIFIED %s}) { revision { version author action } node { id } } }`, id, seedURL, extra)
}

func TestMutations(t *testing.T) {
	c := newCurated(t)
	for _, tc := range []struct {
		name, key, query, code string
		status                 int
	}{
		{"Anonymous", "", positionMutation("pos-m1", ""), "UNAUTHENTICATED", 200},
		{"BadKey", "sgk_nope", positionMutation("pos-m1", ""), "UNAUTHENTICATED", 401},
		{"CuratorCannotMakeKeys", c.curator, `mutation { createApiKey(role: CURATOR, label: "x") { key } }`, "FORBIDDEN", 200},
		{"BadDate", c.curator, positionMutation("pos-m1", `date: "2024-13-40"`), "BAD_USER_INPUT", 200},
		{"UnknownActorAndSource", c.curator, strings.Replace(strings.Replace(positionMutation("pos-m1", ""), `"IRN"`, `"ATLANTIS"`, 1), seedURL, "https://nowhere.example/x", 1), "BAD_USER_INPUT", 200},
		{"BadID", c.curator, positionMutation("pos m1", ""), "BAD_USER_INPUT", 200},
		{"RetractWithoutReason", c.curator, `mutation { retractPosition(id: "pos-s001", reason: "") { revision { version } } }`, "BAD_USER_INPUT", 200},
		{"RetractUnknown", c.curator, `mutation { retractPosition(id: "pos-nothing", reason: "x") { revision { version } } }`, "NOT_FOUND", 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := c.post(t, tc.key, tc.query)
			if r.Code() != tc.code || r.Status != tc.status {
				t.Fatalf("status %d code %q, want %d %q: %s", r.Status, r.Code(), tc.status, tc.code, r.Raw)
			}
			if strings.Contains(string(r.Raw), "sgk_") {
				t.Fatalf("a key leaked into the response: %s", r.Raw)
			}
		})
	}
	t.Run("InvalidNamesFields", func(t *testing.T) {
		r := c.post(t, c.curator, strings.Replace(positionMutation("pos-m1", `date: "yesterday"`), seedURL, "https://nowhere.example/x", 1))
		for _, want := range []string{`input.date: \"yesterday\" is not a date`, `input.sourceUrls: \"https://nowhere.example/x\" is not listed in sources.csv`} {
			if !strings.Contains(string(r.Raw), want) {
				t.Errorf("error lacks %s: %s", want, r.Raw)
			}
		}
	})
	t.Run("UpsertRetractHistory", func(t *testing.T) {
		r := c.post(t, c.curator, positionMutation("pos-m2", `date: "2024-08-05", stanceText: "x') MATCH (n) DETACH DELETE n //"`))
		if len(r.Errors) > 0 || !strings.Contains(string(r.Raw), `"version":1`) {
			t.Fatalf("upsert: %s", r.Raw)
		}
		r = c.post(t, c.curator, `mutation { retractPosition(id: "pos-m2", reason: "duplicate", expectedVersion: 1) { revision { version action } } }`)
		if len(r.Errors) > 0 || !strings.Contains(string(r.Raw), `"RETRACT"`) {
			t.Fatalf("retract: %s", r.Raw)
		}
		r = c.post(t, "", `{ a: positions(filter: {ids: ["pos-m2"]}) { totalCount } b: positions(filter: {includeRetracted: true, actors: ["IRN"]}, first: 500) { edges { node { id stanceText retracted { by reason } } } }
			history(id: "pos-m2") { version action author reason } states: actors(type: STATE) { id } }`)
		s := string(r.Raw)
		if !strings.Contains(s, `"a":{"totalCount":0}`) || !strings.Contains(s, `"reason":"duplicate"`) || !strings.Contains(s, "DETACH DELETE n //") {
			t.Fatalf("after retraction: %.2000s", s)
		}
		if strings.Count(s, `"action"`) != 2 || strings.Count(s, `{"id":"`) < 195 {
			t.Fatalf("history or states wrong: %.500s", s)
		}
	})
}

// TestConcurrentMutationsLoseNothing: curators racing on one position with
// expectedVersion; each version is acknowledged once.
func TestConcurrentMutationsLoseNothing(t *testing.T) {
	c := newCurated(t)
	if r := c.post(t, c.curator, positionMutation("pos-race", "")); len(r.Errors) > 0 {
		t.Fatal(string(r.Raw))
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	versions := map[string]int{}
	for w := 0; w < 6; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := c.post(t, "", `{ history(id: "pos-race") { version } }`)
			n := strings.Count(string(h.Raw), `"version"`)
			r := c.post(t, c.curator, fmt.Sprintf(`mutation { upsertPosition(expectedVersion: %d, input: {id: "pos-race", actor: "IRN",
				instrument: "uncc", article: 6, stance: SUPPORTS, sourceUrls: [%q], verification: UNVERIFIED}) { revision { version } } }`, n, seedURL))
			mu.Lock()
			defer mu.Unlock()
			if len(r.Errors) == 0 {
				versions[string(r.Data)]++
			} else if r.Code() != "CONFLICT" {
				t.Errorf("unexpected: %s", r.Raw)
			}
		}()
	}
	wg.Wait()
	for v, n := range versions {
		if n != 1 {
			t.Fatalf("version %s acknowledged %d times", v, n)
		}
	}
	h := c.post(t, "", `{ history(id: "pos-race") { version } }`)
	if got := strings.Count(string(h.Raw), `"version"`); got < 1+len(versions) {
		t.Fatalf("history has %d versions, %d acknowledged", got, 1+len(versions))
	}
}

func TestSubscription(t *testing.T) {
	c := newCurated(t)
	cl := client.New(c.h, client.Path("/graphql"))
	sub := cl.Websocket(`subscription { positionChanged { revision { action } position { id quote } } }`)
	defer sub.Close()
	time.Sleep(100 * time.Millisecond)
	if r := c.post(t, c.curator, positionMutation("pos-live", "")); len(r.Errors) > 0 {
		t.Fatal(string(r.Raw))
	}
	var got struct {
		PositionChanged struct {
			Revision struct{ Action string }
			Position struct{ ID, Quote string }
		}
	}
	if err := sub.Next(&got); err != nil {
		t.Fatal(err)
	}
	if got.PositionChanged.Position.ID != "pos-live" || got.PositionChanged.Revision.Action != "UPSERT" {
		t.Fatalf("subscription got %+v", got)
	}
}
