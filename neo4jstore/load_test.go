package neo4jstore_test

import (
	"context"
	"math/rand/v2"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/neo4jstore"
	"github.com/stancegraph/stancegraph/storetest"
	"github.com/stancegraph/stancegraph/synth"
)

// cypher runs one statement against the test server, outside the store.
func cypher(t *testing.T, q string) []*neo4j.Record {
	t.Helper()
	cfg := testConfig(t)
	d, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(context.Background())
	res, err := neo4j.ExecuteQuery(context.Background(), d, q, nil, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return res.Records
}

// count runs a statement returning one integer.
func count(t *testing.T, q string) int64 {
	t.Helper()
	recs := cypher(t, q)
	if len(recs) != 1 {
		t.Fatalf("%s: %d rows", q, len(recs))
	}
	n, _ := recs[0].Values[0].(int64)
	return n
}

// transactionCap returns dbms.memory.transaction.total.max in bytes (0: none).
func transactionCap(t *testing.T) int64 {
	t.Helper()
	recs := cypher(t, "CALL dbms.listConfig('dbms.memory.transaction.total.max') YIELD name, value RETURN value")
	if len(recs) != 1 {
		t.Fatal("dbms.memory.transaction.total.max not found")
	}
	v, _ := recs[0].Values[0].(string)
	m := regexp.MustCompile(`^([0-9.]+)\s*([KMG]i?B|B)$`).FindStringSubmatch(strings.TrimSpace(v))
	if m == nil {
		t.Fatalf("cannot read dbms.memory.transaction.total.max %q", v)
	}
	f, _ := strconv.ParseFloat(m[1], 64)
	unit := map[string]float64{"B": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30}[m[2]]
	return int64(f * unit)
}

// maxTestCap is the largest transaction cap the big-load test runs under:
// the data set must be several times the cap and still load quickly.
const maxTestCap = 64 << 20

// TestLoadBeyondTransactionMemory loads a data set that does not fit in one
// transaction under the server's cap (shown by loading it in one), and
// succeeds.
func TestLoadBeyondTransactionMemory(t *testing.T) {
	s := testStore(t)
	c := transactionCap(t)
	if c == 0 || c > maxTestCap {
		msg := "start Neo4j with NEO4J_SETTINGS=dbms.memory.transaction.total.max=40m (scripts/test does)"
		if !isCI() {
			t.Skipf("the server's transaction memory is not capped at %d MiB or less: %s", maxTestCap>>20, msg)
		}
		t.Fatalf("CI=true and the server's transaction memory is not capped: %s", msg)
	}
	ctx := context.Background()
	d := synth.Generate(storetest.Bundled(t), 20, 1)
	err := neo4jstore.LoadInOneTransaction(ctx, s, d)
	if err == nil {
		t.Fatalf("the data set fits in one transaction under a %d MiB cap: make it bigger", c>>20)
	}
	msg := stancegraph.ErrorMessage(err)
	if !strings.Contains(msg, "dbms.memory.transaction.total.max") || strings.Contains(msg, "try again") {
		t.Errorf("one transaction failed with %q (%v), want advice on dbms.memory.transaction.total.max and no 'try again'", msg, err)
	}
	t.Logf("in one transaction under a %d MiB cap: %s", c>>20, msg)
	start := time.Now()
	if err := s.Load(ctx, d); err != nil {
		t.Fatalf("batched load under a %d MiB cap: %v", c>>20, err)
	}
	t.Logf("batched load of %d positions under a %d MiB cap: %s", len(d.Positions), c>>20, time.Since(start).Round(time.Millisecond))
	// Counted in Cypher: FindPositions would collect them all in one
	// statement, more than the cap allows.
	if n := count(t, "MATCH (cur:_Current) MATCH (p:Position {gen: cur.gen}) RETURN count(p)"); n != int64(len(d.Positions)) {
		t.Fatalf("after the load: %d positions, want %d", n, len(d.Positions))
	}
	if r, err := s.Release(ctx); err != nil || r.ID != d.Release.ID {
		t.Fatalf("after the load: release %+v (%v), want %s", r, err, d.Release.ID)
	}
	noLeftovers(t)
}

// noLeftovers checks that only the current generation is in the graph.
func noLeftovers(t *testing.T) {
	t.Helper()
	if n := count(t, "MATCH (cur:_Current) MATCH (n) WHERE n.gen IS NOT NULL AND n.gen <> cur.gen RETURN count(n)"); n != 0 {
		t.Errorf("%d nodes of other generations left", n)
	}
	if n := count(t, "MATCH (l:_Load) RETURN count(l)"); n != 1 {
		t.Errorf("%d loads registered, want 1 (the current)", n)
	}
}

// TestLoadInterrupted stops loads at a random batch, by cancelling them
// and by cutting their connection (as a killed process would): the
// previous release keeps serving, and after the next load no node of the
// interrupted one is left.
func TestLoadInterrupted(t *testing.T) {
	base := testStore(t)
	ctx := context.Background()
	bundled := storetest.Bundled(t)
	storetest.MustLoad(t, base, bundled)
	// 3x writes some 25 batches: every step one or more.
	big := synth.Generate(bundled, 3, 2)
	for _, how := range []string{"cancel", "cut"} {
		t.Run(how, func(t *testing.T) {
			at := 1 + rand.IntN(20)
			p := &proxy{target: hostOf(t)}
			cfg := testConfig(t)
			cfg.URI, cfg.Timeout = "bolt://"+p.start(t, "127.0.0.1:0"), time.Second
			lctx, cancel := context.WithCancel(ctx)
			defer cancel()
			seen := 0
			cfg.Progress = func(neo4jstore.LoadProgress) {
				if seen++; seen == at {
					if how == "cancel" {
						cancel()
					} else {
						p.stop()
					}
				}
			}
			s, err := neo4jstore.Open(ctx, cfg)
			if err != nil {
				t.Fatal(err)
			}
			err = s.Load(lctx, big)
			s.Close(ctx)
			if err == nil {
				t.Fatalf("the load completed although interrupted after batch %d", at)
			}
			t.Logf("interrupted after batch %d: %v", at, err)
			serving(t, base, bundled)
			storetest.MustLoad(t, base, bundled)
			serving(t, base, bundled)
			noLeftovers(t)
		})
	}
}

// serving checks that s serves exactly d's release and positions.
func serving(t *testing.T, s *neo4jstore.Store, d *stancegraph.Dataset) {
	t.Helper()
	ctx := context.Background()
	r, err := s.Release(ctx)
	if err != nil || r.ID != d.Release.ID {
		t.Fatalf("release %+v (%v), want %s", r, err, d.Release.ID)
	}
	if _, n, err := s.FindPositions(ctx, stancegraph.PositionFilter{}); err != nil || n != len(d.Positions) {
		t.Fatalf("%d positions (%v), want %d", n, err, len(d.Positions))
	}
}

func hostOf(t *testing.T) string {
	t.Helper()
	u, err := url.Parse(testConfig(t).URI)
	if err != nil {
		t.Fatal(err)
	}
	return u.Host
}

func isCI() bool { return os.Getenv("CI") == "true" }

// TestGraphFromBeforeGenerations opens a graph written before loads had
// generations (no gen, bookkeeping under Revision and EditLock): it serves
// as generation 0, and the next load replaces it.
func TestGraphFromBeforeGenerations(t *testing.T) {
	base := testStore(t)
	ctx := context.Background()
	bundled := storetest.Bundled(t)
	storetest.MustLoad(t, base, bundled)
	for _, q := range []string{
		"MATCH (n) WHERE n.gen IS NOT NULL REMOVE n.gen",
		"MATCH (n) WHERE n:_Current OR n:_Load DELETE n",
		"MATCH (r:Release) SET r.key = 'current'",
		"CREATE (:Revision {key: 'IRN#1', entityId: 'IRN', version: 1}), (:EditLock {id: 'IRN'})",
	} {
		cypher(t, q)
	}
	s, err := neo4jstore.Open(ctx, testConfig(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	serving(t, s, bundled)
	if n := count(t, "MATCH (n) WHERE n:Revision OR n:EditLock RETURN count(n)"); n != 0 {
		t.Errorf("%d nodes keep the old bookkeeping labels", n)
	}
	if n := count(t, "MATCH (r:_Revision {entityId: 'IRN'}) RETURN count(r)"); n != 1 {
		t.Errorf("%d revisions of IRN under _Revision, want 1", n)
	}
	storetest.MustLoad(t, s, bundled)
	serving(t, s, bundled)
	noLeftovers(t)
}

// TestReadersFollowAnotherProcessLoad: a store serving reads learns of a
// load made through another store (another process) at its next read, even
// once the generation it knew is deleted.
func TestReadersFollowAnotherProcessLoad(t *testing.T) {
	reader := testStore(t)
	ctx := context.Background()
	bundled := storetest.Bundled(t)
	storetest.MustLoad(t, reader, bundled)
	serving(t, reader, bundled)
	loader, err := neo4jstore.Open(ctx, testConfig(t))
	if err != nil {
		t.Fatal(err)
	}
	defer loader.Close(ctx)
	other := synth.Generate(bundled, 1, 7)
	other.Release.ID += "-other"
	storetest.MustLoad(t, loader, other)
	serving(t, reader, other)
	noLeftovers(t)
}
