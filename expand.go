package stancegraph

import (
	"cmp"
	"context"
	"fmt"
	"slices"
)

// PositionParent names what PositionsWith groups positions by.
type PositionParent string

// The parents of PositionsWith: PositionsByActorIDs, PositionsByArticleIDs
// and PositionsBySourceIDs.
const (
	ByActor   PositionParent = "actor"
	ByArticle PositionParent = "article"
	BySource  PositionParent = "source"
)

// Expand names the records a list of positions refers to that a caller
// wants with the positions, in the same round trip: what the fields
// selected under a list of positions in a GraphQL query will ask for.
type Expand struct {
	Actors             bool // actor, speaker, onBehalfOf, jointWith
	Articles           bool // article
	ArticleInstruments bool // the instruments of those articles
	Instruments        bool // the positions' own instrument
	Sources            bool // every source cited
	Sessions           bool
	Topics             bool
}

// Any reports whether e asks for anything.
func (e Expand) Any() bool { return e != Expand{} }

// Related holds the records that positions refer to, each list in id order
// without duplicates; ids that name no record are left out.
type Related struct {
	Actors      []*Actor
	Articles    []*Article
	Instruments []*Instrument
	Sources     []*Source
	Sessions    []*Session
	Topics      []*Topic
}

// Refs holds the ids that positions refer to, per kind, sorted and
// deduplicated; empty ids are left out. Article instruments are not among
// them: they are known only once the articles are.
type Refs struct {
	Actors, Articles, Instruments, Sources, Sessions, Topics []string
}

// RefsOf returns the ids of the records e asks for that ps refer to.
func (e Expand) RefsOf(ps []*Position) Refs {
	var r Refs
	for _, p := range ps {
		if e.Actors {
			r.Actors = append(r.Actors, p.ActorID, p.SpeakerID)
			r.Actors = append(r.Actors, p.OnBehalfOf...)
			r.Actors = append(r.Actors, p.JointWith...)
		}
		if e.Articles || e.ArticleInstruments {
			r.Articles = append(r.Articles, p.ArticleID)
		}
		if e.Instruments {
			r.Instruments = append(r.Instruments, p.InstrumentID)
		}
		if e.Sources {
			r.Sources = append(r.Sources, p.SourceIDs...)
		}
		if e.Sessions {
			r.Sessions = append(r.Sessions, p.SessionID)
		}
		if e.Topics {
			r.Topics = append(r.Topics, p.Topics...)
		}
	}
	for _, l := range []*[]string{&r.Actors, &r.Articles, &r.Instruments, &r.Sources, &r.Sessions, &r.Topics} {
		*l = slices.DeleteFunc(slices.Compact(slices.Sorted(slices.Values(*l))), func(s string) bool { return s == "" })
	}
	return r
}

// Group sets f's ids of by's kind to ids (nil clears them: the parents then
// come from elsewhere) and returns the keys that bucket a position under its
// parents: what PositionsBy, PositionsWith and StanceCounts mean by "by".
func (by PositionParent) Group(f PositionFilter, ids []string) (PositionFilter, func(*Position) []string, error) {
	switch by {
	case ByActor:
		f.ActorIDs, f.SpokenToo = ids, true
		return f, ActorKeys, nil
	case ByArticle:
		f.ArticleIDs = ids
		return f, func(p *Position) []string { return []string{p.ArticleID} }, nil
	case BySource:
		f.SourceIDs = ids
		return f, func(p *Position) []string { return p.SourceIDs }, nil
	}
	return f, nil, Errorf(EINVALID, "Positions cannot be grouped by %q.", by)
}

// ActorKeys are the actors a position belongs to: its actor and, for a
// person, the speaker who said it.
func ActorKeys(p *Position) []string {
	if p.SpeakerID == "" || p.SpeakerID == p.ActorID {
		return []string{p.ActorID}
	}
	return []string{p.ActorID, p.SpeakerID}
}

// MatchesActors reports whether p belongs to any of ids under f's rule for
// actors (the speaker too when SpokenToo); an empty ids matches all.
func (f *PositionFilter) MatchesActors(p *Position) bool {
	if len(f.ActorIDs) == 0 {
		return true
	}
	return slices.Contains(f.ActorIDs, p.ActorID) || (f.SpokenToo && p.SpeakerID != "" && slices.Contains(f.ActorIDs, p.SpeakerID))
}

// PositionsBy calls the PositionsByXIDs method of s that by names.
func PositionsBy(ctx context.Context, s Store, by PositionParent, ids []string, f PositionFilter) ([][]*Position, error) {
	switch by {
	case ByActor:
		return s.PositionsByActorIDs(ctx, ids, f)
	case ByArticle:
		return s.PositionsByArticleIDs(ctx, ids, f)
	case BySource:
		return s.PositionsBySourceIDs(ctx, ids, f)
	}
	return nil, Errorf(EINVALID, "Positions cannot be grouped by %q.", by)
}

// CountStances counts PositionsBy's lists: StanceCounts for a store whose
// positions cost no round trip, and the conformance suite's reference.
func CountStances(ctx context.Context, s Store, by PositionParent, ids []string, f PositionFilter) ([]map[Stance]StanceTally, error) {
	lists, err := PositionsBy(ctx, s, by, ids, f)
	if err != nil {
		return nil, err
	}
	out := make([]map[Stance]StanceTally, len(lists))
	for i, ps := range lists {
		out[i] = TallyStances(ps)
	}
	return out, nil
}

// LookupRelated finds what e asks for among the records ps refer to with
// the store's ByIDs methods, one call per kind: PositionsWith for a store
// whose lookups cost no round trip (memstore), and the reference the
// conformance suite checks every store's PositionsWith against.
func LookupRelated(ctx context.Context, s Store, ps []*Position, e Expand) (*Related, error) {
	refs := e.RefsOf(ps)
	rel := &Related{}
	var err error
	if e.Actors {
		rel.Actors = lookup(ctx, refs.Actors, s.ActorsByIDs, &err)
	}
	arts := lookup(ctx, refs.Articles, s.ArticlesByIDs, &err)
	if e.Articles {
		rel.Articles = arts
	}
	if e.ArticleInstruments {
		for _, a := range arts {
			refs.Instruments = append(refs.Instruments, a.InstrumentID)
		}
		refs.Instruments = slices.Compact(slices.Sorted(slices.Values(refs.Instruments)))
	}
	rel.Instruments = lookup(ctx, refs.Instruments, s.InstrumentsByIDs, &err)
	rel.Sources = lookup(ctx, refs.Sources, s.SourcesByIDs, &err)
	rel.Sessions = lookup(ctx, refs.Sessions, s.SessionsByIDs, &err)
	rel.Topics = lookup(ctx, refs.Topics, s.TopicsByIDs, &err)
	if err != nil {
		return nil, err
	}
	return rel, nil
}

// lookup finds ids with a ByIDs method unless an earlier lookup failed.
func lookup[V any](ctx context.Context, ids []string, byIDs func(context.Context, []string) ([]*V, error), err *error) []*V {
	if *err != nil || len(ids) == 0 {
		return nil
	}
	vs, e := byIDs(ctx, ids)
	if e != nil {
		*err = e
		return nil
	}
	return nonNil(vs)
}

// Sort puts every list of r in id order; stores call it before returning.
func (r *Related) Sort() {
	sortByID(r.Actors, func(x *Actor) string { return x.ID })
	sortByID(r.Articles, func(x *Article) string { return x.ID })
	sortByID(r.Instruments, func(x *Instrument) string { return x.ID })
	sortByID(r.Sources, func(x *Source) string { return x.ID })
	sortByID(r.Sessions, func(x *Session) string { return x.ID })
	sortByID(r.Topics, func(x *Topic) string { return x.ID })
}

func sortByID[V any](vs []*V, id func(*V) string) {
	slices.SortFunc(vs, func(a, b *V) int { return cmp.Compare(id(a), id(b)) })
}

func nonNil[V any](vs []*V) []*V {
	out := slices.DeleteFunc(slices.Clone(vs), func(v *V) bool { return v == nil })
	if len(out) == 0 {
		return nil
	}
	return out
}

// String summarises r for test failures.
func (r *Related) String() string {
	return fmt.Sprintf("actors %d, articles %d, instruments %d, sources %d, sessions %d, topics %d",
		len(r.Actors), len(r.Articles), len(r.Instruments), len(r.Sources), len(r.Sessions), len(r.Topics))
}
