package server_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stancegraph/stancegraph/server"
	"github.com/stancegraph/stancegraph/storetest"
)

// TestAnalyticsShared: twenty aliases asking the same measure compute it
// once: as many store calls as one alias.
func TestAnalyticsShared(t *testing.T) {
	url, calls := countingServer(t, server.Options{})
	storetest.Post(t, url, `{ contested(first: 1) { score } }`, nil) // the actor count the pricing asks once a minute
	count := func(aliases int) int64 {
		var q strings.Builder
		for i := 0; i < aliases; i++ {
			fmt.Fprintf(&q, "c%d: swings(first: 3, options: {asOf: \"2024-0%d\"}) { split } ", i, aliases%9+1)
		}
		before := calls.Load()
		if r := storetest.Post(t, url, "{ "+q.String()+"}", nil); len(r.Errors) > 0 {
			t.Fatalf("%.300s", r.Raw)
		}
		return calls.Load() - before
	}
	if one, twenty := count(1), count(20); twenty != one {
		t.Fatalf("twenty aliases made %d store calls, one alias %d", twenty, one)
	}
}

// TestAnalyticsDeadline: a centrality over every actor (about 2 s on the
// bundled data) is answered at the request's deadline. Checked
// generously: the old code answered after the whole computation.
func TestAnalyticsDeadline(t *testing.T) {
	url, _ := countingServer(t, server.Options{Timeout: 100 * time.Millisecond})
	start := time.Now()
	r := storetest.Post(t, url, `{ centrality(first: 3) { pageRank } }`, nil)
	if took := time.Since(start); took > time.Second {
		t.Errorf("answered after %s", took)
	}
	if r.Code() != "UNAVAILABLE" {
		t.Fatalf("%.300s", r.Raw)
	}
}
