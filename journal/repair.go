package journal

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/stancegraph/stancegraph"
)

// Verify replays the journal at path into inner (a scratch store holding
// the data the journal was written over) without changing the file. It
// returns a *CorruptError for damage; the report says what Open would cut.
func Verify(ctx context.Context, inner stancegraph.Store, path string) (*Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rep, _, err := replay(ctx, inner, path, f)
	return rep, err
}

// Repair keeps every good record before the first damage in the journal
// at path and cuts the rest, which it saves beside the journal in a file
// named in the report. inner is a scratch store, as for Verify.
func Repair(ctx context.Context, inner stancegraph.Store, path string) (*Report, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rep, _, err := replay(ctx, inner, path, f)
	var ce *CorruptError
	switch {
	case errors.As(err, &ce):
		rep.Dropped = fmt.Sprintf("lines %d to %d (line %d: %s)", ce.Line, lineCount(f, rep, ce), ce.Line, ce.Reason)
	case err != nil:
		return nil, err
	case rep.Dropped == "":
		return rep, nil
	}
	saved, err := save(f, rep.Size)
	if err != nil {
		return nil, err
	}
	rep.Dropped += "; saved to " + saved
	if err := f.Truncate(rep.Size); err != nil {
		return nil, err
	}
	return rep, f.Sync()
}

// lineCount is the number of the journal's last line.
func lineCount(f *os.File, rep *Report, ce *CorruptError) int {
	n := ce.Line
	if _, err := f.Seek(ce.Offset, io.SeekStart); err != nil {
		return n
	}
	b, err := io.ReadAll(f)
	if err != nil || len(b) == 0 {
		return n
	}
	n-- // the damaged line is counted below
	for _, c := range b {
		if c == '\n' {
			n++
		}
	}
	if b[len(b)-1] != '\n' {
		n++
	}
	return n
}

// save copies the journal from offset to its end into a new file beside it.
func save(f *os.File, offset int64) (string, error) {
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		return "", err
	}
	out, err := os.CreateTemp(filepath.Dir(f.Name()), filepath.Base(f.Name())+".dropped-*")
	if err != nil {
		return "", err
	}
	if _, err := io.Copy(out, f); err != nil {
		out.Close()
		return "", err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return "", err
	}
	return out.Name(), out.Close()
}
