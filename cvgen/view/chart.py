"""The citations-per-year chart, decided once: which years, which counts, how tall each bar is.

Backends only draw it (an SVG in HTML and the WeasyPrint PDF, Typst rectangles, a table in Word,
LaTeX, Markdown and text). OpenAlex leaves out years without citations, so the gaps between the
first and the last year are filled with zero bars: a missing year is a real zero, not a skipped one.
"""

from __future__ import annotations

from dataclasses import dataclass

from cvgen.locale import Locale
from cvgen.model.cv import CV


@dataclass(frozen=True)
class Bar:
    year: int
    count: int
    percent: int
    """Height as a whole percentage of the tallest bar (0–100), so drawings need no arithmetic."""


@dataclass(frozen=True)
class CitationChart:
    title: str
    bars: tuple[Bar, ...]
    source: str | None = None
    year_label: str = "Year"
    """Row headings where the chart is a table (Word, LaTeX, Markdown, text), in the CV's language."""
    count_label: str = "Citations"

    @property
    def summary(self) -> str:
        """The chart in words ("Citations per year: 2015: 198, 2016: 246"), for screen readers and text."""
        return f"{self.title}: " + ", ".join(f"{b.year}: {b.count}" for b in self.bars)


def citation_chart(cv: CV, loc: Locale) -> CitationChart | None:
    """The chart when ``settings.publications.citation_chart`` asks for it and the metrics have years."""
    m = cv.metrics
    if not cv.settings.publications.citation_chart or m is None or not m.by_year:
        return None
    counts = {c.year: c.citations for c in m.by_year}
    years = range(min(counts), max(counts) + 1)
    tallest = max(counts.values()) or 1
    bars = tuple(Bar(y, counts.get(y, 0), round(100 * counts.get(y, 0) / tallest)) for y in years)
    words = (loc.text("terms.chart_title"), loc.text("terms.chart_year"), loc.text("terms.chart_count"))
    return CitationChart(words[0], bars, m.source, year_label=words[1], count_label=words[2])
