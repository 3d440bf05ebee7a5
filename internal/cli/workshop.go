package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/ciclo-dev/ciclo/cycle"
	"github.com/ciclo-dev/ciclo/internal/workshop"
	"github.com/ciclo-dev/ciclo/render"
	"github.com/spf13/cobra"
)

// WorkshopOptions are the options of "ciclo workshop".
type WorkshopOptions struct {
	IO              *IOStreams
	File            string
	Addr            string // host:port; the host is loopback unless LAN
	LAN             bool   // let the room's phones in, on the LAN address
	Journal         string // "" means beside the file
	Dots            int
	MaxParticipants int
	Open            bool
	View, Theme     string // the diagram's view and theme, as render's
	// Page and Orientation lay the projector's diagram out for a page, as
	// render's ("" or "auto": sized to the content).
	Page, Orientation string
	// Apply writes the room's medians into FILE instead of serving; Yes
	// skips the question, Force writes over a file changed on disk.
	Apply, Yes, Force bool
	// OpenURL opens a URL in a browser; nil means the system's. Tests
	// replace it.
	OpenURL func(url string) error
	// LANAddr finds this machine's address on the room's network; nil
	// means the first up, non-loopback IPv4 interface. Tests replace it.
	LANAddr func() (net.IP, error)
}

// NewCmdWorkshop builds "ciclo workshop". runF, when not nil, runs instead
// of workshopRun (tests check flag parsing with it).
func NewCmdWorkshop(ios *IOStreams, runF func(context.Context, *WorkshopOptions) error) *cobra.Command {
	opts := &WorkshopOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "workshop FILE",
		Short: "Run a live scoring workshop: the room rates the moments from their phones",
		Long: `Run an improvement workshop on a cycle file. The facilitator's screen (for
the projector) shows the diagram redrawn live from the room's scores, and for
each moment how many rated it, the median and the range, and the moments
whose criticality changes under the room's scores. The facilitator opens the
rounds (scoring, then dot voting on the file's improvements) and reveals the
results when ready.

Participants join from their phones with the address and join code shown on
the projector (also as a QR code) and printed here. Every asset is served by
ciclo: no internet, no account, no install.

Every accepted rating and vote is written to a journal beside the file
(FILE without its extension, plus .workshop.jsonl; --journal to choose) and
synced to disk before the phone is told it was saved. Running the command
again on the same journal resumes the session.

--apply writes the room's medians into FILE as the rated moments'
importance and performance, with sample: N (how many ratings stand behind
them), keeping every comment, the key order and the layout. It shows the
diff and asks first, writes the file whole or not at all, and never writes
over a file edited since the workshop began unless you say so (asked on a
terminal, --force otherwise). The facilitator's screen has the same action
("Write to file…"), which never writes over an edited file.

By default the workshop listens on loopback only (127.0.0.1:8080), which
phones cannot reach: --lan listens on this machine's address on the room's
network and prints it; it never listens on every interface. The
facilitator's screen works only from this computer, through the address with
the secret printed here. The traffic is plain HTTP: see docs/workshop.md for
what people on the same Wi-Fi can and cannot do. Ctrl-C stops.

--view and --theme choose the projector's diagram as in "ciclo render";
--page and --orientation lay it out for a page (slide fits a 16:9
projector), as in "ciclo render".`,
		Example: `  ciclo workshop cycle.yaml --open              # try it on this computer
  ciclo workshop cycle.yaml --lan --dots 5      # let the room's phones in
  ciclo workshop cycle.yaml --lan --page slide  # the diagram laid out for a 16:9 projector
  ciclo workshop cycle.yaml --lan --addr 192.168.1.20:8080 --journal day1.jsonl
  ciclo workshop cycle.yaml --apply              # write the room's medians into the file`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return workshopRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Addr, "addr", "127.0.0.1:8080", "address to listen on (host:port; port 0 picks a free one); with --lan the host may name this machine's LAN address")
	f.BoolVar(&opts.LAN, "lan", false, "let phones on the room's network join: listen on this machine's LAN address (printed)")
	f.StringVar(&opts.Journal, "journal", "", "journal file (default: beside FILE, FILE's base name + .workshop.jsonl)")
	f.IntVar(&opts.Dots, "dots", workshop.DefaultDots, "dots each participant places when voting on improvements")
	f.IntVar(&opts.MaxParticipants, "max-participants", workshop.DefaultMaxParticipants, "most participants who may join")
	f.BoolVar(&opts.Open, "open", false, "open the facilitator's screen in the default browser")
	f.StringVar(&opts.View, "view", render.Views[0], "diagram view on the projector: "+strings.Join(render.Views, "|"))
	f.StringVar(&opts.Theme, "theme", render.Themes[0], "diagram theme on the projector: "+strings.Join(render.Themes, "|"))
	addPageFlags(f, &opts.Page, &opts.Orientation)
	f.BoolVar(&opts.Apply, "apply", false, "write the room's medians from the journal into FILE as scores (plus sample: N), show the diff first, and exit")
	f.BoolVar(&opts.Yes, "yes", false, "with --apply: write without asking (needed when standard input is not a terminal)")
	f.BoolVar(&opts.Force, "force", false, "with --apply: write even if FILE changed on disk since the workshop began")
	return cmd
}

// defaultJournal is FILE's base name without its extension plus
// .workshop.jsonl, in FILE's directory.
func defaultJournal(file string) string {
	return strings.TrimSuffix(file, filepath.Ext(file)) + ".workshop.jsonl"
}

func workshopRun(ctx context.Context, opts *WorkshopOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	if opts.Dots < 1 || opts.Dots > 20 {
		return misuse(fmt.Errorf("--dots must be 1..20, not %d", opts.Dots))
	}
	if opts.MaxParticipants < 1 || opts.MaxParticipants > 10000 {
		return misuse(fmt.Errorf("--max-participants must be 1..10000, not %d", opts.MaxParticipants))
	}
	if opts.File == "-" {
		return misuse(errors.New("workshop needs a file, not standard input: the results are written beside it"))
	}
	if !slices.Contains(render.Views, opts.View) {
		return misuse(fmt.Errorf("unknown view %q; use %s", opts.View, strings.Join(render.Views, ", ")))
	}
	if !slices.Contains(render.Themes, opts.Theme) {
		return misuse(fmt.Errorf("unknown theme %q; use %s", opts.Theme, strings.Join(render.Themes, ", ")))
	}
	if err := (render.Options{Page: opts.Page, Orientation: opts.Orientation}).Check(); err != nil {
		return misuse(err)
	}
	if (opts.Yes || opts.Force) && !opts.Apply {
		return misuse(errors.New("--yes and --force go with --apply"))
	}
	var facAddr, lanAddr string
	if !opts.Apply {
		var err error
		if facAddr, lanAddr, err = workshopAddrs(opts); err != nil {
			return misuse(err)
		}
	}
	a, err := loadOne(opts.IO, opts.File, "")
	if err != nil {
		return err
	}
	src, err := os.ReadFile(opts.File)
	if err != nil {
		return misuse(fmt.Errorf("cannot read %s: %w", opts.File, unwrapPath(err)))
	}
	journal := opts.Journal
	if journal == "" {
		journal = defaultJournal(opts.File)
	}
	s, err := workshop.New(ctx, workshop.Options{
		File: opts.File, Src: src, Cycle: a.Cycle, Journal: journal,
		Dots: opts.Dots, MaxParticipants: opts.MaxParticipants, Log: opts.IO.ErrOut,
		Write: writeEnglish,
		Draw: func(ctx context.Context, a *cycle.Analysis) ([]byte, error) {
			return render.Render(ctx, a, render.Options{Format: render.FormatSVG, View: opts.View, Theme: opts.Theme, Page: opts.Page, Orientation: opts.Orientation})
		},
	})
	if err != nil {
		return misuse(err)
	}
	if opts.Apply {
		defer s.Close()
		return workshopApply(opts, s)
	}
	ls, err := listenWorkshop(facAddr, lanAddr)
	if err != nil {
		s.Close()
		return misuse(err)
	}
	w := opts.IO.ErrOut
	r := s.Resumed
	if r.Participants+r.Ratings+r.Votes > 0 {
		fmt.Fprintf(w, "ciclo: workshop on %s, resuming %s: %d participants, %d ratings, %d votes\n", opts.File, journal, r.Participants, r.Ratings, r.Votes)
	} else {
		fmt.Fprintf(w, "ciclo: workshop on %s, journal %s\n", opts.File, journal)
	}
	if r.FileChanged {
		fmt.Fprintf(w, "ciclo: warning: %s changed since this workshop began\n", opts.File)
	}
	join := s.JoinURL(ls)
	fmt.Fprintf(w, "ciclo: facilitator's screen (this computer only; keep the address private):\n  %s\n", s.FacilitatorURL(ls))
	fmt.Fprintf(w, "ciclo: participants open %s and type the code %s\n", s.ParticipantURL(ls), s.Code())
	if qr, err := workshop.QRText(join); err == nil {
		fmt.Fprint(w, qr)
	}
	if ls.Participants == nil {
		fmt.Fprintln(w, "ciclo: listening on loopback only: phones cannot reach it; run with --lan to let the room in")
	} else {
		fmt.Fprintln(w, "ciclo: plain HTTP on the room's network: anyone on it can read the traffic (see docs/workshop.md)")
	}
	fmt.Fprintln(w, "ciclo: Ctrl-C to stop; every answer is in the journal")
	if opts.Open {
		open := opts.OpenURL
		if open == nil {
			open = openBrowser
		}
		if err := open(s.FacilitatorURL(ls)); err != nil {
			fmt.Fprintf(w, "ciclo: warning: cannot open a browser: %v; open the facilitator's address yourself\n", err)
		}
	}
	err = s.Serve(ctx, ls)
	if ctx.Err() == nil {
		return err
	}
	// Stopped, even in the middle of the first drawing: Ctrl-C is the
	// usual end (0); SIGTERM is an interruption (130), as for watch.
	if errors.Is(context.Cause(ctx), ErrTerminated) {
		return ctx.Err()
	}
	return nil
}

// workshopAddrs decides where to listen: the facilitator always on
// loopback; with --lan the participants on the machine's LAN address.
// Listening on every interface is refused: the address must be named.
func workshopAddrs(opts *WorkshopOptions) (fac, lan string, err error) {
	host, port, err := net.SplitHostPort(opts.Addr)
	if err != nil {
		return "", "", fmt.Errorf("--addr %q: want host:port", opts.Addr)
	}
	if _, err := strconv.ParseUint(port, 10, 16); err != nil {
		return "", "", fmt.Errorf("--addr %q: bad port", opts.Addr)
	}
	ip := net.ParseIP(host)
	if host == "" || (ip != nil && ip.IsUnspecified()) {
		return "", "", fmt.Errorf("--addr %q would listen on every interface; workshop listens on loopback, or with --lan on the one address it prints (name it with --addr IP:PORT)", opts.Addr)
	}
	loop := strings.EqualFold(host, "localhost") || (ip != nil && ip.IsLoopback())
	if !opts.LAN {
		if !loop {
			return "", "", fmt.Errorf("--addr %s is not a loopback address; add --lan to let the room's phones in", opts.Addr)
		}
		return net.JoinHostPort("127.0.0.1", port), "", nil
	}
	if loop {
		find := opts.LANAddr
		if find == nil {
			find = lanIP
		}
		lip, err := find()
		if err != nil {
			return "", "", err
		}
		return net.JoinHostPort("127.0.0.1", port), net.JoinHostPort(lip.String(), port), nil
	}
	if ip == nil {
		return "", "", fmt.Errorf("--addr %q: give this machine's LAN address as an IP", opts.Addr)
	}
	return net.JoinHostPort("127.0.0.1", port), net.JoinHostPort(ip.String(), port), nil
}

// lanIP returns the first IPv4 address of an up, non-loopback interface.
func lanIP() (net.IP, error) {
	ifs, err := net.Interfaces()
	if err != nil {
		return nil, fmt.Errorf("listing network interfaces: %w", err)
	}
	for _, it := range ifs {
		if it.Flags&net.FlagUp == 0 || it.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, _ := it.Addrs()
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok && n.IP.To4() != nil && n.IP.IsGlobalUnicast() {
				return n.IP.To4(), nil
			}
		}
	}
	return nil, errors.New("--lan: no network interface with an IPv4 address is up; join the room's Wi-Fi, or name the address with --addr IP:PORT")
}

// listenWorkshop opens the listeners. With a LAN address and port 0, the
// loopback listener takes the same port when it can, so the two addresses
// differ only by host.
func listenWorkshop(fac, lan string) (workshop.Listeners, error) {
	var ls workshop.Listeners
	if lan != "" {
		ln, err := net.Listen("tcp", lan)
		if err != nil {
			return ls, fmt.Errorf("cannot listen on %s: %w", lan, err)
		}
		ls.Participants = ln
		if _, port, _ := net.SplitHostPort(fac); port == "0" {
			_, lport, _ := net.SplitHostPort(ln.Addr().String())
			if l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", lport)); err == nil {
				ls.Facilitator = l
				return ls, nil
			}
		}
	}
	ln, err := net.Listen("tcp", fac)
	if err != nil {
		if ls.Participants != nil {
			ls.Participants.Close()
		}
		return ls, fmt.Errorf("cannot listen on %s: %w", fac, err)
	}
	ls.Facilitator = ln
	return ls, nil
}

// workshopApply shows the diff of the room's medians into the file, asks,
// and writes it.
func workshopApply(opts *WorkshopOptions, s *workshop.Server) error {
	w := opts.IO.ErrOut
	p, err := s.PlanApply()
	if err != nil {
		return misuse(err)
	}
	if p.Moments == 0 {
		fmt.Fprintf(w, "ciclo: the journal holds no ratings; %s is left as it is\n", opts.File)
		return nil
	}
	if p.Empty() {
		fmt.Fprintf(w, "ciclo: %s already holds the room's scores\n", opts.File)
		return nil
	}
	if err := writeOutput(opts.IO.Out, "", "-", []byte(p.Diff(opts.File))); err != nil {
		return err
	}
	terminal := false
	if f, ok := opts.IO.In.(*os.File); ok {
		terminal = isTerminal(f)
	}
	force := opts.Force
	if p.ChangedOnDisk && !force {
		if !terminal {
			fmt.Fprintf(w, "ciclo: %s changed on disk since the workshop began; nothing written (--force writes over it)\n", opts.File)
			return problem()
		}
		if !ask(opts.IO, fmt.Sprintf("%s changed on disk since the workshop began. Write the room's scores into it anyway?", opts.File)) {
			fmt.Fprintln(w, "ciclo: nothing written")
			return problem()
		}
		force = true
	}
	if !opts.Yes {
		if !terminal {
			fmt.Fprintln(w, "ciclo: nothing written: standard input is not a terminal to ask; add --yes to write")
			return problem()
		}
		if !ask(opts.IO, fmt.Sprintf("Write the room's scores of %d moments into %s?", p.Moments, opts.File)) {
			fmt.Fprintln(w, "ciclo: nothing written")
			return problem()
		}
	}
	if err := s.Apply(p, force, writeEnglish); err != nil {
		return misuse(err)
	}
	fmt.Fprintf(w, "ciclo: wrote the room's scores of %d moments into %s\n", p.Moments, opts.File)
	return nil
}

// ask asks a yes/no question on the terminal; only y or yes is yes.
func ask(ios *IOStreams, question string) bool {
	fmt.Fprintf(ios.ErrOut, "%s [y/N] ", question)
	line, _ := bufio.NewReader(ios.In).ReadString('\n')
	a := strings.ToLower(strings.TrimSpace(line))
	return a == "y" || a == "yes"
}

// writeEnglish is writeFileDurable for workshop, which has no --lang: its
// errors are in English. Durable, since the journal records the write.
func writeEnglish(path string, data []byte) error { return writeFileDurable("", path, data) }
