"""How the document looks and what it contains: section order, numbering, grouping, profiles."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Discriminator, Field, Tag, WithJsonSchema

from cvgen.model.base import Model
from cvgen.model.dates import Date, DateStyle
from cvgen.model.markup import RichText
from cvgen.model.strings import StringOverrides
from cvgen.model.text import PlainText, clean_text

SectionKey = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]*$")]

BUILTIN_SECTIONS: tuple[str, ...] = (
    "research_areas",
    "summary",
    "education",
    "positions",
    "honors",
    "grants",
    "publications",
    "talks",
    "teaching",
    "mentoring",
    "service",
)

_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def _check_colour(value: str) -> str:
    """Accept #rgb or #rrggbb and store #rrggbb, the one form every backend (CSS, Word, xcolor, Typst) takes."""
    if not _COLOUR.match(value):
        raise ValueError(f"{value!r} is not a colour; write it as #rgb or #rrggbb")
    digits = value[1:].lower()
    return "#" + ("".join(c * 2 for c in digits) if len(digits) == 3 else digits)


Colour = Annotated[str, AfterValidator(_check_colour)]

CITATION_STYLES = (
    "cvgen", "apa", "ieee", "chicago-author-date", "chicago-note-bibliography", "vancouver", "nature", "acm",
    "harvard", "mla", "ama",
)
"""Citation style names cvgen knows; any other style is a ``.csl`` file (see :mod:`cvgen.citations`)."""


def _check_citation_style(value: str) -> str:
    if value in CITATION_STYLES or value.lower().endswith(".csl"):
        return value
    raise ValueError(f"unknown citation style {value!r}: use one of {', '.join(CITATION_STYLES)}, or a .csl file")


CitationStyleName = Annotated[
    PlainText,
    AfterValidator(_check_citation_style),
    WithJsonSchema({"anyOf": [{"enum": list(CITATION_STYLES)}, {"type": "string", "pattern": r"\.[cC][sS][lL]$"}]}),
]


class Numbering(Model):
    """How a list is numbered: the seed counts publications down per group (P5…P1) and talks up."""

    style: Literal["descending", "ascending", "none"] = "descending"
    """Count down (P5…P1), up (T1…T5), or leave unnumbered."""
    prefix: PlainText | None = None
    """Text before each number, e.g. "P"."""
    scope: Literal["group", "list"] = "group"
    """Restart numbers in each group, or run through the whole list."""
    permanent: bool = False
    """Show each item's ``id`` instead of its position."""
    prefixes: dict[PlainText, PlainText] = {}
    """Prefix per group, by group key (a kind such as ``journal``, a topic key or a year), overriding ``prefix``."""


class Topic(Model):
    key: SectionKey
    """Identifier that publications list in their ``topics``."""
    title: RichText
    """Group heading, e.g. "Five Representative Publications in *Trustworthy ML*"."""


class PublicationSettings(Model):
    group_by: Literal["topic", "kind", "year", "none"] = "none"
    """Group publications under headings by topic, kind or year, or not at all."""
    topics: tuple[Topic, ...] = ()
    """Topic groups in display order (used when ``group_by: topic``)."""
    kind_order: tuple[PlainText, ...] = ()
    """Order of kind groups (used when ``group_by: kind``); unlisted kinds follow."""
    sort: Literal["newest", "oldest", "as-written"] = "as-written"
    """Order within each group."""
    numbering: Numbering = Numbering(style="descending", prefix="P")
    """How publications are numbered."""
    max_authors: int | None = Field(default=None, ge=1)
    """Truncate longer author lists with "et al." (the owner always stays visible)."""
    show_abstracts: bool = False
    """Show each publication's abstract."""
    show_links: bool = True
    """Show each publication's links and DOI."""
    show_categories: bool = True
    """Show subject categories (arXiv's cs.LG) under each publication."""
    show_tags: bool = False
    """Show free-form tags under each publication."""
    show_citations: bool = True
    """Show each publication's own citation count ("Cited by 120") when it has one."""
    citation_chart: bool = False
    """Draw citations per year (``metrics.by_year``) under the metrics line: bars in HTML and PDF, a
    small table in Word, LaTeX, Markdown and text."""
    layout: Literal["citation", "title-first"] = "citation"
    """"citation": authors, "title," venue, year (a CV). "title-first": linked title, then authors, then
    venue and awards on their own lines (a lab web page)."""
    kind_titles: dict[PlainText, PlainText] = {}
    """Group headings per kind (``group_by: kind``), overriding "Journal Articles", "Conference Papers", …"""
    metrics_sentence: RichText | None = None
    """Sentence for the metrics line; placeholders {source}, {citations}, {h_index}, {as_of}, {papers}."""
    style: CitationStyleName = "cvgen"
    """Citation style of each entry: "cvgen" (the layout above), a built-in CSL style (apa, ieee,
    chicago-author-date, chicago-note-bibliography, vancouver, nature, acm, harvard, mla, ama), or
    the path of a .csl file next to the CV. Numbering, grouping, notes, awards and markers still apply."""


class Markers(Model):
    student: PlainText = "†"
    """Marker after the names of students under the owner's supervision."""
    equal: PlainText = "*"
    """Marker after the names of equal contributors."""
    corresponding: PlainText = "✉"
    """Marker after the corresponding author's name."""


class Legend(Model):
    """Wording of the legend; only the markers actually used are listed."""

    student: RichText = "{marker} denotes student authors **under my supervision**"
    """Legend text for the student marker; {marker} is replaced by the marker."""
    equal: RichText = "{marker} denotes equal contribution"
    """Legend text for the equal-contribution marker."""
    corresponding: RichText = "{marker} denotes the corresponding author"
    """Legend text for the corresponding-author marker."""
    members: RichText = "Authors in **bold** are group members"
    """Lab mode (``group_members``): the sentence explaining the bold names."""
    order: tuple[Literal["members", "student", "equal", "corresponding"], ...] = (
        "members", "equal", "student", "corresponding"
    )
    """Order of the parts of the legend."""
    separator: Annotated[str, AfterValidator(clean_text)] = "; "  # spaces kept; control characters refused
    """Text between the parts of the legend."""


class SectionSpec(Model):
    key: SectionKey
    """A section key: a built-in section or a custom section's ``key``."""
    title: PlainText | None = None
    """Heading to show instead of the default."""


def _section_form(value: object) -> str:
    return "spec" if isinstance(value, (dict, SectionSpec)) else "key"


SectionRef = Annotated[
    Annotated[SectionKey, Tag("key")] | Annotated[SectionSpec, Tag("spec")], Discriminator(_section_form)
]
"""A section named by its key, or ``{key, title}``; a mapping is checked only as the latter (one clear error)."""


HiddenField = Literal["phone", "address", "photo", "email", "links", "pronouns"]
"""Personal details a profile can leave out (``person.phones``, ``address``, ``photo``, ``emails``, ``links``, ``pronouns``)."""


class Profile(Model):
    """A named variant of the CV (``full``, ``selected``, ``annual-2025``) chosen with ``--profile``."""

    sections: tuple[SectionRef, ...] | None = None
    """Sections in display order for this profile; default: the settings' order."""
    selected_only: bool = False
    """Only publications and talks marked ``selected``."""
    since: Date | None = None
    """Only items from this date on."""
    until: Date | None = None
    """Only items up to this date."""
    max_items: int | None = Field(default=None, ge=1)
    """At most this many items per section."""
    show_abstracts: bool | None = None
    """Show publication abstracts (overrides the publication settings)."""
    layout: Literal["cv", "biosketch", "synergistic", "current-pending", "nih-biosketch"] = "cv"
    """A full CV, or a funder's document (see docs/grants.md): "biosketch" (NSF Common Form biographical
    sketch), "synergistic" (NSF Synergistic Activities), "current-pending" (Current and Pending (Other)
    Support) or "nih-biosketch" (NIH biographical sketch)."""
    page_limit: int | None = Field(default=None, ge=1)
    """Pages the rendered PDF may have; default: the funder's own limit (NIH biosketch 5, Synergistic
    Activities 1, none otherwise). Measured on the PDF: a warning, an error with ``--strict``."""
    include_tags: tuple[PlainText, ...] = ()
    """Keep only tagged entries, talks, bullets and publications carrying one of these tags (untagged ones stay)."""
    exclude_tags: tuple[PlainText, ...] = ()
    """Leave out whatever carries one of these tags (wins over ``include_tags``)."""
    hide: tuple[HiddenField, ...] = ()
    """Personal details this variant leaves out, e.g. ``[phone, address, photo]`` for a public CV."""


class Settings(Model):
    theme: PlainText = "classic"
    """A built-in theme (classic, modern, banner, compact, sidebar) or the path of a theme folder."""
    page_size: Literal["letter", "a4"] = "letter"
    """Paper size for PDF, DOCX and LaTeX."""
    pdf_engine: Literal["weasyprint", "typst"] = "weasyprint"
    """What lays out the PDF (``-f pdf``): weasyprint, from the theme's HTML/CSS (user CSS themes), or
    typst, from its cv.typ.j2 (several times faster); ``--pdf-engine`` overrides it."""
    language: PlainText = Field(default="en", pattern=r"^[a-zA-Z]{2,3}(-[A-Za-z0-9]{2,8})*$")
    """Language of every word cvgen writes (section titles, dates, "present", "et al."), as a BCP 47 tag
    (en, de, pt-BR, zh-Hant, ar); see docs/languages.md for the list."""
    strings: StringOverrides = {}
    """Any word cvgen writes, by key, replacing the language's own, e.g. ``terms.present: heute``
    (keys and placeholders in docs/languages.md)."""
    accent_colour: Colour | None = None
    """Accent colour as #rgb or #rrggbb, for themes that use one."""
    sections: tuple[SectionRef, ...] | None = None
    """Sections in display order, each a key or ``{key, title}``; default: every non-empty section."""
    titles: dict[SectionKey, PlainText] = {}
    """Section titles overriding the defaults, by key."""
    date_style: DateStyle = "abbr"
    """How dates are printed: abbr (Mar. 2016), long (March 2016), numeric (03/2016), iso (2016-03) or year."""
    date_styles: dict[SectionKey, DateStyle] = {"talks": "numeric"}
    """Per-section date styles overriding ``date_style``."""
    publications: PublicationSettings = PublicationSettings()
    """Grouping, sorting, numbering and display of publications."""
    talks_numbering: Numbering = Numbering(style="ascending", prefix="T")
    """How talks are numbered."""
    markers: Markers = Markers()
    """The author markers used in publication lists."""
    legend: Legend = Legend()
    """Wording of the marker legend."""
    group_members: tuple[PlainText, ...] = ()
    """Lab mode: these names are bolded like the owner's in author lists."""
    profiles: dict[SectionKey, Profile] = {}
    """Named variants of the CV, chosen with ``--profile``."""
