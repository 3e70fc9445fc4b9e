package resolvers

import (
	"context"
	"sync"

	"github.com/stancegraph/stancegraph"
)

// recordSet is one request's vote summaries and treaty status rows by
// instrument, read once (FindTextRecords is one store call however many
// instruments ask).
type recordSet struct {
	once     sync.Once
	votes    map[string][]*stancegraph.VoteSummary
	statuses map[string][]*stancegraph.TreatyStatus
	err      error
}

func (r *Resolver) textRecords(ctx context.Context) (*recordSet, error) {
	l := r.dataloaders(ctx)
	set := firstUse(l, &l.records)
	set.once.Do(func() {
		rec, err := l.store.FindTextRecords(ctx)
		if err != nil {
			set.err = err
			return
		}
		set.votes = map[string][]*stancegraph.VoteSummary{}
		set.statuses = map[string][]*stancegraph.TreatyStatus{}
		for _, v := range rec.Votes {
			set.votes[v.InstrumentID] = append(set.votes[v.InstrumentID], v)
		}
		for _, t := range rec.Statuses {
			set.statuses[t.InstrumentID] = append(set.statuses[t.InstrumentID], t)
		}
	})
	return set, set.err
}

// firstUse returns the request's *slot, making it on first use.
func firstUse[T any](l *Dataloaders, slot **T) *T {
	l.mu.Lock()
	defer l.mu.Unlock()
	if *slot == nil {
		*slot = new(T)
	}
	return *slot
}
