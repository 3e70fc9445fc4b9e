package coalition

import (
	"cmp"
	"slices"

	"github.com/stancegraph/stancegraph"
)

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

// Strongest keeps each actor's k strongest Defined pairs (highest score,
// then larger overlap, then the other actor's ID); a pair stays if either
// of its actors keeps it. k <= 0 keeps every Defined pair. The order of
// pairs is kept.
func Strongest(pairs []Pair, k int) []Pair {
	keep := make([]bool, len(pairs))
	byActor := map[string][]int{}
	for i, p := range pairs {
		if p.Defined {
			keep[i] = k <= 0
			byActor[p.A], byActor[p.B] = append(byActor[p.A], i), append(byActor[p.B], i)
		}
	}
	if k > 0 {
		for actor, idx := range byActor {
			other := func(i int) string {
				if pairs[i].A == actor {
					return pairs[i].B
				}
				return pairs[i].A
			}
			slices.SortFunc(idx, func(x, y int) int {
				return cmp.Or(cmp.Compare(pairs[y].Score, pairs[x].Score), cmp.Compare(pairs[y].Overlap, pairs[x].Overlap), cmp.Compare(other(x), other(y)))
			})
			for _, i := range idx[:min(k, len(idx))] {
				keep[i] = true
			}
		}
	}
	out := []Pair{}
	for i, p := range pairs {
		if keep[i] {
			out = append(out, p)
		}
	}
	return out
}
