package stancegraph

import (
	"cmp"
)

// Stance is the normalized position an actor took. The original wording is
// kept beside it in Position.StanceText.
type Stance string

// The stance vocabulary.
const (
	Supports    Stance = "SUPPORTS"
	Opposes     Stance = "OPPOSES"
	Conditional Stance = "CONDITIONAL" // supports only if amended
	Amends      Stance = "AMENDS"      // proposes a change of wording
	Deletes     Stance = "DELETES"     // wants the provision deleted
	Retains     Stance = "RETAINS"     // wants the text kept as it is
	Abstains    Stance = "ABSTAINS"
	Absent      Stance = "ABSENT" // absent, non-voting, did not sign
	Signs       Stance = "SIGNS"
	Ratifies    Stance = "RATIFIES"
	Neutral     Stance = "NEUTRAL" // analysis without a stance
)

// Stances lists every Stance in a stable order.
var Stances = []Stance{Supports, Opposes, Conditional, Amends, Deletes, Retains, Abstains, Absent, Signs, Ratifies, Neutral}

// ParseStance accepts "supports", "Opposes" and the like.
func ParseStance(s string) (Stance, bool) { return parseEnum(s, Stances) }

// StanceList renders the stance vocabulary for error messages.
func StanceList() string { return enumList(Stances) }

// Polarity places a stance on the agreement scale: +1 for the text, -1
// against it, 0 in between (conditional, amend, abstain). ok is false for
// stances that say nothing about agreement (absent, neutral).
func (s Stance) Polarity() (p float64, ok bool) {
	switch s {
	case Supports, Retains, Signs, Ratifies:
		return 1, true
	case Opposes, Deletes:
		return -1, true
	case Conditional, Amends:
		return 0.5, true
	case Abstains:
		return 0, true
	}
	return 0, false
}

// PositionKind says how a position was expressed.
type PositionKind string

// Position kinds.
const (
	KindStatement    PositionKind = "STATEMENT"
	KindVote         PositionKind = "VOTE"
	KindSponsorship  PositionKind = "SPONSORSHIP"
	KindSignature    PositionKind = "SIGNATURE"
	KindRatification PositionKind = "RATIFICATION"
	KindTreatyStatus PositionKind = "TREATY_STATUS"
)

// PositionKinds lists every PositionKind.
var PositionKinds = []PositionKind{KindStatement, KindVote, KindSponsorship, KindSignature, KindRatification, KindTreatyStatus}

// Verification is how far a fact was checked against its source.
type Verification string

// Verification statuses.
const (
	Verified   Verification = "VERIFIED"   // read in the cited source
	Derived    Verification = "DERIVED"    // computed from verified facts
	Unverified Verification = "UNVERIFIED" // general knowledge, secondary or unconfirmed
)

// Verifications lists every Verification.
var Verifications = []Verification{Verified, Derived, Unverified}

// ParseVerification maps the data's `verified` column: yes → VERIFIED,
// derived → DERIVED, any other non-empty value → UNVERIFIED.
func ParseVerification(s string) (Verification, bool) {
	switch normalizeEnum(s) {
	case "":
		return "", false
	case "YES", "VERIFIED":
		return Verified, true
	case "DERIVED":
		return Derived, true
	}
	return Unverified, true
}

// SourceClass says what kind of document a source is, so a researcher can
// judge how much weight a claim resting on it bears.
type SourceClass string

// Source classes.
const (
	ClassOfficialUN      SourceClass = "OFFICIAL_UN_RECORD"
	ClassOfficial        SourceClass = "OFFICIAL_RECORD"
	ClassGovernment      SourceClass = "GOVERNMENT_STATEMENT"
	ClassNGO             SourceClass = "NGO_ANALYSIS"
	ClassIndustry        SourceClass = "INDUSTRY_STATEMENT"
	ClassNews            SourceClass = "NEWS_REPORT"
	ClassAcademicDataset SourceClass = "ACADEMIC_DATASET"
	ClassAIGenerated     SourceClass = "AI_GENERATED_SUMMARY"
	ClassOtherSecondary  SourceClass = "OTHER_SECONDARY"
)

// SourceClasses lists every SourceClass.
var SourceClasses = []SourceClass{ClassOfficialUN, ClassOfficial, ClassGovernment, ClassNGO, ClassIndustry, ClassNews, ClassAcademicDataset, ClassAIGenerated, ClassOtherSecondary}

// ParseSourceClass accepts "ngo_analysis" and the like.
func ParseSourceClass(s string) (SourceClass, bool) { return parseEnum(s, SourceClasses) }

// Source is a document that supports positions and facts.
type Source struct {
	ID        string // SourceID(URL)
	URL       string
	Title     string
	Publisher string
	Class     SourceClass
	Date      string
	Note      string
}

// Position is one stance one actor took on an article, an instrument or a
// topic, with its provenance. It holds IDs, not nested objects.
type Position struct {
	ID           string
	Kind         PositionKind
	ActorID      string
	OnBehalfOf   []string // actors the statement was made for
	JointWith    []string // co-signatories of a joint statement
	SpeakerID    string   // the person who said it
	InstrumentID string
	ArticleID    string
	Paragraph    string
	Topics       []string
	Stance       Stance
	StanceText   string // the source's own wording
	Date         string
	SessionID    string
	Quote        string
	SourceIDs    []string // the first is the primary source
	Verification Verification
	VerifiedText string // the data's own `verified` value
	Note         string
	Retracted    *Retraction // nil unless a curator retracted it
	// AlternativeID names the alternative of an issue the position favours
	// (empty: none); IssueID is that alternative's issue.
	AlternativeID string
	IssueID       string
	Salience      *float64 // 0–100, nil if the source does not say
}

// ComparePositions returns the order of sort: by date (undated first when
// ascending), then by id ascending. Both backends order this way.
func ComparePositions(sort PositionSort) func(a, b *Position) int {
	if sort == SortDateDesc {
		return func(a, b *Position) int { return cmp.Or(cmp.Compare(b.Date, a.Date), cmp.Compare(a.ID, b.ID)) }
	}
	return func(a, b *Position) int { return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.ID, b.ID)) }
}
