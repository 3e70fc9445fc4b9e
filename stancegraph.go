// Package stancegraph is the domain of a knowledge graph of who stands where
// in a treaty negotiation: actors, instruments and their articles, sessions,
// sources and the positions that tie them together, and the Store contract
// that the memory and Neo4j backends implement.
package stancegraph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
)

// Store is the persistence contract implemented by memstore and neo4jstore.
// Batch methods (XsByIDs, PositionsByXIDs) return one entry per id in the
// order given, nil (or an empty slice) where an id is unknown: the
// dataloader contract. Find methods return matches and the total count
// before Offset/Limit, in a documented, deterministic order.
type Store interface {
	// Load replaces the graph with a validated dataset, all of it or
	// nothing for readers, keeping the entities curators edited as they
	// left them. Loading the same dataset twice gives the same graph.
	Load(ctx context.Context, d *Dataset) error
	// Release describes the data last loaded; ENOTFOUND if none was.
	Release(ctx context.Context) (*Release, error)
	// Ping returns EUNAVAILABLE if the store cannot answer.
	Ping(ctx context.Context) error
	// Close releases the store's resources.
	Close(ctx context.Context) error

	// FindActors returns actors ordered by type, then name, then id.
	FindActors(ctx context.Context, f ActorFilter) ([]*Actor, int, error)
	// FindInstruments returns every instrument ordered by id.
	FindInstruments(ctx context.Context) ([]*Instrument, error)
	// FindArticles returns articles ordered by instrument id, then number.
	FindArticles(ctx context.Context, f ArticleFilter) ([]*Article, int, error)
	// FindSessions returns every session ordered by start, then id.
	FindSessions(ctx context.Context) ([]*Session, error)
	// FindTopics returns every topic ordered by id.
	FindTopics(ctx context.Context) ([]*Topic, error)
	// FindSources returns sources ordered by id.
	FindSources(ctx context.Context, f SourceFilter) ([]*Source, int, error)
	// FindPositions returns positions in f.Sort order (date, then id).
	FindPositions(ctx context.Context, f PositionFilter) ([]*Position, int, error)

	// Lookup gets records by id, of every kind r names, in one call: each
	// list of the answer aligned with r's ids, nil where an id names none
	// (ActorsByIDs and its siblings ask for one kind).
	Lookup(ctx context.Context, r Refs) (*Records, error)
	// PeopleByOrganizationIDs returns, per actor id, the people who speak for it, by name.
	PeopleByOrganizationIDs(ctx context.Context, ids []string) ([][]*Actor, error)
	// MembershipsBy returns, per group id (ByGroup) its memberships
	// ordered by member id, then from; per actor id (ByMember) the groups
	// it belongs to, ordered by group id, then from.
	MembershipsBy(ctx context.Context, by MembershipSide, ids []string) ([][]*Membership, error)
	// PositionsBy returns, per parent id of the kind by names (ByActor:
	// the positions an actor took or, for a person, spoke; ByArticle;
	// BySource: the positions citing it), the positions matching f
	// (Offset/Limit ignored), in f.Sort order.
	PositionsBy(ctx context.Context, by PositionParent, ids []string, f PositionFilter) ([][]*Position, error)
	// StanceCounts returns, per parent id, how many of PositionsBy's
	// positions take each stance (stances with none left out), without
	// transferring the positions.
	StanceCounts(ctx context.Context, by PositionParent, ids []string, f PositionFilter) ([]map[Stance]StanceTally, error)

	// FindIssues returns every issue with its alternatives, ordered by id.
	FindIssues(ctx context.Context) ([]*Issue, error)
	// FindTextRecords returns every vote summary and treaty status row, in
	// TextRecords.Sort's order.
	FindTextRecords(ctx context.Context) (*TextRecords, error)

	// Search returns the objects whose names, aliases, titles or quotes
	// match every word of q.Text (ParseSearch: folded, stemmed, the last
	// word also as a prefix), best first (CompareHits), at most q.Limit of
	// them. Matching and scoring are MatchSearch's on both backends; Neo4j
	// finds the candidates with a full-text index of SearchIndexText.
	Search(ctx context.Context, q SearchQuery) ([]*SearchHit, error)

	// Apply makes one curator's edit in one transaction and records its
	// revision. It returns EINVALID for an edit that fails validation or
	// refers to unknown entities, ENOTFOUND for retracting an unknown
	// position, and ECONFLICT when ExpectedVersion is not the current one.
	Apply(ctx context.Context, e *Edit) (*Revision, error)
	// History returns an entity's revisions, oldest first (none for an
	// entity never edited).
	History(ctx context.Context, id string) ([]*Revision, error)
}

// ActorFilter selects actors. Nil or empty fields do not filter.
type ActorFilter struct {
	IDs            []string
	Name           *string // case-insensitive substring of the name or an alias
	Types          []ActorType
	Kinds          []string
	RegionalGroups []RegionalGroup
	Offset, Limit  int // Limit 0: no limit
}

// ArticleFilter selects articles.
type ArticleFilter struct {
	InstrumentIDs []string
	Number        *int
	Chapter       *string
	Statuses      []ArticleStatus
	// DefaultInstrument keeps the articles of the default instrument (the
	// one an article number alone refers to).
	DefaultInstrument bool
	Offset, Limit     int
}

// SourceFilter selects sources.
type SourceFilter struct {
	Classes       []SourceClass
	URL           *string
	Offset, Limit int
}

// PositionSort orders positions.
type PositionSort string

// Position orders. Both break ties by id, ascending; undated positions sort first.
const (
	SortDateAsc  PositionSort = "DATE_ASC"
	SortDateDesc PositionSort = "DATE_DESC"
)

// PositionFilter selects positions. Every non-empty field must match; a
// slice matches if any of its values does. The JSON names are the GraphQL
// input's, so a filter argument decodes straight into it.
type PositionFilter struct {
	IDs            []string        `json:"ids,omitempty"`
	ActorIDs       []string        `json:"actors,omitempty"`
	ActorTypes     []ActorType     `json:"actorTypes,omitempty"`
	RegionalGroups []RegionalGroup `json:"regionalGroups,omitempty"` // of the actor; only states have one
	InstrumentIDs  []string        `json:"instruments,omitempty"`    // the position's instrument (an article's too)
	ArticleIDs     []string        `json:"articles,omitempty"`
	Topics         []string        `json:"topics,omitempty"`
	Stances        []Stance        `json:"stances,omitempty"`
	Kinds          []PositionKind  `json:"kinds,omitempty"`
	SessionIDs     []string        `json:"sessions,omitempty"`
	SourceIDs      []string        `json:"sources,omitempty"`     // cites any of these
	RepresentedIDs []string        `json:"represented,omitempty"` // made on behalf of, or jointly with, any of these
	Verifications  []Verification  `json:"verifications,omitempty"`
	SourceClasses  []SourceClass   `json:"sourceClasses,omitempty"` // cites a source of any of these classes
	// Evidence keeps positions whose evidence grade (the best class among
	// their sources, Grade) is any of these: [AI_SUMMARY] is "rests only on
	// AI-generated summaries".
	Evidence     []EvidenceGrade `json:"evidence,omitempty"`
	Speakers     []string        `json:"speakers,omitempty"`     // said by any of these people
	Alternatives []string        `json:"alternatives,omitempty"` // favours any of these alternatives
	Issues       []string        `json:"issues,omitempty"`       // favours an alternative of any of these issues
	// SpokenToo makes ActorIDs match the speaker as well as the actor: a
	// person's positions are those taken in their name and those they spoke.
	SpokenToo bool         `json:"-"`
	DateFrom  string       `json:"dateFrom,omitempty"` // inclusive, compared as text on YYYY-MM-DD prefixes
	DateTo    string       `json:"dateTo,omitempty"`   // inclusive
	Sort      PositionSort `json:"sort,omitempty"`
	// IncludeRetracted also returns positions curators retracted.
	IncludeRetracted bool `json:"includeRetracted,omitempty"`
	Offset           int  `json:"offset,omitempty"`
	Limit            int  `json:"limit,omitempty"`
}

// Dataset is one whole, validated data folder, ready to load.
type Dataset struct {
	Release     Release
	Actors      []*Actor
	Memberships []*Membership
	Topics      []*Topic
	Instruments []*Instrument
	Articles    []*Article
	Sessions    []*Session
	Sources     []*Source
	Positions   []*Position
	Issues      []*Issue
	Records     TextRecords
}

// Release identifies the data a graph was loaded from, so a paper can cite
// the exact graph it used.
type Release struct {
	ID   string // Date + "-" + the first 12 hex digits of Hash
	Hash string // sha256 over the data files, in name order
	Date string // the latest date any position carries
}

// SourceID is the stable ID of the source at url.
func SourceID(url string) string {
	h := sha256.Sum256([]byte(url))
	return "src-" + hex.EncodeToString(h[:6])
}

// ValidID reports whether s is an identifier of the data: letters, digits,
// '.', '_', ':' and '-', starting with a letter or digit.
func ValidID(s string) bool { return idPattern.MatchString(s) }

var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._:-]*$`)

// BadControl reports whether r is a control character other than tab,
// newline and return: text in the data (files and edits alike) refuses it.
func BadControl(r rune) bool { return unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' }

// ValidURL reports whether u is an absolute http(s) URL without spaces.
func ValidURL(u string) bool {
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != "" && !strings.ContainsAny(u, " \t\n")
}

// ValidDate reports whether s is a calendar date written YYYY-MM-DD,
// YYYY-MM or YYYY, the forms the data and the filters use.
func ValidDate(s string) bool {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(s) == len(layout) {
			if _, err := time.Parse(layout, s); err == nil {
				return true
			}
		}
	}
	return false
}

// DateInRange reports whether date lies within [from, to], both inclusive
// and optional. Dates are compared as text on the shorter prefix, so
// "2024-08" is within to="2024-08-31" and within to="2024". An undated
// position is outside every bounded range.
func DateInRange(date, from, to string) bool {
	if from == "" && to == "" {
		return true
	}
	if date == "" {
		return false
	}
	if from != "" && date < from[:min(len(from), len(date))] {
		return false
	}
	if to != "" && date[:min(len(to), len(date))] > to {
		return false
	}
	return true
}

// Bucket groups values under the ids they belong to, for the batch
// contract: one slice per id in ids' order (empty, never nil, for unknown
// ids), values in vs' order within a slice. keys returns the ids a value
// belongs to.
func Bucket[V any](ids []string, vs []*V, keys func(*V) []string) [][]*V {
	idx := make(map[string][]int, len(ids))
	for i, id := range ids {
		idx[id] = append(idx[id], i)
	}
	out := make([][]*V, len(ids))
	for i := range out {
		out[i] = []*V{}
	}
	for _, v := range vs {
		for _, k := range keys(v) {
			for _, i := range idx[k] {
				out[i] = append(out[i], v)
			}
		}
	}
	return out
}
