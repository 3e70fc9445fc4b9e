package coalition

import (
	"cmp"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"

	"github.com/stancegraph/stancegraph"
)

// Bloc is a group of actors that agree with each other more than their
// overall agreeableness predicts: a Louvain community of the agreement graph.
type Bloc struct {
	ID       int      // index in the slice Blocs returns
	Members  []string // sorted actor IDs
	Cohesion float64  // mean agreement over Defined member pairs; 0 if none
	Defining []Item   // at most 5 items the members agree on most
}

// Item is an item as seen by a group of actors.
type Item struct {
	ID        string
	Mean      float64 // mean stance value of the members who took one
	Agreement float64 // mean pairwise agreement of those members on the item
	Speakers  int     // members who took a stance on it
}

// maxDefining is how many defining items a Bloc lists.
const maxDefining = 5

// table is the pairwise agreement of sorted ids, as c.pairs returns it.
type table struct {
	ids []string
	ps  []Pair
}

// at returns the pair of ids[i] and ids[j], i != j.
func (t table) at(i, j int) Pair {
	if i > j {
		i, j = j, i
	}
	n := len(t.ids)
	return t.ps[i*n-i*(i+1)/2+j-i-1]
}

// Blocs partitions actorIDs (nil: every actor with a stance) into blocs and
// returns them with the partition's modularity Q. Every actor is in exactly
// one bloc; one that agrees with nobody more than it disagrees (no Defined
// pair above 0.5) is a bloc of its own.
// Blocs are ordered by size, largest first, then by first member.
func Blocs(ps []*stancegraph.Position, actorIDs []string, o Options) ([]Bloc, float64) {
	c := build(ps, o)
	ids := c.actorsOf(actorIDs)
	if len(ids) == 0 {
		return nil, 0
	}
	t := table{ids: ids, ps: c.pairs(ids, o.minOverlap())}
	return t.blocs(c, o)
}

// blocs partitions t.ids on their agreement t.ps (see Blocs).
func (t table) blocs(c *corpus, o Options) ([]Bloc, float64) {
	g := agreementGraph(t.ids, t.ps, blocScore, identity)
	comms := modularize(g, o)
	var q float64
	if g.WeightedEdges().Len() > 0 {
		q = community.Q(g, comms, o.resolution())
	}
	blocs := make([]Bloc, len(comms))
	for k, comm := range comms {
		idx := make([]int, len(comm))
		for i, n := range comm {
			idx[i] = int(n.ID())
		}
		slices.Sort(idx)
		blocs[k] = t.bloc(c, idx)
	}
	slices.SortFunc(blocs, func(a, b Bloc) int {
		return cmp.Or(cmp.Compare(len(b.Members), len(a.Members)), cmp.Compare(a.Members[0], b.Members[0]))
	})
	for k := range blocs {
		blocs[k].ID = k
	}
	return blocs, round(q)
}

// modularize runs Louvain on g with o's resolution and seed and returns the
// top-level communities, empty ones dropped.
func modularize(g *undirected, o Options) [][]graph.Node {
	src := rand.NewPCG(uint64(o.Seed), 0)
	r := community.Modularize(g, o.resolution(), src)
	var out [][]graph.Node
	for _, comm := range r.Communities() {
		if len(comm) > 0 {
			out = append(out, comm)
		}
	}
	return out
}

// bloc describes the bloc of the actors at idx (sorted) in t.ids.
func (t table) bloc(c *corpus, idx []int) Bloc {
	b := Bloc{Members: make([]string, len(idx))}
	var sum float64
	var n int
	for i, x := range idx {
		b.Members[i] = t.ids[x]
		for _, y := range idx[i+1:] {
			if p := t.at(x, y); p.Defined {
				sum += p.Score
				n++
			}
		}
	}
	if n > 0 {
		b.Cohesion = round(sum / float64(n))
	}
	b.Defining = defining(c, b.Members)
	return b
}

// defining returns the items at least half the members (and at least two,
// unless the bloc is a single actor) took a stance on, ranked by the
// members' agreement on them, then by speakers, then by ID; at most
// maxDefining.
func defining(c *corpus, members []string) []Item {
	vals := map[int][]float64{}
	for _, m := range members {
		for _, s := range c.profile(m) {
			vals[s.item] = append(vals[s.item], s.val)
		}
	}
	need := max((len(members)+1)/2, min(2, len(members)))
	var out []Item
	for it, vs := range vals {
		if len(vs) < need {
			continue
		}
		mean, agreement := spread(vs)
		out = append(out, Item{ID: c.items[it], Mean: round(mean), Agreement: round(agreement), Speakers: len(vs)})
	}
	slices.SortFunc(out, func(a, b Item) int {
		return cmp.Or(cmp.Compare(b.Agreement, a.Agreement), cmp.Compare(b.Speakers, a.Speakers), cmp.Compare(a.ID, b.ID))
	})
	return out[:min(len(out), maxDefining)]
}

// spread returns the mean of vs and their mean pairwise agreement
// 1 - mean|x_i - x_j|/2 (1 for a single value). vs is sorted in place.
func spread(vs []float64) (mean, agreement float64) {
	slices.Sort(vs)
	var total, prefix, diffs float64
	for j, x := range vs {
		diffs += float64(j)*x - prefix // Σ_{i<j} (x_j - x_i)
		prefix += x
		total += x
	}
	k := float64(len(vs))
	mean = total / k
	if len(vs) < 2 {
		return mean, 1
	}
	return mean, 1 - diffs/(k*(k-1)/2)/2
}
