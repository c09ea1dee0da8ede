"""DBLP: the computer-science bibliography's person page (https://dblp.org/faq/ and /xml/docu/).

What it gives: a hand-curated, disambiguated list of a person's papers with the short venue names
computer scientists use ("NeurIPS", "Commun. ACM"), volume, number, pages, DOIs and arXiv (CoRR)
versions listed as separate "informal" records. What it lacks: full venue names, citation counts,
abstracts and metrics; it covers computer science only.
"""

from __future__ import annotations

import re
from typing import Any

from cvgen.errors import UsageError
from cvgen.interop.scholarly.client import ScholarlyClient, ServiceError
from cvgen.interop.scholarly.records import (
    Harvest,
    Profile,
    Work,
    clean_arxiv,
    clean_doi,
    code_link,
    iso_date,
    tidy,
)

_PID = re.compile(r"^(?:https?://(?:www\.)?dblp\.(?:org|uni-trier\.de)/pid/)?([a-z0-9]+(?:/[A-Za-z0-9\-_]+)+?)(?:\.(?:html|xml))?/?$",
                  re.IGNORECASE)
_HOMONYM = re.compile(r"\s+\d{4}$")
RECORDS = {"article", "inproceedings", "proceedings", "book", "incollection", "phdthesis", "mastersthesis"}
KINDS = {"article": "journal", "inproceedings": "conference", "proceedings": "book", "book": "book",
         "incollection": "chapter", "phdthesis": "thesis", "mastersthesis": "thesis"}


def parse_pid(value: str) -> str:
    """The DBLP person id from ``34/7659``, ``h/GeoffreyEHinton`` or a ``dblp.org/pid/…`` URL."""
    m = _PID.match(value.strip())
    if not m:
        raise UsageError(f"{value!r} is not a DBLP person id or URL (e.g. 34/7659 or https://dblp.org/pid/34/7659)")
    return m.group(1)


def person_name(name: str) -> str:
    """``Wei Wang 0001`` → ``Wei Wang``: DBLP's homonym number is not part of the name."""
    return _HOMONYM.sub("", name)


def fetch_dblp(client: ScholarlyClient, value: str) -> Harvest:
    """The person's name, links and every record on their DBLP page."""
    pid = parse_pid(value)
    root = client.get_xml("dblp", f"/pid/{pid}.xml")
    if root.tag != "dblpperson":
        raise ServiceError(f"DBLP sent a <{root.tag}> document for pid {pid}, not a person page; nothing was written")
    name = tidy(person_name(root.get("name") or ""))
    links = [("DBLP", f"https://dblp.org/pid/{pid}.html", "dblp")]
    orcid = None
    person = root.find("person")
    for url in person.findall("url") if person is not None else []:
        text = (url.text or "").strip()
        if "orcid.org/" in text:
            orcid = text.rsplit("/", 1)[-1]
            links.insert(0, ("ORCID", text, "orcid"))
    profile = Profile(service="dblp", id=pid, name=name, orcid=orcid, links=links, url=f"https://dblp.org/pid/{pid}.html")
    harvest = Harvest(profile=profile)
    for r in root.findall("r"):
        record = next((child for child in r if child.tag in RECORDS), None)
        work = to_work(record, pid) if record is not None else None
        if work:
            harvest.works.append(work)
    return harvest


def _text(el: Any) -> str | None:
    """The element's text including nested markup (DBLP titles hold <i>, <sub>, <sup>)."""
    return tidy("".join(el.itertext())) if el is not None else None


def to_work(rec: Any, pid: str) -> Work | None:
    title = _text(rec.find("title"))
    if not title:
        return None
    title = title[:-1] if title.endswith(".") and not title.endswith("..") else title
    authors, owner_names = [], []
    for a in rec.findall("author"):
        name = tidy(person_name("".join(a.itertext())))
        if name:
            authors.append(name)
            if a.get("pid") == pid:
                owner_names.append(name)
    ees = [(e.text or "").strip() for e in rec.findall("ee")]
    journal, booktitle = _text(rec.find("journal")), _text(rec.find("booktitle"))
    volume = _text(rec.find("volume"))
    informal = rec.get("publtype") == "informal" or journal == "CoRR"
    arxiv = next((clean_arxiv(e) for e in ees if "arxiv.org/" in e), None)
    if journal == "CoRR" and volume and volume.startswith("abs/"):
        arxiv = arxiv or clean_arxiv(volume[4:])
    kind = "preprint" if informal else KINDS.get(rec.tag, "other")
    if kind == "conference" and booktitle and "workshop" in booktitle.lower():
        kind = "workshop"
    doi = next((clean_doi(e) for e in ees if "doi.org/" in e), None)
    return Work(
        service="dblp", id=rec.get("key") or title, title=title, authors=authors, owner_names=owner_names, kind=kind,
        venue_short=None if informal else (journal or booktitle), date=iso_date(_text(rec.find("year"))),
        volume=None if informal else volume, issue=_text(rec.find("number")), pages=_text(rec.find("pages")),
        publisher=_text(rec.find("publisher")),
        doi=None if doi and doi.lower().startswith("10.48550/") else doi, arxiv=arxiv,
        url=next((e for e in ees if "doi.org/" not in e and "arxiv.org/" not in e), None), code=code_link(*ees),
    )
