// Package synth generates synthetic data sets shaped like the bundled one,
// at a multiple of its size, for benchmarks and growth tests. Synthetic
// sources live under https://synthetic.invalid/ and say so: nothing here is
// ever mistaken for real data.
package synth

import (
	"fmt"
	"math/rand"

	"github.com/stancegraph/stancegraph"
)

// Generate returns base (its states, instruments, articles, topics and
// sessions) plus synthetic organizations, people, sources and
// scale × len(base.Positions) synthetic positions. Actors fall into three
// latent blocs that tend to agree, so coalition analytics find structure.
// The result is deterministic for a seed.
func Generate(base *stancegraph.Dataset, scale int, seed int64) *stancegraph.Dataset {
	r := rand.New(rand.NewSource(seed))
	d := &stancegraph.Dataset{Topics: base.Topics, Instruments: base.Instruments, Articles: base.Articles, Sessions: base.Sessions}
	for _, a := range base.Actors {
		if a.Type == stancegraph.ActorState {
			c := *a
			c.SourceIDs = nil
			d.Actors = append(d.Actors, &c)
		}
	}
	for i := 0; i < 10*scale; i++ {
		org := &stancegraph.Actor{ID: fmt.Sprintf("syn-org-%05d", i), Type: stancegraph.ActorOrganization, Name: fmt.Sprintf("Synthetic Organization %d", i),
			Kind: stancegraph.OrganizationKinds[r.Intn(len(stancegraph.OrganizationKinds))]}
		person := &stancegraph.Actor{ID: fmt.Sprintf("syn-person-%05d", i), Type: stancegraph.ActorPerson, Name: fmt.Sprintf("Synthetic Person %d", i),
			OrganizationID: org.ID, Role: "Delegate"}
		d.Actors = append(d.Actors, org, person)
	}
	for i := 0; i < 50*scale; i++ {
		d.Sources = append(d.Sources, &stancegraph.Source{URL: fmt.Sprintf("https://synthetic.invalid/source/%06d", i), Title: fmt.Sprintf("Synthetic source %d", i),
			Publisher: "stancegraph synthetic data", Class: stancegraph.SourceClasses[r.Intn(len(stancegraph.SourceClasses))], Note: "synthetic: not a real document"})
		d.Sources[i].ID = stancegraph.SourceID(d.Sources[i].URL)
	}
	d.Positions = positions(r, d, scale*len(base.Positions))
	d.Release = stancegraph.Release{ID: fmt.Sprintf("synthetic-x%d-seed%d", scale, seed), Date: "2025-12-31"}
	return d
}

var blocStance = [3][]stancegraph.Stance{
	{stancegraph.Supports, stancegraph.Retains, stancegraph.Conditional},
	{stancegraph.Opposes, stancegraph.Deletes, stancegraph.Amends},
	{stancegraph.Conditional, stancegraph.Amends, stancegraph.Abstains},
}

func positions(r *rand.Rand, d *stancegraph.Dataset, n int) []*stancegraph.Position {
	var speakers []*stancegraph.Actor
	for _, a := range d.Actors {
		if a.Type != stancegraph.ActorPerson {
			speakers = append(speakers, a)
		}
	}
	out := make([]*stancegraph.Position, n)
	for i := range out {
		a := speakers[r.Intn(len(speakers))]
		art := d.Articles[r.Intn(len(d.Articles))]
		bloc := int(a.ID[len(a.ID)-1]) % 3
		if art.Number%2 == 1 { // odd articles split the blocs the other way
			bloc = (bloc + 1) % 3
		}
		st := blocStance[bloc][r.Intn(3)]
		if r.Intn(5) == 0 {
			st = stancegraph.Stances[r.Intn(len(stancegraph.Stances))]
		}
		p := &stancegraph.Position{ID: fmt.Sprintf("syn-%07d", i), Kind: stancegraph.KindStatement, ActorID: a.ID, InstrumentID: art.InstrumentID,
			ArticleID: art.ID, Stance: st, StanceText: "synthetic " + string(st), Date: fmt.Sprintf("%d-%02d-%02d", 2019+r.Intn(7), 1+r.Intn(12), 1+r.Intn(28)),
			Quote:        fmt.Sprintf("Synthetic statement %d of %s on article %d (%s).", i, a.Name, art.Number, art.Title),
			SourceIDs:    []string{d.Sources[r.Intn(len(d.Sources))].ID},
			Verification: stancegraph.Verifications[r.Intn(len(stancegraph.Verifications))], VerifiedText: "no", Note: "synthetic"}
		if p.Verification == stancegraph.Verified {
			p.VerifiedText = "yes"
		} else if p.Verification == stancegraph.Derived {
			p.VerifiedText = "derived"
		}
		if len(d.Topics) > 0 && r.Intn(3) == 0 {
			p.Topics = []string{d.Topics[r.Intn(len(d.Topics))].ID}
		}
		if len(d.Sessions) > 0 && r.Intn(2) == 0 {
			p.SessionID = d.Sessions[r.Intn(len(d.Sessions))].ID
		}
		out[i] = p
	}
	return out
}
