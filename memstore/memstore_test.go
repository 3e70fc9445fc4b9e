package memstore_test

import (
	"testing"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/memstore"
	"github.com/stancegraph/stancegraph/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(*testing.T) stancegraph.Store { return memstore.New() })
}

func TestRoundTrips(t *testing.T) {
	storetest.RoundTrips(t, func(*testing.T) stancegraph.Store { return memstore.New() })
}
