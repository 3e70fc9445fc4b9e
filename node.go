package stancegraph

// Node is anything with a stable, globally unique ID: the Go side of the
// GraphQL Node interface (Global Object Identification).
type Node interface {
	NodeID() string
}

// ActorNode is the Go side of the GraphQL Actor interface: an Actor seen
// as its concrete type. Use Actor.Node to get one.
type ActorNode interface {
	Node
	Base() *Actor
}

// State, Organization, Group and Person are typed views of an Actor, so that
// GraphQL can tell the concrete types apart while stores keep one struct.
type (
	State        struct{ *Actor }
	Organization struct{ *Actor }
	Group        struct{ *Actor }
	Person       struct{ *Actor }
)

// Node returns the actor as its concrete type; nil for a nil actor.
func (a *Actor) Node() ActorNode {
	if a == nil {
		return nil
	}
	switch a.Type {
	case ActorState:
		return &State{a}
	case ActorOrganization:
		return &Organization{a}
	case ActorGroup:
		return &Group{a}
	default:
		return &Person{a}
	}
}

// NodeID implements Node.
func (a *Actor) NodeID() string { return a.ID }

// Base returns the underlying Actor.
func (a *Actor) Base() *Actor { return a }

// NodeID implements Node.
func (i *Instrument) NodeID() string { return i.ID }

// NodeID implements Node.
func (a *Article) NodeID() string { return a.ID }

// NodeID implements Node.
func (s *Session) NodeID() string { return s.ID }

// NodeID implements Node.
func (t *Topic) NodeID() string { return t.ID }

// NodeID implements Node.
func (s *Source) NodeID() string { return s.ID }

// NodeID implements Node.
func (p *Position) NodeID() string { return p.ID }
