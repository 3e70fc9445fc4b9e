package coalition

import (
	"cmp"
	"slices"

	"github.com/stancegraph/stancegraph"
)

// Pair is the agreement between actors A and B.
type Pair struct {
	A, B    string
	Score   float64 // A(a,b) in [0,1]; 0 when not Defined
	Overlap int     // number of items both took a stance on
	Defined bool    // Overlap >= Options.MinOverlap
}

// pair scores a against b over the corpus.
func (c *corpus) pair(a, b string, minOverlap int) Pair {
	score, overlap := agree(c.profile(a), c.profile(b), c.weighted)
	p := Pair{A: a, B: b, Overlap: overlap, Defined: overlap >= minOverlap}
	if p.Defined {
		p.Score = round(score)
	}
	return p
}

// pairs scores every unordered pair of ids (sorted), a<b, in order.
func (c *corpus) pairs(ids []string, minOverlap int) []Pair {
	out := make([]Pair, 0, len(ids)*(len(ids)-1)/2)
	for i, a := range ids {
		for _, b := range ids[i+1:] {
			out = append(out, c.pair(a, b, minOverlap))
		}
	}
	return out
}

// Agreement returns the agreement between actors a and b.
func Agreement(ps []*stancegraph.Position, a, b string, o Options) Pair {
	return build(ps, o).pair(a, b, o.minOverlap())
}

// Matrix returns every unordered pair of actorIDs (deduplicated; nil means
// every actor with a stance) with A < B, ordered by A then B. Pairs that are
// not Defined are included.
func Matrix(ps []*stancegraph.Position, actorIDs []string, o Options) []Pair {
	c := build(ps, o)
	return c.pairs(c.actorsOf(actorIDs), o.minOverlap())
}

// Nearest returns the n actors that agree most and the n that agree least
// with actorID (n <= 0: all), among Defined pairs only. Each Pair has
// A = actorID. Ties are broken by larger Overlap, then by B.
func Nearest(ps []*stancegraph.Position, actorID string, o Options, n int) (nearest, farthest []Pair) {
	c := build(ps, o)
	var all []Pair
	for _, b := range c.actors {
		if b == actorID {
			continue
		}
		if p := c.pair(actorID, b, o.minOverlap()); p.Defined {
			all = append(all, p)
		}
	}
	if n <= 0 || n > len(all) {
		n = len(all)
	}
	byScore := func(sign int) func(x, y Pair) int {
		return func(x, y Pair) int {
			return cmp.Or(sign*cmp.Compare(x.Score, y.Score), cmp.Compare(y.Overlap, x.Overlap), cmp.Compare(x.B, y.B))
		}
	}
	nearest = slices.SortedFunc(slices.Values(all), byScore(-1))[:n]
	farthest = slices.SortedFunc(slices.Values(all), byScore(1))[:n]
	return nearest, farthest
}
