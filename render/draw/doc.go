// Package draw is the positioned drawing model every ciclo diagram is
// made of, and its DOT writer.
//
// A view (the clock face of package render; later the journey, the
// blueprint, the importance–performance grid, a visual diff) turns an
// analysed cycle into a [Drawing]: boxes with text, routes with
// arrowheads, markers, a legend and a notes panel, each at its final
// place on a page. Nothing downstream moves anything: [Drawing.DOT]
// writes the drawing for Graphviz's neato -n2 (which keeps every
// position) and render.Write turns that into SVG, xdot, PNG or PDF the
// same way for every view.
//
// # Producing a drawing
//
// Coordinates are points (1/72 inch) with y pointing up; the origin is
// wherever the view likes. A view:
//
//  1. measures its text with [TextWidth] and [Wrap] (Graphviz's own
//     Helvetica widths, which the painters' Liberation Sans shares), or
//     builds a [Label] with [Label.Add], whose [Label.Size] includes
//     [Slack];
//  2. places [Box]es (shape, fill, [Stroke] with dash, a double outline,
//     rounded corners of [CornerRadius]) with their labels, [Marker]s
//     (numbered discs, dots filled to a fraction) and [Route]s between
//     boxes: a cubic Bézier path built with [Line], [Polyline] or [Arc],
//     ending [ArrowLen] before the arrowhead's Tip;
//  3. names what a reader of the SVG needs: [Meta] gives each item its
//     SVG id and classes (and a link);
//  4. adds a legend ([NewLegend], [Legend.AddRow] with samples drawn about
//     the origin, [Legend.Place]) and a notes panel ([StackPanel], which
//     hands back the rows that do not fit the page, for
//     [Drawing.Continued]);
//  5. sets the page: [Drawing.FitPage] for a page sized to the content
//     ("auto"), or a [Paper] from [LookupPaper] turned by
//     [Paper.Oriented], with the content laid out for it (font sizes
//     down to [MinNameSize], [MinNoteSize], [MinTitleSize] at the
//     paper's physical size) and [Drawing.Warnings] for what could not be
//     kept; a view laid out in rows over several pages of the paper puts
//     the pages after the first in [Drawing.More] (PDF pages), with
//     [Drawing.MoreNote] for the writers that paint one page.
//
// Geometry tests read the model directly: [Drawing.Each] visits every
// item, [Item.Bounds] gives its extent, [Label.Place] the box of every
// line of text.
package draw
