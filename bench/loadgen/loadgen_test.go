package loadgen

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

func TestRunCountsAndChecks(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1)%10 == 0 {
			_, _ = w.Write([]byte("wrong"))
			return
		}
		_, _ = w.Write([]byte("right"))
	}))
	defer srv.Close()
	r, err := Run(context.Background(), Config{URL: srv.URL, Clients: 4, Requests: 200, Duration: 10 * time.Second, Check: Equal([]byte("right"))})
	if err != nil {
		t.Fatal(err)
	}
	if r.Requests+r.Errors != 200 || r.Errors != 20 || r.P50 <= 0 || r.P99 < r.P50 || r.RPS <= 0 {
		t.Fatalf("result %+v", r)
	}
}

func TestRunBounded(t *testing.T) {
	start := time.Now()
	r, err := Run(context.Background(), Config{Do: func(ctx context.Context) ([]byte, error) {
		select {
		case <-time.After(time.Millisecond):
			return []byte("ok"), nil
		case <-ctx.Done():
			return nil, errors.New("cut off")
		}
	}, Clients: 2, Duration: 200 * time.Millisecond})
	if err != nil || r.Errors != 0 || time.Since(start) > 2*time.Second {
		t.Fatalf("%+v %v after %s", r, err, time.Since(start))
	}
}

func TestPercentile(t *testing.T) {
	xs := []time.Duration{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	if Percentile(xs, 50) != 5 || Percentile(xs, 99) != 10 || Percentile(xs, 10) != 1 {
		t.Fatal(Percentile(xs, 50), Percentile(xs, 99))
	}
}
