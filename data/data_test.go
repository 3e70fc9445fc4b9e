package data_test

import (
	"context"
	"encoding/csv"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/data"
	"github.com/stancegraph/stancegraph/loaders"
	"github.com/stancegraph/stancegraph/memstore"
)

// summary reads the sources' own totals from vote_summaries.csv: the first
// verified General Assembly summary of the instrument.
func summary(t *testing.T, instrument string) map[stancegraph.Stance]int {
	t.Helper()
	raw, err := data.FS.ReadFile("vote_summaries.csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(string(raw))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, r := range rows[1:] {
		if r[col["instrument"]] == instrument && r[col["body"]] == "General Assembly" && r[col["verified"]] == "yes" {
			n := func(c string) int { v, _ := strconv.Atoi(r[col[c]]); return v }
			return map[stancegraph.Stance]int{stancegraph.Supports: n("yes"), stancegraph.Opposes: n("no"), stancegraph.Abstains: n("abstain")}
		}
	}
	t.Fatalf("no verified General Assembly summary for %q", instrument)
	return nil
}

func loaded(t *testing.T) (stancegraph.Store, *loaders.Report) {
	t.Helper()
	s := memstore.New()
	rep, err := loaders.Load(context.Background(), s, data.FS)
	if err != nil {
		t.Fatal(err)
	}
	return s, rep
}

func count(t *testing.T, s stancegraph.Store, f stancegraph.PositionFilter) int {
	t.Helper()
	_, n, err := s.FindPositions(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestVoteTotalsMatchTheSources(t *testing.T) {
	s, _ := loaded(t)
	for _, c := range []struct {
		instrument, summary string
		want                map[stancegraph.Stance]int
	}{
		{"unga-74-247", "unga-74-247", map[stancegraph.Stance]int{stancegraph.Supports: 79, stancegraph.Opposes: 60, stancegraph.Abstains: 33}},
		{"unga-73-187", "unga-73-187", map[stancegraph.Stance]int{stancegraph.Supports: 94, stancegraph.Opposes: 59, stancegraph.Abstains: 33}},
	} {
		src := summary(t, c.summary)
		total := 0
		for st, want := range c.want {
			if src[st] != want {
				t.Fatalf("%s: the summary file says %d %s, the issue says %d", c.instrument, src[st], st, want)
			}
			got := count(t, s, stancegraph.PositionFilter{InstrumentIDs: []string{c.instrument}, Kinds: []stancegraph.PositionKind{stancegraph.KindVote}, Stances: []stancegraph.Stance{st}})
			if got != want {
				t.Errorf("%s: %d %s votes, want %d", c.instrument, got, st, want)
			}
			total += got
		}
		votes := count(t, s, stancegraph.PositionFilter{InstrumentIDs: []string{c.instrument}, Kinds: []stancegraph.PositionKind{stancegraph.KindVote}})
		absent := count(t, s, stancegraph.PositionFilter{InstrumentIDs: []string{c.instrument}, Stances: []stancegraph.Stance{stancegraph.Absent}, Verifications: []stancegraph.Verification{stancegraph.Derived}})
		if votes != 193 || total+absent != 193 {
			t.Errorf("%s: %d vote rows (%d recorded + %d derived non-voting), want all 193 members", c.instrument, votes, total, absent)
		}
	}
}

func TestSignatoriesOfTheUNConvention(t *testing.T) {
	s, _ := loaded(t)
	sig := stancegraph.PositionFilter{InstrumentIDs: []string{"uncc"}, Kinds: []stancegraph.PositionKind{stancegraph.KindSignature}}
	all := count(t, s, sig)
	sig.Verifications = []stancegraph.Verification{stancegraph.Verified}
	// The UN treaty office counts 72; Sweden, the United Kingdom and Viet Nam
	// rest only on a page the collectors could not read, so they are not verified.
	if got := count(t, s, sig); got != 72-3 {
		t.Errorf("verified signatures = %d, want the 72 the UN treaty office counts less the 3 read nowhere", got)
	}
	for _, unread := range []string{"SWE", "GBR", "VNM"} {
		ps, _, err := s.FindPositions(context.Background(), stancegraph.PositionFilter{ActorIDs: []string{unread}, InstrumentIDs: []string{"uncc"}, Kinds: []stancegraph.PositionKind{stancegraph.KindSignature}})
		if err != nil || len(ps) != 1 || ps[0].Verification != stancegraph.Unverified {
			t.Errorf("%s's signature = %+v, %v; want one, unverified", unread, ps, err)
		}
	}
	if all <= 72 {
		t.Errorf("signature rows = %d, want the disputed ones beyond the 72 too", all)
	}
	for _, disputed := range []string{"UGA", "CAN"} {
		ps, _, err := s.FindPositions(context.Background(), stancegraph.PositionFilter{ActorIDs: []string{disputed}, InstrumentIDs: []string{"uncc"}, Kinds: []stancegraph.PositionKind{stancegraph.KindSignature}})
		if err != nil || len(ps) != 1 || ps[0].Verification != stancegraph.Unverified {
			t.Errorf("%s's signature = %+v, %v; want one, unverified", disputed, ps, err)
		}
	}
}

// TestEveryRowLoadedOrReported checks the report: no record row vanishes.
func TestEveryRowLoadedOrReported(t *testing.T) {
	_, rep := loaded(t)
	for _, f := range rep.Files {
		if f.Loaded+len(f.Skipped) != f.Rows {
			t.Errorf("%s: %d rows, %d loaded, %d reported", f.File, f.Rows, f.Loaded, len(f.Skipped))
		}
		for _, sk := range f.Skipped {
			if sk.Line < 2 || sk.Reason == "" {
				t.Errorf("%s: a skip without line or reason: %+v", f.File, sk)
			}
		}
	}
}

func TestEveryUNMemberHasARegionalGroup(t *testing.T) {
	s, _ := loaded(t)
	states, n, err := s.FindActors(context.Background(), stancegraph.ActorFilter{Types: []stancegraph.ActorType{stancegraph.ActorState}})
	if err != nil || n != 195 {
		t.Fatalf("states = %d, %v; want 193 members and 2 observers", n, err)
	}
	for _, a := range states {
		if a.UNStatus == "member" && a.RegionalGroup == "" {
			t.Errorf("%s (%s) has no regional group", a.ID, a.Name)
		}
	}
}

// TestProvenance checks that nothing resting on an AI-generated summary is
// presented as verified without being marked so, and every position cites a source.
func TestProvenance(t *testing.T) {
	d, _, err := loaders.Read(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	class := map[string]stancegraph.SourceClass{}
	for _, s := range d.Sources {
		class[s.ID] = s.Class
	}
	ai := 0
	for _, p := range d.Positions {
		if len(p.SourceIDs) == 0 {
			t.Fatalf("position %s has no source", p.ID)
		}
		if class[p.SourceIDs[0]] == stancegraph.ClassAIGenerated {
			ai++
		}
	}
	if ai == 0 {
		t.Fatal("no position rests on an AI-generated summary: the Digital Watch sources lost their class")
	}
}

// TestSourcesCounts: every row count SOURCES.md's file table gives is the
// number of data rows in that file.
func TestSourcesCounts(t *testing.T) {
	md, err := os.ReadFile("SOURCES.md")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, line := range strings.Split(string(md), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 4 || !strings.HasSuffix(strings.TrimSpace(cells[1]), ".csv") {
			continue
		}
		file, want := strings.TrimSpace(cells[1]), strings.TrimSpace(cells[2])
		raw, err := data.FS.ReadFile(file)
		if err != nil {
			t.Errorf("SOURCES.md lists %s: %v", file, err)
			continue
		}
		recs, err := csv.NewReader(strings.NewReader(string(raw))).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if got := strconv.Itoa(len(recs) - 1); got != want {
			t.Errorf("SOURCES.md says %s has %s rows; it has %s", file, want, got)
		}
		checked++
	}
	if checked < 10 {
		t.Fatalf("checked %d files of SOURCES.md's table, want every data file", checked)
	}
}

// TestNoVerifiedRowOnUnreadableSources: a row read nowhere is not
// verified. A source whose sources.csv note says it was unreadable cannot
// alone make a row `verified=yes`.
func TestNoVerifiedRowOnUnreadableSources(t *testing.T) {
	read := func(name string) []map[string]string {
		raw, err := data.FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(strings.NewReader(string(raw))).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var out []map[string]string
		for _, r := range recs[1:] {
			m := map[string]string{}
			for i, h := range recs[0] {
				m[h] = r[i]
			}
			out = append(out, m)
		}
		return out
	}
	unreadable := map[string]bool{}
	for _, s := range read("sources.csv") {
		if strings.Contains(strings.ToLower(s["note"]), "unreadable") {
			unreadable[s["url"]] = true
		}
	}
	if len(unreadable) == 0 {
		t.Fatal("no source is marked unreadable: the check would check nothing")
	}
	for _, f := range []struct{ file, urls string }{
		{"positions.csv", "source_url"}, {"un_cybercrime_convention_signatories.csv", "sources"},
		{"un_cybercrime_convention_ratifications.csv", "source_url"}, {"budapest_convention.csv", "source_url"},
		{"unga_74_247_sponsors.csv", "source_url"},
	} {
		for i, r := range read(f.file) {
			if strings.ToLower(r["verified"]) != "yes" {
				continue
			}
			readable := false
			for _, u := range strings.Split(r[f.urls], ";") {
				if u = strings.TrimSpace(u); u != "" && !unreadable[u] {
					readable = true
				}
			}
			if !readable {
				t.Errorf("%s:%d: verified=yes but every source is marked unreadable: %s", f.file, i+2, r[f.urls])
			}
		}
	}
}

// TestTextRecords: every row of the Budapest status table is reachable,
// invitees included (they are not positions), and every vote summary is
// too, with unknown counts absent rather than zero.
func TestTextRecords(t *testing.T) {
	s, _ := loaded(t)
	rec, err := s.FindTextRecords(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	raw, err := data.FS.ReadFile("budapest_convention.csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(string(raw))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	invited := 0
	for _, r := range rows[1:] {
		if strings.HasPrefix(r[6], "Invited") {
			invited++
		}
	}
	got, gotInvited := 0, 0
	for _, st := range rec.Statuses {
		if st.InstrumentID == "budapest" {
			got++
			if strings.HasPrefix(st.Status, "Invited") {
				gotInvited++
			}
		}
	}
	if got != len(rows)-1 || invited == 0 || gotInvited != invited {
		t.Errorf("budapest: %d status rows (%d invited), the file has %d (%d invited)", got, gotInvited, len(rows)-1, invited)
	}
	raw, err = data.FS.ReadFile("vote_summaries.csv")
	if err != nil {
		t.Fatal(err)
	}
	vrows, err := csv.NewReader(strings.NewReader(string(raw))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Votes) != len(vrows)-1 {
		t.Errorf("%d vote summaries, the file has %d", len(rec.Votes), len(vrows)-1)
	}
	for _, v := range rec.Votes {
		if v.InstrumentID == "unga-79-243" && (v.Yes != nil || v.AdoptedWithoutVote != nil) {
			t.Errorf("A/RES/79/243: the source gives no counts and does not say how it was adopted, got yes=%v withoutVote=%v", v.Yes, v.AdoptedWithoutVote)
		}
	}
}
