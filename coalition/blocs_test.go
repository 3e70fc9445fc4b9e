package coalition_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/coalition"
)

// cliques returns two camps of three: X1-X3 support item01-item04, Y1-Y3
// oppose them, and all six support the next common items. Within a camp
// A = 1; across camps 4 of 4+common items are opposite:
// A = 1 - 4/(4+common).
func cliques(common int) []*stancegraph.Position {
	var ps []*stancegraph.Position
	for _, a := range []string{"X1", "X2", "X3", "Y1", "Y2", "Y3"} {
		s := S
		if a[0] == 'Y' {
			s = O
		}
		ps = append(ps, stances(a, s, s, s, s)...)
		for i := range common {
			item := fmt.Sprintf("item%02d", 5+i)
			ps = append(ps, pos(a+"-"+item, a, item, S, "2024"))
		}
	}
	return ps
}

// stances returns actor's stances on item01, item02, …; "" skips an item.
func stances(actor string, ss ...stancegraph.Stance) []*stancegraph.Position {
	var ps []*stancegraph.Position
	for i, s := range ss {
		if s != "" {
			item := fmt.Sprintf("item%02d", i+1)
			ps = append(ps, pos(actor+"-"+item, actor, item, s, "2024"))
		}
	}
	return ps
}

func TestBlocs(t *testing.T) {
	// 6 common items: A = 1 within a camp, 1 - 4/10 = 0.6 across, so every
	// pair is an edge and Louvain must still part the camps.
	blocs, q := coalition.Blocs(cliques(6), nil, coalition.Options{Seed: 7})
	// Q = 1/2m Σ_c [Σ_{ij∈c} A_ij - (Σ_{i∈c} k_i)²/2m]. Each node: k = 2·1 + 3·0.6
	// = 3.8, 2m = 6·3.8 = 22.8. Per camp Σ A_ij = 6 and (3·3.8)²/22.8 = 5.7,
	// so Q = 2·(6 - 5.7)/22.8 = 0.026315789 (one bloc of all six: Q = 0).
	if got, want := q, 0.026315789; got != want {
		t.Errorf("Q=%v, want %v", got, want)
	}
	defining := func(v float64) []coalition.Item { // 10 items at agreement 1: first 5 by ID
		out := make([]coalition.Item, 5)
		for i := range out {
			out[i] = coalition.Item{ID: fmt.Sprintf("item%02d", i+1), Mean: v, Agreement: 1, Speakers: 3}
		}
		out[4].Mean = 1 // both camps support item05
		return out
	}
	want := []coalition.Bloc{ // equal size: ordered by first member
		{ID: 0, Members: []string{"X1", "X2", "X3"}, Cohesion: 1, Defining: defining(1)},
		{ID: 1, Members: []string{"Y1", "Y2", "Y3"}, Cohesion: 1, Defining: defining(-1)},
	}
	if diff := cmp.Diff(want, blocs); diff != "" {
		t.Fatalf("Blocs (-want +got):\n%s", diff)
	}
	t.Run("Deterministic", func(t *testing.T) {
		ps := append(cliques(6), swing(6)...)
		first, q0 := coalition.Blocs(ps, nil, coalition.Options{Seed: 42})
		for range 5 {
			got, q := coalition.Blocs(ps, nil, coalition.Options{Seed: 42})
			if diff := cmp.Diff(first, got); diff != "" || q != q0 {
				t.Fatalf("run differs (Q %v vs %v):\n%s", q, q0, diff)
			}
		}
	})
}

func TestBlocs_EdgeCases(t *testing.T) {
	t.Run("Disjoint", func(t *testing.T) {
		// 1 common item: A = 0.2 across, below the 0.5 cut, so the camps share
		// no edge. Q = 2·(6 - 6²/12)/12 = 0.5; cohesion counts Defined pairs only.
		blocs, q := coalition.Blocs(cliques(1), nil, coalition.Options{})
		if len(blocs) != 2 || q != 0.5 || blocs[0].Cohesion != 1 {
			t.Fatalf("got %+v, Q=%v; want 2 blocs, Q 0.5, cohesion 1", blocs, q)
		}
	})
	t.Run("Subset", func(t *testing.T) {
		// Only the given actors; X1 has no edge to Y1 or Y2, Z no position:
		// blocs of their own, after the larger one.
		blocs, _ := coalition.Blocs(cliques(1), []string{"Y2", "X1", "Z", "Y1"}, coalition.Options{})
		var got [][]string
		for _, b := range blocs {
			got = append(got, b.Members)
		}
		if want := [][]string{{"Y1", "Y2"}, {"X1"}, {"Z"}}; !cmp.Equal(got, want) {
			t.Fatalf("members=%v, want %v", got, want)
		}
	})
	t.Run("Empty", func(t *testing.T) {
		if blocs, q := coalition.Blocs(nil, nil, coalition.Options{}); blocs != nil || q != 0 {
			t.Fatalf("got %v, %v; want nil, 0", blocs, q)
		}
		// No edges at all: one bloc per actor, Q = 0.
		if blocs, q := coalition.Blocs(nil, []string{"B", "A"}, coalition.Options{}); len(blocs) != 2 || q != 0 {
			t.Fatalf("got %v, %v; want 2 singletons, 0", blocs, q)
		}
	})
}

// swing supports item01 and item02, opposes item03 and item04, and supports
// the common items: against either camp it is opposite on 2 of 4+common.
func swing(common int) []*stancegraph.Position {
	ps := stances("W", S, S, O, O)
	for i := range common {
		item := fmt.Sprintf("item%02d", 5+i)
		ps = append(ps, pos("W-"+item, "W", item, S, "2024"))
	}
	return ps
}

func TestSwings(t *testing.T) {
	// 1 common item: W-X = W-Y = 1 - 2/5 = 0.6 (edges); X-Y = 0.2 (no edge).
	ps := append(cliques(1), swing(1)...)
	o := coalition.Options{Seed: 1}
	blocs, _ := coalition.Blocs(ps, nil, o)
	if len(blocs) != 2 {
		t.Fatalf("got %d blocs, want 2: %+v", len(blocs), blocs)
	}
	swings := coalition.Swings(ps, blocs, o)
	if len(swings) != 7 {
		t.Fatalf("got %d swings, want 7", len(swings))
	}
	// W: own 0.6, out 0.6: Split = 0.6/(0.6+0.6) = 0.5.
	if got := swings[0]; got.Actor != "W" || got.Split != 0.5 || got.ByBloc[0] != 0.6 || got.ByBloc[1] != 0.6 {
		t.Fatalf("top swing=%+v, want W with split 0.5, 0.6 to each bloc", got)
	}
	// A member of W's bloc: own = (1+1+0.6)/3 = 0.866666667, out 0.2:
	// Split = 0.2/1.066666667 = 0.1875. One of the other camp: own 1, out
	// mean(0.2, 0.2, 0.2, 0.6) = 0.3: Split = 0.3/1.3 = 0.230769231.
	for _, s := range swings[1:] {
		if want := map[bool]float64{true: 0.1875, false: 0.230769231}[s.Bloc == swings[0].Bloc]; s.Split != want {
			t.Errorf("%s split=%v, want %v", s.Actor, s.Split, want)
		}
	}
}

func TestChanges(t *testing.T) {
	ps := []*stancegraph.Position{
		pos("k4", "K", "x:1", C, "2024-07"),
		pos("k1", "K", "x:1", O, "2023-01-01"),
		pos("k3", "K", "x:1", Ret, "2024-06-01"), // same polarity as SUPPORTS: no change
		pos("k2", "K", "x:1", S, "2024-01-01"),
		pos("k5", "K", "x:1", Ab, ""),          // undated: skipped
		pos("k6", "K", "x:1", Abs, "2024-08"),  // absent: skipped
		pos("k7", "L", "x:1", S, "2024-01-01"), // another actor: its own history
		pos("d1", "M", "d:17", O, "2023-08-01"),
		pos("d2", "M", "uncc:4", S, "2024-08-08"), // another version of the same article
	}
	want := []coalition.Change{
		{Actor: "K", Item: "x:1", From: O, To: S, FromPosition: "k1", ToPosition: "k2", FromDate: "2023-01-01", ToDate: "2024-01-01"},
		{Actor: "K", Item: "x:1", From: Ret, To: C, FromPosition: "k3", ToPosition: "k4", FromDate: "2024-06-01", ToDate: "2024-07"},
	}
	if diff := cmp.Diff(want, coalition.Changes(ps, coalition.Options{})); diff != "" {
		t.Fatalf("Changes (-want +got):\n%s", diff)
	}
	if got := coalition.Changes(ps, coalition.Options{AsOf: "2024-06"}); len(got) != 1 {
		t.Fatalf("Changes as of 2024-06=%+v, want only k1→k2", got)
	}
	o := coalition.Options{ItemOf: coalition.ArticleItems([]*stancegraph.Article{
		{ID: "d:17", CorrespondsTo: []string{"uncc:4"}}, {ID: "uncc:4", Status: stancegraph.StatusAdopted}})}
	got := coalition.Changes(ps, o)
	if len(got) != 3 || got[2].Actor != "M" || got[2].Item != "uncc:4" || got[2].FromPosition != "d1" || got[2].ToPosition != "d2" {
		t.Fatalf("Changes across versions=%+v, want M d1→d2 on uncc:4", got)
	}
}

// bridge returns the two camps, sharing no edge, and Z, which supports
// item01 and item02 and opposes item03 and item04: A = 0.5 with everyone.
func bridge() []*stancegraph.Position {
	return append(cliques(0), stances("Z", S, S, O, O)...)
}

func TestCentrality(t *testing.T) {
	ps := bridge()
	got := coalition.Centrality(ps, nil, coalition.Options{})
	// Every X-Y shortest path is X→Z→Y (distance 2·(0.5+1/1024)); no other
	// node lies on a shortest path. Z carries 3·3 pairs in both directions
	// = 18 of (n-1)(n-2) = 6·5 = 30: 0.6.
	if got[0].Actor != "Z" || got[0].Betweenness != 0.6 {
		t.Fatalf("top=%+v, want Z with betweenness 0.6", got[0])
	}
	for _, s := range got[1:] {
		if s.Betweenness != 0 || s.PageRank >= got[0].PageRank {
			t.Errorf("%+v: want betweenness 0 and PageRank below Z's", s)
		}
	}
	// Our deterministic PageRank agrees with gonum's (random start) within
	// its tolerance.
	g := simple.NewWeightedDirectedGraph(0, 0)
	ids := []string{"X1", "X2", "X3", "Y1", "Y2", "Y3", "Z"}
	for i, a := range ids {
		for j, b := range ids {
			if p := coalition.Agreement(ps, a, b, coalition.Options{}); i != j && p.Score > 0 {
				g.SetWeightedEdge(simple.WeightedEdge{F: simple.Node(i), T: simple.Node(j), W: p.Score})
			}
		}
	}
	ref := network.PageRank(g, 0.85, 1e-12)
	var sum float64
	for _, s := range got {
		sum += s.PageRank
		for i, id := range ids {
			if id == s.Actor && math.Abs(ref[int64(i)]-s.PageRank) > 1e-8 {
				t.Errorf("%s PageRank=%v, gonum %v", id, s.PageRank, ref[int64(i)])
			}
		}
	}
	if math.Abs(sum-1) > 1e-8 {
		t.Errorf("PageRank sums to %v, want 1", sum)
	}
	// No pairs: PageRank uniform, betweenness 0; no actors: nothing.
	if got := coalition.Centrality(nil, []string{"B", "A"}, coalition.Options{}); len(got) != 2 || got[0].Actor != "A" || got[0].PageRank != 0.5 {
		t.Errorf("isolated=%+v, want A and B at 0.5", got)
	}
	if got := coalition.Centrality(nil, nil, coalition.Options{}); len(got) != 0 {
		t.Errorf("empty=%+v", got)
	}
}
