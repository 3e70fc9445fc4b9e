package resolvers

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/stancegraph/stancegraph"
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

	mu        sync.Mutex
	positions map[string]*loader[[]*stancegraph.Position] // by parent kind + filter
}

// loader is a dataloadgen loader together with its batch fetch, so that the
// prefetcher can fill it with one direct round trip.
type loader[V any] struct {
	*dataloadgen.Loader[string, V]
	fetch func(context.Context, []string) ([]V, error)
}

// get fetches one key at once, without waiting for a batch to fill, and
// primes the cache: for root fields, which have nothing to batch with.
func (l *loader[V]) get(ctx context.Context, id string) (V, error) {
	vs, err := l.fetch(ctx, []string{id})
	if err != nil || len(vs) != 1 {
		var zero V
		return zero, err
	}
	l.Prime(id, vs[0])
	return vs[0], nil
}

// prime fetches ids (deduplicated) in one round trip, primes the cache with
// the results and returns them. On error it primes nothing: the resolvers
// will ask again and report the error where it belongs.
func (l *loader[V]) prime(ctx context.Context, ids []string) []V {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	if len(ids) == 0 {
		return nil
	}
	vs, err := l.fetch(ctx, ids)
	if err != nil || len(vs) != len(ids) {
		return nil
	}
	for i, id := range ids {
		l.Prime(id, vs[i])
	}
	return vs
}

// wait is how long a loader collects keys before it fetches.
const wait = 500 * time.Microsecond

// NewDataloaders returns the loaders for one request.
func NewDataloaders(s stancegraph.Store) *Dataloaders {
	return &Dataloaders{
		store:       s,
		actors:      newLoader(s.ActorsByIDs),
		instruments: newLoader(s.InstrumentsByIDs),
		articles:    newLoader(s.ArticlesByIDs),
		sessions:    newLoader(s.SessionsByIDs),
		topics:      newLoader(s.TopicsByIDs),
		sources:     newLoader(s.SourcesByIDs),
		people:      newLoader(s.PeopleByOrganizationIDs),
		members:     newLoader(s.MembershipsByGroupIDs),
		memberOf:    newLoader(s.MembershipsByMemberIDs),
		positions:   map[string]*loader[[]*stancegraph.Position]{},
	}
}

func newLoader[V any](fetch func(context.Context, []string) ([]V, error)) *loader[V] {
	return &loader[V]{Loader: dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([]V, []error) {
		vs, err := fetch(ctx, ids)
		if err != nil {
			return nil, []error{err}
		}
		return vs, nil
	}, dataloadgen.WithWait(wait)), fetch: fetch}
}

// positionsBy returns the loader of positions by parent id for one parent
// kind and one filter: fields with the same arguments share a batch.
func (l *Dataloaders) positionsBy(kind string, f stancegraph.PositionFilter) *loader[[]*stancegraph.Position] {
	key, _ := json.Marshal(f) // a PositionFilter always marshals
	k := kind + string(key)
	l.mu.Lock()
	defer l.mu.Unlock()
	if ld, ok := l.positions[k]; ok {
		return ld
	}
	fetch := l.positionFetcher(kind)
	ld := newLoader(func(ctx context.Context, ids []string) ([][]*stancegraph.Position, error) { return fetch(ctx, ids, f) })
	l.positions[k] = ld
	return ld
}

// positionFetcher returns the batch fetch of positions by parent kind:
// actor, article and source have their own Store methods; session, topic
// and instrument use one FindPositions over all parents, bucketed here.
func (l *Dataloaders) positionFetcher(kind string) func(context.Context, []string, stancegraph.PositionFilter) ([][]*stancegraph.Position, error) {
	switch kind {
	case "actor":
		return l.store.PositionsByActorIDs
	case "article":
		return l.store.PositionsByArticleIDs
	case "source":
		return l.store.PositionsBySourceIDs
	}
	return func(ctx context.Context, ids []string, f stancegraph.PositionFilter) ([][]*stancegraph.Position, error) {
		var key func(*stancegraph.Position) []string
		switch kind {
		case "session":
			f.SessionIDs, key = ids, func(p *stancegraph.Position) []string { return []string{p.SessionID} }
		case "topic":
			f.Topics, key = ids, func(p *stancegraph.Position) []string { return p.Topics }
		default:
			f.InstrumentIDs, key = ids, func(p *stancegraph.Position) []string { return []string{p.InstrumentID} }
		}
		ps, _, err := l.store.FindPositions(ctx, f)
		return stancegraph.Bucket(ids, ps, key), err
	}
}

type loadersKey struct{}

// WithDataloaders installs fresh dataloaders in every request's context.
func WithDataloaders(s stancegraph.Store, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), loadersKey{}, NewDataloaders(s))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// loaders returns the request's dataloaders, or fresh ones if none were
// installed (a resolver called outside HTTP, as in unit tests).
func (r *Resolver) loaders(ctx context.Context) *Dataloaders {
	if l, ok := ctx.Value(loadersKey{}).(*Dataloaders); ok {
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
