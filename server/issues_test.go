package server_test

import (
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
