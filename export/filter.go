package export

import (
	"io"
	"net/url"
	"slices"
	"strings"

	"github.com/stancegraph/stancegraph"
)

// Format is an export format: its name in URLs and on the command line,
// its media type, the end of the file name it is saved under and its
// writer.
type Format struct {
	Name        string
	ContentType string
	Suffix      string
	Write       func(w io.Writer, g *Graph) error
}

// FileName is the name to save g in format f under:
// "stancegraph-RELEASE" and the format's suffix.
func (f Format) FileName(g *Graph) string { return "stancegraph-" + g.Release.ID + f.Suffix }

// Formats lists every export format.
var Formats = []Format{
	{"cytoscape", "application/json", ".cytoscape.json", WriteCytoscape},
	{"gexf", "application/gexf+xml", ".gexf", WriteGEXF},
	{"graphml", "application/graphml+xml", ".graphml", WriteGraphML},
	{"nodes.csv", "text/csv; charset=utf-8", "-nodes.csv", func(w io.Writer, g *Graph) error { return WriteCSV(w, io.Discard, g) }},
	{"edges.csv", "text/csv; charset=utf-8", "-edges.csv", func(w io.Writer, g *Graph) error { return WriteCSV(io.Discard, w, g) }},
	{"sources.csv", "text/csv; charset=utf-8", "-sources.csv", WriteSourcesCSV},
}

// FormatByName returns the format called name.
func FormatByName(name string) (Format, bool) {
	i := slices.IndexFunc(Formats, func(f Format) bool { return f.Name == name })
	if i < 0 {
		return Format{}, false
	}
	return Formats[i], true
}

// FormatNames lists the format names, for messages.
func FormatNames() string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = f.Name
	}
	return strings.Join(names, ", ")
}

// FilterParams are the query parameters ParseFilter reads, each
// repeatable (or comma-separated): the PositionFilter's fields.
var FilterParams = []string{"actor", "actorType", "regionalGroup", "instrument", "article", "topic", "stance",
	"kind", "session", "source", "represented", "verification", "evidence", "dateFrom", "dateTo"}

// ParseFilter reads a PositionFilter from query parameters named as in
// FilterParams. Enum values are case-insensitive; an unknown parameter or
// value is EINVALID.
func ParseFilter(q url.Values) (stancegraph.PositionFilter, error) {
	var f stancegraph.PositionFilter
	for k := range q {
		if !slices.Contains(FilterParams, k) {
			return f, stancegraph.Errorf(stancegraph.EINVALID, "Unknown filter parameter %q (want one of %s).", k, strings.Join(FilterParams, ", "))
		}
	}
	f.ActorIDs, f.InstrumentIDs, f.ArticleIDs = values(q, "actor"), values(q, "instrument"), values(q, "article")
	f.Topics, f.SessionIDs, f.SourceIDs, f.RepresentedIDs = values(q, "topic"), values(q, "session"), values(q, "source"), values(q, "represented")
	var err error
	if f.ActorTypes, err = enums(q, "actorType", stancegraph.ActorTypes); err != nil {
		return f, err
	}
	if f.RegionalGroups, err = enums(q, "regionalGroup", stancegraph.RegionalGroups); err != nil {
		return f, err
	}
	if f.Stances, err = enums(q, "stance", stancegraph.Stances); err != nil {
		return f, err
	}
	if f.Kinds, err = enums(q, "kind", stancegraph.PositionKinds); err != nil {
		return f, err
	}
	if f.Verifications, err = enums(q, "verification", stancegraph.Verifications); err != nil {
		return f, err
	}
	if f.Evidence, err = enums(q, "evidence", stancegraph.EvidenceGrades); err != nil {
		return f, err
	}
	if f.DateFrom, err = date(q, "dateFrom"); err != nil {
		return f, err
	}
	f.DateTo, err = date(q, "dateTo")
	return f, err
}

// values returns the non-empty values of a parameter, commas split.
func values(q url.Values, k string) []string {
	var out []string
	for _, v := range q[k] {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

func enums[T ~string](q url.Values, k string, all []T) ([]T, error) {
	var out []T
	for _, v := range values(q, k) {
		n := strings.NewReplacer("-", "_", " ", "_").Replace(strings.ToUpper(v))
		i := slices.IndexFunc(all, func(x T) bool { return string(x) == n })
		if i < 0 {
			return nil, stancegraph.Errorf(stancegraph.EINVALID, "%s: %q is not one of %s.", k, v, list(all))
		}
		out = append(out, all[i])
	}
	return out, nil
}

func list[T ~string](all []T) string {
	out := make([]string, len(all))
	for i, v := range all {
		out[i] = string(v)
	}
	return strings.Join(out, ", ")
}

func date(q url.Values, k string) (string, error) {
	vs := values(q, k)
	if len(vs) == 0 {
		return "", nil
	}
	d := vs[len(vs)-1]
	if len(vs) > 1 || !stancegraph.ValidDate(d) {
		return "", stancegraph.Errorf(stancegraph.EINVALID, "%s must be one date (YYYY[-MM[-DD]]), got %q.", k, strings.Join(vs, ","))
	}
	return d, nil
}
