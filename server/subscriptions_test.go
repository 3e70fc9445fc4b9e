package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/stancegraph/stancegraph/memstore"
	"github.com/stancegraph/stancegraph/server"
	"github.com/stancegraph/stancegraph/storetest"
)

// wsDial opens a graphql-transport-ws connection and initialises it.
func wsDial(t *testing.T, o server.Options) (*websocket.Conn, func(any), func() (map[string]any, error)) {
	t.Helper()
	s := memstore.New()
	storetest.MustLoad(t, s, storetest.Bundled(t))
	ts := httptest.NewServer(server.New(s, o))
	t.Cleanup(ts.Close)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	c, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(ts.URL, "http")+"/graphql", &websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.CloseNow() })
	send := func(m any) {
		b, _ := json.Marshal(m)
		_ = c.Write(ctx, websocket.MessageText, b)
	}
	read := func() (map[string]any, error) {
		_, b, err := c.Read(ctx)
		if err != nil {
			return nil, err
		}
		var m map[string]any
		return m, json.Unmarshal(b, &m)
	}
	send(map[string]any{"type": "connection_init"})
	if m, err := read(); err != nil || m["type"] != "connection_ack" {
		t.Fatalf("init: %v %v", m, err)
	}
	return c, send, read
}

func subscribe(id string) map[string]any {
	return map[string]any{"id": id, "type": "subscribe", "payload": map[string]any{"query": "subscription { positionChanged { revision { action } } }"}}
}

// TestSubscriptionsPerConnection: 20,000 subscribe messages on one
// connection: past the bound the connection is closed with the reason,
// and the goroutines they would have held are gone.
func TestSubscriptionsPerConnection(t *testing.T) {
	before := runtime.NumGoroutine()
	// The server closes the connection while the client still floods it:
	// the client's kernel may then answer with a reset that drops the
	// reason before the client reads it. Each attempt is the whole
	// scenario; one must see the reason.
	const reason = "Too many subscriptions on one connection: the limit is 50."
	var said []string
	for attempt := 1; attempt <= 3; attempt++ {
		said = floodSubscriptions(t)
		if strings.Contains(strings.Join(said, "\n"), reason) {
			break
		}
		t.Logf("attempt %d: the reason was not read (%d messages)", attempt, len(said))
	}
	if all := strings.Join(said, "\n"); !strings.Contains(all, reason) {
		t.Fatalf("the connection was not closed with the reason; it said:\n%.2000s", all)
	}
	for deadline := time.Now().Add(5 * time.Second); runtime.NumGoroutine() > before+20; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines after the connection closed, %d before", runtime.NumGoroutine(), before)
		}
	}
}

// floodSubscriptions sends 20,000 subscribe messages on one connection
// bounded to 50 and returns what the server said until it closed.
func floodSubscriptions(t *testing.T) []string {
	_, send, read := wsDial(t, server.Options{MaxConnSubscriptions: 50})
	go func() {
		for i := 0; i < 20000; i++ {
			send(subscribe(fmt.Sprint(i)))
		}
	}()
	var said []string
	for {
		m, err := read()
		if err != nil {
			if websocket.CloseStatus(err) == -1 && !strings.Contains(err.Error(), "EOF") {
				t.Logf("read: %v", err)
			}
			return said
		}
		b, _ := json.Marshal(m)
		said = append(said, string(b))
	}
}

// TestSubscriptionsPerServer: past the server's bound a subscription is
// refused with TOO_MANY_SUBSCRIPTIONS; ending one makes room.
func TestSubscriptionsPerServer(t *testing.T) {
	_, send, read := wsDial(t, server.Options{MaxSubscriptions: 3})
	for i := 0; i < 4; i++ {
		send(subscribe(fmt.Sprint(i)))
	}
	m, err := read()
	if err != nil || m["type"] != "next" || !strings.Contains(fmt.Sprint(m["payload"]), "TOO_MANY_SUBSCRIPTIONS") {
		t.Fatalf("the fourth subscription: %v %v", m, err)
	}
	refused := m["id"]
	if m, err := read(); err != nil || m["type"] != "complete" || m["id"] != refused {
		t.Fatalf("after the refusal: %v %v", m, err)
	}
	other := "0"
	if refused == "0" {
		other = "1"
	}
	send(map[string]any{"id": other, "type": "complete"})
	time.Sleep(100 * time.Millisecond)
	send(subscribe("4"))
	time.Sleep(100 * time.Millisecond)
	send(map[string]any{"type": "ping"})
	for {
		m, err := read()
		if err != nil || m["id"] == "4" {
			t.Fatalf("a subscription after one ended was refused: %v %v", m, err)
		}
		if m["type"] == "pong" {
			break
		}
	}
}
