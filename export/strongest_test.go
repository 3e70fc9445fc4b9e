package export_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stancegraph/stancegraph/coalition"
	"github.com/stancegraph/stancegraph/export"
)

// TestStrongest works the selection out by hand: ordered by score, then
// overlap, then id, a pair is kept while one of its actors has fewer than k.
func TestStrongest(t *testing.T) {
	pairs := []coalition.Pair{
		{A: "C", B: "D", Score: 0.6, Overlap: 2},
		{A: "A", B: "B", Score: 0.9, Overlap: 2},
		{A: "B", B: "C", Score: 0.7, Overlap: 2},
		{A: "B", B: "D", Score: 0.9, Overlap: 2}, // ties A-B: after it by id
		{A: "A", B: "D", Score: 0.8, Overlap: 2},
		{A: "A", B: "C", Score: 0.9, Overlap: 3}, // ties A-B's score: first by overlap
	}
	for _, tc := range []struct {
		k    int
		want []string
	}{
		// A-C (A1 C1), A-B (B0), B-D (D0); A-D, B-C and C-D find both ends full.
		{1, []string{"A-C", "A-B", "B-D"}},
		// A-C, A-B, B-D, A-D (D1), B-C (C1); C-D: C and D have 2.
		{2, []string{"A-C", "A-B", "B-D", "A-D", "B-C"}},
		{3, []string{"A-C", "A-B", "B-D", "A-D", "B-C", "C-D"}},
	} {
		got := export.Strongest(pairs, tc.k)
		var ids []string
		for _, p := range got {
			ids = append(ids, p.A+"-"+p.B)
		}
		if diff := cmp.Diff(tc.want, ids); diff != "" {
			t.Errorf("k=%d (-want +got):\n%s", tc.k, diff)
		}
		if again := export.Strongest(got, tc.k); !cmp.Equal(again, got) {
			t.Errorf("k=%d: the selection applied to its own result keeps %v of %v", tc.k, again, got)
		}
	}
}

// TestBuild_EdgesPerActor: the capped graph keeps Strongest's edges of the
// whole graph, the same nodes, and each actor's count of agreements.
func TestBuild_EdgesPerActor(t *testing.T) {
	all := MustBuild(t, export.Options{Agreement: true})
	capped := MustBuild(t, export.Options{Agreement: true, EdgesPerActor: 4})
	var pairs []coalition.Pair
	degree := map[string]int{}
	for _, e := range all.Edges {
		if e.Type == export.EdgeAgreement {
			pairs = append(pairs, coalition.Pair{A: e.Source[len("actor:"):], B: e.Target[len("actor:"):], Score: e.Weight, Overlap: e.Overlap})
			degree[e.Source]++
			degree[e.Target]++
		}
	}
	want := map[string]bool{}
	for _, p := range export.Strongest(pairs, 4) {
		want["agreement:"+p.A+":"+p.B] = true
	}
	placed := map[string]bool{}
	got := 0
	for _, e := range capped.Edges {
		if e.Type != export.EdgeAgreement {
			continue
		}
		got++
		placed[e.Source], placed[e.Target] = true, true
		if !want[e.ID] {
			t.Fatalf("%s is kept, but is not among the strongest", e.ID)
		}
	}
	if got != len(want) || got >= len(pairs) {
		t.Fatalf("%d agreement edges kept, want %d of %d", got, len(want), len(pairs))
	}
	if len(capped.Nodes) != len(all.Nodes) {
		t.Fatalf("%d nodes capped, %d in all", len(capped.Nodes), len(all.Nodes))
	}
	for i, n := range capped.Nodes {
		if n.ID != all.Nodes[i].ID || n.Agreements != degree[n.ID] || all.Nodes[i].Agreements != degree[n.ID] {
			t.Fatalf("%s counts %d agreements (%d uncapped), has %d", n.ID, n.Agreements, all.Nodes[i].Agreements, degree[n.ID])
		}
		if degree[n.ID] > 0 && !placed[n.ID] {
			t.Fatalf("%s agrees with %d actors but keeps no edge", n.ID, degree[n.ID])
		}
	}
	t.Logf("%d of %d agreement edges kept", got, len(pairs))
}
