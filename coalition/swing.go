package coalition

import (
	"cmp"
	"slices"

	"github.com/stancegraph/stancegraph"
)

// Swing measures how far an actor is pulled away from its own bloc.
type Swing struct {
	Actor string
	Bloc  int // ID of the actor's own bloc
	// Split is out / (own + out): own is the actor's mean agreement with the
	// other members of its bloc, out its mean agreement with every actor in
	// other blocs (Defined pairs only). 0 agrees only with its own bloc, 0.5
	// no more with its own bloc than outside it, above 0.5 more outside.
	Split float64
	// ByBloc maps a bloc ID to the actor's mean agreement with that bloc's
	// members (itself excluded, Defined pairs only); blocs with no Defined
	// pair are left out.
	ByBloc map[int]float64
}

// Swings returns a Swing for every member of a bloc of two or more (an
// actor in a bloc of its own has no bloc to swing away from), highest
// Split first, ties broken by Actor. blocs is what Blocs returned for the
// same ps and o.
//
// out pools every outside actor rather than taking the closest other bloc:
// on sparse data a bloc of three that shares a single item with the actor
// would otherwise outweigh a bloc of a hundred it shares many with. ByBloc
// shows which bloc the pull comes from.
func Swings(ps []*stancegraph.Position, blocs []Bloc, o Options) []Swing {
	c := build(ps, o)
	minOv := o.minOverlap()
	var out []Swing
	for _, own := range blocs {
		if len(own.Members) < 2 {
			continue
		}
		for _, x := range own.Members {
			s := Swing{Actor: x, Bloc: own.ID, ByBloc: map[int]float64{}}
			var ownMean, outSum float64
			var outN int
			for _, b := range blocs {
				sum, n := sumAgreement(c, x, b.Members, minOv)
				if n == 0 {
					continue
				}
				s.ByBloc[b.ID] = round(sum / float64(n))
				if b.ID == own.ID {
					ownMean = sum / float64(n)
				} else {
					outSum, outN = outSum+sum, outN+n
				}
			}
			if outN > 0 && ownMean+outSum > 0 {
				outMean := outSum / float64(outN)
				s.Split = round(outMean / (ownMean + outMean))
			}
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b Swing) int {
		return cmp.Or(cmp.Compare(b.Split, a.Split), cmp.Compare(a.Actor, b.Actor))
	})
	return out
}

// sumAgreement returns the sum and number of x's Defined agreements with
// members other than itself.
func sumAgreement(c *corpus, x string, members []string, minOverlap int) (sum float64, n int) {
	for _, m := range members {
		if m == x {
			continue
		}
		if p := c.pair(x, m, minOverlap); p.Defined {
			sum += p.Score
			n++
		}
	}
	return sum, n
}

// Change is an actor taking a different stance on an item than it took
// before: two consecutive dated positions whose polarity differs.
type Change struct {
	Actor, Item              string
	From, To                 stancegraph.Stance
	FromPosition, ToPosition string // position IDs
	FromDate, ToDate         string
}

// Changes returns every change of stance, ordered by actor, item, then
// date. Positions are taken in date order (ties by ID) per actor and item
// as o.ItemOf names them, so with ArticleItems a change across versions of
// an article counts. Undated positions cannot be placed in time and are
// skipped, as are absent and neutral ones, which state no stance. A change
// needs a different polarity: SUPPORTS then RETAINS is no change, SUPPORTS
// then CONDITIONAL is. o.AsOf applies; MinOverlap, Resolution and Seed do
// not.
func Changes(ps []*stancegraph.Position, o Options) []Change {
	itemOf := o.itemOf()
	type key struct{ actor, item string }
	groups := map[key][]*stancegraph.Position{}
	for _, p := range ps {
		if p == nil || p.ActorID == "" || p.Date == "" || !o.keep(p) {
			continue
		}
		if _, ok := p.Stance.Polarity(); !ok {
			continue
		}
		if it := itemOf(p); it != "" {
			k := key{p.ActorID, it}
			groups[k] = append(groups[k], p)
		}
	}
	var out []Change
	for k, g := range groups {
		slices.SortFunc(g, stancegraph.ComparePositions(stancegraph.SortDateAsc))
		for i := 1; i < len(g); i++ {
			a, b := g[i-1], g[i]
			pa, _ := a.Stance.Polarity()
			pb, _ := b.Stance.Polarity()
			if pa != pb {
				out = append(out, Change{Actor: k.actor, Item: k.item, From: a.Stance, To: b.Stance,
					FromPosition: a.ID, ToPosition: b.ID, FromDate: a.Date, ToDate: b.Date})
			}
		}
	}
	slices.SortFunc(out, func(a, b Change) int {
		return cmp.Or(cmp.Compare(a.Actor, b.Actor), cmp.Compare(a.Item, b.Item),
			cmp.Compare(a.ToDate, b.ToDate), cmp.Compare(a.ToPosition, b.ToPosition))
	})
	return out
}
