package server_test

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/stancegraph/stancegraph/server"
)

// TestGraphiQLOffline checks that / serves the embedded GraphiQL: every
// script and stylesheet the page names comes from this server, and none of
// the served files names a CDN.
func TestGraphiQLOffline(t *testing.T) {
	base := strings.TrimSuffix(newServer(t, server.Options{}), "/graphql")
	get := func(path string) string {
		t.Helper()
		res, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", path, res.StatusCode)
		}
		return string(b)
	}
	page := get("/")
	refs := regexp.MustCompile(`(?:src|href)="([^"]+)"`).FindAllStringSubmatch(page, -1)
	if len(refs) < 2 {
		t.Fatalf("the page names %d assets: %s", len(refs), page)
	}
	cdn := regexp.MustCompile(`unpkg\.com|jsdelivr|esm\.sh|cdnjs|googleapis|cdn\.`)
	for _, m := range refs {
		ref := m[1]
		if ref == "data:," || ref == "/explorer/" {
			continue
		}
		if !strings.HasPrefix(ref, "/") || strings.HasPrefix(ref, "//") {
			t.Fatalf("the page loads %s from elsewhere", ref)
		}
		if body := get(ref); cdn.MatchString(body) {
			t.Fatalf("%s names a CDN: %s", ref, cdn.FindString(body))
		}
	}
	if cdn.MatchString(page) {
		t.Fatalf("the page names a CDN: %s", page)
	}
}
