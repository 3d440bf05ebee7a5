// Package msg is ciclo's one message catalog: every word ciclo prints, in
// every language it speaks, for every package.
//
// Messages are written in the code in English, as the text itself or as an
// fmt format, and translated through the catalog, which is keyed by that
// English text. A translation of a format takes the same arguments with
// the same verbs; it may reorder them with explicit indexes (%[2]s).
// English needs no catalog; each other language is one file of this
// package (es.go) that registers its catalog, so adding a language is
// adding one file.
//
// A word whose English is the same for two meanings that other languages
// tell apart ("responsiveness", a SERVQUAL dimension and a pillar of an
// improvement) takes a context: Tc(lang, "pillar", "responsiveness") is
// keyed "pillar|responsiveness".
//
// The test of this package reads every Go file of ciclo and fails when a
// text passed to T, Tc, Sprintf, Plural, N or Nc (or to a package's own
// formatting helpers, such as cycle's errorf or the command line's
// misusef) is not a literal, has no translation in a language, or its
// translation takes other verbs; and when a catalog holds a key no code
// uses.
package msg

import (
	"fmt"
	"reflect"
	"sort"
)

// Catalog maps English texts and formats to their translations in one
// language.
type Catalog map[string]string

var catalogs = map[string]Catalog{}

// register adds the catalog of a language; each language file calls it
// once, for a package-level variable.
func register(lang string, c Catalog) Catalog {
	catalogs[lang] = c
	return c
}

// Languages lists the languages ciclo speaks: "en" first, then the others
// in alphabetical order.
func Languages() []string {
	out := []string{"en"}
	var rest []string
	for l := range catalogs {
		rest = append(rest, l)
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// Has reports whether ciclo speaks lang.
func Has(lang string) bool {
	_, ok := catalogs[lang]
	return ok || lang == "en"
}

// Lookup returns the translation of the English key into lang.
func Lookup(lang, key string) (string, bool) {
	t, ok := catalogs[lang][key]
	return t, ok
}

// T translates an English text into lang; English, a language ciclo does
// not speak, or a text without translation stays as it is.
func T(lang, text string) string {
	if t, ok := catalogs[lang][text]; ok {
		return t
	}
	return text
}

// Tc translates a text that needs a context to be told apart (see the
// package documentation).
func Tc(lang, context, text string) string {
	if t, ok := catalogs[lang][context+"|"+text]; ok {
		return t
	}
	return text
}

// Sprintf fills in the translation of format into lang with args.
func Sprintf(lang, format string, args ...any) string {
	return fmt.Sprintf(T(lang, format), args...)
}

// singular holds, for each language whose rule is not English's, whether
// a count takes the singular form; a language's file adds its rule.
// English, and every language not listed (Spanish among them), takes it
// for 1 alone.
var singular = map[string]func(n int) bool{}

// Plural is the form of a text for a count n, translated into lang: one,
// the English singular, or many, the plural, as lang's rule says (its
// catalog file may add the rule to singular). For a table of words already
// in lang (from Struct), it picks between them the same way: T leaves a
// text that is not a key as it is.
func Plural(lang string, n int, one, many string) string {
	rule, ok := singular[lang]
	if !ok {
		rule = func(n int) bool { return n == 1 }
	}
	if rule(n) {
		return T(lang, one)
	}
	return T(lang, many)
}

// N marks an English text for the catalog without translating it, for
// tables of words translated later with T; it returns text.
func N(text string) string { return text }

// Nc is N for a text with a context, translated later with Tc.
func Nc(context, text string) string { return text }

// Struct gives a table of words in every language of the catalog: a copy
// of english with each string field, and each value of each map field of
// strings, translated (through Tc with context, or T when context is
// empty). The words are marked with N or Nc where the table is written.
func Struct[W any](english W, context string) map[string]W {
	tr := func(lang, s string) string {
		if context != "" {
			return Tc(lang, context, s)
		}
		return T(lang, s)
	}
	out := map[string]W{}
	for _, lang := range Languages() {
		w := english
		v := reflect.ValueOf(&w).Elem()
		for i := range v.NumField() {
			switch f := v.Field(i); {
			case f.Kind() == reflect.String:
				f.SetString(tr(lang, f.String()))
			case f.Kind() == reflect.Map && f.Type().Elem().Kind() == reflect.String:
				m := reflect.MakeMapWithSize(f.Type(), f.Len())
				for it := f.MapRange(); it.Next(); {
					m.SetMapIndex(it.Key(), reflect.ValueOf(tr(lang, it.Value().String())).Convert(f.Type().Elem()))
				}
				f.Set(m)
			}
		}
		out[lang] = w
	}
	return out
}
