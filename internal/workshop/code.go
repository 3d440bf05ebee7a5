package workshop

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"sync"
	"time"
)

// codeAlphabet has no characters that read alike (no 0/O, 1/I/L, 5/S,
// 2/Z, 8/B, U/V): 23 symbols.
const codeAlphabet = "34679ACDEFGHJKMNPQRTWXY"

// codeLen is the join code's length: 23^8 is about 2^36 codes.
const codeLen = 8

// newCode returns a fresh random join code, unformatted.
func newCode() string {
	b := make([]byte, codeLen)
	for i := range b {
		b[i] = codeAlphabet[randIndex(len(codeAlphabet))]
	}
	return string(b)
}

// randIndex returns a uniform random number in [0, n), n < 256.
func randIndex(n int) int {
	limit := 256 - 256%n // reject the bytes that would bias the result
	var b [1]byte
	for {
		rand.Read(b[:]) // never fails (crypto/rand)
		if int(b[0]) < limit {
			return int(b[0]) % n
		}
	}
}

// formatCode splits a code in two halves for reading: "ACDE-FGHJ".
func formatCode(code string) string {
	if len(code) != codeLen {
		return code
	}
	return code[:codeLen/2] + "-" + code[codeLen/2:]
}

// normalizeCode upper-cases what a participant typed and drops spaces and
// dashes.
func normalizeCode(typed string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(typed) {
		if r == '-' || r == ' ' {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// codeMatches compares a typed code with the session's in constant time.
func codeMatches(typed, code string) bool {
	return subtle.ConstantTimeCompare([]byte(normalizeCode(typed)), []byte(code)) == 1
}

// newToken returns 256 random bits, base64url: a participant's token or
// the facilitator's secret.
func newToken() string {
	var b [32]byte
	rand.Read(b[:]) // never fails (crypto/rand)
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// tokenHash is what the server keeps of a token: its SHA-256. The journal
// holds only hashes, so reading it does not let anyone act as a
// participant.
func tokenHash(tok string) string {
	sum := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(sum[:])
}

// Join rate limit: each client address may fail joinBurst times, then one
// more attempt every joinRefill. While its allowance is spent, every join
// attempt from it is refused, a right code too.
const (
	joinBurst   = 5
	joinRefill  = 30 * time.Second
	maxLimiters = 4096
)

// limiter counts failed join attempts per client address.
type limiter struct {
	mu  sync.Mutex
	now func() time.Time
	m   map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newLimiter(now func() time.Time) *limiter {
	return &limiter{now: now, m: map[string]*bucket{}}
}

// attempt decides one join attempt of addr: refused (limited) while
// addr's allowance is spent, else right reports whether the code is right,
// and a wrong one spends one attempt. The check and the spending are one
// step under the lock, taken once the request's body is read: requests
// sent together (or bodies held back and released at once) cannot all
// pass on one allowance, and right codes sent together all get in.
func (l *limiter) attempt(addr string, right func() bool) (limited, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.m[addr]
	if b != nil {
		l.refill(b)
		if b.tokens < 1 {
			return true, false
		}
	} else if len(l.m) >= maxLimiters && !l.prune() {
		return true, false
	}
	if right() {
		return false, true
	}
	if b == nil {
		b = &bucket{tokens: joinBurst, last: l.now()}
		l.m[addr] = b
	}
	b.tokens--
	return false, false
}

func (l *limiter) refill(b *bucket) {
	now := l.now()
	b.tokens += float64(now.Sub(b.last)) / float64(joinRefill)
	if b.tokens > joinBurst {
		b.tokens = joinBurst
	}
	b.last = now
}

// prune forgets addresses whose allowance is whole again and reports
// whether there is room for a new one.
func (l *limiter) prune() bool {
	for k, b := range l.m {
		if l.refill(b); b.tokens >= joinBurst {
			delete(l.m, k)
		}
	}
	return len(l.m) < maxLimiters
}
