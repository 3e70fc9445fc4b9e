package stancegraph

import (
	"math"
	"strings"
	"unicode"
)

// SearchQuery is a full-text search over quotes, titles and names.
type SearchQuery struct {
	Text  string
	Kinds []string // ACTOR, ARTICLE, INSTRUMENT, SOURCE, POSITION; empty: all
	Limit int
}

// SearchKinds lists the kinds of object search returns.
var SearchKinds = []string{"ACTOR", "ARTICLE", "INSTRUMENT", "SOURCE", "POSITION"}

// SearchHit is one object matching a search, with the field that matched
// and a snippet of it around the first matching word.
type SearchHit struct {
	Kind    string
	Node    Node
	Field   string
	Score   float64
	Snippet string
}

// SearchField is one searchable text of an object, with its weight.
type SearchField struct {
	Name   string
	Text   string
	Weight float64
}

// SearchFields returns the searchable fields of an object: names and
// aliases of actors, titles of articles, instruments and sources, quotes
// and stance wordings of positions.
func SearchFields(n Node) (kind string, fields []SearchField) {
	switch v := n.(type) {
	case *Actor:
		return "ACTOR", []SearchField{{"name", v.Name, 3}, {"aliases", strings.Join(v.Aliases, " ; "), 2}}
	case *Article:
		return "ARTICLE", []SearchField{{"title", v.Title, 3}}
	case *Instrument:
		return "INSTRUMENT", []SearchField{{"title", v.Title, 3}, {"shortTitle", v.ShortTitle, 3}, {"symbol", v.Symbol, 3}}
	case *Source:
		return "SOURCE", []SearchField{{"title", v.Title, 2}, {"publisher", v.Publisher, 1}}
	case *Position:
		return "POSITION", []SearchField{{"quote", v.Quote, 1}, {"stanceText", v.StanceText, 1}}
	}
	return "", nil
}

// Tokenize splits text into lower-cased words the way Lucene's standard
// analyzer does for the text we hold: letters and digits, keeping an
// apostrophe or a '.' between letters ("d'ivoire", "i.e") and a '.' or ','
// between digits ("3.5"), so that both backends match the same words.
func Tokenize(text string) []string {
	var out []string
	rs := []rune(strings.ToLower(text))
	start := -1
	isWord := func(i int) bool {
		r := rs[i]
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
		if i == 0 || i+1 >= len(rs) {
			return false
		}
		prev, next := rs[i-1], rs[i+1]
		if (r == '\'' || r == '’') && unicode.IsLetter(prev) && unicode.IsLetter(next) {
			return true
		}
		if r == '.' && unicode.IsLetter(prev) && unicode.IsLetter(next) {
			return true // "i.e" is one word, as Lucene's standard tokenizer has it
		}
		return (r == '.' || r == ',') && unicode.IsDigit(prev) && unicode.IsDigit(next)
	}
	for i := range rs {
		if isWord(i) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			out = append(out, string(rs[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, string(rs[start:]))
	}
	return out
}

// MatchSearch scores an object against the query's words: a field matches
// if it contains every word; the object's score is its best field's
// weight × occurrences of the words / √(words in the field). ok is false if
// no field matches.
func MatchSearch(terms []string, n Node) (hit *SearchHit, ok bool) {
	kind, fields := SearchFields(n)
	for _, f := range fields {
		words := Tokenize(f.Text)
		if len(words) == 0 {
			continue
		}
		count := map[string]int{}
		for _, w := range words {
			count[w]++
		}
		occ := 0
		for _, t := range terms {
			if count[t] == 0 {
				occ = -1
				break
			}
			occ += count[t]
		}
		if occ <= 0 {
			continue
		}
		score := math.Round(f.Weight*float64(occ)/math.Sqrt(float64(len(words)))*1e6) / 1e6
		if hit == nil || score > hit.Score {
			hit = &SearchHit{Kind: kind, Node: n, Field: f.Name, Score: score, Snippet: snippet(f.Text, terms[0])}
		}
	}
	return hit, hit != nil
}

// snippet returns about 160 characters of text around the first word equal to term.
func snippet(text, term string) string {
	rs := []rune(text)
	lower := []rune(strings.ToLower(text))
	at := 0
	for i := 0; i+len([]rune(term)) <= len(lower); i++ {
		if string(lower[i:i+len([]rune(term))]) == term && (i == 0 || !unicode.IsLetter(lower[i-1])) {
			at = i
			break
		}
	}
	from, to := max(0, at-60), min(len(rs), at+100)
	s := strings.TrimSpace(string(rs[from:to]))
	if from > 0 {
		s = "…" + s
	}
	if to < len(rs) {
		s += "…"
	}
	return s
}

// CompareHits orders hits by score, then kind, then id.
func CompareHits(a, b *SearchHit) int {
	switch {
	case a.Score != b.Score:
		if a.Score > b.Score {
			return -1
		}
		return 1
	case a.Kind != b.Kind:
		return strings.Compare(a.Kind, b.Kind)
	}
	return strings.Compare(a.Node.NodeID(), b.Node.NodeID())
}
