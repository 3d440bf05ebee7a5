package report

// InlineSVG checks an SVG document as HTML checks the diagram (no
// scripts, event handlers, foreign content or fetches) and returns it
// ready to be placed in an HTML page: whatever precedes the root svg
// element dropped, and the given id, class and accessible label set on
// it. Other packages' HTML pages (the diff) use it to embed drawings the
// same way the report does.
func InlineSVG(data []byte, id, class, label string) (string, error) {
	svg, err := diagramSVG(data)
	if err != nil {
		return "", err
	}
	return inlineSVG(svg, id, class, label), nil
}
