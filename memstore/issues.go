package memstore

import (
	"context"
	"slices"
	"strings"

	"github.com/stancegraph/stancegraph"
)

// FindIssues returns every issue with its alternatives, by id.
func (s *Store) FindIssues(ctx context.Context) ([]*stancegraph.Issue, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*stancegraph.Issue, 0, len(s.issues))
	for _, i := range s.issues {
		out = append(out, i.Clone())
	}
	slices.SortFunc(out, func(a, b *stancegraph.Issue) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}
