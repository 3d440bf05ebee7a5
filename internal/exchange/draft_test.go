package exchange

import "testing"

func TestSlugAndIDs(t *testing.T) {
	for in, want := range map[string]string{
		"Ñandú  Café: el mostrador": "nandu-cafe-el-mostrador",
		"  Llega al mostrador  ":    "llega-al-mostrador",
		"Pays the 2nd invoice (ES)": "pays-the-2nd-invoice-es",
		"¿?":                        "",
		"取消订单":                      "",
		"A very long moment name that keeps going on and on": "a-very-long-moment-name-that-keeps-going",
	} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
	d := &draft{Moments: []*draftMoment{
		{Name: "Paga"}, {Name: "Paga"}, {Name: "¿?"}, {ID: "paga-2", Name: "Otra"}, {ID: "Bad ID", Name: "Mal"}, {ID: "ok", Name: "X"}, {ID: "ok", Name: "Y"},
	}}
	var notes []Note
	assignIDs(d, &notes, "en")
	want := []string{"paga", "paga-3", "moment-3", "paga-2", "mal", "ok", "y"}
	for i, m := range d.Moments {
		if m.ID != want[i] {
			t.Errorf("moment %d: id %q, want %q", i+1, m.ID, want[i])
		}
	}
	if len(notes) != 2 {
		t.Errorf("notes %v: want one for the bad id and one for the repeated one", notes)
	}
}

func TestScalesAndNumbers(t *testing.T) {
	for _, tc := range []struct {
		rng   string
		v     float64
		scale int
		want  float64
	}{
		{"-2..2", -2, 5, 1}, {"−2..+2", 0, 5, 3}, {"-2..2", 2, 5, 5}, {"-2..2", 1, 5, 4},
		{"1..10", 10, 5, 5}, {"1..10", 1, 5, 1}, {"1..10", 5.5, 5, 3}, {"1..10", 7, 5, 3.67}, {"1..10", 7, 10, 7},
		{"%", 35, 5, 2.4}, {"0..100", 100, 7, 7}, {"percent", 50, 10, 5.5},
	} {
		r, err := ParseRange(tc.rng)
		if err != nil {
			t.Fatalf("%s: %v", tc.rng, err)
		}
		if got := r.convert(tc.v, tc.scale); got != tc.want {
			t.Errorf("%s: %v on 1..%d = %v, want %v", tc.rng, tc.v, tc.scale, got, tc.want)
		}
	}
	for _, bad := range []string{"", "5", "2..1", "a..b", "1..1"} {
		if _, err := ParseRange(bad); err == nil {
			t.Errorf("ParseRange(%q) accepted", bad)
		}
	}
	for in, want := range map[string]float64{"4": 4, " 4 ": 4, "4,5": 4.5, "4.5": 4.5, "80%": 80, "+2": 2, "−1": -1, "3.0": 3} {
		if got, ok := parseNumber(in); !ok || got != want {
			t.Errorf("parseNumber(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "high", "1.234,5", "NaN", "Inf", "4 5"} {
		if v, ok := parseNumber(bad); ok {
			t.Errorf("parseNumber(%q) = %v, want not a number", bad, v)
		}
	}
	if formatNumber(3.666) != "3.67" || formatNumber(4) != "4" || formatNumber(2.5) != "2.5" {
		t.Error("formatNumber: at most two decimals, whole numbers bare")
	}
}
