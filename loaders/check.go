package loaders

import (
	"strings"

	"github.com/stancegraph/stancegraph"
)

// id checks an identifier column: letters, digits, '.', '_', ':' and '-'.
func (r *row) id(c string) string {
	v := r.required(c)
	if v != "" && !stancegraph.ValidID(v) {
		r.fail(c, "%q is not a valid id (letters, digits, '.', '_', ':', '-'; no spaces)", v)
	}
	return v
}

// date checks an optional YYYY, YYYY-MM or YYYY-MM-DD column.
func (r *row) date(c string) string {
	v := r.get(c)
	if v != "" && !stancegraph.ValidDate(v) {
		r.fail(c, "%q is not a date (want YYYY-MM-DD, YYYY-MM or YYYY)", v)
	}
	return v
}

// urls checks a `;`-separated list of http(s) URLs.
func (r *row) urls(c string, required bool) []string {
	us := r.list(c)
	if required && len(us) == 0 {
		r.fail(c, "is required: every fact needs a source")
	}
	for _, u := range us {
		if !stancegraph.ValidURL(u) {
			r.fail(c, "%q is not an http(s) URL", u)
		}
	}
	return us
}

// oneOf checks that the column holds one of the allowed values (case-insensitive,
// spaces and dashes as underscores) and returns it upper-cased.
func (r *row) oneOf(c string, allowed []string, required bool) string {
	v := r.get(c)
	if v == "" {
		if required {
			r.fail(c, "is required")
		}
		return ""
	}
	n := strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToUpper(v))
	for _, a := range allowed {
		if a == n {
			return a
		}
	}
	r.fail(c, "unknown value %q (want one of %s)", v, strings.ToLower(strings.Join(allowed, ", ")))
	return ""
}
