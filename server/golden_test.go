package server_test

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/stancegraph/stancegraph/queries"
	"github.com/stancegraph/stancegraph/server"
	"github.com/stancegraph/stancegraph/storetest"
)

// TestGolden answers every query the project asks of itself (the
// conformance suite, the benchmark harness, docs/examples.md) on the
// embedded store and compares each answer, byte for byte, with the one
// recorded in testdata/golden.json. neo4jstore's parity test holds Neo4j to
// the same bytes, so a change to the GraphQL layer that alters any answer
// on either store fails here. UPDATE_GOLDEN=1 records the answers anew
// (after a data change, say why in the commit).
func TestGolden(t *testing.T) {
	const path = "testdata/golden.json"
	examples, err := os.ReadFile("../docs/examples.md")
	if err != nil {
		t.Fatal(err)
	}
	endpoint := newServer(t, server.Options{})
	got := map[string]json.RawMessage{}
	qs := queries.Every(examples)
	for _, q := range qs {
		got[q.Name] = storetest.Post(t, endpoint, q.Text, nil).Raw
	}
	if os.Getenv("UPDATE_GOLDEN") == "1" {
		b, err := json.MarshalIndent(got, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]json.RawMessage{}
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	if len(qs) < 40 {
		t.Fatalf("only %d queries: the sets went missing", len(qs))
	}
	for _, q := range qs {
		w, ok := want[q.Name]
		if !ok {
			t.Errorf("%s: no golden answer (UPDATE_GOLDEN=1 go test ./server -run TestGolden)", q.Name)
			continue
		}
		var a, b bytes.Buffer
		_ = json.Compact(&a, w)
		_ = json.Compact(&b, got[q.Name])
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: the answer changed\nwant %.600s\ngot  %.600s", q.Name, a.Bytes(), b.Bytes())
		}
	}
	for name := range want {
		if _, ok := got[name]; !ok {
			t.Errorf("%s: golden answer for a query no longer asked (UPDATE_GOLDEN=1 to drop it)", name)
		}
	}
}
