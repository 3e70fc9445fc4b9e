package neo4jstore_test

import (
	"testing"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/storetest"
)

// TestIssueEditRewritesTheScale: an issue edit that drops an alternative
// and its reference point leaves no node or relationship of them behind,
// so a Cypher user walking issue → alternative sees the scale as edited.
func TestIssueEditRewritesTheScale(t *testing.T) {
	s := testStore(t)
	storetest.MustLoad(t, s, storetest.Bundled(t))
	storetest.MustApply(t, s, storetest.IssueEdits(t))
	const refs = `MATCH (:_Current {key: 'graph'}) MATCH (i:Issue {id: 'threshold'})-[:REFERENCE]->(a) RETURN count(a)`
	if n := count(t, refs); n != 1 {
		t.Fatalf("REFERENCE links after the edit: %d, want 1", n)
	}
	e := storetest.IssueEdits(t)[0]
	i := e.Issue
	i.Alternatives = i.Alternatives[:len(i.Alternatives)-1] // threshold-50 dropped
	i.ReferenceID, i.ReferenceInstrumentID, e.ReferenceSourceURLs = "", "", nil
	storetest.MustApply(t, s, []*stancegraph.Edit{e})
	for q, want := range map[string]int64{
		refs: 0,
		`MATCH (a:Alternative {id: 'threshold-50'}) RETURN count(a)`:                               0,
		`MATCH (:Issue {id: 'threshold'})-[:HAS_ALTERNATIVE]->(a) RETURN count(a)`:                 4,
		`MATCH (:Issue {id: 'threshold'})-[:OUTCOME]->(a {id: 'threshold-40'}) RETURN count(a)`:    1,
		`MATCH (:Issue {id: 'threshold'})-[:HAS_ALTERNATIVE]->()-[c:CONCERNS]->() RETURN count(c)`: 4,
		`MATCH (p:Position)-[:FAVOURS]->(:Alternative {id: 'threshold-30'}) RETURN count(p)`:       3,
	} {
		if n := count(t, q); n != want {
			t.Errorf("%s = %d, want %d", q, n, want)
		}
	}
}
