"""cvgen → BibTeX and CSL-JSON: the publication list for reference managers and other tools.

BibTeX is written by :mod:`cvgen.interop.bibtex_writer`, the one writer every export uses: text has
LaTeX's special characters escaped and TeX's ligatures broken, web addresses and DOIs are kept
verbatim with only the characters that could leave their field percent-encoded, and names are
written in the form BibTeX splits as intended. Other Unicode is kept as it is, because biber and
modern engines read it and turning ``⁻¹`` or ``"`` into macros does not come back as the same text.
Author roles travel as biblatex data annotations (``author+an = {1=student,equal; 3=highlight}``,
``highlight`` marking the owner), which :mod:`cvgen.interop.bibtex` reads back.
"""

from __future__ import annotations

import re
from typing import Any

from cvgen.chars import one_line
from cvgen.interop.bibtex_writer import BibEntry, bib_name, bib_text, bib_verbatim, write_bibtex
from cvgen.model.cv import CV
from cvgen.model.markup import plain
from cvgen.model.people import People, csl_name_parts
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


def _fields(p: Publication, people: People, enc: Any = bib_text) -> tuple[str, dict[str, str]]:
    """BibTeX fields of one publication, each value encoded for its kind (text, address, name)."""
    etype = BIBTEX_TYPES[p.kind]
    f: dict[str, str] = {"title": enc(plain(p.title))}
    f["author"] = " and ".join(bib_name(a.name) for a in p.authors)
    notes = "; ".join(f"{i}={','.join(roles)}" for i, roles in _author_roles(p, people, owner="highlight").items())
    if notes:
        f["author+an"] = notes
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
        f["pages"] = "--".join(enc(part) for part in re.split(r"\s*[–—-]+\s*", p.pages))
    if p.publisher:
        f["publisher"] = enc(plain(p.publisher))
    if p.doi:
        f["doi"] = bib_verbatim(p.doi)
    for name, value in (("pmid", p.pmid), ("pmcid", p.pmcid)):
        if value:
            f[name] = value
    _link_fields(p, f)
    for name, value, escaped in _later_fields(p):
        if value is not None:
            f[name] = enc(value) if escaped else bib_text(value)
    return etype, f


def _author_roles(p: Publication, people: People, owner: str | None = None) -> dict[int, list[str]]:
    """Author position (from 1) → the roles cvgen marks (student, equal, corresponding, and
    ``owner`` when given and the author is the CV's owner); authors without a role are left out."""
    out = {}
    for i, a in enumerate(p.authors, start=1):
        roles = [r for r in ("student", "equal", "corresponding") if getattr(a, r)]
        if owner and people.is_owner(a):
            roles.append(owner)
        if roles:
            out[i] = roles
    return out


def _link_fields(p: Publication, f: dict[str, str]) -> None:
    """Links as fields named by their label (pdf, code, …; the first other one is ``url``, then ``<label>url``)."""
    for link in p.links:
        if not link.url:
            continue
        name = LINK_FIELD.get(link.label.lower(), "url" if "url" not in f else None)
        if name is None or name in f:
            name = re.sub(r"[^a-z0-9]+", "", link.label.lower()) + "url"
            if name in f:
                continue
        f[name] = bib_verbatim(link.url)


def _later_fields(p: Publication) -> list[tuple[str, str | None, bool]]:
    """(BibTeX field, value or None, whether it is LaTeX-escaped) after the links, in the order written."""
    return [
        ("pubstate", PUBSTATE[p.status] if p.status != "published" else None, False),
        ("note", "; ".join(plain(n) for n in p.notes) if p.notes else None, True),
        ("award", "; ".join(plain(a) for a in p.awards) if p.awards else None, True),
        ("selected", "true" if p.selected else None, False),
        ("topics", ", ".join(p.topics) if p.topics else None, True),
        ("keywords", ", ".join(p.tags) if p.tags else None, True),
        ("categories", ", ".join(p.categories) if p.categories else None, True),
        ("citations", str(p.citations) if p.citations is not None else None, False),
        ("shorthand", p.id or None, True),
        ("abstract", plain(p.abstract) if p.abstract else None, True),
    ]


def to_bibtex(cv: CV) -> str:
    """The CV's publications as a BibTeX file (UTF-8, LaTeX-escaped)."""
    people = People.of(cv)
    entries = []
    for key, pub in zip(citation_keys(cv.publications), cv.publications, strict=True):
        etype, fields = _fields(pub, people)
        entries.append(BibEntry(etype, key, list(fields.items())))
    header = (f"% Publications of {one_line(cv.person.name).replace('@', '(at)')}, exported by cvgen. "
              "Roles: author+an (biblatex data annotations).\n")
    return write_bibtex(entries, header)


def to_csl(cv: CV) -> list[dict[str, Any]]:
    """The CV's publications as CSL-JSON items (for Zotero, pandoc, citeproc).

    What CSL has no variable for (author roles, selected, topics, notes) goes into each item's
    ``custom`` object, which CSL-JSON 1.0.2 sets aside for application data.
    """
    people = People.of(cv)
    return [_csl_item(key, p, people) for key, p in zip(citation_keys(cv.publications), cv.publications, strict=True)]


def _csl_item(key: str, p: Publication, people: People) -> dict[str, Any]:
    item: dict[str, Any] = {"id": key, "type": CSL_TYPES[p.kind], "title": plain(p.title)}
    item["author"] = [csl_name_parts(a.name) for a in p.authors if a.name.lower() not in ("et al.", "others")]
    parts = [p.date.year] + ([p.date.month] if p.date.month else []) + ([p.date.day] if p.date.day else [])
    url = next((lnk.url for lnk in p.links if lnk.url), None)
    variables = [
        ("container-title", plain(p.venue) if p.venue else None),
        ("container-title-short", p.venue_short),
        ("issued", {"date-parts": [parts]}),
        ("volume", p.volume), ("issue", p.issue), ("DOI", p.doi), ("PMID", p.pmid), ("PMCID", p.pmcid),
        ("page", p.pages),
        ("publisher", plain(p.publisher) if p.publisher else None),
        ("URL", url),
        ("abstract", plain(p.abstract) if p.abstract else None),
        ("keyword", ", ".join(p.tags) if p.tags else None),
        ("status", p.status if p.status != "published" else None),
        ("custom", _csl_custom(p, people)),
    ]
    item.update((name, value) for name, value in variables if value)
    return item


def _csl_custom(p: Publication, people: People) -> dict[str, Any]:
    """cvgen's facts CSL has no variable for (CSL-JSON's ``custom`` object)."""
    roles = {str(i): r for i, r in _author_roles(p, people).items()}
    owner = [i for i, a in enumerate(p.authors, start=1) if people.is_owner(a)]
    values = [
        ("author_roles", roles),
        ("owner_positions", owner),
        ("more_authors", any(a.name.lower() in ("et al.", "others") for a in p.authors)),
        ("notes", [plain(v) for v in p.notes]),
        ("awards", [plain(v) for v in p.awards]),
        ("selected", bool(p.selected)),
        ("topics", list(p.topics)),
    ]
    custom = {name: value for name, value in values if value}
    if p.links:  # written even when no link has an address (an empty list)
        custom["links"] = [{"label": lnk.label, "url": lnk.url} for lnk in p.links if lnk.url]
    return custom


