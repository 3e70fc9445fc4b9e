package neo4jstore_test

import (
	"context"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/storetest"
)

// TestSearchTextUpgrade: nodes written without searchText (by a
// stancegraph older than the search_text index) get it when the schema is
// applied, so a database upgraded in place still finds them.
func TestSearchTextUpgrade(t *testing.T) {
	s := testStore(t)
	ctx := context.Background()
	storetest.MustLoad(t, s, storetest.Bundled(t))
	cfg := testConfig(t)
	d, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(ctx)
	if _, err := neo4j.ExecuteQuery(ctx, d, "MATCH (n) WHERE n.searchText IS NOT NULL REMOVE n.searchText", nil, neo4j.EagerResultTransformer); err != nil {
		t.Fatal(err)
	}
	search := func() int {
		hits, err := s.Search(ctx, stancegraph.SearchQuery{Text: "Ivory Coast", Kinds: []string{"ACTOR"}})
		if err != nil {
			t.Fatal(err)
		}
		return len(hits)
	}
	if n := search(); n != 0 {
		t.Fatalf("%d hits without searchText, want 0 (the test removes nothing?)", n)
	}
	if err := s.ApplySchema(ctx); err != nil {
		t.Fatal(err)
	}
	if n := search(); n != 1 {
		t.Fatalf("%d hits for Ivory Coast after ApplySchema, want 1", n)
	}
}
