// Command worst writes the most expensive cycle files of a kind, to
// measure what the limits of docs/format.md ("Limits") let through.
//
//	go run ./bench/worst -kind alias > alias.yaml
//
// Kinds:
//
//	alias   one anchored list of improvements, long actions, reused by
//	        every moment (the 329 KB file: -moments 1000 -notes 150 -text 1900)
//	names   moments with the longest names, each leading to -next others
//	        (the 6 MB file: -moments 1500 -next 20 -text 2000)
//	notes   moments, each with -notes improvements of -text characters,
//	        written out (no aliases)
//	rich    moments with every field filled in, one improvement each
//	        (the 5,000 moments cycle/hostile_test.go keeps accepted)
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strings"
)

func main() {
	kind := flag.String("kind", "alias", "alias, names, notes or rich")
	moments := flag.Int("moments", 1000, "moments")
	notes := flag.Int("notes", 150, "improvements per moment")
	next := flag.Int("next", 20, "next entries per moment (names)")
	text := flag.Int("text", 1900, "characters of each drawn text")
	flag.Parse()
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	fmt.Fprintln(w, "title: Worst case")
	fmt.Fprintln(w, "moments:")
	long := func(i int) string {
		s := fmt.Sprintf("w%d ", i)
		return s + strings.Repeat("word ", (*text-len(s))/5+1)[:*text-len(s)]
	}
	for m := range *moments {
		fmt.Fprintf(w, "  - id: m%d\n    importance: 5\n    performance: 1\n    owner: Desk\n", m)
		switch *kind {
		case "alias":
			fmt.Fprintf(w, "    name: Moment %d\n", m)
			if m == 0 {
				fmt.Fprintln(w, "    improvements: &imps")
				for i := range *notes {
					fmt.Fprintf(w, "      - action: %s\n        owner: Manager\n", long(i))
				}
			} else {
				fmt.Fprintln(w, "    improvements: *imps")
			}
		case "names":
			fmt.Fprintf(w, "    name: %s\n", long(m))
			if *next > 0 {
				var ids []string
				for k := 1; k <= *next; k++ {
					ids = append(ids, fmt.Sprintf("m%d", (m+k*37)%*moments))
				}
				fmt.Fprintf(w, "    next: [%s]\n", strings.Join(dedupe(ids, fmt.Sprintf("m%d", m)), ", "))
			}
		case "notes":
			fmt.Fprintf(w, "    name: Moment %d\n", m)
			fmt.Fprintln(w, "    improvements:")
			for i := range *notes {
				fmt.Fprintf(w, "      - action: %s\n        owner: Manager\n", long(m*1000+i))
			}
		case "rich":
			fmt.Fprintf(w, `    name: Moment number %d, where the customer meets us
    description: What happens here, told in a sentence or two, with commas, like this.
    stage: during
    channel: in person
    expectation: Be attended quickly, kindly and by someone who knows
    standard: Greet within 2 minutes, solve in one contact
    url: https://example.org/evidence/%d
    dimensions:
      responsiveness: 2
      courtesy: {expected: 5, perceived: 3}
    pains:
      - Waits, without knowing for how long
      - Has to repeat the story twice
    improvements:
      - action: Give every customer a time, and keep it
        owner: Store manager
        due: 2027-01-31
        status: planned
`, m, m)
		default:
			fmt.Fprintln(os.Stderr, "unknown kind", *kind)
			os.Exit(2)
		}
	}
}

// dedupe drops repeats and self from ids.
func dedupe(ids []string, self string) []string {
	seen := map[string]bool{self: true}
	var out []string
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
