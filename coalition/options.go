package coalition

import (
	"math"
	"slices"

	"github.com/stancegraph/stancegraph"
)

// Options tune every analysis in the package. The zero value is usable.
type Options struct {
	// AsOf (YYYY[-MM[-DD]]) keeps only positions dated on or before it,
	// compared on the shorter prefix like stancegraph.DateInRange with
	// to=AsOf. Empty keeps every position, dated or not.
	AsOf string
	// AsOfKeepUndated keeps undated positions when AsOf is set.
	AsOfKeepUndated bool
	// MinOverlap is the fewest common items a Defined score needs; 0 means 1.
	MinOverlap int
	// ItemOf names the item a position is on; nil means DefaultItem.
	// Positions it maps to "" are ignored.
	ItemOf func(*stancegraph.Position) string
	// Resolution is the Louvain resolution γ; 0 means 1. Higher values
	// give more, smaller blocs.
	Resolution float64
	// Seed seeds the Louvain random source; one seed, one answer.
	Seed int64
	// Alternatives are the alternatives of the issues (by id): a position
	// that favours one is a stance on "issue:ID" at the alternative's value.
	Alternatives map[string]*stancegraph.Alternative
	// Basis says which items count: every directional one (BasisAll, the
	// default), issues only, or texts (articles and instruments) only.
	Basis Basis
	// SalienceWeighted weights each common item by the two actors' mean
	// salience (DefaultSalience where a position gives none).
	SalienceWeighted bool
}

// Basis says which items an analysis counts.
type Basis string

// The bases.
const (
	BasisAll    Basis = ""       // issues and texts
	BasisIssues Basis = "ISSUES" // the alternatives actors favour on issues
	BasisTexts  Basis = "TEXTS"  // for and against articles and whole texts (votes, signatures, statements)
)

// DefaultSalience is the salience of a stance whose source gives none.
const DefaultSalience = 50

// score places p: the item it is a stance on, its value on [-1, 1] and
// its salience; ok is false for positions that say nothing directional.
// A position favouring an alternative is a stance on its issue at
// 2·value/100 − 1, so that |v_a − v_b|/2 = |x_a − x_b|/100. Otherwise a
// stance counts only for or against a text (an article or an instrument):
// a stance on a topic alone has no direction (wanting "a narrow scope" and
// "a broad scope" are both SUPPORTS on the topic scope), and CONDITIONAL
// or AMENDS without an alternative say nothing of which way.
func (o Options) score(p *stancegraph.Position) (item string, val, sal float64, ok bool) {
	sal = DefaultSalience
	if p.Salience != nil {
		sal = *p.Salience
	}
	if a := o.Alternatives[p.AlternativeID]; a != nil && p.AlternativeID != "" {
		if o.Basis == BasisTexts {
			return "", 0, 0, false
		}
		return "issue:" + a.IssueID, a.Value/50 - 1, sal, true
	}
	if o.Basis == BasisIssues {
		return "", 0, 0, false
	}
	v, ok := p.Stance.Polarity()
	if !ok || p.Stance == stancegraph.Conditional || p.Stance == stancegraph.Amends {
		return "", 0, 0, false
	}
	if p.ArticleID == "" && p.InstrumentID == "" {
		return "", 0, 0, false
	}
	item = o.itemOf()(p)
	return item, v, sal, item != ""
}

func (o Options) minOverlap() int { return max(o.MinOverlap, 1) }

func (o Options) resolution() float64 {
	if o.Resolution <= 0 {
		return 1
	}
	return o.Resolution
}

func (o Options) itemOf() func(*stancegraph.Position) string {
	if o.ItemOf == nil {
		return DefaultItem
	}
	return o.ItemOf
}

// keep reports whether p passes the AsOf filter.
func (o Options) keep(p *stancegraph.Position) bool {
	if o.AsOf == "" {
		return true
	}
	if p.Date == "" {
		return o.AsOfKeepUndated
	}
	return stancegraph.DateInRange(p.Date, "", o.AsOf)
}

// DefaultItem names the item of p: its article ID if set, else
// "instrument:ID:KIND" for a whole-instrument position, else "topic:" and
// its first topic, else "".
func DefaultItem(p *stancegraph.Position) string {
	switch {
	case p.ArticleID != "":
		return p.ArticleID
	case p.InstrumentID != "":
		return "instrument:" + p.InstrumentID + ":" + string(p.Kind)
	case len(p.Topics) > 0:
		return "topic:" + p.Topics[0]
	}
	return ""
}

// ArticleItems returns an ItemOf that works like DefaultItem but names every
// article after the representative of its correspondence class (articles
// linked through CorrespondsTo, transitively): the adopted article with the
// smallest ID if the class has one, else the smallest ID. The returned
// function only reads its tables, so it is safe for concurrent use.
func ArticleItems(arts []*stancegraph.Article) func(*stancegraph.Position) string {
	parent := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		p, ok := parent[x]
		if !ok || p == x {
			return x
		}
		r := find(p)
		parent[x] = r
		return r
	}
	adopted := map[string]bool{}
	linked := map[string]bool{}
	for _, a := range arts {
		if a == nil {
			continue
		}
		adopted[a.ID] = a.Status == stancegraph.StatusAdopted
		for _, c := range a.CorrespondsTo {
			linked[a.ID], linked[c] = true, true
			if ra, rc := find(a.ID), find(c); ra != rc {
				parent[ra] = rc
			}
		}
	}
	// better is a total order, so map order cannot change the result.
	best := map[string]string{} // root -> representative
	for id := range linked {
		best[find(id)] = better(best[find(id)], id, adopted)
	}
	canon := make(map[string]string, len(linked))
	for id := range linked {
		canon[id] = best[find(id)]
	}
	return func(p *stancegraph.Position) string {
		if c, ok := canon[p.ArticleID]; ok {
			return c
		}
		return DefaultItem(p)
	}
}

// better picks the representative of two article IDs: adopted first, then
// the smaller ID. An empty ID loses.
func better(a, b string, adopted map[string]bool) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	case adopted[a] != adopted[b]:
		if adopted[a] {
			return a
		}
		return b
	}
	return min(a, b)
}

// IDs returns the sorted IDs of as, for passing a filtered set of actors
// (states only, one regional group) to Matrix, Blocs or Centrality.
func IDs(as []*stancegraph.Actor) []string {
	out := make([]string, 0, len(as))
	for _, a := range as {
		if a != nil {
			out = append(out, a.ID)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// round rounds x to 1e-9 so answers compare equal across runs.
func round(x float64) float64 {
	r := math.Round(x*1e9) / 1e9
	if r == 0 {
		return 0 // no -0
	}
	return r
}
