// Package workshop serves "ciclo workshop": live scoring of a cycle's
// moments by the people in a room, from their phones, with the map redrawn
// from the room's scores on the facilitator's screen.
//
// # Design
//
// A Server holds one session: the file's parsed cycle, the participants,
// their latest rating of each moment, their dots on the improvements, and
// the round (lobby, scoring, voting, closed; the room's scores and the dot
// tallies each revealed or not). The session is what the journal's
// records add up to: every change is appended to the journal and synced
// to disk before it is applied and acknowledged, and New replays an
// existing journal, so a restarted workshop resumes where it stopped. Appends are group-committed: one
// writer goroutine writes every record waiting and syncs once. Each answer
// carries the phone's id for it; an id already accepted is acknowledged
// again without being counted, so retries are harmless.
//
// The facilitator's page follows the session over Server-Sent Events
// (/f/events), at most every 100 ms, as HTML fragments rendered by the
// page's own templates; the phones' pages get the round over /p/events and
// fetch their own state. The room's diagram is ciclo's diagram of a copy of
// the cycle whose scores are the room's medians (exact decimals) with the
// number of ratings as the sample, redrawn by one goroutine at most every
// 300 ms while the projector shows it. PlanApply and Apply write the
// medians back into the file through internal/yamledit.
//
// # Security
//
// docs/workshop.md has the threat model. In short: the facilitator's
// routes exist only on the loopback listener and need a 256-bit secret
// (a cookie set from the address printed in the terminal); participants
// join with a random join code (rate-limited per device: an IPv4 address
// or an IPv6 address, checked and spent in one step) and get a
// 256-bit token in an HttpOnly, SameSite=Strict cookie, of which the server
// and the journal keep only the SHA-256. Every request must name the
// listener's own address in Host; every POST must come from its own
// Origin; bodies are capped at 4 KiB; the LAN listener closes connections
// beyond 32 per device, a participant's event streams beyond 4 end the
// oldest; the facilitator's cookie is named after the port; the paths
// served are a fixed list
// compared literally; pages carry a Content-Security-Policy with no
// external source and no inline script.
//
// # Trust boundary
//
// Text from the file reaches the pages through html/template (facilitator)
// or textContent (phones), so it is escaped. The diagram is inserted as
// markup: it must be the output of ciclo's renderer, which escapes every
// text of the file; Options.Draw must only return such SVG.
package workshop
