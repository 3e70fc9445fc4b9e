package loaders_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/loaders"
	"github.com/stancegraph/stancegraph/memstore"
)

const voteHead = "instrument,body,document,date,yes,no,abstain,non_voting,adopted_without_vote,reported_by,source_url,verified,note\n"

// withRecords adds a vote summary file and a treaty status table (one
// party, one invitee) to minimal.
func withRecords(votes string) fstest.MapFS {
	fs := minimal()
	fs["vote_summaries.csv"] = &fstest.MapFile{Data: []byte(votes)}
	fs["datasets.csv"] = &fstest.MapFile{Data: []byte("file,format,instrument,note\nvotes.csv,votes,res,\nstatus.csv,treaty_status,final,\n")}
	fs["status.csv"] = &fstest.MapFile{Data: []byte("state,iso3,status,signed,ratified_or_acceded,entry_into_force,verified,source_url,note\n" +
		"France,FRA,Party,2001-11-23,2006-01-10,,yes,https://un.example/vote,\nIran,IRN,Invited to accede (9 Oct 2024),,,,yes,https://example.org/a,\n")}
	return fs
}

func TestRead_VoteSummariesAndTreatyStatus(t *testing.T) {
	d, _, err := loaders.Read(withRecords(voteHead +
		"res,General Assembly,A/RES/1,2019-12-27,79,60,33,,,Voeten,https://un.example/vote,yes,\n" +
		"final,General Assembly,,2024-12,,,,,,,https://example.org/a,partial,no counts read\n"))
	if err != nil {
		t.Fatal(err)
	}
	// Sorted by instrument: "final" before "res".
	if len(d.Records.Votes) != 2 || *d.Records.Votes[1].Yes != 79 || d.Records.Votes[1].NonVoting != nil || d.Records.Votes[0].Yes != nil {
		t.Fatalf("votes = %+v", d.Records.Votes)
	}
	if len(d.Records.Statuses) != 2 || d.Records.Statuses[1].ActorID != "IRN" || d.Records.Statuses[1].Status != "Invited to accede (9 Oct 2024)" {
		t.Fatalf("statuses = %+v", d.Records.Statuses)
	}
	// The party is a position too; the invitee is not.
	n := 0
	for _, p := range d.Positions {
		if p.InstrumentID == "final" {
			n++
			if p.ActorID != "FRA" {
				t.Errorf("a position for %s on the treaty: an invitation is not a position", p.ActorID)
			}
		}
	}
	if n != 2 { // ratified and signed
		t.Errorf("%d positions of France on the treaty, want 2", n)
	}
	// Dumped and read back: the same records, and no position twice.
	again := roundTrip(t, d)
	if len(again.Records.Votes) != 2 || len(again.Records.Statuses) != 2 || len(again.Positions) != len(d.Positions) {
		t.Fatalf("round trip: %d votes, %d statuses, %d positions (want 2, 2, %d)", len(again.Records.Votes), len(again.Records.Statuses), len(again.Positions), len(d.Positions))
	}
	if again.Records.Votes[0].Yes != nil || again.Records.Votes[0].AdoptedWithoutVote != nil || *again.Records.Votes[1].Abstain != 33 {
		t.Fatalf("round trip changed the votes: %+v", again.Records.Votes)
	}
}

// roundTrip loads d into a memory store, dumps it, writes the dump to a
// folder and reads that back.
func roundTrip(t *testing.T, d *stancegraph.Dataset) *stancegraph.Dataset {
	t.Helper()
	s := memstore.New()
	if err := s.Load(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	back, err := loaders.Dump(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := loaders.Write(dir, back); err != nil {
		t.Fatal(err)
	}
	again, _, err := loaders.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return again
}

func TestRead_BadVoteSummaries(t *testing.T) {
	for _, tt := range []struct{ name, row, want string }{
		{"NegativeCount", "res,General Assembly,,2019-12-27,-1,60,33,,,,https://un.example/vote,yes,\n",
			`vote_summaries.csv:2: yes: "-1" is not a count`},
		{"CountsWithoutVote", "res,General Assembly,,2019-12-27,79,,,,yes,,https://un.example/vote,yes,\n",
			`vote_summaries.csv:2: adopted_without_vote: is yes but the row gives vote counts`},
		{"UnknownInstrument", "nope,General Assembly,,2019-12-27,79,,,,,,https://un.example/vote,yes,\n",
			`vote_summaries.csv:2: instrument: unknown instrument "nope"`},
		{"NoDate", "res,General Assembly,,,79,,,,,,https://un.example/vote,yes,\n",
			`vote_summaries.csv:2: date: is required`},
		{"UnlistedSource", "res,General Assembly,,2019,79,,,,,,https://elsewhere.example/,yes,\n",
			`vote_summaries.csv:2: source_url: "https://elsewhere.example/" is not listed in sources.csv`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d, _, err := loaders.Read(withRecords(voteHead + tt.row))
			if err == nil || d != nil {
				t.Fatalf("read succeeded; want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error:\n%v\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

// TestRead_ParagraphsAreItems: two statements of one source and date on two
// paragraphs of an article are two positions; on one paragraph, a duplicate.
func TestRead_ParagraphsAreItems(t *testing.T) {
	head := "id,actor,on_behalf_of,joint_with,speaker,instrument,article,paragraph,topics,stance,stance_text,date,session,quote,source_url,verified,note\n"
	two := head + "p1,Iran,,,,final,6,1,,opposes,,2024-08-08,,One.,https://example.org/a,yes,\np2,Iran,,,,final,6,2,,opposes,,2024-08-08,,Two.,https://example.org/a,yes,\n"
	fs := minimal()
	fs["positions.csv"] = &fstest.MapFile{Data: []byte(two)}
	if _, _, err := loaders.Read(fs); err != nil {
		t.Fatalf("two paragraphs refused: %v", err)
	}
	same := head + "p1,Iran,,,,final,6,2,,opposes,,2024-08-08,,One.,https://example.org/a,yes,\np2,Iran,,,,final,6,2,,opposes,,2024-08-08,,Two.,https://example.org/a,yes,\n"
	fs["positions.csv"] = &fstest.MapFile{Data: []byte(same)}
	if _, _, err := loaders.Read(fs); err == nil || !strings.Contains(err.Error(), `position "p2" duplicates "p1"`) {
		t.Fatalf("one paragraph twice: %v", err)
	}
}
