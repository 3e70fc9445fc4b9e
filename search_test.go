package stancegraph_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stancegraph/stancegraph"
)

func TestParseSearch(t *testing.T) {
	for _, c := range []struct {
		text string
		want []stancegraph.SearchTerm
	}{
		{"Human Rights", []stancegraph.SearchTerm{{"human", "human", false}, {"rights", "right", true}}},
		{"human right ", []stancegraph.SearchTerm{{"human", "human", false}, {"right", "right", false}}},
		{"Côte d’Ivoire", []stancegraph.SearchTerm{{"cote", "cote", false}, {"d", "d", false}, {"ivoire", "ivoir", true}}},
		{"Iran's surveillance", []stancegraph.SearchTerm{{"iran", "iran", false}, {"surveillance", "surveil", true}}},
		{"Straße Øresund", []stancegraph.SearchTerm{{"strasse", "strass", false}, {"oresund", "oresund", true}}},
		{"Art. 3.5, 74/247", []stancegraph.SearchTerm{{"art", "art", false}, {"3.5", "3.5", false}, {"74", "74", false}, {"247", "247", true}}},
		{"policies x", []stancegraph.SearchTerm{{"policies", "polici", false}, {"x", "x", false}}},
		{" ;' ", []stancegraph.SearchTerm{}},
	} {
		if d := cmp.Diff(c.want, stancegraph.ParseSearch(c.text)); d != "" && !(len(c.want) == 0 && len(stancegraph.ParseSearch(c.text)) == 0) {
			t.Errorf("ParseSearch(%q) (-want +got):\n%s", c.text, d)
		}
	}
}

func TestMatchSearch(t *testing.T) {
	civ := &stancegraph.Actor{ID: "CIV", Name: "Côte d'Ivoire", Aliases: []string{"Côte d’Ivoire", "Cote d'Ivoire", "Ivory Coast"}}
	pos := &stancegraph.Position{ID: "p", Quote: "Mass surveillance threatens the rights of journalists."}
	for _, c := range []struct {
		text  string
		n     stancegraph.Node
		match bool
		field string
	}{
		{"cote d ivoire", civ, true, "name"},
		{"Ivoire", civ, true, "name"},
		{"ivory coast", civ, true, "aliases"},
		{"ivory coasts", civ, true, "aliases"},
		{"coast ivory", civ, true, "aliases"},
		{"ivory ghana", civ, false, ""},
		{"surveil", pos, true, "quote"},
		{"surv", pos, true, "quote"},
		{"surv ", pos, false, ""}, // a space ends the word: no prefix
		{"journalist right", pos, true, "quote"},
		{"JOURNALISTS", pos, true, "quote"},
		{"threat", pos, true, "quote"},
	} {
		h, ok := stancegraph.MatchSearch(stancegraph.ParseSearch(c.text), c.n)
		if ok != c.match || (ok && h.Field != c.field) {
			t.Errorf("MatchSearch(%q, %s) = %+v, %v; want match %v in %q", c.text, c.n.NodeID(), h, ok, c.match, c.field)
		}
	}
}

func TestSearchIndexText(t *testing.T) {
	civ := &stancegraph.Actor{ID: "CIV", Name: "Côte d'Ivoire", Aliases: []string{"Ivory Coast"}}
	if got, want := stancegraph.SearchIndexText(civ), "cote d ivoire ivoir ivory ivori coast"; got != want {
		t.Fatalf("SearchIndexText = %q, want %q", got, want)
	}
}
