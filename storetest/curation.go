package storetest

import (
	"context"
	"sync"
	"testing"

	"github.com/stancegraph/stancegraph"
)

func ptrInt(i int) *int { return &i }

// testCuration checks Apply and History: versions, conflicts, retraction,
// concurrent edits of one entity, and that a reload keeps curators' changes.
func testCuration(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s, d := newStore(t), Bundled(t)
	MustLoad(t, s, d)
	src := d.Positions[0].SourceIDs[0]
	pos := func(stance stancegraph.Stance, quote string) *stancegraph.Position {
		return &stancegraph.Position{ID: "pos-curated-1", Kind: stancegraph.KindStatement, ActorID: "IRN", InstrumentID: "uncc", ArticleID: "uncc:6",
			Stance: stance, Quote: quote, SourceIDs: []string{src}, Verification: stancegraph.Verified, VerifiedText: "yes", Date: "2024-08-05"}
	}
	edit := func(p *stancegraph.Position, expected *int) *stancegraph.Edit {
		return &stancegraph.Edit{Author: "key-test", At: "2026-11-26T00:00:00Z", Reason: "test", ExpectedVersion: expected, Position: p}
	}
	rev, err := s.Apply(ctx, edit(pos(stancegraph.Opposes, "first"), ptrInt(0)))
	if err != nil || rev.Version != 1 || rev.Action != "UPSERT" || rev.Author != "key-test" {
		t.Fatalf("first edit = %+v, %v; want version 1 by key-test", rev, err)
	}
	if _, err := s.Apply(ctx, edit(pos(stancegraph.Supports, "stale"), ptrInt(0))); stancegraph.ErrorCode(err) != stancegraph.ECONFLICT {
		t.Fatalf("an edit expecting version 0 of a version-1 entity: err = %v, want CONFLICT", err)
	}
	if _, err := s.Apply(ctx, edit(pos(stancegraph.Amends, "second"), ptrInt(1))); err != nil {
		t.Fatal(err)
	}
	got, _, err := s.FindPositions(ctx, stancegraph.PositionFilter{IDs: []string{"pos-curated-1"}})
	if err != nil || len(got) != 1 || got[0].Quote != "second" || got[0].Stance != stancegraph.Amends {
		t.Fatalf("after two edits: %+v, %v", got, err)
	}
	// A reload of the data leaves curated entities alone.
	MustLoad(t, s, d)
	if _, err := s.Apply(ctx, &stancegraph.Edit{Author: "key-test", At: "2026-11-26T00:00:01Z", Reason: "wrong", Retract: "pos-curated-1"}); err != nil {
		t.Fatal(err)
	}
	if ps, n, _ := s.FindPositions(ctx, stancegraph.PositionFilter{IDs: []string{"pos-curated-1"}}); n != 0 || len(ps) != 0 {
		t.Fatalf("a retracted position is still read: %+v", ps)
	}
	all, _, _ := s.FindPositions(ctx, stancegraph.PositionFilter{IDs: []string{"pos-curated-1"}, IncludeRetracted: true})
	if len(all) != 1 || all[0].Retracted == nil || all[0].Retracted.Reason != "wrong" || all[0].Retracted.By != "key-test" {
		t.Fatalf("includeRetracted: %+v; want the position with its retraction", all)
	}
	if _, err := s.Apply(ctx, &stancegraph.Edit{Retract: "pos-none", Author: "k", Reason: "x"}); stancegraph.ErrorCode(err) != stancegraph.ENOTFOUND {
		t.Fatalf("retracting an unknown position: %v, want NOT_FOUND", err)
	}
	hist, err := s.History(ctx, "pos-curated-1")
	if err != nil || len(hist) != 3 || hist[0].Version != 1 || hist[2].Version != 3 || hist[2].Action != "RETRACT" {
		t.Fatalf("history = %+v, %v; want versions 1, 2, 3 (retract)", hist, err)
	}
	if hist, err := s.History(ctx, "IRN"); err != nil || len(hist) != 0 {
		t.Fatalf("history of an unedited entity = %+v, %v; want none", hist, err)
	}
	testConcurrentEdits(t, s, src)
}

// testConcurrentEdits: many curators edit one actor at once, each
// expecting the version it read; every version is written exactly once and
// no acknowledged edit is lost from the history.
func testConcurrentEdits(t *testing.T, s stancegraph.Store, src string) {
	ctx := context.Background()
	const writers, rounds = 4, 3
	var wg sync.WaitGroup
	var mu sync.Mutex
	won := map[int]int{}
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for r := 0; r < rounds; r++ {
				hist, err := s.History(ctx, "microsoft")
				if err != nil {
					t.Error(err)
					return
				}
				a := &stancegraph.Actor{ID: "microsoft", Type: stancegraph.ActorOrganization, Name: "Microsoft", Kind: "INDUSTRY", Note: "edit"}
				rev, err := s.Apply(ctx, &stancegraph.Edit{Author: "w", At: "2026", Actor: a, ExpectedVersion: ptrInt(len(hist))})
				switch stancegraph.ErrorCode(err) {
				case "":
					mu.Lock()
					won[rev.Version]++
					mu.Unlock()
				case stancegraph.ECONFLICT:
				default:
					t.Errorf("concurrent edit: %v", err)
				}
			}
		}(w)
	}
	wg.Wait()
	hist, err := s.History(ctx, "microsoft")
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) == 0 || len(hist) != len(won) {
		t.Fatalf("history has %d versions, %d edits were acknowledged", len(hist), len(won))
	}
	for v, n := range won {
		if n != 1 {
			t.Fatalf("version %d was acknowledged %d times: a lost update", v, n)
		}
	}
	for i, h := range hist {
		if h.Version != i+1 {
			t.Fatalf("history versions %v are not 1..n", hist)
		}
	}
}
