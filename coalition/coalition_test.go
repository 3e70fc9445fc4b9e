package coalition_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/coalition"
)

// Stance shorthands.
const (
	S   = stancegraph.Supports
	O   = stancegraph.Opposes
	C   = stancegraph.Conditional
	Ab  = stancegraph.Abstains
	Abs = stancegraph.Absent
	Del = stancegraph.Deletes
	Ret = stancegraph.Retains
)

// pos is a statement by actor on article item.
func pos(id, actor, item string, s stancegraph.Stance, date string) *stancegraph.Position {
	return &stancegraph.Position{ID: id, Kind: stancegraph.KindStatement, ActorID: actor, ArticleID: item, Stance: s, Date: date}
}

// four is the hand-worked example: 4 actors, 3 items, all dated 2024-01-15.
//
//	     i1  i2    i3
//	A    S   S     ABSENT (ignored)
//	B    S   S     ABSTAINS
//	C    O   -     O
//	D    -   ABST  -
//
// Stance values: S=+1, O=-1, ABSTAINS=0 (CONDITIONAL and AMENDS count
// only where they name an issue's alternative). A(a,b) = 1 - mean|Δ|/2:
//
//	A-B over {i1,i2}: Δ 0,0                → 1,     overlap 2
//	A-C over {i1}:    |1-(-1)|/2 = 1       → 0,     overlap 1
//	A-D over {i2}:    |1-0|/2 = 0.5        → 0.5,   overlap 1
//	B-C over {i1,i3}: (1 + |0-(-1)|/2)/2   → 0.25,  overlap 2
//	B-D over {i2}:    0.5                  → 0.5,   overlap 1
//	C-D over {}:                           → undefined, overlap 0
func four() []*stancegraph.Position {
	const d = "2024-01-15"
	return []*stancegraph.Position{
		pos("p01", "A", "i1", S, d), pos("p02", "A", "i2", S, d), pos("p03", "A", "i3", Abs, d),
		pos("p04", "B", "i1", S, d), pos("p05", "B", "i2", S, d), pos("p06", "B", "i3", Ab, d),
		pos("p07", "C", "i1", O, d), pos("p08", "C", "i3", O, d),
		pos("p09", "D", "i2", Ab, d),
	}
}

func TestAgreement(t *testing.T) {
	ps := four()
	for _, tt := range []struct {
		a, b string
		want coalition.Pair
	}{
		{"A", "B", coalition.Pair{A: "A", B: "B", Score: 1, Overlap: 2, Defined: true}},
		{"A", "C", coalition.Pair{A: "A", B: "C", Score: 0, Overlap: 1, Defined: true}},
		{"A", "D", coalition.Pair{A: "A", B: "D", Score: 0.5, Overlap: 1, Defined: true}},
		{"B", "C", coalition.Pair{A: "B", B: "C", Score: 0.25, Overlap: 2, Defined: true}},
		{"C", "D", coalition.Pair{A: "C", B: "D", Score: 0, Overlap: 0, Defined: false}},
		{"A", "nobody", coalition.Pair{A: "A", B: "nobody"}},
	} {
		t.Run(tt.a+tt.b, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, coalition.Agreement(ps, tt.a, tt.b, coalition.Options{})); diff != "" {
				t.Fatalf("Agreement (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("MinOverlap", func(t *testing.T) {
		// A-D rests on one item: undefined, reported as 0, at MinOverlap 2.
		got := coalition.Agreement(ps, "A", "D", coalition.Options{MinOverlap: 2})
		if want := (coalition.Pair{A: "A", B: "D", Overlap: 1}); got != want {
			t.Fatalf("got %+v, want %+v", got, want)
		}
	})
}

func TestMatrix(t *testing.T) {
	want := []coalition.Pair{ // a<b, ordered by A then B; undefined pairs kept
		{A: "A", B: "B", Score: 1, Overlap: 2, Defined: true},
		{A: "A", B: "C", Score: 0, Overlap: 1, Defined: true},
		{A: "A", B: "D", Score: 0.5, Overlap: 1, Defined: true},
		{A: "B", B: "C", Score: 0.25, Overlap: 2, Defined: true},
		{A: "B", B: "D", Score: 0.5, Overlap: 1, Defined: true},
		{A: "C", B: "D", Overlap: 0},
	}
	if diff := cmp.Diff(want, coalition.Matrix(four(), nil, coalition.Options{})); diff != "" {
		t.Fatalf("Matrix(nil) (-want +got):\n%s", diff)
	}
	// Unsorted, duplicated input comes out sorted and deduplicated.
	got := coalition.Matrix(four(), []string{"D", "B", "D"}, coalition.Options{})
	if diff := cmp.Diff(want[4:5], got); diff != "" {
		t.Fatalf("Matrix(D,B,D) (-want +got):\n%s", diff)
	}
}

func TestNearest(t *testing.T) {
	// A's Defined pairs: B 1 (overlap 2), D 0.5, C 0.
	near, far := coalition.Nearest(four(), "A", coalition.Options{}, 2)
	if got, want := names(near), "B D"; got != want {
		t.Fatalf("nearest=%q, want %q", got, want)
	}
	if got, want := names(far), "C D"; got != want {
		t.Fatalf("farthest=%q, want %q", got, want)
	}
	// C's pairs: A 0 (overlap 1), B 0.25 (overlap 2); D is undefined and left out.
	near, _ = coalition.Nearest(four(), "C", coalition.Options{}, 0)
	if got, want := names(near), "B A"; got != want {
		t.Fatalf("nearest(C)=%q, want %q", got, want)
	}
	// Ties on score break by overlap, then ID. Actor "9" supports i2 only:
	// B-9 = 1 over 1 item, B-A = 1 over 2, so A comes first although "9" < "A".
	// B-D = 0.5, B-C = 0.25.
	ps := append(four(), pos("p20", "9", "i2", S, "2024"))
	near, _ = coalition.Nearest(ps, "B", coalition.Options{}, 0)
	if got, want := names(near), "A 9 D C"; got != want {
		t.Fatalf("nearest(B)=%q, want %q", got, want)
	}
}

func names(ps []coalition.Pair) string {
	s := ""
	for i, p := range ps {
		if i > 0 {
			s += " "
		}
		s += p.B
	}
	return s
}

func TestLatestWins(t *testing.T) {
	ps := append(four(),
		pos("p10", "C", "i1", S, "2023-12-31"), // earlier than C's OPPOSES: ignored
		pos("p11", "A", "i2", O, "2024-01-15"), // same date as p02, higher ID: wins
		pos("p00", "A", "i1", O, "2024-01-15"), // same date as p01, lower ID: loses
		pos("p12", "B", "i1", Abs, "2025"),     // ABSENT is dropped before picking the latest
	)
	// A: i1 S (p01 beats p00), i2 O (p11 beats p02). A-C over {i1}: still 0.
	// A-B over {i1,i2}: |1-1|/2 + |-1-1|/2 = 1 → 1 - 1/2 = 0.5.
	if got := coalition.Agreement(ps, "A", "C", coalition.Options{}); got.Score != 0 || got.Overlap != 1 {
		t.Fatalf("A-C=%+v, want score 0 overlap 1", got)
	}
	if got := coalition.Agreement(ps, "A", "B", coalition.Options{}); got.Score != 0.5 || got.Overlap != 2 {
		t.Fatalf("A-B=%+v, want score 0.5 overlap 2", got)
	}
	prof := coalition.Profiles(ps, coalition.Options{})
	want := map[string]float64{"i1": 1, "i2": -1} // i3 ABSENT: no stance
	if diff := cmp.Diff(want, prof["A"]); diff != "" {
		t.Fatalf("Profiles[A] (-want +got):\n%s", diff)
	}
}

func TestAsOf(t *testing.T) {
	// C changes to SUPPORTS i1 on 2024-06-01, and an undated D position opposes i1.
	ps := append(four(), pos("p10", "C", "i1", S, "2024-06-01"), pos("p11", "D", "i1", O, ""))
	for _, tt := range []struct {
		name string
		o    coalition.Options
		ac   float64 // A-C: 0 while C opposes i1, 1 once it supports it
		ad   int     // A-D overlap: 2 when the undated position counts
	}{
		{"All", coalition.Options{}, 1, 2},
		{"Before", coalition.Options{AsOf: "2024-05-31"}, 0, 1},
		{"Month", coalition.Options{AsOf: "2024-05"}, 0, 1},
		{"SameMonth", coalition.Options{AsOf: "2024-06"}, 1, 1}, // "2024-06-01" within to="2024-06"
		{"Day", coalition.Options{AsOf: "2024-06-01"}, 1, 1},
		{"KeepUndated", coalition.Options{AsOf: "2024", AsOfKeepUndated: true}, 1, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := coalition.Agreement(ps, "A", "C", tt.o).Score; got != tt.ac {
				t.Fatalf("A-C=%v, want %v", got, tt.ac)
			}
			if got := coalition.Agreement(ps, "A", "D", tt.o).Overlap; got != tt.ad {
				t.Fatalf("A-D overlap=%v, want %v", got, tt.ad)
			}
		})
	}
	// Before 2024-01-15 nobody has a stance.
	if got := coalition.Matrix(ps, nil, coalition.Options{AsOf: "2024-01-14"}); len(got) != 0 {
		t.Fatalf("Matrix before any position=%v, want empty", got)
	}
}

func TestItems(t *testing.T) {
	vote := &stancegraph.Position{Kind: stancegraph.KindVote, InstrumentID: "unga-74-247", Topics: []string{"t"}}
	topic := &stancegraph.Position{Topics: []string{"need-for-treaty", "other"}}
	for p, want := range map[*stancegraph.Position]string{
		{ArticleID: "uncc:4", InstrumentID: "uncc"}: "uncc:4",
		vote:                         "instrument:unga-74-247:VOTE",
		topic:                        "topic:need-for-treaty",
		{Kind: stancegraph.KindVote}: "",
	} {
		if got := coalition.DefaultItem(p); got != want {
			t.Errorf("DefaultItem(%+v)=%q, want %q", p, got, want)
		}
	}
	// d1:17 ↔ d2:17 ↔ uncc:4 (adopted) form one class; d1:5 ↔ d2:5 another, none adopted.
	arts := []*stancegraph.Article{
		{ID: "d2:17", CorrespondsTo: []string{"uncc:4", "d1:17"}},
		{ID: "uncc:4", Status: stancegraph.StatusAdopted},
		{ID: "d1:17", CorrespondsTo: []string{"d2:17"}},
		{ID: "d2:5", CorrespondsTo: []string{"d1:5"}},
	}
	itemOf := coalition.ArticleItems(arts)
	for art, want := range map[string]string{"d1:17": "uncc:4", "d2:17": "uncc:4", "uncc:4": "uncc:4", "d2:5": "d1:5", "d1:5": "d1:5", "x:1": "x:1"} {
		if got := itemOf(&stancegraph.Position{ArticleID: art}); got != want {
			t.Errorf("ArticleItems(%s)=%q, want %q", art, got, want)
		}
	}
	if got, want := coalition.IDs([]*stancegraph.Actor{{ID: "b"}, nil, {ID: "a"}, {ID: "b"}}), []string{"a", "b"}; !cmp.Equal(got, want) {
		t.Errorf("IDs=%v, want %v", got, want)
	}
}

func TestContested(t *testing.T) {
	const d = "2024"
	ps := []*stancegraph.Position{
		// even: 2 for, 2 against (T absent, ignored) → H = 1 bit, score 1*log2(1+4) = log2 5.
		pos("e1", "P", "even", S, d), pos("e2", "Q", "even", S, d), pos("e3", "R", "even", O, d),
		pos("e4", "S", "even", Del, d), pos("e5", "T", "even", Abs, d),
		// unan: 4 for → H = 0, score 0.
		pos("u1", "P", "unan", S, d), pos("u2", "Q", "unan", S, d), pos("u3", "R", "unan", Ret, d),
		pos("u4", "S", "unan", S, d),
		// three: one for, one against, one middle → H = log2 3, score log2 3 * log2 4 = 2 log2 3.
		pos("t1", "P", "three", S, d), pos("t2", "Q", "three", O, d), pos("t3", "R", "three", Ab, d),
	}
	got := coalition.Contested(ps, coalition.Options{})
	r := func(x float64) float64 { return math.Round(x*1e9) / 1e9 }
	want := []coalition.Contest{
		{Item: "three", Entropy: r(math.Log2(3)), Speakers: 3, Score: r(2 * math.Log2(3)),
			Counts: map[stancegraph.Stance]int{S: 1, O: 1, Ab: 1}},
		{Item: "even", Entropy: 1, Speakers: 4, Score: r(math.Log2(5)),
			Counts: map[stancegraph.Stance]int{S: 2, O: 1, Del: 1}},
		{Item: "unan", Entropy: 0, Speakers: 4, Score: 0,
			Counts: map[stancegraph.Stance]int{S: 3, Ret: 1}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("Contested (-want +got):\n%s", diff)
	}
	if s := fmt.Sprint(got[1].Score); s != "2.321928095" {
		t.Fatalf("even score printed %s, want 2.321928095 (log2 5 rounded to 1e-9)", s)
	}
}
