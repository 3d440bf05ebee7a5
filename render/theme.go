package render

// theme is a palette. Every colour is #RRGGBB.
type theme struct {
	Background string
	Ink        string // main text
	Muted      string // secondary text: owners, due dates
	Fill       string // moment fill
	Border     string // moment border
	CritFill   string
	CritBorder string
	CritText   string // the critical marker
	Flow       string // ring edges
	Handoff    string
	Branch     string
	// BranchStyle is the dash of a branch (a Graphviz style): empty
	// (solid) where hue tells branches apart, dotted where it cannot.
	BranchStyle string
	NoteFill    string
	NoteBorder  string
	Mark        string // end marker and callout badges (white text on it)
	Frame       string // legend frame
}

var themes = map[string]*theme{
	"default": {
		Background: "#FFFFFF", Ink: "#1F2933", Muted: "#52606D",
		Fill: "#F0F4F8", Border: "#627D98",
		CritFill: "#FDE8E8", CritBorder: "#B42318", CritText: "#B42318",
		Flow: "#52606D", Handoff: "#7B2CBF", Branch: "#0B7285",
		NoteFill: "#FFF8E1", NoteBorder: "#B7950B",
		Mark: "#1F2933", Frame: "#BCCCDC",
	},
	// print is greyscale: it survives black-and-white printing and
	// photocopies; marks differ by shape, weight and dash, never by hue.
	"print": {
		Background: "#FFFFFF", Ink: "#000000", Muted: "#404040",
		Fill: "#FFFFFF", Border: "#404040",
		CritFill: "#E0E0E0", CritBorder: "#000000", CritText: "#000000",
		Flow: "#404040", Handoff: "#000000", Branch: "#404040", BranchStyle: "dotted",
		NoteFill: "#FFFFFF", NoteBorder: "#808080",
		Mark: "#000000", Frame: "#A0A0A0",
	},
	// contrast uses the Okabe-Ito palette, distinguishable with the common
	// colour-vision deficiencies.
	"contrast": {
		Background: "#FFFFFF", Ink: "#000000", Muted: "#333333",
		Fill: "#E6F1F8", Border: "#0072B2",
		CritFill: "#FBE3D0", CritBorder: "#D55E00", CritText: "#A04000",
		Flow: "#333333", Handoff: "#CC79A7", Branch: "#009E73",
		NoteFill: "#FFF3D6", NoteBorder: "#E69F00",
		Mark: "#000000", Frame: "#999999",
	},
}
