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
from cvgen.model.provenance import Provenance
from cvgen.model.text import PlainText

PublicationKind = Literal[
    "journal", "conference", "workshop", "magazine", "preprint", "book", "chapter", "thesis", "patent", "report", "other"
]
PublicationStatus = Literal["published", "accepted", "under-review", "submitted", "in-preparation"]


class Publication(Model):
    title: RichText
    """Title of the work."""
    authors: tuple[Author, ...] = Field(min_length=1)
    """Authors in order; compact form "Y. Zhang†*" or a mapping. The owner is recognised by name."""
    kind: PublicationKind = "conference"
    """Kind of publication; used for grouping by kind."""
    venue: RichText | None = None
    """Full venue name, e.g. "International Conference on Learning Representations (ICLR)"."""
    url: Url | None = None
    """The paper's page; the title links to it."""
    venue_short: PlainText | None = None
    """Short form, e.g. "ICLR'24"."""
    date: Date
    """Publication date (a year is enough)."""
    volume: PlainText | None = None
    """Journal volume."""
    issue: PlainText | None = None
    """Journal issue."""
    pages: PlainText | None = None
    """Page range, e.g. "666-731"."""
    publisher: RichText | None = None
    """Publisher (books and chapters)."""
    doi: PlainText | None = Field(default=None, pattern=r"^10\.\d{4,9}/\S+$")
    """DOI without the resolver, e.g. "10.1000/xyz123"; shown as a link."""
    pmid: PlainText | None = Field(default=None, pattern=r"^[1-9]\d{0,8}$")
    """PubMed ID, e.g. "31234567"; an NIH biosketch cites it."""
    pmcid: PlainText | None = Field(default=None, pattern=r"^PMC\d{1,9}$")
    """PubMed Central ID, e.g. "PMC6543210"; NIH asks for it on papers under its public access policy."""
    links: tuple[LabelledLink, ...] = ()
    """Labelled links shown after the entry (PDF, Code, Slides)."""
    notes: tuple[RichText, ...] = ()
    """E.g. "Spotlight", "Feature Article"."""
    awards: tuple[RichText, ...] = ()
    """E.g. "Best Paper Runner-Up Award"; themes may highlight these."""
    status: PublicationStatus = "published"
    """Publication status; anything but "published" is shown next to the venue."""
    selected: bool = False
    """Include in selected-only profiles (``--selected``)."""
    topics: tuple[PlainText, ...] = ()
    """Keys of ``settings.publications.topics``; a publication may belong to several."""
    citations: int | None = Field(default=None, ge=0)
    """Citation count of this publication."""
    id: PlainText | None = None
    """A permanent number ("P17", "J3") shown instead of the positional one when asked."""
    key: PlainText | None = None
    """Citation key, used for BibTeX round trips and overrides."""
    abstract: RichText | None = None
    """Abstract, shown when ``show_abstracts`` is on."""
    categories: tuple[PlainText, ...] = ()
    """Subject categories such as arXiv's cs.LG."""
    tags: tuple[PlainText, ...] = ()
    """Free-form tags for your own filtering."""
    provenance: Provenance | None = None
    """Written by ``cvgen import`` from a scholarly service: where the entry came from and the values
    as synced, so ``cvgen update`` can tell a hand edit from a stale value. Never shown."""


class ExtraMetric(Model):
    label: RichText
    """What the figure is, e.g. "CSRanking score"."""
    value: PlainText
    """The figure, as text."""
    url: Url | None = None
    """Where the figure comes from."""


class YearCount(Model):
    """Citations received in one calendar year."""

    year: int = Field(ge=1000, le=9999)
    """The year."""
    citations: int = Field(ge=0)
    """Citations received that year."""


class Metrics(Model):
    """Citation metrics shown above the publication list."""

    citations: int | None = Field(default=None, ge=0)
    """Total citations."""
    h_index: int | None = Field(default=None, ge=0)
    """h-index."""
    i10_index: int | None = Field(default=None, ge=0)
    """i10-index (papers with at least ten citations)."""
    papers: int | None = Field(default=None, ge=0)
    """Number of papers."""
    source: PlainText | None = None
    """E.g. "Google Scholar"."""
    url: Url | None = None
    """The profile the figures come from."""
    as_of: Date | None = None
    """When the figures were read."""
    extra: tuple[ExtraMetric, ...] = ()
    """Further figures ("CSRanking score: 72")."""
    by_year: tuple[YearCount, ...] = ()
    """Citations per year (OpenAlex ``counts_by_year``), for the optional citations chart."""
    provenance: Provenance | None = None
    """Written by ``cvgen import``: the profile the figures were read from, and when. Never shown."""
