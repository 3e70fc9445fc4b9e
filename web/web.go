// Package web embeds the stancegraph explorer and GraphiQL: single-page
// apps built from web/src and web/graphiql (npm run build) into web/dist
// and web/graphiql-dist, committed, so that `stancegraph serve` needs
// nothing but its binary to serve them, and no network.
package web

import (
	"embed"
	"io/fs"
	"net/http"
)

//go:embed dist
var dist embed.FS

//go:embed graphiql-dist
var graphiql embed.FS

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

// GraphiQL serves GraphiQL: its page at / and its assets under /graphiql/
// (the paths its index.html names). Mount it at the site root.
func GraphiQL() http.Handler {
	sub, err := fs.Sub(graphiql, "graphiql-dist")
	if err != nil {
		panic(err) // "graphiql-dist" is embedded above: cannot happen
	}
	files := http.StripPrefix("/graphiql", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if r.URL.Path == "/" {
			w.Header().Set("Cache-Control", "no-cache")
			http.ServeFileFS(w, r, sub, "index.html")
			return
		}
		files.ServeHTTP(w, r)
	})
}
