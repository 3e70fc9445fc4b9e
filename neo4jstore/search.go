package neo4jstore

import (
	"context"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stancegraph/stancegraph"
)

// maxCandidates bounds the full-text candidates re-scored per index.
const maxCandidates = 10000

// Search finds candidates with Neo4j's full-text indexes (every word
// required), then matches and scores them with stancegraph.MatchSearch, so
// both backends rank alike.
func (s *Store) Search(ctx context.Context, q stancegraph.SearchQuery) ([]*stancegraph.SearchHit, error) {
	terms := stancegraph.Tokenize(q.Text)
	if len(terms) == 0 {
		return nil, stancegraph.Errorf(stancegraph.EINVALID, "Search text has no words.")
	}
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = `+"` + t + `"` // tokens hold only letters, digits, ' . and ,
	}
	params := map[string]any{"q": strings.Join(parts, " "), "limit": int64(maxCandidates)}
	want := func(kind string) bool { return len(q.Kinds) == 0 || slices.Contains(q.Kinds, kind) }
	var nodes []stancegraph.Node
	if want("POSITION") {
		const qp = `CALL db.index.fulltext.queryNodes('position_text', $q, {limit: $limit}) YIELD node WITH node WHERE node.gen = $gen RETURN node {.*} AS n`
		ps, err := readAll(ctx, s, qp, params, positionFrom)
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			if p.Retracted == nil {
				nodes = append(nodes, p)
			}
		}
	}
	const qn = `CALL db.index.fulltext.queryNodes('named_text', $q, {limit: $limit}) YIELD node
WITH node WHERE node.gen = $gen
RETURN labels(node) AS labels, node {.*} AS n`
	recs, err := s.read(ctx, qn, params)
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		labels, _, err1 := neo4j.GetRecordValue[[]any](r, "labels")
		m, _, err2 := neo4j.GetRecordValue[map[string]any](r, "n")
		if err1 != nil || err2 != nil {
			return nil, formatError(err1)
		}
		if n := nodeFrom(labels, m); n != nil {
			if k, _ := stancegraph.SearchFields(n); want(k) {
				nodes = append(nodes, n)
			}
		}
	}
	var hits []*stancegraph.SearchHit
	for _, n := range nodes {
		if h, ok := stancegraph.MatchSearch(terms, n); ok {
			hits = append(hits, h)
		}
	}
	slices.SortFunc(hits, stancegraph.CompareHits)
	if q.Limit > 0 && len(hits) > q.Limit {
		hits = hits[:q.Limit]
	}
	return hits, nil
}

func nodeFrom(labels []any, m map[string]any) stancegraph.Node {
	for _, l := range labels {
		switch l {
		case "Actor":
			return actorFrom(m)
		case "Article":
			return articleFrom(m)
		case "Instrument":
			return instrumentFrom(m)
		case "Source":
			return sourceFrom(m)
		}
	}
	return nil
}
