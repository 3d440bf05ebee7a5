package workshop

import (
	"github.com/ciclo-dev/ciclo/internal/msg"
	"sync"
)

// The pages' fixed words, written in English and translated through
// ciclo's one catalog (internal/msg).

// facWords are the facilitator's page's words.
type facWords struct {
	Workshop, Join, JoinAt, Code, People, Of     string
	Phase, Reveal, Hide, Scores, File, Room      string
	Moments, N, Importance, Performance, Spread  string
	Hidden, NoRatings, Changes, NoChanges        string
	Became, NoLonger, Improvements, Dots, Voters string
	NoImprovements, Offline, Ratings, HideJoin   string
	ShowJoin, DiagramFile, DiagramRoom, Diagram  string
	KeyCritical, KeyChanged, Dot                 string
	WriteFile, WriteHead, Write, Cancel          string
	Written, ChangedOnDisk, NothingToWrite       string
	RevealDots, HideDots, DotsHidden, Placed     string
	Restarted                                    string
	Phases                                       map[string]string
}

// partWords are the participant's page's words; the page's script reads
// them from the page.
type partWords struct {
	Join, CodeLabel, CodeHint, Joining, Waiting, WaitingLong  string
	MomentOf, Owner, Importance, ImportanceQ, Performance     string
	PerformanceQ, Low, High, Prev, Next, Saved, Saving        string
	Retry, AllDone, AllDoneLong, Voting, VotingLong, DotsLeft string
	Closed, ClosedLong, Offline, NoImprovements, Review       string
	Errors                                                    map[string]string
}

// facEnglish holds the words in English; ciclo's catalog (internal/msg)
// translates them under the context "workshop".
var facEnglish = facWords{
	Workshop: msg.Nc("workshop", "workshop"), Join: msg.Nc("workshop", "Join from your phone"), JoinAt: msg.Nc("workshop", "Open"), Code: msg.Nc("workshop", "Code"),
	People: msg.Nc("workshop", "participants"), Of: msg.Nc("workshop", "of"),
	Phase: msg.Nc("workshop", "Round"), Reveal: msg.Nc("workshop", "Reveal results"), Hide: msg.Nc("workshop", "Hide results"),
	Scores: msg.Nc("workshop", "Scores"), File: msg.Nc("workshop", "File"), Room: msg.Nc("workshop", "Room"),
	Moments: msg.Nc("workshop", "Moments"), N: msg.Nc("workshop", "n"), KeyCritical: msg.Nc("workshop", "critical under the room's scores"), KeyChanged: msg.Nc("workshop", "criticality differs from the file's scores"), Importance: msg.Nc("workshop", "Importance"), Performance: msg.Nc("workshop", "Performance"),
	Spread: msg.Nc("workshop", "range"), Hidden: msg.Nc("workshop", "hidden until you reveal"), NoRatings: msg.Nc("workshop", "no ratings yet"),
	Changes: msg.Nc("workshop", "Criticality under the room's scores"), NoChanges: msg.Nc("workshop", "No moment changes criticality."),
	Became: msg.Nc("workshop", "becomes critical"), NoLonger: msg.Nc("workshop", "is no longer critical"),
	Improvements: msg.Nc("workshop", "Improvements by dots"), Dot: msg.Nc("workshop", "dot"), Dots: msg.Nc("workshop", "dots"), Voters: msg.Nc("workshop", "voters"),
	NoImprovements: msg.Nc("workshop", "The file lists no open improvements to vote on."),
	Offline:        msg.Nc("workshop", "Disconnected from ciclo: retrying…"), Ratings: msg.Nc("workshop", "ratings"),
	HideJoin: msg.Nc("workshop", "Hide code"), ShowJoin: msg.Nc("workshop", "Show code"),
	DiagramFile: msg.Nc("workshop", "Diagram: the file's scores"), DiagramRoom: msg.Nc("workshop", "Diagram: the room's medians"),
	Diagram:   msg.Nc("workshop", "Cycle diagram"),
	WriteFile: msg.Nc("workshop", "Write to file…"), WriteHead: msg.Nc("workshop", "Write the room's medians into %s"), Write: msg.Nc("workshop", "Write"), Cancel: msg.Nc("workshop", "Cancel"),
	Written:    msg.Nc("workshop", "Written: the room's scores of %d moments are in %s."),
	RevealDots: msg.Nc("workshop", "Reveal dots"), HideDots: msg.Nc("workshop", "Hide dots"), DotsHidden: msg.Nc("workshop", "dots hidden until you reveal them"),
	Placed:         msg.Nc("workshop", "%d of %d dots placed"),
	Restarted:      msg.Nc("workshop", "ciclo was restarted: open the facilitator's address it printed in the terminal."),
	ChangedOnDisk:  msg.Nc("workshop", "%s changed on disk since the workshop began. Nothing is written from here: run ciclo workshop --apply in the terminal to decide."),
	NothingToWrite: msg.Nc("workshop", "%s already holds the room's scores."),
	Phases: map[string]string{PhaseLobby: msg.Nc("workshop", "Lobby"), PhaseScoring: msg.Nc("workshop", "Scoring"),
		PhaseVoting: msg.Nc("workshop", "Dot voting"), PhaseClosed: msg.Nc("workshop", "Closed")},
}

// facVocabulary holds the words in every language ciclo speaks, made on
// first use (not at every start of ciclo).
var facVocabulary = sync.OnceValue(func() map[string]facWords { return msg.Struct(facEnglish, "workshop") })

// partEnglish holds the words in English; ciclo's catalog (internal/msg)
// translates them under the context "workshop".
var partEnglish = partWords{
	Join: msg.Nc("workshop", "Join"), CodeLabel: msg.Nc("workshop", "Join code"), CodeHint: msg.Nc("workshop", "The code on the projector, like ACDE-FGHJ"),
	Joining: msg.Nc("workshop", "Joining…"), Waiting: msg.Nc("workshop", "You're in"), WaitingLong: msg.Nc("workshop", "The facilitator will open the first round in a moment. Keep this page open."),
	MomentOf: msg.Nc("workshop", "Moment %d of %d"), Owner: msg.Nc("workshop", "Answered by"), Importance: msg.Nc("workshop", "Importance"),
	ImportanceQ: msg.Nc("workshop", "How much does this moment matter to the customer?"),
	Performance: msg.Nc("workshop", "Performance"), PerformanceQ: msg.Nc("workshop", "How well do we handle it today?"),
	Low: msg.Nc("workshop", "low"), High: msg.Nc("workshop", "high"), Prev: msg.Nc("workshop", "Back"), Next: msg.Nc("workshop", "Next"), Saved: msg.Nc("workshop", "Saved"), Saving: msg.Nc("workshop", "Saving…"),
	Retry: msg.Nc("workshop", "Not saved yet: retrying…"), AllDone: msg.Nc("workshop", "All rated, thank you"),
	AllDoneLong: msg.Nc("workshop", "You can change any answer until the facilitator closes the round."),
	Review:      msg.Nc("workshop", "Review my answers"),
	Voting:      msg.Nc("workshop", "What should we fix first?"), VotingLong: msg.Nc("workshop", "Put your dots on the improvements that matter most. Several dots on one is fine."),
	DotsLeft: msg.Nc("workshop", "Dots left"), Closed: msg.Nc("workshop", "Thank you"), ClosedLong: msg.Nc("workshop", "The round is closed. Look at the projector."),
	Offline: msg.Nc("workshop", "Connection lost: retrying…"), NoImprovements: msg.Nc("workshop", "There are no improvements to vote on."),
	Errors: map[string]string{
		"bad-code": msg.Nc("workshop", "That code is not right. Check the projector."), "rate-limited": msg.Nc("workshop", "Too many tries. Wait a little and try again."),
		"full": msg.Nc("workshop", "The workshop is full."), "closed": msg.Nc("workshop", "This round is closed."), "not-joined": msg.Nc("workshop", "Please join again."),
		"invalid": msg.Nc("workshop", "That answer was not accepted."), "too-many": msg.Nc("workshop", "Too many answers."), "journal": msg.Nc("workshop", "Not saved: try again."),
	},
}

// partVocabulary holds the words in every language ciclo speaks, made on
// first use.
var partVocabulary = sync.OnceValue(func() map[string]partWords { return msg.Struct(partEnglish, "workshop") })

// lang returns the page language for a cycle's language.
func lang(l string) string {
	if msg.Has(l) {
		return l
	}
	return "en"
}
