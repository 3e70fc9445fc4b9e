package resolvers

import (
	"encoding/json"
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

// do returns the kept result for (kind, args) or computes and keeps it.
func memoDo[T any](m *Memo, kind string, args any, f func() (T, error)) (T, error) {
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
