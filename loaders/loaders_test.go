package loaders_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/loaders"
	"github.com/stancegraph/stancegraph/memstore"
)

// minimal is a small valid data folder; each bad-row case changes one file.
func minimal() fstest.MapFS {
	files := map[string]string{
		"sources.csv": "url,title,publisher,class,date,note\n" +
			"https://example.org/a,Report A,Example,news_report,2024-02,\n" +
			"https://un.example/vote,Vote record,UN,official_un_record,,\n",
		"topics.csv": "id,name,description\nscope,Scope,What the treaty covers\n",
		"states.csv": "iso3,name,aliases,regional_group,un_status,source_url\n" +
			"IRN,Iran (Islamic Republic of),Iran,Asia-Pacific,member,\n" +
			"FRA,France,,Western European and Others,member,\n",
		"organizations.csv": "id,name,aliases,kind,url,note\nmicrosoft,Microsoft,MSFT,industry,https://microsoft.com,\n",
		"groups.csv":        "id,name,aliases,kind,note,source_url\neu,European Union,EU,regional_organization,,\n",
		"people.csv":        "id,name,aliases,organization,role,source_url\nkaja,Kaja Ciglic,,Microsoft,Director,https://example.org/a\n",
		"memberships.csv":   "member,group,from,to,source_url,verified\nFrance,eu,1958,,https://example.org/a,yes\n",
		"instruments.csv": "id,kind,title,short_title,symbol,date,version_of,default,source_url\n" +
			"draft,draft_convention,Draft,,,2024-01,final,yes,\nfinal,convention,Final,,,2024-12,,,\nres,resolution,Resolution,,A/RES/1,2019,,,\n",
		"articles.csv": "instrument,number,title,chapter,status,corresponds_to,verified,source_url,note\n" +
			"draft,5,Human rights,,void,final:6,yes,https://example.org/a,\nfinal,6,Respect for human rights,1,adopted,,no,,\n",
		"sessions.csv": "id,name,start,end,place,instrument,source_url\ns1,Session 1,2024-01-29,2024-02-09,New York,draft,\n",
		"positions.csv": "id,actor,on_behalf_of,joint_with,speaker,instrument,article,paragraph,topics,stance,stance_text,date,session,quote,source_url,verified,note\n" +
			"p1,Iran,,,,,5,,,opposes,oppose,2024-01-29,s1,\"no human rights, please\",https://example.org/a,yes,\n" +
			"p2,microsoft,,,kaja,,,,scope,conditional,narrow,,,Narrow it.,https://example.org/a ; https://un.example/vote,secondary,\n",
		"datasets.csv": "file,format,instrument,note\nvotes.csv,votes,res,\n",
		"votes.csv":    "state,iso3,vote,resolution,vote_date,verified,source_url,note\nFrance,FRA,No,A/RES/1,2019-12-27,yes,https://un.example/vote,\nIran,IRN,Non-voting,A/RES/1,2019-12-27,derived,https://un.example/vote,\n",
	}
	fs := fstest.MapFS{}
	for k, v := range files {
		fs[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return fs
}

func TestRead_OK(t *testing.T) {
	d, rep, err := loaders.Read(minimal())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(d.Positions), 4; got != want {
		t.Fatalf("positions = %d, want %d (2 statements + 2 votes)", got, want)
	}
	byID := map[string]*stancegraph.Position{}
	for _, p := range d.Positions {
		byID[p.ID] = p
	}
	p1 := byID["p1"]
	if p1 == nil || p1.ActorID != "IRN" || p1.ArticleID != "draft:5" || p1.Stance != stancegraph.Opposes || p1.Verification != stancegraph.Verified {
		t.Fatalf("p1 = %+v; want Iran opposing draft:5 (default instrument), verified", p1)
	}
	p2 := byID["p2"]
	if len(p2.SourceIDs) != 2 || p2.Verification != stancegraph.Unverified || p2.SpeakerID != "kaja" {
		t.Fatalf("p2 = %+v; want two sources, unverified (secondary), spoken by kaja", p2)
	}
	v := byID["vote:res:IRN"]
	if v == nil || v.Stance != stancegraph.Absent || v.Verification != stancegraph.Derived || v.Kind != stancegraph.KindVote {
		t.Fatalf("Iran's vote = %+v; want a derived ABSENT vote", v)
	}
	var art5 *stancegraph.Article
	for _, a := range d.Articles {
		if a.ID == "final:6" {
			art5 = a
		}
	}
	if art5 == nil || len(art5.CorrespondsTo) != 1 || art5.CorrespondsTo[0] != "draft:5" {
		t.Fatalf("final:6 = %+v; want it to correspond back to draft:5", art5)
	}
	if rep.Release.Hash == "" || rep.Release.Date != "2024-01-29" {
		t.Fatalf("release = %+v; want a hash and the latest position date", rep.Release)
	}
}

func TestRead_BadRows(t *testing.T) {
	for _, c := range []struct {
		name, file, content, want string
	}{
		{"UnknownStance", "positions.csv", "id,actor,stance,source_url,verified,article\np1,Iran,maybe,https://example.org/a,yes,5\n", "positions.csv:2: stance: unknown stance \"maybe\""},
		{"NoSource", "positions.csv", "id,actor,stance,source_url,verified,article\np1,Iran,opposes,,yes,5\n", "positions.csv:2: source_url: is required"},
		{"UncitedSource", "positions.csv", "id,actor,stance,source_url,verified,article\np1,Iran,opposes,https://nowhere.example/x,yes,5\n", "positions.csv:2: source_url: \"https://nowhere.example/x\" is not listed in sources.csv"},
		{"UnknownActor", "positions.csv", "id,actor,stance,source_url,verified,article\np1,Atlantis,opposes,https://example.org/a,yes,5\n", "positions.csv:2: actor: unknown actor \"Atlantis\""},
		{"UnknownArticle", "positions.csv", "id,actor,stance,source_url,verified,article\np1,Iran,opposes,https://example.org/a,yes,99\n", "positions.csv:2: article: unknown article 99 of draft"},
		{"NoTarget", "positions.csv", "id,actor,stance,source_url,verified\np1,Iran,opposes,https://example.org/a,yes\n", "positions.csv:2: a position needs an article, an instrument or a topic"},
		{"BadDate", "positions.csv", "id,actor,stance,source_url,verified,article,date\np1,Iran,opposes,https://example.org/a,yes,5,2024-13-01\n", "positions.csv:2: date: \"2024-13-01\" is not a date"},
		{"DuplicateID", "positions.csv", "id,actor,stance,source_url,verified,article\np1,Iran,opposes,https://example.org/a,yes,5\np1,Iran,supports,https://example.org/a,yes,5\n", "positions.csv:3: id: duplicate id \"p1\""},
		{"MissingVerified", "positions.csv", "id,actor,stance,source_url,verified,article\np1,Iran,opposes,https://example.org/a,,5\n", "positions.csv:2: verified: is required"},
		{"UnknownColumn", "positions.csv", "id,actor,stance,source_url,verified,article,stanse\np1,Iran,opposes,https://example.org/a,yes,5,x\n", "positions.csv:1: stanse: unknown column"},
		{"MissingColumn", "positions.csv", "id,actor,source_url,verified,article\np1,Iran,https://example.org/a,yes,5\n", "positions.csv:1: stance: required column is missing"},
		{"QuotedMultiline", "positions.csv", "id,actor,stance,source_url,verified,article\np0,Iran,opposes,https://example.org/a,yes,5\n\"p1\nx\",Iran,opposes,https://example.org/a,yes,5\n", "positions.csv:3: id: \"p1\\nx\" is not a valid id"},
		{"BadISO3", "states.csv", "iso3,name\nIr,Iran\n", "states.csv:2: iso3: \"Ir\" is not an ISO 3166-1 alpha-3 code"},
		{"BadRegionalGroup", "states.csv", "iso3,name,regional_group\nIRN,Iran,Middle Earth\nFRA,France,\n", "states.csv:2: regional_group: unknown UN regional group \"Middle Earth\""},
		{"AmbiguousAlias", "states.csv", "iso3,name,aliases\nIRN,Iran,Persia\nFRA,France,Persia\n", "states.csv:3: aliases: \"Persia\" already names IRN"},
		{"BadSourceClass", "sources.csv", "url,title,publisher,class\nhttps://example.org/a,A,B,rumour\nhttps://un.example/vote,V,UN,official_un_record\n", "sources.csv:2: class: unknown source class \"rumour\""},
		{"BadURL", "sources.csv", "url,title,publisher,class\nexample.org/a,A,B,news_report\n", "sources.csv:2: url: \"example.org/a\" is not an http(s) URL"},
		{"BadVote", "votes.csv", "state,iso3,vote,resolution,vote_date,verified,source_url,note\nFrance,FRA,Maybe,A/RES/1,2019-12-27,yes,https://un.example/vote,\n", "votes.csv:2: vote: unknown vote \"Maybe\""},
		{"VoteNameAndCodeDisagree", "votes.csv", "state,iso3,vote,resolution,vote_date,verified,source_url,note\nFrance,IRN,No,A/RES/1,2019-12-27,yes,https://un.example/vote,\n", "votes.csv:2: iso3: \"France\" names FRA but iso3 is IRN"},
		{"VoteWrongResolution", "votes.csv", "state,iso3,vote,resolution,vote_date,verified,source_url,note\nFrance,FRA,No,A/RES/2,2019-12-27,yes,https://un.example/vote,\n", "votes.csv:2: resolution: \"A/RES/2\" does not match"},
		{"MissingRecordFile", "datasets.csv", "file,format,instrument\nnothere.csv,votes,res\n", "nothere.csv: open nothere.csv"},
		{"UnknownFormat", "datasets.csv", "file,format,instrument\nvotes.csv,polls,res\n", "datasets.csv:2: format: unknown format \"polls\""},
		{"TwoDefaults", "instruments.csv", "id,kind,title,default\ndraft,draft_convention,D,yes\nfinal,convention,F,yes\nres,resolution,R,\n", "instruments.csv:3: default: only one instrument can be the default"},
		{"BadCorrespondence", "articles.csv", "instrument,number,title,corresponds_to\ndraft,5,HR,final:60\nfinal,6,HR,\n", "articles.csv:2: corresponds_to: unknown article \"final:60\""},
		{"MembershipOfNonGroup", "memberships.csv", "member,group,source_url\nFrance,microsoft,https://example.org/a\n", "memberships.csv:2: group: \"microsoft\" is not a group"},
		{"NotUTF8", "topics.csv", "id,name\nscope,\xff\xfe\n", "topics.csv:2: not valid UTF-8 at byte 7 of the line"},
		{"DuplicateColumn", "positions.csv", "id,actor,stance,source_url,verified,article,stance\np1,Iran,opposes,https://example.org/a,yes,5,supports\n", "1 error(s) in the data; nothing was loaded:\n  positions.csv:1: stance: the column appears twice"},
		{"NULByte", "positions.csv", "id,actor,stance,source_url,verified,article,quote\np1,Iran,opposes,https://example.org/a,yes,5,a\x00b\n", "positions.csv:2: quote: a control character (U+0000) at byte 2"},
		{"HugeCell", "positions.csv", "id,actor,stance,source_url,verified,article,quote\np1,Iran,opposes,https://example.org/a,yes,5," + strings.Repeat("x", loaders.MaxCell+1) + "\n", "positions.csv:2: quote: 65537 bytes: longer than the limit"},
	} {
		t.Run(c.name, func(t *testing.T) {
			fs := minimal()
			fs[c.file] = &fstest.MapFile{Data: []byte(c.content)}
			d, _, err := loaders.Read(fs)
			var es loaders.Errors
			if !errors.As(err, &es) {
				t.Fatalf("err = %v, want loaders.Errors", err)
			}
			if d != nil {
				t.Fatal("a dataset was returned despite errors")
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error does not contain %q:\n%v", c.want, err)
			}
		})
	}
}

// TestLoad_AllOrNothing checks that a folder with one bad row loads nothing,
// and that loading twice gives the same graph.
func TestLoad_AllOrNothing(t *testing.T) {
	ctx := context.Background()
	s := memstore.New()
	bad := minimal()
	bad["votes.csv"] = &fstest.MapFile{Data: []byte("state,iso3,vote,resolution,vote_date,verified,source_url,note\nFrance,FRA,No,A/RES/1,2019-12-27,yes,https://un.example/vote,\nIran,IRN,Perhaps,A/RES/1,2019-12-27,yes,https://un.example/vote,\n")}
	if _, err := loaders.Load(ctx, s, bad); err == nil {
		t.Fatal("a folder with a bad row loaded")
	}
	if _, n, _ := s.FindPositions(ctx, stancegraph.PositionFilter{}); n != 0 {
		t.Fatalf("%d positions were written by a failed load", n)
	}
	if _, n, _ := s.FindActors(ctx, stancegraph.ActorFilter{}); n != 0 {
		t.Fatalf("%d actors were written by a failed load", n)
	}
	for i := 0; i < 2; i++ {
		if _, err := loaders.Load(ctx, s, minimal()); err != nil {
			t.Fatal(err)
		}
		if _, n, _ := s.FindPositions(ctx, stancegraph.PositionFilter{}); n != 4 {
			t.Fatalf("after load %d: %d positions, want 4", i+1, n)
		}
	}
}

func FuzzReadPositions(f *testing.F) {
	f.Add([]byte(minimal()["positions.csv"].Data))
	f.Add([]byte("id,actor,stance,source_url,verified\n\"unterminated,Iran"))
	f.Add([]byte("\ufeffid,actor,stance,source_url,verified,article\np1,Iran,opposes,https://example.org/a,yes,5\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		fs := minimal()
		fs["positions.csv"] = &fstest.MapFile{Data: b}
		d, _, err := loaders.Read(fs)
		if (d == nil) == (err == nil) {
			t.Fatalf("Read returned dataset=%v err=%v: exactly one must be set", d != nil, err)
		}
	})
}
