package memstore_test

import (
	"net/http"
	"testing"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/memstore"
	"github.com/stancegraph/stancegraph/server"
	"github.com/stancegraph/stancegraph/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(*testing.T) stancegraph.Store { return memstore.New() })
}

func TestRoundTrips(t *testing.T) {
	storetest.RoundTrips(t, func(*testing.T) stancegraph.Store { return memstore.New() }, unlimitedAPI)
}

// unlimitedAPI is the API over s with limits high enough for the round
// trips' nested query at 10x.
func unlimitedAPI(s stancegraph.Store) http.Handler {
	return server.New(s, server.Options{MaxComplexity: 1 << 30, MaxResultNodes: 1 << 30})
}
