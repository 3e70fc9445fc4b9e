package loaders

import (
	"strconv"

	"github.com/stancegraph/stancegraph"
)

func (rd *reader) readSources() {
	t, fr := rd.table("sources.csv", "sources", []string{"url", "title", "publisher", "class"}, []string{"date", "note"}, true)
	for _, r := range t.rows {
		s := &stancegraph.Source{URL: r.required("url"), Title: r.required("title"), Publisher: r.required("publisher"),
			Date: r.date("date"), Note: r.get("note")}
		if s.URL != "" && !stancegraph.ValidURL(s.URL) {
			r.fail("url", "%q is not an http(s) URL", s.URL)
		}
		if c := r.get("class"); c != "" {
			var ok bool
			if s.Class, ok = stancegraph.ParseSourceClass(c); !ok {
				r.fail("class", "unknown source class %q", c)
			}
		} else {
			r.fail("class", "is required")
		}
		if rd.sources[s.URL] {
			r.fail("url", "%q is listed twice", s.URL)
			continue
		}
		rd.sources[s.URL] = true
		s.ID = stancegraph.SourceID(s.URL)
		rd.d.Sources = append(rd.d.Sources, s)
		fr.Loaded++
	}
}

func (rd *reader) readTopics() {
	t, fr := rd.table("topics.csv", "topics", []string{"id", "name"}, []string{"description"}, false)
	for _, r := range t.rows {
		tp := &stancegraph.Topic{ID: r.id("id"), Name: r.required("name"), Description: r.get("description")}
		if r.define(rd, "id", tp.ID) {
			rd.d.Topics = append(rd.d.Topics, tp)
			fr.Loaded++
		}
	}
}

func (rd *reader) readInstruments() {
	t, fr := rd.table("instruments.csv", "instruments", []string{"id", "kind", "title"},
		[]string{"short_title", "symbol", "date", "version_of", "default", "source_url"}, true)
	defaults := 0
	for _, r := range t.rows {
		in := &stancegraph.Instrument{ID: r.id("id"), Kind: r.oneOf("kind", stancegraph.InstrumentKinds, true), Title: r.required("title"),
			ShortTitle: r.get("short_title"), Symbol: r.get("symbol"), Date: r.date("date"), VersionOf: r.get("version_of"),
			Default: r.oneOf("default", []string{"YES", "NO"}, false) == "YES"}
		if in.Default {
			if defaults++; defaults > 1 {
				r.fail("default", "only one instrument can be the default")
			}
		}
		in.SourceIDs = r.sourceIDs(rd, "source_url", r.urls("source_url", false))
		if r.define(rd, "id", in.ID) {
			rd.insts[in.ID] = in
			rd.d.Instruments = append(rd.d.Instruments, in)
			fr.Loaded++
		}
	}
	for _, r := range t.rows {
		if v := r.get("version_of"); v != "" && rd.insts[v] == nil {
			r.fail("version_of", "unknown instrument %q", v)
		}
	}
}

// instrumentRef checks an instrument id; "" means the default instrument
// when useDefault is set.
func (r *row) instrumentRef(rd *reader, field, id string, useDefault bool) string {
	if id == "" {
		if !useDefault {
			return ""
		}
		for _, in := range rd.d.Instruments {
			if in.Default {
				return in.ID
			}
		}
		r.fail(field, "is required: no instrument is marked default in instruments.csv")
		return ""
	}
	if rd.insts[id] == nil {
		r.fail(field, "unknown instrument %q (not in instruments.csv)", id)
		return ""
	}
	return id
}

func (rd *reader) readArticles() {
	t, fr := rd.table("articles.csv", "articles", []string{"instrument", "number", "title"},
		[]string{"chapter", "status", "corresponds_to", "verified", "source_url", "note"}, false)
	made := make([]*stancegraph.Article, len(t.rows)) // aligned with t.rows; nil where invalid
	for i, r := range t.rows {
		a := &stancegraph.Article{InstrumentID: r.instrumentRef(rd, "instrument", r.required("instrument"), false),
			Title: r.required("title"), Chapter: r.get("chapter"), Note: r.get("note")}
		n, err := strconv.Atoi(r.get("number"))
		if err != nil || n <= 0 {
			r.fail("number", "%q is not a positive integer", r.get("number"))
		}
		a.Number, a.ID = n, stancegraph.ArticleID(a.InstrumentID, n)
		if s := r.get("status"); s != "" {
			var ok bool
			if a.Status, ok = stancegraph.ParseArticleStatus(s); !ok {
				r.fail("status", "unknown status %q (want agreed, open, void or adopted)", s)
			}
		}
		a.Verification = verification(r)
		a.SourceIDs = r.sourceIDs(rd, "source_url", r.urls("source_url", false))
		if r.define(rd, "number", a.ID) {
			rd.arts[a.ID], made[i] = a, a
			rd.d.Articles = append(rd.d.Articles, a)
			fr.Loaded++
		}
	}
	// Correspondences may point forward, so they are checked once all are read.
	for i, r := range t.rows {
		for _, ref := range r.list("corresponds_to") {
			inst, n, err := stancegraph.ParseArticleRef(ref)
			if err != nil {
				r.fail("corresponds_to", "%v", err)
				continue
			}
			id := stancegraph.ArticleID(inst, n)
			if rd.arts[id] == nil {
				r.fail("corresponds_to", "unknown article %q", ref)
				continue
			}
			if made[i] != nil {
				made[i].CorrespondsTo = append(made[i].CorrespondsTo, id)
			}
		}
	}
	symmetricCorrespondence(rd.d.Articles, rd.arts)
}

// symmetricCorrespondence makes "A corresponds to B" imply "B to A".
func symmetricCorrespondence(as []*stancegraph.Article, byID map[string]*stancegraph.Article) {
	for _, a := range as {
		for _, id := range a.CorrespondsTo {
			b := byID[id]
			if b != nil && !contains(b.CorrespondsTo, a.ID) {
				b.CorrespondsTo = append(b.CorrespondsTo, a.ID)
			}
		}
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func (rd *reader) readSessions() {
	t, fr := rd.table("sessions.csv", "sessions", []string{"id", "name", "start"}, []string{"end", "place", "instrument", "source_url"}, false)
	for _, r := range t.rows {
		s := &stancegraph.Session{ID: r.id("id"), Name: r.required("name"), Start: r.date("start"), End: r.date("end"), Place: r.get("place"),
			InstrumentID: r.instrumentRef(rd, "instrument", r.get("instrument"), false)}
		if s.Start == "" {
			r.fail("start", "is required")
		}
		s.SourceIDs = r.sourceIDs(rd, "source_url", r.urls("source_url", false))
		if r.define(rd, "id", s.ID) {
			rd.d.Sessions = append(rd.d.Sessions, s)
			fr.Loaded++
		}
	}
}
