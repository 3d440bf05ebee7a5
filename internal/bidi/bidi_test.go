package bidi

import (
	"encoding/json"
	"fmt"
	"testing"
)

func TestEveryControl(t *testing.T) {
	all := []rune{0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}
	for _, r := range all {
		s := "a" + string(r) + "b"
		if !Is(r) || Strip(s) != "ab" {
			t.Errorf("U+%04X not stripped: %q", r, Strip(s))
		}
		found, at := Find(s)
		if len(found) != 1 || found[0] != r || at[0] != 1 {
			t.Errorf("U+%04X: Find gives %v at %v", r, found, at)
		}
	}
	for _, r := range []rune{'a', 'é', 0x05D0, 0x200D, 0x2028, 0xE2} { // Hebrew alef, ZWJ, line separator, â
		if Is(r) || Strip(string(r)) != string(r) {
			t.Errorf("U+%04X is not a bidi control", r)
		}
	}
}

func TestEscapeJSONKeepsTheText(t *testing.T) {
	in, _ := json.Marshal(map[string]string{"name": "Pay\u202Eyaw", "other": "fine"})
	out := EscapeJSON(in)
	if string(out) == string(in) || Strip(string(out)) != string(out) {
		t.Fatalf("not escaped: %s", out)
	}
	var back map[string]string
	if err := json.Unmarshal(out, &back); err != nil || back["name"] != "Pay\u202Eyaw" {
		t.Errorf("decoded %q (%v)", back["name"], err)
	}
}

func ExampleStrip() {
	name := "Pays the \u202Ellib" // shows as "Pays the bill" reversed
	fmt.Printf("%q\n", Strip(name))
	found, _ := Find(name)
	fmt.Println(Name(found[0]))
	// Output:
	// "Pays the llib"
	// U+202E RIGHT-TO-LEFT OVERRIDE
}
