// Package watch serves the live preview behind "ciclo watch": a small HTTP
// server whose single page shows a cycle's diagram, its lint findings and
// its critical moments, and redraws them in the open browser page whenever
// the cycle file is saved.
//
// # Design
//
// The package knows nothing of how a cycle is drawn or linted: a Builder,
// injected by the caller, turns the file's bytes into a Snapshot (the SVG,
// the findings, the critical moments, or the positioned errors of an
// invalid file). The Server watches the file's directory with fsnotify and
// filters events by name, so editors that save by writing a temporary file
// and renaming it over the original, or by deleting and recreating it, are
// followed; bursts of events are debounced. Every change that alters what
// the page shows bumps a version; each open page holds a Server-Sent Events
// stream (/events) and receives the new state as rendered HTML fragments,
// without reloading. When the file becomes invalid the last good diagram
// stays on screen, dimmed, under the positioned errors; when it is deleted
// the page says so; both recover when the file is fixed or recreated.
//
// The theme (default, print, contrast) and the view (cycle, journey,
// blueprint, ipa: the diagrams of ciclo render --view) are chosen per page:
// the page names them in its /events query (switched by links or the t and
// v keys), and the server builds the diagram in that look (builds are
// cached per file content and look).
//
// # Security
//
// The server is meant for loopback. It serves exactly three paths ("/",
// "/events", "/diagram.svg"), compared literally, so nothing else (no file,
// no directory, no path traversal) is reachable; any other path is 404 and
// any method but GET and HEAD is 405. Requests whose Host header is not the
// server's own address (localhost, 127.0.0.1 or [::1] with its port, or the
// address it listens on) are refused with 403, which defeats DNS
// rebinding. Every response carries a strict Content-Security-Policy: no
// external scripts, styles, fonts or images; the page's one inline script
// runs under a per-response nonce, and the page connects only to itself.
// An event stream (run by internal/sse, as the workshop's are) carries
// only the page's state; an idle one sends a comment every 20 s, so a dead
// connection is found by a failed write, and every stream ends when the
// page leaves or the server stops.
//
// # Trust boundary
//
// Everything that comes from the cycle file (title, names, messages, file
// names) is inserted through html/template and so escaped. The SVG is the
// one exception: it is inserted as markup, because it is the output of
// ciclo's own renderer, which escapes every text from the file (docs/rendering.md:
// nothing in a name can inject markup). The server adds nothing
// to it and sanitizes nothing in it; a Builder must therefore only ever
// return SVG produced by that renderer. As defence in depth, the CSP forbids
// inline event handlers and scripts without the nonce, so a script smuggled
// into the SVG would still not run.
package watch
