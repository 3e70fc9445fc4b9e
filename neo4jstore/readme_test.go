package neo4jstore_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stancegraph/stancegraph/neo4jstore"
	"github.com/stancegraph/stancegraph/resolvers"
	"github.com/stancegraph/stancegraph/server"
	"github.com/stancegraph/stancegraph/storetest"
)

// readmeBound is the time each README example must answer in.
const readmeBound = 10 * time.Second

// readmeExample is one Cypher statement of the README's Neo4j section with
// the GraphQL query it answers like.
type readmeExample struct {
	title, cypher, graphql string
}

// readmeExamples reads the README's cypher block: statements end with ";",
// each led by a comment line (its title) and a "// GraphQL:" line.
func readmeExamples(t *testing.T) []readmeExample {
	t.Helper()
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```cypher\n(.*?)```").FindAllStringSubmatch(string(b), -1)
	if len(blocks) != 1 {
		t.Fatalf("README.md has %d cypher blocks, want 1", len(blocks))
	}
	var out []readmeExample
	for _, stmt := range strings.Split(blocks[0][1], ";") {
		var e readmeExample
		var body []string
		for _, l := range strings.Split(strings.TrimSpace(stmt), "\n") {
			switch {
			case strings.HasPrefix(l, "// GraphQL:"):
				e.graphql = strings.TrimSpace(strings.TrimPrefix(l, "// GraphQL:"))
			case strings.HasPrefix(l, "//") && e.title == "":
				e.title = strings.TrimSpace(strings.TrimPrefix(l, "//"))
			case strings.TrimSpace(l) != "":
				body = append(body, l)
			}
		}
		if e.cypher = strings.Join(body, "\n"); e.cypher != "" {
			out = append(out, e)
		}
	}
	return out
}

// TestReadmeCypher runs the README's Cypher examples on the bundled data in
// Neo4j: each answers within readmeBound with the rows its GraphQL query
// gives (compared as multisets: Cypher sorts undated rows last, the API
// first). The stored graph, with the default analysis written, holds no
// empty strings.
func TestReadmeCypher(t *testing.T) {
	s := testStore(t)
	storetest.MustLoad(t, s, storetest.Bundled(t))
	mustAnalyze(t, s)
	srv := httptest.NewServer(server.New(s, server.Options{}))
	defer srv.Close()
	examples := readmeExamples(t)
	if len(examples) < 3 {
		t.Fatalf("found %d README examples, want at least 3", len(examples))
	}
	for _, e := range examples {
		t.Run(e.title, func(t *testing.T) {
			if e.graphql == "" {
				t.Fatal("no // GraphQL: line")
			}
			got := timedCypher(t, e.cypher)
			r := storetest.Post(t, srv.URL+"/graphql", e.graphql, nil)
			if len(r.Errors) > 0 {
				t.Fatalf("GraphQL: %s", r.Raw)
			}
			var data any
			if err := json.Unmarshal(r.Data, &data); err != nil {
				t.Fatal(err)
			}
			want := graphqlRows(data)
			if len(want) == 0 {
				t.Fatalf("the GraphQL query answers no rows: %s", r.Raw)
			}
			if g, w := canonical(got), canonical(want); !slices.Equal(g, w) {
				t.Fatalf("Cypher gives %d rows, GraphQL %d\ncypher:  %.1500v\ngraphql: %.1500v", len(g), len(w), g, w)
			}
		})
	}
	t.Run("BoundedPaths", func(t *testing.T) {
		timedCypher(t, "MATCH (a:Article {id: 'ahc-draft-2024:5'}) MATCH path = (a)<-[*1..2]-(s) RETURN path LIMIT 100")
	})
	t.Run("NoEmptyStrings", func(t *testing.T) {
		if n := count(t, "MATCH (n) UNWIND keys(n) AS k WITH n, k WHERE n[k] = '' RETURN count(*)"); n != 0 {
			t.Errorf("%d node properties hold ''", n)
		}
		if n := count(t, "MATCH ()-[r]->() UNWIND keys(r) AS k WITH r, k WHERE r[k] = '' RETURN count(*)"); n != 0 {
			t.Errorf("%d relationship properties hold ''", n)
		}
	})
}

// mustAnalyze stores the analysis `stancegraph analyze -write` stores
// with the default options, computed as the command computes it.
func mustAnalyze(t *testing.T, s *neo4jstore.Store) {
	t.Helper()
	ctx := context.Background()
	rel, err := s.Release(ctx)
	if err != nil {
		t.Fatal(err)
	}
	a, err := (&resolvers.Resolver{Store: s}).Analyze(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.WriteAnalysis(ctx, rel.ID, neo4jstore.AnalysisOptions{Basis: "ALL", MinOverlap: 1}, a); err != nil {
		t.Fatal(err)
	}
}

// timedCypher runs q within readmeBound and returns its rows.
func timedCypher(t *testing.T, q string) []map[string]any {
	t.Helper()
	cfg := testConfig(t)
	d, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(context.Background())
	ctx, cancel := context.WithTimeout(context.Background(), readmeBound)
	defer cancel()
	start := time.Now()
	res, err := neo4j.ExecuteQuery(ctx, d, q, nil, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatalf("%v (bound %s)", err, readmeBound)
	}
	t.Logf("%d rows in %s", len(res.Records), time.Since(start).Round(time.Millisecond))
	out := make([]map[string]any, len(res.Records))
	for i, r := range res.Records {
		out[i] = r.AsMap()
	}
	return out
}

// graphqlRows finds the first list in a GraphQL answer and flattens its
// items into rows: {node: x} becomes x, an object with one field its value,
// and an item with a null object is left out (a Cypher MATCH needs it).
func graphqlRows(v any) []map[string]any {
	switch x := v.(type) {
	case []any:
		var out []map[string]any
		for _, it := range x {
			m, _ := it.(map[string]any)
			if n, ok := m["node"].(map[string]any); ok && len(m) == 1 {
				m = n
			}
			row, keep := map[string]any{}, true
			for k, f := range m {
				switch o := f.(type) {
				case map[string]any:
					for _, only := range o {
						row[k] = only
					}
				case nil:
					if k != "date" && k != "quote" {
						keep = false
					}
					row[k] = nil
				default:
					row[k] = o
				}
			}
			if keep {
				out = append(out, row)
			}
		}
		return out
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if rows := graphqlRows(x[k]); rows != nil {
				return rows
			}
		}
	}
	return nil
}

// canonical renders rows as sorted strings.
func canonical(rows []map[string]any) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		b, _ := json.Marshal(r)
		out[i] = fmt.Sprint(string(b))
	}
	slices.Sort(out)
	return out
}
