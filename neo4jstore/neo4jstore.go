// Package neo4jstore is the Neo4j Store: the production backend, for a
// shared graph that researchers also browse in Neo4j Browser, on one server
// or a cluster (neo4j:// routing). Reads are single parameterized Cypher
// statements routed to readers; a load writes a new generation of the graph
// beside the current one in batches and switches to it in one small
// transaction (release.go).
package neo4jstore

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/plan"
)

var (
	_ stancegraph.Store = (*Store)(nil)
	_ plan.Executor     = (*Store)(nil) // a plan is one Cypher statement
)

//go:embed schema.cypher
var schemaCypher string

// Config says how to reach Neo4j.
type Config struct {
	URI      string // neo4j://, neo4j+s://, bolt:// ...
	Username string
	Password string
	// Database names the database; "" for the user's home database, which
	// Open resolves once and pins (naming the database spares the server a
	// home-database lookup per transaction).
	Database string
	Logger   *slog.Logger
	// Timeout bounds connecting and acquiring a connection for writes and
	// the schema (retried for twice as long). Default 5s.
	Timeout time.Duration
	// ReadTimeout bounds connecting, acquiring a connection and retrying
	// for reads, so a read fails fast with UNAVAILABLE while Neo4j is down.
	// Default 1s.
	ReadTimeout time.Duration
	// Progress, if set, is called after each batch of a load.
	Progress func(LoadProgress)
}

// Store is the Neo4j backend. It is safe for concurrent use: it holds two
// drivers (reads with short timeouts, writes with patient retries) and
// opens a session per call.
type Store struct {
	driver neo4j.DriverWithContext // writes and the schema
	reader neo4j.DriverWithContext // reads
	db     string
	log    *slog.Logger
	// downUntil (Unix ns): after a read found Neo4j unreachable, reads
	// answer UNAVAILABLE at once until then, instead of each trying.
	downUntil  atomic.Int64
	readWindow time.Duration
	progress   func(LoadProgress)
	gen        atomic.Int64 // the generation reads expect (release.go)
}

// Open connects, checks connectivity and applies the schema.
func Open(ctx context.Context, c Config) (*Store, error) {
	if c.Timeout == 0 {
		c.Timeout = 5 * time.Second
	}
	if c.ReadTimeout == 0 {
		c.ReadTimeout = time.Second
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	d, err := neo4j.NewDriverWithContext(c.URI, neo4j.BasicAuth(c.Username, c.Password, ""), func(cf *config.Config) {
		cf.SocketConnectTimeout = c.Timeout
		cf.ConnectionAcquisitionTimeout = c.Timeout
		cf.MaxTransactionRetryTime = 2 * c.Timeout
		cf.ConnectionLivenessCheckTimeout = 30 * time.Second
	})
	if err != nil {
		return nil, fmt.Errorf("neo4jstore: %w", err)
	}
	r, err := neo4j.NewDriverWithContext(c.URI, neo4j.BasicAuth(c.Username, c.Password, ""), func(cf *config.Config) {
		// The driver's retries wait a second between attempts; read
		// retries once itself, at once, for a pooled connection found dead.
		// Reaching the server (the socket) is bounded by ReadTimeout, so a
		// stopped Neo4j answers at once; acquiring also covers a new
		// connection's Bolt handshake, which a burst of reads on a busy
		// machine can take over half a second for (it tripped the fast-fail
		// window mid-query under -race), so it gets the write timeout.
		cf.SocketConnectTimeout = c.ReadTimeout / 2
		cf.ConnectionAcquisitionTimeout = c.Timeout
		cf.MaxTransactionRetryTime = time.Nanosecond
		cf.ConnectionLivenessCheckTimeout = 30 * time.Second
	})
	if err != nil {
		_ = d.Close(ctx)
		return nil, fmt.Errorf("neo4jstore: %w", err)
	}
	s := &Store{driver: d, reader: r, db: c.Database, log: c.Logger, readWindow: c.ReadTimeout, progress: c.Progress}
	if err := d.VerifyConnectivity(ctx); err != nil {
		_ = s.Close(ctx)
		return nil, fmt.Errorf("neo4jstore: cannot reach Neo4j at %s: %w", c.URI, err)
	}
	if s.db == "" {
		res, err := neo4j.ExecuteQuery(ctx, d, "RETURN 1", nil, neo4j.EagerResultTransformer)
		if err != nil {
			_ = s.Close(ctx)
			return nil, fmt.Errorf("neo4jstore: find the home database: %w", err)
		}
		s.db = res.Summary.Database().Name()
	}
	if err := s.ApplySchema(ctx); err != nil {
		_ = s.Close(ctx)
		return nil, err
	}
	return s, nil
}

// ApplySchema creates the constraints and indexes; it is idempotent.
func (s *Store) ApplySchema(ctx context.Context) error {
	for _, stmt := range strings.Split(schemaCypher, ";") {
		if stmt = stripComments(stmt); stmt == "" {
			continue
		}
		if _, err := neo4j.ExecuteQuery(ctx, s.driver, stmt, nil, neo4j.EagerResultTransformer, s.opts()...); err != nil {
			return fmt.Errorf("neo4jstore: apply schema %q: %w", stmt, err)
		}
	}
	if err := s.indexSearchText(ctx); err != nil {
		return fmt.Errorf("neo4jstore: index search text: %w", err)
	}
	_, err := neo4j.ExecuteQuery(ctx, s.driver, "CALL db.awaitIndexes(60)", nil, neo4j.EagerResultTransformer, s.opts()...)
	if err != nil {
		return fmt.Errorf("neo4jstore: await indexes: %w", err)
	}
	if err := s.ensureCurrent(ctx); err != nil {
		return err
	}
	return s.refreshGen(ctx)
}

func stripComments(stmt string) string {
	var keep []string
	for _, l := range strings.Split(stmt, "\n") {
		if t := strings.TrimSpace(l); t != "" && !strings.HasPrefix(t, "//") {
			keep = append(keep, l)
		}
	}
	return strings.TrimSpace(strings.Join(keep, "\n"))
}

// Close closes the drivers.
func (s *Store) Close(ctx context.Context) error {
	return errors.Join(s.driver.Close(ctx), s.reader.Close(ctx))
}

// Ping checks that Neo4j answers.
func (s *Store) Ping(ctx context.Context) error {
	_, err := s.read(ctx, "RETURN 1 AS ok", nil)
	return err
}

// Reset deletes the whole graph, in batches, and reapplies the schema.
// For tests.
func (s *Store) Reset(ctx context.Context) error {
	// Agreement edges first, in batches of their own: an actor holds one
	// per other actor of each stored analysis, too many to detach in one
	// transaction of a capped server.
	if _, err := s.deleteInBatches(ctx, "MATCH ()-[n:AGREES_WITH]->()", nil); err != nil {
		return err
	}
	for _, label := range genLabels {
		if _, err := s.deleteInBatches(ctx, "MATCH (n:"+label+")", nil); err != nil {
			return err
		}
	}
	if _, err := s.deleteInBatches(ctx, "MATCH (n)", nil); err != nil {
		return err
	}
	return s.ApplySchema(ctx)
}

func (s *Store) opts(extra ...neo4j.ExecuteQueryConfigurationOption) []neo4j.ExecuteQueryConfigurationOption {
	if s.db != "" {
		extra = append(extra, neo4j.ExecuteQueryWithDatabase(s.db))
	}
	return extra
}

// read runs one read statement, routed to readers on a cluster, against
// the current generation: q uses $gen for it. If a load has switched
// generations since the store last looked, it learns the new one and runs
// q again. While Neo4j is known to be unreachable it answers UNAVAILABLE at once.
func (s *Store) read(ctx context.Context, q string, params map[string]any) ([]*neo4j.Record, error) {
	if time.Now().UnixNano() < s.downUntil.Load() {
		return nil, stancegraph.Errorf(stancegraph.EUNAVAILABLE, "The graph database is unavailable; try again shortly.")
	}
	if params == nil {
		params = map[string]any{}
	}
	start := time.Now()
	for attempt := 0; ; attempt++ {
		params["gen"] = s.gen.Load()
		res, err := neo4j.ExecuteQuery(ctx, s.reader, currentCheck+q, params, neo4j.EagerResultTransformer, s.opts(neo4j.ExecuteQueryWithReadersRouting())...)
		if err == nil {
			return res.Records, nil
		}
		if isStale(err) && attempt == 0 {
			// A load switched generations: learn the new one, read again.
			if err := s.refreshGen(ctx); err != nil {
				return nil, err
			}
			continue
		}
		err = formatError(err)
		if stancegraph.ErrorCode(err) != stancegraph.EUNAVAILABLE {
			return nil, err
		}
		// Unreachable: retry once at once, then answer UNAVAILABLE at once
		// for a while instead of each read waiting.
		if attempt > 0 || time.Since(start) > s.readWindow/2 {
			s.downUntil.Store(time.Now().Add(s.readWindow).UnixNano())
			return nil, err
		}
	}
}

// write runs work in one managed write transaction (retried on transient errors).
func (s *Store) write(ctx context.Context, work func(tx neo4j.ManagedTransaction) error) error {
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	_, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		err := work(tx)
		if err != nil && isOutOfMemory(err) {
			// Neo4j calls it transient, but the same transaction
			// would need the same memory again.
			err = noRetry{err}
		}
		return struct{}{}, err
	})
	return formatError(err)
}

// noRetry hides an error from the driver's retry logic.
type noRetry struct{ err error }

func (e noRetry) Error() string { return e.err.Error() }

// formatError turns driver failures into domain errors where a client can
// act on them; anything else stays an internal error (logged, not shown).
func formatError(err error) error {
	if err == nil {
		return nil
	}
	if nr, ok := err.(noRetry); ok {
		err = nr.err
	}
	var nerr *neo4j.Neo4jError
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return err
	case isOutOfMemory(err):
		return fmt.Errorf("%w: %v", stancegraph.Errorf(stancegraph.EINTERNAL, "Neo4j ran out of memory for one transaction; retrying will not help. "+
			"Give Neo4j more: raise dbms.memory.transaction.total.max (and db.memory.transaction.max if set) and the heap, server.memory.heap.max_size. "+
			"A load commits in batches of %d rows, so if these limits are already generous this is a bug: please report it.", batchSize), err)
	case neo4j.IsConnectivityError(err), neo4j.IsRetryable(err), isUnavailable(err):
		return fmt.Errorf("%w: %v", stancegraph.Errorf(stancegraph.EUNAVAILABLE, "The graph database is unavailable; try again shortly."), err)
	case errors.As(err, &nerr) && nerr.Title() == "ConstraintValidationFailed":
		return fmt.Errorf("%w: %v", stancegraph.Errorf(stancegraph.ECONFLICT, "The change conflicts with existing data."), err)
	}
	return fmt.Errorf("neo4jstore: %w", err)
}

// isOutOfMemory tells Neo4j's memory-pool limits apart from transient
// failures a retry can help (Neo4j classes both as transient).
func isOutOfMemory(err error) bool {
	var nerr *neo4j.Neo4jError
	if errors.As(err, &nerr) {
		return strings.Contains(nerr.Code, "MemoryPoolOutOfMemoryError") || strings.Contains(nerr.Code, "OutOfMemoryError")
	}
	return strings.Contains(err.Error(), "MemoryPoolOutOfMemoryError")
}

func isUnavailable(err error) bool {
	var te *neo4j.TransactionExecutionLimit
	var ue *neo4j.UsageError
	msg := err.Error()
	return errors.As(err, &te) || (errors.As(err, &ue) && strings.Contains(msg, "closed")) ||
		strings.Contains(msg, "connection refused") || strings.Contains(msg, "ConnectivityError")
}
