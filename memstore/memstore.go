// Package memstore is the embedded, in-memory Store: the default backend,
// so that stancegraph runs on a fresh machine with no database.
package memstore

import (
	"context"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/stancegraph/stancegraph"
)

var _ stancegraph.Store = (*Store)(nil)

// Store keeps the graph in maps guarded by one RWMutex. It returns copies,
// so callers cannot change stored state.
type Store struct {
	mu          sync.RWMutex
	release     *stancegraph.Release
	actors      map[string]*stancegraph.Actor
	memberships map[[3]string]*stancegraph.Membership // member, group, from
	topics      map[string]*stancegraph.Topic
	instruments map[string]*stancegraph.Instrument
	articles    map[string]*stancegraph.Article
	sessions    map[string]*stancegraph.Session
	sources     map[string]*stancegraph.Source
	positions   map[string]*stancegraph.Position
	issues      map[string]*stancegraph.Issue
	records     stancegraph.TextRecords // vote summaries and treaty status rows, sorted
	history     map[string][]*stancegraph.Revision
	index       index // positions by the ids they refer to
}

// New returns an empty store.
func New() *Store {
	return &Store{
		actors:      map[string]*stancegraph.Actor{},
		memberships: map[[3]string]*stancegraph.Membership{},
		topics:      map[string]*stancegraph.Topic{},
		instruments: map[string]*stancegraph.Instrument{},
		articles:    map[string]*stancegraph.Article{},
		sessions:    map[string]*stancegraph.Session{},
		sources:     map[string]*stancegraph.Source{},
		positions:   map[string]*stancegraph.Position{},
		issues:      map[string]*stancegraph.Issue{},
		history:     map[string][]*stancegraph.Revision{},
		index:       index{},
	}
}

// Load replaces the graph with d, keeping the entities curators edited.
// It cannot fail half-way: every write is a map assignment made under the
// lock after the context is checked.
func (s *Store) Load(ctx context.Context, d *stancegraph.Dataset) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	edited := make(map[string]bool, len(s.history))
	for id := range s.history {
		edited[id] = true
	}
	stancegraph.CuratedIssues(slices.Collect(maps.Values(s.issues)), edited) // marks the issues to keep
	d = stancegraph.WithoutEdited(d, edited)
	s.keepOnly(edited)
	put(s.actors, d.Actors, func(a *stancegraph.Actor) string { return a.ID })
	put(s.topics, d.Topics, func(t *stancegraph.Topic) string { return t.ID })
	put(s.instruments, d.Instruments, func(i *stancegraph.Instrument) string { return i.ID })
	put(s.articles, d.Articles, func(a *stancegraph.Article) string { return a.ID })
	put(s.sessions, d.Sessions, func(x *stancegraph.Session) string { return x.ID })
	put(s.sources, d.Sources, func(x *stancegraph.Source) string { return x.ID })
	for _, p := range d.Positions {
		c := *p
		s.putPosition(&c)
	}
	for _, i := range d.Issues {
		s.issues[i.ID] = i.Clone()
	}
	put(s.memberships, d.Memberships, func(m *stancegraph.Membership) [3]string { return [3]string{m.MemberID, m.GroupID, m.From} })
	s.records = copyRecords(&d.Records)
	r := d.Release
	s.release = &r
	return nil
}

// keepOnly empties the store but for the entities in edited (issues: by
// IssueKey) and their indexes. The caller holds the write lock.
func (s *Store) keepOnly(edited map[string]bool) {
	fresh := New()
	fresh.history = s.history
	for id := range edited {
		if a := s.actors[id]; a != nil {
			fresh.actors[id] = a
		}
		if a := s.articles[id]; a != nil {
			fresh.articles[id] = a
		}
		if x := s.sources[id]; x != nil {
			fresh.sources[id] = x
		}
		if p := s.positions[id]; p != nil {
			fresh.putPosition(p)
		}
	}
	for id, i := range s.issues {
		if edited[stancegraph.IssueKey(id)] {
			fresh.issues[id] = i
		}
	}
	s.release = nil
	s.actors, s.memberships, s.topics, s.instruments = fresh.actors, fresh.memberships, fresh.topics, fresh.instruments
	s.articles, s.sessions, s.sources, s.positions, s.index = fresh.articles, fresh.sessions, fresh.sources, fresh.positions, fresh.index
	s.issues = fresh.issues
}

func put[K comparable, V any](m map[K]*V, vs []*V, key func(*V) K) {
	for _, v := range vs {
		c := *v
		m[key(v)] = &c
	}
}

// Release returns the release last loaded.
func (s *Store) Release(ctx context.Context) (*stancegraph.Release, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.release == nil {
		return nil, stancegraph.Errorf(stancegraph.ENOTFOUND, "No data has been loaded.")
	}
	r := *s.release
	return &r, nil
}

// Ping always answers: the store lives in this process.
func (s *Store) Ping(ctx context.Context) error { return nil }

// Close does nothing.
func (s *Store) Close(ctx context.Context) error { return nil }

// byIDs returns copies of m[id] for each id, nil where unknown.
func byIDs[V any](mu *sync.RWMutex, m map[string]*V, ids []string) []*V {
	mu.RLock()
	defer mu.RUnlock()
	out := make([]*V, len(ids))
	for i, id := range ids {
		if v, ok := m[id]; ok {
			c := *v
			out[i] = &c
		}
	}
	return out
}

// all returns copies of every value of m, sorted by less.
func all[K comparable, V any](mu *sync.RWMutex, m map[K]*V, keep func(*V) bool, less func(a, b *V) int) []*V {
	mu.RLock()
	defer mu.RUnlock()
	out := make([]*V, 0, len(m))
	for _, v := range m {
		if keep == nil || keep(v) {
			c := *v
			out = append(out, &c)
		}
	}
	slices.SortFunc(out, less)
	return out
}

// page applies offset and limit (0: none) to a sorted result.
func page[V any](vs []*V, offset, limit int) []*V {
	if offset >= len(vs) {
		return []*V{}
	}
	vs = vs[max(offset, 0):]
	if limit > 0 && limit < len(vs) {
		vs = vs[:limit]
	}
	return vs
}

func anyOf[T comparable](want []T, have ...T) bool {
	if len(want) == 0 {
		return true
	}
	for _, h := range have {
		if slices.Contains(want, h) {
			return true
		}
	}
	return false
}

func byID(a, b string) int { return strings.Compare(a, b) }
