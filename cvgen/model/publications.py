"""Publications, their authors and the citation metrics line."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from cvgen.model.authors import Author
from cvgen.model.base import Model
from cvgen.model.dates import Date
from cvgen.model.links import Url
from cvgen.model.markup import RichText
from cvgen.model.person import LabelledLink
from cvgen.model.text import PlainText

PublicationKind = Literal[
    "journal", "conference", "workshop", "magazine", "preprint", "book", "chapter", "thesis", "patent", "report", "other"
]
PublicationStatus = Literal["published", "accepted", "under-review", "submitted", "in-preparation"]


class Publication(Model):
    title: RichText
    authors: tuple[Author, ...] = Field(min_length=1)
    kind: PublicationKind = "conference"
    venue: RichText | None = None
    """Full venue name, e.g. "International Conference on Learning Representations (ICLR)"."""
    venue_short: PlainText | None = None
    """Short form, e.g. "ICLR'24"."""
    date: Date
    volume: PlainText | None = None
    issue: PlainText | None = None
    pages: PlainText | None = None
    publisher: RichText | None = None
    doi: PlainText | None = Field(default=None, pattern=r"^10\.\d{4,9}/\S+$")
    links: tuple[LabelledLink, ...] = ()
    notes: tuple[RichText, ...] = ()
    """E.g. "Spotlight", "Feature Article"."""
    awards: tuple[RichText, ...] = ()
    """E.g. "Best Paper Runner-Up Award"; themes may highlight these."""
    status: PublicationStatus = "published"
    selected: bool = False
    topics: tuple[PlainText, ...] = ()
    """Keys of ``settings.publications.topics``; a publication may belong to several."""
    citations: int | None = Field(default=None, ge=0)
    id: PlainText | None = None
    """A permanent number ("P17", "J3") shown instead of the positional one when asked."""
    key: PlainText | None = None
    """Citation key, used for BibTeX round trips and overrides."""
    abstract: RichText | None = None
    categories: tuple[PlainText, ...] = ()
    """Subject categories such as arXiv's cs.LG."""
    tags: tuple[PlainText, ...] = ()


class ExtraMetric(Model):
    label: RichText
    value: PlainText
    url: Url | None = None


class Metrics(Model):
    """Citation metrics shown above the publication list."""

    citations: int | None = Field(default=None, ge=0)
    h_index: int | None = Field(default=None, ge=0)
    i10_index: int | None = Field(default=None, ge=0)
    papers: int | None = Field(default=None, ge=0)
    source: PlainText | None = None
    """E.g. "Google Scholar"."""
    url: Url | None = None
    as_of: Date | None = None
    extra: tuple[ExtraMetric, ...] = ()
    """Further figures ("CSRanking score: 72")."""
