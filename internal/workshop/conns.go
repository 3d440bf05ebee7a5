package workshop

import (
	"net"
	"sync"
)

// Connection limits of the participants' listener (--lan). A phone's
// browser opens a handful of connections (six at most per server, plus
// its event stream); a device holding dozens is an attack (slowloris:
// connections opened and left half-written) and is turned away, so one
// machine on the venue's Wi-Fi cannot use up the laptop's file
// descriptors or the goroutines that serve the room.
const (
	maxConnsPerDevice = 32
	maxConns          = 2048 // or 4 per participant allowed, if more
)

// limitListener closes, as soon as they are accepted, connections beyond
// perDevice open ones from one device (addrKey of the remote address) or
// beyond total open ones in all.
type limitListener struct {
	net.Listener
	perDevice, total int

	mu   sync.Mutex
	open int
	by   map[string]int
}

func newLimitListener(ln net.Listener, perDevice, total int) *limitListener {
	return &limitListener{Listener: ln, perDevice: perDevice, total: total, by: map[string]int{}}
}

// Accept returns the next connection within the limits.
func (l *limitListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		key := c.RemoteAddr().String()
		if host, _, err := net.SplitHostPort(key); err == nil {
			key = addrKey(host)
		}
		l.mu.Lock()
		ok := l.open < l.total && l.by[key] < l.perDevice
		if ok {
			l.open++
			l.by[key]++
		}
		l.mu.Unlock()
		if !ok {
			c.Close()
			continue
		}
		return &limitConn{Conn: c, l: l, key: key}, nil
	}
}

// limitConn gives its place back when closed.
type limitConn struct {
	net.Conn
	l    *limitListener
	key  string
	once sync.Once
}

func (c *limitConn) Close() error {
	c.once.Do(func() {
		l := c.l
		l.mu.Lock()
		l.open--
		if l.by[c.key]--; l.by[c.key] == 0 {
			delete(l.by, c.key)
		}
		l.mu.Unlock()
	})
	return c.Conn.Close()
}
