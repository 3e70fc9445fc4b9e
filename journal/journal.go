// Package journal makes the embedded store keep curators' changes across
// restarts: every edit is appended to a file and fsynced before it is
// applied and acknowledged, and the file is replayed at start. A change a
// client saw acknowledged survives a kill -9.
//
// The journal holds exactly the applied edits, in the order they were
// applied: an edit is written, synced, then applied whatever became of
// the request that sent it; an edit the store rejects is cut back out
// before the next is written. Replay therefore gives every entity the
// versions, authors and order that were acknowledged, and a record that
// does not replay exactly is damage, never something to skip. Each
// record carries its sequence number, the version it made and a CRC-32C.
package journal

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/stancegraph/stancegraph"
)

// Store wraps a Store, journaling every Apply.
type Store struct {
	stancegraph.Store
	path   string
	mu     sync.Mutex
	f      *os.File
	seq    int   // records in the journal
	size   int64 // bytes in the journal, without a record being applied
	broken error // set when the file's state is unknown: no more writes
}

// Open replays the journal at path into inner (which should hold the data
// the journal was written over) and returns a store that appends to it.
// A torn last record, or a last record the store rejects, was never
// acknowledged: it is cut off, and the report says so. Any other damage
// is a *CorruptError and nothing is changed.
func Open(ctx context.Context, inner stancegraph.Store, path string) (*Store, *Report, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, nil, err
	}
	rep, seq, err := replay(ctx, inner, path, f)
	if err == nil {
		err = start(f, rep)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return &Store{Store: inner, path: path, f: f, seq: seq, size: rep.Size}, rep, nil
}

// start cuts what replay dropped and writes the header into a new journal.
func start(f *os.File, rep *Report) error {
	if err := f.Truncate(rep.Size); err != nil {
		return err
	}
	if rep.Size == 0 {
		if _, err := f.WriteAt([]byte(header), 0); err != nil {
			return err
		}
		rep.Size = int64(len(header))
	}
	if err := f.Sync(); err != nil {
		return err
	}
	return syncDir(filepath.Dir(f.Name()))
}

// Apply writes the edit to the journal and syncs it, then applies it.
// Once the record is synced, the request's context no longer matters: a
// client that hangs up must not leave an edit in the journal that the
// store never saw. An edit the store rejects is cut back out of the file.
func (s *Store) Apply(ctx context.Context, e *stancegraph.Edit) (*stancegraph.Revision, error) {
	if err := ctx.Err(); err != nil {
		return nil, err // nothing written yet
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.broken != nil {
		return nil, s.broken
	}
	ctx = context.WithoutCancel(ctx)
	current, err := s.version(ctx, e.EntityID())
	if err != nil {
		return nil, err
	}
	if err := stancegraph.CheckVersion(e, current); err != nil {
		return nil, err // refused before it is written
	}
	rec := &record{Seq: s.seq + 1, Version: current + 1, Edit: e}
	n, err := s.append(rec)
	if err != nil {
		return nil, err
	}
	rev, err := s.Store.Apply(ctx, e)
	if err != nil {
		if cerr := s.cut(); cerr != nil {
			return nil, cerr
		}
		return nil, err
	}
	if rev.Version != rec.Version { // a store that numbers versions otherwise
		rec.Version = rev.Version
		if n, err = s.rewrite(rec); err != nil {
			return nil, err
		}
	}
	s.seq++
	s.size += n
	return rev, nil
}

// version returns the entity's current version.
func (s *Store) version(ctx context.Context, id string) (int, error) {
	if v, ok := s.Store.(interface{ Version(string) int }); ok {
		return v.Version(id), nil
	}
	h, err := s.Store.History(ctx, id)
	return len(h), err
}

// append writes rec after the last record and syncs it. On failure the
// file is cut back; if even that fails, the journal takes no more writes.
func (s *Store) append(rec *record) (int64, error) {
	line, err := rec.encode()
	if err != nil {
		return 0, fmt.Errorf("journal: %w", err)
	}
	if _, err := s.f.WriteAt(line, s.size); err != nil {
		if cerr := s.cut(); cerr != nil {
			return 0, cerr
		}
		return 0, fmt.Errorf("journal: %w", err)
	}
	if err := s.f.Sync(); err != nil {
		// What reached the disk is unknown: stop, and let replay decide.
		s.broken = fmt.Errorf("journal %s: a sync failed, writes are refused until a restart: %w", s.path, err)
		return 0, s.broken
	}
	return int64(len(line)), nil
}

// cut removes what follows the last applied record, durably.
func (s *Store) cut() error {
	err := s.f.Truncate(s.size)
	if err == nil {
		err = s.f.Sync()
	}
	if err != nil {
		s.broken = fmt.Errorf("journal %s: cannot cut a rejected edit, writes are refused until a restart: %w", s.path, err)
	}
	return s.broken
}

// rewrite replaces the record being applied, which is already applied:
// failing here leaves the journal unable to take more.
func (s *Store) rewrite(rec *record) (int64, error) {
	if err := s.cut(); err != nil {
		return 0, err
	}
	n, err := s.append(rec)
	if err != nil && s.broken == nil {
		s.broken = err
	}
	return n, err
}

// Close closes the journal and the store.
func (s *Store) Close(ctx context.Context) error {
	s.mu.Lock()
	err := s.f.Close()
	s.broken = errors.New("journal: closed")
	s.mu.Unlock()
	if cerr := s.Store.Close(ctx); err == nil {
		err = cerr
	}
	return err
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
