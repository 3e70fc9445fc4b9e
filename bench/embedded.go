package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/bench/floor"
	"github.com/stancegraph/stancegraph/data"
	"github.com/stancegraph/stancegraph/loaders"
	"github.com/stancegraph/stancegraph/memstore"
	"github.com/stancegraph/stancegraph/plan"
	"github.com/stancegraph/stancegraph/server"
)

// embedded measures the embedded backend on the bundled data against the
// GraphQL floor, and the embedded backend behind the response cache against
// the HTTP floor.
func embedded(ctx context.Context, o *Options, rep *Report) error {
	rep.printf("\n## Embedded backend (bundled data)\n\n")
	base, _, err := loaders.Read(data.FS)
	if err != nil {
		return err
	}
	mem := memstore.New()
	if err := mem.Load(ctx, base); err != nil {
		return err
	}
	// As `stancegraph serve` runs the embedded store, less the response cache
	// (measured on its own below).
	sgURL, stop, err := serve(server.New(mem, server.Options{KeepAnalytics: true}))
	if err != nil {
		return err
	}
	defer stop()
	// The server's own response cache (server/cache.go, as `stancegraph
	// serve -cache N` runs it), over the same store.
	cachedURL, stopC, err := serve(server.New(mem, server.Options{ResponseCache: 10000}))
	if err != nil {
		return err
	}
	defer stopC()

	gqlFloor := floor.NewGraphQL()
	httpFloor := floor.NewHTTP()
	floorURL, stopF, err := serve(gqlFloor)
	if err != nil {
		return err
	}
	defer stopF()
	httpURL, stopH, err := serve(httpFloor)
	if err != nil {
		return err
	}
	defer stopH()

	qs := selectQueries(Queries, o.Queries)
	want := map[string][]byte{}
	for _, q := range qs {
		ans, err := ask(ctx, sgURL+"/graphql", q)
		if err != nil {
			return fmt.Errorf("%s: %w", q.Name, err)
		}
		if bytes.Contains(ans, []byte(`"errors":`)) {
			return fmt.Errorf("%s: the reference answer has errors: %.300s", q.Name, ans)
		}
		want[q.Name] = ans
		if err := gqlFloor.Add(q.Text, func(text string) ([]byte, error) {
			return ask(ctx, sgURL+"/graphql", Query{Text: text})
		}); err != nil {
			return fmt.Errorf("%s: GraphQL floor: %w", q.Name, err)
		}
		httpFloor.Add(q.Body(), ans)
		for name, url := range map[string]string{"GraphQL floor": floorURL, "response cache": cachedURL, "HTTP floor": httpURL} {
			got, err := ask(ctx, url+"/graphql", q)
			if err != nil || !bytes.Equal(got, ans) {
				return fmt.Errorf("%s: the %s answers differently (%v): %.300s\nwant %.300s", q.Name, name, err, got, ans)
			}
		}
		trips, err := roundTrips(ctx, mem, q)
		if err != nil {
			return err
		}
		rep.printf("- `%s` (%d bytes, %s): `%s`\n", q.Name, len(ans), trips, oneLine(q.Text))
	}
	if err := cacheInEffect(ctx, cachedURL, sgURL, rep); err != nil {
		return err
	}

	targets := []string{"stancegraph", "gqlgen-floor", "cached", "http-floor"}
	urls := map[string]string{"stancegraph": sgURL, "gqlgen-floor": floorURL, "cached": cachedURL, "http-floor": httpURL}
	for _, q := range qs {
		for _, c := range o.Clients {
			for range o.Rounds {
				for _, t := range targets {
					rep.measure(ctx, o, "embedded", q, c, target{name: t, url: urls[t] + "/graphql"}, want[q.Name])
				}
			}
		}
	}
	rep.table("embedded", targets, []ratioCol{
		{title: "floor/stancegraph (target ≤ 1.5)", num: "gqlgen-floor", den: "stancegraph", ok: func(x float64) bool { return x <= 1.5 }},
		{title: "http-floor/cached (target ≤ 2)", num: "http-floor", den: "cached", ok: func(x float64) bool { return x <= 2 }},
	})
	return nil
}

// cacheInEffect checks that the cached endpoint answers a repeated query
// from the server's response cache (X-Stancegraph-Cache: hit) with the
// uncached server's bytes. That the cache stays correct after every write is
// server/cache_test.go's to show (writes reach it through the server's own
// store, which a benchmark that loads the store directly would bypass).
func cacheInEffect(ctx context.Context, cachedURL, sgURL string, rep *Report) error {
	q := Query{Name: "cache-check", Text: `{ article(number: 5) { positions(stance: OPPOSES) { id quote } } }`}
	direct, err := ask(ctx, sgURL+"/graphql", q)
	if err != nil {
		return err
	}
	var hit string
	var body []byte
	for range 2 {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, cachedURL+"/graphql", bytes.NewReader(q.Body()))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		body, err = io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil {
			return err
		}
		hit = res.Header.Get("X-Stancegraph-Cache")
	}
	if hit != "hit" || !bytes.Equal(body, direct) {
		return fmt.Errorf("cache: a repeated query was not served from the cache (%q) or differs from the uncached answer: %.300s", hit, body)
	}
	rep.printf("- response cache: a repeated query is served from server/cache.go with the uncached server's bytes\n")
	return nil
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// roundTrips asks q once through a counting store and says how many store
// calls (round trips, on Neo4j) it took, by method.
func roundTrips(ctx context.Context, s stancegraph.Store, q Query) (string, error) {
	var mu sync.Mutex
	n := map[string]int{}
	url, stop, err := serve(server.New(plan.Counted(s, func(m string) { mu.Lock(); n[m]++; mu.Unlock() }), server.Options{}))
	if err != nil {
		return "", err
	}
	defer stop()
	if _, err := ask(ctx, url+"/graphql", q); err != nil {
		return "", err
	}
	total := 0
	var parts []string
	for m, c := range n {
		total += c
		parts = append(parts, fmt.Sprintf("%s %d", m, c))
	}
	slices.Sort(parts)
	return fmt.Sprintf("%d store calls: %s", total, strings.Join(parts, ", ")), nil
}
