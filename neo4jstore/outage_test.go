package neo4jstore_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/stancegraph/stancegraph"
	"github.com/stancegraph/stancegraph/neo4jstore"
	"github.com/stancegraph/stancegraph/server"
	"github.com/stancegraph/stancegraph/storetest"
)

// proxy forwards loopback TCP to Neo4j and can cut every connection, to
// simulate Neo4j going down and coming back without touching the server.
type proxy struct {
	target string
	mu     sync.Mutex
	ln     net.Listener
	conns  []net.Conn
}

func (p *proxy) start(t *testing.T, addr string) string {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	p.mu.Lock()
	p.ln = ln
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			up, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, up)
			p.mu.Unlock()
			go func() { _, _ = io.Copy(up, c); up.Close() }()
			go func() { _, _ = io.Copy(c, up); c.Close() }()
		}
	}()
	return ln.Addr().String()
}

// stop closes the listener and every open connection.
func (p *proxy) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.ln.Close()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// TestOutageAndRecovery: while Neo4j is unreachable a request gets a clear
// UNAVAILABLE error quickly (no hang, no crash); once it is back, the same
// server answers again by itself.
func TestOutageAndRecovery(t *testing.T) {
	base := testStore(t)
	storetest.MustLoad(t, base, storetest.Bundled(t))
	cfg := testConfig(t)
	u, err := url.Parse(cfg.URI)
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{target: u.Host}
	addr := p.start(t, "127.0.0.1:0")
	cfg.URI, cfg.Timeout = "bolt://"+addr, 2*time.Second
	s, err := neo4jstore.Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())
	srv := httptest.NewServer(server.New(s, server.Options{Timeout: 8 * time.Second}))
	defer srv.Close()
	const q = `{ article(number: 5) { positions(stance: OPPOSES) { actor { id } } } }`
	if r := storetest.Post(t, srv.URL+"/graphql", q, nil); len(r.Errors) > 0 {
		t.Fatalf("before the outage: %s", r.Raw)
	}

	p.stop()
	// Reads give up within their own short timeout (1 s), whatever the
	// write timeout (2 s here, retried for 4 s); then, for a second, they
	// answer at once, and readiness says so. Checked generously.
	for i, bound := range []time.Duration{2 * time.Second, time.Second} {
		start := time.Now()
		r := storetest.Post(t, srv.URL+"/graphql", q, nil)
		took := time.Since(start)
		if took > bound {
			t.Fatalf("request %d during the outage took %s: it should fail fast", i, took)
		}
		t.Logf("request %d during the outage: %s after %s", i, r.Code(), took.Round(time.Millisecond))
		if r.Code() != stancegraph.EUNAVAILABLE || r.Status >= 500 {
			t.Fatalf("during the outage: status %d, code %q, want UNAVAILABLE: %s", r.Status, r.Code(), r.Raw)
		}
	}
	start := time.Now()
	res, err := http.Get(srv.URL + "/readyz")
	if err != nil || res.StatusCode != http.StatusServiceUnavailable || time.Since(start) > time.Second {
		t.Fatalf("readiness during the outage: %v %v after %s", res.StatusCode, err, time.Since(start))
	}
	res.Body.Close()
	p.start(t, addr)
	deadline := time.Now().Add(30 * time.Second)
	for {
		r := storetest.Post(t, srv.URL+"/graphql", q, nil)
		if len(r.Errors) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server did not recover within 30s after Neo4j returned: %s", r.Raw)
		}
		time.Sleep(500 * time.Millisecond)
	}
}

// TestNeo4jStopsMidLoad cuts the connection while a load runs: the load
// fails with a clear error, the graph holds none of it, and a re-run completes.
func TestNeo4jStopsMidLoad(t *testing.T) {
	base := testStore(t)
	d := storetest.Bundled(t)
	cfg := testConfig(t)
	u, err := url.Parse(cfg.URI)
	if err != nil {
		t.Fatal(err)
	}
	for _, after := range []time.Duration{50 * time.Millisecond, 200 * time.Millisecond} {
		if err := base.Reset(context.Background()); err != nil {
			t.Fatal(err)
		}
		p := &proxy{target: u.Host}
		cfg.URI, cfg.Timeout = "bolt://"+p.start(t, "127.0.0.1:0"), time.Second
		s, err := neo4jstore.Open(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		time.AfterFunc(after, p.stop)
		err = s.Load(context.Background(), d)
		s.Close(context.Background())
		_, n, ferr := base.FindPositions(context.Background(), stancegraph.PositionFilter{})
		if ferr != nil {
			t.Fatal(ferr)
		}
		switch {
		case err == nil && n == len(d.Positions):
			t.Logf("cut after %s: the load had already committed (%d positions)", after, n)
		case err != nil && (n == 0 || n == len(d.Positions)):
			// All or nothing. A cut during COMMIT can lose the
			// acknowledgement of a commit the server made: the client
			// cannot know, says so, and a re-run is idempotent.
			if stancegraph.ErrorCode(err) != stancegraph.EUNAVAILABLE {
				t.Errorf("cut after %s: error %v, want UNAVAILABLE", after, err)
			}
			t.Logf("cut after %s: %v; %d of %d positions in the graph", after, err, n, len(d.Positions))
		default:
			t.Fatalf("cut after %s: err=%v and %d of %d positions in the graph: a half-load", after, err, n, len(d.Positions))
		}
		storetest.MustLoad(t, base, d)
		if _, n, _ := base.FindPositions(context.Background(), stancegraph.PositionFilter{}); n != len(d.Positions) {
			t.Fatalf("the re-run loaded %d positions, want %d", n, len(d.Positions))
		}
	}
}
