// Command soak is a bounded load test on loopback: C clients for D seconds
// against an in-process stancegraph server on the embedded store (journal
// and API keys included), mixing the researchers' read queries with
// curators' mutations. It fails on any error and reports throughput,
// latency and the heap over time, so a leak shows as growth beyond the
// data the mutations add.
//
// With -hostile N, N more clients send the requests of the hostile review
// meanwhile (a fragment fan-out, nested lists, twenty centralities, forty
// agreement matrices, a body of 20,000 subscriptions on one websocket):
// each must be refused, never a 5xx, while the well-behaved clients keep
// zero errors and the heap stays flat.
//
//	go run ./bench/soak -clients 32 -duration 60s
//	go run ./bench/soak -clients 16 -hostile 4 -duration 60s
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/stancegraph/stancegraph/auth"
	"github.com/stancegraph/stancegraph/data"
	"github.com/stancegraph/stancegraph/journal"
	"github.com/stancegraph/stancegraph/loaders"
	"github.com/stancegraph/stancegraph/memstore"
	"github.com/stancegraph/stancegraph/server"
)

const seedURL = "https://www.infosecurity-magazine.com/news-features/un-cybercrime-treaty-negotiations/"

var reads = []string{
	`{ article(number: 5) { positions(stance: OPPOSES) { actor { name } quote source { url } } } }`,
	`{ actors(name: "microsoft") { name positions { stance quote source { url } } } }`,
	`{ articles { id stanceCounts { stance count } } }`,
	`{ positions(filter: {stances: [OPPOSES]}, first: 20) { totalCount edges { node { actor { name } article { title } } } } }`,
	`{ search(text: "human rights", first: 5) { kind snippet } }`,
	`{ agreement(a: "USA", b: "RUS") { score overlap } }`,
	`{ actor(id: "IRN") { positions(includeRepresented: true) { id stance } } }`,
}

func main() {
	clients := flag.Int("clients", 32, "concurrent clients")
	duration := flag.Duration("duration", 60*time.Second, "how long to run (bounded)")
	writeEvery := flag.Int("write-every", 10, "one request in N is a mutation")
	hostile := flag.Int("hostile", 0, "clients sending hostile requests meanwhile")
	flag.Parse()
	if err := run(*clients, *hostile, *duration, *writeEvery); err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(1)
	}
}

func run(clients, hostile int, duration time.Duration, writeEvery int) error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "stancegraph-soak")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	s := memstore.New()
	if _, err := loaders.Load(ctx, s, data.FS); err != nil {
		return err
	}
	j, _, err := journal.Open(ctx, s, filepath.Join(dir, "journal"))
	if err != nil {
		return err
	}
	defer j.Close(ctx)
	ks, _ := auth.Open(filepath.Join(dir, "keys.json"))
	key, _, err := ks.Add(auth.RoleCurator, "soak")
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: server.New(j, server.Options{Keys: ks, ResponseCache: 1000})}
	go srv.Serve(ln)
	defer srv.Close()
	url := "http://" + ln.Addr().String() + "/graphql"
	tr := &http.Transport{MaxIdleConnsPerHost: clients}
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}

	var requests, writes, failures atomic.Int64
	var mu sync.Mutex
	var lat []time.Duration
	var heaps []string
	deadline := time.Now().Add(duration)
	stop := make(chan struct{})
	go sampleHeap(stop, &mu, &heaps)
	var wg sync.WaitGroup
	var refused, hostileFailures atomic.Int64
	for h := 0; h < hostile; h++ {
		wg.Add(1)
		go func(h int) {
			defer wg.Done()
			for i := 0; time.Now().Before(deadline); i++ {
				var err error
				if k := (h + i) % (len(hostileQueries) + 1); k < len(hostileQueries) {
					err = refusedPost(client, url, hostileQueries[k])
				} else {
					err = subscribeFlood(ln.Addr().String(), 20000)
				}
				if err != nil {
					if hostileFailures.Add(1) <= 5 {
						fmt.Fprintln(os.Stderr, "hostile request not refused:", err)
					}
				} else {
					refused.Add(1)
				}
			}
		}(h)
	}
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			var mine []time.Duration
			for i := 0; time.Now().Before(deadline); i++ {
				q, auth, vars := reads[(c+i)%len(reads)], "", map[string]any(nil)
				if i%writeEvery == writeEvery-1 {
					// As a client would: one mutation text, the values as variables.
					n := writes.Add(1)
					q, auth, vars = mutation, key, map[string]any{"id": fmt.Sprintf("pos-soak-%d", n), "quote": fmt.Sprintf("soak %d", n)}
				}
				start := time.Now()
				if err := post(client, url, q, vars, auth); err != nil {
					if failures.Add(1) <= 5 {
						fmt.Fprintln(os.Stderr, "error:", err)
					}
				}
				mine = append(mine, time.Since(start))
				requests.Add(1)
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}(c)
	}
	wg.Wait()
	close(stop)
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[int(p*float64(len(lat)-1))] }
	fmt.Printf("clients %d, %s: %d requests (%d mutations), %.0f req/s, p50 %s, p99 %s, errors %d\n",
		clients, duration, requests.Load(), writes.Load(), float64(requests.Load())/duration.Seconds(),
		pct(0.5).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), failures.Load())
	fmt.Println("heap in use after GC, every 5 s:", heaps)
	if hostile > 0 {
		fmt.Printf("hostile clients %d: %d requests refused, %d not refused\n", hostile, refused.Load(), hostileFailures.Load())
	}
	if failures.Load() > 0 || hostileFailures.Load() > 0 {
		return fmt.Errorf("%d requests failed, %d hostile requests not refused", failures.Load(), hostileFailures.Load())
	}
	return nil
}

const mutation = `mutation($id: ID!, $quote: String) { upsertPosition(input: {id: $id, actor: "IRN", topics: ["scope"], stance: OPPOSES,
	quote: $quote, sourceUrls: ["` + seedURL + `"], verification: UNVERIFIED}) { revision { version } } }`

func post(c *http.Client, url, q string, vars map[string]any, key string) error {
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	res, err := c.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		return err
	}
	if res.StatusCode != 200 || bytes.Contains(raw, []byte(`"errors"`)) {
		return fmt.Errorf("status %d: %.300s", res.StatusCode, raw)
	}
	return nil
}

func sampleHeap(stop <-chan struct{}, mu *sync.Mutex, heaps *[]string) {
	t := time.NewTicker(5 * time.Second)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			mu.Lock()
			*heaps = append(*heaps, fmt.Sprintf("%.1fMiB", float64(m.HeapInuse)/(1<<20)))
			mu.Unlock()
		}
	}
}
