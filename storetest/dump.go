package storetest

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/loaders"
)

// SameGraph compares two datasets as graphs: entity order does not matter.
func SameGraph(want, got *stancegraph.Dataset) string {
	return cmp.Diff(want, got, cmpopts.EquateEmpty(),
		cmpopts.SortSlices(func(a, b *stancegraph.Actor) bool { return a.ID < b.ID }),
		cmpopts.SortSlices(func(a, b *stancegraph.Position) bool { return a.ID < b.ID }),
		cmpopts.SortSlices(func(a, b *stancegraph.Article) bool { return a.ID < b.ID }),
		cmpopts.SortSlices(func(a, b *stancegraph.Source) bool { return a.ID < b.ID }),
		cmpopts.SortSlices(func(a, b *stancegraph.Instrument) bool { return a.ID < b.ID }),
		cmpopts.SortSlices(func(a, b *stancegraph.Session) bool { return a.ID < b.ID }),
		cmpopts.SortSlices(func(a, b *stancegraph.Topic) bool { return a.ID < b.ID }),
		cmpopts.SortSlices(func(a, b *stancegraph.Issue) bool { return a.ID < b.ID }),
		cmpopts.SortSlices(func(a, b *stancegraph.Membership) bool {
			return a.MemberID+a.GroupID+a.From < b.MemberID+b.GroupID+b.From
		}))
}

// testDump: dump(load(d)) is d, and load(dump) into an empty store gives
// the same graph again.
func testDump(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s, d := newStore(t), Bundled(t)
	MustLoad(t, s, d)
	got, err := loaders.Dump(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	if diff := SameGraph(d, got); diff != "" {
		t.Fatalf("dump(load(data)) differs (-want +got):\n%s", diff)
	}
	s2 := newStore(t)
	MustLoad(t, s2, got)
	again, err := loaders.Dump(ctx, s2)
	if err != nil {
		t.Fatal(err)
	}
	if diff := SameGraph(d, again); diff != "" {
		t.Fatalf("load(dump(graph)) differs (-want +got):\n%s", diff)
	}
}
