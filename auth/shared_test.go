package auth_test

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stancegraph/stancegraph/auth"
)

// eventually polls cond for a second: the server checks the key file
// every auth.PollInterval.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(time.Second + auth.PollInterval/2); !cond(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within a second", what)
		}
	}
}

// TestSharedFile: the server and the keys command share the key file. A
// key the command adds or revokes while the server runs takes effect
// within a second, and a key the server then makes through the API keeps
// the revocation.
func TestSharedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys.json")
	server, err := auth.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	cli, _ := auth.Open(path)
	token, k, err := cli.Add(auth.RoleCurator, "by the command")
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, "a key added with the command works on the running server", func() bool { _, ok := server.Verify(token); return ok })
	cli2, _ := auth.Open(path)
	if err := cli2.Revoke(k.ID); err != nil {
		t.Fatal(err)
	}
	eventually(t, "a key revoked with the command stops working", func() bool { _, ok := server.Verify(token); return !ok })
	admin, _, err := server.Add(auth.RoleAdmin, "by the API")
	if err != nil {
		t.Fatal(err)
	}
	fresh, _ := auth.Open(path)
	if _, ok := fresh.Verify(token); ok {
		t.Fatal("the server's write brought the revoked key back")
	}
	if _, ok := fresh.Verify(admin); !ok {
		t.Fatal("the server's key is not in the file")
	}
	if _, ok := server.Verify(token); ok {
		t.Fatal("the revoked key works again on the server")
	}
}

// TestConcurrentWriters: keys added from several processes at once are
// all kept.
func TestConcurrentWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys.json")
	var wg sync.WaitGroup
	tokens := make([]string, 8)
	for i := range tokens {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ks, err := auth.Open(path) // each its own handle, as separate processes have
			if err != nil {
				t.Error(err)
				return
			}
			tokens[i], _, err = ks.Add(auth.RoleCurator, fmt.Sprint(i))
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	ks, _ := auth.Open(path)
	for i, tok := range tokens {
		if _, ok := ks.Verify(tok); !ok {
			t.Errorf("key %d was lost", i)
		}
	}
}
