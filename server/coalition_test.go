package server_test

import (
	"testing"

	"github.com/stancegraph/stancegraph/server"
	"github.com/stancegraph/stancegraph/storetest"
)

// TestCoalitionQueries checks the coalition queries on the bundled data
// against facts of the votes themselves.
func TestCoalitionQueries(t *testing.T) {
	url := newServer(t, server.Options{})
	got := mustData[struct {
		UsaRus struct {
			Score   *float64
			Overlap int
		}
		UsaFra struct {
			Score   *float64
			Overlap int
		}
		Early struct {
			Score   *float64
			Overlap int
		}
		Blocs struct {
			Modularity float64
			Blocs      []struct{ Size int }
		}
		Contested []struct {
			Item  struct{ ID string }
			Score float64
		}
	}](t, storetest.Post(t, url, `{
		usaRus: agreement(a: "USA", b: "RUS", options: {filter: {kinds: [VOTE]}}) { score overlap }
		usaFra: agreement(a: "USA", b: "FRA", options: {filter: {kinds: [VOTE]}}) { score overlap }
		early: agreement(a: "USA", b: "RUS", options: {asOf: "2018-12-31", filter: {kinds: [VOTE]}}) { score overlap }
		blocs { modularity blocs { size } }
		contested(first: 3) { item { id } score } }`, nil))
	if got.UsaRus.Score == nil || *got.UsaRus.Score > 0.3 || got.UsaRus.Overlap < 2 {
		t.Errorf("USA-Russia agreement = %+v; they voted against each other on 73/187 and 74/247", got.UsaRus)
	}
	if got.UsaFra.Score == nil || *got.UsaFra.Score < 0.7 {
		t.Errorf("USA-France agreement = %+v; both voted no on both resolutions", got.UsaFra)
	}
	if got.Early.Overlap >= got.UsaRus.Overlap {
		t.Errorf("as of 2018, overlap %d should be smaller than overall %d (74/247 was voted in 2019)", got.Early.Overlap, got.UsaRus.Overlap)
	}
	if len(got.Blocs.Blocs) < 2 || got.Blocs.Modularity <= 0 || got.Blocs.Blocs[0].Size < got.Blocs.Blocs[1].Size {
		t.Errorf("blocs = %+v; want at least two, largest first, positive modularity", got.Blocs)
	}
	if len(got.Contested) != 3 || got.Contested[0].Score < got.Contested[2].Score {
		t.Fatalf("contested = %+v; want 3, ranked", got.Contested)
	}
	r := storetest.Post(t, url, `{ agreement(a: "USA", b: "ATLANTIS") { score } }`, nil)
	if r.Code() != "NOT_FOUND" {
		t.Errorf("unknown actor: %s", r.Raw)
	}
	r = storetest.Post(t, url, `{ blocs(options: {asOf: "last week"}) { modularity } }`, nil)
	if r.Code() != "GRAPHQL_VALIDATION_FAILED" { // refused with the other argument checks, before anything runs
		t.Errorf("bad asOf: %s", r.Raw)
	}
}
