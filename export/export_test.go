package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/data"
	"github.com/stancegraph/stancegraph/export"
	"github.com/stancegraph/stancegraph/loaders"
	"github.com/stancegraph/stancegraph/memstore"
)

var (
	bundledOnce  sync.Once
	bundledStore stancegraph.Store
	bundledErr   error
)

// MustBundled returns a memstore loaded with the bundled data, shared by
// the tests (they only read).
func MustBundled(tb testing.TB) stancegraph.Store {
	tb.Helper()
	bundledOnce.Do(func() {
		s := memstore.New()
		_, bundledErr = loaders.Load(context.Background(), s, data.FS)
		bundledStore = s
	})
	if bundledErr != nil {
		tb.Fatal(bundledErr)
	}
	return bundledStore
}

// MustBuild builds the export graph of the bundled data.
func MustBuild(tb testing.TB, o export.Options) *export.Graph {
	tb.Helper()
	g, err := export.Build(context.Background(), MustBundled(tb), o)
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

func TestBuild(t *testing.T) {
	g := MustBuild(t, export.Options{})
	ps, n, err := MustBundled(t).FindPositions(context.Background(), stancegraph.PositionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(g.Edges), n; got != want || len(ps) != n {
		t.Fatalf("edges=%d, want %d (one per position)", got, want)
	}
	if g.Release.ID == "" {
		t.Fatal("no release id")
	}
	nodes := map[string]*export.Node{}
	for _, nd := range g.Nodes {
		nodes[nd.ID] = nd
	}
	for _, e := range g.Edges {
		if e.Position == nil || e.Position.ID != e.ID {
			t.Fatalf("edge %s does not keep its position id", e.ID)
		}
		if len(e.SourceIDs) == 0 || len(e.SourceURLs) != len(e.SourceIDs) {
			t.Fatalf("edge %s: sources %v, urls %v", e.ID, e.SourceIDs, e.SourceURLs)
		}
		if nodes[e.Source] == nil || nodes[e.Target] == nil {
			t.Fatalf("edge %s: dangling endpoint %s -> %s", e.ID, e.Source, e.Target)
		}
	}
	if len(g.Sources) == 0 {
		t.Fatal("empty citation manifest")
	}
	if !slices.IsSortedFunc(g.Nodes, func(a, b *export.Node) int { return strings.Compare(a.ID, b.ID) }) {
		t.Fatal("nodes not sorted")
	}
}

func TestBuild_Filter(t *testing.T) {
	f := stancegraph.PositionFilter{ArticleIDs: []string{"ahc-draft-2024:5"}, Stances: []stancegraph.Stance{stancegraph.Opposes}}
	g := MustBuild(t, export.Options{Filter: f})
	var iran *export.Edge
	for _, e := range g.Edges {
		if e.Stance != stancegraph.Opposes || e.Target != "article:ahc-draft-2024:5" {
			t.Fatalf("edge %s (%s -> %s) escapes the filter", e.ID, e.Stance, e.Target)
		}
		if e.Source == "actor:IRN" {
			iran = e
		}
	}
	if iran == nil {
		t.Fatal("Iran is not among the opponents of Article 5")
	}
	if !strings.HasPrefix(iran.SourceURLs[0], "http") {
		t.Fatalf("Iran's position has source URL %q", iran.SourceURLs[0])
	}
}

func TestBuild_Agreement(t *testing.T) {
	g := MustBuild(t, export.Options{Agreement: true})
	var agreements, blocs int
	for _, e := range g.Edges {
		if e.Type == export.EdgeAgreement {
			agreements++
			if e.Weight <= 0.5 || e.Overlap < 1 {
				t.Fatalf("agreement edge %s: weight %v, overlap %d", e.ID, e.Weight, e.Overlap)
			}
		}
	}
	for _, n := range g.Nodes {
		if n.Bloc != nil {
			blocs++
		}
	}
	if agreements == 0 || blocs == 0 {
		t.Fatalf("agreement edges=%d, actors with a bloc=%d", agreements, blocs)
	}
}

// write writes g in format f.
func write(tb testing.TB, f export.Format, g *export.Graph) []byte {
	tb.Helper()
	var b bytes.Buffer
	if err := f.Write(&b, g); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func TestWriters_Deterministic(t *testing.T) {
	ga, gb := MustBuild(t, export.Options{Agreement: true}), MustBuild(t, export.Options{Agreement: true})
	for _, f := range export.Formats {
		t.Run(f.Name, func(t *testing.T) {
			a, b := write(t, f, ga), write(t, f, gb)
			if !bytes.Equal(a, b) {
				t.Fatal("two exports of the same data differ")
			}
			if !bytes.Contains(a, []byte(ga.Release.ID)) {
				t.Fatal("the export does not name the release")
			}
		})
	}
}

// xmlCounts decodes an XML document token by token (failing on any
// well-formedness error) and counts elements by local name.
func xmlCounts(tb testing.TB, b []byte) map[string]int {
	tb.Helper()
	counts := map[string]int{}
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return counts
		}
		if err != nil {
			tb.Fatalf("not well-formed XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			counts[se.Name.Local]++
		}
	}
}

func TestWriters_XML(t *testing.T) {
	g := MustBuild(t, export.Options{Agreement: true})
	for _, name := range []string{"gexf", "graphml"} {
		t.Run(name, func(t *testing.T) {
			f, _ := export.FormatByName(name)
			c := xmlCounts(t, write(t, f, g))
			if got, want := c["node"], len(g.Nodes); got != want {
				t.Fatalf("nodes=%d, want %d", got, want)
			}
			if got, want := c["edge"], len(g.Edges); got != want {
				t.Fatalf("edges=%d, want %d", got, want)
			}
		})
	}
}

func TestWriteCytoscape(t *testing.T) {
	g := MustBuild(t, export.Options{})
	var doc struct {
		Data struct {
			Release   struct{ ID string }
			Citations []struct{ ID, URL string }
		}
		Elements struct {
			Nodes []struct{ Data map[string]any }
			Edges []struct{ Data map[string]any }
		}
	}
	f, _ := export.FormatByName("cytoscape")
	if err := json.Unmarshal(write(t, f, g), &doc); err != nil {
		t.Fatal(err)
	}
	if got, want := doc.Data.Release.ID, g.Release.ID; got != want {
		t.Fatalf("release=%q, want %q", got, want)
	}
	if got, want := len(doc.Elements.Edges), len(g.Edges); got != want {
		t.Fatalf("edges=%d, want %d", got, want)
	}
	if got, want := len(doc.Data.Citations), len(g.Sources); got != want {
		t.Fatalf("citations=%d, want %d", got, want)
	}
	for _, e := range doc.Elements.Edges {
		if e.Data["positionId"] != e.Data["id"] || e.Data["sourceUrls"] == nil {
			t.Fatalf("edge %v lacks its position id or sources", e.Data)
		}
	}
}

func TestWriteCSV(t *testing.T) {
	g := MustBuild(t, export.Options{})
	var nodes, edges bytes.Buffer
	if err := export.WriteCSV(&nodes, &edges, g); err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string]*bytes.Buffer{"nodes": &nodes, "edges": &edges} {
		recs, err := csv.NewReader(b).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want := len(g.Nodes)
		if name == "edges" {
			want = len(g.Edges)
		}
		if got := len(recs) - 1; got != want {
			t.Fatalf("%s rows=%d, want %d", name, got, want)
		}
		if h := recs[0]; h[0] != "id" || h[len(h)-1] != "release" || recs[1][len(h)-1] != g.Release.ID {
			t.Fatalf("%s: header %v", name, h)
		}
	}
}

func TestParseFilter(t *testing.T) {
	for _, tt := range []struct {
		name, query string
		want        stancegraph.PositionFilter
		code        string
	}{
		{"Empty", "", stancegraph.PositionFilter{}, ""},
		{"Repeated", "actor=IRN&actor=RUS,CHN&stance=opposes&kind=statement&dateTo=2024-08",
			stancegraph.PositionFilter{ActorIDs: []string{"IRN", "RUS", "CHN"}, Stances: []stancegraph.Stance{stancegraph.Opposes},
				Kinds: []stancegraph.PositionKind{stancegraph.KindStatement}, DateTo: "2024-08"}, ""},
		{"Enums", "verification=verified&regionalGroup=asia-pacific&actorType=State",
			stancegraph.PositionFilter{Verifications: []stancegraph.Verification{stancegraph.Verified},
				RegionalGroups: []stancegraph.RegionalGroup{stancegraph.GroupAsiaPacific}, ActorTypes: []stancegraph.ActorType{stancegraph.ActorState}}, ""},
		{"Evidence", "evidence=official,ai-summary",
			stancegraph.PositionFilter{Evidence: []stancegraph.EvidenceGrade{stancegraph.EvidenceOfficial, stancegraph.EvidenceAISummary}}, ""},
		{"BadEvidence", "evidence=rumour", stancegraph.PositionFilter{}, stancegraph.EINVALID},
		{"BadStance", "stance=maybe", stancegraph.PositionFilter{}, stancegraph.EINVALID},
		{"BadDate", "dateFrom=yesterday", stancegraph.PositionFilter{}, stancegraph.EINVALID},
		{"NoSuchDate", "dateTo=2024-13-40", stancegraph.PositionFilter{}, stancegraph.EINVALID},
		{"UnknownParam", "actors=IRN", stancegraph.PositionFilter{}, stancegraph.EINVALID},
	} {
		t.Run(tt.name, func(t *testing.T) {
			q, _ := url.ParseQuery(tt.query)
			got, err := export.ParseFilter(q)
			if tt.code != "" {
				if stancegraph.ErrorCode(err) != tt.code {
					t.Fatalf("err=%v, want code %s", err, tt.code)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Fatalf("filter (-want +got):\n%s", diff)
			}
		})
	}
}

// TestEvidenceTravels: a position edge carries its evidence grade and the
// alternative it favours into every format, as the API gives them.
func TestEvidenceTravels(t *testing.T) {
	g := MustBuild(t, export.Options{})
	grades := map[stancegraph.EvidenceGrade]int{}
	withAlt := 0
	for _, e := range g.Edges {
		if e.Type != export.EdgePosition {
			continue
		}
		grades[e.Evidence]++
		if e.Position.AlternativeID != "" {
			withAlt++
		}
	}
	if grades[stancegraph.EvidenceAISummary] == 0 || grades[stancegraph.EvidenceOfficial]+grades[stancegraph.EvidenceGovernment] == 0 || grades[""] != 0 {
		t.Fatalf("edge grades = %v; want AI summaries, official records and no ungraded edge", grades)
	}
	if withAlt == 0 {
		t.Fatal("no edge names an alternative")
	}
	for _, f := range export.Formats {
		if f.Name == "nodes.csv" || f.Name == "sources.csv" {
			continue
		}
		if b := write(t, f, g); !bytes.Contains(b, []byte(`AI_SUMMARY`)) || !bytes.Contains(b, []byte(`evidence`)) {
			t.Errorf("%s lacks the evidence attribute", f.Name)
		}
	}
}
