package render

import "github.com/ciclo-dev/ciclo/render/draw"

// Text measuring and escaping live in package render/draw, shared by
// every view; these are the names the clock view uses.
var (
	textWidth = draw.TextWidth
	wrap      = draw.Wrap
	oneLine   = draw.OneLine
	safeURL   = draw.SafeURL
	htmlText  = draw.HTMLText
)

const (
	lineSpacing = draw.LineSpacing
	slack       = draw.Slack
)
