"""ORCID public API v3.0: the works a researcher has claimed (https://info.orcid.org/documentation/).

What it gives: the owner's name and other names, their links, and every claimed work with type,
date, journal title, external ids (DOI, arXiv, …) and, in the full record, the contributors.
What it lacks: citation counts and metrics, short venue names, volume/pages, abstracts for most
works; many works have no DOI and many list no contributors.
"""

from __future__ import annotations

import re

from pydantic import Field

from cvgen.errors import UsageError
from cvgen.interop.scholarly.client import ScholarlyClient
from cvgen.interop.scholarly.records import (
    Harvest,
    Profile,
    Shape,
    Work,
    clean_arxiv,
    clean_doi,
    expect,
    iso_date,
    tidy,
)

BULK = 100
"""Put-codes per request for full works: the ORCID API's maximum."""
_ORCID = re.compile(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$", re.IGNORECASE)


def parse_orcid(value: str) -> str:
    """The bare iD from ``0000-0002-…`` or ``https://orcid.org/0000-0002-…``, its check digit verified."""
    m = _ORCID.search(value.strip().rstrip("/"))
    if not m:
        raise UsageError(f"{value!r} is not an ORCID iD (expected 0000-0000-0000-0000)")
    ident = m.group(1).upper()
    digits = ident.replace("-", "")
    total = 0
    for ch in digits[:-1]:  # ISO 7064 MOD 11-2, as ORCID documents it
        total = (total + int(ch)) * 2
    check = (12 - total % 11) % 11
    if digits[-1] != ("X" if check == 10 else str(check)):
        raise UsageError(f"{ident} is not a valid ORCID iD (its check digit does not match)")
    return ident


class Value(Shape):
    value: str | None = None


class DatePart(Shape):
    year: Value | None = None
    month: Value | None = None
    day: Value | None = None


class Title(Shape):
    title: Value | None = None


class ExternalId(Shape):
    type: str = Field(alias="external-id-type")
    value: str = Field(alias="external-id-value")
    relationship: str | None = Field(default=None, alias="external-id-relationship")


class ExternalIds(Shape):
    items: list[ExternalId] = Field(default=[], alias="external-id")


class Summary(Shape):
    put_code: int = Field(alias="put-code")
    title: Title | None = None
    type: str | None = None
    publication_date: DatePart | None = Field(default=None, alias="publication-date")
    journal_title: Value | None = Field(default=None, alias="journal-title")
    url: Value | None = None
    external_ids: ExternalIds | None = Field(default=None, alias="external-ids")


class Group(Shape):
    summaries: list[Summary] = Field(alias="work-summary")


class Works(Shape):
    group: list[Group] = []


class ContributorOrcid(Shape):
    path: str | None = None


class Attributes(Shape):
    role: str | None = Field(default=None, alias="contributor-role")


class Contributor(Shape):
    orcid: ContributorOrcid | None = Field(default=None, alias="contributor-orcid")
    credit_name: Value | None = Field(default=None, alias="credit-name")
    attributes: Attributes | None = Field(default=None, alias="contributor-attributes")


class Contributors(Shape):
    items: list[Contributor] = Field(default=[], alias="contributor")


class FullWork(Summary):
    contributors: Contributors | None = None
    short_description: str | None = Field(default=None, alias="short-description")


class BulkItem(Shape):
    work: FullWork | None = None


class Bulk(Shape):
    bulk: list[BulkItem] = []


class Name(Shape):
    given_names: Value | None = Field(default=None, alias="given-names")
    family_name: Value | None = Field(default=None, alias="family-name")
    credit_name: Value | None = Field(default=None, alias="credit-name")


class OtherName(Shape):
    content: str | None = None


class OtherNames(Shape):
    items: list[OtherName] = Field(default=[], alias="other-name")


class ResearcherUrl(Shape):
    url_name: str | None = Field(default=None, alias="url-name")
    url: Value | None = None


class ResearcherUrls(Shape):
    items: list[ResearcherUrl] = Field(default=[], alias="researcher-url")


class Person(Shape):
    name: Name | None = None
    other_names: OtherNames | None = Field(default=None, alias="other-names")
    researcher_urls: ResearcherUrls | None = Field(default=None, alias="researcher-urls")


KINDS = {
    "journal-article": "journal", "conference-paper": "conference", "conference-abstract": "conference",
    "preprint": "preprint", "book": "book", "edited-book": "book", "book-chapter": "chapter",
    "dissertation-thesis": "thesis", "dissertation": "thesis", "report": "report", "working-paper": "report",
    "patent": "patent", "magazine-article": "magazine",
}


NOT_AUTHORS = {"editor", "chair-or-translator", "translator"}


def fetch_orcid(client: ScholarlyClient, value: str) -> Harvest:
    """The owner's name and links, and every claimed work in full (contributors included)."""
    orcid = parse_orcid(value)
    person = client.get_json("orcid", f"/{orcid}/person", check=expect(Person, "orcid", "a person record"))
    works = client.get_json("orcid", f"/{orcid}/works", check=expect(Works, "orcid", "a works list"))
    preferred = [g.summaries[0] for g in works.group if g.summaries]
    harvest = Harvest(profile=_profile(orcid, person), warnings=[])
    for i in range(0, len(preferred), BULK):
        codes = ",".join(str(s.put_code) for s in preferred[i:i + BULK])
        bulk = client.get_json("orcid", f"/{orcid}/works/{codes}", check=expect(Bulk, "orcid", "full works"))
        for item in bulk.bulk:
            if item.work:
                work = to_work(orcid, item.work)
                if work:
                    harvest.works.append(work)
    return harvest


def _profile(orcid: str, p: Person) -> Profile:
    name = None
    if p.name:
        name = _value(p.name.credit_name) or tidy(" ".join(
            v for v in (_value(p.name.given_names), _value(p.name.family_name)) if v
        ))
    variants = [v for v in (tidy(o.content) for o in (p.other_names.items if p.other_names else [])) if v]
    links = [("ORCID", f"https://orcid.org/{orcid}", "orcid")]
    for u in p.researcher_urls.items if p.researcher_urls else []:
        if u.url and u.url.value:
            links.append((tidy(u.url_name) or "Website", u.url.value, "website"))
    return Profile(service="orcid", id=orcid, name=name, variants=variants, orcid=orcid, links=links,
                   url=f"https://orcid.org/{orcid}")


def _value(v: Value | None) -> str | None:
    return tidy(v.value) if v else None


def to_work(orcid: str, w: FullWork) -> Work | None:
    title = _value(w.title.title) if w.title else None
    if not title:
        return None
    ids = {e.type.lower(): e.value for e in (w.external_ids.items if w.external_ids else []) if e.relationship in (None, "self")}
    authors, owner_names = [], []
    for c in w.contributors.items if w.contributors else []:
        name = _value(c.credit_name)
        if not name or (c.attributes and (c.attributes.role or "").lower() in NOT_AUTHORS):
            continue
        authors.append(name)
        if c.orcid and c.orcid.path == orcid:
            owner_names.append(name)
    d = w.publication_date or DatePart()
    return Work(
        service="orcid", id=f"{orcid}/work/{w.put_code}", title=title, authors=authors, owner_names=owner_names,
        kind=KINDS.get((w.type or "").lower(), "other"), venue=_value(w.journal_title),
        date=iso_date(_value(d.year), _value(d.month), _value(d.day)),
        doi=clean_doi(ids.get("doi")), arxiv=clean_arxiv(ids.get("arxiv")),
        url=_value(w.url), abstract=tidy(w.short_description),
    )
