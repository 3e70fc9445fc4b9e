package loaders

import "github.com/stancegraph/stancegraph"

var positionColumns = []string{"kind", "on_behalf_of", "joint_with", "speaker", "instrument", "article", "paragraph", "topics",
	"stance_text", "date", "session", "quote", "note", "issue", "alternative", "salience"}

func (rd *reader) readPositions() {
	t, fr := rd.table("positions.csv", "positions", []string{"id", "actor", "stance", "source_url", "verified"}, positionColumns, false)
	topics := map[string]bool{}
	for _, tp := range rd.d.Topics {
		topics[tp.ID] = true
	}
	alts := stancegraph.AlternativeIndex(rd.d.Issues)
	sessions := map[string]bool{}
	for _, s := range rd.d.Sessions {
		sessions[s.ID] = true
	}
	for _, r := range t.rows {
		p := &stancegraph.Position{ID: r.id("id"), Kind: stancegraph.KindStatement, ActorID: r.actorRef(rd, "actor", r.required("actor")),
			Paragraph: r.get("paragraph"), StanceText: r.get("stance_text"), Date: r.date("date"), Quote: r.get("quote"), Note: r.get("note")}
		p.Stance = r.stance("stance")
		if k := r.get("kind"); k != "" {
			p.Kind = stancegraph.PositionKind(r.oneOf("kind", asStrings(stancegraph.PositionKinds), true))
		}
		for _, ref := range r.list("on_behalf_of") {
			p.OnBehalfOf = append(p.OnBehalfOf, r.actorRef(rd, "on_behalf_of", ref))
		}
		for _, ref := range r.list("joint_with") {
			p.JointWith = append(p.JointWith, r.actorRef(rd, "joint_with", ref))
		}
		if sp := r.get("speaker"); sp != "" {
			p.SpeakerID = r.actorRef(rd, "speaker", sp)
		}
		p.Topics = r.list("topics")
		for _, tp := range p.Topics {
			if !topics[tp] {
				r.fail("topics", "unknown topic %q (not in topics.csv)", tp)
			}
		}
		if s := r.get("session"); s != "" {
			if !sessions[s] {
				r.fail("session", "unknown session %q (not in sessions.csv)", s)
			}
			p.SessionID = s
		}
		r.target(rd, p)
		r.alternative(rd, p, alts)
		p.VerifiedText = r.get("verified")
		p.Verification = verification(r)
		p.SourceIDs = r.sourceIDs(rd, "source_url", r.urls("source_url", true))
		if r.define(rd, "id", p.ID) {
			rd.d.Positions = append(rd.d.Positions, p)
			fr.Loaded++
		}
	}
}

// stance parses the stance column.
func (r *row) stance(field string) stancegraph.Stance {
	v := r.required(field)
	if v == "" {
		return ""
	}
	s, ok := stancegraph.ParseStance(v)
	if !ok {
		r.fail(field, "unknown stance %q (want one of %s)", v, stancegraph.StanceList())
	}
	return s
}

// target fills a position's instrument and article from the instrument and
// article columns; a position must be about an article, an instrument or a topic.
func (r *row) target(rd *reader, p *stancegraph.Position) {
	art := r.get("article")
	p.InstrumentID = r.instrumentRef(rd, "instrument", r.get("instrument"), art != "")
	if art != "" && p.InstrumentID != "" {
		_, n, err := stancegraph.ParseArticleRef(p.InstrumentID + ":" + art)
		if err != nil {
			r.fail("article", "%q is not an article number", art)
			return
		}
		p.ArticleID = stancegraph.ArticleID(p.InstrumentID, n)
		if rd.arts[p.ArticleID] == nil {
			r.fail("article", "unknown article %s of %s (not in articles.csv)", art, p.InstrumentID)
		}
	}
	if p.InstrumentID == "" && len(p.Topics) == 0 {
		r.fail("", "a position needs an article, an instrument or a topic")
	}
}

func asStrings[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}
