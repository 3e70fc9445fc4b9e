package loaders

import (
	"strings"

	"github.com/stancegraph/stancegraph"
)

// addActor registers an actor and its names for resolution.
func (rd *reader) addActor(r *row, field string, a *stancegraph.Actor) {
	if !r.define(rd, field, a.ID) {
		return
	}
	rd.d.Actors = append(rd.d.Actors, a)
	for _, n := range append([]string{a.ID, a.Name}, a.Aliases...) {
		k := strings.ToLower(n)
		if prev, ok := rd.names[k]; ok && prev != a.ID {
			rd.clash[k] = true
			r.fail("aliases", "%q already names %s; names and aliases must identify one actor", n, prev)
		}
		rd.names[k] = a.ID
	}
}

// actorRef resolves an actor id, name or alias, reporting names it cannot
// resolve and names shared by two actors.
func (r *row) actorRef(rd *reader, field, ref string) string {
	if ref == "" {
		return ""
	}
	k := strings.ToLower(ref)
	if rd.clash[k] {
		r.fail(field, "%q names more than one actor; use an id", ref)
		return ""
	}
	id, ok := rd.names[k]
	if !ok {
		r.fail(field, "unknown actor %q (not an id, name or alias in states, organizations, groups or people)", ref)
	}
	return id
}

func (rd *reader) readStates() {
	t, fr := rd.table("states.csv", "states", []string{"iso3", "name"}, []string{"aliases", "regional_group", "un_status", "source_url"}, true)
	for _, r := range t.rows {
		a := &stancegraph.Actor{Type: stancegraph.ActorState, ID: r.id("iso3"), Name: r.required("name"), Aliases: r.list("aliases")}
		if len(a.ID) != 3 || strings.ToUpper(a.ID) != a.ID {
			r.fail("iso3", "%q is not an ISO 3166-1 alpha-3 code", a.ID)
		}
		if g := r.get("regional_group"); g != "" {
			var ok bool
			if a.RegionalGroup, ok = stancegraph.ParseRegionalGroup(g); !ok {
				r.fail("regional_group", "unknown UN regional group %q", g)
			}
		}
		a.UNStatus = strings.ToLower(r.oneOf("un_status", []string{"MEMBER", "OBSERVER"}, false))
		a.SourceIDs = r.sourceIDs(rd, "source_url", r.urls("source_url", false))
		rd.addActor(r, "iso3", a)
		fr.Loaded++
	}
}

func (rd *reader) readOrganizations() {
	t, fr := rd.table("organizations.csv", "organizations", []string{"id", "name", "kind"}, []string{"aliases", "url", "note", "source_url"}, false)
	for _, r := range t.rows {
		a := &stancegraph.Actor{Type: stancegraph.ActorOrganization, ID: r.id("id"), Name: r.required("name"), Aliases: r.list("aliases"),
			Kind: r.oneOf("kind", stancegraph.OrganizationKinds, true), URL: r.get("url"), Note: r.get("note")}
		if a.URL != "" && !stancegraph.ValidURL(a.URL) {
			r.fail("url", "%q is not an http(s) URL", a.URL)
		}
		a.SourceIDs = r.sourceIDs(rd, "source_url", r.urls("source_url", false))
		rd.addActor(r, "id", a)
		fr.Loaded++
	}
}

func (rd *reader) readGroups() {
	t, fr := rd.table("groups.csv", "groups", []string{"id", "name", "kind"}, []string{"aliases", "note", "source_url"}, false)
	for _, r := range t.rows {
		a := &stancegraph.Actor{Type: stancegraph.ActorGroup, ID: r.id("id"), Name: r.required("name"), Aliases: r.list("aliases"),
			Kind: r.oneOf("kind", stancegraph.GroupKinds, true), Note: r.get("note")}
		a.SourceIDs = r.sourceIDs(rd, "source_url", r.urls("source_url", false))
		rd.addActor(r, "id", a)
		fr.Loaded++
	}
}

func (rd *reader) readPeople() {
	t, fr := rd.table("people.csv", "people", []string{"id", "name"}, []string{"aliases", "organization", "role", "source_url"}, false)
	for _, r := range t.rows {
		a := &stancegraph.Actor{Type: stancegraph.ActorPerson, ID: r.id("id"), Name: r.required("name"), Aliases: r.list("aliases"),
			OrganizationID: r.actorRef(rd, "organization", r.get("organization")), Role: r.get("role")}
		a.SourceIDs = r.sourceIDs(rd, "source_url", r.urls("source_url", false))
		rd.addActor(r, "id", a)
		fr.Loaded++
	}
}

func (rd *reader) readMemberships() {
	t, fr := rd.table("memberships.csv", "memberships", []string{"member", "group", "source_url"}, []string{"from", "to", "verified"}, false)
	groups := map[string]bool{}
	for _, a := range rd.d.Actors {
		groups[a.ID] = a.Type == stancegraph.ActorGroup
	}
	seen := map[[3]string]int{}
	for _, r := range t.rows {
		m := &stancegraph.Membership{MemberID: r.actorRef(rd, "member", r.required("member")), GroupID: r.required("group"),
			From: r.date("from"), To: r.date("to")}
		if m.GroupID != "" && !groups[m.GroupID] {
			r.fail("group", "%q is not a group in groups.csv", m.GroupID)
		}
		if m.From != "" && m.To != "" && m.To < m.From {
			r.fail("to", "%q is before from %q", m.To, m.From)
		}
		m.Verification = verification(r)
		m.SourceIDs = r.sourceIDs(rd, "source_url", r.urls("source_url", true))
		key := [3]string{m.MemberID, m.GroupID, m.From}
		if prev, dup := seen[key]; dup {
			r.fail("member", "duplicate membership (same member, group and from as line %d)", prev)
		}
		seen[key] = r.line
		rd.d.Memberships = append(rd.d.Memberships, m)
		fr.Loaded++
	}
}

// verification reads the `verified` column; empty means verified only for
// files that have no such column.
func verification(r *row) stancegraph.Verification {
	if _, has := r.cols["verified"]; !has {
		return stancegraph.Verified
	}
	v, ok := stancegraph.ParseVerification(r.get("verified"))
	if !ok {
		r.fail("verified", "is required (yes, derived, no, partial, secondary, ...)")
	}
	return v
}
