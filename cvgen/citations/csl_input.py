"""A publication as a CSL-JSON item, its authors' names carrying sentinels (see :mod:`.sentinels`).

Built once per publication in the preparation step. Names are split into CSL's parts with
bibtexparser's BibTeX name parser ("J. van der Berg", "Berg, Jan van der", "King, Jr., Martin"),
plus the PubMed form cvgen also reads ("Liu S"). A name without a given part (an organisation, a
name written in CJK characters) is passed as a literal, printed as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from cvgen.citations import sentinels as s
from cvgen.model.markup import Emph, Inline, Link, Strong, Sup, Text
from cvgen.model.people import csl_name_parts
from cvgen.model.publications import Publication

# cvgen kind → CSL item type.
CSL_TYPES = {
    "journal": "article-journal",
    "conference": "paper-conference",
    "workshop": "paper-conference",
    "magazine": "article-magazine",
    "preprint": "article",
    "book": "book",
    "chapter": "chapter",
    "thesis": "thesis",
    "patent": "patent",
    "report": "report",
    "other": "document",  # CSL 1.0.2's generic type ("article" would read as a preprint)
}
# Where the venue goes: the publisher (a university, an institution) or the container.
_VENUE_IS_PUBLISHER = {"thesis", "report"}
STATUS_TEXT = {
    "accepted": "accepted",
    "under-review": "under review",
    "submitted": "submitted",
    "in-preparation": "in preparation",
}
_PUBMED = re.compile(r"^(?P<family>[^,.]+?)\s+(?P<given>[A-Z]|[B-DF-HJ-NP-TV-Z]{2,3})$")


@dataclass(frozen=True)
class AuthorNote:
    """What the view decided about one author: bold (``"owner"``/``"member"``) and markers."""

    bold: str | None = None
    marks: str = ""


def encode_rich(nodes: Inline, links: list[str]) -> str:
    """Rich text as a string the engine passes through: formatting and links become sentinels."""
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(s.protect(node.text))
            continue
        inner = encode_rich(node.children, links)
        if isinstance(node, Link) and len(links) < s.MAX_LINKS:
            out.append(s.link_open(len(links)) + inner + s.LINK_CLOSE)
            links.append(node.href)
        elif isinstance(node, (Strong, Emph, Sup)):
            fmt = {Strong: "bold", Emph: "italic", Sup: "sup"}[type(node)]
            out.append(s.FORMATS[fmt][0] + inner + s.FORMATS[fmt][1])
        else:
            out.append(inner)
    return "".join(out)


def split_name(name: str) -> dict[str, str]:
    """CSL name parts of a written name: family, given, non-dropping-particle, suffix."""
    pubmed = _PUBMED.match(name.strip())
    if pubmed:  # "Chen PY": the initials spaced, so the style initialises each one
        return {"family": pubmed["family"], "given": " ".join(pubmed["given"])}
    parts = csl_name_parts(name)
    return parts if "family" in parts and "given" in parts else {"literal": name}


def csl_name(name: str, index: int, mark_given: bool = False) -> dict[str, str]:
    """One author for the engine, wrapped in this author's sentinels.

    ``mark_given`` also marks where the given name starts (needed to bold a whole name).
    """
    parts = {k: s.protect(v) for k, v in split_name(name).items()}
    start, family_end, end = s.family_start(index), s.family_end(index), s.name_end(index)
    if "literal" in parts:
        return {"literal": start + parts["literal"] + family_end}
    if mark_given:
        parts["given"] = s.GIVEN_MARK + " " + parts["given"]
    if "non-dropping-particle" in parts:  # "van der Berg, J.": the name may start at its particle
        parts["non-dropping-particle"] = start + parts["non-dropping-particle"]
    parts["family"] = start + parts["family"] + family_end
    parts["suffix"] = parts.get("suffix", "") + end
    return parts


def csl_item(pub: Publication, key: str, names: list[str], marked: frozenset[int] = frozenset()) -> dict[str, Any]:
    """The CSL-JSON item for ``pub``; ``names`` are the authors passed (cvgen may drop "et al.")."""
    title_links: list[str] = []
    item: dict[str, Any] = {
        "id": key,
        "type": CSL_TYPES.get(pub.kind, "article"),
        "title": encode_rich(pub.title, title_links),
        "author": [csl_name(n, i, i in marked) for i, n in enumerate(names)],
        "issued": {"date-parts": [[p for p in (pub.date.year, pub.date.month, pub.date.day) if p]]},
    }
    venue = encode_rich(pub.venue, []) if pub.venue else (s.protect(pub.venue_short) if pub.venue_short else None)
    if venue and pub.kind in _VENUE_IS_PUBLISHER and not pub.publisher:
        item["publisher"] = venue
    elif venue:
        item["container-title"] = venue
    if pub.venue_short and pub.venue:
        item["container-title-short"] = s.protect(pub.venue_short)
    if pub.publisher:
        item["publisher"] = encode_rich(pub.publisher, [])
    for field, value in (("volume", pub.volume), ("issue", pub.issue), ("page", pub.pages), ("DOI", pub.doi),
                         ("URL", pub.url), ("status", STATUS_TEXT.get(pub.status))):
        if value:
            item[field] = s.protect(value)
    return item
