package workshop

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// record is one line of the journal. Kind says which fields are used:
//
//	start  File, Sum, Code: the session's first line
//	join   P, Tok: participant P joined; Tok is the SHA-256 of its token
//	rate   P, ID, M, I, F: P rated moment M importance I, performance F
//	vote   P, ID, X, N: P put N dots on improvement X
//	round  Phase, Reveal, Tally: the facilitator changed the round, showed
//	       or hid the room's scores (Reveal) or the dot tallies (Tally)
//	apply  Sum: the medians were written into the file, now of this SHA-256
type record struct {
	Kind string `json:"k"`
	File string `json:"file,omitempty"`
	Sum  string `json:"sum,omitempty"`
	Code string `json:"code,omitempty"`
	P    string `json:"p,omitempty"`
	Tok  string `json:"tok,omitempty"`
	ID   string `json:"id,omitempty"`
	M    string `json:"m,omitempty"`
	I    int    `json:"i,omitempty"`
	F    int    `json:"f,omitempty"`
	X    string `json:"x,omitempty"`
	N    int    `json:"n,omitempty"`
	// S orders one participant's answers on one moment or improvement
	// (the phone's counter; 0 from a phone that sends none): an answer
	// that arrives after a later one on the same thing is not taken.
	S      int64  `json:"s,omitempty"`
	Phase  string `json:"phase,omitempty"`
	Reveal *bool  `json:"reveal,omitempty"`
	Tally  *bool  `json:"tally,omitempty"`
}

// errJournalBusy: another process holds the journal's lock.
var errJournalBusy = errors.New("journal in use")

// maxGroup bounds the records written by one fsync.
const maxGroup = 512

// journal appends records to a file, each one on disk (fsynced) before
// append returns. Concurrent appends are grouped: one writer goroutine
// writes every record waiting and syncs once for all of them (group
// commit), so a burst of ratings costs a few fsyncs, not one each.
type journal struct {
	f    *os.File
	reqs chan jreq
	done chan struct{}

	mu     sync.Mutex
	closed bool
	err    error // the first write error; the journal refuses appends after it
}

type jreq struct {
	line []byte
	ack  chan error
}

// openJournal opens (creating it if needed) the journal at path and
// returns it with the records it already holds. A last line cut short (the
// process was killed while writing it, before it was acknowledged) is
// removed; a damaged line anywhere else is an error, since records after it
// were acknowledged.
func openJournal(path string) (*journal, []record, error) {
	// O_APPEND: every write lands at the end, whatever else holds the file.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("opening the journal: %w", err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		if errors.Is(err, errJournalBusy) {
			return nil, nil, fmt.Errorf("the journal %s is in use by another ciclo workshop; stop it first (Ctrl-C), or give another --journal", path)
		}
		return nil, nil, fmt.Errorf("locking the journal: %w", err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("opening the journal: %w", err)
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, nil, fmt.Errorf("the journal %s is not a regular file", path)
	}
	recs, good, err := readRecords(f, path)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	// Nothing is cut from a file that is not a journal: its first line
	// must be the record that starts one (or, cut short by a crash while
	// it was written, the beginning of it).
	if len(recs) > 0 && recs[0].Kind != "start" || len(recs) == 0 && fi.Size() > 0 && !startsJournal(f) {
		f.Close()
		return nil, nil, fmt.Errorf("%s is not a ciclo workshop journal (its first line does not start one); give another --journal", path)
	}
	if good < fi.Size() {
		if err := f.Truncate(good); err != nil {
			f.Close()
			return nil, nil, fmt.Errorf("repairing the journal: %w", err)
		}
	}
	if _, err := f.Seek(good, io.SeekStart); err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("opening the journal: %w", err)
	}
	if fi.Size() == 0 {
		// A new file: make its directory entry durable too.
		if d, err := os.Open(filepath.Dir(path)); err == nil {
			d.Sync()
			d.Close()
		}
	}
	j := &journal{f: f, reqs: make(chan jreq, maxGroup), done: make(chan struct{})}
	go j.run()
	return j, recs, nil
}

// readRecords reads every complete record of r and the byte offset just
// after the last one.
func readRecords(r io.Reader, name string) ([]record, int64, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var recs []record
	var off int64
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if errors.Is(err, io.EOF) {
			// No newline: a record cut short by a crash, never acknowledged.
			return recs, off, nil
		}
		if err != nil {
			return nil, 0, fmt.Errorf("reading the journal: %w", err)
		}
		var rec record
		if err := json.Unmarshal(bytes.TrimSpace(line), &rec); err != nil || rec.Kind == "" {
			if _, perr := br.Peek(1); errors.Is(perr, io.EOF) {
				return recs, off, nil // a damaged last line: the same crash
			}
			return nil, 0, fmt.Errorf("%s:%d: damaged journal record; the records after it were acknowledged, so it is not dropped silently: fix or move the journal", name, n)
		}
		recs = append(recs, rec)
		off += int64(len(line))
	}
}

// journalPrefix is how a journal's first line begins: the start record.
const journalPrefix = `{"k":"start"`

// startsJournal reports whether f (a file with no whole record) begins as
// a journal does, or with a part of that beginning.
func startsJournal(f *os.File) bool {
	head := make([]byte, len(journalPrefix))
	n, _ := f.ReadAt(head, 0)
	return n > 0 && strings.HasPrefix(journalPrefix, string(head[:n]))
}

// append writes rec and returns once it is on disk.
func (j *journal) append(rec record) error {
	line, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	line = append(line, '\n')
	ack := make(chan error, 1)
	j.mu.Lock()
	if j.closed || j.err != nil {
		err := j.err
		j.mu.Unlock()
		if err == nil {
			err = errors.New("the journal is closed")
		}
		return err
	}
	// Sent under mu, so close cannot close the channel in between.
	j.reqs <- jreq{line: line, ack: ack}
	j.mu.Unlock()
	return <-ack
}

// run is the writer goroutine: it writes every waiting record, syncs once
// and acknowledges them all.
func (j *journal) run() {
	defer close(j.done)
	var buf []byte
	batch := make([]jreq, 0, maxGroup)
	for first := range j.reqs {
		batch = append(batch[:0], first)
		buf = append(buf[:0], first.line...)
	drain:
		for len(batch) < maxGroup {
			select {
			case r, ok := <-j.reqs:
				if !ok {
					break drain
				}
				batch = append(batch, r)
				buf = append(buf, r.line...)
			default:
				break drain
			}
		}
		_, err := j.f.Write(buf)
		if err == nil {
			err = j.f.Sync()
		}
		if err != nil {
			err = fmt.Errorf("writing the journal: %w", err)
			j.mu.Lock()
			if j.err == nil {
				j.err = err
			}
			j.mu.Unlock()
		}
		for _, r := range batch {
			r.ack <- err
		}
	}
}

// close waits for the records in flight and closes the file.
func (j *journal) close() error {
	j.mu.Lock()
	if j.closed {
		j.mu.Unlock()
		return nil
	}
	j.closed = true
	close(j.reqs)
	j.mu.Unlock()
	<-j.done
	return j.f.Close()
}
