package resolvers

import (
	"context"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/plan"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vikstrous/dataloadgen"
)

// Dataloaders batch the child fields of one request: however many parents a
// query returns, each kind of child costs one store round trip per level.
type Dataloaders struct {
	store       stancegraph.Store
	actors      *loader[*stancegraph.Actor]
	instruments *loader[*stancegraph.Instrument]
	articles    *loader[*stancegraph.Article]
	sessions    *loader[*stancegraph.Session]
	topics      *loader[*stancegraph.Topic]
	sources     *loader[*stancegraph.Source]
	people      *loader[[]*stancegraph.Actor]
	members     *loader[[]*stancegraph.Membership]
	memberOf    *loader[[]*stancegraph.Membership]

	mu           sync.RWMutex
	positions    map[*ast.Field]*loader[[]*stancegraph.Position] // by the field they answer
	counts       map[*ast.Field]*loader[map[stancegraph.Stance]stancegraph.StanceTally]
	fields       map[*ast.Field]*fieldPlan                  // the planner's reading of each field, made once
	byInstrument map[string]*loader[[]*stancegraph.Article] // articles by instrument, per status
	issues       *issueSet                                  // read on first use
	records      *recordSet                                 // read on first use
	nodes        *nodeSet                                   // the root node(id:) fields, looked up together
	coalitions   map[string]*coalitionOnce                  // coalition inputs by options, so fields of many issues share one read
}

// loader is a dataloadgen loader together with its batch fetch, so that the
// prefetcher can fill it with one direct round trip.
type loader[V any] struct {
	*dataloadgen.Loader[string, V]
	fetch func(context.Context, []string) ([]V, error)

	mu     sync.RWMutex
	primed map[string]V // what prime and set put in the cache
}

// Load returns a primed value directly, without dataloadgen's batching
// machinery: after a prefetch, that is every child field's case.
func (l *loader[V]) Load(ctx context.Context, id string) (V, error) {
	l.mu.RLock()
	v, ok := l.primed[id]
	l.mu.RUnlock()
	if ok {
		return v, nil
	}
	return l.Loader.Load(ctx, id)
}

// LoadAll is Load for many keys.
func (l *loader[V]) LoadAll(ctx context.Context, ids []string) ([]V, error) {
	if vs, ok := l.peekAll(ids); ok {
		return vs, nil
	}
	return l.Loader.LoadAll(ctx, ids)
}

// set primes one key with a value fetched elsewhere (nil: known to be
// missing), so that neither a resolver nor prime asks the store again.
func (l *loader[V]) set(id string, v V) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.primed[id]; !ok {
		l.primed[id] = v
		l.Prime(id, v)
	}
}

// get fetches one key at once, without waiting for a batch to fill, and
// primes the cache: for root fields, which have nothing to batch with.
func (l *loader[V]) get(ctx context.Context, id string) (V, error) {
	vs, err := l.fetch(ctx, []string{id})
	if err != nil || len(vs) != 1 {
		var zero V
		return zero, err
	}
	l.set(id, vs[0])
	return vs[0], nil
}

// prime fetches ids (deduplicated) in one round trip, primes the cache with
// the results and returns them. On error it primes nothing: the resolvers
// will ask again and report the error where it belongs.
func (l *loader[V]) prime(ctx context.Context, ids []string) []V {
	return l.primeWith(ctx, ids, l.fetch)
}

// primeWith is prime with another batch fetch of the same values. Keys
// primed before are not fetched again; values come back in sorted key order.
func (l *loader[V]) primeWith(ctx context.Context, ids []string, fetch func(context.Context, []string) ([]V, error)) []V {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	if len(ids) == 0 {
		return nil
	}
	l.mu.Lock()
	var missing []string
	for _, id := range ids {
		if _, ok := l.primed[id]; !ok {
			missing = append(missing, id)
		}
	}
	l.mu.Unlock()
	if len(missing) > 0 {
		vs, err := fetch(ctx, missing)
		if err != nil || len(vs) != len(missing) {
			return nil
		}
		for i, id := range missing {
			l.set(id, vs[i])
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]V, len(ids))
	for i, id := range ids {
		out[i] = l.primed[id]
	}
	return out
}

// wait is how long a loader collects keys before it fetches.
const wait = 500 * time.Microsecond

// NewDataloaders returns the loaders for one request.
func NewDataloaders(s stancegraph.Store) *Dataloaders {
	return &Dataloaders{
		store:       s,
		actors:      newLoader(stancegraph.Get(s).Actors),
		instruments: newLoader(stancegraph.Get(s).Instruments),
		articles:    newLoader(stancegraph.Get(s).Articles),
		sessions:    newLoader(stancegraph.Get(s).Sessions),
		topics:      newLoader(stancegraph.Get(s).Topics),
		sources:     newLoader(stancegraph.Get(s).Sources),
		people:      newLoader(s.PeopleByOrganizationIDs),
		members: newLoader(func(ctx context.Context, ids []string) ([][]*stancegraph.Membership, error) {
			return s.MembershipsBy(ctx, stancegraph.ByGroup, ids)
		}),
		memberOf: newLoader(func(ctx context.Context, ids []string) ([][]*stancegraph.Membership, error) {
			return s.MembershipsBy(ctx, stancegraph.ByMember, ids)
		}),
		positions:    map[*ast.Field]*loader[[]*stancegraph.Position]{},
		counts:       map[*ast.Field]*loader[map[stancegraph.Stance]stancegraph.StanceTally]{},
		fields:       map[*ast.Field]*fieldPlan{},
		byInstrument: map[string]*loader[[]*stancegraph.Article]{},
	}
}

func newLoader[V any](fetch func(context.Context, []string) ([]V, error)) *loader[V] {
	return &loader[V]{Loader: dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([]V, []error) {
		vs, err := fetch(ctx, ids)
		if err != nil {
			return nil, []error{err}
		}
		return vs, nil
	}, dataloadgen.WithWait(wait)), fetch: fetch, primed: map[string]V{}}
}

// positionsAt returns the loader of positions by parent id that answers
// the field at (of parents of one kind, under filter f): every object's
// instance of the field shares it, so its parents cost one batch. The
// field's node in the operation fixes its arguments (GraphQL's validation
// gives fields of one response name on one type the same arguments), so
// the node, not the filter, names the loader. A nil field (a resolver
// called outside a request) gets a loader of its own.
func (l *Dataloaders) positionsAt(at *ast.Field, kind string, f *stancegraph.PositionFilter) *loader[[]*stancegraph.Position] {
	return loaderAt(l, l.positions, at, func() *loader[[]*stancegraph.Position] {
		fetch, f := l.positionFetcher(kind), *f
		return newLoader(func(ctx context.Context, ids []string) ([][]*stancegraph.Position, error) { return fetch(ctx, ids, f) })
	})
}

// loaderAt returns m's loader for the field at, made by mk on first use.
func loaderAt[V any](l *Dataloaders, m map[*ast.Field]*loader[V], at *ast.Field, mk func() *loader[V]) *loader[V] {
	if at == nil {
		return mk()
	}
	l.mu.RLock()
	ld, ok := m[at]
	l.mu.RUnlock()
	if ok {
		return ld
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if ld, ok := m[at]; ok {
		return ld
	}
	ld = mk()
	m[at] = ld
	return ld
}

// articlesOf returns the loader of an instrument's articles (of one status,
// or all for ""): the instruments of a list share one FindArticles.
func (l *Dataloaders) articlesOf(status stancegraph.ArticleStatus) *loader[[]*stancegraph.Article] {
	l.mu.Lock()
	defer l.mu.Unlock()
	if ld, ok := l.byInstrument[string(status)]; ok {
		return ld
	}
	ld := newLoader(func(ctx context.Context, ids []string) ([][]*stancegraph.Article, error) {
		f := stancegraph.ArticleFilter{InstrumentIDs: ids}
		if status != "" {
			f.Statuses = []stancegraph.ArticleStatus{status}
		}
		as, _, err := l.store.FindArticles(ctx, f)
		return stancegraph.Bucket(ids, as, func(a *stancegraph.Article) []string { return []string{a.InstrumentID} }), err
	})
	l.byInstrument[string(status)] = ld
	return ld
}

// countsAt returns the loader of stance counts by parent id (actor,
// article or source) that answers the stanceCounts field at, as positionsAt.
func (l *Dataloaders) countsAt(at *ast.Field, kind string, f *stancegraph.PositionFilter) *loader[map[stancegraph.Stance]stancegraph.StanceTally] {
	return loaderAt(l, l.counts, at, func() *loader[map[stancegraph.Stance]stancegraph.StanceTally] {
		by, f := parents[kind], *f
		return newLoader(func(ctx context.Context, ids []string) ([]map[stancegraph.Stance]stancegraph.StanceTally, error) {
			return l.store.StanceCounts(ctx, by, ids, f)
		})
	})
}

// peekAll returns the values of ids if every one of them was primed.
func (l *loader[V]) peekAll(ids []string) ([]V, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	out := make([]V, len(ids))
	for i, id := range ids {
		v, ok := l.primed[id]
		if !ok {
			return nil, false
		}
		out[i] = v
	}
	return out, true
}

// primeRelated puts what a PositionsWith call found for ps in the loaders,
// and marks the ids it did not find as missing.
func (l *Dataloaders) primeRelated(ps []*stancegraph.Position, e plan.Expand, rel *plan.Related) {
	refs := e.RefsOf(ps)
	for _, a := range rel.Articles {
		if e.ArticleInstruments && a.InstrumentID != "" {
			refs.Instruments = append(refs.Instruments, a.InstrumentID)
		}
	}
	if !e.Articles {
		refs.Articles = nil // fetched only for their instruments
	}
	setAll(l.actors, refs.Actors, rel.Actors, func(x *stancegraph.Actor) string { return x.ID })
	setAll(l.articles, refs.Articles, rel.Articles, func(x *stancegraph.Article) string { return x.ID })
	setAll(l.instruments, refs.Instruments, rel.Instruments, func(x *stancegraph.Instrument) string { return x.ID })
	setAll(l.sources, refs.Sources, rel.Sources, func(x *stancegraph.Source) string { return x.ID })
	setAll(l.sessions, refs.Sessions, rel.Sessions, func(x *stancegraph.Session) string { return x.ID })
	setAll(l.topics, refs.Topics, rel.Topics, func(x *stancegraph.Topic) string { return x.ID })
}

func setAll[V any](l *loader[*V], ids []string, found []*V, id func(*V) string) {
	byID := make(map[string]*V, len(found))
	for _, v := range found {
		byID[id(v)] = v
	}
	for _, k := range ids {
		l.set(k, byID[k])
	}
	for k, v := range byID {
		l.set(k, v)
	}
}

// positionFetcher returns the batch fetch of positions by parent kind
// (actor, article, source, instrument, session or topic): PositionsBy.
func (l *Dataloaders) positionFetcher(kind string) func(context.Context, []string, stancegraph.PositionFilter) ([][]*stancegraph.Position, error) {
	by := stancegraph.PositionParent(kind)
	return func(ctx context.Context, ids []string, f stancegraph.PositionFilter) ([][]*stancegraph.Position, error) {
		return l.store.PositionsBy(ctx, by, ids, f)
	}
}

type dataloadersKey struct{}

// WithDataloaders installs fresh dataloaders in every request's context.
func WithDataloaders(s stancegraph.Store, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), dataloadersKey{}, NewDataloaders(s))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// dataloaders returns the request's dataloaders, or fresh ones if none were
// installed (a resolver called outside HTTP, as in unit tests).
func (r *Resolver) dataloaders(ctx context.Context) *Dataloaders {
	if l, ok := ctx.Value(dataloadersKey{}).(*Dataloaders); ok {
		return l
	}
	return NewDataloaders(r.Store)
}

// loadAll loads many keys and drops the nil results of unknown ids.
func loadAll[V any](ctx context.Context, ld *loader[*V], ids []string) ([]*V, error) {
	if len(ids) == 0 {
		return []*V{}, nil
	}
	vs, err := ld.LoadAll(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]*V, 0, len(vs))
	for _, v := range vs {
		if v != nil {
			out = append(out, v)
		}
	}
	return out, nil
}
