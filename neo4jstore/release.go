package neo4jstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stancegraph/stancegraph"
)

// Releases side by side. Every domain node carries the generation of the
// load that wrote it (property gen). One bookkeeping node names the
// generation readers see:
//
//	(:_Current {key: 'graph', gen})     the generation being served
//	(:_Load {gen, state, started})      one per load not yet cleaned up:
//	                                    state 'loading', 'current' or 'retired'
//
// A load writes a new generation in batches, each its own transaction, then
// moves _Current in one small transaction, then deletes the old generation
// in batches. Readers never see a generation before it is complete: every
// read names the generation it expects ($gen) and fails with an
// ArithmeticError if _Current has moved, whereupon the store learns the new
// one and reads again (see Store.read).

// genLabels are the labels of the nodes that belong to a generation. A new
// kind of node joins a load by being listed here and in schema.cypher.
// Bloc is not loaded but written by `stancegraph analyze -write`
// (analysis.go); it goes with the generation it was computed from.
var genLabels = []string{"Position", "Bloc", "Actor", "Instrument", "Article", "Session", "Topic", "Source", "Issue", "Alternative", "VoteSummary", "TreatyStatus", "Release"}

// currentCheck prefixes every read: it fails the statement when the
// generation the store expects ($gen) is no longer the current one.
const currentCheck = "MATCH (cur:_Current {key: 'graph'}) WITH 1 / toInteger(cur.gen = $gen) AS stale\n"

// isStale tells currentCheck's failure apart.
func isStale(err error) bool {
	var nerr *neo4j.Neo4jError
	return errors.As(err, &nerr) && nerr.Code == "Neo.ClientError.Statement.ArithmeticError"
}

// refreshGen reads the current generation into the store.
func (s *Store) refreshGen(ctx context.Context) error {
	const q = `MATCH (cur:_Current {key: 'graph'}) RETURN cur.gen AS gen`
	res, err := neo4j.ExecuteQuery(ctx, s.driver, q, nil, neo4j.EagerResultTransformer, s.opts(neo4j.ExecuteQueryWithReadersRouting())...)
	if err != nil {
		return formatError(err)
	}
	if len(res.Records) == 1 {
		if g, ok := res.Records[0].Values[0].(int64); ok {
			s.gen.Store(g)
		}
	}
	return nil
}

// currentGen returns the current generation inside a write transaction.
func currentGen(ctx context.Context, tx neo4j.ManagedTransaction) (int64, error) {
	res, err := tx.Run(ctx, `MATCH (cur:_Current {key: 'graph'}) RETURN cur.gen AS gen`, nil)
	if err != nil {
		return 0, err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return 0, fmt.Errorf("no current generation (was the schema applied?): %w", err)
	}
	g, _, err := neo4j.GetRecordValue[int64](rec, "gen")
	return g, err
}

// ensureCurrent makes sure a current generation exists. A graph written
// before generations existed (domain nodes without gen, bookkeeping under
// the labels Revision and EditLock) becomes generation 0, in batches.
func (s *Store) ensureCurrent(ctx context.Context) error {
	recs, err := s.autocommit(ctx, `OPTIONAL MATCH (cur:_Current {key: 'graph'}) RETURN cur IS NOT NULL AS ok`, nil)
	if err != nil {
		return err
	}
	if len(recs) == 1 && recs[0].Values[0] == true {
		return nil
	}
	for _, q := range []string{
		`MATCH (n) WHERE n.gen IS NULL AND (` + labelTest("n") + `) CALL (n) { SET n.gen = 0 } IN TRANSACTIONS OF 10000 ROWS`,
		`MATCH (n:Revision) CALL (n) { SET n:_Revision REMOVE n:Revision } IN TRANSACTIONS OF 10000 ROWS`,
		`MATCH (n:EditLock) CALL (n) { SET n:_EditLock REMOVE n:EditLock } IN TRANSACTIONS OF 10000 ROWS`,
		`MATCH (n:Release) REMOVE n.key`,
		`MERGE (l:_Load {gen: 0}) ON CREATE SET l.state = 'current', l.started = toString(datetime())
MERGE (cur:_Current {key: 'graph'}) ON CREATE SET cur.gen = 0`,
	} {
		if _, err := s.autocommit(ctx, q, nil); err != nil {
			return fmt.Errorf("neo4jstore: set up generations: %w", err)
		}
	}
	return nil
}

func labelTest(v string) string {
	var b []byte
	for i, l := range genLabels {
		if i > 0 {
			b = append(b, " OR "...)
		}
		b = append(b, v+":"+l...)
	}
	return string(b)
}

// autocommit runs one statement in an implicit transaction: the only kind
// that may hold CALL … IN TRANSACTIONS.
func (s *Store) autocommit(ctx context.Context, q string, params map[string]any) ([]*neo4j.Record, error) {
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	res, err := sess.Run(ctx, q, params)
	if err != nil {
		return nil, formatError(err)
	}
	recs, err := res.Collect(ctx)
	return recs, formatError(err)
}

// beginLoad removes what earlier loads left behind (a failed load's
// generation, a retired one not yet deleted) and registers a new
// generation, returning it and the current one.
func (s *Store) beginLoad(ctx context.Context) (gen, cur int64, err error) {
	if err := s.dropStale(ctx); err != nil {
		return 0, 0, err
	}
	const q = `MATCH (cur:_Current {key: 'graph'})
OPTIONAL MATCH (l:_Load)
WITH cur, max(l.gen) AS top
CREATE (n:_Load {gen: coalesce(top, cur.gen) + 1, state: 'loading', started: toString(datetime())})
RETURN n.gen AS gen, cur.gen AS cur`
	err = s.write(ctx, func(tx neo4j.ManagedTransaction) error {
		res, err := tx.Run(ctx, q, nil)
		if err != nil {
			return err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return err
		}
		gen, cur = rec.Values[0].(int64), rec.Values[1].(int64)
		return nil
	})
	return gen, cur, err
}

// switchTo makes gen the current generation in one small transaction and
// retires the one it replaces. It fails if gen is no longer a load in
// progress (another load cleaned it up).
func (s *Store) switchTo(ctx context.Context, gen int64) error {
	const q = `MATCH (cur:_Current {key: 'graph'}), (l:_Load {gen: $gen, state: 'loading'})
OPTIONAL MATCH (old:_Load {gen: cur.gen})
SET old.state = 'retired', l.state = 'current', cur.gen = $gen
RETURN count(*) AS n`
	return s.write(ctx, func(tx neo4j.ManagedTransaction) error {
		res, err := tx.Run(ctx, q, map[string]any{"gen": gen})
		if err != nil {
			return err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return err
		}
		if n, _ := rec.Values[0].(int64); n != 1 {
			return stancegraph.Errorf(stancegraph.ECONFLICT, "Another load started while this one ran and removed it; the graph serves the other load's data. Run one load at a time.")
		}
		return nil
	})
}

// dropStale deletes, in batches, every generation that is not current:
// retired ones and those of failed loads.
func (s *Store) dropStale(ctx context.Context) error {
	recs, err := s.autocommit(ctx, `MATCH (l:_Load) WHERE l.state <> 'current' RETURN l.gen AS gen ORDER BY gen`, nil)
	if err != nil {
		return err
	}
	for _, r := range recs {
		g, _ := r.Values[0].(int64)
		if err := s.dropGen(ctx, g); err != nil {
			return err
		}
	}
	return nil
}

// deleteBatch is the number of nodes deleted per transaction.
const deleteBatch = 1000

// deleteInBatches deletes the nodes match binds to n, deleteBatch per
// transaction, and returns how many it deleted.
func (s *Store) deleteInBatches(ctx context.Context, match string, params map[string]any) (int, error) {
	q := match + " WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS n"
	p := map[string]any{"limit": int64(deleteBatch)}
	for k, v := range params {
		p[k] = v
	}
	removed := 0
	for {
		var n int64
		err := s.write(ctx, func(tx neo4j.ManagedTransaction) error {
			res, err := tx.Run(ctx, q, p)
			if err != nil {
				return err
			}
			rec, err := res.Single(ctx)
			if err != nil {
				return err
			}
			n, _ = rec.Values[0].(int64)
			return nil
		})
		if err != nil {
			return removed, err
		}
		removed += int(n)
		if n < deleteBatch {
			return removed, nil
		}
	}
}

// dropAgreesWith binds n to the agreement edges of generation $gen unless
// it is current.
const dropAgreesWith = "MATCH (cur:_Current {key: 'graph'}) WHERE cur.gen <> $gen MATCH (a:Actor)-[n:AGREES_WITH]->() WHERE a.gen = $gen AND a.id IS NOT NULL"

// dropGen deletes the nodes of generation gen, deleteBatch per
// transaction, positions first (they hold most relationships), then its
// _Load node.
func (s *Store) dropGen(ctx context.Context, gen int64) error {
	// Agreement edges first, in batches: an actor can hold one per other
	// actor, too many to detach a thousand actors in one transaction.
	edges, err := s.deleteInBatches(ctx, dropAgreesWith, map[string]any{"gen": gen})
	if err != nil {
		return fmt.Errorf("neo4jstore: remove the agreement edges of load %d (the current data is unaffected; the next load retries): %w", gen, err)
	}
	removed := 0
	for _, label := range genLabels {
		// Labels cannot be parameters; genLabels are fixed in code. The
		// current generation is never deleted. "id IS NOT NULL" lets the
		// (gen, id) constraint's index find the batch: without it every
		// batch scans the label.
		n, err := s.deleteInBatches(ctx, "MATCH (cur:_Current {key: 'graph'}) WHERE cur.gen <> $gen MATCH (n:"+label+") WHERE n.gen = $gen AND n.id IS NOT NULL", map[string]any{"gen": gen})
		if err != nil {
			return fmt.Errorf("neo4jstore: remove the nodes of load %d (the current data is unaffected; the next load retries): %w", gen, err)
		}
		removed += n
	}
	err = s.write(ctx, func(tx neo4j.ManagedTransaction) error {
		_, err := tx.Run(ctx, `MATCH (l:_Load {gen: $gen}) DELETE l`, map[string]any{"gen": gen})
		return err
	})
	if err != nil {
		return fmt.Errorf("neo4jstore: remove load %d: %w", gen, err)
	}
	s.log.Info("removed an old load", "gen", gen, "nodes", removed, "agreementEdges", edges)
	return nil
}
