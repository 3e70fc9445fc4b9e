package resolvers

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"time"

	"github.com/stancegraph/stancegraph"
	"github.com/vikstrous/dataloadgen"
)

// Dataloaders batch the child fields of one request: however many parents a
// query returns, each kind of child costs one store round trip per level.
type Dataloaders struct {
	store       stancegraph.Store
	actors      *dataloadgen.Loader[string, *stancegraph.Actor]
	instruments *dataloadgen.Loader[string, *stancegraph.Instrument]
	articles    *dataloadgen.Loader[string, *stancegraph.Article]
	sessions    *dataloadgen.Loader[string, *stancegraph.Session]
	topics      *dataloadgen.Loader[string, *stancegraph.Topic]
	sources     *dataloadgen.Loader[string, *stancegraph.Source]
	people      *dataloadgen.Loader[string, []*stancegraph.Actor]
	members     *dataloadgen.Loader[string, []*stancegraph.Membership]
	memberOf    *dataloadgen.Loader[string, []*stancegraph.Membership]

	mu        sync.Mutex
	positions map[string]*dataloadgen.Loader[string, []*stancegraph.Position] // by parent kind + filter
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
		positions:   map[string]*dataloadgen.Loader[string, []*stancegraph.Position]{},
	}
}

func newLoader[V any](fetch func(context.Context, []string) ([]V, error)) *dataloadgen.Loader[string, V] {
	return dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([]V, []error) {
		vs, err := fetch(ctx, ids)
		if err != nil {
			return nil, []error{err}
		}
		return vs, nil
	}, dataloadgen.WithWait(wait))
}

// positionsBy returns the loader of positions by parent id for one parent
// kind and one filter: fields with the same arguments share a batch.
func (l *Dataloaders) positionsBy(kind string, f stancegraph.PositionFilter) *dataloadgen.Loader[string, []*stancegraph.Position] {
	key, _ := json.Marshal(f) // a PositionFilter always marshals
	k := kind + string(key)
	l.mu.Lock()
	defer l.mu.Unlock()
	if ld, ok := l.positions[k]; ok {
		return ld
	}
	var fetch func(context.Context, []string, stancegraph.PositionFilter) ([][]*stancegraph.Position, error)
	switch kind {
	case "actor":
		fetch = l.store.PositionsByActorIDs
	case "article":
		fetch = l.store.PositionsByArticleIDs
	default:
		fetch = l.store.PositionsBySourceIDs
	}
	ld := newLoader(func(ctx context.Context, ids []string) ([][]*stancegraph.Position, error) { return fetch(ctx, ids, f) })
	l.positions[k] = ld
	return ld
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
func loadAll[V any](ctx context.Context, ld *dataloadgen.Loader[string, *V], ids []string) ([]*V, error) {
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
