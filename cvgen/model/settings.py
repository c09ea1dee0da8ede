"""How the document looks and what it contains: section order, numbering, grouping, profiles."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from cvgen.model.base import Model
from cvgen.model.dates import Date, DateStyle
from cvgen.model.markup import RichText
from cvgen.model.text import PlainText

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

DEFAULT_TITLES: dict[str, str] = {
    "research_areas": "Research Areas",
    "summary": "Summary",
    "education": "Education",
    "positions": "Professional Experience",
    "honors": "Honors and Awards",
    "grants": "Grants",
    "publications": "Publications",
    "talks": "Talks",
    "teaching": "Teaching",
    "mentoring": "Mentoring",
    "service": "Service",
}

_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def _check_colour(value: str) -> str:
    if not _COLOUR.match(value):
        raise ValueError(f"{value!r} is not a colour; write it as #rgb or #rrggbb")
    return value.lower()


Colour = Annotated[str, AfterValidator(_check_colour)]


class Numbering(Model):
    """How a list is numbered: the seed counts publications down per group (P5…P1) and talks up."""

    style: Literal["descending", "ascending", "none"] = "descending"
    prefix: PlainText | None = None
    scope: Literal["group", "list"] = "group"
    """Restart numbers in each group, or run through the whole list."""
    permanent: bool = False
    """Show each item's ``id`` instead of its position."""


class Topic(Model):
    key: SectionKey
    title: RichText
    """Group heading, e.g. "Five Representative Publications in *Trustworthy ML*"."""


class PublicationSettings(Model):
    group_by: Literal["topic", "kind", "year", "none"] = "none"
    topics: tuple[Topic, ...] = ()
    """Topic groups in display order (used when ``group_by: topic``)."""
    kind_order: tuple[str, ...] = ()
    """Order of kind groups (used when ``group_by: kind``); unlisted kinds follow."""
    sort: Literal["newest", "oldest", "as-written"] = "as-written"
    numbering: Numbering = Numbering(style="descending", prefix="P")
    max_authors: int | None = Field(default=None, ge=1)
    """Truncate longer author lists with "et al." (the owner always stays visible)."""
    show_abstracts: bool = False
    show_links: bool = True
    metrics_sentence: RichText | None = None
    """Sentence for the metrics line; placeholders {source}, {citations}, {h_index}, {as_of}, {papers}."""


class Markers(Model):
    student: PlainText = "†"
    equal: PlainText = "*"
    corresponding: PlainText = "✉"


class Legend(Model):
    """Wording of the legend; only the markers actually used are listed."""

    student: RichText = "{marker} denotes student authors **under my supervision**"
    equal: RichText = "{marker} denotes equal contribution"
    corresponding: RichText = "{marker} denotes the corresponding author"
    order: tuple[Literal["student", "equal", "corresponding"], ...] = ("equal", "student", "corresponding")
    separator: str = "; "


class SectionSpec(Model):
    key: SectionKey
    title: PlainText | None = None


class Profile(Model):
    """A named variant of the CV (``full``, ``selected``, ``annual-2025``) chosen with ``--profile``."""

    sections: tuple[SectionKey | SectionSpec, ...] | None = None
    selected_only: bool = False
    since: Date | None = None
    until: Date | None = None
    max_items: int | None = Field(default=None, ge=1)
    show_abstracts: bool | None = None
    layout: Literal["cv", "biosketch"] = "cv"


class Settings(Model):
    theme: PlainText = "classic"
    page_size: Literal["letter", "a4"] = "letter"
    language: PlainText = Field(default="en", pattern=r"^[a-zA-Z]{2,3}(-[A-Za-z0-9]{2,8})*$")
    accent_colour: Colour | None = None
    sections: tuple[SectionKey | SectionSpec, ...] | None = None
    """Sections in display order, each a key or ``{key, title}``; default: every non-empty section."""
    titles: dict[SectionKey, PlainText] = {}
    """Section titles overriding the defaults, by key."""
    date_style: DateStyle = "abbr"
    date_styles: dict[SectionKey, DateStyle] = {"talks": "numeric"}
    """Per-section date styles overriding ``date_style``."""
    publications: PublicationSettings = PublicationSettings()
    talks_numbering: Numbering = Numbering(style="ascending", prefix="T")
    markers: Markers = Markers()
    legend: Legend = Legend()
    group_members: tuple[PlainText, ...] = ()
    """Lab mode: these names are bolded like the owner's in author lists."""
    profiles: dict[SectionKey, Profile] = {}
