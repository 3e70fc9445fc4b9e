// Package storetest is the conformance suite every stancegraph.Store must
// pass. Expected answers are computed from the dataset itself by a plain
// reference implementation (oracle.go), never by another backend, so the
// suite can fail on either.
package storetest

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/data"
	"github.com/stancegraph/stancegraph/loaders"
)

// NewStore returns an empty store; it is called once per subtest.
type NewStore func(t *testing.T) stancegraph.Store

// Bundled returns the bundled dataset, failing the test if it is invalid.
func Bundled(tb testing.TB) *stancegraph.Dataset {
	tb.Helper()
	d, _, err := loaders.Read(data.FS)
	if err != nil {
		tb.Fatalf("bundled data: %v", err)
	}
	return d
}

// MustLoad loads d into s.
func MustLoad(tb testing.TB, s stancegraph.Store, d *stancegraph.Dataset) {
	tb.Helper()
	if err := s.Load(context.Background(), d); err != nil {
		tb.Fatalf("Load: %v", err)
	}
}

// Run runs the whole suite.
func Run(t *testing.T, newStore NewStore) {
	t.Run("Empty", func(t *testing.T) { testEmpty(t, newStore(t)) })
	t.Run("Load", func(t *testing.T) { testLoad(t, newStore) })
	t.Run("Actors", func(t *testing.T) { testActors(t, loaded(t, newStore)) })
	t.Run("Texts", func(t *testing.T) { testTexts(t, loaded(t, newStore)) })
	t.Run("Positions", func(t *testing.T) { testPositions(t, loaded(t, newStore)) })
	t.Run("Batches", func(t *testing.T) { testBatches(t, loaded(t, newStore)) })
	t.Run("Search", func(t *testing.T) { testSearch(t, loaded(t, newStore)) })
	t.Run("Dump", func(t *testing.T) { testDump(t, newStore) })
	t.Run("Curation", func(t *testing.T) { testCuration(t, newStore) })
	t.Run("IssueCuration", func(t *testing.T) { testIssueCuration(t, newStore) })
}

// fixture is a store loaded with the bundled data, and the data.
type fixture struct {
	s stancegraph.Store
	d *stancegraph.Dataset
	o *oracle
}

func loaded(t *testing.T, newStore NewStore) *fixture {
	t.Helper()
	s, d := newStore(t), Bundled(t)
	MustLoad(t, s, d)
	return &fixture{s: s, d: d, o: newOracle(d)}
}

// diff compares whole answers; empty and nil slices are the same answer.
func diff(want, got any) string {
	return cmp.Diff(want, got, cmpopts.EquateEmpty())
}

func testEmpty(t *testing.T, s stancegraph.Store) {
	ctx := context.Background()
	if _, err := s.Release(ctx); stancegraph.ErrorCode(err) != stancegraph.ENOTFOUND {
		t.Fatalf("Release on an empty store: err=%v, want code %s", err, stancegraph.ENOTFOUND)
	}
	ps, n, err := s.FindPositions(ctx, stancegraph.PositionFilter{})
	if err != nil || n != 0 || len(ps) != 0 {
		t.Fatalf("FindPositions on an empty store = %d, %d, %v; want none", len(ps), n, err)
	}
	as, err := stancegraph.Get(s).Actors(ctx, []string{"IRN"})
	if err != nil || len(as) != 1 || as[0] != nil {
		t.Fatalf("ActorsByIDs on an empty store = %v, %v; want [nil]", as, err)
	}
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("Ping: %v", err)
	}
}

// testLoad checks that a load is idempotent and that the release is kept.
func testLoad(t *testing.T, newStore NewStore) {
	ctx := context.Background()
	s, d := newStore(t), Bundled(t)
	MustLoad(t, s, d)
	first, n1, err := s.FindPositions(ctx, stancegraph.PositionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	MustLoad(t, s, d)
	second, n2, err := s.FindPositions(ctx, stancegraph.PositionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if n1 != len(d.Positions) || n2 != n1 {
		t.Fatalf("positions after one load: %d, after two: %d; want %d both times", n1, n2, len(d.Positions))
	}
	if df := diff(first, second); df != "" {
		t.Fatalf("a second load changed the positions (-first +second):\n%s", df)
	}
	r, err := s.Release(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if df := diff(&d.Release, r); df != "" {
		t.Fatalf("Release (-want +got):\n%s", df)
	}
	as, n, err := s.FindActors(ctx, stancegraph.ActorFilter{})
	if err != nil || n != len(d.Actors) || len(as) != n {
		t.Fatalf("FindActors after two loads = %d (total %d), %v; want %d", len(as), n, err, len(d.Actors))
	}
}
