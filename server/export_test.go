package server_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stancegraph/stancegraph/memstore"
	"github.com/stancegraph/stancegraph/server"
	"github.com/stancegraph/stancegraph/storetest"
)

// newExportServer serves the bundled data and returns the server's base URL.
func newExportServer(t *testing.T) string {
	t.Helper()
	s := memstore.New()
	storetest.MustLoad(t, s, storetest.Bundled(t))
	ts := httptest.NewServer(server.New(s, server.Options{}))
	t.Cleanup(ts.Close)
	return ts.URL
}

// get fetches url and returns the response with its body read.
func get(t *testing.T, url string, header map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(b)
}

func TestExport(t *testing.T) {
	base := newExportServer(t)
	for _, tt := range []struct{ format, contentType, suffix, contains string }{
		{"cytoscape", "application/json", ".cytoscape.json", `"elements"`},
		{"gexf", "application/gexf+xml", ".gexf", `<gexf xmlns="http://gexf.net/1.3"`},
		{"graphml", "application/graphml+xml", ".graphml", `<graphml xmlns="http://graphml.graphdrawing.org/xmlns"`},
		{"nodes.csv", "text/csv; charset=utf-8", "-nodes.csv", "id,label,type,bloc,"},
		{"edges.csv", "text/csv; charset=utf-8", "-edges.csv", "id,source,target,type,stance,weight,"},
		{"sources.csv", "text/csv; charset=utf-8", "-sources.csv", "id,url,title,"},
	} {
		t.Run(tt.format, func(t *testing.T) {
			res, body := get(t, base+"/export/"+tt.format+"?article=ahc-draft-2024:5", nil)
			if got, want := res.StatusCode, http.StatusOK; got != want {
				t.Fatalf("status=%d, want %d: %s", got, want, body)
			}
			if got, want := res.Header.Get("Content-Type"), tt.contentType; got != want {
				t.Fatalf("Content-Type=%q, want %q", got, want)
			}
			rel := res.Header.Get("X-Stancegraph-Release")
			if got, want := res.Header.Get("Content-Disposition"), `attachment; filename=stancegraph-`+rel+tt.suffix; rel == "" || got != want {
				t.Fatalf("Content-Disposition=%q, want %q", got, want)
			}
			if !strings.Contains(body, tt.contains) || !strings.Contains(body, rel) {
				t.Fatalf("body lacks %q or the release %q:\n%.300s", tt.contains, rel, body)
			}
			if tt.format != "sources.csv" && !strings.Contains(body, "actor:IRN") {
				t.Fatal("Iran's position on Article 5 is missing")
			}
		})
	}
}

func TestExport_Errors(t *testing.T) {
	base := newExportServer(t)
	for _, tt := range []struct {
		name, path string
		status     int
		code       string
	}{
		{"UnknownFormat", "/export/pdf", http.StatusNotFound, "NOT_FOUND"},
		{"BadStance", "/export/gexf?stance=maybe", http.StatusBadRequest, "BAD_USER_INPUT"},
		{"UnknownParam", "/export/gexf?actors=IRN", http.StatusBadRequest, "BAD_USER_INPUT"},
		{"BadAgreement", "/export/gexf?agreement=perhaps", http.StatusBadRequest, "BAD_USER_INPUT"},
		{"BadAgreementEdges", "/export/gexf?agreement=true&agreementEdges=some", http.StatusBadRequest, "BAD_USER_INPUT"},
		{"BadMinOverlap", "/export/gexf?agreement=true&minOverlap=0", http.StatusBadRequest, "BAD_USER_INPUT"},
		{"BadAsOf", "/export/gexf?agreement=true&asOf=soon", http.StatusBadRequest, "BAD_USER_INPUT"},
		{"BadBasis", "/export/gexf?agreement=true&basis=votes", http.StatusBadRequest, "BAD_USER_INPUT"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, body := get(t, base+tt.path, nil)
			if res.StatusCode != tt.status || res.Header.Get("Content-Type") != "application/json" {
				t.Fatalf("status=%d (%s), want %d JSON: %s", res.StatusCode, res.Header.Get("Content-Type"), tt.status, body)
			}
			var e struct {
				Error struct{ Code, Message string }
			}
			if err := json.Unmarshal([]byte(body), &e); err != nil || e.Error.Code != tt.code || e.Error.Message == "" {
				t.Fatalf("body=%s, want code %s (%v)", body, tt.code, err)
			}
		})
	}
}

func TestExport_Agreement(t *testing.T) {
	res, body := get(t, newExportServer(t)+"/export/cytoscape?agreement=true&kind=vote", nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `"type": "AGREEMENT"`) || !strings.Contains(body, `"bloc": `) {
		t.Fatalf("status=%d; agreement edges or blocs missing:\n%.300s", res.StatusCode, body)
	}
}

// TestExport_AsTheMapShows: with the explorer's minOverlap, asOf and
// basis, the export has the agreement edges and blocs of the explorer's
// map query.
func TestExport_AsTheMapShows(t *testing.T) {
	base := newExportServer(t)
	for _, tc := range []struct{ name, param, option string }{
		{"AllItems", "", ""},
		{"Issues", "&basis=issues", ", basis: ISSUES"},
	} {
		t.Run(tc.name, func(t *testing.T) { asTheMapShows(t, base, tc.param, tc.option) })
	}
}

func asTheMapShows(t *testing.T, base, param, option string) {
	res, body := get(t, base+"/export/cytoscape?agreement=true&minOverlap=2&asOf=2024-12&dateTo=2024-12"+param, nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status=%d: %.300s", res.StatusCode, body)
	}
	var doc struct {
		Elements struct {
			Nodes []struct{ Data map[string]any }
			Edges []struct{ Data map[string]any }
		}
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatal(err)
	}
	type view struct {
		Nodes []struct {
			ID   string
			Bloc *int
		}
		Edges []struct{ ID, Type string }
	}
	m := mustData[struct{ Graph view }](t, storetest.Post(t, base+"/graphql",
		`{ graph(filter: {dateTo: "2024-12"}, includeAgreement: true, options: {minOverlap: 2, asOf: "2024-12"`+option+`}) { nodes { id bloc } edges { id type } } }`, nil)).Graph
	want := map[string]bool{}
	for _, e := range m.Edges {
		if e.Type == "AGREEMENT" {
			want[e.ID] = true
		}
	}
	got := 0
	for _, e := range doc.Elements.Edges {
		if e.Data["type"] == "AGREEMENT" {
			got++
			if !want[e.Data["id"].(string)] {
				t.Fatalf("the export has %v, the map does not", e.Data["id"])
			}
		}
	}
	if got != len(want) || got == 0 {
		t.Fatalf("%d agreement edges exported, the map has %d", got, len(want))
	}
	blocs := map[string]any{}
	for _, n := range doc.Elements.Nodes {
		blocs[n.Data["id"].(string)] = n.Data["bloc"]
	}
	for _, n := range m.Nodes {
		if n.Bloc != nil && blocs[n.ID] != float64(*n.Bloc) {
			t.Fatalf("%s: bloc %v exported, %d on the map", n.ID, blocs[n.ID], *n.Bloc)
		}
	}
}

func TestExplorer(t *testing.T) {
	base := newExportServer(t)
	res, body := get(t, base+"/explorer/", nil)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") || !strings.Contains(body, "stancegraph") {
		t.Fatalf("GET /explorer/: status=%d, type %q:\n%.300s", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	r, err := c.Get(base + "/explorer")
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode/100 != 3 || r.Header.Get("Location") != "/explorer/" {
		t.Fatalf("GET /explorer: status=%d, Location %q", r.StatusCode, r.Header.Get("Location"))
	}
}

func TestGraphQuery(t *testing.T) {
	url := newExportServer(t) + "/graphql"
	got := mustData[struct {
		Graph struct {
			Release struct{ ID string }
			Nodes   []struct {
				ID, Type, Label string
				Bloc            *int
			}
			Edges []struct {
				ID, Source, Target, Type string
				Position                 *struct{ ID string }
				SourceIds                []string
			}
			Sources []struct{ URL string }
		}
	}](t, storetest.Post(t, url, `{ graph(filter: {articles: ["ahc-draft-2024:5"], stances: [OPPOSES]}, includeAgreement: true) {
		release { id } nodes { id type label bloc properties { key value } }
		edges { id source target type stance weight overlap position { id } sourceIds } sources { url } } }`, nil))
	g := got.Graph
	if g.Release.ID == "" || len(g.Sources) == 0 {
		t.Fatalf("release %q, %d sources", g.Release.ID, len(g.Sources))
	}
	var iran bool
	for _, e := range g.Edges {
		if e.Type == "POSITION" && (e.Position == nil || e.Position.ID != e.ID || len(e.SourceIds) == 0) {
			t.Fatalf("edge %s lacks its position or sources", e.ID)
		}
		iran = iran || (e.Source == "actor:IRN" && e.Target == "article:ahc-draft-2024:5")
	}
	if !iran {
		t.Fatal("no edge from Iran to Article 5")
	}
}

func TestCORS(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusTeapot) })
	for _, tt := range []struct {
		name, method, origin string
		allowed              []string
		status               int
		allow                string
	}{
		{"NoOrigin", http.MethodGet, "", []string{"https://a.example"}, http.StatusTeapot, ""},
		{"Allowed", http.MethodGet, "https://a.example", []string{"https://a.example"}, http.StatusTeapot, "https://a.example"},
		{"Other", http.MethodGet, "https://b.example", []string{"https://a.example"}, http.StatusTeapot, ""},
		{"Any", http.MethodGet, "https://b.example", []string{"*"}, http.StatusTeapot, "*"},
		{"Preflight", http.MethodOptions, "https://a.example", []string{"https://a.example"}, http.StatusNoContent, "https://a.example"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, "/graphql", nil)
			if tt.origin != "" {
				req.Header.Set("Origin", tt.origin)
			}
			if tt.method == http.MethodOptions {
				req.Header.Set("Access-Control-Request-Method", "POST")
			}
			rec := httptest.NewRecorder()
			server.CORS(tt.allowed, ok).ServeHTTP(rec, req)
			if got := rec.Code; got != tt.status {
				t.Fatalf("status=%d, want %d", got, tt.status)
			}
			if got := rec.Header().Get("Access-Control-Allow-Origin"); got != tt.allow {
				t.Fatalf("Access-Control-Allow-Origin=%q, want %q", got, tt.allow)
			}
		})
	}
}
