"""Crossref REST API: the publisher's own record of a DOI (https://api.crossref.org).

What it gives: authors (with ORCID iDs when the publisher sent them), full and short container
titles, volume, issue, pages, publisher, dates, type, a citation count ("is-referenced-by-count",
counting only citations from other Crossref records), sometimes the abstract, and links between a
preprint and its published version. What it lacks: anything without a Crossref DOI (arXiv preprints
have DataCite DOIs), author profiles and metrics.
"""

from __future__ import annotations

from urllib.parse import quote

from pydantic import Field

from cvgen.errors import UsageError
from cvgen.interop.scholarly.client import RecordNotFound, ScholarlyClient
from cvgen.interop.scholarly.records import (
    Harvest,
    Shape,
    Work,
    arxiv_from_doi,
    clean_doi,
    expect,
    iso_date,
    strip_tags,
    tidy,
)


class DateParts(Shape):
    parts: list[list[int | None]] = Field(default=[], alias="date-parts")


class Author(Shape):
    given: str | None = None
    family: str | None = None
    name: str | None = None
    orcid: str | None = Field(default=None, alias="ORCID")


class Related(Shape):
    id: str
    id_type: str | None = Field(default=None, alias="id-type")


class CRWork(Shape):
    doi: str = Field(alias="DOI")
    title: list[str] = []
    author: list[Author] = []
    container_title: list[str] = Field(default=[], alias="container-title")
    short_container_title: list[str] = Field(default=[], alias="short-container-title")
    volume: str | None = None
    issue: str | None = None
    page: str | None = None
    publisher: str | None = None
    type: str | None = None
    subtype: str | None = None
    published: DateParts | None = None
    issued: DateParts | None = None
    cited: int | None = Field(default=None, ge=0, alias="is-referenced-by-count")
    abstract: str | None = None
    subject: list[str] = []
    url: str | None = Field(default=None, alias="URL")
    relation: dict[str, list[Related]] = {}


class Envelope(Shape):
    status: str
    message: CRWork


KINDS = {
    "journal-article": "journal", "proceedings-article": "conference", "posted-content": "preprint",
    "book": "book", "monograph": "book", "edited-book": "book", "reference-book": "book",
    "book-chapter": "chapter", "book-part": "chapter", "book-section": "chapter", "dissertation": "thesis",
    "report": "report", "report-component": "report",
}


def parse_doi(value: str) -> str:
    doi = clean_doi(value)
    if not doi:
        raise UsageError(f"{value!r} is not a DOI (expected 10.NNNN/…)")
    return doi


def fetch_dois(client: ScholarlyClient, values: list[str], owner_orcid: str | None = None,
               missing_ok: bool = False) -> Harvest:
    """Crossref's record of each DOI, one request each (the API has no batch lookup by DOI)."""
    harvest = Harvest()
    for doi in dict.fromkeys(parse_doi(v) for v in values):
        try:
            env = client.get_json("crossref", "/works/" + quote(doi, safe="/:;()"),
                                  check=expect(Envelope, "crossref", f"the record of {doi}"))
        except RecordNotFound:
            if not missing_ok:
                raise
            harvest.warnings.append(f"Crossref has no record of doi:{doi} (it may be registered elsewhere)")
            continue
        work = to_work(env.message, owner_orcid)
        if work:
            harvest.works.append(work)
    return harvest


def _date(w: CRWork) -> str | None:
    for d in (w.published, w.issued):
        if d and d.parts and d.parts[0] and d.parts[0][0] is not None:
            return iso_date(*d.parts[0][:3])
    return None


def _name(a: Author) -> str | None:
    return tidy(" ".join(p for p in (a.given, a.family) if p)) or tidy(a.name)


def to_work(w: CRWork, owner_orcid: str | None) -> Work | None:
    title = strip_tags(w.title[0]) if w.title else None
    if not title:
        return None
    doi = clean_doi(w.doi)
    authors, owner_names = [], []
    for a in w.author:
        name = _name(a)
        if name:
            authors.append(name)
            if owner_orcid and a.orcid and a.orcid.rstrip("/").endswith(owner_orcid):
                owner_names.append(name)
    preprints = [arxiv_from_doi(r.id) for r in w.relation.get("has-preprint", [])]
    arxiv = arxiv_from_doi(doi) or next((p for p in preprints if p), None)
    kind = KINDS.get(w.type or "", "other")
    if w.type == "posted-content" and w.subtype not in (None, "preprint"):
        kind = "other"
    return Work(
        service="crossref", id=doi or w.doi, title=title, authors=authors, owner_names=owner_names, kind=kind,
        venue=tidy(w.container_title[0]) if w.container_title else None,
        venue_short=tidy(w.short_container_title[0]) if w.short_container_title else None,
        date=_date(w), volume=tidy(w.volume), issue=tidy(w.issue), pages=tidy(w.page), publisher=tidy(w.publisher),
        doi=None if arxiv_from_doi(doi) else doi, arxiv=arxiv, url=None,
        abstract=strip_tags(w.abstract), categories=[s for s in (tidy(x) for x in w.subject) if s],
        citations=w.cited,
    )
