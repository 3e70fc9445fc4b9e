package coalition

import "github.com/stancegraph/stancegraph"

// Analysis is the blocs of a set of actors and the agreement of every pair
// of them, computed from one reading of the positions: what `stancegraph
// analyze` prints and stores. Its blocs and pairs are those Blocs and
// Matrix return for the same arguments.
type Analysis struct {
	Blocs      []Bloc
	Modularity float64
	Pairs      []Pair // every unordered pair, A < B, ordered as Matrix orders them
}

// Analyze returns the blocs of actorIDs (nil: every actor with a stance)
// and the agreement of every pair of them. It scores the pairs once, where
// Blocs and Matrix would each score them.
func Analyze(ps []*stancegraph.Position, actorIDs []string, o Options) Analysis {
	c := build(ps, o)
	ids := c.actorsOf(actorIDs)
	if len(ids) == 0 {
		return Analysis{Pairs: []Pair{}}
	}
	t := table{ids: ids, ps: c.pairs(ids, o.minOverlap())}
	blocs, q := t.blocs(c, o)
	return Analysis{Blocs: blocs, Modularity: q, Pairs: t.ps}
}
