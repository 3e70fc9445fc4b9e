package neo4jstore_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/stancegraph/stancegraph/loaders"
	"github.com/stancegraph/stancegraph/memstore"
	"github.com/stancegraph/stancegraph/queries"
	"github.com/stancegraph/stancegraph/server"
	"github.com/stancegraph/stancegraph/storetest"
)

// TestGraphQLParity runs every conformance query through the whole HTTP
// API on both backends and requires byte-identical answers.
func TestGraphQLParity(t *testing.T) {
	neo := testStore(t)
	d := storetest.Bundled(t)
	storetest.MustLoad(t, neo, d)
	mem := memstore.New()
	storetest.MustLoad(t, mem, d)
	memSrv := httptest.NewServer(server.New(mem, server.Options{}))
	defer memSrv.Close()
	neoSrv := httptest.NewServer(server.New(neo, server.Options{}))
	defer neoSrv.Close()
	examples, err := os.ReadFile("../docs/examples.md")
	if err != nil {
		t.Fatal(err)
	}
	// Every query the project asks of itself: the conformance suite, the
	// benchmark harness and docs/examples.md (server's golden test holds the
	// embedded store to recorded answers; this holds Neo4j to the same).
	for _, nq := range queries.Every(examples) {
		q := nq.Text
		t.Run(nq.Name, func(t *testing.T) {
			want := storetest.Post(t, memSrv.URL+"/graphql", q, nil)
			got := storetest.Post(t, neoSrv.URL+"/graphql", q, nil)
			if got.Status != want.Status || !bytes.Equal(got.Raw, want.Raw) {
				t.Fatalf("answers differ\nmemory (%d): %.2000s\nneo4j  (%d): %.2000s", want.Status, want.Raw, got.Status, got.Raw)
			}
			if len(want.Raw) < 20 || !json.Valid(want.Raw) {
				t.Fatalf("suspiciously small answer: %s", want.Raw)
			}
		})
	}
}

// TestIssueEditParity: curators' edits of an issue applied to Neo4j give
// the answers the embedded store gives for the same change loaded from CSV.
func TestIssueEditParity(t *testing.T) {
	neo := testStore(t)
	storetest.MustLoad(t, neo, storetest.Bundled(t))
	storetest.MustApply(t, neo, storetest.IssueEdits(t))
	mem := memstore.New()
	storetest.MustLoad(t, mem, storetest.IssueEditedData(t))
	memSrv := httptest.NewServer(server.New(mem, server.Options{}))
	defer memSrv.Close()
	neoSrv := httptest.NewServer(server.New(neo, server.Options{}))
	defer neoSrv.Close()
	for name, q := range storetest.IssueQueries {
		want := storetest.Post(t, memSrv.URL+"/graphql", q, nil)
		got := storetest.Post(t, neoSrv.URL+"/graphql", q, nil)
		if len(want.Errors) > 0 || !bytes.Equal(got.Raw, want.Raw) {
			t.Errorf("%s: answers differ\ncsv on memory: %.2000s\nedited neo4j:  %.2000s", name, want.Raw, got.Raw)
		}
	}
}

// TestExportParity: every export format is byte-identical on both backends.
func TestExportParity(t *testing.T) {
	neo := testStore(t)
	d := storetest.Bundled(t)
	storetest.MustLoad(t, neo, d)
	mem := memstore.New()
	storetest.MustLoad(t, mem, d)
	memSrv := httptest.NewServer(server.New(mem, server.Options{}))
	defer memSrv.Close()
	neoSrv := httptest.NewServer(server.New(neo, server.Options{}))
	defer neoSrv.Close()
	for _, path := range []string{"/export/cytoscape?agreement=true", "/export/gexf?agreement=true&minOverlap=2&basis=issues", "/export/gexf", "/export/graphml?stance=OPPOSES", "/export/edges.csv", "/export/nodes.csv?kind=STATEMENT", "/export/sources.csv"} {
		a, b := get(t, memSrv.URL+path), get(t, neoSrv.URL+path)
		if len(a) < 100 || !bytes.Equal(a, b) {
			t.Errorf("%s differs between the backends (%d vs %d bytes)", path, len(a), len(b))
		}
	}
}

func get(t *testing.T, url string) []byte {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("%s: %d %v", url, res.StatusCode, err)
	}
	return b
}

// TestDumpAcrossBackends: a graph dumped from the embedded store loads into
// Neo4j and dumps back the same, and the other way round.
func TestDumpAcrossBackends(t *testing.T) {
	ctx := context.Background()
	d := storetest.Bundled(t)
	mem := memstore.New()
	storetest.MustLoad(t, mem, d)
	fromMem, err := loaders.Dump(ctx, mem)
	if err != nil {
		t.Fatal(err)
	}
	neo := testStore(t)
	storetest.MustLoad(t, neo, fromMem)
	fromNeo, err := loaders.Dump(ctx, neo)
	if err != nil {
		t.Fatal(err)
	}
	if diff := storetest.SameGraph(d, fromNeo); diff != "" {
		t.Fatalf("memory -> neo4j changed the graph (-want +got):\n%s", diff)
	}
	back := memstore.New()
	storetest.MustLoad(t, back, fromNeo)
	again, err := loaders.Dump(ctx, back)
	if err != nil {
		t.Fatal(err)
	}
	if diff := storetest.SameGraph(d, again); diff != "" {
		t.Fatalf("neo4j -> memory changed the graph (-want +got):\n%s", diff)
	}
}
