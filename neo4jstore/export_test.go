package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stancegraph/stancegraph"
)

// LoadInOneTransaction writes d as a new generation the way loads were
// written before batching: every statement in one transaction. Tests use
// it to show that a data set does not fit in Neo4j's transaction memory.
// It never switches to what it wrote and deletes it.
func LoadInOneTransaction(ctx context.Context, s *Store, d *stancegraph.Dataset) error {
	gen, _, err := s.beginLoad(ctx)
	if err != nil {
		return err
	}
	defer s.abandon(ctx, gen)
	return s.write(ctx, func(tx neo4j.ManagedTransaction) error {
		for _, st := range loadSteps(d) {
			all := st.all()
			for i := 0; i < len(all); i += batchSize {
				rows := all[i:min(i+batchSize, len(all))]
				if _, err := tx.Run(ctx, st.q, map[string]any{"rows": rows, "gen": gen}); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
