package cycle

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// DecimalPlaces is how many decimal places a Decimal holds: scores are
// kept in hundredths, the precision published survey means are reported
// in. A cycle file may write more places only when the extra digits are
// zeros (3.500); "3.825" is an error, never silently rounded, because
// rounding could move a score across a threshold. Means computed by ciclo
// itself (ciclo import --responses) are rounded half away from zero to
// hundredths.
const DecimalPlaces = 2

const unit = 100 // hundredths in one

// Decimal is a score as a cycle file writes it: importance, performance,
// a dimension's expected and perceived scores, and the critical
// thresholds. It holds an exact count of hundredths, so differences and
// comparisons are exact (4.1 - 3.1 is exactly 1, unlike float64), and a
// whole number prints as it always did ("4").
//
// The zero Decimal means "not given": no score is below 1. Decimals
// compare with Cmp (or ==, which is exact); a difference of two scores
// (a SERVQUAL gap) may be zero or negative.
type Decimal struct{ h int64 }

// Whole returns the whole number n as a Decimal.
func Whole(n int) Decimal { return Decimal{int64(n) * unit} }

// Hundredths returns the Decimal of h hundredths: Hundredths(383) is 3.83.
func Hundredths(h int64) Decimal { return Decimal{h} }

// DecimalOf rounds f half away from zero to hundredths, as its shortest
// decimal form reads (3.825 is 3.83, though the float64 nearest 3.825 is
// a little below it). It is for values ciclo computes (medians, means),
// never for values read from a file, which ParseDecimal reads exactly. NaN
// and infinities give zero.
func DecimalOf(f float64) Decimal {
	if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1e15 {
		return Decimal{}
	}
	s := strconv.FormatFloat(math.Abs(f), 'f', -1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	up := len(frac) > DecimalPlaces && frac[DecimalPlaces] >= '5'
	if len(frac) > DecimalPlaces {
		frac = frac[:DecimalPlaces]
	}
	d, _ := ParseDecimal(whole + "." + frac + "0")
	if up {
		d.h++
	}
	if f < 0 {
		d.h = -d.h
	}
	return d
}

// ErrDecimalPlaces is returned by ParseDecimal for a number with more
// decimal places than DecimalPlaces (other than trailing zeros).
var ErrDecimalPlaces = errors.New("more than two decimal places")

// ErrDecimalRange is returned by ParseDecimal for a number of more than
// fifteen whole digits, far beyond any scale.
var ErrDecimalRange = errors.New("number too large")

// errNotDecimal is returned by ParseDecimal for text that is not a plain
// decimal number.
var errNotDecimal = errors.New("not a decimal number")

// ParseDecimal reads a plain decimal number exactly: digits, optionally a
// point and more digits ("4", "3.5", "3.83", "-1.25"). More than two
// decimal places are refused with ErrDecimalPlaces unless the extra
// digits are zeros; exponents, hexadecimal, signs other than a leading
// '-' and blanks are refused.
func ParseDecimal(s string) (Decimal, error) {
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	whole, frac, dot := strings.Cut(s, ".")
	if whole == "" || (dot && frac == "") || !digits(whole) || !digits(frac) {
		return Decimal{}, errNotDecimal
	}
	if len(frac) > DecimalPlaces {
		if strings.Trim(frac[DecimalPlaces:], "0") != "" {
			return Decimal{}, ErrDecimalPlaces
		}
		frac = frac[:DecimalPlaces]
	}
	frac += strings.Repeat("0", DecimalPlaces-len(frac))
	if len(strings.TrimLeft(whole, "0")) > 15 {
		return Decimal{}, ErrDecimalRange
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	f, _ := strconv.ParseInt(frac, 10, 64)
	h := w*unit + f
	if neg {
		h = -h
	}
	return Decimal{h}, nil
}

func digits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// IsZero reports whether d is zero: for a score, that it was not given.
func (d Decimal) IsZero() bool { return d.h == 0 }

// IsWhole reports whether d has no fractional part.
func (d Decimal) IsWhole() bool { return d.h%unit == 0 }

// Hundredths returns d as a count of hundredths (3.83 is 383).
func (d Decimal) Hundredths() int64 { return d.h }

// Float64 returns d as a float64, for drawing and averages.
func (d Decimal) Float64() float64 { return float64(d.h) / unit }

// Cmp returns -1, 0 or +1 as d is less than, equal to or greater than e.
func (d Decimal) Cmp(e Decimal) int {
	switch {
	case d.h < e.h:
		return -1
	case d.h > e.h:
		return 1
	}
	return 0
}

// Add returns d + e, exactly.
func (d Decimal) Add(e Decimal) Decimal { return Decimal{d.h + e.h} }

// Sub returns d - e, exactly.
func (d Decimal) Sub(e Decimal) Decimal { return Decimal{d.h - e.h} }

// Mul returns d × n, exactly.
func (d Decimal) Mul(n int) Decimal { return Decimal{d.h * int64(n)} }

// Div returns d / n rounded half away from zero to hundredths, the mean of
// n values that sum to d. It returns zero when n <= 0.
func (d Decimal) Div(n int) Decimal {
	if n <= 0 {
		return Decimal{}
	}
	q := (2*abs(d.h) + int64(n)) / (2 * int64(n))
	if d.h < 0 {
		q = -q
	}
	return Decimal{q}
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// String formats d exactly, without trailing zeros: "4", "3.5", "3.83",
// "-0.25". Whole numbers print as plain integers, as they always have.
func (d Decimal) String() string {
	sign := ""
	h := d.h
	if h < 0 {
		sign, h = "-", -h
	}
	w, f := h/unit, h%unit
	if f == 0 {
		return sign + strconv.FormatInt(w, 10)
	}
	fs := strings.TrimRight(strconv.FormatInt(unit+f, 10)[1:], "0")
	return sign + strconv.FormatInt(w, 10) + "." + fs
}

// Short formats d for a drawing or a table cell: a whole number as an
// integer ("4"), any other value with one decimal, rounded half away from
// zero ("3.83" is "3.8", "2.96" is "3.0", so it never reads as a whole
// score that was not measured).
func (d Decimal) Short() string {
	if d.IsWhole() {
		return d.String()
	}
	h := d.h
	sign := ""
	if h < 0 {
		sign, h = "-", -h
	}
	tenths := (h + 5) / 10
	if tenths == 0 {
		sign = ""
	}
	return sign + strconv.FormatInt(tenths/10, 10) + "." + strconv.FormatInt(tenths%10, 10)
}

// MarshalJSON writes d as a JSON number with every decimal it holds.
func (d Decimal) MarshalJSON() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalJSON reads a JSON number written by MarshalJSON.
func (d *Decimal) UnmarshalJSON(b []byte) error {
	v, err := ParseDecimal(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
