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
		out = append(out, copyIssue(i))
	}
	slices.SortFunc(out, func(a, b *stancegraph.Issue) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

// copyIssue copies an issue and its alternatives, so callers cannot change stored state.
func copyIssue(i *stancegraph.Issue) *stancegraph.Issue {
	c := *i
	c.Alternatives = make([]*stancegraph.Alternative, len(i.Alternatives))
	for k, a := range i.Alternatives {
		ac := *a
		c.Alternatives[k] = &ac
	}
	return &c
}
