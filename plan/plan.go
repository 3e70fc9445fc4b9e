// Package plan is what a GraphQL query asks of a store in one round trip:
// the children of the records a root list finds (With), the records a list
// of positions refers to (Expand), and their answers (Children, Related).
// A store that can answer a whole plan at once implements Executor
// (neo4jstore: one Cypher statement with CALL subqueries); for any other
// store, FindActorsWith, FindArticlesWith and PositionsWith compose the
// answer from the Store's plain methods, the reference the conformance
// suite checks every Executor against.
package plan

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/stancegraph/stancegraph"
)

// Executor is the optional interface of a store that answers a plan in one
// round trip (go-cloud style: callers test for it with a type assertion,
// through this package's functions).
type Executor interface {
	// FindActorsWith is FindActors together with the children w asks for
	// of the actors found, in one round trip.
	FindActorsWith(ctx context.Context, f stancegraph.ActorFilter, w With) ([]*stancegraph.Actor, int, *Children, error)
	// FindArticlesWith is FindArticles with children, as FindActorsWith.
	FindArticlesWith(ctx context.Context, f stancegraph.ArticleFilter, w With) ([]*stancegraph.Article, int, *Children, error)
	// PositionsWith is PositionsBy (by names the method) together with the
	// records e asks for that those positions refer to, in one round trip.
	PositionsWith(ctx context.Context, by stancegraph.PositionParent, ids []string, f stancegraph.PositionFilter, e Expand) ([][]*stancegraph.Position, *Related, error)
}

// FindActorsWith asks s's Executor, or composes FindActors and ChildrenOf.
func FindActorsWith(ctx context.Context, s stancegraph.Store, f stancegraph.ActorFilter, w With) ([]*stancegraph.Actor, int, *Children, error) {
	if x, ok := s.(Executor); ok {
		return x.FindActorsWith(ctx, f, w)
	}
	return ComposeActorsWith(ctx, s, f, w)
}

// FindArticlesWith asks s's Executor, or composes FindArticles and ChildrenOf.
func FindArticlesWith(ctx context.Context, s stancegraph.Store, f stancegraph.ArticleFilter, w With) ([]*stancegraph.Article, int, *Children, error) {
	if x, ok := s.(Executor); ok {
		return x.FindArticlesWith(ctx, f, w)
	}
	return ComposeArticlesWith(ctx, s, f, w)
}

// PositionsWith asks s's Executor, or composes PositionsBy and LookupRelated.
func PositionsWith(ctx context.Context, s stancegraph.Store, by stancegraph.PositionParent, ids []string, f stancegraph.PositionFilter, e Expand) ([][]*stancegraph.Position, *Related, error) {
	if x, ok := s.(Executor); ok {
		return x.PositionsWith(ctx, by, ids, f, e)
	}
	return ComposePositionsWith(ctx, s, by, ids, f, e)
}

// ComposePositionsWith is PositionsWith composed of the store's
// PositionsBy and Lookup.
func ComposePositionsWith(ctx context.Context, s stancegraph.Store, by stancegraph.PositionParent, ids []string, f stancegraph.PositionFilter, e Expand) ([][]*stancegraph.Position, *Related, error) {
	if len(ids) == 0 {
		return [][]*stancegraph.Position{}, &Related{}, nil
	}
	lists, err := s.PositionsBy(ctx, by, ids, f)
	if err != nil {
		return nil, nil, err
	}
	rel, err := LookupRelated(ctx, s, slices.Concat(lists...), e)
	if err != nil {
		return nil, nil, err
	}
	return lists, rel, nil
}

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
	Actors      []*stancegraph.Actor
	Articles    []*stancegraph.Article
	Instruments []*stancegraph.Instrument
	Sources     []*stancegraph.Source
	Sessions    []*stancegraph.Session
	Topics      []*stancegraph.Topic
}

// Refs holds the ids that positions refer to, per kind (RefsOf: sorted
// and deduplicated, empty ids left out; article instruments are not among
// them: they are known only once the articles are).
type Refs = stancegraph.Refs

// RefsOf returns the ids of the records e asks for that ps refer to.
func (e Expand) RefsOf(ps []*stancegraph.Position) Refs {
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

// With names the children that a FindActorsWith or FindArticlesWith call
// returns together with the records it finds, in the same round trip: the
// first level of a GraphQL selection under a root list.
type With struct {
	Positions []PositionsOf
	Counts    []CountsOf
	People    bool // actors: the people who speak for each actor found
}

// Any reports whether w asks for anything.
func (w With) Any() bool { return len(w.Positions) > 0 || len(w.Counts) > 0 || w.People }

// PositionsOf asks for the positions of every record found (PositionsWith
// by actor or by article), with the records Expand names.
type PositionsOf struct {
	Filter stancegraph.PositionFilter
	Expand Expand
	// Corresponding (articles) adds the articles the found ones
	// correspond to as parents.
	Corresponding bool
	// ArticleWith, with Expand.Articles, asks for children of the articles
	// these positions are on, in the same round trip: one more level.
	ArticleWith *With
}

// CountsOf asks for the stance counts of every record found (StanceCounts).
type CountsOf struct {
	Filter        stancegraph.PositionFilter
	Corresponding bool
}

// Children holds what a With asked for, in its order.
type Children struct {
	Positions []ChildPositions
	Counts    []ChildCounts
	People    [][]*stancegraph.Actor // per actor found, in the order found; nil unless asked
}

// ChildPositions holds one PositionsOf's answer: PositionsWith's for IDs.
type ChildPositions struct {
	IDs     []string // the parents: ParentIDs of the records found
	Lists   [][]*stancegraph.Position
	Related *Related
	// Articles answers ArticleWith for Related.Articles, in their order.
	Articles *Children
}

// ChildCounts holds one CountsOf's answer: StanceCounts's for IDs.
type ChildCounts struct {
	IDs    []string
	Counts []map[stancegraph.Stance]stancegraph.StanceTally
}

// ParentIDs lists the ids of found records, then, with corresponding,
// the ids they correspond to, each once, in that order.
func ParentIDs(ids []string, correspondsTo [][]string, corresponding bool) []string {
	out := slices.Clone(ids)
	if corresponding {
		for _, c := range correspondsTo {
			out = append(out, c...)
		}
	}
	seen := make(map[string]bool, len(out))
	return slices.DeleteFunc(out, func(id string) bool {
		dup := seen[id]
		seen[id] = true
		return dup
	})
}

// ChildrenOf answers w for found parents with the store's batch methods,
// one call per entry: FindXWith for a store whose calls cost no round
// trip (memstore), and the conformance suite's reference.
func ChildrenOf(ctx context.Context, s stancegraph.Store, by stancegraph.PositionParent, ids []string, correspondsTo [][]string, w With) (*Children, error) {
	kids := &Children{}
	for _, p := range w.Positions {
		pids := ParentIDs(ids, correspondsTo, p.Corresponding)
		lists, rel, err := PositionsWith(ctx, s, by, pids, p.Filter, p.Expand)
		if err != nil {
			return nil, err
		}
		c := ChildPositions{IDs: pids, Lists: lists, Related: rel}
		if p.ArticleWith != nil {
			aids := make([]string, len(rel.Articles))
			corr := make([][]string, len(rel.Articles))
			for i, a := range rel.Articles {
				aids[i], corr[i] = a.ID, a.CorrespondsTo
			}
			if c.Articles, err = ChildrenOf(ctx, s, stancegraph.ByArticle, aids, corr, *p.ArticleWith); err != nil {
				return nil, err
			}
		}
		kids.Positions = append(kids.Positions, c)
	}
	for _, c := range w.Counts {
		pids := ParentIDs(ids, correspondsTo, c.Corresponding)
		counts, err := s.StanceCounts(ctx, by, pids, c.Filter)
		if err != nil {
			return nil, err
		}
		kids.Counts = append(kids.Counts, ChildCounts{IDs: pids, Counts: counts})
	}
	if w.People {
		people, err := s.PeopleByOrganizationIDs(ctx, ids)
		if err != nil {
			return nil, err
		}
		kids.People = people
	}
	return kids, nil
}

// ComposeActorsWith is FindActorsWith composed of FindActors and ChildrenOf.
func ComposeActorsWith(ctx context.Context, s stancegraph.Store, f stancegraph.ActorFilter, w With) ([]*stancegraph.Actor, int, *Children, error) {
	as, total, err := s.FindActors(ctx, f)
	if err != nil {
		return nil, 0, nil, err
	}
	ids := make([]string, len(as))
	for i, a := range as {
		ids[i] = a.ID
	}
	kids, err := ChildrenOf(ctx, s, stancegraph.ByActor, ids, nil, w)
	if err != nil {
		return nil, 0, nil, err
	}
	return as, total, kids, nil
}

// ComposeArticlesWith is FindArticlesWith composed of FindArticles and ChildrenOf.
func ComposeArticlesWith(ctx context.Context, s stancegraph.Store, f stancegraph.ArticleFilter, w With) ([]*stancegraph.Article, int, *Children, error) {
	as, total, err := s.FindArticles(ctx, f)
	if err != nil {
		return nil, 0, nil, err
	}
	ids := make([]string, len(as))
	corr := make([][]string, len(as))
	for i, a := range as {
		ids[i], corr[i] = a.ID, a.CorrespondsTo
	}
	kids, err := ChildrenOf(ctx, s, stancegraph.ByArticle, ids, corr, w)
	if err != nil {
		return nil, 0, nil, err
	}
	return as, total, kids, nil
}

// LookupRelated finds what e asks for among the records ps refer to with
// the store's ByIDs methods, one call per kind: PositionsWith for a store
// whose lookups cost no round trip (memstore), and the reference the
// conformance suite checks every store's PositionsWith against.
func LookupRelated(ctx context.Context, s stancegraph.Store, ps []*stancegraph.Position, e Expand) (*Related, error) {
	refs := e.RefsOf(ps)
	if !e.Actors {
		refs.Actors = nil
	}
	// Article instruments are known only once the articles are: a second
	// call gets them together with the positions' own instruments.
	later := e.ArticleInstruments && len(refs.Articles) > 0
	first := refs
	if later {
		first.Instruments = nil
	}
	recs, err := s.Lookup(ctx, first)
	if err != nil {
		return nil, err
	}
	rel := &Related{Actors: nonNil(recs.Actors), Instruments: nonNil(recs.Instruments), Sources: nonNil(recs.Sources),
		Sessions: nonNil(recs.Sessions), Topics: nonNil(recs.Topics)}
	arts := nonNil(recs.Articles)
	if e.Articles {
		rel.Articles = arts
	}
	if later {
		for _, a := range arts {
			refs.Instruments = append(refs.Instruments, a.InstrumentID)
		}
		refs.Instruments = slices.Compact(slices.Sorted(slices.Values(refs.Instruments)))
		more, err := s.Lookup(ctx, stancegraph.Refs{Instruments: refs.Instruments})
		if err != nil {
			return nil, err
		}
		rel.Instruments = nonNil(more.Instruments)
	}
	return rel, nil
}

// Sort puts every list of r in id order; stores call it before returning.
func (r *Related) Sort() {
	sortByID(r.Actors, func(x *stancegraph.Actor) string { return x.ID })
	sortByID(r.Articles, func(x *stancegraph.Article) string { return x.ID })
	sortByID(r.Instruments, func(x *stancegraph.Instrument) string { return x.ID })
	sortByID(r.Sources, func(x *stancegraph.Source) string { return x.ID })
	sortByID(r.Sessions, func(x *stancegraph.Session) string { return x.ID })
	sortByID(r.Topics, func(x *stancegraph.Topic) string { return x.ID })
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

// Counted is stancegraph.Counted that keeps s's Executor: a store that
// answers a plan in one round trip still does, and the plan counts as one
// call of its method. (stancegraph.Counted alone would hide the Executor,
// and every plan would be composed of the plain methods.)
func Counted(s stancegraph.Store, count func(method string)) stancegraph.Store {
	c := stancegraph.Counted(s, count)
	if x, ok := s.(Executor); ok {
		return &countedExecutor{Store: c, x: x, count: count}
	}
	return c
}

type countedExecutor struct {
	stancegraph.Store
	x     Executor
	count func(string)
}

func (c *countedExecutor) FindActorsWith(ctx context.Context, f stancegraph.ActorFilter, w With) ([]*stancegraph.Actor, int, *Children, error) {
	c.count("FindActorsWith")
	return c.x.FindActorsWith(ctx, f, w)
}

func (c *countedExecutor) FindArticlesWith(ctx context.Context, f stancegraph.ArticleFilter, w With) ([]*stancegraph.Article, int, *Children, error) {
	c.count("FindArticlesWith")
	return c.x.FindArticlesWith(ctx, f, w)
}

func (c *countedExecutor) PositionsWith(ctx context.Context, by stancegraph.PositionParent, ids []string, f stancegraph.PositionFilter, e Expand) ([][]*stancegraph.Position, *Related, error) {
	c.count("PositionsWith")
	return c.x.PositionsWith(ctx, by, ids, f, e)
}

// Keep returns w, a wrapper of s, with s's Executor: a wrapper embedding
// the Store interface hides the optional methods of what it wraps, so every
// wrapper of a store passes through Keep.
func Keep(s, w stancegraph.Store) stancegraph.Store {
	if x, ok := s.(Executor); ok {
		return &keptExecutor{Store: w, Executor: x}
	}
	return w
}

type keptExecutor struct {
	stancegraph.Store
	Executor
}
