package server_test

import (
	"strings"
	"testing"

	"github.com/stancegraph/stancegraph/server"
	"github.com/stancegraph/stancegraph/storetest"
)

// TestIssuesStoreCalls: a list of issues with their placements, winners,
// the alternatives and the actors placed costs a bounded number of store
// calls, the same for one issue as for all of them: the issues are read
// once per request and every issue's placements share one read of the
// positions.
func TestIssuesStoreCalls(t *testing.T) {
	url, calls := countingServer(t, server.DefaultOptions())
	count := func(q string) int64 {
		calls.Store(0)
		r := storetest.Post(t, url, q, nil)
		if len(r.Errors) > 0 {
			t.Fatalf("%s: %s", q, r.Raw)
		}
		return calls.Load()
	}
	const fields = `id alternatives { id label value } placements { actor { id name } value distance } winners { actor { id } } losers { actor { id } }`
	one := count(`{ issue(id: "scope") { ` + fields + ` } }`)
	all := count(`{ issues { ` + fields + ` } }`)
	if all != one || all > 6 {
		t.Fatalf("store calls: %d for one issue, %d for all; want the same, and few", one, all)
	}
	t.Logf("store calls: %d for one issue and for all", all)
}

// TestOutcomeModelCapabilities: a capability of 0 takes an actor out of the
// weighted models (here every actor but Australia on the safeguards issue,
// which Australia's alternative then predicts exactly), and a bad weight is
// refused naming its place in the list.
func TestOutcomeModelCapabilities(t *testing.T) {
	url := newServer(t, server.Options{})
	type models struct {
		OutcomeModels []struct {
			Name        string
			Predictions []struct {
				Issue     struct{ ID string }
				Predicted float64
			}
		}
	}
	all := mustData[models](t, storetest.Post(t, url, `{ outcomeModels { name predictions { issue { id } predicted } } }`, nil))
	placed := mustData[struct {
		Issue struct {
			Placements []struct {
				Actor struct{ ID string }
				Value float64
			}
		}
	}](t, storetest.Post(t, url, `{ issue(id: "safeguards") { placements { actor { id } value } } }`, nil))
	var caps []string
	australia := -1.0
	for _, p := range placed.Issue.Placements {
		w := "0"
		if p.Actor.ID == "AUS" {
			w, australia = "1", p.Value
		}
		caps = append(caps, `{actor: "`+p.Actor.ID+`", weight: `+w+`}`)
	}
	if australia < 0 || len(caps) < 2 {
		t.Fatalf("safeguards placements: %+v", placed)
	}
	only := mustData[models](t, storetest.Post(t, url, `{ outcomeModels(capabilities: [`+strings.Join(caps, ", ")+`]) { name predictions { issue { id } predicted } } }`, nil))
	prediction := func(m models, name string) float64 {
		for _, x := range m.OutcomeModels {
			for _, p := range x.Predictions {
				if x.Name == name && p.Issue.ID == "safeguards" {
					return p.Predicted
				}
			}
		}
		return -1
	}
	if got := prediction(only, "COMPROMISE"); got != australia {
		t.Errorf("compromise with only Australia weighing: %v, want Australia's %v", got, australia)
	}
	if prediction(all, "COMPROMISE") == australia {
		t.Errorf("the test proves nothing: the unweighted compromise is Australia's value already")
	}
	bad := storetest.Post(t, url, `{ outcomeModels(capabilities: [{actor: "AUS", weight: 1}, {actor: "RUS", weight: -2}]) { name } }`, nil)
	if bad.Code() != "BAD_USER_INPUT" || !strings.Contains(string(bad.Raw), "capabilities[1].weight") {
		t.Errorf("a negative weight: %s", bad.Raw)
	}
}
