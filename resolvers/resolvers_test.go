package resolvers

import (
	"context"
	"testing"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/data"
	"github.com/stancegraph/stancegraph/loaders"
	"github.com/stancegraph/stancegraph/memstore"
)

// requestContext gives a resolver a request's dataloaders over a store that
// counts its calls.
func requestContext(t *testing.T) (*Resolver, context.Context, map[string]int) {
	t.Helper()
	s := memstore.New()
	if _, err := loaders.Load(context.Background(), s, data.FS); err != nil {
		t.Fatal(err)
	}
	calls := map[string]int{}
	counted := stancegraph.Counted(s, func(m string) { calls[m]++ })
	ctx := context.WithValue(context.Background(), dataloadersKey{}, NewDataloaders(counted))
	return &Resolver{Store: counted}, ctx, calls
}

// TestFindNodesByKind: an id is looked up as each kind in turn, actors
// first, each kind once for the ids no earlier kind had; ids no kind has
// are found as nothing.
func TestFindNodesByKind(t *testing.T) {
	r, ctx, calls := requestContext(t)
	ids := []string{"IRN", "uncc:6", "pos-seed-01", "uncc", "scope", "nothing-here", "IRN"}
	got, err := r.findNodes(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"IRN": "State", "uncc:6": "Article", "pos-seed-01": "Position", "uncc": "Instrument", "scope": "Topic"}
	for id, kind := range want {
		n := got[id]
		if n == nil {
			t.Errorf("%s: not found", id)
			continue
		}
		if k := nodeKind(n); k != kind {
			t.Errorf("%s: found as %s, want %s", id, k, kind)
		}
	}
	if n, ok := got["nothing-here"]; !ok || n != nil {
		t.Errorf("nothing-here: %v, %v (want found as nothing)", n, ok)
	}
	// One call per kind at most: seven kinds (six through Lookup, then
	// FindPositions), whatever the number of ids.
	total := 0
	for m, n := range calls {
		if limit := map[string]int{"Lookup": 6}[m]; n != max(limit, 1) {
			t.Errorf("%s called %d times", m, n)
		}
		total += n
	}
	if total > 7 {
		t.Errorf("%d store calls for %d ids", total, len(ids))
	}
	// The loaders are primed: asking for a found actor again calls nothing.
	before := total
	if a, err := r.dataloaders(ctx).actors.Load(ctx, "IRN"); err != nil || a == nil {
		t.Fatalf("IRN from the loader: %v, %v", a, err)
	}
	after := 0
	for _, n := range calls {
		after += n
	}
	if after != before {
		t.Errorf("the found actor was fetched again (%d calls, was %d)", after, before)
	}
}

func nodeKind(n stancegraph.Node) string {
	switch n.(type) {
	case *stancegraph.State:
		return "State"
	case *stancegraph.Article:
		return "Article"
	case *stancegraph.Position:
		return "Position"
	case *stancegraph.Instrument:
		return "Instrument"
	case *stancegraph.Topic:
		return "Topic"
	}
	return "other"
}

// TestTextRecordsOncePerRequest: instruments' votes and status tables come
// from one store call per request, grouped by instrument.
func TestTextRecordsOncePerRequest(t *testing.T) {
	r, ctx, calls := requestContext(t)
	for range 3 {
		set, err := r.textRecords(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(set.votes["unga-74-247"]) == 0 || len(set.statuses["budapest"]) == 0 {
			t.Fatalf("votes of 74/247: %d, Budapest statuses: %d", len(set.votes["unga-74-247"]), len(set.statuses["budapest"]))
		}
		for _, v := range set.votes["unga-74-247"] {
			if v.InstrumentID != "unga-74-247" {
				t.Fatalf("a vote of %s filed under unga-74-247", v.InstrumentID)
			}
		}
	}
	if calls["FindTextRecords"] != 1 {
		t.Errorf("FindTextRecords called %d times for three asks", calls["FindTextRecords"])
	}
}
