"""arXiv API: preprints by id (https://info.arxiv.org/help/api/user-manual.html).

What it gives: title, authors, abstract, submission date, primary and cross-list categories, the
PDF, the authors' comment (often naming a code repository) and, when the authors added them, the
DOI and journal reference of the published version. What it lacks: citation counts, venues of
published versions beyond the free-text journal reference, and any author identifiers.
"""

from __future__ import annotations

from typing import Any

from cvgen.errors import UsageError
from cvgen.interop.scholarly.client import RecordNotFound, ScholarlyClient, ServiceError
from cvgen.interop.scholarly.records import Harvest, Work, clean_arxiv, clean_doi, code_link, iso_date, tidy

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
BATCH = 100
"""Ids per request; arXiv asks for modest result sets."""


def parse_arxiv(value: str) -> str:
    ident = clean_arxiv(value)
    if not ident:
        raise UsageError(f"{value!r} is not an arXiv id (expected e.g. 1706.03762 or hep-th/9901001)")
    return ident


def fetch_arxiv(client: ScholarlyClient, values: list[str], missing_ok: bool = False) -> Harvest:
    """The arXiv record of each id, a hundred ids to a request."""
    ids = list(dict.fromkeys(parse_arxiv(v) for v in values))
    harvest = Harvest()
    found: set[str] = set()
    for i in range(0, len(ids), BATCH):
        batch = ids[i:i + BATCH]
        feed = client.get_xml("arxiv", "/query", {"id_list": ",".join(batch), "max_results": str(len(batch))})
        if feed.tag != f"{ATOM}feed":
            raise ServiceError(f"arXiv sent a <{feed.tag}> document instead of an Atom feed; nothing was written")
        for entry in feed.findall(f"{ATOM}entry"):
            work = to_work(entry)
            if work:
                found.add(work.id)
                harvest.works.append(work)
    missing = [i for i in ids if i not in found]
    if missing and not missing_ok:
        raise RecordNotFound(f"arXiv has no record of {', '.join(missing)}; check the id")
    harvest.warnings.extend(f"arXiv has no record of {m}" for m in missing)
    return harvest


def _text(entry: Any, tag: str) -> str | None:
    el = entry.find(tag)
    return tidy(el.text) if el is not None and el.text else None


def to_work(entry: Any) -> Work | None:
    ident = clean_arxiv(_text(entry, f"{ATOM}id"))
    title = _text(entry, f"{ATOM}title")
    if not ident or not title:
        if title == "Error":  # arXiv reports a bad query as an entry titled "Error", with HTTP 200
            raise ServiceError(f"arXiv refused the query: {_text(entry, f'{ATOM}summary') or 'no reason given'}")
        return None
    authors = [n for n in (_text(a, f"{ATOM}name") for a in entry.findall(f"{ATOM}author")) if n]
    published = _text(entry, f"{ATOM}published") or ""
    comment = _text(entry, f"{ARXIV}comment")
    summary = _text(entry, f"{ATOM}summary")
    primary = entry.find(f"{ARXIV}primary_category")
    categories = [primary.get("term")] if primary is not None and primary.get("term") else []
    categories += [c.get("term") for c in entry.findall(f"{ATOM}category") if c.get("term") not in (None, *categories)]
    journal_ref = _text(entry, f"{ARXIV}journal_ref")
    pdf = next((lnk.get("href") for lnk in entry.findall(f"{ATOM}link") if lnk.get("title") == "pdf"), None)
    return Work(
        service="arxiv", id=ident, title=title, authors=authors, kind="preprint", venue_short=None,
        date=iso_date(*published[:10].split("-")) if published else None,
        doi=clean_doi(_text(entry, f"{ARXIV}doi")), arxiv=ident, url=f"https://arxiv.org/abs/{ident}",
        pdf=pdf.replace("http://", "https://", 1) if pdf else None, code=code_link(comment, summary),
        abstract=summary, categories=[tidy(c) for c in categories if tidy(c)],
        notes=[f"Journal reference: {journal_ref}"] if journal_ref else [],
    )
