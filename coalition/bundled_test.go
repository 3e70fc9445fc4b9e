package coalition_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/coalition"
	"github.com/stancegraph/stancegraph/storetest"
)

// bundledOptions maps corresponding articles of the drafts and the
// convention to one item.
func bundledOptions(d *stancegraph.Dataset) coalition.Options {
	return coalition.Options{ItemOf: coalition.ArticleItems(d.Articles), Seed: 1}
}

func TestBundled(t *testing.T) {
	d := storetest.Bundled(t)
	o := bundledOptions(d)
	blocs, q := coalition.Blocs(d.Positions, nil, o)
	if len(blocs) < 2 {
		t.Fatalf("got %d blocs, want at least 2", len(blocs))
	}
	if q <= 0 || q > 1 {
		t.Errorf("Q=%v, want in (0,1]", q)
	}
	members := 0
	for i, b := range blocs {
		if b.ID != i || len(b.Members) == 0 || b.Cohesion < 0 || b.Cohesion > 1 {
			t.Errorf("bloc %d: ID %d, %d members, cohesion %v", i, b.ID, len(b.Members), b.Cohesion)
		}
		members += len(b.Members)
	}
	if want := len(coalition.Profiles(d.Positions, o)); members != want {
		t.Errorf("blocs hold %d actors, want every actor with a stance: %d", members, want)
	}
	if again, q2 := coalition.Blocs(d.Positions, nil, o); !cmp.Equal(blocs, again) || q2 != q {
		t.Errorf("second run differs")
	}
	t.Logf("blocs: %d, modularity Q = %v", len(blocs), q)
	for _, b := range blocs[:min(len(blocs), 6)] {
		t.Logf("bloc %d: %d members, cohesion %v: %s", b.ID, len(b.Members), b.Cohesion, abbrev(b.Members, 12))
		for _, it := range b.Defining {
			t.Logf("    defining %s: mean %v, agreement %v, %d speakers", it.ID, it.Mean, it.Agreement, it.Speakers)
		}
	}

	contested := coalition.Contested(d.Positions, o)
	if len(contested) == 0 || contested[0].Score <= 0 {
		t.Fatalf("contested=%v, want a non-empty list with a positive top score", contested)
	}
	for i, c := range contested {
		if c.Entropy < 0 || c.Entropy > 1.585 || c.Speakers < 1 || (i > 0 && c.Score > contested[i-1].Score) {
			t.Errorf("contest %d out of range or order: %+v", i, c)
		}
	}
	for i, c := range contested[:min(10, len(contested))] {
		t.Logf("contested %2d: %-40s score %.3f entropy %.3f speakers %3d %v", i+1, c.Item, c.Score, c.Entropy, c.Speakers, c.Counts)
	}

	swings := coalition.Swings(d.Positions, blocs, o)
	for _, s := range swings[:min(5, len(swings))] {
		t.Logf("swing %s (bloc %d): split %v", s.Actor, s.Bloc, s.Split)
	}
	t.Logf("changes: %d", len(coalition.Changes(d.Positions, o)))
}

func abbrev(ids []string, n int) string {
	if len(ids) <= n {
		return strings.Join(ids, " ")
	}
	return strings.Join(ids[:n], " ") + fmt.Sprintf(" … (+%d)", len(ids)-n)
}

// synthetic returns about 700·f positions: 220·√f actors, each a member of
// one of 4 camps, and 32·√f items; each actor takes a stance on an item
// with probability 0.1, following its camp's line with probability 0.7 and
// picking any of four stances otherwise. Deterministic for a seed.
func synthetic(f float64, seed uint64) []*stancegraph.Position {
	rng := rand.New(rand.NewPCG(seed, 0))
	scale := math.Sqrt(f)
	actors, items := int(220*scale), int(32*scale)
	stances := []stancegraph.Stance{S, O, C, Ab}
	line := make([][]stancegraph.Stance, 4)
	for c := range line {
		line[c] = make([]stancegraph.Stance, items)
		for i := range line[c] {
			line[c][i] = stances[rng.IntN(2)] // camps take sides: for or against
		}
	}
	var ps []*stancegraph.Position
	for a := range actors {
		camp := a % 4
		for i := range items {
			if rng.Float64() >= 0.1 {
				continue
			}
			s := line[camp][i]
			if rng.Float64() >= 0.7 {
				s = stances[rng.IntN(len(stances))]
			}
			ps = append(ps, &stancegraph.Position{ID: fmt.Sprintf("p%d-%d", a, i), ActorID: fmt.Sprintf("a%05d", a),
				ArticleID: fmt.Sprintf("syn:%d", i), Stance: s, Kind: stancegraph.KindVote, Date: "2024-01-01"})
		}
	}
	return ps
}

func BenchmarkBlocs(b *testing.B) {
	d := storetest.Bundled(b)
	cases := []struct {
		name string
		ps   []*stancegraph.Position
		o    coalition.Options
	}{
		{"bundled", d.Positions, bundledOptions(d)},
		{"synthetic-1x", synthetic(1, 1), coalition.Options{}},
		{"synthetic-10x", synthetic(10, 1), coalition.Options{}},
		{"synthetic-100x", synthetic(100, 1), coalition.Options{}},
	}
	for _, c := range cases {
		actors := len(coalition.Profiles(c.ps, c.o))
		b.Run(fmt.Sprintf("%s/positions=%d/actors=%d", c.name, len(c.ps), actors), func(b *testing.B) {
			for b.Loop() {
				coalition.Blocs(c.ps, nil, c.o)
			}
		})
	}
}
