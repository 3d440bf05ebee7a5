package diff

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"sync"

	"github.com/ciclo-dev/ciclo/internal/report"
)

// HTMLOptions control the HTML writer.
type HTMLOptions struct {
	Lang string // "en" or "es"
	// Since is the revision compared with (ciclo diff --git), named in the
	// heading.
	Since string
}

//go:embed diff.html.tmpl
var htmlSource string

var htmlTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("diff").Parse(htmlSource))
}) // parsed on first use, not at every start of ciclo

type htmlPage struct {
	Lang, Heading, Summary, PictureCaption string
	Files                                  []htmlFile
}

type htmlFile struct {
	Path, Title, Status, Summary string
	Picture                      template.HTML // checked by report.InlineSVG
	Tables                       []htmlTable
}

type htmlTable struct {
	Title string
	Cols  []htmlCell
	Rows  []htmlRow
}

type htmlRow struct {
	Mark  string
	Cells []htmlCell
}

type htmlCell struct {
	Text  string
	Lines []string
	Num   bool
}

// HTML writes the files' diffs as one self-contained page (no external
// style sheets, scripts, fonts or images): a summary, then per file its
// picture, when File.Picture is set, and the same tables as Markdown, in
// full. Row marks (added, removed, score up or down, became or stopped
// being critical) are shown by the words and arrows in the cells, the
// edge colour only repeats them. Text from the cycle files is escaped;
// pictures must pass report.InlineSVG's checks.
func HTML(files []File, opts HTMLOptions) ([]byte, error) {
	l := lang(opts.Lang)
	p := htmlPage{Lang: l, Heading: word(l, "title"), Summary: mdSummary(files, l), PictureCaption: word(l, "picture")}
	if opts.Since != "" {
		p.Heading = fmt.Sprintf(word(l, "since"), opts.Since)
	}
	several := len(files) > 1 || (len(files) == 1 && files[0].Path != "")
	if !several {
		p.Summary = "" // the file's own line says it, with the title
	}
	for i, f := range files {
		if several && f.unchanged() {
			continue
		}
		hf := htmlFile{Path: f.Path, Title: f.Title, Summary: f.Diff.Summary(l)}
		switch f.Status {
		case FileAdded:
			hf.Status = word(l, "file_added")
		case FileDeleted:
			hf.Status = word(l, "file_deleted")
		}
		if len(f.Picture) > 0 {
			svg, err := report.InlineSVG(f.Picture, fmt.Sprintf("diff-picture-%d", i+1), "diagram", word(l, "picture_alt"))
			if err != nil {
				return nil, fmt.Errorf("picture of %s: %w", f.Path, err)
			}
			hf.Picture = template.HTML(svg) // checked above
		}
		for _, t := range f.Diff.tables(l) {
			ht := htmlTable{Title: t.title}
			for i, c := range t.cols {
				ht.Cols = append(ht.Cols, htmlCell{Text: c, Num: t.num[i]})
			}
			for r, row := range t.rows {
				hr := htmlRow{Mark: t.marks[r]}
				for i, c := range row {
					hr.Cells = append(hr.Cells, htmlCell{Lines: c, Num: t.num[i]})
				}
				ht.Rows = append(ht.Rows, hr)
			}
			hf.Tables = append(hf.Tables, ht)
		}
		p.Files = append(p.Files, hf)
	}
	var buf bytes.Buffer
	if err := htmlTemplate().Execute(&buf, p); err != nil {
		return nil, fmt.Errorf("diff html: %w", err)
	}
	return buf.Bytes(), nil
}
