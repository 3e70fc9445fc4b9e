package server_test

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"testing"

	"github.com/stancegraph/stancegraph/queries"
	"github.com/stancegraph/stancegraph/server"
	"github.com/stancegraph/stancegraph/storetest"
)

var exampleBlock = queries.ExampleBlock

// graphiQLLink is the "open in GraphiQL" link put before each example: the
// embedded GraphiQL of `stancegraph serve` on its default port, the query
// in the URL.
func graphiQLLink(query string) string {
	return "[Open in GraphiQL](http://localhost:8080/?query=" + url.QueryEscape(query) + ")"
}

// TestExamples keeps docs/examples.md true: every query's recorded output
// must be what the server answers on the bundled data, and its "Open in
// GraphiQL" link must carry the query.
func TestExamples(t *testing.T) {
	const path = "../docs/examples.md"
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	endpoint := newServer(t, server.Options{})
	update := os.Getenv("UPDATE_EXAMPLES") == "1"
	n := 0
	out := exampleBlock.ReplaceAllFunc(doc, func(block []byte) []byte {
		m := exampleBlock.FindSubmatch(block)
		n++
		r := storetest.Post(t, endpoint, string(m[1]), nil)
		var pretty bytes.Buffer
		if err := json.Indent(&pretty, r.Raw, "", "  "); err != nil {
			t.Fatal(err)
		}
		pretty.WriteByte('\n')
		if len(r.Errors) > 0 {
			t.Errorf("example %d fails: %s", n, r.Raw)
		}
		link := graphiQLLink(string(m[1]))
		if !update && (!bytes.Equal(pretty.Bytes(), m[2]) || !bytes.HasPrefix(block, []byte(link+"\n\n"))) {
			t.Errorf("example %d in %s or its GraphiQL link is out of date (UPDATE_EXAMPLES=1 go test ./server -run TestExamples):\n%s", n, path, m[1])
		}
		return []byte(link + "\n\n```graphql\n" + string(m[1]) + "```\n\n```json\n" + pretty.String() + "```")
	})
	if n < 8 {
		t.Fatalf("found %d examples in %s, want at least 8", n, path)
	}
	if update {
		if err := os.WriteFile(path, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
