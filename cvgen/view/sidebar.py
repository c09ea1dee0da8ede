"""Which sections a two-column theme sets in its sidebar, decided once for every format.

A sidebar is narrow (about a third of the page) and sits beside page 1 only: it cannot flow on to
the next page, so it takes only short, undated facts a reader scans (research areas, skills,
languages, interests) and only as many as surely fit beside page 1 with the contacts above them.
Everything else (dated lists, publications, a summary, a long list) stays in the main column.
Themes without a sidebar ignore this; a theme with one reads :attr:`Document.sidebar_sections` and
:attr:`Document.main_sections` rather than choosing in its template, so HTML, both PDF engines and
LaTeX put the same sections beside.
"""

from __future__ import annotations

from collections.abc import Iterable

from cvgen.model.markup import plain
from cvgen.view.document import Contact, Section

SIDEBAR_KEYS = ("research_areas", "skills", "languages", "interests")
"""Section keys that suit a sidebar: the built-in research areas and custom sections of these keys."""
SIDEBAR_MAX_ITEMS = 12
"""More items than this make a section a list for the main column."""
SIDEBAR_CHARS = 1200
"""What a sidebar holds beside page 1, contacts included: about 40 lines of 30 characters (1.6in of
8.5pt sans), two thirds of the column, so wrapping never runs it off the page."""


def fits_sidebar(section: Section) -> bool:
    """A short list of plain facts: a sidebar key, few items, none numbered or with a date, details, links or abstract."""
    if section.key not in SIDEBAR_KEYS or section.intro or section.chart:
        return False
    items = section.items
    if not items or len(items) > SIDEBAR_MAX_ITEMS:
        return False
    return not any(item.date or item.label or item.details or item.links or item.abstract for item in items)


def _length(section: Section) -> int:
    """Characters the section prints, with a line's worth for its heading and for each item's line end."""
    return 30 + sum(len(plain(item.main)) + 15 for item in section.items)


PHOTO_CHARS = 300
"""The photo's share of the sidebar: 1.2in tall and its margin, about ten lines."""


def sidebar_keys(sections: Iterable[Section], contacts: Iterable[Contact] = (), photo: bool = False) -> tuple[str, ...]:
    """The keys of the sections a sidebar theme sets beside the main column, in display order.

    Sections that fit (:func:`fits_sidebar`) are taken in order while the sidebar, the photo and the
    contacts first, stays within :data:`SIDEBAR_CHARS`; the rest stay in the main column.
    """
    used = sum(len(c.text) + len(c.caption or "") + 15 for c in contacts) + (PHOTO_CHARS if photo else 0)
    keys = []
    for section in sections:
        if fits_sidebar(section) and used + _length(section) <= SIDEBAR_CHARS:
            used += _length(section)
            keys.append(section.key)
    return tuple(keys)
