package synth_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stancegraph/stancegraph/loaders"
	"github.com/stancegraph/stancegraph/storetest"
	"github.com/stancegraph/stancegraph/synth"
)

// TestGenerateIsValidAndDeterministic writes a 2x data set, reads it back
// through the loaders' validation, and checks a second run is identical.
func TestGenerateIsValidAndDeterministic(t *testing.T) {
	base := storetest.Bundled(t)
	d := synth.Generate(base, 2, 42)
	if got, want := len(d.Positions), 2*len(base.Positions); got != want {
		t.Fatalf("positions = %d, want %d", got, want)
	}
	dir := t.TempDir()
	if err := loaders.Write(dir, d); err != nil {
		t.Fatal(err)
	}
	back, _, err := loaders.ReadDir(dir)
	if err != nil {
		t.Fatalf("the synthetic data does not validate: %v", err)
	}
	if len(back.Positions) != len(d.Positions) {
		t.Fatalf("read back %d positions, want %d", len(back.Positions), len(d.Positions))
	}
	if diff := cmp.Diff(d.Positions, synth.Generate(base, 2, 42).Positions); diff != "" {
		t.Fatalf("two runs with one seed differ:\n%.500s", diff)
	}
	if cmp.Equal(d.Positions, synth.Generate(base, 2, 43).Positions) {
		t.Fatal("two seeds gave the same data")
	}
}
