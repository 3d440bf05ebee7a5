package testtool

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"unicode/utf16"

	"rsc.io/pdf"
)

// PDFText extracts the text of every page of a PDF written by fpdf, one
// line per text-showing operator, in pure Go (rsc.io/pdf). fpdf sets
// Unicode text in Identity-H fonts whose codes are UTF-16BE, with an
// identity ToUnicode map (which lets viewers copy the text); the map is
// checked, then the codes decoded. Other encodings fail the test.
func PDFText(t testing.TB, b []byte) string {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("read pdf: %v", err)
	}
	var sb strings.Builder
	for i := 1; i <= r.NumPage(); i++ {
		p := r.Page(i)
		fonts := p.Resources().Key("Font")
		for _, name := range fonts.Keys() {
			f := fonts.Key(name)
			cmap, err := io.ReadAll(f.Key("ToUnicode").Reader())
			if err != nil {
				t.Fatalf("font %s: ToUnicode: %v", name, err)
			}
			if enc := f.Key("Encoding").Name(); enc != "Identity-H" || !bytes.Contains(cmap, []byte("<0000> <FFFF> <0000>")) {
				t.Fatalf("font %s: encoding %q, ToUnicode %q: not the identity map this reader decodes", name, enc, cmap)
			}
		}
		decode := func(raw string) {
			u := make([]uint16, 0, len(raw)/2)
			for j := 0; j+1 < len(raw); j += 2 {
				u = append(u, uint16(raw[j])<<8|uint16(raw[j+1]))
			}
			sb.WriteString(string(utf16.Decode(u)))
		}
		pdf.Interpret(p.V.Key("Contents"), func(stk *pdf.Stack, op string) {
			args := make([]pdf.Value, stk.Len())
			for k := len(args) - 1; k >= 0; k-- {
				args[k] = stk.Pop()
			}
			switch op {
			case "Tj":
				decode(args[0].RawString())
				sb.WriteByte('\n')
			case "TJ":
				for k := 0; k < args[0].Len(); k++ {
					decode(args[0].Index(k).RawString())
				}
				sb.WriteByte('\n')
			}
		})
	}
	return sb.String()
}
