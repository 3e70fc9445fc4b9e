package coalition

import (
	"cmp"
	"math"
	"slices"

	"github.com/stancegraph/stancegraph"
)

// Contest measures how divided the actors who spoke on an item are.
type Contest struct {
	Item string
	// Entropy is the Shannon entropy, in bits, of the speakers' stances
	// over three classes: for (+1), against (-1), middle (0.5 or 0).
	Entropy float64
	// Speakers is the number of actors with a stance on the item (each
	// counted once, by its latest position; absent and neutral ignored).
	Speakers int
	// Score is Entropy * log2(1+Speakers).
	Score float64
	// Counts is the number of speakers per stance; it sums to Speakers.
	Counts map[stancegraph.Stance]int
}

// Contested returns every item with its Contest, most contested first, ties
// broken by Item. Entropy alone would rank a 1-1 split as high as a 90-90
// one and a single dissenter would lift any item; weighting by
// log2(1+Speakers) prefers divisions many actors take part in, but only
// logarithmically, so a large unanimous item still scores 0 and a small,
// evenly split item is not buried by a large, lopsided one.
func Contested(ps []*stancegraph.Position, o Options) []Contest {
	c := build(ps, o)
	out := make([]Contest, len(c.items))
	classes := make([][3]int, len(c.items))
	for i, it := range c.items {
		out[i] = Contest{Item: it, Counts: map[stancegraph.Stance]int{}}
	}
	for _, prof := range c.prof {
		for _, s := range prof {
			out[s.item].Speakers++
			out[s.item].Counts[s.pos.Stance]++
			classes[s.item][class(s.val)]++
		}
	}
	for i := range out {
		h := entropy(classes[i][:], out[i].Speakers)
		out[i].Entropy = round(h)
		out[i].Score = round(h * math.Log2(1+float64(out[i].Speakers)))
	}
	slices.SortFunc(out, func(a, b Contest) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Item, b.Item))
	})
	return out
}

// class maps a stance value to 0 for, 1 against, 2 middle.
func class(v float64) int {
	switch {
	case v == 1:
		return 0
	case v == -1:
		return 1
	}
	return 2
}

// entropy returns the Shannon entropy in bits of counts summing to n.
func entropy(counts []int, n int) float64 {
	var h float64
	for _, k := range counts {
		if k > 0 {
			p := float64(k) / float64(n)
			h -= p * math.Log2(p)
		}
	}
	return h
}
