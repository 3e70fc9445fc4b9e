package memstore

import (
	"context"

	"github.com/stancegraph/stancegraph"
)

// FindTextRecords returns every vote summary and treaty status row.
func (s *Store) FindTextRecords(ctx context.Context) (*stancegraph.TextRecords, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := copyRecords(&s.records)
	return &out, nil
}

// copyRecords copies records and sorts them, so callers cannot change stored state.
func copyRecords(r *stancegraph.TextRecords) stancegraph.TextRecords {
	out := stancegraph.TextRecords{
		Votes:    make([]*stancegraph.VoteSummary, len(r.Votes)),
		Statuses: make([]*stancegraph.TreatyStatus, len(r.Statuses)),
	}
	for i, v := range r.Votes {
		c := *v
		out.Votes[i] = &c
	}
	for i, t := range r.Statuses {
		c := *t
		out.Statuses[i] = &c
	}
	out.Sort()
	return out
}
