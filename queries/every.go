package queries

import (
	"fmt"
	"regexp"
	"sort"
)

// Bench are the benchmark harness's fixed set on the bundled data
// (bench/queries.go runs them), so the golden test covers them too.
var Bench = []Named{
	{"opposes", GraphQL["WhoOpposesArticle5"]},
	{"microsoft", GraphQL["WhereDoesMicrosoftStand"]},
	{"stanceCounts", `{ articles { id stanceCounts { stance count } } }`},
	// storetest's frontend-style nested query (actor -> positions -> article
	// -> other positions), bounded to the first 10 organizations so that its
	// answer stays a realistic page.
	{"nested", `{ actors(type: ORGANIZATION, first: 10) { name ... on Organization { people { name } }
	positions { stance quote sources { url } topics { name } session { name }
		article { title instrument { title }
			positions(filter: {stances: [OPPOSES, SUPPORTS]}) { stance actor { name } } } } } }`},
	{"blocs", `{ blocs { modularity blocs { size members { id } } } }`},
}

// Named is a query with the name a golden answer is filed under.
type Named struct {
	Name, Text string
}

// ExampleBlock matches one example of docs/examples.md: its optional
// GraphiQL link, its query (group 1) and its recorded answer (group 2).
var ExampleBlock = regexp.MustCompile("(?s)(?:\\[Open in GraphiQL\\]\\([^)]*\\)\n\n)?```graphql\n(.*?)```\n\n```json\n(.*?)```")

// Every is every query the project asks of itself: the conformance
// suite's (by name), the benchmark harness's and docs/examples.md's (given
// as examples, in order), named "conformance/X", "bench/X", "example/NN".
func Every(examples []byte) []Named {
	var out []Named
	names := make([]string, 0, len(GraphQL))
	for n := range GraphQL {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		out = append(out, Named{"conformance/" + n, GraphQL[n]})
	}
	for _, q := range Bench {
		out = append(out, Named{"bench/" + q.Name, q.Text})
	}
	for i, m := range ExampleBlock.FindAllSubmatch(examples, -1) {
		out = append(out, Named{fmt.Sprintf("example/%02d", i+1), string(m[1])})
	}
	return out
}
