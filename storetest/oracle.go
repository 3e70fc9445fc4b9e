package storetest

import (
	"cmp"
	"slices"
	"strings"

	"github.com/stancegraph/stancegraph"
)

// oracle answers queries by brute force over the dataset: the reference
// the backends are checked against.
type oracle struct {
	d       *stancegraph.Dataset
	actors  map[string]*stancegraph.Actor
	sources map[string]*stancegraph.Source
}

func newOracle(d *stancegraph.Dataset) *oracle {
	o := &oracle{d: d, actors: map[string]*stancegraph.Actor{}, sources: map[string]*stancegraph.Source{}}
	for _, a := range d.Actors {
		o.actors[a.ID] = a
	}
	for _, s := range d.Sources {
		o.sources[s.ID] = s
	}
	return o
}

func has[T comparable](want []T, got ...T) bool {
	if len(want) == 0 {
		return true
	}
	for _, g := range got {
		if slices.Contains(want, g) {
			return true
		}
	}
	return false
}

// positions returns every position matching f, sorted, before paging.
func (o *oracle) positions(f stancegraph.PositionFilter) []*stancegraph.Position {
	var out []*stancegraph.Position
	for _, p := range o.d.Positions {
		a := o.actors[p.ActorID]
		if (f.IncludeRetracted || p.Retracted == nil) && has(f.IDs, p.ID) && has(f.ActorIDs, p.ActorID) && has(f.ActorTypes, a.Type) && has(f.RegionalGroups, a.RegionalGroup) &&
			has(f.InstrumentIDs, p.InstrumentID) && has(f.ArticleIDs, p.ArticleID) && has(f.Topics, p.Topics...) &&
			has(f.Stances, p.Stance) && has(f.Kinds, p.Kind) && has(f.SessionIDs, p.SessionID) && has(f.SourceIDs, p.SourceIDs...) &&
			has(f.RepresentedIDs, append(append([]string{}, p.OnBehalfOf...), p.JointWith...)...) &&
			has(f.Verifications, p.Verification) && stancegraph.DateInRange(p.Date, f.DateFrom, f.DateTo) && o.classes(f, p) {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b *stancegraph.Position) int {
		if f.Sort == stancegraph.SortDateDesc {
			return cmp.Or(strings.Compare(b.Date, a.Date), strings.Compare(a.ID, b.ID))
		}
		return cmp.Or(strings.Compare(a.Date, b.Date), strings.Compare(a.ID, b.ID))
	})
	return out
}

func (o *oracle) actorsMatching(f stancegraph.ActorFilter) []*stancegraph.Actor {
	var out []*stancegraph.Actor
	for _, a := range o.d.Actors {
		if has(f.IDs, a.ID) && has(f.Types, a.Type) && has(f.Kinds, a.Kind) && has(f.RegionalGroups, a.RegionalGroup) &&
			(f.Name == nil || a.MatchesName(*f.Name)) {
			out = append(out, a)
		}
	}
	slices.SortFunc(out, func(a, b *stancegraph.Actor) int {
		return cmp.Or(cmp.Compare(a.Type, b.Type), strings.Compare(a.Name, b.Name), strings.Compare(a.ID, b.ID))
	})
	return out
}

func (o *oracle) articles(f stancegraph.ArticleFilter) []*stancegraph.Article {
	var out []*stancegraph.Article
	def := map[string]bool{}
	for _, in := range o.d.Instruments {
		def[in.ID] = in.Default
	}
	for _, a := range o.d.Articles {
		if f.DefaultInstrument && !def[a.InstrumentID] {
			continue
		}
		if has(f.InstrumentIDs, a.InstrumentID) && has(f.Statuses, a.Status) && (f.Number == nil || a.Number == *f.Number) &&
			(f.Chapter == nil || strings.Contains(strings.ToLower(a.Chapter), strings.ToLower(*f.Chapter))) {
			out = append(out, a)
		}
	}
	slices.SortFunc(out, func(a, b *stancegraph.Article) int {
		return cmp.Or(strings.Compare(a.InstrumentID, b.InstrumentID), cmp.Compare(a.Number, b.Number))
	})
	return out
}

// pageOf applies offset and limit as the stores do.
func pageOf[V any](vs []*V, offset, limit int) []*V {
	if offset >= len(vs) {
		return nil
	}
	vs = vs[offset:]
	if limit > 0 && limit < len(vs) {
		vs = vs[:limit]
	}
	return vs
}

// classes reports whether p cites a source of one of f's classes.
func (o *oracle) classes(f stancegraph.PositionFilter, p *stancegraph.Position) bool {
	if len(f.SourceClasses) == 0 {
		return true
	}
	for _, id := range p.SourceIDs {
		if s := o.sources[id]; s != nil && slices.Contains(f.SourceClasses, s.Class) {
			return true
		}
	}
	return false
}
