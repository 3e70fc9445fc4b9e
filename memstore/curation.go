package memstore

import (
	"context"
	"slices"

	"github.com/stancegraph/stancegraph"
)

// Apply makes one edit under the write lock, so concurrent edits of one
// entity serialize and ExpectedVersion decides which apply.
func (s *Store) Apply(ctx context.Context, e *stancegraph.Edit) (*stancegraph.Revision, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id := e.EntityID()
	current := len(s.history[id])
	if err := stancegraph.CheckVersion(e, current); err != nil {
		return nil, err
	}
	after, err := s.applyLocked(e)
	if err != nil {
		return nil, err
	}
	rev := stancegraph.NewRevision(e, current+1, after)
	if s.history == nil {
		s.history = map[string][]*stancegraph.Revision{}
	}
	s.history[id] = append(s.history[id], rev)
	c := *rev
	return &c, nil
}

func (s *Store) applyLocked(e *stancegraph.Edit) (any, error) {
	switch {
	case e.Actor != nil:
		c := *e.Actor
		s.actors[c.ID] = &c
		return &c, nil
	case e.Article != nil:
		c := *e.Article
		s.articles[c.ID] = &c
		return &c, nil
	case e.Source != nil:
		c := *e.Source
		s.sources[c.ID] = &c
		return &c, nil
	case e.Position != nil:
		c := *e.Position
		s.putPosition(&c)
		return &c, nil
	case e.Issue != nil:
		c := e.Issue.Clone()
		c.SortAlternatives()
		s.issues[c.ID] = c
		return c.Clone(), nil
	case e.Alternative != nil:
		return s.putAlternative(e.Alternative)
	}
	p := s.positions[e.Retract]
	if p == nil {
		return nil, stancegraph.Errorf(stancegraph.ENOTFOUND, "Position %q not found.", e.Retract)
	}
	if p.Retracted != nil {
		return nil, stancegraph.Errorf(stancegraph.ECONFLICT, "Position %q was already retracted.", e.Retract)
	}
	c := *p
	c.Retracted = &stancegraph.Retraction{By: e.Author, At: e.At, Reason: e.Reason}
	s.putPosition(&c)
	return &c, nil
}

// putAlternative adds or replaces one alternative of an existing issue.
// The caller holds the write lock.
func (s *Store) putAlternative(a *stancegraph.Alternative) (any, error) {
	i := s.issues[a.IssueID]
	if i == nil {
		return nil, stancegraph.Errorf(stancegraph.EINVALID, "Alternative %q is on unknown issue %q.", a.ID, a.IssueID)
	}
	c := i.WithAlternative(a)
	if err := c.Validate(); err != nil {
		return nil, err
	}
	s.issues[c.ID] = c
	ac := *a
	return &ac, nil
}

// History returns an entity's revisions, oldest first.
func (s *Store) History(ctx context.Context, id string) ([]*stancegraph.Revision, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*stancegraph.Revision, len(s.history[id]))
	for i, r := range s.history[id] {
		c := *r
		out[i] = &c
	}
	return slices.Clip(out), nil
}

// Version returns an entity's version: the number of edits applied to it.
func (s *Store) Version(id string) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.history[id])
}
