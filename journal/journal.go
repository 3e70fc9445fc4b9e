// Package journal makes the embedded store keep curators' changes across
// restarts: every edit is appended to a file and fsynced before it is
// applied and acknowledged, and the file is replayed at start. A change a
// client saw acknowledged survives a kill -9.
package journal

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/stancegraph/stancegraph"
)

// Store wraps a Store, journaling every Apply.
type Store struct {
	stancegraph.Store
	mu sync.Mutex
	f  *os.File
}

// Open replays the journal at path into inner (which should hold the data
// the journal was written over) and returns a store that appends to it.
// It reports how many edits it replayed. A torn last line (a crash during
// a write that was never acknowledged) is cut off.
func Open(ctx context.Context, inner stancegraph.Store, path string) (*Store, int, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, 0, err
	}
	n, good, err := replay(ctx, inner, f)
	if err != nil {
		f.Close()
		return nil, 0, fmt.Errorf("journal %s: %w", path, err)
	}
	if err := f.Truncate(good); err != nil {
		f.Close()
		return nil, 0, err
	}
	if _, err := f.Seek(good, io.SeekStart); err != nil {
		f.Close()
		return nil, 0, err
	}
	return &Store{Store: inner, f: f}, n, nil
}

// replay applies each complete line; it returns the count and the offset
// after the last complete line.
func replay(ctx context.Context, inner stancegraph.Store, f *os.File) (int, int64, error) {
	r := bufio.NewReader(f)
	var n int
	var good int64
	for {
		line, err := r.ReadBytes('\n')
		if err == io.EOF {
			return n, good, nil // a line without its newline was never synced whole
		} else if err != nil {
			return n, good, err
		}
		var e stancegraph.Edit
		if jerr := json.Unmarshal(bytes.TrimSpace(line), &e); jerr != nil {
			return n, good, fmt.Errorf("line %d: %w", n+1, jerr)
		}
		// An edit that failed when it was made fails again the same way.
		if _, aerr := inner.Apply(ctx, &e); aerr != nil && stancegraph.ErrorCode(aerr) == stancegraph.EINTERNAL {
			return n, good, fmt.Errorf("line %d: %w", n+1, aerr)
		}
		good += int64(len(line))
		n++
	}
}

// Apply appends the edit to the journal and syncs it, then applies it.
func (s *Store) Apply(ctx context.Context, e *stancegraph.Edit) (*stancegraph.Revision, error) {
	b, err := json.Marshal(e)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	off, err := s.f.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	if _, err := s.f.Write(append(b, '\n')); err != nil {
		// Cut a partial line so the next edit starts on a line of its own.
		_ = s.f.Truncate(off)
		_, _ = s.f.Seek(off, io.SeekStart)
		return nil, fmt.Errorf("journal: %w", err)
	}
	if err := s.f.Sync(); err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	return s.Store.Apply(ctx, e)
}

// Close closes the journal and the store.
func (s *Store) Close(ctx context.Context) error {
	s.mu.Lock()
	err := s.f.Close()
	s.mu.Unlock()
	if cerr := s.Store.Close(ctx); err == nil {
		err = cerr
	}
	return err
}
