package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stancegraph/stancegraph/storetest"
)

// When the test binary runs with STANCEGRAPH_TEST_MAIN set, it is the
// stancegraph command itself: the kill -9 test starts it as a child process.
func TestMain(m *testing.M) {
	if os.Getenv("STANCEGRAPH_TEST_MAIN") == "1" {
		if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// startChild runs `stancegraph serve` in a child process and waits until it listens.
func startChild(t *testing.T, args ...string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"serve", "-addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(os.Environ(), "STANCEGRAPH_TEST_MAIN=1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if _, after, ok := strings.Cut(sc.Text(), "endpoint=http://"); ok {
				addr <- strings.TrimSuffix(strings.Fields(after)[0], "/graphql")
			}
		}
	}()
	select {
	case a := <-addr:
		return cmd, a
	case <-time.After(60 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("the child server did not start")
	}
	return nil, ""
}

// TestKill9KeepsAcknowledgedChanges: a change acknowledged to a client
// survives kill -9 of the embedded server.
func TestKill9KeepsAcknowledgedChanges(t *testing.T) {
	dir := t.TempDir()
	keys, journalPath := filepath.Join(dir, "keys.json"), filepath.Join(dir, "journal")
	var out strings.Builder
	if err := run(context.Background(), []string{"keys", "add", "-role", "curator", "-label", "test", "-keys", keys}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	key := strings.TrimSpace(out.String())
	cmd, addr := startChild(t, "-journal", journalPath, "-keys", keys)
	const n = 5
	for i := 0; i < n; i++ {
		q := fmt.Sprintf(`mutation { upsertPosition(input: {id: "pos-crash-%d", actor: "IRN", instrument: "uncc", article: 6, stance: OPPOSES,
			quote: "test %d", sourceUrls: ["https://www.infosecurity-magazine.com/news-features/un-cybercrime-treaty-negotiations/"], verification: UNVERIFIED}) { revision { version } } }`, i, i)
		r := postAuth(t, "http://"+addr+"/graphql", key, q)
		if len(r.Errors) > 0 {
			_ = cmd.Process.Kill()
			t.Fatalf("mutation %d: %s", i, r.Raw)
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	cmd2, addr2 := startChild(t, "-journal", journalPath, "-keys", keys)
	defer func() { _ = cmd2.Process.Kill(); _ = cmd2.Wait() }()
	r := storetest.Post(t, "http://"+addr2+"/graphql", `{ positions(filter: {actors: ["IRN"], articles: ["uncc:6"]}, first: 100) { edges { node { id quote } } } }`, nil)
	for i := 0; i < n; i++ {
		if !strings.Contains(string(r.Raw), fmt.Sprintf(`"pos-crash-%d"`, i)) {
			t.Fatalf("acknowledged change %d was lost after kill -9: %s", i, r.Raw)
		}
	}
}

func postAuth(t *testing.T, url, key, query string) *storetest.Response {
	t.Helper()
	body := fmt.Sprintf(`{"query": %q}`, query)
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+key)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	r := &storetest.Response{Status: res.StatusCode, Raw: raw}
	if err := jsonUnmarshal(raw, r); err != nil {
		t.Fatalf("not JSON: %s", raw)
	}
	return r
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }
