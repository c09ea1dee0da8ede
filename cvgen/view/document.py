"""The prepared document: what every backend renders, identical for all formats.

Everything a reader sees has been decided here: section order and titles, which items appear,
their order, grouping and numbers, dates as display strings, author lists with the owner marked
and markers as superscripts, the legend and the metrics line. A backend only lays it out: it
never sorts, numbers, formats dates or escapes anything other than through its own inline
primitives.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cvgen.model.loaded import Photo
from cvgen.model.markup import Inline
from cvgen.view.chart import CitationChart

__all__ = ["Contact", "Document", "Group", "Header", "Item", "LinkRef", "Meta", "PageLimit", "Photo", "Section"]


@dataclass(frozen=True)
class LinkRef:
    """A labelled link shown after an item ("PDF", "Code", "DOI")."""

    label: str
    href: str


@dataclass(frozen=True)
class Item:
    """One entry: a main line, an optional right-aligned date, and continuation lines."""

    main: Inline
    kind: str
    """The entry kind ("publication", "education", "talk", …), for styling only."""
    date: str = ""
    label: str | None = None
    """Visible number such as "P5" or "T1"; None when the list is not numbered."""
    number: int | None = None
    details: tuple[Inline, ...] = ()
    links: tuple[LinkRef, ...] = ()
    abstract: Inline | None = None
    prominent: bool = False
    numbering_prefix: str | None = None
    """The label is this prefix + ``number`` ("P" for "P5"): formats with real list numbering
    (Word) can number the item themselves. None when the label is the user's own or the list is not
    numbered."""
    detail_style: str = "detail"
    """How ``details`` read: "detail" (a continuation line) or "description" (an honor's citation,
    set apart, e.g. in italics)."""
    direction: str | None = None
    """"ltr" or "rtl" when the main line runs against the document (an English title in an Arabic
    CV), so every format keeps it in its own order; None when it runs with the document."""


@dataclass(frozen=True)
class Group:
    """Items under an optional heading ("Five Representative Publications in Trustworthy ML")."""

    title: Inline | None
    items: tuple[Item, ...]
    numbered: bool = False
    descending: bool = False
    """Numbers count down (P5…P1); HTML uses ``<ol reversed>``."""
    keep_last: bool = False
    """Keep the last two items on one page, so the group never ends with one item alone on a page."""


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    intro: tuple[Inline, ...] = ()
    """Paragraphs shown before the groups: a summary, the metrics line, the legend."""
    groups: tuple[Group, ...] = ()
    layout: str = "entries"
    """"entries" (dated list), "areas" (labelled lines) or "text" (paragraphs only)."""
    chart: CitationChart | None = None
    """Citations per year, drawn after the intro (publications only, when asked for)."""

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for group in self.groups for item in group.items)


@dataclass(frozen=True)
class Contact:
    """One contact line in the header: "Email: x@y" with the address linked."""

    kind: str
    """"email", "phone", "link" or "address"."""
    label: str
    """"Email", "Tel", a link's label, …"""
    text: str
    href: str | None = None
    caption: str | None = None
    """The word shown before the text ("Email", "Tel"), or None when the text speaks for itself
    (a link's label, an address)."""


@dataclass(frozen=True)
class Header:
    name: str
    affiliations: tuple[tuple[Inline, ...], ...] = ()
    """One block per affiliation, each a few lines (rank, department, institution and city)."""
    contacts: tuple[Contact, ...] = ()
    photo: Photo | None = None
    compact_contacts: bool = False
    """Many contacts: a theme that stacks them in a column runs them on one wrapping line instead."""


DEFAULT_PAGE_NUMBER = ("", " / ", "")
"""The footer's "1 / 3" in every language's table; formats write their own form only for another one."""


@dataclass(frozen=True)
class Meta:
    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    description: str
    language: str
    page_size: str
    """"letter" or "a4"."""
    accent_colour: str | None = None
    layout: str = "cv"
    """The profile's layout: "cv", "biosketch", "synergistic", "current-pending" or "nih-biosketch"."""
    direction: str = "ltr"
    """"ltr" or "rtl": the way the CV's language runs; formats mirror their layout for "rtl"."""
    abstract_label: str = "Abstract"
    """The caption of a publication's abstract, in the CV's language."""
    photo_alt: str = ""
    """The photo's text alternative ("Photo of Sijia Liu")."""
    page_number: tuple[str, str, str] = DEFAULT_PAGE_NUMBER
    """The footer's page number as (before, between, after) around the page and the page count:
    "1 / 3"; formats with counters put their own numbers in between."""

    @property
    def localized(self) -> bool:
        """A CV not in English: formats add the language's setup (direction, script fonts, babel),
        while an English CV is written exactly as before languages existed."""
        return self.language.split("-")[0].lower() != "en" or self.direction != "ltr"


@dataclass(frozen=True)
class PageLimit:
    """How many pages a funder allows a document, and whose rule that is (for the message)."""

    pages: int
    rule: str
    """E.g. "NIH biographical sketch: five pages (NIH format page and instructions, OMB No. 0925-0001)"."""


@dataclass(frozen=True)
class Document:
    meta: Meta
    header: Header
    sections: tuple[Section, ...] = field(default_factory=tuple)
    warnings: tuple[str, ...] = ()
    """Things the reader should know (a biosketch over its page limit, …); shown by the CLI."""
    page_limit: PageLimit | None = None
    """A funder's page limit, checked on the rendered PDF (:mod:`cvgen.backends.pages`); None: no limit."""
    fragment_keys: tuple[str, ...] = ("publications",)
    """The sections an embeddable fragment (``RenderOptions.fragment``) keeps, set by the layout."""
    sidebar_keys: tuple[str, ...] = ()
    """The sections a two-column theme sets in its sidebar (:mod:`cvgen.view.sidebar`); none: one column."""

    @property
    def fragment_sections(self) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.key in self.fragment_keys)

    @property
    def sidebar_sections(self) -> tuple[Section, ...]:
        """The sections a sidebar theme sets beside the main column, in display order."""
        return tuple(s for s in self.sections if s.key in self.sidebar_keys)

    @property
    def main_sections(self) -> tuple[Section, ...]:
        """The sections of a sidebar theme's main column: all the others, in display order."""
        return tuple(s for s in self.sections if s.key not in self.sidebar_keys)
