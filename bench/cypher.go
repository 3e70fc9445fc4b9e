package main

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/coalition"
)

// The driver limit: each query of the set as hand-written Cypher, one
// statement (the blocs: one for the positions, one for the articles, then
// the same Louvain code the resolver runs), through neo4j-go-driver
// directly, the answer built as the GraphQL `data` object and marshalled
// to JSON. Its first answer is compared with the GraphQL answer after
// normalisation (decoded, "" read as null, object keys unordered); later
// answers must equal the first byte for byte.

// typename is the GraphQL type of an Actor node, from its type property.
const typename = `CASE %s.type WHEN 'STATE' THEN 'State' WHEN 'ORGANIZATION' THEN 'Organization' WHEN 'GROUP' THEN 'Group' ELSE 'Person' END`

// live keeps positions no curator retracted (the API's default).
const live = `coalesce(p.retractedAt, '') = ''`

// sourcesOf lists a position's sources in its sourceIds order.
const sourcesOf = `COLLECT { UNWIND range(0, size(p.sourceIds) - 1) AS i MATCH (s:Source {id: p.sourceIds[i]}) RETURN s {%s} ORDER BY i }`

var cypherQueries = map[string]string{
	"opposes": `MATCH (i:Instrument {isDefault: true})
MATCH (a:Article {instrumentId: i.id, number: 5})
CALL (a) {
  MATCH (p:Position) WHERE p.articleId IN [a.id] + a.correspondsTo AND p.stance = 'OPPOSES' AND ` + live + `
  WITH p ORDER BY coalesce(p.date, ''), p.id
  MATCH (act:Actor {id: p.actorId}), (pa:Article {id: p.articleId})
  OPTIONAL MATCH (src:Source {id: p.sourceIds[0]})
  RETURN collect(p {.id, .kind, actor: act {__typename: ` + fmt.Sprintf(typename, "act") + `, .id, .name}, .stance, .stanceText, .quote, .date,
    .paragraph, .verification, .verifiedText, .note, source: src {.id, .title, .url, .publisher, .class, .date, .note},
    sources: ` + fmt.Sprintf(sourcesOf, ".url") + `, article: pa {.id, .number, instrument: {id: pa.instrumentId}}}) AS positions
}
RETURN {article: a {.id, .number, .title, .status, .chapter, .note, .verification, positions: positions}} AS data`,

	"microsoft": `MATCH (n:Actor) WHERE toLower(n.name) CONTAINS $name OR any(al IN n.aliases WHERE toLower(al) CONTAINS $name)
WITH n ORDER BY n.type, n.name, n.id
CALL (n) {
  MATCH (p:Position {actorId: n.id}) WHERE ` + live + `
  WITH p ORDER BY coalesce(p.date, ''), p.id
  OPTIONAL MATCH (pa:Article {id: p.articleId})
  OPTIONAL MATCH (sp:Person {id: p.speakerId})
  OPTIONAL MATCH (src:Source {id: p.sourceIds[0]})
  RETURN collect(p {article: pa {.number, .title}, topic: p.topics[0],
    topics: COLLECT { UNWIND range(0, size(p.topics) - 1) AS i MATCH (t:Topic {id: p.topics[i]}) RETURN t {.id, .name, .description} ORDER BY i },
    .stance, .quote, speaker: sp {.name}, source: src {.url}}) AS positions, collect(p.stance) AS stances
}
RETURN collect(n {__typename: ` + fmt.Sprintf(typename, "n") + `, .id, .name, .aliases, .type, .kind, .url,
  people: CASE n.type WHEN 'ORGANIZATION' THEN COLLECT { MATCH (pp:Person {organizationId: n.id}) RETURN pp {.name, .role, organization: {id: n.id}} ORDER BY pp.name, pp.id } END,
  positions: positions, stanceCounts: stances}) AS data`,

	"stanceCounts": `MATCH (a:Article)
WITH a ORDER BY a.instrumentId, a.number
CALL (a) {
  OPTIONAL MATCH (p:Position) WHERE p.articleId IN [a.id] + a.correspondsTo AND ` + live + `
  RETURN collect(p.stance) AS stances
}
RETURN collect(a {.id, stanceCounts: stances}) AS data`,

	"nested": `MATCH (n:Actor {type: 'ORGANIZATION'})
WITH n ORDER BY n.name, n.id LIMIT 10
CALL (n) {
  MATCH (p:Position {actorId: n.id}) WHERE ` + live + `
  WITH p ORDER BY coalesce(p.date, ''), p.id
  OPTIONAL MATCH (se:Session {id: p.sessionId})
  OPTIONAL MATCH (pa:Article {id: p.articleId})
  OPTIONAL MATCH (pi:Instrument {id: pa.instrumentId})
  CALL (pa) {
    OPTIONAL MATCH (q:Position) WHERE pa IS NOT NULL AND q.articleId IN [pa.id] + pa.correspondsTo AND q.stance IN ['OPPOSES', 'SUPPORTS'] AND coalesce(q.retractedAt, '') = ''
    WITH q ORDER BY coalesce(q.date, ''), q.id
    OPTIONAL MATCH (qa:Actor {id: q.actorId})
    RETURN collect(q {.stance, actor: qa {.name}}) AS others
  }
  RETURN collect(p {.stance, .quote, sources: ` + fmt.Sprintf(sourcesOf, ".url") + `,
    topics: COLLECT { UNWIND range(0, size(p.topics) - 1) AS i MATCH (t:Topic {id: p.topics[i]}) RETURN t {.name} ORDER BY i },
    session: se {.name}, article: CASE WHEN pa IS NULL THEN NULL ELSE pa {.title, instrument: pi {.title}, positions: others} END}) AS positions
}
RETURN collect(n {.name, people: COLLECT { MATCH (pp:Person {organizationId: n.id}) RETURN pp {.name} ORDER BY pp.name, pp.id }, positions: positions}) AS data`,
}

// driverQuery returns the driver-limit function for query name.
func driverQuery(d neo4j.DriverWithContext, name string) (func(ctx context.Context) (any, error), bool) {
	read := func(ctx context.Context, q string, params map[string]any) ([]*neo4j.Record, error) {
		res, err := neo4j.ExecuteQuery(ctx, d, q, params, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithReadersRouting())
		if err != nil {
			return nil, err
		}
		return res.Records, nil
	}
	one := func(q string, params map[string]any, post func(any) any) func(ctx context.Context) (any, error) {
		return func(ctx context.Context) (any, error) {
			recs, err := read(ctx, q, params)
			if err != nil {
				return nil, err
			}
			if len(recs) != 1 {
				return nil, fmt.Errorf("%d records", len(recs))
			}
			v, _ := recs[0].Get("data")
			if post != nil {
				v = post(v)
			}
			return v, nil
		}
	}
	switch name {
	case "opposes":
		return one(cypherQueries[name], nil, nil), true
	case "microsoft":
		return one(cypherQueries[name], map[string]any{"name": "microsoft"}, func(v any) any {
			actors, _ := v.([]any)
			for _, a := range actors {
				m := a.(map[string]any)
				m["stanceCounts"] = stanceCounts(m["stanceCounts"])
				if m["type"] != "ORGANIZATION" {
					delete(m, "kind")
					delete(m, "url")
					delete(m, "people")
				}
			}
			return map[string]any{"actors": actors}
		}), true
	case "stanceCounts":
		return one(cypherQueries[name], nil, func(v any) any {
			arts, _ := v.([]any)
			for _, a := range arts {
				m := a.(map[string]any)
				m["stanceCounts"] = stanceCounts(m["stanceCounts"])
			}
			return map[string]any{"articles": arts}
		}), true
	case "nested":
		return one(cypherQueries[name], nil, func(v any) any { return map[string]any{"actors": v} }), true
	case "blocs":
		return func(ctx context.Context) (any, error) {
			arecs, err := read(ctx, `MATCH (a:Article) RETURN a.id AS id, a.correspondsTo AS c, a.instrumentId AS i, a.status AS s`, nil)
			if err != nil {
				return nil, err
			}
			arts := make([]*stancegraph.Article, len(arecs))
			for i, r := range arecs {
				arts[i] = &stancegraph.Article{ID: get[string](r, "id"), CorrespondsTo: strList(r, "c"), InstrumentID: get[string](r, "i"), Status: stancegraph.ArticleStatus(get[string](r, "s"))}
			}
			precs, err := read(ctx, `MATCH (p:Position) WHERE `+live+` RETURN p.id AS id, p.actorId AS a, p.articleId AS art, p.instrumentId AS i,
p.kind AS k, p.topics AS t, p.stance AS s, p.date AS d, p.onBehalfOf AS b, p.jointWith AS j, p.alternativeId AS alt ORDER BY coalesce(p.date, ''), p.id`, nil)
			if err != nil {
				return nil, err
			}
			ps := make([]*stancegraph.Position, len(precs))
			for i, r := range precs {
				ps[i] = &stancegraph.Position{ID: get[string](r, "id"), ActorID: get[string](r, "a"), ArticleID: get[string](r, "art"), InstrumentID: get[string](r, "i"),
					Kind: stancegraph.PositionKind(get[string](r, "k")), Topics: strList(r, "t"), Stance: stancegraph.Stance(get[string](r, "s")), Date: get[string](r, "d"),
					OnBehalfOf: strList(r, "b"), JointWith: strList(r, "j"), AlternativeID: get[string](r, "alt")}
			}
			// Issues count through the alternatives positions favour, as in the API.
			xrecs, err := read(ctx, `MATCH (x:Alternative) RETURN x.id AS id, x.issueId AS issue, x.value AS v`, nil)
			if err != nil {
				return nil, err
			}
			alts := make(map[string]*stancegraph.Alternative, len(xrecs))
			for _, r := range xrecs {
				a := &stancegraph.Alternative{ID: get[string](r, "id"), IssueID: get[string](r, "issue"), Value: get[float64](r, "v")}
				alts[a.ID] = a
			}
			blocs, q := coalition.Blocs(ps, nil, coalition.Options{Seed: 1, ItemOf: coalition.ArticleItems(arts), Alternatives: alts})
			out := make([]any, len(blocs))
			for i, b := range blocs {
				ms := make([]any, len(b.Members))
				for j, m := range b.Members {
					ms[j] = map[string]any{"id": m}
				}
				out[i] = map[string]any{"size": len(b.Members), "members": ms}
			}
			return map[string]any{"blocs": map[string]any{"modularity": q, "blocs": out}}, nil
		}, true
	}
	return nil, false
}

func get[T any](r *neo4j.Record, k string) T {
	v, _ := r.Get(k)
	t, _ := v.(T)
	return t
}

func strList(r *neo4j.Record, k string) []string {
	xs := get[[]any](r, k)
	if len(xs) == 0 {
		return nil
	}
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i], _ = x.(string)
	}
	return out
}

// stanceCounts turns a list of stances into the API's counts: per stance,
// in the vocabulary's order, stances with none left out.
func stanceCounts(v any) []any {
	xs, _ := v.([]any)
	n := map[string]int{}
	for _, x := range xs {
		s, _ := x.(string)
		n[s]++
	}
	out := []any{}
	for _, s := range stancegraph.Stances {
		if n[string(s)] > 0 {
			out = append(out, map[string]any{"stance": string(s), "count": n[string(s)]})
		}
	}
	return out
}

// sameAnswer compares a GraphQL answer's data with a driver answer after
// normalisation: both decoded from JSON, "" read as null.
func sameAnswer(graphql []byte, driver []byte) error {
	var g struct {
		Data any `json:"data"`
	}
	if err := json.Unmarshal(graphql, &g); err != nil {
		return err
	}
	var d any
	if err := json.Unmarshal(driver, &d); err != nil {
		return err
	}
	gn, dn := normalise(g.Data), normalise(d)
	if !reflect.DeepEqual(gn, dn) {
		gb, _ := json.Marshal(gn)
		db, _ := json.Marshal(dn)
		i := 0
		for i < len(gb) && i < len(db) && gb[i] == db[i] {
			i++
		}
		return fmt.Errorf("answers differ at byte %d of the normalised JSON:\n graphql: …%.300s\n driver:  …%.300s", i, gb[max(0, i-100):], db[max(0, i-100):])
	}
	return nil
}

func normalise(v any) any {
	switch v := v.(type) {
	case string:
		if v == "" {
			return nil
		}
		return v
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = normalise(x)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = normalise(x)
		}
		return out
	}
	return v
}
