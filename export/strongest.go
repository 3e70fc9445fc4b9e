package export

import (
	"cmp"
	"slices"

	"github.com/stancegraph/stancegraph/coalition"
)

// Strongest keeps each actor's k strongest agreeing pairs, the selection
// the explorer's map draws: pairs ordered by score (highest first), then
// overlap (largest first), then edge id ("agreement:A:B", ascending), are
// taken one by one, and a pair is kept while either of its actors has
// fewer than k kept. Every actor with a pair keeps at least one, so the
// map places the same actors; the result is in that order and depends on
// the pairs alone. Applied again to its own result it keeps everything,
// which is why the explorer can run the same selection on a capped graph.
func Strongest(pairs []coalition.Pair, k int) []coalition.Pair {
	sorted := slices.SortedFunc(slices.Values(pairs), func(x, y coalition.Pair) int {
		return cmp.Or(cmp.Compare(y.Score, x.Score), cmp.Compare(y.Overlap, x.Overlap), cmp.Compare(agreementID(x), agreementID(y)))
	})
	kept := make(map[string]int)
	out := sorted[:0]
	for _, p := range sorted {
		if kept[p.A] >= k && kept[p.B] >= k {
			continue
		}
		kept[p.A]++
		kept[p.B]++
		out = append(out, p)
	}
	return out
}

// agreementID is the id of a pair's AGREEMENT edge.
func agreementID(p coalition.Pair) string { return "agreement:" + p.A + ":" + p.B }
