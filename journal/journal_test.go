package journal_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/journal"
	"github.com/stancegraph/stancegraph/memstore"
)

const sourceURL = "https://example.org/statement"

var actorIDs = []string{"AAA", "BBB", "CCC", "DDD"}

// base returns a store holding the data the journals are written over.
func base(tb testing.TB) *memstore.Store {
	tb.Helper()
	s := memstore.New()
	d := &stancegraph.Dataset{
		Instruments: []*stancegraph.Instrument{{ID: "i1", Title: "Instrument"}},
		Sources:     []*stancegraph.Source{{ID: stancegraph.SourceID(sourceURL), URL: sourceURL, Title: "S", Publisher: "P", Class: stancegraph.ClassNews}},
	}
	for _, id := range actorIDs {
		d.Actors = append(d.Actors, &stancegraph.Actor{ID: id, Type: stancegraph.ActorState, Name: id})
	}
	if err := s.Load(context.Background(), d); err != nil {
		tb.Fatal(err)
	}
	return s
}

// MustOpen opens the journal at path over a fresh base store.
func MustOpen(tb testing.TB, path string) (*journal.Store, *journal.Report) {
	tb.Helper()
	j, rep, err := journal.Open(context.Background(), base(tb), path)
	if err != nil {
		tb.Fatal(err)
	}
	return j, rep
}

func actorEdit(id, author, name string, expected *int) *stancegraph.Edit {
	return &stancegraph.Edit{Author: author, At: "2026-11-30T00:00:00Z", ExpectedVersion: expected,
		Actor: &stancegraph.Actor{ID: id, Type: stancegraph.ActorState, Name: name}}
}

func positionEdit(id string, stance stancegraph.Stance, quote string) *stancegraph.Edit {
	return &stancegraph.Edit{Author: "k1", At: "2026-11-30T00:00:00Z", SourceURLs: []string{sourceURL},
		Position: &stancegraph.Position{ID: id, Kind: stancegraph.KindStatement, ActorID: "AAA", InstrumentID: "i1",
			Stance: stance, Quote: quote, Verification: stancegraph.Unverified}}
}

func histories(tb testing.TB, s stancegraph.Store) map[string][]*stancegraph.Revision {
	tb.Helper()
	out := map[string][]*stancegraph.Revision{}
	for _, id := range append(actorIDs, "pos-none") {
		h, err := s.History(context.Background(), id)
		if err != nil {
			tb.Fatal(err)
		}
		out[id] = h
	}
	return out
}

// TestAbandonedRequests: writers race on a few entities with
// expectedVersion while a third of the requests are abandoned before the
// call and a third as it is made, and some edits are refused by the store.
// Every acknowledged edit is in the store with its acknowledged version,
// author and order, nothing else is, and replaying the journal gives the
// same histories.
func TestAbandonedRequests(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal")
	j, _ := MustOpen(t, path)
	ctx := context.Background()
	var mu sync.Mutex
	acked := map[string][]*stancegraph.Revision{}
	var wg sync.WaitGroup
	const writers, edits = 8, 60
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < edits; i++ {
				id := actorIDs[(w+i)%len(actorIDs)]
				h, _ := j.History(ctx, id)
				e := actorEdit(id, fmt.Sprintf("w%d", w), fmt.Sprintf("%s by w%d #%d", id, w, i), &[]int{len(h)}[0])
				if i%7 == 3 {
					e = &stancegraph.Edit{Author: "w", At: "2026", Reason: "gone", Retract: "pos-none"} // ENOTFOUND from the store
				}
				rctx, cancel := context.WithCancel(ctx)
				switch i % 3 {
				case 0:
					cancel() // the client hung up before the server got to it
				case 1:
					go cancel() // the client hangs up while it is served
				}
				rev, err := j.Apply(rctx, e)
				cancel()
				if err == nil {
					mu.Lock()
					acked[rev.EntityID] = append(acked[rev.EntityID], rev)
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	live := histories(t, j)
	if err := j.Close(ctx); err != nil {
		t.Fatal(err)
	}
	j2, rep := MustOpen(t, path)
	defer j2.Close(ctx)
	replayed := histories(t, j2)
	n := 0
	for _, id := range actorIDs {
		want := acked[id]
		slices.SortFunc(want, func(a, b *stancegraph.Revision) int { return a.Version - b.Version })
		if diff := cmp.Diff(want, live[id]); diff != "" {
			t.Errorf("%s: the store's history is not the acknowledged one (-acknowledged +store):\n%s", id, diff)
		}
		if diff := cmp.Diff(want, replayed[id]); diff != "" {
			t.Errorf("%s: replay lost or changed acknowledged edits (-acknowledged +replayed):\n%s", id, diff)
		}
		n += len(want)
	}
	if n == 0 {
		t.Fatal("no edit was acknowledged")
	}
	if rep.Records != n || rep.Dropped != "" {
		t.Fatalf("replayed %d records, dropped %q; want %d records, none dropped", rep.Records, rep.Dropped, n)
	}
}
