package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/coalition"
	"github.com/stancegraph/stancegraph/neo4jstore"
	"github.com/stancegraph/stancegraph/server"
	"github.com/stancegraph/stancegraph/storetest"
)

// storedBloc is a bloc as the graph or the API gives it.
type storedBloc struct {
	ID                int
	Size              int
	Cohesion          float64
	Members, Defining []string
	Means, Agreement  []float64
	Speakers          []int
}

// storedPair is an agreement edge, A < B.
type storedPair struct {
	A, B    string
	Score   float64
	Overlap int
}

// TestAnalyzeWriteNeo4j: `stancegraph analyze -write` on the bundled data
// stores the blocs and agreement edges that the API's blocs and
// agreementMatrix answer for the same options, once per unordered pair; a
// second run changes nothing; after a new load no analysis is left.
func TestAnalyzeWriteNeo4j(t *testing.T) {
	useNeo4j(t)
	ctx := context.Background()
	mustRun(t, "load")
	store, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: os.Getenv("NEO4J_URI"), Username: os.Getenv("NEO4J_USERNAME"), Password: os.Getenv("NEO4J_PASSWORD")})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close(ctx)
	// Every pair (26,565 on the bundled data) is past the default cost limit.
	srv := httptest.NewServer(server.New(store, server.Options{MaxComplexity: 1e7, MaxResultNodes: 1e7}))
	defer srv.Close()
	rel, err := store.Release(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		key     string
		args    []string
		options map[string]any
	}{
		{"ALL minOverlap=1", nil, map[string]any{}},
		{"ISSUES minOverlap=2", []string{"-basis", "issues", "-min-overlap", "2"}, map[string]any{"basis": "ISSUES", "minOverlap": 2}},
		{"TEXTS minOverlap=1 asOf=2024-08", []string{"-basis", "texts", "-as-of", "2024-08"}, map[string]any{"basis": "TEXTS", "asOf": "2024-08"}},
	}
	for _, c := range cases {
		t.Run(c.key, func(t *testing.T) {
			out := mustRun(t, append([]string{"analyze", "-write"}, c.args...)...)
			if !strings.Contains(out, `"`+c.key+`"`) {
				t.Fatalf("output does not name the analysis %q:\n%s", c.key, out)
			}
			blocs, pairs := apiAnalysis(t, srv.URL, c.options)
			if len(blocs) < 2 || len(pairs) == 0 {
				t.Fatalf("the API answers %d blocs and %d scored pairs: too few to compare", len(blocs), len(pairs))
			}
			if diff := cmp.Diff(blocs, storedBlocs(t, c.key, rel.ID)); diff != "" {
				t.Errorf("stored blocs differ from the API's (-api +stored):\n%s", diff)
			}
			if diff := cmp.Diff(pairs, storedPairs(t, c.key, rel.ID)); diff != "" {
				t.Errorf("stored agreement differs from the API's (-api +stored):\n%s", diff)
			}
		})
	}
	t.Run("SecondRunChangesNothing", func(t *testing.T) {
		before := snapshot(t)
		mustRun(t, "analyze", "-write")
		if diff := cmp.Diff(before, snapshot(t)); diff != "" {
			t.Errorf("the graph changed (-first +second):\n%.3000s", diff)
		}
	})
	t.Run("EdgesPerActor", func(t *testing.T) {
		mustRun(t, "analyze", "-write", "-edges-per-actor", "3")
		all := storedPairs(t, "ALL minOverlap=1", rel.ID)
		_, api := apiAnalysis(t, srv.URL, map[string]any{})
		if len(all) == 0 || len(all) >= len(api) {
			t.Errorf("%d edges with -edges-per-actor 3, want fewer than the %d scored pairs", len(all), len(api))
		}
		for _, p := range all {
			if !slices.Contains(api, p) {
				t.Fatalf("edge %+v is not the API's", p)
			}
		}
	})
	t.Run("NewLoadRemovesIt", func(t *testing.T) {
		dir := t.TempDir()
		mustRun(t, "generate", "-scale", "1", "-seed", "7", "-out", dir)
		mustRun(t, "load", "-data", dir)
		if n := cypherCount(t, "MATCH (b:Bloc) RETURN count(b) AS n") + cypherCount(t, "MATCH ()-[r:AGREES_WITH|IN_BLOC]->() RETURN count(r) AS n"); n != 0 {
			t.Errorf("%d blocs and analysis relationships left after a new load", n)
		}
		_, err := store.WriteAnalysis(ctx, rel.ID, neo4jstore.AnalysisOptions{Basis: "ALL", MinOverlap: 1}, coalition.Analysis{})
		if stancegraph.ErrorCode(err) != stancegraph.ECONFLICT {
			t.Errorf("writing an analysis of the replaced release: %v, want ECONFLICT", err)
		}
	})
}

// mustRun runs the command with args and returns its standard output.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	var out, errs bytes.Buffer
	if err := run(context.Background(), args, &out, &errs); err != nil {
		t.Fatalf("stancegraph %s: %v\n%s", strings.Join(args, " "), err, errs.String())
	}
	return out.String()
}

// apiAnalysis asks the API for the blocs and the scored pairs of options.
func apiAnalysis(t *testing.T, url string, options map[string]any) ([]storedBloc, []storedPair) {
	t.Helper()
	const q = `query($o: CoalitionOptions) {
  blocs(options: $o) { blocs { id size cohesion members { id } defining { item { id } meanStance agreement speakers } } }
  agreementMatrix(options: $o) { a { id } b { id } score overlap }
}`
	r := storetest.Post(t, url+"/graphql", q, map[string]any{"o": options})
	var data struct {
		Blocs struct {
			Blocs []struct {
				ID, Size int
				Cohesion float64
				Members  []struct{ ID string }
				Defining []struct {
					Item                  struct{ ID string }
					MeanStance, Agreement float64
					Speakers              int
				}
			}
		}
		AgreementMatrix []struct {
			A, B    struct{ ID string }
			Score   *float64
			Overlap int
		}
	}
	if err := json.Unmarshal(r.Data, &data); err != nil || len(r.Errors) > 0 {
		t.Fatalf("API: %v %.500s", err, r.Raw)
	}
	var blocs []storedBloc
	for _, b := range data.Blocs.Blocs {
		sb := storedBloc{ID: b.ID, Size: b.Size, Cohesion: b.Cohesion, Members: []string{}, Defining: []string{}, Means: []float64{}, Agreement: []float64{}, Speakers: []int{}}
		for _, m := range b.Members {
			sb.Members = append(sb.Members, m.ID)
		}
		for _, d := range b.Defining {
			sb.Defining, sb.Means = append(sb.Defining, d.Item.ID), append(sb.Means, d.MeanStance)
			sb.Agreement, sb.Speakers = append(sb.Agreement, d.Agreement), append(sb.Speakers, d.Speakers)
		}
		blocs = append(blocs, sb)
	}
	var pairs []storedPair
	for _, p := range data.AgreementMatrix {
		if p.Score != nil {
			pairs = append(pairs, storedPair{A: min(p.A.ID, p.B.ID), B: max(p.A.ID, p.B.ID), Score: *p.Score, Overlap: p.Overlap})
		}
	}
	sortPairs(pairs)
	return blocs, pairs
}

func sortPairs(ps []storedPair) {
	slices.SortFunc(ps, func(x, y storedPair) int { return strings.Compare(x.A+"\x00"+x.B, y.A+"\x00"+y.B) })
}

// storedBlocs reads the blocs of analysis key in the current generation,
// checking that they carry release.
func storedBlocs(t *testing.T, key, release string) []storedBloc {
	t.Helper()
	const q = `MATCH (cur:_Current {key: 'graph'})
MATCH (b:Bloc {analysis: $key}) WHERE b.gen = cur.gen
OPTIONAL MATCH (a:Actor)-[m:IN_BLOC {release: $release}]->(b)
WITH b, a ORDER BY a.id
RETURN b.number AS id, b.size AS size, b.cohesion AS cohesion, b.release AS release, collect(a.id) AS members,
       b.defining AS defining, b.definingMeanStance AS means, b.definingAgreement AS agreement, b.definingSpeakers AS speakers
ORDER BY id`
	var out []storedBloc
	for _, r := range cypher(t, q, map[string]any{"key": key, "release": release}) {
		if r["release"] != release {
			t.Errorf("bloc %v has release %v, want %s", r["id"], r["release"], release)
		}
		b := storedBloc{ID: int(r["id"].(int64)), Size: int(r["size"].(int64)), Cohesion: r["cohesion"].(float64)}
		b.Members, b.Defining = list[string](r["members"]), list[string](r["defining"])
		b.Means, b.Agreement = list[float64](r["means"]), list[float64](r["agreement"])
		for _, s := range list[int64](r["speakers"]) {
			b.Speakers = append(b.Speakers, int(s))
		}
		if b.Speakers == nil {
			b.Speakers = []int{}
		}
		slices.Sort(b.Members) // the API lists members by id too
		out = append(out, b)
	}
	return out
}

// storedPairs reads the agreement edges of analysis key, read undirected,
// and checks each pair is stored once, from the smaller id, with release.
func storedPairs(t *testing.T, key, release string) []storedPair {
	t.Helper()
	const q = `MATCH (cur:_Current {key: 'graph'})
MATCH (a:Actor)-[e:AGREES_WITH {analysis: $key}]-(b:Actor) WHERE a.gen = cur.gen
RETURN a.id AS a, b.id AS b, e.score AS score, e.overlap AS overlap, startNode(e) = a AS forward, e.release AS release`
	var out []storedPair
	for _, r := range cypher(t, q, map[string]any{"key": key}) {
		a, b := r["a"].(string), r["b"].(string)
		if fwd := r["forward"].(bool); fwd != (a < b) || r["release"] != release {
			t.Fatalf("edge %s-%s: stored from the larger id or without release %s: %v", a, b, release, r)
		}
		if a < b {
			out = append(out, storedPair{A: a, B: b, Score: r["score"].(float64), Overlap: int(r["overlap"].(int64))})
		}
	}
	sortPairs(out)
	return out
}

// snapshot is every analysis node and relationship, and the graph's size.
func snapshot(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, q := range []string{
		"MATCH (b:Bloc) RETURN properties(b) AS p",
		"MATCH (a)-[r:IN_BLOC|AGREES_WITH]->(b) RETURN [a.id, type(r), b.id, properties(r)] AS p",
		"MATCH (n) RETURN count(n) AS p",
		"MATCH ()-[r]->() RETURN count(r) AS p",
	} {
		for _, r := range cypher(t, q, nil) {
			b, _ := json.Marshal(r["p"])
			out = append(out, string(b))
		}
	}
	slices.Sort(out)
	return out
}

// cypherCount runs q, which returns one count as n.
func cypherCount(t *testing.T, q string) int64 {
	t.Helper()
	return cypher(t, q, nil)[0]["n"].(int64)
}

// cypher runs q against the test Neo4j and returns its rows.
func cypher(t *testing.T, q string, params map[string]any) []map[string]any {
	t.Helper()
	ctx := context.Background()
	d, err := neo4j.NewDriverWithContext(os.Getenv("NEO4J_URI"), neo4j.BasicAuth(os.Getenv("NEO4J_USERNAME"), os.Getenv("NEO4J_PASSWORD"), ""))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(ctx)
	res, err := neo4j.ExecuteQuery(ctx, d, q, params, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatalf("%v\n%s", err, q)
	}
	out := make([]map[string]any, len(res.Records))
	for i, r := range res.Records {
		out[i] = r.AsMap()
	}
	return out
}

// list converts a Cypher list to []T.
func list[T any](v any) []T {
	out := []T{}
	for _, x := range v.([]any) {
		out = append(out, x.(T))
	}
	return out
}
