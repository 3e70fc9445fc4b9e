package neo4jstore_test

import (
	"context"
	"net/http"
	"os"
	"sync"
	"testing"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/neo4jstore"
	"github.com/stancegraph/stancegraph/server"
	"github.com/stancegraph/stancegraph/storetest"
)

// testConfig reads the test server's address from NEO4J_TEST_URI,
// NEO4J_TEST_USERNAME and NEO4J_TEST_PASSWORD (scripts/test sets them).
func testConfig(t *testing.T) neo4jstore.Config {
	t.Helper()
	uri := os.Getenv("NEO4J_TEST_URI")
	if uri == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but NEO4J_TEST_URI is not set: the Neo4j tests must run in CI (scripts/test starts Neo4j with scripts/neo4j)")
		}
		t.Skip("Neo4j tests skipped: NEO4J_TEST_URI is not set (scripts/test starts Neo4j 5.26 with scripts/neo4j and sets it)")
	}
	user := os.Getenv("NEO4J_TEST_USERNAME")
	if user == "" {
		user = "neo4j"
	}
	return neo4jstore.Config{URI: uri, Username: user, Password: os.Getenv("NEO4J_TEST_PASSWORD")}
}

var (
	shared     *neo4jstore.Store
	sharedOnce sync.Once
	sharedErr  error
)

// testStore returns the one store of the test binary (one driver), reset
// to an empty graph. Community edition has one database, so Neo4j tests
// never run in parallel.
func testStore(t *testing.T) *neo4jstore.Store {
	t.Helper()
	cfg := testConfig(t)
	sharedOnce.Do(func() { shared, sharedErr = neo4jstore.Open(context.Background(), cfg) })
	if sharedErr != nil {
		t.Fatalf("Neo4j at %s is configured but cannot be used: %v", cfg.URI, sharedErr)
	}
	if err := shared.Reset(context.Background()); err != nil {
		t.Fatalf("reset: %v", err)
	}
	return shared
}

// nopClose keeps the shared store open when a test closes "its" store.
type nopClose struct{ *neo4jstore.Store }

func (nopClose) Close(context.Context) error { return nil }

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) stancegraph.Store { return nopClose{testStore(t)} })
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared != nil {
		_ = shared.Close(context.Background())
	}
	os.Exit(code)
}

func TestRoundTrips(t *testing.T) {
	storetest.RoundTrips(t, func(t *testing.T) stancegraph.Store { return nopClose{testStore(t)} }, unlimitedAPI)
}

// unlimitedAPI is the API over s with limits high enough for the round
// trips' nested query at 10x.
func unlimitedAPI(s stancegraph.Store) http.Handler {
	return server.New(s, server.Options{MaxComplexity: 1 << 30, MaxResultNodes: 1 << 30})
}
