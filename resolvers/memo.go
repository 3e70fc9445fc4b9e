package resolvers

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"sync"
)

// Memo keeps the results of expensive analytics (blocs, centrality, ...)
// for as long as the data does not change: Gen returns a number every
// write moves on, and a change of it empties the memo. A nil *Memo keeps
// nothing (with Neo4j, where other servers' writes go unseen).
type Memo struct {
	Gen func() uint64
	mu  sync.Mutex
	gen uint64
	m   map[string]any
}

// maxMemo bounds the number of results kept.
const maxMemo = 256

// memoDo returns the kept result for (kind, args), or computes it (see
// shared) and keeps it.
func memoDo[T any](ctx context.Context, r *Resolver, kind string, args any, f func(context.Context) (T, error)) (T, error) {
	return memoized(r.Memo, kind, args, func() (T, error) { return shared(ctx, r, kind, args, f) })
}

// memoized returns the kept result for (kind, args) or computes and keeps it.
func memoized[T any](m *Memo, kind string, args any, f func() (T, error)) (T, error) {
	if m == nil || m.Gen == nil {
		return f()
	}
	b, _ := json.Marshal(args)
	key := kind + string(b)
	gen := m.Gen()
	m.mu.Lock()
	if m.gen != gen || m.m == nil || len(m.m) >= maxMemo {
		m.gen, m.m = gen, map[string]any{}
	}
	if v, ok := m.m[key].(T); ok {
		m.mu.Unlock()
		return v, nil
	}
	m.mu.Unlock()
	v, err := f()
	if err == nil && m.Gen() == gen {
		m.mu.Lock()
		if m.gen == gen {
			m.m[key] = v
		}
		m.mu.Unlock()
	}
	return v, err
}

// heavySlots bounds the analytics computed at once in the process, so
// they cannot take more than that many cores whatever is asked.
var heavySlots = make(chan struct{}, max(runtime.GOMAXPROCS(0), 1))

// flights are the analytics being computed. A computation is shared by
// every caller asking the same thing meanwhile (aliases in one request,
// or concurrent requests), runs detached from them in a slot of
// heavySlots, and is skipped if all its callers gave up before it got a
// slot. Each caller waits at most until its own deadline.
type flights struct {
	mu sync.Mutex
	m  map[string]*flight
}

type flight struct {
	done    chan struct{}
	waiters int
	v       any
	err     error
}

func shared[T any](ctx context.Context, r *Resolver, kind string, args any, f func(context.Context) (T, error)) (T, error) {
	b, _ := json.Marshal(args)
	key := kind + string(b)
	if r.Memo != nil && r.Memo.Gen != nil {
		key = fmt.Sprint(r.Memo.Gen()) + ":" + key // never shared across a write
	}
	fs := &r.flights
	fs.mu.Lock()
	if fs.m == nil {
		fs.m = map[string]*flight{}
	}
	fl, ok := fs.m[key]
	if !ok {
		fl = &flight{done: make(chan struct{})}
		fs.m[key] = fl
		go fs.run(key, fl, context.WithoutCancel(ctx), func(ctx context.Context) (any, error) { return f(ctx) })
	}
	fl.waiters++
	fs.mu.Unlock()
	var zero T
	select {
	case <-fl.done:
		if fl.err != nil {
			return zero, fl.err
		}
		return fl.v.(T), nil
	case <-ctx.Done():
		fs.mu.Lock()
		fl.waiters--
		fs.mu.Unlock()
		return zero, ctx.Err()
	}
}

func (fs *flights) run(key string, fl *flight, ctx context.Context, f func(context.Context) (any, error)) {
	heavySlots <- struct{}{}
	defer func() { <-heavySlots }()
	fs.mu.Lock()
	abandoned := fl.waiters == 0
	fs.mu.Unlock()
	if abandoned {
		fl.err = context.Canceled
	} else {
		fl.v, fl.err = protect(ctx, f)
	}
	fs.mu.Lock()
	delete(fs.m, key)
	fs.mu.Unlock()
	close(fl.done)
}

// protect runs f, turning a panic into an error: f runs on a goroutine
// of its own, where gqlgen's recovery does not reach.
func protect(ctx context.Context, f func(context.Context) (any, error)) (v any, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = Recover(ctx, p)
		}
	}()
	return f(ctx)
}
