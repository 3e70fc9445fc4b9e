package loaders

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/stancegraph/stancegraph"
)

// checkDuplicates refuses a position recorded twice: the same actor, kind
// and stance on the same item (article and paragraph, instrument or topics) with the same
// quote, or with the same primary source and date. Every count of the graph
// counts positions, so a duplicate would move them. The same statement read
// in two sources is one position with two sources (source_url "a ; b").
func (rd *reader) checkDuplicates() {
	seen := map[string]string{} // key -> id of the first position
	for _, p := range rd.d.Positions {
		item := strings.Join([]string{p.ActorID, string(p.Kind), string(p.Stance), p.ArticleID, p.Paragraph, p.InstrumentID, strings.Join(p.Topics, ";")}, "\x00")
		var keys []string
		if k := recordKind(p); k != "" {
			// An actor votes on, sponsors, signs or ratifies a text once.
			keys = append(keys, strings.Join([]string{p.ActorID, k, string(p.Stance), p.InstrumentID}, "\x00")+"\x00record")
		}
		if q := normalizeQuote(p.Quote); q != "" {
			keys = append(keys, item+"\x00quote\x00"+q)
		}
		if len(p.SourceIDs) > 0 {
			keys = append(keys, item+"\x00source\x00"+p.SourceIDs[0]+"\x00"+p.Date)
		}
		for _, k := range keys {
			first, dup := seen[k]
			if !dup {
				seen[k] = p.ID
				continue
			}
			how := "the same quote"
			switch {
			case strings.HasSuffix(k, "\x00record"):
				how = "a record of the same act (a vote, sponsorship, signature or ratification counts once)"
			case strings.Contains(k, "\x00source\x00"):
				how = "the same source and date"
			}
			file, line := rd.where(p.ID)
			rd.errs.add(&RowError{File: file, Line: line, Field: "id", Msg: fmt.Sprintf(
				"position %q duplicates %q (%s): the same actor, stance and item with %s; "+
					"if it is the same statement in another source, list both URLs in one row's source_url", p.ID, first, rd.ids[first], how)})
			break
		}
	}
}

// recordKind names the act a record position records: its kind, and for a
// statement that an actor signed or ratified, the signature or ratification
// it reports ("" for other statements).
func recordKind(p *stancegraph.Position) string {
	switch {
	case p.Kind != stancegraph.KindStatement && p.Kind != "":
		return string(p.Kind)
	case p.ArticleID != "" || p.InstrumentID == "":
		return "" // one signs or ratifies a whole text
	case p.Stance == stancegraph.Signs:
		return string(stancegraph.KindSignature)
	case p.Stance == stancegraph.Ratifies:
		return string(stancegraph.KindRatification)
	}
	return ""
}

// where splits the "file:line" an id was defined at.
func (rd *reader) where(id string) (string, int) {
	loc := rd.ids[id]
	i := strings.LastIndexByte(loc, ':')
	if i < 0 {
		return loc, 0
	}
	n, _ := strconv.Atoi(loc[i+1:])
	return loc[:i], n
}

// normalizeQuote folds case and spacing so that a re-typed copy of a quote
// is recognized.
func normalizeQuote(q string) string {
	return strings.Join(strings.Fields(strings.ToLower(q)), " ")
}
