package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"time"
)

// Peer is the @neo4j/graphql server (bench/peer/server.mjs), a Node child
// process on the same Neo4j.
type Peer struct {
	URL  string
	cmd  *exec.Cmd
	done chan struct{}
}

// Stop ends the peer's process (and only it).
func (p *Peer) Stop() {
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
}

func startPeer(ctx context.Context, o *Options) (*Peer, error) {
	dir, err := filepath.Abs(o.PeerDir)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@neo4j", "graphql")); err != nil {
		return nil, fmt.Errorf("%s has no node_modules: run `npm ci --prefix %s`", dir, o.PeerDir)
	}
	if _, err := exec.LookPath("node"); err != nil {
		return nil, errors.New("node is not installed")
	}
	cmd := exec.Command("node", "server.mjs")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NEO4J_URI="+o.Neo4jURI, "NEO4J_USERNAME="+o.Neo4jUser, "NEO4J_PASSWORD="+o.Neo4jPass, "PORT=0")
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &Peer{cmd: cmd, done: make(chan struct{})}
	urlc := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "listening "); ok {
				urlc <- u
			}
		}
	}()
	go func() { _ = cmd.Wait(); close(p.done) }()
	select {
	case p.URL = <-urlc:
		return p, nil
	case <-p.done:
		return nil, errors.New("the peer exited during start-up (its errors are above)")
	case <-time.After(60 * time.Second):
		p.Stop()
		return nil, errors.New("the peer did not start within 60s")
	case <-ctx.Done():
		p.Stop()
		return nil, ctx.Err()
	}
}

// peerQuery is one question of the set as the peer asks it.
type peerQuery struct {
	Text string
	Note string
	// roots renames the peer's root fields to ours; first takes the
	// first element of a root list where ours is one object.
	roots map[string]string
	first bool
}

// Single relationships come back as lists from @neo4j/graphql 7.
var singular = map[string]bool{"actor": true, "speaker": true, "article": true, "session": true, "instrument": true, "organization": true}

var peerQueries = map[string]peerQuery{
	"opposes": {
		Text: `{ articles(where: {number: {eq: 5}, instrument: {some: {isDefault: {eq: true}}}}) { id number title status chapter note verification
			positions: positionsWithCorresponding(stances: ["OPPOSES"]) { id kind actor { __typename id name } stance stanceText quote date paragraph verification verifiedText note
				source { id title url publisher class date note } sources { url } article { id number instrument { id } } } } }`,
		Note:  "default instrument by a relationship filter; positions with other versions, primary source and ordered sources by @cypher fields",
		roots: map[string]string{"articles": "article"}, first: true,
	},
	"microsoft": {
		Text: `{ actorsByName(name: "microsoft") { __typename id name aliases type ... on Organization { kind url people(sort: [{name: ASC}, {id: ASC}]) { name role organization { id } } }
			positions(sort: [{date: ASC}, {id: ASC}]) { article { number title } topic topics { id name description } stance quote speaker { name } source { url } } stanceCounts { stance count } } }`,
		Note:  "case-insensitive name search, first topic, topics in order and stance counts by @cypher fields",
		roots: map[string]string{"actorsByName": "actors"},
	},
	"stanceCounts": {
		Text:  `{ articles(sort: [{instrumentId: ASC}, {number: ASC}]) { id stanceCounts { stance count } } }`,
		Note:  "stance counts (with other versions) by a @cypher field",
		roots: map[string]string{"articles": "articles"},
	},
	"nested": {
		Text: `{ organizations(sort: [{name: ASC}, {id: ASC}], limit: 10) { name people(sort: [{name: ASC}, {id: ASC}]) { name }
			positions(sort: [{date: ASC}, {id: ASC}]) { stance quote sources { url } topics { name } session { name }
				article { title instrument { title } positions: positionsWithCorresponding(stances: ["OPPOSES", "SUPPORTS"]) { stance actor { name } } } } } }`,
		Note:  "other versions' positions, ordered sources and topics by @cypher fields",
		roots: map[string]string{"organizations": "actors"},
	},
}

// same compares the peer's answer with ours: both decoded, "" read as
// null, the peer's single relationships unwrapped and its root fields
// renamed.
func (pq peerQuery) same(want, got []byte) error {
	var w, g struct {
		Data   map[string]any `json:"data"`
		Errors any            `json:"errors"`
	}
	if err := json.Unmarshal(want, &w); err != nil {
		return err
	}
	if err := json.Unmarshal(got, &g); err != nil {
		return fmt.Errorf("the peer's answer is not JSON: %.300s", got)
	}
	if g.Errors != nil {
		return fmt.Errorf("the peer answered errors: %.500s", got)
	}
	data := map[string]any{}
	for k, v := range g.Data {
		if r, ok := pq.roots[k]; ok {
			k = r
		}
		if xs, ok := v.([]any); ok && pq.first {
			if len(xs) == 0 {
				v = nil
			} else {
				v = xs[0]
			}
		}
		data[k] = unwrap(v)
	}
	wn, gn := normalise(w.Data), normalise(data)
	if !reflect.DeepEqual(wn, gn) {
		wb, _ := json.Marshal(wn)
		gb, _ := json.Marshal(gn)
		i := 0
		for i < len(wb) && i < len(gb) && wb[i] == gb[i] {
			i++
		}
		return fmt.Errorf("answers differ at byte %d of the normalised JSON:\n ours: …%.300s\n peer: …%.300s", i, wb[max(0, i-100):], gb[max(0, i-100):])
	}
	return nil
}

func unwrap(v any) any {
	switch v := v.(type) {
	case []any:
		for i, x := range v {
			v[i] = unwrap(x)
		}
	case map[string]any:
		for k, x := range v {
			if xs, ok := x.([]any); ok && singular[k] {
				switch len(xs) {
				case 0:
					x = nil
				case 1:
					x = xs[0]
				}
			}
			v[k] = unwrap(x)
		}
	}
	return v
}
