package server_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stancegraph/stancegraph/server"
	"github.com/stancegraph/stancegraph/storetest"
)

// TestIntrospection sends the introspection queries of current clients
// (testdata/introspection, written verbatim from the npm packages by
// tests/introspection/gen.mjs) to a server with the default limits: each
// answers with the schema and its descriptions, while a data query as deep
// as they are is still refused.
func TestIntrospection(t *testing.T) {
	files, err := filepath.Glob("testdata/introspection/*.graphql")
	if err != nil || len(files) < 5 {
		t.Fatalf("introspection fixtures: %v, %v", files, err)
	}
	url := newServer(t, server.DefaultOptions())
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".graphql"), func(t *testing.T) {
			q, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got := mustData[struct {
				Schema struct {
					QueryType struct{ Name string }
					Types     []struct {
						Name, Description string
					}
				} `json:"__schema"`
			}](t, storetest.Post(t, url, string(q), nil))
			if got.Schema.QueryType.Name != "Query" {
				t.Fatalf("queryType = %q, want Query", got.Schema.QueryType.Name)
			}
			var desc string
			for _, ty := range got.Schema.Types {
				if ty.Name == "PositionFilter" {
					desc = ty.Description
				}
			}
			if desc == "" {
				t.Fatalf("PositionFilter has no description among %d types", len(got.Schema.Types))
			}
		})
	}
	t.Run("DeepDataQueryRefused", func(t *testing.T) {
		q := `{ actor(id: "IRN") { positions { article { positions { actor { positions { article { positions { actor { positions { article { positions { actor { id } } } } } } } } } } } } } }`
		if r := storetest.Post(t, url, q, nil); r.Code() != "QUERY_TOO_DEEP" {
			t.Fatalf("code = %q, want QUERY_TOO_DEEP: %s", r.Code(), r.Raw)
		}
	})
	t.Run("DeepIntrospectionRefused", func(t *testing.T) {
		// fields → type → fields … nests without bound, unlike ofType:
		// gqlparser's rule (graphql-js's MaxIntrospectionDepthRule) refuses it.
		q := `{ __schema { types { fields { type { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } } } }`
		if r := storetest.Post(t, url, q, nil); !strings.Contains(string(r.Raw), "Maximum introspection depth exceeded") {
			t.Fatalf("want the introspection depth refused: %s", r.Raw)
		}
	})
	t.Run("NoIntrospection", func(t *testing.T) {
		off := newServer(t, server.Options{Introspection: false})
		q, err := os.ReadFile(files[0])
		if err != nil {
			t.Fatal(err)
		}
		r := storetest.Post(t, off, string(q), nil)
		if r.Code() != "INTROSPECTION_DISABLED" || strings.Contains(string(r.Raw), "PositionFilter") {
			t.Fatalf("want INTROSPECTION_DISABLED with introspection off: %s", r.Raw)
		}
		if r := storetest.Post(t, off, `{ release { id __typename } }`, nil); len(r.Errors) > 0 {
			t.Fatalf("a data query failed with introspection off: %s", r.Raw)
		}
	})
}
