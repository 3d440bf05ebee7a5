package render

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/ciclo-dev/ciclo/render/draw"
)

// TestTitleUsesTheRing: a short title is not wrapped while the ring has
// room for it on one line, at a readable size, and the title block stays
// inside the ring.
func TestTitleUsesTheRing(t *testing.T) {
	srcs := map[string][]byte{
		"password": []byte("title: Password reset\ncustomer: A locked-out online banking user\nclosed: false\nmoments:\n" +
			"  - id: a\n    name: Asks for a reset link\n  - id: b\n    name: Waits for the email\n  - id: c\n    name: Logs in with the new password\n"),
		"warranty": []byte("title: Warranty claim\ncustomer: Customer with a faulty product\nmoments:\n" +
			"  - id: a\n    name: Arrives at the counter\n    next: [b, c]\n  - id: b\n    name: Gets the manager's exception by email\n  - id: c\n    name: Hears the diagnosis by phone\n"),
	}
	for n := 3; n <= 8; n++ {
		srcs[fmt.Sprintf("cycle%d", n)] = smallCycle(n, n%2 == 0, false)
	}
	for name, src := range srcs {
		t.Run(name, func(t *testing.T) {
			a := analyse(t, name+".yaml", src)
			o, err := Options{}.normalize("en")
			if err != nil {
				t.Fatal(err)
			}
			d := newDiagram(a, o)
			first := d.title.Lines[0].Spans[0]
			if first.Text != a.Cycle.Title {
				t.Errorf("the title %q is wrapped (first line %q at %g pt) in a ring of radius %.0f", a.Cycle.Title, first.Text, first.Font.Size, d.R)
			}
			if first.Font.Size < 24 {
				t.Errorf("the title is set at %g pt", first.Font.Size)
			}
			for _, m := range d.moments {
				if sep := d.titleBox.Sep(m.box); sep < titleGap-0.01 {
					t.Errorf("the title block %v comes %.1f pt from moment %v", d.titleBox, sep, m.box)
				}
			}
			if r := math.Hypot(d.titleBox.W/2, d.titleBox.H/2); r > d.R-titleMargin {
				t.Errorf("the title block reaches %.1f from the centre, the ring is at %.1f", r, d.R)
			}
			if strings.TrimSpace(first.Text) == "" {
				t.Error("empty title line")
			}
		})
	}
}

// TestTitleKeepsWordsWhole: a title word is not broken while a smaller
// size keeps it whole (the gym cycle once read "Gym membe / rship").
func TestTitleKeepsWordsWhole(t *testing.T) {
	src := []byte(`title: Gym membership
customer: New member
closed: false
moments:
  - id: visit
    name: Visits the gym
    owner: Sales
    channel: in person
    importance: 4
    performance: 4
    next: [trial, leave]
  - id: leave
    name: Leaves without signing
    owner: Sales
    channel: in person
    next: []
  - id: trial
    name: Takes a free trial class
    owner: Trainers
    channel: in person
    importance: 4
    performance: 3
  - id: signup
    name: Signs up at reception
    owner: Reception
    channel: in person
    importance: 5
    performance: 2
    standard: Sign-up in 10 minutes
    improvements:
      - action: Sign-up on a tablet
        owner: Reception
        due: 2026-11-30
  - id: train
    name: Trains for a month
    owner: Trainers
    channel: app
    importance: 5
    performance: 4
  - id: renew
    name: Decides to renew
    owner: Sales
    channel: email
    importance: 5
    performance: 3
    next: [train]
`)
	a := analyse(t, "gym.yaml", src)
	for _, th := range Themes {
		o, err := Options{Theme: th}.normalize("en")
		if err != nil {
			t.Fatal(err)
		}
		d := newDiagram(a, o)
		var words []string
		for _, l := range d.title.Lines {
			if l.Spans[0].Font.Size < 18 {
				break // the customer line
			}
			words = append(words, strings.Fields(l.Spans[0].Text)...)
		}
		if got := strings.Join(words, " "); got != a.Cycle.Title {
			t.Errorf("%s: the title reads %q", th, got)
		}
	}
}

// TestBalancedTitle: a title that wraps is set in lines of even length,
// as few as at the width it has, rather than full lines and a word or two
// left alone on the last ("Cena de viernes en La / Cazuela" split the
// restaurant's name).
func TestBalancedTitle(t *testing.T) {
	for _, c := range []struct {
		text  string
		width float64
		want  []string
	}{
		{"Cena de viernes en La Cazuela", 230, []string{"Cena de viernes", "en La Cazuela"}},
		{"Reclamo de garantía sin nota de venta", 230, []string{"Reclamo de garantía", "sin nota de venta"}},
		{"Short title", 230, []string{"Short title"}},
	} {
		w := balancedWidth(c.text, c.width, 18, true)
		got := draw.Wrap(c.text, w, 18, true)
		if !slices.Equal(got, c.want) {
			t.Errorf("%q at %g pt: lines %q (at %.1f pt), want %q", c.text, c.width, got, w, c.want)
		}
		if n := len(draw.Wrap(c.text, c.width, 18, true)); len(got) != n || w > c.width {
			t.Errorf("%q: %d lines at %.1f pt, %d at the %g pt it has", c.text, len(got), w, n, c.width)
		}
	}
}
