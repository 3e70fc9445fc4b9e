package stancegraph

import (
	"cmp"
	"fmt"
	"slices"
)

// Issue is one controversial question of a negotiation, coded as in the
// DEU data sets: a scale of ordered policy alternatives (0–100), the
// reference point (the alternative in the draft on the table) and the
// outcome (the alternative in the adopted text). Actors' positions name the
// alternative they favour; the position's quote and source stay the
// evidence.
type Issue struct {
	ID          string
	Name        string
	Description string // says what the ends of the scale mean
	// NegotiationID is the instrument negotiated (the adopted text).
	NegotiationID string
	// ReferenceID is the alternative of the draft on the table
	// (ReferenceInstrumentID), cited by ReferenceSourceIDs; may be empty.
	ReferenceID           string
	ReferenceInstrumentID string
	ReferenceSourceIDs    []string
	// OutcomeID is the alternative of the adopted text, cited by OutcomeSourceIDs.
	OutcomeID        string
	OutcomeSourceIDs []string
	Topics           []string
	Note             string
	// Alternatives are ordered by value, then id.
	Alternatives []*Alternative
}

// Alternative is one option on an issue's scale.
type Alternative struct {
	ID      string
	IssueID string
	Label   string
	Value   float64 // 0–100
	// ArticleIDs are the articles (of any version) the alternative concerns.
	ArticleIDs []string
	SourceIDs  []string
	Note       string
}

// Alternative returns the issue's alternative id, nil if it has none.
func (i *Issue) Alternative(id string) *Alternative {
	for _, a := range i.Alternatives {
		if a.ID == id {
			return a
		}
	}
	return nil
}

// SortAlternatives orders the alternatives by value, then id.
func (i *Issue) SortAlternatives() {
	slices.SortFunc(i.Alternatives, func(a, b *Alternative) int {
		return cmp.Or(cmp.Compare(a.Value, b.Value), cmp.Compare(a.ID, b.ID))
	})
}

// Validate checks an issue as loaders and curators' edits must: at least
// two alternatives with unique ids belonging to it, values within 0–100,
// and a reference point and an outcome that are among them.
func (i *Issue) Validate() error {
	_, err := i.Check()
	return err
}

// Check is Validate, also naming the field at fault as a path within the
// issue: "id", "alternatives", "alternatives[k].id", "alternatives[k].issue",
// "alternatives[k].value" (k indexes i.Alternatives), "outcome" or
// "reference"; "" when the issue is valid.
func (i *Issue) Check() (field string, err error) {
	if i.ID == "" || i.Name == "" {
		return "id", Errorf(EINVALID, "An issue needs an id and a name.")
	}
	if len(i.Alternatives) < 2 {
		return "alternatives", Errorf(EINVALID, "Issue %q has %d alternatives; an issue needs at least two.", i.ID, len(i.Alternatives))
	}
	seen := map[string]bool{}
	for k, a := range i.Alternatives {
		at := fmt.Sprintf("alternatives[%d].", k)
		if seen[a.ID] {
			return at + "id", Errorf(EINVALID, "Issue %q lists alternative %q twice.", i.ID, a.ID)
		}
		seen[a.ID] = true
		if a.IssueID != i.ID {
			return at + "issue", Errorf(EINVALID, "Alternative %q belongs to issue %q, not %q.", a.ID, a.IssueID, i.ID)
		}
		if !(a.Value >= 0 && a.Value <= 100) {
			return at + "value", Errorf(EINVALID, "Alternative %q has value %v; values lie within 0–100.", a.ID, a.Value)
		}
	}
	if i.OutcomeID == "" {
		return "outcome", Errorf(EINVALID, "Issue %q names no outcome.", i.ID)
	}
	for _, ref := range []struct{ field, what, id string }{{"reference", "reference point", i.ReferenceID}, {"outcome", "outcome", i.OutcomeID}} {
		if ref.id != "" && !seen[ref.id] {
			return ref.field, Errorf(EINVALID, "The %s of issue %q, %q, is not one of its alternatives.", ref.what, i.ID, ref.id)
		}
	}
	return "", nil
}

// Clone copies an issue and its alternatives, so that changing the copy
// leaves the original alone.
func (i *Issue) Clone() *Issue {
	c := *i
	c.Alternatives = make([]*Alternative, len(i.Alternatives))
	for k, a := range i.Alternatives {
		ac := *a
		c.Alternatives[k] = &ac
	}
	return &c
}

// WithAlternative returns a copy of the issue with a in place of its
// alternative of the same id, or added, alternatives sorted: what a
// curator's change of one alternative makes of its issue.
func (i *Issue) WithAlternative(a *Alternative) *Issue {
	c := i.Clone()
	ac := *a
	if k := slices.IndexFunc(c.Alternatives, func(x *Alternative) bool { return x.ID == a.ID }); k >= 0 {
		c.Alternatives[k] = &ac
	} else {
		c.Alternatives = append(c.Alternatives, &ac)
	}
	c.SortAlternatives()
	return c
}

// CheckSalience reports a salience outside 0–100.
func CheckSalience(s *float64) error {
	if s != nil && !(*s >= 0 && *s <= 100) {
		return Errorf(EINVALID, "Salience %v is outside 0–100.", *s)
	}
	return nil
}

// AlternativeIndex maps every alternative id of issues to its alternative.
func AlternativeIndex(issues []*Issue) map[string]*Alternative {
	out := map[string]*Alternative{}
	for _, i := range issues {
		for _, a := range i.Alternatives {
			out[a.ID] = a
		}
	}
	return out
}

// EvidenceGrade is how good the best source of a position is: the best
// class among the sources it cites.
type EvidenceGrade string

// Evidence grades, best first.
const (
	EvidenceOfficial    EvidenceGrade = "OFFICIAL"    // an official UN record
	EvidenceGovernment  EvidenceGrade = "GOVERNMENT"  // another official record, or a government's (or the EU's) own statement
	EvidenceStakeholder EvidenceGrade = "STAKEHOLDER" // an NGO's or a company's own statement
	EvidenceDataset     EvidenceGrade = "DATASET"     // an academic data set
	EvidenceNews        EvidenceGrade = "NEWS"        // a news report
	EvidenceAISummary   EvidenceGrade = "AI_SUMMARY"  // an AI-generated meeting summary (DiploAI)
	EvidenceSecondary   EvidenceGrade = "SECONDARY"   // any other secondary source
)

// EvidenceGrades lists every grade, best first.
var EvidenceGrades = []EvidenceGrade{EvidenceOfficial, EvidenceGovernment, EvidenceStakeholder, EvidenceDataset, EvidenceNews, EvidenceAISummary, EvidenceSecondary}

// GradeOfClass maps a source class to its evidence grade.
var GradeOfClass = map[SourceClass]EvidenceGrade{
	ClassOfficialUN: EvidenceOfficial, ClassOfficial: EvidenceGovernment, ClassGovernment: EvidenceGovernment,
	ClassNGO: EvidenceStakeholder, ClassIndustry: EvidenceStakeholder, ClassAcademicDataset: EvidenceDataset,
	ClassNews: EvidenceNews, ClassAIGenerated: EvidenceAISummary, ClassOtherSecondary: EvidenceSecondary,
}

// GradeRank is a grade's place in EvidenceGrades (0 best), len(EvidenceGrades) if unknown.
func GradeRank(g EvidenceGrade) int {
	if i := slices.Index(EvidenceGrades, g); i >= 0 {
		return i
	}
	return len(EvidenceGrades)
}

// Grade returns the best grade among classes; SECONDARY when there are none.
func Grade(classes []SourceClass) EvidenceGrade {
	best := len(EvidenceGrades) - 1
	for _, c := range classes {
		if g, ok := GradeOfClass[c]; ok {
			best = min(best, GradeRank(g))
		}
	}
	return EvidenceGrades[best]
}

// StanceTally counts the positions taking one stance and the distinct
// actors behind them: a duplicate statement moves Positions, never Actors.
type StanceTally struct {
	Positions int
	Actors    []string // sorted, distinct
}

// Add counts one more position of actor.
func (t StanceTally) Add(actor string, n int) StanceTally {
	t.Positions += n
	if i, found := slices.BinarySearch(t.Actors, actor); !found {
		t.Actors = slices.Insert(slices.Clone(t.Actors), i, actor)
	}
	return t
}

// Merge adds u's positions and actors to t.
func (t StanceTally) Merge(u StanceTally) StanceTally {
	for _, a := range u.Actors {
		t = t.Add(a, 0)
	}
	t.Positions += u.Positions
	return t
}

// TallyStances counts ps by stance.
func TallyStances(ps []*Position) map[Stance]StanceTally {
	out := map[Stance]StanceTally{}
	for _, p := range ps {
		out[p.Stance] = out[p.Stance].Add(p.ActorID, 1)
	}
	return out
}
