package auth_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stancegraph/stancegraph/auth"
)

func TestKeys(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys.json")
	ks, err := auth.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	token, k, err := ks.Add(auth.RoleCurator, "alice")
	if err != nil || !strings.HasPrefix(token, "sgk_") || !k.CanWrite() || k.IsAdmin() {
		t.Fatalf("Add = %q, %+v, %v", token, k, err)
	}
	if _, _, err := ks.Add("GOD", "x"); err == nil {
		t.Fatal("an unknown role was accepted")
	}
	raw, _ := os.ReadFile(path)
	if strings.Contains(string(raw), token) || !strings.Contains(string(raw), k.Hash) {
		t.Fatal("the key file must hold the hash, never the key")
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v, want 0600", fi.Mode().Perm())
	}
	again, _ := auth.Open(path)
	if got, ok := again.Verify(token); !ok || got.ID != k.ID {
		t.Fatal("a saved key does not verify after reopening")
	}
	if _, ok := again.Verify(token + "x"); ok {
		t.Fatal("a wrong key verified")
	}
	if err := again.Revoke(k.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok := again.Verify(token); ok {
		t.Fatal("a revoked key verified")
	}
}

func TestMiddleware(t *testing.T) {
	ks, _ := auth.Open("")
	token, _, _ := ks.Add(auth.RoleAdmin, "root")
	var seen *auth.Key
	h := auth.Middleware(ks, false, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { seen = auth.FromContext(r.Context()) }))
	for _, c := range []struct {
		header string
		status int
		admin  bool
	}{{"", 200, false}, {"Bearer " + token, 200, true}, {"Bearer sgk_wrong", 401, false}, {"Basic abc", 401, false}} {
		seen = nil
		req := httptest.NewRequest(http.MethodPost, "/graphql", nil)
		if c.header != "" {
			req.Header.Set("Authorization", c.header)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != c.status || seen.IsAdmin() != c.admin || strings.Contains(rec.Body.String(), "sgk_") {
			t.Errorf("%q: status %d admin %v body %s", c.header, rec.Code, seen.IsAdmin(), rec.Body)
		}
	}
	private := auth.Middleware(ks, true, http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	rec := httptest.NewRecorder()
	private.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/graphql", nil))
	if rec.Code != 401 {
		t.Fatalf("private reads without a key: %d", rec.Code)
	}
}
