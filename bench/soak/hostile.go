package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/coder/websocket"
)

// hostileQueries are the hostile review's expensive queries; each must
// be refused before it runs (or cut at the deadline).
var hostileQueries = func() []string {
	var fan, cent, matrix strings.Builder
	fan.WriteString("{ actors(first: 1) { ...F29 } }\nfragment F0 on Actor { id }\n")
	for i := 1; i <= 29; i++ {
		fmt.Fprintf(&fan, "fragment F%d on Actor { ...F%d ...F%d }\n", i, i-1, i-1)
	}
	for i := 0; i < 20; i++ {
		fmt.Fprintf(&cent, "c%d: centrality(first: %d) { pageRank } ", i, i+1)
	}
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&matrix, "m%d: agreementMatrix(options: {minOverlap: %d}) { score } ", i, i+1)
	}
	return []string{
		fan.String(),
		`{ actors(first:40) { positions { instrument { positions { actor { positions { instrument { positions { id } } } } } } } } }`,
		"{ " + cent.String() + "}",
		"{ " + matrix.String() + "}",
	}
}()

// refusedPost sends q and expects it refused: errors, no 5xx.
func refusedPost(c *http.Client, url, q string) error {
	body, _ := json.Marshal(map[string]any{"query": q})
	res, err := c.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode >= 500 || !bytes.Contains(raw, []byte(`"errors"`)) {
		return fmt.Errorf("status %d: %.200s", res.StatusCode, raw)
	}
	return nil
}

// subscribeFlood opens a websocket and sends n subscriptions; the server
// must close it.
func subscribeFlood(addr string, n int) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, _, err := websocket.Dial(ctx, "ws://"+addr+"/graphql", &websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		return err
	}
	defer c.CloseNow()
	if err := c.Write(ctx, websocket.MessageText, []byte(`{"type":"connection_init"}`)); err != nil {
		return err
	}
	go func() {
		for i := 0; i < n; i++ {
			msg := fmt.Sprintf(`{"id":"%d","type":"subscribe","payload":{"query":"subscription { positionChanged { revision { action } } }"}}`, i)
			if c.Write(ctx, websocket.MessageText, []byte(msg)) != nil {
				return
			}
		}
	}()
	for {
		_, b, err := c.Read(ctx)
		if ctx.Err() != nil {
			return fmt.Errorf("%d subscriptions on one websocket: not closed in 30 s", n)
		}
		if err != nil {
			return nil // closed by the server
		}
		if bytes.Contains(b, []byte("Too many subscriptions")) {
			continue
		}
	}
}
