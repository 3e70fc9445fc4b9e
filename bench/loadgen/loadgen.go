// Package loadgen is a closed-loop load generator for loopback benchmarks:
// N clients each send one request, wait for its answer, check it and send
// the next, for a fixed, bounded duration or number of requests. It records
// every latency (a sorted slice: exact percentiles, no histogram error) and
// checks every answer against a reference, so a figure never counts wrong
// answers as throughput.
package loadgen

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"sync"
	"time"
)

// MaxDuration bounds every run, whatever the configuration says.
const MaxDuration = 2 * time.Minute

// Config describes one run.
type Config struct {
	// URL receives POSTs of Body with ContentType (default application/json),
	// unless Do is set.
	URL         string
	Body        []byte
	ContentType string
	// Do, if set, replaces the HTTP request: one call is one request, its
	// result the answer checked (for clients that are not HTTP, e.g. the
	// Neo4j driver).
	Do func(ctx context.Context) ([]byte, error)
	// Clients is the number of concurrent closed-loop clients (default 1).
	Clients int
	// Duration of the measured part (default 10 s, at most MaxDuration).
	Duration time.Duration
	// Requests, if > 0, stops the run after that many measured requests
	// (whichever of Duration and Requests comes first).
	Requests int
	// Warmup runs before measuring, with the same clients (default 0).
	Warmup time.Duration
	// Check validates an answer; nil accepts any 2xx answer. Equal(want)
	// requires the exact bytes.
	Check func(body []byte) error
}

// Result is what a run measured.
type Result struct {
	Clients    int           `json:"clients"`
	Requests   int           `json:"requests"` // answered and correct
	Errors     int           `json:"errors"`   // failed or wrong
	FirstError string        `json:"firstError,omitempty"`
	Elapsed    time.Duration `json:"elapsedNs"`
	RPS        float64       `json:"rps"`
	P50        time.Duration `json:"p50Ns"`
	P90        time.Duration `json:"p90Ns"`
	P99        time.Duration `json:"p99Ns"`
	Max        time.Duration `json:"maxNs"`
	Mean       time.Duration `json:"meanNs"`
	Bytes      int           `json:"bytes"` // size of the last answer
}

// Equal returns a Check that requires the answer to be exactly want.
func Equal(want []byte) func([]byte) error {
	return func(got []byte) error {
		if !bytes.Equal(got, want) {
			return fmt.Errorf("answer differs from the reference (%d bytes vs %d): %.200s", len(got), len(want), got)
		}
		return nil
	}
}

// NewClient returns an HTTP client for n concurrent clients on loopback:
// keep-alive, one idle connection per client.
func NewClient(n int) *http.Client {
	t := &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        n + 8,
		MaxIdleConnsPerHost: n + 8,
		MaxConnsPerHost:     0,
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true,
	}
	return &http.Client{Transport: t, Timeout: 30 * time.Second}
}

// Post sends body to url once and returns the answer's body; a non-2xx
// status is an error.
func Post(ctx context.Context, c *http.Client, url, contentType string, body []byte) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	if contentType == "" {
		contentType = "application/json"
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Accept", "application/graphql-response+json, application/json")
	res, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	if res.StatusCode/100 != 2 {
		return out, fmt.Errorf("status %d: %.200s", res.StatusCode, out)
	}
	return out, nil
}

// Run runs the load described by c until its duration or request count is
// reached, or ctx ends.
func Run(ctx context.Context, c Config) (Result, error) {
	if c.Clients < 1 {
		c.Clients = 1
	}
	if c.Duration <= 0 {
		c.Duration = 10 * time.Second
	}
	c.Duration = min(c.Duration, MaxDuration)
	c.Warmup = min(c.Warmup, MaxDuration)
	do := c.Do
	if do == nil {
		if c.URL == "" {
			return Result{}, errors.New("loadgen: neither URL nor Do is set")
		}
		hc := NewClient(c.Clients)
		defer hc.CloseIdleConnections()
		do = func(ctx context.Context) ([]byte, error) { return Post(ctx, hc, c.URL, c.ContentType, c.Body) }
	}
	if c.Warmup > 0 {
		// A warm-up too short for a slow request is no failure; a wrong
		// answer is.
		if w, _ := run(ctx, c.Clients, c.Warmup, 0, do, c.Check); w.Errors > 0 {
			return w, fmt.Errorf("loadgen: warm-up: %d errors; first: %s", w.Errors, w.FirstError)
		}
	}
	return run(ctx, c.Clients, c.Duration, c.Requests, do, c.Check)
}

func run(ctx context.Context, clients int, d time.Duration, limit int, do func(context.Context) ([]byte, error), check func([]byte) error) (Result, error) {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var (
		mu       sync.Mutex
		all      []time.Duration
		errs     int
		firstErr string
		last     int
		issued   int
		wg       sync.WaitGroup
	)
	// take reserves one request of the limit; false when it is reached.
	take := func() bool {
		if limit <= 0 {
			return true
		}
		mu.Lock()
		defer mu.Unlock()
		if issued >= limit {
			return false
		}
		issued++
		return true
	}
	start := time.Now()
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lat := make([]time.Duration, 0, 4096)
			var e int
			var fe string
			size := 0
			for ctx.Err() == nil && take() {
				t0 := time.Now()
				body, err := do(ctx)
				el := time.Since(t0)
				if err == nil && check != nil {
					err = check(body)
				}
				if ctx.Err() != nil && err != nil {
					break // cut off by the end of the run: not an error
				}
				if err != nil {
					e++
					if fe == "" {
						fe = err.Error()
					}
					continue
				}
				size = len(body)
				lat = append(lat, el)
			}
			mu.Lock()
			all = append(all, lat...)
			errs += e
			if firstErr == "" {
				firstErr = fe
			}
			if size > 0 {
				last = size
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	r := Result{Clients: clients, Requests: len(all), Errors: errs, FirstError: firstErr, Elapsed: elapsed, Bytes: last}
	if len(all) == 0 {
		if errs > 0 {
			return r, fmt.Errorf("loadgen: no correct answer in %s (%d errors; first: %s)", elapsed.Round(time.Millisecond), errs, firstErr)
		}
		return r, fmt.Errorf("loadgen: no answer in %s", elapsed.Round(time.Millisecond))
	}
	slices.Sort(all)
	var sum time.Duration
	for _, l := range all {
		sum += l
	}
	r.RPS = float64(len(all)) / elapsed.Seconds()
	r.P50, r.P90, r.P99, r.Max = Percentile(all, 50), Percentile(all, 90), Percentile(all, 99), all[len(all)-1]
	r.Mean = sum / time.Duration(len(all))
	return r, nil
}

// Percentile returns the p-th percentile (nearest rank) of sorted latencies.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*p/100+0.999999) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}
