package coalition

import (
	"cmp"
	"math"
	"slices"

	"github.com/stancegraph/stancegraph"
)

// stance is one actor's stance on one item, taken from its latest position.
type stance struct {
	item int // index into corpus.items
	val  float64
	sal  float64 // salience, 0–100
	pos  *stancegraph.Position
}

// corpus holds every actor's stance profile, in ID order.
type corpus struct {
	weighted bool           // agreement weighted by salience
	actors   []string       // sorted
	index    map[string]int // actor ID -> index into actors
	items    []string       // sorted
	prof     [][]stance     // per actor, sorted by item
}

// later reports whether p comes after q: by date (undated first), then ID.
func later(p, q *stancegraph.Position) bool {
	return cmp.Or(cmp.Compare(p.Date, q.Date), cmp.Compare(p.ID, q.ID)) > 0
}

// latest returns, per actor and item, the stance of the latest position
// that passes o's filters and says something directional (Options.score).
func latest(ps []*stancegraph.Position, o Options) map[[2]string]stance {
	out := map[[2]string]stance{}
	for _, p := range ps {
		if p == nil || p.ActorID == "" || !o.keep(p) {
			continue
		}
		item, val, sal, ok := o.score(p)
		if !ok {
			continue
		}
		k := [2]string{p.ActorID, item}
		if q, ok := out[k]; !ok || later(p, q.pos) {
			out[k] = stance{val: val, sal: sal, pos: p}
		}
	}
	return out
}

// build computes every actor's profile from ps.
func build(ps []*stancegraph.Position, o Options) *corpus {
	lat := latest(ps, o)
	keys := make([][2]string, 0, len(lat))
	for k := range lat {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [2]string) int {
		return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
	})
	c := &corpus{index: map[string]int{}, weighted: o.SalienceWeighted}
	itemIdx := map[string]int{}
	for _, k := range keys {
		if _, ok := c.index[k[0]]; !ok {
			c.index[k[0]] = len(c.actors)
			c.actors = append(c.actors, k[0])
		}
		itemIdx[k[1]] = 0
	}
	for it := range itemIdx {
		c.items = append(c.items, it)
	}
	slices.Sort(c.items)
	for i, it := range c.items {
		itemIdx[it] = i
	}
	c.prof = make([][]stance, len(c.actors))
	for _, k := range keys { // actor, then item order: each profile comes out sorted
		st := lat[k]
		st.item = itemIdx[k[1]]
		a := c.index[k[0]]
		c.prof[a] = append(c.prof[a], st)
	}
	return c
}

// profile returns the stances of actor id, nil if it has none.
func (c *corpus) profile(id string) []stance {
	if i, ok := c.index[id]; ok {
		return c.prof[i]
	}
	return nil
}

// agree merges two item-sorted profiles and returns the agreement score
// and the number of common items. Weighted, each common item counts with
// the mean of the two saliences:
//
//	A(a,b) = 1 - Σ_i w_i |s_a(i) - s_b(i)| / 2 / Σ_i w_i,  w_i = (sal_a(i) + sal_b(i)) / 2
//
// (an item both rate 0 drops out); unweighted, every w_i is 1.
func agree(x, y []stance, weighted bool) (score float64, overlap int) {
	var diff, total float64
	for i, j := 0, 0; i < len(x) && j < len(y); {
		switch {
		case x[i].item < y[j].item:
			i++
		case x[i].item > y[j].item:
			j++
		default:
			w := 1.0
			if weighted {
				w = (x[i].sal + y[j].sal) / 2
			}
			diff += w * math.Abs(x[i].val-y[j].val) / 2
			total += w
			overlap++
			i++
			j++
		}
	}
	if overlap == 0 || total == 0 {
		return 0, overlap
	}
	return 1 - diff/total, overlap
}

// Profiles returns each actor's stance value per item (actor ID -> item ->
// polarity of its latest stance-bearing position), after o's filters.
func Profiles(ps []*stancegraph.Position, o Options) map[string]map[string]float64 {
	c := build(ps, o)
	out := make(map[string]map[string]float64, len(c.actors))
	for a, id := range c.actors {
		m := make(map[string]float64, len(c.prof[a]))
		for _, s := range c.prof[a] {
			m[c.items[s.item]] = s.val
		}
		out[id] = m
	}
	return out
}

// actorsOf returns the sorted, deduplicated IDs; nil means every actor with
// a stance.
func (c *corpus) actorsOf(ids []string) []string {
	if ids == nil {
		return c.actors
	}
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}
