package memstore

import (
	"context"
	"slices"

	"github.com/stancegraph/stancegraph"
)

// Search scans every searchable object; see stancegraph.Store.
func (s *Store) Search(ctx context.Context, q stancegraph.SearchQuery) ([]*stancegraph.SearchHit, error) {
	terms := stancegraph.ParseSearch(q.Text)
	if len(terms) == 0 {
		return nil, stancegraph.Errorf(stancegraph.EINVALID, "Search text has no words.")
	}
	want := func(kind string) bool { return len(q.Kinds) == 0 || slices.Contains(q.Kinds, kind) }
	s.mu.RLock()
	var hits []*stancegraph.SearchHit
	add := func(kind string, n stancegraph.Node) {
		if want(kind) {
			if h, ok := stancegraph.MatchSearch(terms, n); ok {
				hits = append(hits, h)
			}
		}
	}
	for _, a := range s.actors {
		add("ACTOR", a)
	}
	for _, a := range s.articles {
		add("ARTICLE", a)
	}
	for _, i := range s.instruments {
		add("INSTRUMENT", i)
	}
	for _, x := range s.sources {
		add("SOURCE", x)
	}
	for _, p := range s.positions {
		if p.Retracted == nil {
			add("POSITION", p)
		}
	}
	s.mu.RUnlock()
	slices.SortFunc(hits, stancegraph.CompareHits)
	if q.Limit > 0 && len(hits) > q.Limit {
		hits = hits[:q.Limit]
	}
	for _, h := range hits {
		h.Node = clone(h.Node)
	}
	return hits, nil
}

// clone copies a stored object so callers cannot change the store.
func clone(n stancegraph.Node) stancegraph.Node {
	switch v := n.(type) {
	case *stancegraph.Actor:
		c := *v
		return &c
	case *stancegraph.Article:
		c := *v
		return &c
	case *stancegraph.Instrument:
		c := *v
		return &c
	case *stancegraph.Source:
		c := *v
		return &c
	case *stancegraph.Position:
		c := *v
		return &c
	}
	return n
}
