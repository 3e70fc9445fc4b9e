package resolvers

import (
	"cmp"
	"context"
	"slices"

	"github.com/99designs/gqlgen/graphql"
	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/plan"
	"github.com/vektah/gqlparser/v2/ast"
)

// The prefetcher makes the number of store round trips of a request depend
// on the shape of the query, not on its results, and not on goroutine
// timing. A root resolver that returns objects walks the selection below
// it, level by level, and fetches every child the query will ask for with
// one store call per level and kind, priming the request's dataloaders; the
// child resolvers then find their values in the loaders' caches. (Timing-
// window batching alone splits batches under load: a LoadAll of thousands
// of keys outlasts the window.)
type prefetcher struct {
	ctx context.Context // the root resolver's: it holds gqlgen's input unmarshalers
	l   *Dataloaders
	oc  *graphql.OperationContext
}

var (
	positionTypes = []string{"Position", "Node"}
	actorTypes    = []string{"Actor", "Node", "State", "Organization", "Group", "Person"}
	articleTypes  = []string{"Article", "Node"}
	sourceTypes   = []string{"Source", "Node"}
	instrTypes    = []string{"Instrument", "Node"}
	sessionTypes  = []string{"Session", "Node"}
	topicTypes    = []string{"Topic", "Node"}
)

// prefetch starts a walk at the current field; sel picks the selection
// holding the objects (e.g. edges.node for a connection).
func (r *Resolver) prefetcher(ctx context.Context) (*prefetcher, ast.SelectionSet) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || !graphql.HasOperationContext(ctx) {
		return nil, nil
	}
	return &prefetcher{ctx: ctx, l: r.dataloaders(ctx), oc: graphql.GetOperationContext(ctx)}, fc.Field.Selections
}

// fieldsOf collects the fields selected on objects of the given types.
func (p *prefetcher) fieldsOf(sel ast.SelectionSet, types []string) []graphql.CollectedField {
	return graphql.CollectFields(p.oc, sel, types)
}

// sub returns the selection under the named field of sel (e.g. "edges").
func (p *prefetcher) sub(sel ast.SelectionSet, name string) ast.SelectionSet {
	var out ast.SelectionSet
	for _, f := range graphql.CollectFields(p.oc, sel, nil) {
		if f.Name == name {
			out = append(out, f.Selections...)
		}
	}
	return out
}

func nonNil[V any](vs []*V) []*V {
	return slices.DeleteFunc(vs, func(v *V) bool { return v == nil })
}

func flat[V any](lists [][]*V) []*V { return slices.Concat(lists...) }

// idOf lists the id each record names (id), leaving out empty ones.
func idOf[V any](vs []*V, id func(*V) string) []string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		if x := id(v); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// idsOf lists the ids every record names (ids), in order.
func idsOf[V any](vs []*V, ids func(*V) []string) []string {
	var out []string
	for _, v := range vs {
		out = append(out, ids(v)...)
	}
	return out
}

// positionsFirst moves stanceCounts after the other fields: it shares its
// positions with a positions field of the same filter, which fetches them
// together with what its selection needs.
func positionsFirst(fs []graphql.CollectedField) []graphql.CollectedField {
	out := slices.Clone(fs)
	slices.SortStableFunc(out, func(a, b graphql.CollectedField) int {
		return cmp.Compare(boolInt(a.Name == "stanceCounts"), boolInt(b.Name == "stanceCounts"))
	})
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// expand says which records the fields selected under a list of positions
// will ask for.
func (p *prefetcher) expand(sel ast.SelectionSet) plan.Expand {
	var e plan.Expand
	for _, f := range p.fieldsOf(sel, positionTypes) {
		switch f.Name {
		case "actor", "speaker", "onBehalfOf", "jointWith":
			e.Actors = true
		case "article":
			e.Articles = true
			for _, g := range p.fieldsOf(f.Selections, articleTypes) {
				if g.Name == "instrument" {
					e.ArticleInstruments = true
				}
			}
		case "instrument":
			e.Instruments = true
		case "source", "sources", "evidence":
			e.Sources = true
		case "session":
			e.Sessions = true
		case "topics":
			e.Topics = true
		}
	}
	return e
}

var parents = map[string]stancegraph.PositionParent{"actor": stancegraph.ByActor, "article": stancegraph.ByArticle, "source": stancegraph.BySource,
	"instrument": stancegraph.ByInstrument, "session": stancegraph.BySession, "topic": stancegraph.ByTopic}

// positionsOf prefetches the positions of the parents ids (of one kind)
// that the field at asks for (its filter f) and their children. Where the
// selection asks for records the positions refer to, they come with the
// positions in one store round trip (plan.PositionsWith).
func (p *prefetcher) positionsOf(ctx context.Context, kind string, at *ast.Field, f stancegraph.PositionFilter, ids []string, sel ast.SelectionSet) {
	ld := p.l.positionsAt(at, kind, &f)
	var lists [][]*stancegraph.Position
	e := p.expand(sel)
	if by, ok := parents[kind]; ok && e.Any() {
		lists = ld.primeWith(ctx, ids, func(ctx context.Context, ids []string) ([][]*stancegraph.Position, error) {
			lists, rel, err := plan.PositionsWith(ctx, p.l.store, by, ids, f, e)
			if err == nil {
				p.l.primeRelated(flat(lists), e, rel)
			}
			return lists, err
		})
	} else {
		lists = ld.prime(ctx, ids)
	}
	p.positions(ctx, flat(lists), sel)
}

// counts prefetches the stance counts the field c (among fields) asks
// for, unless a sibling positions field holds the lists they count.
func (p *prefetcher) counts(ctx context.Context, kind string, c graphql.CollectedField, fields []graphql.CollectedField, ids []string) {
	cp := p.l.read(p.ctx, p.oc, c, kind)
	if !cp.ok {
		return
	}
	if at := p.l.countedFrom(p.ctx, p.oc, fields, c, kind); at != nil {
		if _, ok := p.l.peekAt(at, ids); ok {
			return
		}
	}
	p.l.countsAt(c.Field, kind, &cp.filter).prime(ctx, ids)
}

// positionsField prefetches a positions field of parents ids.
func (p *prefetcher) positionsField(ctx context.Context, kind string, f graphql.CollectedField, ids []string) {
	if fp := p.l.read(p.ctx, p.oc, f, kind); fp.ok {
		p.positionsOf(ctx, kind, f.Field, fp.filter, ids, f.Selections)
	}
}

// positions prefetches the children of a list of positions.
func (p *prefetcher) positions(ctx context.Context, ps []*stancegraph.Position, sel ast.SelectionSet) {
	if len(ps) == 0 || len(sel) == 0 {
		return
	}
	for _, f := range p.fieldsOf(sel, positionTypes) {
		switch f.Name {
		case "actor":
			p.actorsByID(ctx, idOf(ps, func(x *stancegraph.Position) string { return x.ActorID }), f.Selections)
		case "speaker":
			p.actorsByID(ctx, idOf(ps, func(x *stancegraph.Position) string { return x.SpeakerID }), f.Selections)
		case "onBehalfOf":
			p.actorsByID(ctx, idsOf(ps, func(x *stancegraph.Position) []string { return x.OnBehalfOf }), f.Selections)
		case "jointWith":
			p.actorsByID(ctx, idsOf(ps, func(x *stancegraph.Position) []string { return x.JointWith }), f.Selections)
		case "article":
			as := p.l.articles.prime(ctx, idOf(ps, func(x *stancegraph.Position) string { return x.ArticleID }))
			p.articles(ctx, nonNil(as), f.Selections)
		case "source", "sources", "evidence":
			ss := p.l.sources.prime(ctx, idsOf(ps, func(x *stancegraph.Position) []string { return x.SourceIDs }))
			p.sources(ctx, nonNil(ss), f.Selections)
		case "instrument":
			is := p.l.instruments.prime(ctx, idOf(ps, func(x *stancegraph.Position) string { return x.InstrumentID }))
			p.instruments(ctx, nonNil(is), f.Selections)
		case "session":
			ss := p.l.sessions.prime(ctx, idOf(ps, func(x *stancegraph.Position) string { return x.SessionID }))
			p.sessions(ctx, nonNil(ss), f.Selections)
		case "topics":
			ts := p.l.topics.prime(ctx, idsOf(ps, func(x *stancegraph.Position) []string { return x.Topics }))
			p.topics(ctx, nonNil(ts), f.Selections)
		}
	}
}

func (p *prefetcher) actorsByID(ctx context.Context, ids []string, sel ast.SelectionSet) {
	if len(ids) == 0 {
		return
	}
	as := p.l.actors.prime(ctx, ids)
	p.actors(ctx, nonNil(as), sel)
}

// actors prefetches the children of a list of actors.
func (p *prefetcher) actors(ctx context.Context, as []*stancegraph.Actor, sel ast.SelectionSet) {
	if len(as) == 0 || len(sel) == 0 {
		return
	}
	ids := idOf(as, func(a *stancegraph.Actor) string { return a.ID })
	fields := positionsFirst(p.fieldsOf(sel, actorTypes))
	for _, f := range fields {
		switch f.Name {
		case "positions":
			p.positionsField(ctx, "actor", f, ids)
		case "stanceCounts":
			p.counts(ctx, "actor", f, fields, ids)
		case "articles":
			// The articles an actor took positions on: its positions (no
			// filter) with their articles in one round trip.
			var all stancegraph.PositionFilter
			e := plan.Expand{Articles: true}
			lists := p.l.positionsAt(f.Field, "actor", &all).primeWith(ctx, ids, func(ctx context.Context, ids []string) ([][]*stancegraph.Position, error) {
				lists, rel, err := plan.PositionsWith(ctx, p.l.store, stancegraph.ByActor, ids, all, e)
				if err == nil {
					p.l.primeRelated(flat(lists), e, rel)
				}
				return lists, err
			})
			aids := idOf(flat(lists), func(x *stancegraph.Position) string { return x.ArticleID })
			p.articles(ctx, nonNil(p.l.articles.prime(ctx, aids)), f.Selections)
		case "people":
			lists := p.l.people.prime(ctx, ids)
			p.actors(ctx, flat(lists), f.Selections)
		case "organization":
			p.actorsByID(ctx, idOf(as, func(a *stancegraph.Actor) string { return a.OrganizationID }), f.Selections)
		case "memberOf":
			lists := p.l.memberOf.prime(ctx, ids)
			p.memberships(ctx, flat(lists), f.Selections)
		case "members":
			lists := p.l.members.prime(ctx, ids)
			p.memberships(ctx, flat(lists), f.Selections)
		case "sources":
			src := p.l.sources.prime(ctx, idsOf(as, func(a *stancegraph.Actor) []string { return a.SourceIDs }))
			p.sources(ctx, nonNil(src), f.Selections)
		}
	}
}

func (p *prefetcher) memberships(ctx context.Context, ms []*stancegraph.Membership, sel ast.SelectionSet) {
	for _, f := range p.fieldsOf(sel, []string{"Membership"}) {
		var ids []string
		for _, m := range ms {
			if f.Name == "member" {
				ids = append(ids, m.MemberID)
			} else if f.Name == "group" {
				ids = append(ids, m.GroupID)
			}
		}
		p.actorsByID(ctx, ids, f.Selections)
	}
}

// articles prefetches the children of a list of articles.
func (p *prefetcher) articles(ctx context.Context, as []*stancegraph.Article, sel ast.SelectionSet) {
	if len(as) == 0 || len(sel) == 0 {
		return
	}
	fields := positionsFirst(p.fieldsOf(sel, articleTypes))
	for _, f := range fields {
		switch f.Name {
		case "positions", "stanceCounts":
			corr := p.l.read(p.ctx, p.oc, f, "article").corresponding
			var ids []string
			for _, a := range as {
				ids = append(ids, a.ID)
				if corr {
					ids = append(ids, a.CorrespondsTo...)
				}
			}
			if f.Name == "stanceCounts" {
				p.counts(ctx, "article", f, fields, ids)
			} else {
				p.positionsField(ctx, "article", f, ids)
			}
		case "instrument":
			is := p.l.instruments.prime(ctx, idOf(as, func(a *stancegraph.Article) string { return a.InstrumentID }))
			p.instruments(ctx, nonNil(is), f.Selections)
		case "sources":
			src := p.l.sources.prime(ctx, idsOf(as, func(a *stancegraph.Article) []string { return a.SourceIDs }))
			p.sources(ctx, nonNil(src), f.Selections)
		case "correspondsTo":
			more := p.l.articles.prime(ctx, idsOf(as, func(a *stancegraph.Article) []string { return a.CorrespondsTo }))
			p.articles(ctx, nonNil(more), f.Selections)
		}
	}
}

// sources prefetches the children of a list of sources.
func (p *prefetcher) sources(ctx context.Context, ss []*stancegraph.Source, sel ast.SelectionSet) {
	if len(ss) == 0 || len(sel) == 0 {
		return
	}
	ids := idOf(ss, func(s *stancegraph.Source) string { return s.ID })
	for _, f := range p.fieldsOf(sel, sourceTypes) {
		if f.Name == "positions" {
			p.positionsField(ctx, "source", f, ids)
		}
	}
}

// instruments prefetches the children of a list of instruments.
func (p *prefetcher) instruments(ctx context.Context, is []*stancegraph.Instrument, sel ast.SelectionSet) {
	if len(is) == 0 || len(sel) == 0 {
		return
	}
	ids := idOf(is, func(x *stancegraph.Instrument) string { return x.ID })
	fields := positionsFirst(p.fieldsOf(sel, instrTypes))
	for _, f := range fields {
		switch f.Name {
		case "positions":
			p.positionsField(ctx, "instrument", f, ids)
		case "stanceCounts":
			// An instrument's counts are counted from its positions: a
			// sibling positions field's, or the field's own.
			if cp := p.l.read(p.ctx, p.oc, f, "instrument"); cp.ok && p.l.countedFrom(p.ctx, p.oc, fields, f, "instrument") == nil {
				p.l.positionsAt(f.Field, "instrument", &cp.filter).prime(ctx, ids)
			}
		case "articles":
			var status stancegraph.ArticleStatus
			if v, ok := f.ArgumentMap(p.oc.Variables)["status"].(string); ok {
				status = stancegraph.ArticleStatus(v)
			}
			p.articles(ctx, nonNil(flat(p.l.articlesOf(status).prime(ctx, ids))), f.Selections)
		case "versionOf":
			vs := p.l.instruments.prime(ctx, idOf(is, func(x *stancegraph.Instrument) string { return x.VersionOf }))
			p.instruments(ctx, nonNil(vs), f.Selections)
		case "sources":
			src := p.l.sources.prime(ctx, idsOf(is, func(x *stancegraph.Instrument) []string { return x.SourceIDs }))
			p.sources(ctx, nonNil(src), f.Selections)
		}
	}
}

// sessions prefetches the children of a list of sessions.
func (p *prefetcher) sessions(ctx context.Context, ss []*stancegraph.Session, sel ast.SelectionSet) {
	if len(ss) == 0 || len(sel) == 0 {
		return
	}
	ids := idOf(ss, func(x *stancegraph.Session) string { return x.ID })
	for _, f := range p.fieldsOf(sel, sessionTypes) {
		switch f.Name {
		case "positions":
			p.positionsField(ctx, "session", f, ids)
		case "instrument":
			is := p.l.instruments.prime(ctx, idOf(ss, func(x *stancegraph.Session) string { return x.InstrumentID }))
			p.instruments(ctx, nonNil(is), f.Selections)
		case "sources":
			src := p.l.sources.prime(ctx, idsOf(ss, func(x *stancegraph.Session) []string { return x.SourceIDs }))
			p.sources(ctx, nonNil(src), f.Selections)
		}
	}
}

// topics prefetches the children of a list of topics.
func (p *prefetcher) topics(ctx context.Context, ts []*stancegraph.Topic, sel ast.SelectionSet) {
	if len(ts) == 0 || len(sel) == 0 {
		return
	}
	ids := idOf(ts, func(x *stancegraph.Topic) string { return x.ID })
	for _, f := range p.fieldsOf(sel, topicTypes) {
		if f.Name == "positions" {
			p.positionsField(ctx, "topic", f, ids)
		}
	}
}

// prefetchList walks the selection of the current (root) field over its
// records with walk.
func prefetchList[V any](ctx context.Context, r *Resolver, vs []*V, walk func(*prefetcher, context.Context, []*V, ast.SelectionSet)) {
	if p, sel := r.prefetcher(ctx); p != nil {
		walk(p, ctx, vs, sel)
	}
}

func (r *Resolver) prefetchActors(ctx context.Context, as []*stancegraph.Actor) {
	if p, sel := r.prefetcher(ctx); p != nil {
		for _, a := range as {
			p.l.actors.set(a.ID, a)
		}
		p.actors(ctx, as, sel)
	}
}

func (r *Resolver) prefetchArticles(ctx context.Context, as []*stancegraph.Article) {
	if p, sel := r.prefetcher(ctx); p != nil {
		for _, a := range as {
			p.l.articles.set(a.ID, a)
		}
		p.articles(ctx, as, sel)
	}
}

func (r *Resolver) prefetchSources(ctx context.Context, ss []*stancegraph.Source) {
	if p, sel := r.prefetcher(ctx); p != nil {
		p.sources(ctx, ss, sel)
	}
}

// prefetchConnection walks edges.node of a PositionConnection.
func (r *Resolver) prefetchConnection(ctx context.Context, ps []*stancegraph.Position) {
	if p, sel := r.prefetcher(ctx); p != nil {
		p.positions(ctx, ps, p.sub(p.sub(sel, "edges"), "node"))
	}
}

// withKeys names the fields whose answers a plan.With brings: the nodes
// of its Positions and Counts entries, in order, and of each Positions
// entry's ArticleWith.
type withKeys struct {
	positions []*ast.Field
	counts    []*ast.Field
	articles  []*withKeys
}

// withOf says which children of root records of the given kind (actor or
// article) the selection asks for that FindActorsWith/FindArticlesWith
// bring in the same round trip: the lookups the level walk below (actors,
// articles) would make first, for the same fields.
func (p *prefetcher) withOf(sel ast.SelectionSet, kind string) (plan.With, *withKeys) {
	types := actorTypes
	if kind == "article" {
		types = articleTypes
	}
	var w plan.With
	keys := &withKeys{}
	fields := p.fieldsOf(sel, types)
	for _, f := range fields {
		switch f.Name {
		case "positions":
			fp := p.l.read(p.ctx, p.oc, f, kind)
			if !fp.ok {
				continue
			}
			po := plan.PositionsOf{Filter: fp.filter, Expand: p.expand(f.Selections), Corresponding: fp.corresponding}
			// The positions' articles' own children come in the same round trip.
			var ak *withKeys
			for _, g := range p.fieldsOf(f.Selections, positionTypes) {
				if g.Name == "article" {
					if aw, k := p.withOf(g.Selections, "article"); aw.Any() {
						if po.ArticleWith == nil {
							po.ArticleWith, ak = &plan.With{}, &withKeys{}
						}
						po.ArticleWith.Positions = append(po.ArticleWith.Positions, aw.Positions...)
						po.ArticleWith.Counts = append(po.ArticleWith.Counts, aw.Counts...)
						ak.positions = append(ak.positions, k.positions...)
						ak.counts = append(ak.counts, k.counts...)
						ak.articles = append(ak.articles, k.articles...)
					}
				}
			}
			w.Positions = append(w.Positions, po)
			keys.positions = append(keys.positions, f.Field)
			keys.articles = append(keys.articles, ak)
		case "people":
			w.People = kind == "actor"
		}
	}
	// Counts of a list the positions bring are counted from it.
	for _, f := range fields {
		if f.Name != "stanceCounts" {
			continue
		}
		cp := p.l.read(p.ctx, p.oc, f, kind)
		if !cp.ok {
			continue
		}
		if at := p.l.countedFrom(p.ctx, p.oc, fields, f, kind); at == nil || !slices.Contains(keys.positions, at) {
			w.Counts = append(w.Counts, plan.CountsOf{Filter: cp.filter, Corresponding: cp.corresponding})
			keys.counts = append(keys.counts, f.Field)
		}
	}
	return w, keys
}

// primeChildren puts what a FindXWith call brought in the loaders of the
// fields keys names; ids are the records found, in order.
func (l *Dataloaders) primeChildren(kind string, w plan.With, keys *withKeys, kids *plan.Children, ids []string) {
	for i, x := range w.Positions {
		c := kids.Positions[i]
		ld := l.positionsAt(keys.positions[i], kind, &x.Filter)
		for j, id := range c.IDs {
			ld.set(id, c.Lists[j])
		}
		l.primeRelated(flat(c.Lists), x.Expand, c.Related)
		if x.ArticleWith != nil && c.Articles != nil {
			aids := make([]string, len(c.Related.Articles))
			for j, a := range c.Related.Articles {
				aids[j] = a.ID
			}
			l.primeChildren("article", *x.ArticleWith, keys.articles[i], c.Articles, aids)
		}
	}
	for i, x := range w.Counts {
		c := kids.Counts[i]
		ld := l.countsAt(keys.counts[i], kind, &x.Filter)
		for j, id := range c.IDs {
			ld.set(id, c.Counts[j])
		}
	}
	if w.People {
		for j, id := range ids {
			l.people.set(id, kids.People[j])
		}
	}
}

// findActors answers a root list of actors: the actors and the first level
// of their selection in one store round trip, then the walk below it.
func (r *Resolver) findActors(ctx context.Context, f stancegraph.ActorFilter) ([]*stancegraph.Actor, error) {
	return findWith(ctx, r, "actor", func(w plan.With) ([]*stancegraph.Actor, *plan.Children, error) {
		as, _, kids, err := plan.FindActorsWith(ctx, r.Store, f, w)
		return as, kids, err
	}, func(a *stancegraph.Actor) string { return a.ID }, r.prefetchActors)
}

// findArticles is findActors for articles.
func (r *Resolver) findArticles(ctx context.Context, f stancegraph.ArticleFilter) ([]*stancegraph.Article, error) {
	return findWith(ctx, r, "article", func(w plan.With) ([]*stancegraph.Article, *plan.Children, error) {
		as, _, kids, err := plan.FindArticlesWith(ctx, r.Store, f, w)
		return as, kids, err
	}, func(a *stancegraph.Article) string { return a.ID }, r.prefetchArticles)
}

func findWith[V any](ctx context.Context, r *Resolver, kind string, find func(plan.With) ([]*V, *plan.Children, error),
	id func(*V) string, prefetch func(context.Context, []*V)) ([]*V, error) {
	var w plan.With
	var keys *withKeys
	p, sel := r.prefetcher(ctx)
	if p != nil {
		w, keys = p.withOf(sel, kind)
	}
	vs, kids, err := find(w)
	if err != nil || p == nil {
		return vs, err
	}
	ids := make([]string, len(vs))
	for i, v := range vs {
		ids[i] = id(v)
	}
	p.l.primeChildren(kind, w, keys, kids, ids)
	prefetch(ctx, vs)
	return vs, nil
}
