package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/coalition"
	"github.com/stancegraph/stancegraph/graph/model"
	"github.com/stancegraph/stancegraph/neo4jstore"
	"github.com/stancegraph/stancegraph/resolvers"
)

// Analyze computes the blocs and every pair's agreement as the API's blocs
// and agreementMatrix queries do, prints a summary and, with -write,
// stores them in Neo4j.
func (m *Main) Analyze(ctx context.Context, args []string) error {
	var c Config
	fs := c.flags("analyze", m.Stderr, true)
	basis := fs.String("basis", "all", "items that count: all, issues or texts (the API's basis)")
	minOverlap := fs.Int("min-overlap", 1, "the fewest common items a score needs (the API's minOverlap)")
	asOf := fs.String("as-of", "", "only positions taken up to this date, YYYY[-MM[-DD]] (the API's asOf)")
	perActor := fs.Int("edges-per-actor", 0, "with -write: store only each actor's N strongest agreement edges (0: every scored pair)")
	write := fs.Bool("write", false, "store the blocs and agreement edges in Neo4j, replacing the analysis of the same options")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	o := neo4jstore.AnalysisOptions{Basis: strings.ToUpper(*basis), MinOverlap: *minOverlap, AsOf: *asOf, EdgesPerActor: max(*perActor, 0)}
	if o.Basis != "ALL" && o.Basis != "ISSUES" && o.Basis != "TEXTS" {
		return fmt.Errorf("unknown -basis %q (want all, issues or texts)", *basis)
	}
	if *write && c.backend() != "neo4j" {
		return errors.New("-write stores the analysis in Neo4j: set NEO4J_URI or -neo4j-uri (without -write, analyze prints it)")
	}
	store, err := c.openLoaded(ctx, m.Logger)
	if err != nil {
		return err
	}
	defer store.Close(context.Background())
	rel, a, err := analyze(ctx, store, o)
	if err != nil {
		return err
	}
	if err := summarize(ctx, m.Stdout, store, rel, o, a); err != nil {
		return err
	}
	if !*write {
		return nil
	}
	a.Pairs = coalition.Strongest(a.Pairs, o.EdgesPerActor)
	rep, err := store.(*neo4jstore.Store).WriteAnalysis(ctx, rel, o, a)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "wrote %d blocs, %d IN_BLOC and %d AGREES_WITH relationships of %q for release %s (replaced %d)\n", rep.Blocs, rep.Members, rep.Agreeing, rep.Key, rep.Release, rep.Removed)
	return nil
}

// analyze computes the analysis of o through the API's own code and
// returns it with the release it was computed from.
func analyze(ctx context.Context, store stancegraph.Store, o neo4jstore.AnalysisOptions) (string, coalition.Analysis, error) {
	in := &model.CoalitionOptions{Basis: &o.Basis, MinOverlap: &o.MinOverlap}
	if o.AsOf != "" {
		in.AsOf = &o.AsOf
	}
	before, err := store.Release(ctx)
	if err != nil {
		return "", coalition.Analysis{}, err
	}
	a, err := (&resolvers.Resolver{Store: store}).Analyze(ctx, in)
	if code := stancegraph.ErrorCode(err); code == stancegraph.EINVALID || code == stancegraph.ENOTFOUND {
		return "", coalition.Analysis{}, errors.New(stancegraph.ErrorMessage(err))
	} else if err != nil {
		return "", coalition.Analysis{}, err
	}
	after, err := store.Release(ctx)
	if err != nil {
		return "", coalition.Analysis{}, err
	}
	if after.ID != before.ID {
		return "", coalition.Analysis{}, fmt.Errorf("a load replaced release %s with %s while the analysis read it: run it again", before.ID, after.ID)
	}
	return before.ID, a, nil
}

// summarize prints the blocs, with their first members and defining items,
// and how many pairs have a score.
func summarize(ctx context.Context, w io.Writer, store stancegraph.Store, release string, o neo4jstore.AnalysisOptions, a coalition.Analysis) error {
	scored := 0
	for _, p := range a.Pairs {
		if p.Defined {
			scored++
		}
	}
	fmt.Fprintf(w, "release %s, analysis %q: %d blocs, modularity Q = %.3f; %d of %d pairs scored\n", release, o.Key(), len(a.Blocs), a.Modularity, scored, len(a.Pairs))
	for _, b := range a.Blocs {
		first := b.Members[:min(len(b.Members), 6)]
		actors, err := stancegraph.Get(store).Actors(ctx, first)
		if err != nil {
			return err
		}
		names := make([]string, len(first))
		for i, x := range actors {
			names[i] = first[i]
			if x != nil {
				names[i] = x.Name
			}
		}
		if len(first) < len(b.Members) {
			names = append(names, "…")
		}
		var items []string
		for _, it := range b.Defining {
			items = append(items, fmt.Sprintf("%s (%+.2f)", it.ID, it.Mean))
		}
		fmt.Fprintf(w, "bloc %d: %d actors, cohesion %.2f: %s\n    defined by %s\n", b.ID, len(b.Members), b.Cohesion, strings.Join(names, ", "), strings.Join(items, ", "))
	}
	return nil
}
