package neo4jstore

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stancegraph/stancegraph"
)

// Apply makes one edit, to the current generation, in one managed write
// transaction. Concurrent edits of one entity serialize on its (:_EditLock)
// node, so the version check and the write see the same state; the unique
// (:_Revision {key}) is a second guard. Both are bookkeeping, outside any
// generation: a load carries edited entities over.
func (s *Store) Apply(ctx context.Context, e *stancegraph.Edit) (*stancegraph.Revision, error) {
	var rev *stancegraph.Revision
	err := s.write(ctx, func(tx neo4j.ManagedTransaction) error {
		rev = nil
		id := e.EntityID()
		res, err := tx.Run(ctx, `MERGE (l:_EditLock {id: $id}) SET l.n = coalesce(l.n, 0) + 1
WITH l OPTIONAL MATCH (r:_Revision {entityId: $id}) RETURN count(r) AS n`, map[string]any{"id": id})
		if err != nil {
			return err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return err
		}
		n, _, err := neo4j.GetRecordValue[int64](rec, "n")
		if err != nil {
			return err
		}
		if err := stancegraph.CheckVersion(e, int(n)); err != nil {
			return err
		}
		gen, err := currentGen(ctx, tx)
		if err != nil {
			return err
		}
		after, err := s.applyTx(ctx, tx, gen, e)
		if err != nil {
			return err
		}
		rev = stancegraph.NewRevision(e, int(n)+1, after)
		_, err = tx.Run(ctx, `CREATE (r:_Revision {key: $key, entityId: $id, kind: $kind, version: $version, action: $action,
  author: $author, at: $at, reason: $reason, snapshot: $snapshot})`, map[string]any{
			"key": fmt.Sprintf("%s#%d", id, rev.Version), "id": id, "kind": rev.Kind, "version": int64(rev.Version), "action": rev.Action,
			"author": rev.Author, "at": rev.At, "reason": rev.Reason, "snapshot": rev.Snapshot})
		return err
	})
	if err != nil {
		return nil, err
	}
	return rev, nil
}

// applyTx writes the edited entity with the loader's own statements, one row.
func (s *Store) applyTx(ctx context.Context, tx neo4j.ManagedTransaction, gen int64, e *stancegraph.Edit) (any, error) {
	var d stancegraph.Dataset
	var after any
	switch {
	case e.Actor != nil:
		d.Actors, after = []*stancegraph.Actor{e.Actor}, e.Actor
	case e.Article != nil:
		d.Articles, after = []*stancegraph.Article{e.Article}, e.Article
	case e.Source != nil:
		d.Sources, after = []*stancegraph.Source{e.Source}, e.Source
	case e.Position != nil:
		d.Positions, after = []*stancegraph.Position{e.Position}, e.Position
	case e.Issue != nil:
		i := e.Issue.Clone()
		i.SortAlternatives()
		d.Issues, after = []*stancegraph.Issue{i}, i
	case e.Alternative != nil:
		i, err := issueWith(ctx, tx, gen, e.Alternative)
		if err != nil {
			return nil, err
		}
		d.Issues, after = []*stancegraph.Issue{i}, e.Alternative
	default:
		return s.retractTx(ctx, tx, gen, e)
	}
	for _, st := range loadSteps(&d) {
		if st.len() == 0 || st.what == "release" {
			continue
		}
		if _, err := tx.Run(ctx, st.q, map[string]any{"rows": st.all(), "gen": gen}); err != nil {
			return nil, fmt.Errorf("apply %s: %w", st.what, err)
		}
	}
	return after, nil
}

// issueWith returns the issue of alternative a with a in place, read in
// tx under the issue's edit lock, so that concurrent changes of its
// alternatives (and of the issue) serialize and none is lost.
func issueWith(ctx context.Context, tx neo4j.ManagedTransaction, gen int64, a *stancegraph.Alternative) (*stancegraph.Issue, error) {
	const q = `MERGE (l:_EditLock {id: $lock}) SET l.n = coalesce(l.n, 0) + 1
WITH l MATCH (i:Issue {gen: $gen, id: $id})
RETURN ` + issueProjection + ` AS n`
	m, err := readOne(ctx, tx, q, map[string]any{"lock": stancegraph.IssueKey(a.IssueID), "gen": gen, "id": a.IssueID})
	if err != nil {
		return nil, err
	}
	if m == nil {
		return nil, stancegraph.Errorf(stancegraph.EINVALID, "Alternative %q is on unknown issue %q.", a.ID, a.IssueID)
	}
	i := issueFrom(m).WithAlternative(a)
	return i, i.Validate()
}

func (s *Store) retractTx(ctx context.Context, tx neo4j.ManagedTransaction, gen int64, e *stancegraph.Edit) (any, error) {
	m, err := readOne(ctx, tx, `MATCH (p:Position {gen: $gen, id: $id}) RETURN p {.*} AS n`, map[string]any{"id": e.Retract, "gen": gen})
	if err != nil {
		return nil, err
	}
	if m == nil {
		return nil, stancegraph.Errorf(stancegraph.ENOTFOUND, "Position %q not found.", e.Retract)
	}
	p := positionFrom(m)
	if p.Retracted != nil {
		return nil, stancegraph.Errorf(stancegraph.ECONFLICT, "Position %q was already retracted.", e.Retract)
	}
	p.Retracted = &stancegraph.Retraction{By: e.Author, At: e.At, Reason: e.Reason}
	_, err = tx.Run(ctx, `MATCH (p:Position {gen: $gen, id: $id}) SET p.retractedBy = $by, p.retractedAt = $at, p.retractionReason = $reason`,
		absent(map[string]any{"id": e.Retract, "gen": gen, "by": e.Author, "at": e.At, "reason": e.Reason}))
	return p, err
}

// readOne runs q in tx and returns the map n of its first record, nil if
// it has none.
func readOne(ctx context.Context, tx neo4j.ManagedTransaction, q string, params map[string]any) (map[string]any, error) {
	res, err := tx.Run(ctx, q, params)
	if err != nil {
		return nil, err
	}
	recs, err := res.Collect(ctx)
	if err != nil || len(recs) == 0 {
		return nil, err
	}
	m, _, err := neo4j.GetRecordValue[map[string]any](recs[0], "n")
	return m, err
}

// History returns an entity's revisions, oldest first.
func (s *Store) History(ctx context.Context, id string) ([]*stancegraph.Revision, error) {
	const q = `MATCH (r:_Revision {entityId: $id}) RETURN r {.*} AS n ORDER BY r.version`
	return readAll(ctx, s, q, map[string]any{"id": id}, func(m map[string]any) *stancegraph.Revision {
		v, _ := m["version"].(int64)
		return &stancegraph.Revision{EntityID: str(m, "entityId"), Kind: str(m, "kind"), Version: int(v), Action: str(m, "action"),
			Author: str(m, "author"), At: str(m, "at"), Reason: str(m, "reason"), Snapshot: str(m, "snapshot")}
	})
}
