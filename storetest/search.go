package storetest

import (
	"context"
	"slices"
	"testing"

	"github.com/stancegraph/stancegraph"
)

// hit is what a search answers, compared whole.
type hit struct {
	Kind, ID, Field, Snippet string
	Score                    float64
}

// search is the oracle's search: MatchSearch over every object of the
// dataset, positions retracted left out.
func (o *oracle) search(q stancegraph.SearchQuery) []hit {
	terms := stancegraph.ParseSearch(q.Text)
	var nodes []stancegraph.Node
	for _, a := range o.d.Actors {
		nodes = append(nodes, a)
	}
	for _, a := range o.d.Articles {
		nodes = append(nodes, a)
	}
	for _, i := range o.d.Instruments {
		nodes = append(nodes, i)
	}
	for _, s := range o.d.Sources {
		nodes = append(nodes, s)
	}
	for _, p := range o.d.Positions {
		if p.Retracted == nil {
			nodes = append(nodes, p)
		}
	}
	var hits []*stancegraph.SearchHit
	for _, n := range nodes {
		if k, _ := stancegraph.SearchFields(n); len(q.Kinds) > 0 && !slices.Contains(q.Kinds, k) {
			continue
		}
		if h, ok := stancegraph.MatchSearch(terms, n); ok {
			hits = append(hits, h)
		}
	}
	slices.SortFunc(hits, stancegraph.CompareHits)
	if q.Limit > 0 && len(hits) > q.Limit {
		hits = hits[:q.Limit]
	}
	return hitsOf(hits)
}

func hitsOf(hs []*stancegraph.SearchHit) []hit {
	out := make([]hit, len(hs))
	for i, h := range hs {
		out[i] = hit{h.Kind, h.Node.NodeID(), h.Field, h.Snippet, h.Score}
	}
	return out
}

func ids(hs []hit) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.ID
	}
	slices.Sort(out)
	return out
}

// testSearch checks searches that forgive (case, accents, word endings, a
// word's beginning, aliases) against the oracle, whole answers compared, so
// both stores give the same hits.
func testSearch(t *testing.T, fx *fixture) {
	ctx := context.Background()
	run := func(t *testing.T, q stancegraph.SearchQuery) []hit {
		t.Helper()
		got, err := fx.s.Search(ctx, q)
		if err != nil {
			t.Fatalf("Search(%q): %v", q.Text, err)
		}
		hs := hitsOf(got)
		if d := diff(fx.o.search(q), hs); d != "" {
			t.Fatalf("Search(%q) (-oracle +store):\n%s", q.Text, d)
		}
		return hs
	}
	for _, c := range []struct {
		name, text string
		kinds      []string
		want       string // an id among the hits
		min        int    // at least this many hits
	}{
		{"Words", "human rights", nil, "", 5},
		{"Stem", "human right", nil, "", 5},
		{"Case", "HUMAN RIGHTS", nil, "", 5},
		{"Prefix", "surveil", nil, "", 1},
		{"AliasPrefix", "Ivoire", []string{"ACTOR"}, "CIV", 1},
		{"NoApostrophe", "Cote d Ivoire", []string{"ACTOR"}, "CIV", 1},
		{"Apostrophe", "Cote d'Ivoire", []string{"ACTOR"}, "CIV", 1},
		{"Accents", "CÔTE D’IVOIRE", []string{"ACTOR"}, "CIV", 1},
		{"Alias", "Ivory Coast", []string{"ACTOR"}, "CIV", 1},
		{"Limit", "convention", nil, "", 3},
		{"Nothing", "zzzyzzx", nil, "", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			limit := 0
			if c.name == "Limit" {
				limit = 3
			}
			hs := run(t, stancegraph.SearchQuery{Text: c.text, Kinds: c.kinds, Limit: limit})
			if len(hs) < c.min {
				t.Fatalf("Search(%q): %d hits, want at least %d", c.text, len(hs), c.min)
			}
			if c.want != "" && !slices.Contains(ids(hs), c.want) {
				t.Fatalf("Search(%q): %v, want %s among them", c.text, ids(hs), c.want)
			}
		})
	}
	t.Run("StemFindsWhatWordsFind", func(t *testing.T) {
		words, stem := ids(run(t, stancegraph.SearchQuery{Text: "human rights"})), ids(run(t, stancegraph.SearchQuery{Text: "human right"}))
		for _, id := range words {
			if !slices.Contains(stem, id) {
				t.Fatalf(`"human right" misses %s, which "human rights" finds`, id)
			}
		}
	})
	t.Run("NoWords", func(t *testing.T) {
		if _, err := fx.s.Search(ctx, stancegraph.SearchQuery{Text: " ;' "}); stancegraph.ErrorCode(err) != stancegraph.EINVALID {
			t.Fatalf("err = %v, want code %s", err, stancegraph.EINVALID)
		}
	})
}
