package journal_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/journal"
)

// written returns a journal of five applied edits: the header is line 1,
// the edits lines 2 to 6.
func written(t *testing.T) (string, [][]byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "journal")
	j, _ := MustOpen(t, path)
	ctx := context.Background()
	for i, e := range []*stancegraph.Edit{
		positionEdit("p1", stancegraph.Opposes, "first"),
		actorEdit("AAA", "k1", "A one", nil),
		positionEdit("p1", stancegraph.Supports, "second"),
		actorEdit("BBB", "k2", "B one", nil),
		positionEdit("p2", stancegraph.Amends, "third"),
	} {
		if _, err := j.Apply(ctx, e); err != nil {
			t.Fatalf("edit %d: %v", i, err)
		}
	}
	if err := j.Close(ctx); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, bytes.SplitAfter(b, []byte("\n"))[:6]
}

// reseal gives a changed record line a checksum that matches it again.
func reseal(line string) string {
	body := strings.TrimSuffix(line, "\n")
	body = body[:strings.LastIndexByte(body, ' ')]
	return fmt.Sprintf("%s %08x\n", body, crc32.Checksum([]byte(body), crc32.MakeTable(crc32.Castagnoli)))
}

func write(t *testing.T, path string, lines ...[]byte) {
	t.Helper()
	if err := os.WriteFile(path, bytes.Join(lines, nil), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestCorruption: every kind of damage but a torn or rejected last record
// refuses to open, naming the damaged line.
func TestCorruption(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func(l [][]byte) [][]byte
		line   int
		reason string
	}{
		{"QuoteFlipped", func(l [][]byte) [][]byte { l[3] = bytes.Replace(l[3], []byte("second"), []byte("secand"), 1); return l }, 4, "checksum mismatch"},
		{"StanceUnknown", func(l [][]byte) [][]byte {
			l[1] = []byte(reseal(strings.Replace(string(l[1]), `"OPPOSES"`, `"OPPOSEX"`, 1)))
			return l
		}, 2, `input.stance: unknown value "OPPOSEX"`},
		{"VersionChanged", func(l [][]byte) [][]byte {
			l[3] = []byte(reseal(strings.Replace(string(l[3]), `"version":2`, `"version":3`, 1)))
			return l
		}, 4, "version 3 was acknowledged"},
		{"ReplacedByEmptyObject", func(l [][]byte) [][]byte { l[2] = []byte("{}\n"); return l }, 3, "no checksum"},
		{"CutInsideALine", func(l [][]byte) [][]byte { l[2] = append(l[2][:20:20], l[2][40:]...); return l }, 3, "checksum"},
		{"TwoLinesJoined", func(l [][]byte) [][]byte { l[2] = bytes.TrimSuffix(l[2], []byte("\n")); return l }, 3, "checksum"},
		{"LineLost", func(l [][]byte) [][]byte { return append(l[:2:2], l[3:]...) }, 3, "record 3 where record 2 should be"},
		{"LineRepeated", func(l [][]byte) [][]byte { return append(l[:3:3], l[2:]...) }, 4, "record 2 where record 3 should be"},
		{"LinesSwapped", func(l [][]byte) [][]byte { l[2], l[3] = l[3], l[2]; return l }, 3, "record 3 where record 2 should be"},
		{"GarbageLine", func(l [][]byte) [][]byte { return append(l, []byte("\x00\x17garbage\n")) }, 7, "no checksum"},
		{"GarbageMidFile", func(l [][]byte) [][]byte { return append(l[:3:3], append([][]byte{[]byte("garbage\n")}, l[3:]...)...) }, 4, "no checksum"},
		{"RejectedRecordMidFile", func(l [][]byte) [][]byte {
			return append(l, rejected(6), []byte(reseal(strings.Replace(string(l[5]), `"seq":5`, `"seq":7`, 1))))
		}, 7, "the store rejects the edit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path, lines := written(t)
			write(t, path, tc.damage(lines)...)
			before, _ := os.ReadFile(path)
			_, _, err := journal.Open(context.Background(), base(t), path)
			var ce *journal.CorruptError
			if !errors.As(err, &ce) {
				t.Fatalf("Open: %v, want a *CorruptError", err)
			}
			if ce.Line != tc.line || !strings.Contains(ce.Reason, tc.reason) {
				t.Fatalf("line %d: %s; want line %d: …%s…", ce.Line, ce.Reason, tc.line, tc.reason)
			}
			if !strings.Contains(err.Error(), "journal repair") {
				t.Fatalf("the error gives no way out: %v", err)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Fatal("a refused journal was changed")
			}
		})
	}
}

// rejected is a well-formed record of an edit the store refuses.
func rejected(seq int) []byte {
	b, _ := json.Marshal(map[string]any{"seq": seq, "version": 1, "edit": stancegraph.Edit{Author: "k", At: "2026", Reason: "r", Retract: "pos-none"}})
	return []byte(reseal(string(b) + " 00000000\n"))
}

// TestUnacknowledgedTail: a torn last record, or a last record the store
// rejects, was never acknowledged: it is cut and reported, and the journal
// takes new edits after it.
func TestUnacknowledgedTail(t *testing.T) {
	for _, tc := range []struct {
		name, tail, dropped string
	}{
		{"Torn", `{"seq":6,"version":1,"edit":{"Author":"k`, "a torn last record"},
		{"Rejected", string(rejected(6)), "the last record, which the store rejects"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path, lines := written(t)
			write(t, path, append(lines, []byte(tc.tail))...)
			j, rep := MustOpen(t, path)
			if rep.Records != 5 || !strings.Contains(rep.Dropped, "line 7: "+tc.dropped) {
				t.Fatalf("replayed %d, dropped %q; want 5 and line 7: %s", rep.Records, rep.Dropped, tc.dropped)
			}
			if _, err := j.Apply(context.Background(), actorEdit("CCC", "k3", "C one", nil)); err != nil {
				t.Fatal(err)
			}
			j.Close(context.Background())
			j2, rep2 := MustOpen(t, path)
			defer j2.Close(context.Background())
			if rep2.Records != 6 || rep2.Dropped != "" {
				t.Fatalf("after the cut: replayed %d, dropped %q; want 6, none", rep2.Records, rep2.Dropped)
			}
		})
	}
}

// TestRepair keeps every record before the damage, says what it dropped
// and saves it; the journal then opens.
func TestRepair(t *testing.T) {
	path, lines := written(t)
	lines[3] = bytes.Replace(lines[3], []byte("second"), []byte("secand"), 1)
	write(t, path, lines...)
	rep, err := journal.Verify(context.Background(), base(t), path)
	var ce *journal.CorruptError
	if !errors.As(err, &ce) || ce.Line != 4 || rep.Records != 2 {
		t.Fatalf("Verify: %v, %d good records; want line 4 damaged after 2 good records", err, rep.Records)
	}
	rep, err = journal.Repair(context.Background(), base(t), path)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Records != 2 || !strings.HasPrefix(rep.Dropped, "lines 4 to 6 (line 4: checksum mismatch") {
		t.Fatalf("Repair kept %d records, dropped %q; want 2, lines 4 to 6", rep.Records, rep.Dropped)
	}
	saved := rep.Dropped[strings.LastIndex(rep.Dropped, "saved to ")+len("saved to "):]
	if b, _ := os.ReadFile(saved); !bytes.Equal(b, bytes.Join(lines[3:], nil)) {
		t.Fatalf("the dropped records were not saved whole in %s: %q", saved, b)
	}
	j, rep := MustOpen(t, path)
	defer j.Close(context.Background())
	if rep.Records != 2 {
		t.Fatalf("after repair: %d records, want 2", rep.Records)
	}
	if h, _ := j.History(context.Background(), "AAA"); len(h) != 1 || h[0].Author != "k1" {
		t.Fatalf("AAA's history after repair: %+v", h)
	}
}

// TestLegacyJournal: a journal written before checksums still opens;
// records are appended to it with checksums; an unchecksummed line after
// a checksummed one is damage, as is an old record no mutation would make.
func TestLegacyJournal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal")
	var old [][]byte
	for _, e := range []*stancegraph.Edit{actorEdit("AAA", "k1", "A one", nil), positionEdit("p1", stancegraph.Opposes, "q"),
		{Author: "k", At: "2026", Reason: "r", Retract: "pos-none"}} { // the old format kept rejected edits too
		b, _ := json.Marshal(e)
		old = append(old, append(b, '\n'))
	}
	write(t, path, old...)
	j, rep := MustOpen(t, path)
	if rep.Records != 2 || rep.Legacy != 2 || rep.Skipped != 1 {
		t.Fatalf("legacy journal: %+v; want 2 records, 2 legacy, 1 skipped", rep)
	}
	if _, err := j.Apply(context.Background(), actorEdit("AAA", "k2", "A two", ptr(1))); err != nil {
		t.Fatal(err)
	}
	j.Close(context.Background())
	j, rep = MustOpen(t, path)
	j.Close(context.Background())
	if rep.Records != 3 || rep.Legacy != 2 {
		t.Fatalf("legacy journal appended to: %+v; want 3 records, 2 legacy", rep)
	}
	b, _ := os.ReadFile(path)
	write(t, path, b, old[0])
	if _, _, err := journal.Open(context.Background(), base(t), path); !strings.Contains(fmt.Sprint(err), "line 5: no checksum") {
		t.Fatalf("an unchecksummed line after a checksummed one: %v", err)
	}
	bad, _ := json.Marshal(positionEdit("p9", "OPPOSEX", "q"))
	write(t, path, old[0], append(bad, '\n'), old[1])
	if _, _, err := journal.Open(context.Background(), base(t), path); !strings.Contains(fmt.Sprint(err), `line 2: an edit no mutation would accept: input.stance: unknown value "OPPOSEX"`) {
		t.Fatalf("an old record with an unknown stance: %v", err)
	}
}

func ptr(i int) *int { return &i }

// TestOldTextsReplay: an edit acknowledged before the limits on text (a
// NUL, a long note) is replayed as it was acknowledged.
func TestOldTextsReplay(t *testing.T) {
	path := filepath.Join(t.TempDir(), "journal")
	e := positionEdit("p1", stancegraph.Opposes, "a\x00b")
	e.Position.Note = strings.Repeat("n", 30<<10)
	b, _ := json.Marshal(e)
	write(t, path, append(b, '\n'))
	j, rep := MustOpen(t, path)
	defer j.Close(context.Background())
	if rep.Records != 1 {
		t.Fatalf("%+v", rep)
	}
}
