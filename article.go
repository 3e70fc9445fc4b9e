package stancegraph

import (
	"fmt"
	"strconv"
	"strings"
)

// InstrumentKinds are the allowed kinds of an instrument.
var InstrumentKinds = []string{"DRAFT_CONVENTION", "CONVENTION", "RESOLUTION", "REGIONAL_CONVENTION"}

// Instrument is a text positions are taken on: a draft or adopted
// convention, a regional convention or a General Assembly resolution.
type Instrument struct {
	ID         string
	Kind       string
	Title      string
	ShortTitle string
	Symbol     string
	Date       string
	VersionOf  string // ID of the instrument this one is a version of
	Default    bool   // the instrument article(number:) means by default
	SourceIDs  []string
}

// ArticleStatus is the state of an article in its text.
type ArticleStatus string

// Article statuses.
const (
	StatusAgreed  ArticleStatus = "AGREED"
	StatusOpen    ArticleStatus = "OPEN"
	StatusVoid    ArticleStatus = "VOID"
	StatusAdopted ArticleStatus = "ADOPTED"
)

// ArticleStatuses lists every ArticleStatus.
var ArticleStatuses = []ArticleStatus{StatusAgreed, StatusOpen, StatusVoid, StatusAdopted}

// ParseArticleStatus accepts "void", "Void" and the like.
func ParseArticleStatus(s string) (ArticleStatus, bool) { return parseEnum(s, ArticleStatuses) }

// Article is one article of an instrument.
type Article struct {
	ID            string // ArticleID(instrument, number)
	InstrumentID  string
	Number        int
	Title         string
	Chapter       string
	Status        ArticleStatus // "" when unknown
	CorrespondsTo []string      // IDs of the same provision in other versions
	Verification  Verification
	Note          string
	SourceIDs     []string
}

// ArticleID is the stable ID of article number n of an instrument.
func ArticleID(instrumentID string, n int) string {
	return instrumentID + ":" + strconv.Itoa(n)
}

// ParseArticleRef splits "uncc:6" into instrument and number.
func ParseArticleRef(ref string) (string, int, error) {
	i := strings.LastIndexByte(ref, ':')
	if i <= 0 {
		return "", 0, fmt.Errorf("%q is not instrument:number", ref)
	}
	n, err := strconv.Atoi(ref[i+1:])
	if err != nil || n <= 0 {
		return "", 0, fmt.Errorf("%q: article number must be a positive integer", ref)
	}
	return ref[:i], n, nil
}

// Session is a negotiating session or meeting.
type Session struct {
	ID           string
	Name         string
	Start, End   string
	Place        string
	InstrumentID string
	SourceIDs    []string
}

// Topic is a subject positions are taken on, beside or instead of articles.
type Topic struct {
	ID          string
	Name        string
	Description string
}
