"""cvgen → BibTeX and CSL-JSON: the publication list for reference managers and other tools.

BibTeX is written by bibtexparser 2's writer as UTF-8. Only LaTeX's special characters are escaped
(``&`` → ``\\&``, ``%`` → ``\\%``, …; see :func:`escape`), not in web addresses and DOIs; other
Unicode is kept as it is, because biber and modern engines read it and turning ``⁻¹`` or ``"``
into macros does not come back as the same text.
Author roles travel as biblatex data annotations (``author+an = {1=student,equal; 3=highlight}``,
``highlight`` marking the owner), which :mod:`cvgen.interop.bibtex` reads back.
"""

from __future__ import annotations

import re
from typing import Any

from cvgen.chars import escape_tex_specials as escape
from cvgen.model.cv import CV
from cvgen.model.markup import plain
from cvgen.model.people import People
from cvgen.model.publications import Publication

BIBTEX_TYPES = {
    "journal": "article", "magazine": "article", "conference": "inproceedings", "workshop": "inproceedings",
    "preprint": "misc", "book": "book", "chapter": "incollection", "thesis": "phdthesis", "patent": "patent",
    "report": "techreport", "other": "misc",
}
VENUE_FIELD = {"article": "journal", "inproceedings": "booktitle", "incollection": "booktitle",
               "phdthesis": "school", "techreport": "institution"}
PUBSTATE = {"accepted": "inpress", "submitted": "submitted", "under-review": "submitted",
            "in-preparation": "inpreparation"}
LINK_FIELD = {"pdf": "pdf", "code": "code", "slides": "slides", "video": "video", "poster": "poster",
              "website": "website", "html": "html"}
CSL_TYPES = {
    "journal": "article-journal", "magazine": "article-magazine", "conference": "paper-conference",
    "workshop": "paper-conference", "preprint": "article", "book": "book", "chapter": "chapter",
    "thesis": "thesis", "patent": "patent", "report": "report", "other": "document",
}


def citation_keys(pubs: tuple[Publication, ...]) -> list[str]:
    """Each publication's key, or a made-up one (surname + year + first title word), unique."""
    import unicodedata

    from cvgen.model.people import name_key

    out: list[str] = []
    used: set[str] = set()
    for p in pubs:
        key = p.key
        if not key:
            surname = name_key(p.authors[0].name).surname.split()[-1:] or ["anon"]
            word = next((w for w in re.findall(r"[A-Za-z]+", plain(p.title)) if len(w) > 3), "paper")
            key = unicodedata.normalize("NFKD", f"{surname[0]}{p.date.year}{word}").encode("ascii", "ignore").decode().lower()
        base, n = key, 2
        while key in used:
            key = f"{base}-{n}"
            n += 1
        used.add(key)
        out.append(key)
    return out


def _fields(p: Publication, people: People, enc: Any) -> tuple[str, dict[str, str]]:
    """BibTeX fields of one publication; ``enc`` escapes text for LaTeX (not addresses or DOIs)."""
    etype = BIBTEX_TYPES[p.kind]
    f: dict[str, str] = {"title": enc(plain(p.title))}
    f["author"] = " and ".join(_bib_name(a.name, enc) for a in p.authors)
    notes = []
    for i, a in enumerate(p.authors, start=1):
        roles = [r for r in ("student", "equal", "corresponding") if getattr(a, r)]
        if people.is_owner(a):
            roles.append("highlight")
        if roles:
            notes.append(f"{i}={','.join(roles)}")
    if notes:
        f["author+an"] = "; ".join(notes)
    if p.venue:
        f[VENUE_FIELD.get(etype, "howpublished")] = enc(plain(p.venue))
    if p.venue_short:
        f["abbr"] = enc(p.venue_short)
    f["year"] = str(p.date.year)
    if p.date.month:
        f["month"] = str(p.date.month)
    if p.date.day:
        f["day"] = str(p.date.day)
    for name, value in (("volume", p.volume), ("number", p.issue)):
        if value:
            f[name] = enc(value)
    if p.pages:
        f["pages"] = re.sub(r"\s*[–—-]+\s*", "--", p.pages)
    if p.publisher:
        f["publisher"] = enc(plain(p.publisher))
    if p.doi:
        f["doi"] = p.doi
    for link in p.links:
        if not link.url:
            continue
        name = LINK_FIELD.get(link.label.lower(), "url" if "url" not in f else None)
        if name is None or name in f:
            name = re.sub(r"[^a-z0-9]+", "", link.label.lower()) + "url"
            if name in f:
                continue
        f[name] = link.url
    if p.status != "published":
        f["pubstate"] = PUBSTATE[p.status]
    if p.notes:
        f["note"] = enc("; ".join(plain(n) for n in p.notes))
    if p.awards:
        f["award"] = enc("; ".join(plain(a) for a in p.awards))
    if p.selected:
        f["selected"] = "true"
    if p.topics:
        f["topics"] = enc(", ".join(p.topics))
    if p.tags:
        f["keywords"] = enc(", ".join(p.tags))
    if p.categories:
        f["categories"] = enc(", ".join(p.categories))
    if p.citations is not None:
        f["citations"] = str(p.citations)
    if p.id:
        f["shorthand"] = enc(p.id)
    if p.abstract:
        f["abstract"] = enc(plain(p.abstract))
    return etype, f


def _bib_name(name: str, enc: Any) -> str:
    """A name BibTeX splits as intended: "et al." → others; organisations and single words kept whole."""
    if name.strip().lower() in ("et al.", "et al", "others"):
        return "others"
    text = enc(name)
    if "," in name or (" " in name and not _ORGANISATION.search(name)):
        return text
    return "{" + text + "}"


_ORGANISATION = re.compile(r"\b(university|research|institute|laboratory|lab|group|consortium|team|collaboration)\b", re.I)


def to_bibtex(cv: CV) -> str:
    """The CV's publications as a BibTeX file (UTF-8, LaTeX-escaped)."""
    import bibtexparser
    from bibtexparser.library import Library
    from bibtexparser.model import Entry, Field

    people = People.of(cv)
    entries = []
    for key, pub in zip(citation_keys(cv.publications), cv.publications, strict=True):
        etype, fields = _fields(pub, people, escape)
        entries.append(Entry(etype, key, [Field(name, value) for name, value in fields.items()]))
    header = f"% Publications of {cv.person.name}, exported by cvgen. Roles: author+an (biblatex data annotations).\n\n"
    return header + bibtexparser.write_string(Library(entries))


def to_csl(cv: CV) -> list[dict[str, Any]]:
    """The CV's publications as CSL-JSON items (for Zotero, pandoc, citeproc).

    What CSL has no variable for (author roles, selected, topics, notes) goes into each item's
    ``custom`` object, which CSL-JSON 1.0.2 sets aside for application data.
    """
    people = People.of(cv)
    items = []
    for key, p in zip(citation_keys(cv.publications), cv.publications, strict=True):
        item: dict[str, Any] = {"id": key, "type": CSL_TYPES[p.kind], "title": plain(p.title)}
        item["author"] = [_csl_name(a.name) for a in p.authors if a.name.lower() not in ("et al.", "others")]
        if p.venue:
            item["container-title"] = plain(p.venue)
        if p.venue_short:
            item["container-title-short"] = p.venue_short
        parts = [p.date.year] + ([p.date.month] if p.date.month else []) + ([p.date.day] if p.date.day else [])
        item["issued"] = {"date-parts": [parts]}
        for name, value in (("volume", p.volume), ("issue", p.issue), ("DOI", p.doi)):
            if value:
                item[name] = value
        if p.pages:
            item["page"] = p.pages
        if p.publisher:
            item["publisher"] = plain(p.publisher)
        url = next((lnk.url for lnk in p.links if lnk.url), None)
        if url:
            item["URL"] = url
        if p.abstract:
            item["abstract"] = plain(p.abstract)
        if p.tags:
            item["keyword"] = ", ".join(p.tags)
        if p.status != "published":
            item["status"] = p.status
        custom: dict[str, Any] = {}
        roles = {str(i): [r for r in ("student", "equal", "corresponding") if getattr(a, r)]
                 for i, a in enumerate(p.authors, start=1)}
        roles = {k: v for k, v in roles.items() if v}
        if roles:
            custom["author_roles"] = roles
        owner = [i for i, a in enumerate(p.authors, start=1) if people.is_owner(a)]
        if owner:
            custom["owner_positions"] = owner
        if any(a.name.lower() in ("et al.", "others") for a in p.authors):
            custom["more_authors"] = True
        for name in ("notes", "awards"):
            values = [plain(v) for v in getattr(p, name)]
            if values:
                custom[name] = values
        if p.selected:
            custom["selected"] = True
        if p.topics:
            custom["topics"] = list(p.topics)
        if p.links:
            custom["links"] = [{"label": lnk.label, "url": lnk.url} for lnk in p.links if lnk.url]
        if custom:
            item["custom"] = custom
        items.append(item)
    return items


def _csl_name(name: str) -> dict[str, str]:
    from bibtexparser.middlewares.names import parse_single_name_into_parts

    if " " not in name.strip() and "," not in name:
        return {"literal": name}
    try:
        parts = parse_single_name_into_parts(name, strict=False)
    except ValueError:
        return {"literal": name}
    out = {"family": " ".join(parts.last), "given": " ".join(parts.first)}
    if parts.von:
        out["non-dropping-particle"] = " ".join(parts.von)
    if parts.jr:
        out["suffix"] = " ".join(parts.jr)
    return {k: v for k, v in out.items() if v}
