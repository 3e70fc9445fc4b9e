package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// TestReadTimeout: a client trickling its body is cut off at the read
// timeout, while a websocket outlives it.
func TestReadTimeout(t *testing.T) {
	defer func(d time.Duration) { ReadTimeout = d }(ReadTimeout)
	ReadTimeout = time.Second
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan string, 1)
	m := testMain(io.Discard, io.Discard)
	m.Ready = ready
	go func() { _ = m.Serve(ctx, []string{"-addr", "127.0.0.1:0", "-journal", "", "-keys", ""}) }()
	var addr string
	select {
	case addr = <-ready:
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not start")
	}

	ws, _, err := websocket.Dial(ctx, "ws://"+addr+"/graphql", &websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.CloseNow()
	wsStart := time.Now()

	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	body := `{"query":"{ release { id } }"}`
	fmt.Fprintf(c, "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", len(body))
	start := time.Now()
	cut := make(chan time.Duration, 1)
	go func() {
		_, _ = bufio.NewReader(c).ReadString('\n') // EOF or an error status, once the server gives up
		cut <- time.Since(start)
	}()
	for i := 0; i < len(body); i++ {
		if _, err := c.Write([]byte{body[i]}); err != nil {
			break
		}
		select {
		case d := <-cut:
			if d > 5*time.Second {
				t.Fatalf("the trickling client was cut after %s", d)
			}
			i = len(body)
		case <-time.After(300 * time.Millisecond):
		}
	}
	if time.Since(start) > 8*time.Second {
		t.Fatalf("a body trickled over %s was read to its end", time.Since(start).Round(time.Second))
	}

	time.Sleep(time.Until(wsStart.Add(ReadTimeout + 500*time.Millisecond)))
	for _, m := range []string{`{"type":"connection_init"}`, `{"type":"ping"}`} {
		if err := ws.Write(ctx, websocket.MessageText, []byte(m)); err != nil {
			t.Fatalf("the websocket did not outlive the read timeout: %v", err)
		}
	}
	for {
		_, b, err := ws.Read(ctx)
		if err != nil {
			t.Fatalf("the websocket did not outlive the read timeout: %v", err)
		}
		if strings.Contains(string(b), "pong") {
			break
		}
	}
}
