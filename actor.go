package stancegraph

import (
	"strings"
)

// ActorType says which kind of actor an Actor is.
type ActorType string

// Actor types.
const (
	ActorState        ActorType = "STATE"
	ActorOrganization ActorType = "ORGANIZATION"
	ActorGroup        ActorType = "GROUP"
	ActorPerson       ActorType = "PERSON"
)

// ActorTypes lists every ActorType.
var ActorTypes = []ActorType{ActorState, ActorOrganization, ActorGroup, ActorPerson}

// RegionalGroup is a UN regional group.
type RegionalGroup string

// The five UN regional groups.
const (
	GroupAfrican         RegionalGroup = "AFRICAN"
	GroupAsiaPacific     RegionalGroup = "ASIA_PACIFIC"
	GroupEasternEuropean RegionalGroup = "EASTERN_EUROPEAN"
	GroupLatinAmerican   RegionalGroup = "LATIN_AMERICAN_AND_CARIBBEAN"
	GroupWEOG            RegionalGroup = "WESTERN_EUROPEAN_AND_OTHERS"
)

// RegionalGroups lists every RegionalGroup.
var RegionalGroups = []RegionalGroup{GroupAfrican, GroupAsiaPacific, GroupEasternEuropean, GroupLatinAmerican, GroupWEOG}

// ParseRegionalGroup accepts "Asia-Pacific", "asia_pacific" and the like.
func ParseRegionalGroup(s string) (RegionalGroup, bool) { return parseEnum(s, RegionalGroups) }

// OrganizationKinds are the allowed kinds of an organization.
var OrganizationKinds = []string{"INDUSTRY", "INDUSTRY_ALLIANCE", "NGO", "THINK_TANK", "INTERGOVERNMENTAL", "UN_BODY", "REGIONAL_ORGANIZATION", "ACADEMIC", "OTHER"}

// GroupKinds are the allowed kinds of a group actor.
var GroupKinds = []string{"REGIONAL_ORGANIZATION", "NEGOTIATING_GROUP", "INFORMAL"}

// Actor is anyone who takes a position: a state, an organization, a named
// group of states or a person. One struct serves all four so that stores
// keep one table (one label family in Neo4j); Type says which fields apply.
type Actor struct {
	ID      string
	Type    ActorType
	Name    string
	Aliases []string

	// States.
	RegionalGroup RegionalGroup // "" when none
	UNStatus      string        // "member" or "observer"

	// Organizations and groups.
	Kind string // one of OrganizationKinds or GroupKinds
	URL  string

	// People.
	OrganizationID string
	Role           string

	Note      string
	SourceIDs []string
}

// ISO3 returns a state's ISO 3166-1 alpha-3 code, which is its ID.
func (a *Actor) ISO3() string {
	if a.Type != ActorState {
		return ""
	}
	return a.ID
}

// MatchesName reports whether q (case-insensitive, substring) matches the
// actor's name or one of its aliases.
func (a *Actor) MatchesName(q string) bool {
	q = strings.ToLower(strings.TrimSpace(q))
	if strings.Contains(strings.ToLower(a.Name), q) {
		return true
	}
	for _, al := range a.Aliases {
		if strings.Contains(strings.ToLower(al), q) {
			return true
		}
	}
	return false
}

// Membership places an actor in a group for a period; empty From/To mean
// open-ended.
type Membership struct {
	MemberID     string
	GroupID      string
	From, To     string
	Verification Verification
	SourceIDs    []string
}

// ActiveOn reports whether the membership holds on date (YYYY[-MM[-DD]]);
// an empty date means "at any time".
func (m *Membership) ActiveOn(date string) bool {
	if date == "" {
		return true
	}
	if m.From != "" && date < m.From[:min(len(m.From), len(date))] {
		return false
	}
	if m.To != "" && date[:min(len(m.To), len(date))] > m.To {
		return false
	}
	return true
}
