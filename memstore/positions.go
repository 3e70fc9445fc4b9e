package memstore

import (
	"context"
	"slices"

	"github.com/stancegraph/stancegraph"
)

// FindPositions returns positions matching f in f.Sort order.
func (s *Store) FindPositions(ctx context.Context, f stancegraph.PositionFilter) ([]*stancegraph.Position, int, error) {
	out := s.matching(f)
	return page(out, f.Offset, f.Limit), len(out), nil
}

// PositionsBy returns, per parent id, the positions matching f: the
// parents' ids set in f by by.Group (the one parent table), the matches
// bucketed by parent.
func (s *Store) PositionsBy(ctx context.Context, by stancegraph.PositionParent, ids []string, f stancegraph.PositionFilter) ([][]*stancegraph.Position, error) {
	f, keys, err := by.Group(f, ids)
	if err != nil {
		return nil, err
	}
	return stancegraph.Bucket(ids, s.matching(f), keys), nil
}

// matching returns copies of the positions matching f, sorted.
func (s *Store) matching(f stancegraph.PositionFilter) []*stancegraph.Position {
	var out []*stancegraph.Position
	s.each(f, func(p *stancegraph.Position) {
		c := *p
		out = append(out, &c)
	})
	slices.SortFunc(out, stancegraph.ComparePositions(f.Sort))
	return out
}

// each calls fn, under the read lock, with every stored position matching
// f, in no particular order; fn must not keep or change it.
func (s *Store) each(f stancegraph.PositionFilter, fn func(*stancegraph.Position)) {
	needActor := len(f.ActorTypes) > 0 || len(f.RegionalGroups) > 0
	keep := func(p *stancegraph.Position) bool {
		if !matchPosition(p, &f) {
			return false
		}
		if len(f.SourceClasses) > 0 && !slices.ContainsFunc(p.SourceIDs, func(id string) bool {
			src := s.sources[id]
			return src != nil && slices.Contains(f.SourceClasses, src.Class)
		}) {
			return false
		}
		if len(f.Evidence) > 0 && !slices.Contains(f.Evidence, s.evidence(p)) {
			return false
		}
		if needActor {
			a := s.actors[p.ActorID]
			return a != nil && anyOf(f.ActorTypes, a.Type) && anyOf(f.RegionalGroups, a.RegionalGroup)
		}
		return true
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, p := range s.candidates(&f) {
		if keep(p) {
			fn(p)
		}
	}
}

func matchPosition(p *stancegraph.Position, f *stancegraph.PositionFilter) bool {
	return (f.IncludeRetracted || p.Retracted == nil) && anyOf(f.IDs, p.ID) && f.MatchesActors(p) && anyOf(f.InstrumentIDs, p.InstrumentID) &&
		anyOf(f.Speakers, p.SpeakerID) && anyOf(f.Alternatives, p.AlternativeID) && anyOf(f.Issues, p.IssueID) &&
		anyOf(f.ArticleIDs, p.ArticleID) && anyOf(f.Topics, p.Topics...) && anyOf(f.Stances, p.Stance) &&
		anyOf(f.Kinds, p.Kind) && anyOf(f.SessionIDs, p.SessionID) && anyOf(f.SourceIDs, p.SourceIDs...) &&
		anyOf(f.RepresentedIDs, append(slices.Clone(p.OnBehalfOf), p.JointWith...)...) &&
		anyOf(f.Verifications, p.Verification) &&
		stancegraph.DateInRange(p.Date, f.DateFrom, f.DateTo)
}

// evidence grades p by its sources as stored now; the caller holds the read lock.
func (s *Store) evidence(p *stancegraph.Position) stancegraph.EvidenceGrade {
	classes := make([]stancegraph.SourceClass, 0, len(p.SourceIDs))
	for _, id := range p.SourceIDs {
		if src := s.sources[id]; src != nil {
			classes = append(classes, src.Class)
		}
	}
	return stancegraph.Grade(classes)
}

// StanceCounts counts positions by parent and stance, copying none.
func (s *Store) StanceCounts(ctx context.Context, by stancegraph.PositionParent, ids []string, f stancegraph.PositionFilter) ([]map[stancegraph.Stance]stancegraph.StanceTally, error) {
	f, keys, err := by.Group(f, ids)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return []map[stancegraph.Stance]stancegraph.StanceTally{}, nil
	}
	at := make(map[string][]int, len(ids))
	out := make([]map[stancegraph.Stance]stancegraph.StanceTally, len(ids))
	for i, id := range ids {
		at[id] = append(at[id], i)
		out[i] = map[stancegraph.Stance]stancegraph.StanceTally{}
	}
	s.each(f, func(p *stancegraph.Position) {
		for _, k := range keys(p) {
			for _, i := range at[k] {
				out[i][p.Stance] = out[i][p.Stance].Add(p.ActorID, 1)
			}
		}
	})
	return out, nil
}
