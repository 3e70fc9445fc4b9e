package server_test

import (
	"encoding/json"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/stancegraph/stancegraph/memstore"
	"github.com/stancegraph/stancegraph/plan"
	"github.com/stancegraph/stancegraph/server"
	"github.com/stancegraph/stancegraph/storetest"
)

// TestPlannerFragmentsOnTypes: one response name selected with different
// arguments in fragments on different types (which GraphQL allows) answers
// each actor with its own type's arguments. The planner keys what it
// fetches by the field's node in the operation, not by the response path,
// which is the same for both.
func TestPlannerFragmentsOnTypes(t *testing.T) {
	s := memstore.New()
	storetest.MustLoad(t, s, storetest.Bundled(t))
	ts := httptest.NewServer(server.New(s, server.Options{}))
	defer ts.Close()
	const q = `{ actors(first: 400) { id __typename
	  ... on State { p: positions(filter: {stances: [SIGNS]}) { id } c: stanceCounts(filter: {stances: [OPPOSES]}) { stance count } }
	  ... on Organization { p: positions(filter: {stances: [OPPOSES]}) { id } c: stanceCounts(filter: {stances: [SIGNS]}) { stance count } } } }`
	var got struct {
		Actors []struct {
			ID       string `json:"id"`
			Typename string `json:"__typename"`
			P        []struct{ ID string }
			C        []struct {
				Stance string
				Count  int
			}
		}
	}
	decode(t, storetest.Post(t, ts.URL+"/graphql", q, nil), &got)
	checked := map[string]int{}
	for _, a := range got.Actors {
		p, c := "SIGNS", "OPPOSES"
		switch a.Typename {
		case "State":
		case "Organization":
			p, c = "OPPOSES", "SIGNS"
		default:
			continue
		}
		var one struct {
			Actor struct {
				P []struct{ ID string }
				C []struct {
					Stance string
					Count  int
				}
			}
		}
		decode(t, storetest.Post(t, ts.URL+"/graphql", `query($id: ID!, $p: [Stance!], $c: [Stance!]) { actor(id: $id) {
		  p: positions(filter: {stances: $p}) { id } c: stanceCounts(filter: {stances: $c}) { stance count } } }`,
			map[string]any{"id": a.ID, "p": []string{p}, "c": []string{c}}), &one)
		if !jsonEqual(t, a.P, one.Actor.P) || !jsonEqual(t, a.C, one.Actor.C) {
			t.Errorf("%s (%s): in the list p=%v c=%v, alone p=%v c=%v", a.ID, a.Typename, a.P, a.C, one.Actor.P, one.Actor.C)
		}
		if len(a.P)+len(a.C) > 0 {
			checked[a.Typename]++
		}
	}
	if checked["State"] == 0 || checked["Organization"] == 0 {
		t.Fatalf("no actor of each type had an answer to compare: %v", checked)
	}
}

// TestPlannerCountsFromSiblingPositions: stanceCounts next to a positions
// field of the same filter (in another order) counts that field's lists
// instead of asking the store again.
func TestPlannerCountsFromSiblingPositions(t *testing.T) {
	s := memstore.New()
	storetest.MustLoad(t, s, storetest.Bundled(t))
	var n atomic.Int64
	ts := httptest.NewServer(server.New(plan.Counted(s, func(string) { n.Add(1) }), server.Options{}))
	defer ts.Close()
	count := func(q string) (int64, json.RawMessage) {
		n.Store(0)
		r := storetest.Post(t, ts.URL+"/graphql", q, nil)
		if len(r.Errors) > 0 {
			t.Fatalf("%s: %v", q, r.Errors)
		}
		return n.Load(), r.Data
	}
	both, data := count(`{ actors(first: 300) { positions(filter: {stances: [SUPPORTS]}, orderBy: DATE_DESC) { id } stanceCounts(filter: {stances: [SUPPORTS]}) { stance count actors } } }`)
	alone, _ := count(`{ actors(first: 300) { positions(filter: {stances: [SUPPORTS]}, orderBy: DATE_DESC) { id } } }`)
	if both != alone {
		t.Errorf("positions with stanceCounts of the same filter: %d store calls, positions alone %d", both, alone)
	}
	_, counts := count(`{ actors(first: 300) { stanceCounts(filter: {stances: [SUPPORTS]}) { stance count actors } } }`)
	var a, b struct{ Actors []struct{ StanceCounts any } }
	_ = json.Unmarshal(data, &a)
	_ = json.Unmarshal(counts, &b)
	if !jsonEqual(t, a, b) {
		t.Errorf("counts from the sibling list differ from the store's counts")
	}
}

func decode(t *testing.T, r *storetest.Response, v any) {
	t.Helper()
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %v", r.Errors)
	}
	if err := json.Unmarshal(r.Data, v); err != nil {
		t.Fatal(err)
	}
}

func jsonEqual(t *testing.T, a, b any) bool {
	t.Helper()
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}
