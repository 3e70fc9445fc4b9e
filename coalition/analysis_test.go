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
