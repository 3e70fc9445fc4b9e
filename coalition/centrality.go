package coalition

import (
	"cmp"
	"math"
	"slices"

	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/path"

	"github.com/stancegraph/stancegraph"
)

// Score is an actor's centrality in the agreement graph.
type Score struct {
	Actor string
	// PageRank is the actor's weighted PageRank (damping 0.85); the scores
	// of all actors sum to 1.
	PageRank float64
	// Betweenness is the share of shortest agreement paths between other
	// actors that pass through this one, in [0,1]; distance is
	// 1 - agreement + 1/1024 (see the package comment).
	Betweenness float64
}

// damping is the PageRank damping factor.
const damping = 0.85

// Centrality returns the centrality of actorIDs (nil: every actor with a
// stance) in their agreement graph, highest PageRank first, ties broken by
// Actor.
func Centrality(ps []*stancegraph.Position, actorIDs []string, o Options) []Score {
	c := build(ps, o)
	ids := c.actorsOf(actorIDs)
	pairs := c.pairs(ids, o.minOverlap())
	pr := pageRank(agreementGraph(ids, pairs, 0, identity), damping)
	dg := agreementGraph(ids, pairs, 0, distance)
	bc := network.BetweennessWeighted(dg, path.DijkstraAllPaths(dg))
	n := float64(len(ids))
	out := make([]Score, len(ids))
	for i, id := range ids {
		out[i] = Score{Actor: id, PageRank: round(pr[i])}
		if n > 2 {
			out[i].Betweenness = round(bc[int64(i)] / ((n - 1) * (n - 2)))
		}
	}
	slices.SortFunc(out, func(a, b Score) int {
		return cmp.Or(cmp.Compare(b.PageRank, a.PageRank), cmp.Compare(a.Actor, b.Actor))
	})
	return out
}

// pageRank is gonum network.PageRank's edge-weighted power iteration over
// g with every edge in both directions, written out because gonum starts
// from a vector drawn from the unseedable math/rand/v2 source, so its last
// digits differ from run to run. This one starts from the uniform vector
// and visits nodes in ID order. Dangling nodes spread their rank evenly.
func pageRank(g *undirected, damp float64) []float64 {
	n := len(g.nodes)
	if n == 0 {
		return nil
	}
	out := make([]float64, n) // total outgoing weight per node
	for u, vs := range g.adj {
		for _, v := range vs {
			w, _ := g.Weight(int64(u), v.ID())
			out[u] += w
		}
	}
	rank, next := make([]float64, n), make([]float64, n)
	for i := range rank {
		rank[i] = 1 / float64(n)
	}
	for iter := 0; iter < 10000; iter++ {
		var dangling float64
		for u := range rank {
			if out[u] == 0 {
				dangling += rank[u]
			}
		}
		base := (1-damp)/float64(n) + damp*dangling/float64(n)
		for v := range next {
			next[v] = base
			for _, u := range g.adj[v] {
				w, _ := g.Weight(u.ID(), int64(v))
				next[v] += damp * rank[u.ID()] * w / out[u.ID()]
			}
		}
		var diff float64
		for i := range rank {
			diff += (next[i] - rank[i]) * (next[i] - rank[i])
		}
		rank, next = next, rank
		if math.Sqrt(diff) < 1e-13 {
			break
		}
	}
	return rank
}
