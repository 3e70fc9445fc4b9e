package loaders_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stancegraph/stancegraph/loaders"
)

// withIssues adds an issue with three alternatives to minimal and lets the
// case change any file.
func withIssues(change map[string]string) fstest.MapFS {
	fs := minimal()
	files := map[string]string{
		"issues.csv": "id,name,description,negotiation,reference,reference_instrument,reference_source_url,outcome,outcome_source_url,topics,note\n" +
			"threshold,Ratification threshold,0 = 30 ratifications; 100 = 60,final,t60,draft,https://example.org/a,t40,https://un.example/vote,scope,\n",
		"alternatives.csv": "id,issue,label,value,articles,source_url,note\n" +
			"t30,threshold,30,0,final:6,https://example.org/a,\nt40,threshold,40,33.3,,https://example.org/a,\nt60,threshold,60,100,,https://example.org/a,\n",
	}
	for k, v := range change {
		files[k] = v
	}
	for k, v := range files {
		fs[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return fs
}

func TestRead_Issues(t *testing.T) {
	pos := "id,actor,on_behalf_of,joint_with,speaker,instrument,article,paragraph,topics,stance,stance_text,date,session,quote,source_url,verified,note,issue,alternative,salience\n" +
		"p1,Iran,,,,,,,scope,supports,,2024-01-29,s1,thirty,https://example.org/a,yes,,,t30,80\n"
	d, _, err := loaders.Read(withIssues(map[string]string{"positions.csv": pos}))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Issues) != 1 || len(d.Issues[0].Alternatives) != 3 || d.Issues[0].OutcomeID != "t40" {
		t.Fatalf("issues = %+v", d.Issues)
	}
	p := d.Positions[0]
	if p.AlternativeID != "t30" || p.IssueID != "threshold" || p.Salience == nil || *p.Salience != 80 {
		t.Fatalf("position = %+v", p)
	}
	// Loaded, dumped and read back: the same issues.
	again := roundTrip(t, d)
	if len(again.Issues) != 1 || again.Issues[0].Alternatives[1].Value != 33.3 {
		t.Fatalf("round trip lost the issue: %+v", again.Issues)
	}
	for _, p := range again.Positions {
		if p.ID == "p1" && (p.AlternativeID != "t30" || *p.Salience != 80) {
			t.Fatalf("round trip lost p1's alternative: %+v", p)
		}
	}
}

func TestRead_BadIssues(t *testing.T) {
	head := "id,actor,on_behalf_of,joint_with,speaker,instrument,article,paragraph,topics,stance,stance_text,date,session,quote,source_url,verified,note,issue,alternative,salience\n"
	issueHead := "id,name,description,negotiation,reference,reference_instrument,reference_source_url,outcome,outcome_source_url,topics,note\n"
	altHead := "id,issue,label,value,articles,source_url,note\n"
	for _, tt := range []struct {
		name   string
		change map[string]string
		want   string
	}{
		{"AlternativeOfAnotherIssue", map[string]string{"positions.csv": head + "p1,Iran,,,,,,,scope,supports,,,,x,https://example.org/a,yes,,scope-issue,t30,\n"},
			`positions.csv:2: alternative: alternative "t30" belongs to issue "threshold", not to issue "scope-issue"`},
		{"UnknownAlternative", map[string]string{"positions.csv": head + "p1,Iran,,,,,,,scope,supports,,,,x,https://example.org/a,yes,,,t99,\n"},
			`positions.csv:2: alternative: unknown alternative "t99"`},
		{"SalienceOutOfRange", map[string]string{"positions.csv": head + "p1,Iran,,,,,,,scope,supports,,,,x,https://example.org/a,yes,,,t30,120\n"},
			`positions.csv:2: salience: "120" is not a number within 0–100`},
		{"ValueOutOfRange", map[string]string{"alternatives.csv": altHead + "t30,threshold,30,-5,,https://example.org/a,\nt40,threshold,40,33.3,,https://example.org/a,\nt60,threshold,60,100,,https://example.org/a,\n"},
			`alternatives.csv:2: value: "-5" is not a number within 0–100`},
		{"NoAlternatives", map[string]string{"alternatives.csv": altHead},
			`issues.csv:2: id: Issue "threshold" has 0 alternatives`},
		{"OutcomeNotAnAlternative", map[string]string{"issues.csv": issueHead + "threshold,T,,final,t60,draft,https://example.org/a,t50,https://un.example/vote,,\n"},
			`issues.csv:2: outcome: The outcome of issue "threshold", "t50", is not one of its alternatives.`},
		{"DuplicateStatement", map[string]string{"positions.csv": head + "p1,Iran,,,,,,,scope,supports,,,,Same words.,https://example.org/a,yes,,,,\np2,IRN,,,,,,,scope,supports,,,,same  words.,https://un.example/vote,yes,,,,\n"},
			`positions.csv:3: id: position "p2" duplicates "p1" (positions.csv:2)`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d, _, err := loaders.Read(withIssues(tt.change))
			if err == nil || d != nil {
				t.Fatalf("read succeeded; want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error:\n%v\nwant it to contain %q", err, tt.want)
			}
		})
	}
}
