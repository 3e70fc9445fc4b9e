package coalition_test

import (
	"math"
	"testing"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/coalition"
)

// twoIssues is the hand-worked issue example: 3 actors, 2 issues.
//
//	issue T: t0 = 0, t50 = 50, t100 = 100; reference t100, outcome t50
//	issue S: s0 = 0, s50 = 50, s100 = 100; reference s100, outcome s0
//
//	     T (salience)   S (salience)
//	A    0   (80)       50  (20)
//	B    100 (-: 50)    0   (-: 50)
//	C    50  (100)      -
//
// Agreement 1 - mean|x_a - x_b|/100:
//
//	A-B: T 1, S 0.5 → 1 - 0.75 = 0.25 (overlap 2); weighted w_T = (80+50)/2 = 65,
//	     w_S = (20+50)/2 = 35: 1 - (65·1 + 35·0.5)/100 = 0.175
//	A-C: T 0.5 → 0.5 (overlap 1);  B-C: T 0.5 → 0.5
//
// Success (mean |x - outcome|): C |50-50| = 0; B (50 + 0)/2 = 25; A (50 + 50)/2 = 50.
//
// Models on T (weights = salience): compromise (0·80 + 50·100 + 100·50)/230 = 10000/230,
// error 50 - 10000/230; weighted median: cumulative 80, 180 ≥ 115 → 50, error 0;
// reference 100, error 50. On S: compromise (0·50 + 50·20)/70 = 1000/70, error the same;
// median: 50 ≥ 35 at B → 0, error 0; reference 100, error 100.
func twoIssues() ([]*stancegraph.Position, []*stancegraph.Issue) {
	mk := func(issue, ref, out string) *stancegraph.Issue {
		i := &stancegraph.Issue{ID: issue, Name: issue, ReferenceID: issue + "100", OutcomeID: issue + out}
		for _, v := range []float64{0, 50, 100} {
			i.Alternatives = append(i.Alternatives, &stancegraph.Alternative{ID: issue + map[float64]string{0: "0", 50: "50", 100: "100"}[v], IssueID: issue, Value: v})
		}
		return i
	}
	sal := func(v float64) *float64 { return &v }
	p := func(id, actor, alt string, s *float64) *stancegraph.Position {
		return &stancegraph.Position{ID: id, ActorID: actor, Kind: stancegraph.KindStatement, Topics: []string{"x"}, Stance: stancegraph.Supports,
			AlternativeID: alt, IssueID: alt[:1], Salience: s, Date: "2024-02-01"}
	}
	return []*stancegraph.Position{
			p("a1", "A", "T0", sal(80)), p("a2", "A", "S50", sal(20)),
			p("b1", "B", "T100", nil), p("b2", "B", "S0", nil),
			p("c1", "C", "T50", sal(100)),
		}, []*stancegraph.Issue{
			mk("T", "100", "50"), mk("S", "100", "0"),
		}
}

func near(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-8 {
		t.Fatalf("%s = %v, want %v", what, got, want)
	}
}

func TestIssueAgreement(t *testing.T) {
	ps, issues := twoIssues()
	o := coalition.Options{Alternatives: stancegraph.AlternativeIndex(issues)}
	for _, tt := range []struct {
		a, b     string
		weighted bool
		score    float64
		overlap  int
	}{
		{"A", "B", false, 0.25, 2}, {"A", "B", true, 0.175, 2}, {"A", "C", false, 0.5, 1}, {"B", "C", false, 0.5, 1},
	} {
		o.SalienceWeighted = tt.weighted
		got := coalition.Agreement(ps, tt.a, tt.b, o)
		near(t, tt.a+"-"+tt.b+" score", got.Score, tt.score)
		if got.Overlap != tt.overlap {
			t.Fatalf("%s-%s overlap = %d, want %d", tt.a, tt.b, got.Overlap, tt.overlap)
		}
	}
	// A topic-only SUPPORTS without an alternative has no direction: no item.
	if got := coalition.Agreement(ps, "A", "B", coalition.Options{}); got.Overlap != 0 {
		t.Fatalf("without alternatives A-B overlap = %d, want 0", got.Overlap)
	}
	// Texts only: issue positions do not count.
	if got := coalition.Agreement(ps, "A", "B", coalition.Options{Alternatives: o.Alternatives, Basis: coalition.BasisTexts}); got.Overlap != 0 {
		t.Fatalf("texts-only A-B overlap = %d, want 0", got.Overlap)
	}
}

func TestSuccess(t *testing.T) {
	ps, issues := twoIssues()
	got := coalition.SuccessOf(ps, issues, coalition.Options{})
	want := []struct {
		actor string
		mean  float64
		n     int
	}{{"C", 0, 1}, {"B", 25, 2}, {"A", 50, 2}}
	if len(got) != len(want) {
		t.Fatalf("got %d actors, want %d", len(got), len(want))
	}
	for i, w := range want {
		if got[i].Actor != w.actor || got[i].MeanDistance != w.mean || len(got[i].Issues) != w.n {
			t.Fatalf("success[%d] = %+v, want %+v", i, got[i], w)
		}
	}
	// As of a date before every position: nobody placed.
	if got := coalition.SuccessOf(ps, issues, coalition.Options{AsOf: "2024-01"}); len(got) != 0 {
		t.Fatalf("as of 2024-01: %d actors, want 0", len(got))
	}
}

func TestOutcomeModels(t *testing.T) {
	ps, issues := twoIssues()
	ms := coalition.OutcomeModels(ps, issues, coalition.Options{}, nil)
	byName := map[string]coalition.Model{}
	for _, m := range ms {
		byName[m.Name] = m
	}
	comp := byName[coalition.ModelCompromise]
	// Issues by id: S, then T.
	near(t, "compromise S", comp.Predictions[0].Predicted, 1000.0/70)
	near(t, "compromise T", comp.Predictions[1].Predicted, 10000.0/230)
	near(t, "compromise MAE", comp.MAE, (1000.0/70+(50-10000.0/230))/2)
	med := byName[coalition.ModelWeightedMedian]
	near(t, "median S", med.Predictions[0].Predicted, 0)
	near(t, "median T", med.Predictions[1].Predicted, 50)
	near(t, "median MAE", med.MAE, 0)
	ref := byName[coalition.ModelReference]
	near(t, "reference MAE", ref.MAE, (100+50)/2.0)
	// Capability doubles B's weight on T: (0·80 + 50·100 + 100·100)/280.
	capd := coalition.OutcomeModels(ps, issues, coalition.Options{}, map[string]float64{"B": 2})
	near(t, "compromise T with capability", capd[0].Predictions[1].Predicted, 15000.0/280)
}
