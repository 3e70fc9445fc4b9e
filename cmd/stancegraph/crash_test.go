package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
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

// TestAbandonedRequestsSurviveKill9: curators race on three positions
// with expectedVersion while other clients reset their connection
// milliseconds after sending a mutation; then kill -9 and restart. Every
// acknowledged edit is in the history with the version and the quote it
// was acknowledged with.
func TestAbandonedRequestsSurviveKill9(t *testing.T) {
	dir := t.TempDir()
	keys, journalPath := filepath.Join(dir, "keys.json"), filepath.Join(dir, "journal")
	var out strings.Builder
	if err := run(context.Background(), []string{"keys", "add", "-role", "curator", "-label", "test", "-keys", keys}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	key := strings.TrimSpace(out.String())
	cmd, addr := startChild(t, "-journal", journalPath, "-keys", keys)
	mutation := func(id, quote string, expected int) string {
		return fmt.Sprintf(`mutation { upsertPosition(expectedVersion: %d, input: {id: %q, actor: "IRN", instrument: "uncc", article: 6, stance: OPPOSES,
			quote: %q, sourceUrls: ["https://www.infosecurity-magazine.com/news-features/un-cybercrime-treaty-negotiations/"], verification: UNVERIFIED}) { revision { version } } }`, expected, id, quote)
	}
	ids := []string{"pos-race-0", "pos-race-1", "pos-race-2"}
	type ack struct {
		version int
		quote   string
	}
	var mu sync.Mutex
	acked := map[string][]ack{}
	version := func(id string) int { // the version the server is at
		r := storetest.Post(t, "http://"+addr+"/graphql", fmt.Sprintf(`{ history(id: %q) { version } }`, id), nil)
		return strings.Count(string(r.Raw), `"version"`)
	}
	var wg sync.WaitGroup
	for w := 0; w < 6; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 15; i++ {
				id, quote := ids[(w+i)%len(ids)], fmt.Sprintf("w%d-%d", w, i)
				r := postAuth(t, "http://"+addr+"/graphql", key, mutation(id, quote, version(id)))
				var got struct {
					UpsertPosition struct{ Revision struct{ Version int } }
				}
				if len(r.Errors) == 0 && json.Unmarshal(r.Data, &got) == nil {
					mu.Lock()
					acked[id] = append(acked[id], ack{got.UpsertPosition.Revision.Version, quote})
					mu.Unlock()
				}
			}
		}()
	}
	for h := 0; h < 3; h++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 15; i++ {
				id := ids[(h+i)%len(ids)]
				hangUp(t, addr, key, mutation(id, fmt.Sprintf("gone-%d-%d", h, i), version(id)))
			}
		}()
	}
	wg.Wait()
	time.Sleep(200 * time.Millisecond) // let abandoned requests finish on the server
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	cmd2, addr2 := startChild(t, "-journal", journalPath, "-keys", keys)
	defer func() { _ = cmd2.Process.Kill(); _ = cmd2.Wait() }()
	n := 0
	for _, id := range ids {
		r := storetest.Post(t, "http://"+addr2+"/graphql", fmt.Sprintf(`{ history(id: %q) { version snapshot } }`, id), nil)
		var got struct {
			History []struct {
				Version  int
				Snapshot string
			}
		}
		if err := json.Unmarshal(r.Data, &got); err != nil {
			t.Fatalf("%s: %s", id, r.Raw)
		}
		byVersion := map[int]string{}
		for _, h := range got.History {
			var p struct{ Quote string }
			_ = json.Unmarshal([]byte(h.Snapshot), &p)
			byVersion[h.Version] = p.Quote
		}
		for _, a := range acked[id] {
			if byVersion[a.version] != a.quote {
				t.Errorf("%s: version %d was acknowledged with %q; after kill -9 it is %q", id, a.version, a.quote, byVersion[a.version])
			}
			n++
		}
	}
	if n < 10 {
		t.Fatalf("only %d edits were acknowledged", n)
	}
	t.Logf("%d acknowledged edits checked after kill -9", n)
}

// hangUp sends a mutation and resets the connection 3 ms later, before
// the answer.
func hangUp(t *testing.T, addr, key, query string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Error(err)
		return
	}
	body, _ := json.Marshal(map[string]string{"query": query})
	fmt.Fprintf(c, "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer %s\r\nContent-Length: %d\r\n\r\n%s", key, len(body), body)
	time.Sleep(3 * time.Millisecond)
	_ = c.(*net.TCPConn).SetLinger(0)
	_ = c.Close()
}
