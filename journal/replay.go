package journal

import (
	"bufio"
	"context"
	"fmt"
	"io"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/curation"
)

// Report says what reading a journal found.
type Report struct {
	Records int   // edits replayed
	Legacy  int   // of them, records without a checksum (written before checksums)
	Skipped int   // legacy records the store rejects: that format kept rejected edits too
	Lines   int   // lines read, the header and any dropped tail included
	Size    int64 // bytes of the good records, header included
	// Dropped says what is cut from the end, and why: a torn last record
	// (a write a crash cut short) or a last record the store rejects (an
	// edit written, then refused, with the crash before it was cut back
	// out). Neither was acknowledged. "" when nothing is.
	Dropped string
}

// CorruptError says where a journal is damaged. Opening it fails: the
// records after the damage may hold acknowledged edits, so nothing is
// dropped without an operator's word (`stancegraph journal repair`).
type CorruptError struct {
	Path   string
	Line   int
	Offset int64 // where the damaged line starts
	Reason string
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("journal %s: line %d: %s; `stancegraph journal verify` reports the damage, `stancegraph journal repair` keeps every record before it", e.Path, e.Line, e.Reason)
}

// replayer applies a journal's records to a store, checking each.
type replayer struct {
	ctx   context.Context
	inner stancegraph.Store
	path  string
	rep   Report
	seq   int  // records read so far (applied or skipped)
	v2    bool // every line from here on must carry a checksum
}

// replay reads r to its end. It returns a *CorruptError for damage, any
// other error for a failure to read or to apply.
func replay(ctx context.Context, inner stancegraph.Store, path string, r io.Reader) (*Report, int, error) {
	p := &replayer{ctx: ctx, inner: inner, path: path}
	br := bufio.NewReader(r)
	for {
		b, err := br.ReadBytes('\n')
		if err == io.EOF {
			if len(b) > 0 {
				p.rep.Lines++
				p.rep.Dropped = fmt.Sprintf("line %d: a torn last record (%d bytes without a newline: a write cut short, never acknowledged)", p.rep.Lines, len(b))
			}
			return &p.rep, p.seq, nil
		} else if err != nil {
			return nil, 0, fmt.Errorf("journal %s: %w", path, err)
		}
		p.rep.Lines++
		_, perr := br.Peek(1)
		stop, err := p.line(b, perr == io.EOF)
		if err != nil || stop {
			return &p.rep, p.seq, err
		}
		p.rep.Size += int64(len(b))
	}
}

// line replays one line. stop says it was a rejected last record, to cut.
func (p *replayer) line(b []byte, last bool) (stop bool, err error) {
	if p.rep.Lines == 1 && string(b) == header {
		p.v2 = true
		return false, nil
	}
	body := b[:len(b)-1]
	var rec *record
	legacy := !p.v2 && isLegacy(body)
	if legacy {
		rec, err = decodeLegacy(body)
	} else {
		rec, err = decode(body)
	}
	if err != nil {
		return false, p.corrupt("%v", err)
	}
	if !legacy {
		p.v2 = true
		if rec.Seq != p.seq+1 {
			return false, p.corrupt("record %d where record %d should be (a record lost, repeated or moved)", rec.Seq, p.seq+1)
		}
	}
	if err := validate(p.ctx, p.inner, rec.Edit); err != nil {
		return false, p.corrupt("an edit no mutation would accept: %s", stancegraph.ErrorMessage(err))
	}
	rev, err := p.inner.Apply(p.ctx, rec.Edit)
	switch {
	case err != nil && stancegraph.ErrorCode(err) == stancegraph.EINTERNAL:
		return false, fmt.Errorf("journal %s: line %d: %w", p.path, p.rep.Lines, err)
	case err != nil && legacy:
		p.rep.Skipped++ // rejected when it was made, and written all the same
	case err != nil && last:
		p.rep.Dropped = fmt.Sprintf("line %d: the last record, which the store rejects (%s): written, then refused, never acknowledged", p.rep.Lines, stancegraph.ErrorMessage(err))
		return true, nil
	case err != nil:
		return false, p.corrupt("the store rejects the edit (%s), so the history after it would not be the acknowledged one", stancegraph.ErrorMessage(err))
	case !legacy && rev.Version != rec.Version:
		return false, p.corrupt("the edit makes version %d of %q, but version %d was acknowledged", rev.Version, rec.Edit.EntityID(), rec.Version)
	default:
		p.rep.Records++
		if legacy {
			p.rep.Legacy++
		}
	}
	p.seq++
	return false, nil
}

func (p *replayer) corrupt(format string, args ...any) error {
	return &CorruptError{Path: p.path, Line: p.rep.Lines, Offset: p.rep.Size, Reason: fmt.Sprintf(format, args...)}
}

// validate checks a replayed edit as a mutation's is checked, so a
// record changed on disk (an unknown stance, a missing id) never reaches
// the store; only the limits on text added since are left out.
func validate(ctx context.Context, s stancegraph.Store, e *stancegraph.Edit) error {
	return curation.ValidateJournaled(ctx, s, e)
}
