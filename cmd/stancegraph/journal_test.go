package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/data"
	"github.com/stancegraph/stancegraph/journal"
	"github.com/stancegraph/stancegraph/loaders"
	"github.com/stancegraph/stancegraph/memstore"
)

// TestJournalVerifyRepair: serve refuses a damaged journal naming the
// line; verify says the same; repair keeps the records before the damage
// and says what it dropped; serve then starts.
func TestJournalVerifyRepair(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "journal")
	s := memstore.New()
	if _, err := loaders.Load(ctx, s, data.FS); err != nil {
		t.Fatal(err)
	}
	j, _, err := journal.Open(ctx, s, path)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Iran one", "Iran two", "Iran three"} {
		if _, err := j.Apply(ctx, &stancegraph.Edit{Author: "k", At: "2026-11-30T00:00:00Z", Actor: &stancegraph.Actor{ID: "IRN", Type: stancegraph.ActorState, Name: name}}); err != nil {
			t.Fatal(err)
		}
	}
	j.Close(ctx)
	b, _ := os.ReadFile(path)
	if err := os.WriteFile(path, bytes.Replace(b, []byte("Iran two"), []byte("Iran 2!!"), 1), 0o600); err != nil {
		t.Fatal(err)
	}
	err = testMain(io.Discard, io.Discard).Serve(ctx, []string{"-addr", "127.0.0.1:0", "-journal", path, "-keys", ""})
	if err == nil || !strings.Contains(err.Error(), "line 3: checksum mismatch") {
		t.Fatalf("serve on a damaged journal: %v, want a refusal naming line 3", err)
	}
	var out strings.Builder
	if err := run(ctx, []string{"journal", "verify", "-journal", path}, &out, io.Discard); err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Fatalf("verify: %v", err)
	}
	if err := run(ctx, []string{"journal", "repair", "-journal", path}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "kept the 1 edits before the damage; dropped lines 3 to 4 (line 3: checksum mismatch") {
		t.Fatalf("repair said: %s", out.String())
	}
	out.Reset()
	if err := run(ctx, []string{"journal", "verify", "-journal", path}, &out, io.Discard); err != nil || !strings.Contains(out.String(), "good: 1 edits") {
		t.Fatalf("verify after repair: %v, %s", err, out.String())
	}
}
