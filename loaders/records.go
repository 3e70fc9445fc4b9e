package loaders

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/stancegraph/stancegraph"
)

// recordFormat reads one record file format of datasets.csv.
type recordFormat struct {
	required, optional []string
	read               func(rd *reader, r *row, inst *stancegraph.Instrument) ([]*stancegraph.Position, string)
}

var recordFormats = map[string]recordFormat{
	"votes": {[]string{"vote", "source_url", "verified"}, []string{"state", "iso3", "resolution", "vote_date", "note"}, readVote},
	"sponsors": {[]string{"role", "source_url", "verified"}, []string{"state", "iso3", "date"}, func(rd *reader, r *row, inst *stancegraph.Instrument) ([]*stancegraph.Position, string) {
		p := r.record(rd, "state", inst, stancegraph.KindSponsorship, stancegraph.Supports, r.get("role"), r.date("date"), "source_url")
		p.ID += ":" + shortHash(p.StanceText) // a state can be both an original sponsor and a co-sponsor
		return []*stancegraph.Position{p}, ""
	}},
	"signatures":    {[]string{"participant", "signature_date", "sources", "verified"}, []string{"iso3", "place", "ratification_date", "note"}, readSignature},
	"ratifications": {[]string{"state", "source_url", "verified"}, []string{"iso3", "ratification_date", "note"}, readRatification},
	"treaty_status": {[]string{"state", "status", "source_url", "verified"}, []string{"iso3", "coe_member", "signed", "ratified_or_acceded", "entry_into_force", "note"}, readTreatyStatus},
}

// readDatasets reads datasets.csv and each record file it lists.
func (rd *reader) readDatasets() {
	t, fr := rd.table("datasets.csv", "datasets", []string{"file", "format"}, []string{"instrument", "note"}, false)
	for _, r := range t.rows {
		file, format := r.required("file"), r.required("format")
		f, ok := recordFormats[format]
		if format != "" && !ok {
			r.fail("format", "unknown format %q (want votes, sponsors, signatures, ratifications or treaty_status)", format)
			continue
		}
		inst := rd.insts[r.instrumentRef(rd, "instrument", r.required("instrument"), false)]
		if file == "" || inst == nil || !ok {
			continue
		}
		if strings.ContainsAny(file, "/\\") || !strings.HasSuffix(file, ".csv") {
			r.fail("file", "%q must be a .csv file name in the data folder", file)
			continue
		}
		rt, rfr := rd.table(file, format, f.required, f.optional, true)
		for _, rr := range rt.rows {
			ps, skip := f.read(rd, rr, inst)
			if skip != "" {
				rfr.Skipped = append(rfr.Skipped, Skip{Line: rr.line, Reason: skip})
				continue
			}
			for _, p := range ps {
				if rr.define(rd, "", p.ID) {
					rd.d.Positions = append(rd.d.Positions, p)
				}
			}
			rfr.Loaded++
		}
		fr.Loaded++
	}
}

// recordActor resolves a record's actor from its name column and its iso3
// column; when both are given they must agree.
func (r *row) recordActor(rd *reader, nameCol string) string {
	name, iso := r.get(nameCol), r.get("iso3")
	var byName, byISO string
	if name != "" {
		byName = r.actorRef(rd, nameCol, name)
	}
	if iso != "" && !isISO3(iso) && byName != "" {
		iso = "" // e.g. "EU (REIO, no ISO code)": the name identifies the actor
	}
	if iso != "" {
		if byISO = rd.names[strings.ToLower(iso)]; byISO != iso {
			r.fail("iso3", "unknown state code %q (not in states.csv)", iso)
			return ""
		}
	}
	if byName != "" && byISO != "" && byName != byISO {
		r.fail("iso3", "%q names %s but iso3 is %s", name, byName, byISO)
	}
	if byName == "" && byISO == "" && name == "" {
		r.fail(nameCol, "is required")
	}
	if byISO != "" {
		return byISO
	}
	return byName
}

// record builds a position from a record row.
func (r *row) record(rd *reader, nameCol string, inst *stancegraph.Instrument, kind stancegraph.PositionKind, st stancegraph.Stance, text, date, srcCol string) *stancegraph.Position {
	actor := r.recordActor(rd, nameCol)
	p := &stancegraph.Position{ID: fmt.Sprintf("%s:%s:%s", strings.ToLower(string(kind)), inst.ID, actor), Kind: kind, ActorID: actor,
		InstrumentID: inst.ID, Stance: st, StanceText: text, Date: date, Note: r.get("note"), VerifiedText: r.get("verified")}
	p.Verification = verification(r)
	p.SourceIDs = r.sourceIDs(rd, srcCol, r.urls(srcCol, true))
	return p
}

var voteStances = map[string]stancegraph.Stance{"yes": stancegraph.Supports, "no": stancegraph.Opposes, "abstain": stancegraph.Abstains, "non-voting": stancegraph.Absent}

func readVote(rd *reader, r *row, inst *stancegraph.Instrument) ([]*stancegraph.Position, string) {
	v := r.required("vote")
	st, ok := voteStances[strings.ToLower(v)]
	if v != "" && !ok {
		r.fail("vote", "unknown vote %q (want Yes, No, Abstain or Non-voting)", v)
	}
	if res := r.get("resolution"); res != "" && inst.Symbol != "" && res != inst.Symbol {
		r.fail("resolution", "%q does not match the instrument %s (%s) that datasets.csv names", res, inst.ID, inst.Symbol)
	}
	return []*stancegraph.Position{r.record(rd, "state", inst, stancegraph.KindVote, st, v, r.date("vote_date"), "source_url")}, ""
}

func readSignature(rd *reader, r *row, inst *stancegraph.Instrument) ([]*stancegraph.Position, string) {
	text := "signed"
	if pl := r.get("place"); pl != "" {
		text += " at " + pl
	}
	out := []*stancegraph.Position{r.record(rd, "participant", inst, stancegraph.KindSignature, stancegraph.Signs, text, r.date("signature_date"), "sources")}
	if d := r.date("ratification_date"); d != "" {
		out = append(out, r.record(rd, "participant", inst, stancegraph.KindRatification, stancegraph.Ratifies, "ratified", d, "sources"))
	}
	return out, ""
}

func readRatification(rd *reader, r *row, inst *stancegraph.Instrument) ([]*stancegraph.Position, string) {
	p := r.record(rd, "state", inst, stancegraph.KindRatification, stancegraph.Ratifies, "ratified", r.date("ratification_date"), "source_url")
	return []*stancegraph.Position{p}, ""
}

func readTreatyStatus(rd *reader, r *row, inst *stancegraph.Instrument) ([]*stancegraph.Position, string) {
	status := r.required("status")
	signed, ratified, eif := r.date("signed"), r.date("ratified_or_acceded"), r.date("entry_into_force")
	var out []*stancegraph.Position
	switch st := strings.ToLower(status); {
	case strings.HasPrefix(st, "party"):
		out = append(out, r.record(rd, "state", inst, stancegraph.KindTreatyStatus, stancegraph.Ratifies, status, firstNonEmpty(ratified, eif), "source_url"))
		if signed != "" {
			// A party that signed before ratifying is a signatory too
			// (one that acceded never signed; a blank date says nothing).
			out = append(out, r.record(rd, "state", inst, stancegraph.KindSignature, stancegraph.Signs, "signed", signed, "source_url"))
		}
	case strings.HasPrefix(st, "signatory"):
		out = append(out, r.record(rd, "state", inst, stancegraph.KindTreatyStatus, stancegraph.Signs, status, signed, "source_url"))
	}
	// Every row is a row of the treaty's status table; an invitation to
	// accede is only that, not a position the state took.
	if len(out) > 0 {
		rd.treatyStatus(r, inst, out[0].ActorID, out[0].SourceIDs)
	} else {
		rd.treatyStatus(r, inst, r.recordActor(rd, "state"), r.sourceIDs(rd, "source_url", r.urls("source_url", true)))
	}
	return out, ""
}

func firstNonEmpty(xs ...string) string {
	for _, x := range xs {
		if x != "" {
			return x
		}
	}
	return ""
}

func isISO3(s string) bool {
	return len(s) == 3 && strings.ToUpper(s) == s && strings.Trim(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == ""
}

// shortHash is a stable 8-hex-digit digest of s.
func shortHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:4])
}
