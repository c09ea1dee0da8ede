"""Which sections a two-column theme sets in its sidebar, decided once for every format.

A sidebar is narrow (about a third of the page) and sits beside page 1 only, so it takes short,
undated facts a reader scans: research areas, skills, languages, interests. Everything else (dated
lists, publications, a summary) stays in the main column. Themes without a sidebar ignore this; a
theme with one reads :attr:`Document.sidebar_sections` and :attr:`Document.main_sections` rather
than choosing in its template, so HTML, both PDF engines and LaTeX put the same sections beside.
"""

from __future__ import annotations

from collections.abc import Iterable

from cvgen.view.document import Section

SIDEBAR_KEYS = ("research_areas", "skills", "languages", "interests")
"""Section keys that suit a sidebar: the built-in research areas and custom sections of these keys."""
SIDEBAR_MAX_ITEMS = 12
"""More items than this would overflow the first page's sidebar: such a section stays in the main column."""


def fits_sidebar(section: Section) -> bool:
    """A short list of plain facts: a sidebar key, few items, none numbered or with a date, details, links or abstract."""
    if section.key not in SIDEBAR_KEYS or section.intro or section.chart:
        return False
    items = section.items
    if not items or len(items) > SIDEBAR_MAX_ITEMS:
        return False
    return not any(item.date or item.label or item.details or item.links or item.abstract for item in items)


def sidebar_keys(sections: Iterable[Section]) -> tuple[str, ...]:
    """The keys of the sections a sidebar theme sets beside the main column, in display order."""
    return tuple(section.key for section in sections if fits_sidebar(section))
