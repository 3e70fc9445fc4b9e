package stancegraph

import (
	"context"
	"slices"
)

// PositionParent names what PositionsBy, StanceCounts and plan.PositionsWith group positions by.
type PositionParent string

// The parents of positions.
const (
	ByActor      PositionParent = "actor"
	ByArticle    PositionParent = "article"
	BySource     PositionParent = "source"
	ByInstrument PositionParent = "instrument" // the position's own instrument
	BySession    PositionParent = "session"
	ByTopic      PositionParent = "topic"
)

// Group sets f's ids of by's kind to ids (nil clears them: the parents then
// come from elsewhere) and returns the keys that bucket a position under its
// parents: what PositionsBy, PositionsWith and StanceCounts mean by "by".
func (by PositionParent) Group(f PositionFilter, ids []string) (PositionFilter, func(*Position) []string, error) {
	switch by {
	case ByActor:
		f.ActorIDs, f.SpokenToo = ids, true
		return f, ActorKeys, nil
	case ByArticle:
		f.ArticleIDs = ids
		return f, func(p *Position) []string { return []string{p.ArticleID} }, nil
	case BySource:
		f.SourceIDs = ids
		return f, func(p *Position) []string { return p.SourceIDs }, nil
	case ByInstrument:
		f.InstrumentIDs = ids
		return f, func(p *Position) []string { return []string{p.InstrumentID} }, nil
	case BySession:
		f.SessionIDs = ids
		return f, func(p *Position) []string { return []string{p.SessionID} }, nil
	case ByTopic:
		f.Topics = ids
		return f, func(p *Position) []string { return p.Topics }, nil
	}
	return f, nil, Errorf(EINVALID, "Positions cannot be grouped by %q.", by)
}

// ActorKeys are the actors a position belongs to: its actor and, for a
// person, the speaker who said it.
func ActorKeys(p *Position) []string {
	if p.SpeakerID == "" || p.SpeakerID == p.ActorID {
		return []string{p.ActorID}
	}
	return []string{p.ActorID, p.SpeakerID}
}

// MatchesActors reports whether p belongs to any of ids under f's rule for
// actors (the speaker too when SpokenToo); an empty ids matches all.
func (f *PositionFilter) MatchesActors(p *Position) bool {
	if len(f.ActorIDs) == 0 {
		return true
	}
	return slices.Contains(f.ActorIDs, p.ActorID) || (f.SpokenToo && p.SpeakerID != "" && slices.Contains(f.ActorIDs, p.SpeakerID))
}

// CountStances counts PositionsBy's lists: StanceCounts for a store whose
// positions cost no round trip, and the conformance suite's reference.
func CountStances(ctx context.Context, s Store, by PositionParent, ids []string, f PositionFilter) ([]map[Stance]StanceTally, error) {
	lists, err := s.PositionsBy(ctx, by, ids, f)
	if err != nil {
		return nil, err
	}
	out := make([]map[Stance]StanceTally, len(lists))
	for i, ps := range lists {
		out[i] = TallyStances(ps)
	}
	return out, nil
}
