package server_test

import (
	"strings"
	"testing"

	"github.com/stancegraph/stancegraph/server"
	"github.com/stancegraph/stancegraph/storetest"
)

// TestEnumValuesRefused: enums are bound to the domain's constants by
// gqlgen.yml's enum_values; a value that is not one of them is refused,
// in a literal and in a variable alike, before any resolver runs.
func TestEnumValuesRefused(t *testing.T) {
	url := newServer(t, server.Options{})
	lit := storetest.Post(t, url, `{ article(number: 5) { positions(stance: MAYBE) { id } } }`, nil)
	if len(lit.Errors) == 0 || !strings.Contains(string(lit.Raw), "MAYBE") {
		t.Fatalf("literal: %s", lit.Raw)
	}
	v := storetest.Post(t, url, `query($s: Stance) { article(number: 5) { positions(stance: $s) { id } } }`, map[string]any{"s": "MAYBE"})
	if len(v.Errors) == 0 || !strings.Contains(string(v.Raw), "MAYBE") || strings.Contains(string(v.Raw), `"data":{`) {
		t.Fatalf("variable: %s", v.Raw)
	}
	ok := storetest.Post(t, url, `query($s: Stance) { article(number: 5) { positions(stance: $s) { stance } } }`, map[string]any{"s": "OPPOSES"})
	if len(ok.Errors) > 0 || !strings.Contains(string(ok.Raw), `"stance":"OPPOSES"`) {
		t.Fatalf("a valid variable: %s", ok.Raw)
	}
}
