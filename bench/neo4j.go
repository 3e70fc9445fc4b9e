package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/data"
	"github.com/stancegraph/stancegraph/loaders"
	"github.com/stancegraph/stancegraph/memstore"
	"github.com/stancegraph/stancegraph/neo4jstore"
	"github.com/stancegraph/stancegraph/server"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// openNeo4j opens the store and a plain driver on NEO4J_URI; progress, if
// given, reports each batch of the store's loads.
func openNeo4j(ctx context.Context, o *Options, progress ...func(neo4jstore.LoadProgress)) (*neo4jstore.Store, neo4j.DriverWithContext, error) {
	if o.Neo4jURI == "" {
		return nil, nil, errors.New("NEO4J_URI is not set (start one: eval \"$(NEO4J_TEST_PORT=7787 STANCEGRAPH_NEO4J_HOME=/tmp/bench-neo4j scripts/neo4j start)\")")
	}
	cfg := neo4jstore.Config{URI: o.Neo4jURI, Username: o.Neo4jUser, Password: o.Neo4jPass, Logger: quiet}
	if len(progress) > 0 {
		cfg.Progress = progress[0]
	}
	s, err := neo4jstore.Open(ctx, cfg)
	if err != nil {
		return nil, nil, err
	}
	d, err := neo4j.NewDriverWithContext(o.Neo4jURI, neo4j.BasicAuth(o.Neo4jUser, o.Neo4jPass, ""))
	if err != nil {
		_ = s.Close(ctx)
		return nil, nil, err
	}
	return s, d, nil
}

// neo4jScenario measures stancegraph's Neo4j backend against the
// @neo4j/graphql peer and the hand-written Cypher driver limit, on the
// bundled data in the same Neo4j.
func neo4jScenario(ctx context.Context, o *Options, rep *Report) error {
	rep.printf("\n## Neo4j backend (bundled data)\n\n")
	s, d, err := openNeo4j(ctx, o)
	if err != nil {
		return err
	}
	defer s.Close(ctx)
	defer d.Close(ctx)
	base, _, err := loaders.Read(data.FS)
	if err != nil {
		return err
	}
	if err := s.Reset(ctx); err != nil {
		return err
	}
	if err := s.Load(ctx, base); err != nil {
		return err
	}
	// Resample the indexes and clear the plan cache, so that no target runs
	// on a plan made from the statistics of the empty database (that swung
	// single queries by 5-30x between runs).
	if _, err := neo4j.ExecuteQuery(ctx, d, "CALL db.prepareForReplanning()", nil, neo4j.EagerResultTransformer); err != nil {
		return err
	}
	// The reference answers are the embedded store's: the conformance suite
	// holds both backends to the same bytes.
	mem := memstore.New()
	if err := mem.Load(ctx, base); err != nil {
		return err
	}
	memURL, stopM, err := serve(server.New(mem, server.Options{}))
	if err != nil {
		return err
	}
	defer stopM()
	sgURL, stop, err := serve(server.New(s, server.Options{}))
	if err != nil {
		return err
	}
	defer stop()

	var peer *Peer
	if !o.NoPeer {
		peer, err = startPeer(ctx, o)
		if err != nil {
			rep.note("@neo4j/graphql peer not measured: %v", err)
			peer = nil
		} else {
			defer peer.Stop()
			rep.pids["peer"] = peer.cmd.Process.Pid
			defer delete(rep.pids, "peer")
		}
	}

	qs := selectQueries(Queries, o.Queries)
	type plan struct {
		want     []byte
		driver   func(context.Context) ([]byte, error)
		driverOK []byte
		peerQ    string
		peerOK   []byte
	}
	plans := map[string]*plan{}
	for _, q := range qs {
		p := &plan{}
		plans[q.Name] = p
		if p.want, err = ask(ctx, memURL+"/graphql", q); err != nil {
			return err
		}
		got, err := ask(ctx, sgURL+"/graphql", q)
		if err != nil || !bytes.Equal(got, p.want) {
			return fmt.Errorf("%s: the Neo4j backend's answer differs from the embedded store's (%v): %.300s", q.Name, err, got)
		}
		if f, ok := driverQuery(d, q.Name); ok {
			p.driver = func(ctx context.Context) ([]byte, error) {
				v, err := f(ctx)
				if err != nil {
					return nil, err
				}
				return json.Marshal(v)
			}
			first, err := p.driver(ctx)
			if err == nil {
				err = sameAnswer(p.want, first)
			}
			if err != nil {
				return fmt.Errorf("%s: driver limit: %w", q.Name, err)
			}
			p.driverOK = first
		}
		trips, err := roundTrips(ctx, s, q)
		if err != nil {
			return err
		}
		line := fmt.Sprintf("- `%s` (%s): stancegraph = embedded (byte-identical); driver limit = same answer after normalisation", q.Name, trips)
		if peer != nil {
			if pq, ok := peerQueries[q.Name]; ok {
				ans, err := ask(ctx, peer.URL, Query{Text: pq.Text})
				if err == nil {
					err = pq.same(p.want, ans)
				}
				if err != nil {
					return fmt.Errorf("%s: the @neo4j/graphql peer: %w", q.Name, err)
				}
				p.peerQ, p.peerOK = pq.Text, ans
				line += "; @neo4j/graphql = same answer after normalisation (" + pq.Note + ")"
			} else {
				line += "; @neo4j/graphql cannot express it"
			}
		}
		rep.printf("%s\n", line)
	}

	targets := []string{"stancegraph", "neo4j-graphql", "driver"}
	for _, q := range qs {
		p := plans[q.Name]
		for _, c := range o.Clients {
			for range o.Rounds {
				rep.measure(ctx, o, "neo4j", q, c, target{name: "stancegraph", url: sgURL + "/graphql"}, p.want)
				if p.peerQ != "" {
					rep.measure(ctx, o, "neo4j", Query{Name: q.Name, Text: p.peerQ}, c, target{name: "neo4j-graphql", url: peer.URL}, p.peerOK)
				}
				if p.driver != nil {
					rep.measure(ctx, o, "neo4j", q, c, target{name: "driver", do: p.driver}, p.driverOK)
				}
			}
		}
	}
	rep.table("neo4j", targets, []ratioCol{
		{title: "stancegraph/neo4j-graphql (target ≥ 2, at 8 clients)", num: "stancegraph", den: "neo4j-graphql", ok: func(x float64) bool { return x >= 2 }},
		{title: "driver/stancegraph (target ≤ 1.5)", num: "driver", den: "stancegraph", ok: func(x float64) bool { return x <= 1.5 }},
	})
	return nil
}

var _ stancegraph.Store = (*neo4jstore.Store)(nil)
