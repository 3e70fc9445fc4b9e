package coalition_test

import (
	"slices"
	"testing"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/coalition"
	"github.com/stancegraph/stancegraph/storetest"
)

// issueOptions are the default coalition options on the bundled data:
// issues count through the alternatives positions favour.
func issueOptions(d *stancegraph.Dataset, basis coalition.Basis) coalition.Options {
	o := bundledOptions(d)
	o.Alternatives, o.Basis = stancegraph.AlternativeIndex(d.Issues), basis
	return o
}

// onIssue keeps the positions favouring an alternative of issue.
func onIssue(ps []*stancegraph.Position, issue string) []*stancegraph.Position {
	var out []*stancegraph.Position
	for _, p := range ps {
		if p.IssueID == issue {
			out = append(out, p)
		}
	}
	return out
}

func TestBundledIssues_ThresholdSplitsMexicoAndRussia(t *testing.T) {
	d := storetest.Bundled(t)
	got := coalition.Agreement(onIssue(d.Positions, "threshold"), "MEX", "RUS", issueOptions(d, coalition.BasisIssues))
	if got.Overlap != 1 || got.Score >= 0.5 {
		t.Fatalf("MEX-RUS on the threshold = %+v; want them apart (Mexico wanted 60 ratifications, Russia fewer)", got)
	}
	// Before this change a topic stance had no direction: both SUPPORTS on
	// adoption-threshold scored 1. Without alternatives those stances now count in no item.
	if old := coalition.Agreement(onIssue(d.Positions, "threshold"), "MEX", "RUS", bundledOptions(d)); old.Overlap != 0 {
		t.Fatalf("without alternatives the threshold stances still count: %+v", old)
	}
}

func TestBundledIssues_MicrosoftIsNotInRussiasCamp(t *testing.T) {
	d := storetest.Bundled(t)
	near, _ := coalition.Nearest(d.Positions, "microsoft", issueOptions(d, coalition.BasisIssues), 5)
	if len(near) == 0 {
		t.Fatal("microsoft has no neighbour on issues")
	}
	for _, p := range near {
		if slices.Contains([]string{"RUS", "CHN", "IRN", "BLR", "CUB"}, p.B) {
			t.Errorf("microsoft's nearest on issues include %s (%v over %d issues)", p.B, p.Score, p.Overlap)
		}
	}
	// Nor by default (issues and texts together).
	near, _ = coalition.Nearest(d.Positions, "microsoft", issueOptions(d, coalition.BasisAll), 5)
	for _, p := range near {
		if slices.Contains([]string{"RUS", "CHN", "IRN", "BLR", "CUB"}, p.B) && p.Score > 0.5 {
			t.Errorf("microsoft agrees with %s at %v by default", p.B, p.Score)
		}
	}
}

func TestBundledIssues_NarrowAndBroadScopeInDifferentBlocs(t *testing.T) {
	d := storetest.Bundled(t)
	o := issueOptions(d, coalition.BasisIssues)
	placed := coalition.Placements(d.Positions, d.Issues, o)["scope"]
	var narrow, broad []string
	for _, p := range placed {
		switch p.Position.AlternativeID {
		case "scope-narrow":
			narrow = append(narrow, p.Actor)
		case "scope-broad":
			broad = append(broad, p.Actor)
		}
	}
	if len(narrow) < 2 || len(broad) < 2 {
		t.Fatalf("narrow %v, broad %v: the data should place several actors at each end", narrow, broad)
	}
	blocs, _ := coalition.Blocs(d.Positions, nil, o)
	blocOf := map[string]int{}
	for _, b := range blocs {
		for _, m := range b.Members {
			blocOf[m] = b.ID
		}
	}
	for _, n := range narrow {
		for _, b := range broad {
			if blocOf[n] == blocOf[b] {
				t.Errorf("%s (narrow scope) and %s (broad scope) share issue bloc %d", n, b, blocOf[n])
			}
		}
	}
}

func TestBundledIssues_SuccessAndModels(t *testing.T) {
	d := storetest.Bundled(t)
	o := issueOptions(d, coalition.BasisIssues)
	succ := coalition.SuccessOf(d.Positions, d.Issues, o)
	if len(succ) < 20 {
		t.Fatalf("%d actors placed on issues, want at least 20", len(succ))
	}
	for i := 1; i < len(succ); i++ {
		if succ[i].MeanDistance < succ[i-1].MeanDistance {
			t.Fatalf("success not ordered at %d", i)
		}
	}
	ms := coalition.OutcomeModels(d.Positions, d.Issues, o, nil)
	for _, m := range ms {
		if len(m.Predictions) == 0 {
			t.Errorf("model %s predicts no issue", m.Name)
		}
		t.Logf("%s: MAE %v over %d issues", m.Name, m.MAE, len(m.Predictions))
	}
}
