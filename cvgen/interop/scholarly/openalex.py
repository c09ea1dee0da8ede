"""OpenAlex: an author's profile, metrics and works (https://docs.openalex.org).

What it gives: every work with full venue names, volume/issue/pages, DOI, per-paper citation
counts, abstracts (as an inverted index), topics, open-access PDF links and the author's h-index,
i10-index, works count and citations per year. What it lacks: short venue names and code links;
author disambiguation is automatic, so a profile can hold a namesake's paper.
"""

from __future__ import annotations

import re

from pydantic import Field

from cvgen.interop.scholarly.client import ScholarlyClient
from cvgen.interop.scholarly.orcid import parse_orcid
from cvgen.interop.scholarly.records import (
    Harvest,
    Profile,
    Shape,
    Work,
    arxiv_from_doi,
    clean_arxiv,
    clean_doi,
    expect,
    iso_date,
    tidy,
)

PER_PAGE = 200
MAX_PAGES = 100
"""20,000 works; a cursor that never ends is a broken or hostile service, not a prolific author."""
_AUTHOR_ID = re.compile(r"^(?:https?://openalex\.org/)?(A\d{4,12})$", re.IGNORECASE)


class Source(Shape):
    display_name: str | None = None
    type: str | None = None


class Location(Shape):
    source: Source | None = None
    landing_page_url: str | None = None
    pdf_url: str | None = None


class AuthorRef(Shape):
    id: str | None = None
    display_name: str | None = None
    orcid: str | None = None


class Authorship(Shape):
    author: AuthorRef = AuthorRef()
    raw_author_name: str | None = None


class Biblio(Shape):
    volume: str | None = None
    issue: str | None = None
    first_page: str | None = None
    last_page: str | None = None


class Topic(Shape):
    display_name: str | None = None


class OAWork(Shape):
    id: str
    doi: str | None = None
    title: str | None = None
    display_name: str | None = None
    publication_year: int | None = None
    publication_date: str | None = None
    type: str | None = None
    type_crossref: str | None = None
    primary_location: Location | None = None
    locations: list[Location] = []
    biblio: Biblio = Biblio()
    authorships: list[Authorship] = []
    cited_by_count: int | None = Field(default=None, ge=0)
    abstract_inverted_index: dict[str, list[int]] | None = None
    topics: list[Topic] = []


class Meta(Shape):
    next_cursor: str | None = None
    count: int | None = None


class WorksPage(Shape):
    meta: Meta = Meta()
    results: list[OAWork]


class SummaryStats(Shape):
    h_index: int | None = Field(default=None, ge=0)
    i10_index: int | None = Field(default=None, ge=0)


class YearCounts(Shape):
    year: int
    cited_by_count: int = Field(ge=0)


class OAAuthor(Shape):
    id: str
    display_name: str | None = None
    display_name_alternatives: list[str] = []
    orcid: str | None = None
    works_count: int | None = Field(default=None, ge=0)
    cited_by_count: int | None = Field(default=None, ge=0)
    summary_stats: SummaryStats = SummaryStats()
    counts_by_year: list[YearCounts] = []


def author_path(ident: str) -> str:
    """``/authors/A…`` for an OpenAlex author id, ``/authors/orcid:…`` for an ORCID iD."""
    m = _AUTHOR_ID.match(ident.strip())
    if m:
        return f"/authors/{m.group(1).upper()}"
    return f"/authors/orcid:{parse_orcid(ident)}"


def short_id(url: str) -> str:
    """``https://openalex.org/W123`` → ``W123``."""
    return url.rstrip("/").rsplit("/", 1)[-1]


def fetch_author(client: ScholarlyClient, ident: str, with_abstracts: bool) -> Harvest:
    """The author's profile and all their works, page by page."""
    author = client.get_json("openalex", author_path(ident), check=expect(OAAuthor, "openalex", "an author record"))
    aid = short_id(author.id)
    works = fetch_works(client, {"filter": f"author.id:{aid}"}, owner=aid, with_abstracts=with_abstracts)
    return Harvest(profile=_profile(author), works=works)


def fetch_works(client: ScholarlyClient, params: dict[str, str], owner: str | None, with_abstracts: bool) -> list[Work]:
    """Every work matching ``params``, following OpenAlex's cursor until it runs out."""
    works: list[Work] = []
    cursor, seen = "*", set()
    for _ in range(MAX_PAGES):
        page = client.get_json("openalex", "/works", {**params, "per-page": str(PER_PAGE), "cursor": cursor},
                               check=expect(WorksPage, "openalex", "a page of works"))
        works.extend(w for w in (to_work(r, owner, with_abstracts) for r in page.results) if w)
        nxt = page.meta.next_cursor
        if not nxt or not page.results or nxt in seen:
            return works
        seen.add(nxt)
        cursor = nxt
    return works


def works_by_doi(client: ScholarlyClient, dois: list[str], with_abstracts: bool) -> list[Work]:
    """The OpenAlex records of known DOIs, fifty to a request (OpenAlex's limit for an OR filter)."""
    out: list[Work] = []
    for i in range(0, len(dois), 50):
        batch = "|".join(f"https://doi.org/{d}" for d in dois[i:i + 50])
        out.extend(fetch_works(client, {"filter": f"doi:{batch}"}, owner=None, with_abstracts=with_abstracts))
    return out


def _profile(a: OAAuthor) -> Profile:
    aid = short_id(a.id)
    orcid = a.orcid.rsplit("/", 1)[-1] if a.orcid else None
    links = [("OpenAlex", f"https://openalex.org/{aid}", "other")]
    if orcid:
        links.insert(0, ("ORCID", f"https://orcid.org/{orcid}", "orcid"))
    return Profile(
        service="openalex", id=aid, name=tidy(a.display_name),
        variants=[v for v in (tidy(x) for x in a.display_name_alternatives) if v], orcid=orcid, links=links,
        citations=a.cited_by_count, h_index=a.summary_stats.h_index, i10_index=a.summary_stats.i10_index,
        works_count=a.works_count, url=f"https://openalex.org/{aid}",
        by_year=sorted((c.year, c.cited_by_count) for c in a.counts_by_year),
    )


def _kind(w: OAWork) -> str:
    source_type = (w.primary_location.source.type if w.primary_location and w.primary_location.source else None) or ""
    if w.type == "preprint" or (source_type == "repository" and w.type in ("article", None)):
        return "preprint"
    if w.type_crossref == "proceedings-article" or source_type == "conference":
        return "conference"
    return {"article": "journal", "book": "book", "book-chapter": "chapter", "dissertation": "thesis",
            "report": "report"}.get(w.type or "", "other")


def _arxiv(w: OAWork) -> str | None:
    found = arxiv_from_doi(clean_doi(w.doi))
    for loc in [w.primary_location, *w.locations]:
        if found:
            break
        if loc and loc.landing_page_url and "arxiv.org/abs/" in loc.landing_page_url:
            found = clean_arxiv(loc.landing_page_url)
    return found


def abstract_text(index: dict[str, list[int]] | None, max_words: int = 5000) -> str | None:
    """The abstract rebuilt from OpenAlex's inverted index (word → positions)."""
    if not index:
        return None
    slots: dict[int, str] = {}
    for word, positions in index.items():
        for pos in positions:
            if 0 <= pos < max_words:
                slots[pos] = word
    return tidy(" ".join(slots[p] for p in sorted(slots)))


def to_work(w: OAWork, owner: str | None, with_abstracts: bool) -> Work | None:
    title = tidy(w.title or w.display_name)
    if not title:
        return None
    primary = w.primary_location or Location()
    pages = "-".join(p for p in (w.biblio.first_page, w.biblio.last_page) if p) or None
    if w.biblio.first_page and w.biblio.first_page == w.biblio.last_page:
        pages = w.biblio.first_page
    authors, owner_names = [], []
    for a in w.authorships:
        name = tidy(a.author.display_name or a.raw_author_name)
        if not name:
            continue
        authors.append(name)
        if owner and a.author.id and short_id(a.author.id) == owner:
            owner_names.extend(n for n in {name, tidy(a.raw_author_name)} if n)
    doi = clean_doi(w.doi)
    kind = _kind(w)
    return Work(
        service="openalex", id=short_id(w.id), title=title, authors=authors, owner_names=owner_names, kind=kind,
        venue=tidy(primary.source.display_name) if primary.source and kind != "preprint" else None,
        date=(w.publication_date if iso_date(*(w.publication_date or "").split("-")) == w.publication_date else None)
        or iso_date(w.publication_year),
        volume=tidy(w.biblio.volume), issue=tidy(w.biblio.issue), pages=tidy(pages),
        doi=None if arxiv_from_doi(doi) else doi, arxiv=_arxiv(w),
        url=primary.landing_page_url, pdf=primary.pdf_url,
        abstract=abstract_text(w.abstract_inverted_index) if with_abstracts else None,
        categories=[t for t in (tidy(x.display_name) for x in w.topics[:3]) if t],
        citations=w.cited_by_count,
    )
