// Package web embeds the stancegraph explorer: a single-page app built
// from web/src (npm run build) into web/dist, committed, so that
// `stancegraph serve` needs nothing but its binary to serve it.
package web

import (
	"embed"
	"io/fs"
	"net/http"
)

//go:embed dist
var dist embed.FS

// FS is the built explorer: index.html and its assets.
func FS() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // "dist" is embedded above: cannot happen
	}
	return sub
}

// Handler serves the explorer's files; mount it with the path prefix
// stripped (http.StripPrefix("/explorer", web.Handler())).
func Handler() http.Handler {
	files := http.FileServerFS(FS())
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if r.URL.Path == "/" || r.URL.Path == "/index.html" {
			w.Header().Set("Cache-Control", "no-cache")
		}
		files.ServeHTTP(w, r)
	})
}
