package loaders_test

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/data"
	"github.com/stancegraph/stancegraph/loaders"
)

// TestWriteRoundTrip: writing the bundled data in the loaders' own format
// and reading it back gives the same entities (the release differs: it is
// the hash of other files).
func TestWriteRoundTrip(t *testing.T) {
	want, _, err := loaders.Read(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := loaders.Write(dir, want); err != nil {
		t.Fatal(err)
	}
	got, _, err := loaders.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	sortByID := cmpopts.SortSlices(func(a, b *stancegraph.Position) bool { return a.ID < b.ID })
	opts := cmp.Options{cmpopts.EquateEmpty(), sortByID, cmpopts.IgnoreFields(stancegraph.Dataset{}, "Release"),
		cmpopts.SortSlices(func(a, b *stancegraph.Actor) bool { return a.ID < b.ID })}
	if d := cmp.Diff(want, got, opts); d != "" {
		t.Fatalf("read(write(data)) differs (-want +got):\n%s", d)
	}
	// And writing that again gives byte-identical files.
	dir2 := t.TempDir()
	if err := loaders.Write(dir2, got); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"positions.csv", "states.csv", "articles.csv", "sources.csv"} {
		a, _ := os.ReadFile(dir + "/" + f)
		b, _ := os.ReadFile(dir2 + "/" + f)
		if string(a) != string(b) || len(a) == 0 {
			t.Errorf("%s is not stable across two writes", f)
		}
	}
}
