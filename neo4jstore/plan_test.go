package neo4jstore

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stancegraph/stancegraph"
)

// TestLoadStatementsUseIndexes plans every statement of a load and of the
// removal of a generation: none may scan a label or the whole graph per
// row, which made loads quadratic in the data (a step matching (:Person
// {id}) found no index, since the constraint is on Actor).
func TestLoadStatementsUseIndexes(t *testing.T) {
	uri := os.Getenv("NEO4J_TEST_URI")
	if uri == "" {
		t.Skip("Neo4j tests skipped: NEO4J_TEST_URI is not set")
	}
	ctx := context.Background()
	user := os.Getenv("NEO4J_TEST_USERNAME")
	if user == "" {
		user = "neo4j"
	}
	s, err := Open(ctx, Config{URI: uri, Username: user, Password: os.Getenv("NEO4J_TEST_PASSWORD")})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	d := &stancegraph.Dataset{}
	steps := loadSteps(d)
	steps = append(steps, step{"remove agreement edges", dropAgreesWith + " WITH n LIMIT 10 DETACH DELETE n", nil, nil})
	for _, label := range genLabels {
		steps = append(steps, step{"remove " + label, "MATCH (cur:_Current {key: 'graph'}) WHERE cur.gen <> $gen MATCH (n:" + label + ") WHERE n.gen = $gen AND n.id IS NOT NULL WITH n LIMIT 10 DETACH DELETE n", nil, nil})
	}
	for _, st := range steps {
		res, err := neo4j.ExecuteQuery(ctx, s.driver, "EXPLAIN "+st.q, map[string]any{"rows": []any{}, "gen": int64(1)}, neo4j.EagerResultTransformer, s.opts()...)
		if err != nil {
			t.Fatalf("%s: %v", st.what, err)
		}
		if scans := scansIn(res.Summary.Plan()); len(scans) > 0 {
			t.Errorf("%s scans: %s\n%s", st.what, strings.Join(scans, "; "), st.q)
		}
	}
}

func scansIn(p neo4j.Plan) []string {
	var out []string
	if op := p.Operator(); strings.Contains(op, "LabelScan") || strings.Contains(op, "AllNodesScan") {
		out = append(out, op)
	}
	for _, c := range p.Children() {
		out = append(out, scansIn(c)...)
	}
	return out
}
