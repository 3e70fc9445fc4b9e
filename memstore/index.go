package memstore

import (
	"slices"

	"github.com/stancegraph/stancegraph"
)

// index maps the ids a position refers to (its actor, article, instrument,
// session, topics and sources) to the positions, so that a filter naming
// any of them reads only its candidates instead of every position: point
// queries stay flat as the graph grows.
type index map[string]map[string]struct{} // "kind:id" -> position ids

func indexKeys(p *stancegraph.Position) []string {
	keys := []string{"actor:" + p.ActorID, "article:" + p.ArticleID, "instrument:" + p.InstrumentID, "session:" + p.SessionID,
		"alternative:" + p.AlternativeID, "issue:" + p.IssueID}
	if p.SpeakerID != "" && p.SpeakerID != p.ActorID {
		keys = append(keys, "actor:"+p.SpeakerID) // a person's positions include those they spoke
	}
	for _, t := range p.Topics {
		keys = append(keys, "topic:"+t)
	}
	for _, s := range p.SourceIDs {
		keys = append(keys, "source:"+s)
	}
	return keys
}

func (ix index) add(p *stancegraph.Position) {
	for _, k := range indexKeys(p) {
		if ix[k] == nil {
			ix[k] = map[string]struct{}{}
		}
		ix[k][p.ID] = struct{}{}
	}
}

func (ix index) remove(p *stancegraph.Position) {
	for _, k := range indexKeys(p) {
		delete(ix[k], p.ID)
	}
}

// putPosition stores p and keeps the index in step; the caller holds the write lock.
func (s *Store) putPosition(p *stancegraph.Position) {
	if old := s.positions[p.ID]; old != nil {
		s.index.remove(old)
	}
	s.positions[p.ID] = p
	s.index.add(p)
}

// candidates returns the positions a filter can match: the smallest index
// entry among the id filters it sets, or every position. The caller holds
// the read lock.
func (s *Store) candidates(f *stancegraph.PositionFilter) []*stancegraph.Position {
	var best []string
	found := false
	consider := func(kind string, ids []string) {
		if len(ids) == 0 {
			return
		}
		var union []string
		for _, id := range ids {
			for pid := range s.index[kind+":"+id] {
				union = append(union, pid)
			}
		}
		if !found || len(union) < len(best) {
			best, found = union, true
		}
	}
	if len(f.IDs) > 0 {
		best, found = f.IDs, true
	}
	consider("actor", f.ActorIDs)
	consider("article", f.ArticleIDs)
	consider("instrument", f.InstrumentIDs)
	consider("session", f.SessionIDs)
	consider("topic", f.Topics)
	consider("source", f.SourceIDs)
	consider("alternative", f.Alternatives)
	consider("issue", f.Issues)
	if !found {
		out := make([]*stancegraph.Position, 0, len(s.positions))
		for _, p := range s.positions {
			out = append(out, p)
		}
		return out
	}
	slices.Sort(best)
	best = slices.Compact(best)
	out := make([]*stancegraph.Position, 0, len(best))
	for _, id := range best {
		if p := s.positions[id]; p != nil {
			out = append(out, p)
		}
	}
	return out
}
