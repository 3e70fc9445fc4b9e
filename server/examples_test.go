package server_test

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"testing"

	"github.com/stancegraph/stancegraph/server"
	"github.com/stancegraph/stancegraph/storetest"
)

var exampleBlock = regexp.MustCompile("(?s)```graphql\n(.*?)```\n\n```json\n(.*?)```")

// TestExamples keeps docs/examples.md true: every query's recorded output
// must be what the server answers on the bundled data.
func TestExamples(t *testing.T) {
	const path = "../docs/examples.md"
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	url := newServer(t, server.Options{})
	update := os.Getenv("UPDATE_EXAMPLES") == "1"
	n := 0
	out := exampleBlock.ReplaceAllFunc(doc, func(block []byte) []byte {
		m := exampleBlock.FindSubmatch(block)
		n++
		r := storetest.Post(t, url, string(m[1]), nil)
		var pretty bytes.Buffer
		if err := json.Indent(&pretty, r.Raw, "", "  "); err != nil {
			t.Fatal(err)
		}
		pretty.WriteByte('\n')
		if len(r.Errors) > 0 {
			t.Errorf("example %d fails: %s", n, r.Raw)
		}
		if !update && !bytes.Equal(pretty.Bytes(), m[2]) {
			t.Errorf("example %d in %s is out of date (UPDATE_EXAMPLES=1 go test ./server -run TestExamples):\n%s", n, path, m[1])
		}
		return []byte("```graphql\n" + string(m[1]) + "```\n\n```json\n" + pretty.String() + "```")
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
