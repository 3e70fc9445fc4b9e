package resolvers

import (
	"sync"

	"github.com/stancegraph/stancegraph/graph/model"
)

// Broker fans position changes out to subscribers. A slow subscriber
// misses events rather than slowing curators down.
type Broker struct {
	mu   sync.Mutex
	subs map[chan *model.PositionChange]struct{}
}

// NewBroker returns a broker with no subscribers.
func NewBroker() *Broker { return &Broker{subs: map[chan *model.PositionChange]struct{}{}} }

// Subscribe returns a channel of changes and a function that ends the subscription.
func (b *Broker) Subscribe() (<-chan *model.PositionChange, func()) {
	ch := make(chan *model.PositionChange, 64)
	b.mu.Lock()
	b.subs[ch] = struct{}{}
	b.mu.Unlock()
	return ch, func() {
		b.mu.Lock()
		if _, ok := b.subs[ch]; ok {
			delete(b.subs, ch)
			close(ch)
		}
		b.mu.Unlock()
	}
}

// Publish sends a change to every subscriber that has room for it.
func (b *Broker) Publish(c *model.PositionChange) {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for ch := range b.subs {
		select {
		case ch <- c:
		default:
		}
	}
}
