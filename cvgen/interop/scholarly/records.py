"""The common shape every service's answer is turned into before merging and writing.

Each service module reads its own JSON or XML into :class:`Work` records and, where the service
has one, a :class:`Profile` (the owner's name, links and metrics). The merge and the YAML writer
only ever see these, so a new service is one more module that fills them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from cvgen.interop.scholarly.client import SERVICES, ServiceError


@dataclass
class Work:
    """One publication as one service describes it."""

    service: str
    id: str
    title: str
    authors: list[str] = field(default_factory=list)
    owner_names: list[str] = field(default_factory=list)
    """How the owner's name is spelt in this work's author list (found by id, not by name)."""
    kind: str = "other"
    venue: str | None = None
    venue_short: str | None = None
    date: str | None = None
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    publisher: str | None = None
    doi: str | None = None
    arxiv: str | None = None
    url: str | None = None
    pdf: str | None = None
    code: str | None = None
    preprint: str | None = None
    """For a published work: where its preprint is, when that is not arXiv (arXiv gets its own link)."""
    abstract: str | None = None
    categories: list[str] = field(default_factory=list)
    citations: int | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class Profile:
    """The owner as one service knows them."""

    service: str
    id: str
    name: str | None = None
    variants: list[str] = field(default_factory=list)
    orcid: str | None = None
    links: list[tuple[str, str, str]] = field(default_factory=list)
    """(label, url, kind) for the person's links."""
    citations: int | None = None
    h_index: int | None = None
    i10_index: int | None = None
    works_count: int | None = None
    url: str | None = None
    by_year: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Harvest:
    """What one service gave: the owner's profile (if it has one), the works, the warnings."""

    profile: Profile | None = None
    works: list[Work] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class Shape(BaseModel):
    """Base of the response shapes each service module validates: unknown keys ignored."""

    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True)


def checked(shape: type[Shape], data: Any, service: str, what: str) -> Any:
    """``data`` validated as ``shape``, or a ServiceError naming the first fields that are wrong."""
    try:
        return shape.model_validate(data)
    except ValidationError as exc:
        where = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'the top level'}: {err['msg']}" for err in exc.errors()[:3]
        )
        raise ServiceError(
            f"{SERVICES[service].name} sent {what} in an unexpected shape ({where}); nothing was written"
        ) from None


def expect(shape: type[Shape], service: str, what: str) -> Any:
    """A ``check`` for :meth:`ScholarlyClient.get_json`: the body validated as ``shape``."""
    return lambda data: checked(shape, data, service, what)


# --- identifiers ---------------------------------------------------------------------------

_DOI = re.compile(r"(10\.\d{4,9}/\S+)")
_ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(.+)$", re.IGNORECASE)
_ARXIV_ID = re.compile(r"(\d{4}\.\d{4,5}|[a-z][a-z.\-]+/\d{7})(v\d+)?", re.IGNORECASE)


def clean_doi(value: str | None) -> str | None:
    """A DOI without resolver or ``doi:`` prefix (``https://doi.org/10.1/X`` → ``10.1/X``)."""
    if not value:
        return None
    m = _DOI.search(value.strip())
    return m.group(1).rstrip(".,;") if m else None


def arxiv_from_doi(doi: str | None) -> str | None:
    """The arXiv id behind a DataCite arXiv DOI (``10.48550/arXiv.1706.03762``)."""
    m = _ARXIV_DOI.match(doi or "")
    return clean_arxiv(m.group(1)) if m else None


def clean_arxiv(value: str | None) -> str | None:
    """An arXiv id without version or URL (``https://arxiv.org/abs/1706.03762v7`` → ``1706.03762``)."""
    if not value:
        return None
    m = _ARXIV_ID.search(value.strip())
    return m.group(1) if m else None


def title_key(title: str) -> str:
    """A title reduced for matching: accents, case, punctuation and spacing removed."""
    decomposed = unicodedata.normalize("NFKD", title)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^0-9a-z]+", "", bare.casefold())


# --- text ----------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_TAGS = re.compile(r"<[^>]{0,500}>")
MAX_TEXT = 10_000
"""Longest text taken from a service; cvgen's own limit per field is 20,000 characters."""


def tidy(value: Any, limit: int = MAX_TEXT) -> str | None:
    """Service text made safe to write: no control or bidi characters, spaces squeezed, capped."""
    if value is None:
        return None
    text = unicodedata.normalize("NFC", str(value))
    text = " ".join(_CONTROL.sub(" ", text).split())
    return text[:limit] or None


def strip_tags(value: str | None) -> str | None:
    """Text of a JATS or HTML fragment (Crossref abstracts, some titles): tags dropped, entities decoded."""
    if not value:
        return None
    import html

    return tidy(html.unescape(_TAGS.sub(" ", value)))


def reads_as_markup(value: str) -> bool:
    """True when cvgen's inline markup would show ``value`` other than literally (``*x*``, ``[a](b)``).

    cvgen has no escape for markup characters (a backslash is always literal), so such a text is
    written as it came and the user is told to check it.
    """
    from cvgen.model.markup import parse_markup, text

    try:
        return parse_markup(value) != text(value)
    except ValueError:
        return True


def year_of(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


def iso_date(year: Any, month: Any = None, day: Any = None) -> str | None:
    """``YYYY[-MM[-DD]]`` from parts that may be missing or text; None when the year is unusable."""
    try:
        y = int(str(year))
    except (TypeError, ValueError):
        return None
    if not 1000 <= y <= 9999:
        return None
    out = f"{y:04d}"
    try:
        m = int(str(month)) if month not in (None, "") else None
        if m and 1 <= m <= 12:
            out += f"-{m:02d}"
            d = int(str(day)) if day not in (None, "") else None
            if d and 1 <= d <= 31:
                out += f"-{d:02d}"
    except (TypeError, ValueError):
        pass
    return out


_CODE_URL = re.compile(r"https?://(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)/[\w.\-]+/[\w.\-]+", re.I)


def code_link(*texts: str | None) -> str | None:
    """The first code repository URL named in a comment or abstract ("Code: https://github.com/…")."""
    for text in texts:
        m = _CODE_URL.search(text or "")
        if m:
            return m.group(0).rstrip(".")
    return None
