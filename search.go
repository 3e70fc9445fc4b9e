package stancegraph

import (
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"golang.org/x/text/unicode/norm"
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

// A searchWord is one word of a text: folded (lower case, accents
// removed), its English stem, and where it stands in the text (runes).
type searchWord struct {
	folded, stem string
	start        int
}

// SearchTerm is one word of a search: folded, its English stem, and
// whether it also matches as a prefix (the last word of a query that does
// not end with a space: "surveil" finds "surveillance").
type SearchTerm struct {
	Word, Stem string
	Prefix     bool
}

// ParseSearch analyses search text the way searchable fields are
// analysed (see searchWords). Only a last word of two runes or more is a
// prefix.
func ParseSearch(text string) []SearchTerm {
	words := searchWords(text)
	terms := make([]SearchTerm, len(words))
	for i, w := range words {
		terms[i] = SearchTerm{Word: w.folded, Stem: w.stem}
	}
	if n := len(terms); n > 0 && !strings.HasSuffix(text, " ") && utf8.RuneCountInString(terms[n-1].Word) >= 2 {
		terms[n-1].Prefix = true
	}
	return terms
}

// searchWords splits text into words of letters and digits, keeping a '.'
// or ',' between digits ("3.5"). An apostrophe splits a word ("d'Ivoire" is
// "d" and "ivoire", as "Cote d Ivoire" is) and a possessive "'s" is left
// out. Words are folded: lower case, accents and other marks removed, a
// few letters spelt out ("ß" → "ss"), so "Côte" is "cote".
func searchWords(text string) []searchWord {
	rs := []rune(text)
	var out []searchWord
	isWord := func(i int) bool {
		r := rs[i]
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			return true
		}
		return (r == '.' || r == ',') && i > 0 && i+1 < len(rs) && unicode.IsDigit(rs[i-1]) && unicode.IsDigit(rs[i+1])
	}
	emit := func(from, to int) {
		f := fold(rs[from:to])
		if f == "" || (f == "s" && from > 0 && isApostrophe(rs[from-1])) {
			return
		}
		out = append(out, searchWord{folded: f, stem: stem(f), start: from})
	}
	start := -1
	for i := range rs {
		if isWord(i) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			emit(start, i)
			start = -1
		}
	}
	if start >= 0 {
		emit(start, len(rs))
	}
	return out
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// spelt holds the letters that Unicode does not decompose into a base
// letter and a mark.
var spelt = map[rune]string{'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d", 'þ': "th", 'ı': "i"}

// fold lower-cases word and removes its accents: NFD, then marks dropped.
func fold(word []rune) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(string(word))) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case spelt[r] != "":
			b.WriteString(spelt[r])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// stems caches stem's answers: the vocabulary of a data set is small, and
// memstore analyses every searchable field on every search.
var stems = struct {
	sync.RWMutex
	m map[string]string
}{m: map[string]string{}}

// stem returns the Snowball (Porter 2) English stem of a folded word of
// ASCII letters ("rights" → "right", "surveillance" → "surveil"); other
// words are their own stem.
func stem(word string) string {
	for i := 0; i < len(word); i++ {
		if c := word[i]; c < 'a' || c > 'z' {
			return word
		}
	}
	stems.RLock()
	s, ok := stems.m[word]
	stems.RUnlock()
	if ok {
		return s
	}
	s = english.Stem(word, true)
	stems.Lock()
	if len(stems.m) < 1<<17 {
		stems.m[word] = s
	}
	stems.Unlock()
	return s
}

// matches reports whether a word of a field matches a search term: the
// same stem, or, for a prefix term, a folded word that starts with it.
func (t SearchTerm) matches(w searchWord) bool {
	return w.stem == t.Stem || (t.Prefix && strings.HasPrefix(w.folded, t.Word))
}

// SearchIndexText returns every folded word and stem of an object's
// searchable fields, once each, separated by spaces: what a store indexes
// to find, for any search, a superset of the objects MatchSearch matches
// (a word for prefixes, a stem for the rest).
func SearchIndexText(n Node) string {
	_, fields := SearchFields(n)
	seen := map[string]bool{}
	var out []string
	for _, f := range fields {
		for _, w := range searchWords(f.Text) {
			for _, s := range []string{w.folded, w.stem} {
				if !seen[s] {
					seen[s] = true
					out = append(out, s)
				}
			}
		}
	}
	return strings.Join(out, " ")
}

// MatchSearch scores an object against the query's terms: a field matches
// if every term matches one of its words (SearchTerm.matches); the
// object's score is its best field's weight × words matched / √(words in
// the field). ok is false if no field matches.
func MatchSearch(terms []SearchTerm, n Node) (hit *SearchHit, ok bool) {
	kind, fields := SearchFields(n)
	for _, f := range fields {
		words := searchWords(f.Text)
		if len(words) == 0 {
			continue
		}
		occ, first := 0, -1
		for i, t := range terms {
			found := 0
			for _, w := range words {
				if t.matches(w) {
					if found == 0 && i == 0 {
						first = w.start
					}
					found++
				}
			}
			if found == 0 {
				occ = -1
				break
			}
			occ += found
		}
		if occ <= 0 {
			continue
		}
		score := math.Round(f.Weight*float64(occ)/math.Sqrt(float64(len(words)))*1e6) / 1e6
		if hit == nil || score > hit.Score {
			hit = &SearchHit{Kind: kind, Node: n, Field: f.Name, Score: score, Snippet: snippet(f.Text, first)}
		}
	}
	return hit, hit != nil
}

// snippet returns about 160 characters of text around the rune at.
func snippet(text string, at int) string {
	rs := []rune(text)
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
