package main

import (
	"encoding/json"

	"github.com/stancegraph/stancegraph/queries"
)

// Query is one question of the benchmark's fixed set.
type Query struct {
	Name  string
	Text  string
	Point bool // a point query: its work should not grow with the data
}

// Body is the POST body that asks q.
func (q Query) Body() []byte {
	b, _ := json.Marshal(map[string]string{"query": q.Text})
	return b
}

// Queries is the fixed set the issue names, on the bundled data; the
// golden test (server) records their answers.
var Queries = func() []Query {
	out := make([]Query, len(queries.Bench))
	for i, q := range queries.Bench {
		out[i] = Query{Name: q.Name, Text: q.Text, Point: q.Name == "opposes" || q.Name == "microsoft"}
	}
	return out
}()

// GrowthQueries run on synthetic data at every scale (it keeps the bundled
// states, instruments and articles, not the bundled organizations). Point
// queries' answers stay the same size as the data grows; an actor's
// positions grow until about 100x, then level off (each scale adds 10
// organizations that speak too); the others grow with the data.
var GrowthQueries = []Query{
	{Name: "article", Text: `{ article(number: 5) { id number title status chapter } }`, Point: true},
	{Name: "positionNode", Text: `{ node(id: "syn-0000042") { id ... on Position { stance quote actor { id } } } }`, Point: true},
	{Name: "positionsByID", Text: `{ positions(filter: {ids: ["syn-0000042", "syn-0000043"]}) { totalCount edges { node { id stance actor { id } } } } }`, Point: true},
	{Name: "actorFRA", Text: `{ actor(id: "FRA") { id name positions { id stance date article { id } } stanceCounts { stance count } } }`},
	{Name: "orgPositions", Text: `{ actor(id: "syn-org-00001") { id name ... on Organization { people { name } } positions { id stance quote article { id title } } } }`},
	{Name: "opposesPage", Text: `{ positions(filter: {articles: ["ahc-draft-2024:5"], stances: [OPPOSES]}, first: 10) { totalCount edges { node { id date } } } }`},
	{Name: "opposesAll", Text: `{ article(number: 5) { id positions(stance: OPPOSES) { id stance date actor { id } } } }`},
}

func selectQueries(qs []Query, names map[string]bool) []Query {
	if len(names) == 0 {
		return qs
	}
	var out []Query
	for _, q := range qs {
		if names[q.Name] {
			out = append(out, q)
		}
	}
	return out
}
