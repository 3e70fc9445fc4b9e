package loaders

import (
	"context"

	"github.com/stancegraph/stancegraph"
)

// Dump reads the whole graph out of a store as a Dataset: with Write, a
// backup that restores with Load, and the way to move a graph between
// backends.
func Dump(ctx context.Context, s stancegraph.Store) (*stancegraph.Dataset, error) {
	d := &stancegraph.Dataset{}
	var err error
	if d.Actors, _, err = s.FindActors(ctx, stancegraph.ActorFilter{}); err != nil {
		return nil, err
	}
	var groups []string
	for _, a := range d.Actors {
		if a.Type == stancegraph.ActorGroup {
			groups = append(groups, a.ID)
		}
	}
	ms, err := s.MembershipsBy(ctx, stancegraph.ByGroup, groups)
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		d.Memberships = append(d.Memberships, m...)
	}
	if d.Topics, err = s.FindTopics(ctx); err != nil {
		return nil, err
	}
	if d.Instruments, err = s.FindInstruments(ctx); err != nil {
		return nil, err
	}
	if d.Articles, _, err = s.FindArticles(ctx, stancegraph.ArticleFilter{}); err != nil {
		return nil, err
	}
	if d.Sessions, err = s.FindSessions(ctx); err != nil {
		return nil, err
	}
	if d.Sources, _, err = s.FindSources(ctx, stancegraph.SourceFilter{}); err != nil {
		return nil, err
	}
	if d.Positions, _, err = s.FindPositions(ctx, stancegraph.PositionFilter{}); err != nil {
		return nil, err
	}
	if d.Issues, err = s.FindIssues(ctx); err != nil {
		return nil, err
	}
	rec, err := s.FindTextRecords(ctx)
	if err != nil {
		return nil, err
	}
	d.Records = *rec
	r, err := s.Release(ctx)
	if err != nil && stancegraph.ErrorCode(err) != stancegraph.ENOTFOUND {
		return nil, err
	}
	if r != nil {
		d.Release = *r
	}
	return d, nil
}
