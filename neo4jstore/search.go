package neo4jstore

import (
	"context"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stancegraph/stancegraph"
)

// maxCandidates bounds the full-text candidates re-scored.
const maxCandidates = 10000

// Search finds candidates with the search_text full-text index (every
// term required), then matches and scores them with
// stancegraph.MatchSearch, so both backends give the same hits: the index
// holds each object's stancegraph.SearchIndexText, so its candidates are a
// superset of MatchSearch's matches.
func (s *Store) Search(ctx context.Context, q stancegraph.SearchQuery) ([]*stancegraph.SearchHit, error) {
	terms := stancegraph.ParseSearch(q.Text)
	if len(terms) == 0 {
		return nil, stancegraph.Errorf(stancegraph.EINVALID, "Search text has no words.")
	}
	params := map[string]any{"q": luceneQuery(terms), "limit": int64(maxCandidates)}
	want := func(kind string) bool { return len(q.Kinds) == 0 || slices.Contains(q.Kinds, kind) }
	const qs = `CALL db.index.fulltext.queryNodes('search_text', $q, {limit: $limit}) YIELD node
WITH node WHERE node.gen = $gen
RETURN labels(node) AS labels, node {.*} AS n`
	recs, err := s.read(ctx, qs, params)
	if err != nil {
		return nil, err
	}
	var hits []*stancegraph.SearchHit
	for _, r := range recs {
		labels, _, err1 := neo4j.GetRecordValue[[]any](r, "labels")
		m, _, err2 := neo4j.GetRecordValue[map[string]any](r, "n")
		if err1 != nil || err2 != nil {
			return nil, formatError(err1)
		}
		n := nodeFrom(labels, m)
		if p, ok := n.(*stancegraph.Position); n == nil || (ok && p.Retracted != nil) {
			continue
		}
		if k, _ := stancegraph.SearchFields(n); !want(k) {
			continue
		}
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

// luceneQuery requires every term: its stem, or for a prefix term also any
// indexed word starting with it. Terms hold only letters, digits, '.' and
// ',', none of them special to Lucene's query parser.
func luceneQuery(terms []stancegraph.SearchTerm) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		if t.Prefix {
			parts[i] = `+("` + t.Stem + `" OR ` + t.Word + `*)`
		} else {
			parts[i] = `+"` + t.Stem + `"`
		}
	}
	return strings.Join(parts, " ")
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
		case "Position":
			return positionFrom(m)
		}
	}
	return nil
}

// indexSearchText gives searchText to the searchable nodes written before
// the search_text index existed (or by an older stancegraph), so a
// database upgraded in place finds them; it does nothing once all have it.
func (s *Store) indexSearchText(ctx context.Context) error {
	for _, label := range []string{"Actor", "Article", "Instrument", "Source", "Position"} {
		for {
			recs, err := s.read(ctx, "MATCH (n:"+label+") WHERE n.searchText IS NULL RETURN n {.*} AS n LIMIT 2000", nil)
			if err != nil || len(recs) == 0 {
				return err
			}
			rows := make([]map[string]any, 0, len(recs))
			for _, r := range recs {
				m, _, err := neo4j.GetRecordValue[map[string]any](r, "n")
				if err != nil {
					return formatError(err)
				}
				rows = append(rows, map[string]any{"id": m["id"], "t": stancegraph.SearchIndexText(nodeFrom([]any{label}, m))})
			}
			err = s.write(ctx, func(tx neo4j.ManagedTransaction) error {
				_, err := tx.Run(ctx, "UNWIND $rows AS r MATCH (n:"+label+" {id: r.id}) SET n.searchText = r.t", map[string]any{"rows": rows})
				return err
			})
			if err != nil {
				return err
			}
		}
	}
	return nil
}
