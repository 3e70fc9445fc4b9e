package coalition_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/coalition"
	"github.com/stancegraph/stancegraph/storetest"
)

// TestAnalyze: one analysis gives what Blocs and Matrix give, on every
// basis and with a minimum overlap.
func TestAnalyze(t *testing.T) {
	d := storetest.Bundled(t)
	for name, basis := range map[string]coalition.Basis{"ALL": coalition.BasisAll, "ISSUES": coalition.BasisIssues, "TEXTS": coalition.BasisTexts} {
		t.Run(name, func(t *testing.T) {
			o := bundledOptions(d)
			o.Basis, o.MinOverlap = basis, 2
			o.Alternatives = stancegraph.AlternativeIndex(d.Issues)
			a := coalition.Analyze(d.Positions, nil, o)
			blocs, q := coalition.Blocs(d.Positions, nil, o)
			if diff := cmp.Diff(blocs, a.Blocs); diff != "" || q != a.Modularity {
				t.Errorf("blocs differ from Blocs (Q %v, want %v): %s", a.Modularity, q, diff)
			}
			if diff := cmp.Diff(coalition.Matrix(d.Positions, nil, o), a.Pairs); diff != "" {
				t.Errorf("pairs differ from Matrix: %s", diff)
			}
			if len(a.Blocs) == 0 || len(a.Pairs) == 0 {
				t.Errorf("%d blocs and %d pairs, want some", len(a.Blocs), len(a.Pairs))
			}
		})
	}
	if a := coalition.Analyze(nil, nil, coalition.Options{}); len(a.Blocs) != 0 || a.Pairs == nil {
		t.Errorf("no positions: %+v, want no blocs and an empty list of pairs", a)
	}
}

func TestStrongest(t *testing.T) {
	pairs := []coalition.Pair{
		{A: "a", B: "b", Score: 0.9, Overlap: 1, Defined: true},
		{A: "a", B: "c", Score: 0.5, Overlap: 3, Defined: true},
		{A: "a", B: "d", Score: 0.5, Overlap: 2, Defined: true},
		{A: "b", B: "c", Overlap: 0},
		{A: "c", B: "d", Score: 0.1, Overlap: 1, Defined: true},
	}
	for k, want := range map[int][]string{
		0: {"ab", "ac", "ad", "cd"},
		1: {"ab", "ac", "ad"}, // a keeps ab, b ab, c ac and d ad: cd is nobody's strongest
		2: {"ab", "ac", "ad", "cd"},
	} {
		var got []string
		for _, p := range coalition.Strongest(pairs, k) {
			got = append(got, p.A+p.B)
		}
		if !cmp.Equal(got, want) {
			t.Errorf("k=%d: %v, want %v", k, got, want)
		}
	}
}
