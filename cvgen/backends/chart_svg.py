"""The citations-per-year chart as inline SVG: vector bars in the HTML page and the WeasyPrint PDF.

Written by hand, not by a plotting library: a dozen rectangles and labels, integer coordinates in a
fixed order, so the same chart is the same bytes on every machine. The numbers are real text (a
PDF reader can copy them), and the chart's summary is its accessible name.
"""

from __future__ import annotations

from html import escape

from cvgen.view.chart import CitationChart

BAR, GAP, PLOT, LABEL = 24, 6, 56, 11
"""Bar width, gap between bars, height of the tallest bar and of a label line, in CSS pixels."""


def chart_svg(chart: CitationChart, colour: str) -> str:
    """An ``<svg>`` element for ``chart``; ``colour`` is a #rrggbb fill for the bars."""
    width = len(chart.bars) * (BAR + GAP) - GAP
    height = PLOT + 2 * LABEL + 2
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="citation-chart" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" aria-label="{escape(chart.summary)}">',
        f"<title>{escape(chart.summary)}</title>",
    ]
    for i, bar in enumerate(chart.bars):
        x = i * (BAR + GAP)
        h = round(PLOT * bar.percent / 100)
        top = LABEL + PLOT - h
        middle = x + BAR // 2
        parts.append(f'<rect x="{x}" y="{top}" width="{BAR}" height="{h}" fill="{escape(colour)}"/>')
        parts.append(f'<text x="{middle}" y="{top - 2}" text-anchor="middle" font-size="7.5">{bar.count}</text>')
        parts.append(
            f'<text x="{middle}" y="{height - 2}" text-anchor="middle" font-size="7.5">{bar.year}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
