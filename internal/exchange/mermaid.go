package exchange

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/ciclo-dev/ciclo/cycle"
)

// isMermaid reports whether data is a Mermaid journey: its first line that
// is not blank or a %% comment is "journey", or a Markdown file holds a
// ```mermaid block that starts so.
func isMermaid(data []byte) bool {
	_, ok := mermaidLines(data)
	return ok
}

// mermaidLine is one line of a journey with its 1-based number.
type mermaidLine struct {
	N    int
	Text string
}

// mermaidLines finds the journey: the whole text, or the first ```mermaid
// block of a Markdown page that is a journey. It returns the lines after
// the "journey" line.
func mermaidLines(data []byte) ([]mermaidLine, bool) {
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		return nil, false
	}
	text := strings.ReplaceAll(string(bytes.TrimPrefix(data, []byte("\ufeff"))), "\r\n", "\n")
	var all []mermaidLine
	for i, l := range strings.Split(text, "\n") {
		all = append(all, mermaidLine{N: i + 1, Text: l})
	}
	fence := func(l mermaidLine) string { return strings.TrimSpace(l.Text) }
	fenced := false
	for _, l := range all {
		if t := fence(l); strings.HasPrefix(t, "```") && strings.TrimSpace(strings.TrimLeft(t, "`")) == "mermaid" {
			fenced = true
		}
	}
	if !fenced {
		return journeyBody(all)
	}
	for i := 0; i < len(all); i++ {
		t := fence(all[i])
		if !strings.HasPrefix(t, "```") || strings.TrimSpace(strings.TrimLeft(t, "`")) != "mermaid" {
			continue
		}
		j := i + 1
		for j < len(all) && !strings.HasPrefix(fence(all[j]), "```") {
			j++
		}
		if body, ok := journeyBody(all[i+1 : j]); ok {
			return body, true
		}
		i = j
	}
	return nil, false
}

// journeyBody returns the lines after "journey" when it is the first line
// that is not blank or a %% comment.
func journeyBody(lines []mermaidLine) ([]mermaidLine, bool) {
	for i, l := range lines {
		t := strings.TrimSpace(l.Text)
		if t == "" || strings.HasPrefix(t, "%%") {
			continue
		}
		if strings.EqualFold(t, "journey") {
			return lines[i+1:], true
		}
		return nil, false
	}
	return nil, false
}

// readMermaid reads a journey: title, sections as stages, "Task: score:
// Actor, Actor" as a moment with its performance and owner.
func readMermaid(name string, data []byte, rd *reader) {
	lines, _ := mermaidLines(data)
	stage := ""
	at := func(l mermaidLine, col int) cell { return cell{Line: l.N, Char: col} }
	for _, l := range lines {
		t := strings.TrimSpace(l.Text)
		col := strings.Index(l.Text, t) + 1
		switch {
		case t == "":
		case strings.HasPrefix(t, "%%"):
			rd.d.Comments = append(rd.d.Comments, tr(rd.lang, "%s: %s", rd.t.where(at(l, col)), strings.TrimSpace(strings.TrimPrefix(t, "%%"))))
		case strings.HasPrefix(t, "title ") || t == "title":
			rd.d.Title = strings.TrimSpace(strings.TrimPrefix(t, "title"))
		case strings.HasPrefix(t, "section ") || t == "section":
			stage = strings.TrimSpace(strings.TrimPrefix(t, "section"))
		case strings.HasPrefix(t, "accTitle") || strings.HasPrefix(t, "accDescr"):
			rd.d.Comments = append(rd.d.Comments, tr(rd.lang, "%s: %s", rd.t.where(at(l, col)), t))
			rd.note(at(l, col), "accessibility text kept as a comment")
		default:
			task, data, ok := strings.Cut(t, ":")
			if !ok {
				rd.problem(at(l, col), "not a journey line: want \"Task: score: Actor, Actor\", \"section NAME\" or \"title TEXT\"")
				continue
			}
			m := &draftMoment{Name: strings.TrimSpace(task), Stage: stage, Origin: tr(rd.lang, "line %d", l.N)}
			score, actors, _ := strings.Cut(data, ":")
			if s := strings.TrimSpace(score); s != "" {
				c := at(l, col+len(task)+1+strings.Index(score, s))
				c.Text = s
				if v, ok := rd.score(c, tr(rd.lang, "score")); ok {
					m.Performance = v
				}
			}
			var who []string
			for _, a := range strings.Split(actors, ",") {
				if a = strings.TrimSpace(a); a != "" {
					who = append(who, a)
				}
			}
			m.Owner = strings.Join(who, ", ")
			rd.d.Moments = append(rd.d.Moments, m)
		}
	}
}

// Mermaid writes a cycle as a Mermaid journey block: title, one section a
// run of moments with the same stage, one task a moment with its
// performance (on 1..5, converted when the cycle's scale differs) and its
// owner as the actor. Characters a task cannot hold (: # ;) are replaced.
func Mermaid(c *cycle.Cycle) []byte {
	var b bytes.Buffer
	b.WriteString("journey\n")
	fmt.Fprintf(&b, "    title %s\n", mermaidText(c.Title, false))
	if c.Scale != 5 {
		fmt.Fprintf(&b, "    %%%% %s\n", tr(c.Language, "scores converted from 1..%d to 1..5", c.Scale))
	}
	stage := ""
	for i, m := range c.Moments {
		if i == 0 && m.Stage == "" {
			stage = ""
		} else if i == 0 || m.Stage != stage {
			stage = m.Stage
			name := stage
			if name == "" {
				name = tr(c.Language, "(no stage)")
			}
			fmt.Fprintf(&b, "    section %s\n", mermaidText(name, true))
		}
		score := ""
		if !m.Performance.IsZero() {
			v := m.Performance.Float64()
			if c.Scale != 5 {
				v = 1 + (v-1)*4/float64(c.Scale-1)
			}
			score = formatNumber(v)
		}
		line := mermaidText(m.Name, true) + ": " + score
		if m.Owner != "" {
			line += ": " + mermaidText(m.Owner, false)
		}
		fmt.Fprintf(&b, "      %s\n", line)
	}
	return b.Bytes()
}

// mermaidText makes text safe for a journey line: no line breaks, no # or
// ; (which end a statement), no %% (a comment, or with { a directive
// that reconfigures the diagram, wherever it stands), and in a task or
// section name no colon.
func mermaidText(s string, name bool) string {
	s = oneLine(s)
	r := strings.NewReplacer("#", "♯", ";", ",", "%%", "％％")
	s = r.Replace(s)
	if name {
		s = strings.ReplaceAll(s, ":", " -")
	}
	return s
}
