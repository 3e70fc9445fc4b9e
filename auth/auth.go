// Package auth holds the API keys of curators and admins. Keys are random,
// shown once when made, and stored only as SHA-256 hashes; a request
// carries one as "Authorization: Bearer sgk_...". Reads are public unless
// configured otherwise; writes need a curator key; admins manage keys.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Roles.
const (
	RoleCurator = "CURATOR"
	RoleAdmin   = "ADMIN"
)

// Key is a stored API key: never the key itself, only its hash.
type Key struct {
	ID      string `json:"id"`
	Label   string `json:"label"`
	Role    string `json:"role"`
	Hash    string `json:"hash"` // hex SHA-256 of the key
	Created string `json:"created"`
	Revoked string `json:"revoked,omitempty"`
}

// CanWrite reports whether the key may change the graph.
func (k *Key) CanWrite() bool { return k != nil && (k.Role == RoleCurator || k.Role == RoleAdmin) }

// IsAdmin reports whether the key may manage keys.
func (k *Key) IsAdmin() bool { return k != nil && k.Role == RoleAdmin }

// Keys is a file of API keys, safe for concurrent use. A nil *Keys or an
// empty path holds no keys (nobody can write).
//
// Several processes share the file: the server and the `keys` command.
// Each change is made under a lock on the file, to the keys read from it
// then, so neither undoes the other's; and the server re-reads the file
// when it changes (checked at most every PollInterval, on use), so a key
// revoked with the command stops working within that time.
type Keys struct {
	path    string
	mu      sync.RWMutex
	keys    []*Key
	seen    os.FileInfo  // the file the keys were read from; nil: none
	checked atomic.Int64 // when the file was last checked, Unix ns
}

// PollInterval is how often a key file is checked for changes made by
// other processes.
const PollInterval = 500 * time.Millisecond

// Open reads the key file at path; a missing file holds no keys yet.
func Open(path string) (*Keys, error) {
	ks := &Keys{path: path}
	if path == "" {
		return ks, nil
	}
	keys, fi, err := read(path)
	if err != nil {
		return nil, err
	}
	ks.keys, ks.seen = keys, fi
	ks.checked.Store(time.Now().UnixNano())
	return ks, nil
}

// read reads the key file and says which file it read.
func read(path string) ([]*Key, os.FileInfo, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil, nil
	} else if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	var keys []*Key
	if err := json.NewDecoder(f).Decode(&keys); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return keys, fi, nil
}

// refresh re-reads the file if another process changed it since it was
// read. An unreadable file holds no keys until it is fixed: a revocation
// must not be undone by a typo.
func (ks *Keys) refresh() {
	now, last := time.Now().UnixNano(), ks.checked.Load()
	if ks.path == "" || now-last < int64(PollInterval) || !ks.checked.CompareAndSwap(last, now) {
		return
	}
	fi, err := os.Stat(ks.path)
	ks.mu.RLock()
	same := unchanged(ks.seen, fi, err)
	ks.mu.RUnlock()
	if same {
		return
	}
	keys, fi, err := read(ks.path)
	if err != nil {
		slog.Error("auth: the key file cannot be read; no key is accepted until it can", "err", err)
		keys, fi = nil, nil
	}
	ks.mu.Lock()
	ks.keys, ks.seen = keys, fi
	ks.mu.Unlock()
}

// unchanged says whether stat (fi, err) shows the file seen before.
func unchanged(seen, fi os.FileInfo, err error) bool {
	if seen == nil || err != nil {
		return seen == nil && errors.Is(err, os.ErrNotExist)
	}
	return os.SameFile(seen, fi) && seen.ModTime().Equal(fi.ModTime()) && seen.Size() == fi.Size()
}

func hash(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// Add makes a new key for role and returns it in clear: the only time it is seen.
func (ks *Keys) Add(role, label string) (token string, k *Key, err error) {
	if role != RoleCurator && role != RoleAdmin {
		return "", nil, fmt.Errorf("role must be %s or %s", RoleCurator, RoleAdmin)
	}
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", nil, err
	}
	token = "sgk_" + hex.EncodeToString(b)
	id := make([]byte, 4)
	_, _ = rand.Read(id)
	k = &Key{ID: "key-" + hex.EncodeToString(id), Label: label, Role: role, Hash: hash(token), Created: time.Now().UTC().Format(time.RFC3339)}
	err = ks.change(func(keys []*Key) ([]*Key, error) { return append(keys, k), nil })
	return token, k, err
}

// Revoke disables the key with the given id.
func (ks *Keys) Revoke(id string) error {
	return ks.change(func(keys []*Key) ([]*Key, error) {
		i := slices.IndexFunc(keys, func(k *Key) bool { return k.ID == id && k.Revoked == "" })
		if i < 0 {
			return nil, fmt.Errorf("no active key %q", id)
		}
		keys[i].Revoked = time.Now().UTC().Format(time.RFC3339)
		return keys, nil
	})
}

// change applies f to the keys in the file, read under the file's lock,
// writes the result and keeps it.
func (ks *Keys) change(f func([]*Key) ([]*Key, error)) error {
	if ks.path == "" {
		ks.mu.Lock()
		defer ks.mu.Unlock()
		keys, err := f(ks.keys)
		if err == nil {
			ks.keys = keys
		}
		return err
	}
	unlock, err := lockFile(ks.path + ".lock")
	if err != nil {
		return err
	}
	defer unlock()
	keys, _, err := read(ks.path)
	if err != nil {
		return err
	}
	if keys, err = f(keys); err != nil {
		return err
	}
	if err := save(ks.path, keys); err != nil {
		return err
	}
	fi, err := os.Stat(ks.path)
	if err != nil {
		return err
	}
	ks.mu.Lock()
	ks.keys, ks.seen = keys, fi
	ks.mu.Unlock()
	return nil
}

// List returns the keys (hashes only).
func (ks *Keys) List() []Key {
	ks.refresh()
	ks.mu.RLock()
	defer ks.mu.RUnlock()
	out := make([]Key, len(ks.keys))
	for i, k := range ks.keys {
		out[i] = *k
	}
	return out
}

// Verify returns the active key matching token, comparing hashes in constant time.
func (ks *Keys) Verify(token string) (*Key, bool) {
	if ks == nil || token == "" {
		return nil, false
	}
	ks.refresh()
	h := []byte(hash(token))
	ks.mu.RLock()
	defer ks.mu.RUnlock()
	for _, k := range ks.keys {
		if subtle.ConstantTimeCompare(h, []byte(k.Hash)) == 1 && k.Revoked == "" {
			c := *k
			return &c, true
		}
	}
	return nil, false
}

// save writes the file atomically (temp file, fsync, rename).
func save(path string, keys []*Key) error {
	b, err := json.MarshalIndent(keys, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".keys-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

type ctxKey struct{}

// FromContext returns the request's key, nil for an anonymous request.
func FromContext(ctx context.Context) *Key {
	k, _ := ctx.Value(ctxKey{}).(*Key)
	return k
}

// WithKey returns ctx carrying k (for tests and in-process callers).
func WithKey(ctx context.Context, k *Key) context.Context { return context.WithValue(ctx, ctxKey{}, k) }

// Middleware authenticates the bearer key of each request. A request with
// a key that does not verify is refused with 401; without a key it goes on
// anonymously, unless privateReads requires a key for everything.
func Middleware(ks *Keys, privateReads bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, hasAuth := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !hasAuth {
			token, hasAuth = "", r.Header.Get("Authorization") != ""
		}
		if hasAuth || token != "" {
			k, ok := ks.Verify(strings.TrimSpace(token))
			if !ok {
				unauthorized(w, "The API key is not valid.")
				return
			}
			r = r.WithContext(WithKey(r.Context(), k))
		} else if privateReads && r.Method != http.MethodOptions {
			unauthorized(w, "This endpoint needs an API key (Authorization: Bearer ...).")
			return
		}
		next.ServeHTTP(w, r)
	})
}

func unauthorized(w http.ResponseWriter, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("WWW-Authenticate", `Bearer realm="stancegraph"`)
	w.WriteHeader(http.StatusUnauthorized)
	_ = json.NewEncoder(w).Encode(map[string]any{"errors": []map[string]any{{"message": msg, "extensions": map[string]any{"code": "UNAUTHENTICATED"}}}})
}
