package stancegraph

import (
	"strings"
)

// enumValue is implemented by the string enums of the domain, so that one
// set of helpers validates, parses and marshals them all.
type enumValue interface {
	~string
}

// parseEnum maps a spreadsheet value such as "supports" or "Asia-Pacific"
// to the enum constant whose normalized form matches. The normalization
// upper-cases and turns spaces and dashes into underscores.
func parseEnum[T enumValue](s string, all []T) (T, bool) {
	n := normalizeEnum(s)
	for _, v := range all {
		if string(v) == n {
			return v, true
		}
	}
	var zero T
	return zero, false
}

func normalizeEnum(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	return strings.NewReplacer(" ", "_", "-", "_", "/", "_").Replace(s)
}

// enumList renders the allowed values for error messages, lower-cased as a
// spreadsheet user writes them.
func enumList[T enumValue](all []T) string {
	out := make([]string, len(all))
	for i, v := range all {
		out[i] = strings.ToLower(string(v))
	}
	return strings.Join(out, ", ")
}
