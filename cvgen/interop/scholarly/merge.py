"""One entry per publication, however many services list it.

Records are the same work when they share a DOI, an arXiv id, or a normalised title (accents,
case and punctuation ignored) with years at most two apart and no conflicting DOIs. A preprint and
its published version therefore become one entry: the published record gives the venue, the
preprint adds its arXiv link, categories and abstract. Two published versions with different DOIs
(a conference paper and its journal extension) stay two entries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cvgen.interop.scholarly.records import Work, title_key, year_of

BIBLIO_ORDER = ("crossref", "openalex", "dblp", "orcid", "arxiv")
"""Whose bibliographic fields win: the publisher's record first, the preprint server last."""
TITLE_ORDER = ("crossref", "orcid", "dblp", "openalex", "arxiv")
"""Titles: the publisher's, then the owner's own ORCID entry (OpenAlex often changes the case)."""
AUTHOR_ORDER = ("crossref", "openalex", "dblp", "arxiv", "orcid")
ABSTRACT_ORDER = ("arxiv", "openalex", "crossref", "orcid")
CITATION_ORDER = ("openalex", "crossref")
MIN_TITLE_KEY = 16
"""Titles shorter than this (after normalising) are too generic to merge on ("Introduction")."""


@dataclass
class Merged:
    """One publication: the combined fields and every record it was built from."""

    work: Work
    members: list[Work] = field(default_factory=list)

    @property
    def sources(self) -> list[tuple[str, str]]:
        ranked = sorted(self.members, key=lambda w: BIBLIO_ORDER.index(w.service))
        return list(dict.fromkeys((w.service, w.id) for w in ranked))


class _Groups:
    """Union-find over record indices."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        self.parent[self.find(j)] = self.find(i)


def _same_by_title(a: Work, b: Work) -> bool:
    """Same title, close years, and not two published records with different DOIs."""
    ya, yb = year_of(a.date), year_of(b.date)
    if ya and yb and abs(ya - yb) > 2:
        return False
    if a.kind == "preprint" or b.kind == "preprint":
        return True  # a preprint server's DOI (PeerJ Preprints, bioRxiv) never conflicts
    return not (a.doi and b.doi and a.doi.lower() != b.doi.lower())


def group(works: list[Work]) -> list[list[Work]]:
    """The records partitioned into publications, in the order each publication first appears."""
    groups = _Groups(len(works))
    seen: dict[tuple[str, str], int] = {}
    for i, w in enumerate(works):
        keys = [("id", f"{w.service}:{w.id}")]
        keys += [("doi", w.doi.lower())] if w.doi else []
        keys += [("arxiv", w.arxiv)] if w.arxiv else []
        for key in keys:
            if key in seen:
                groups.join(seen[key], i)
            else:
                seen[key] = i
    by_title: dict[str, list[int]] = {}
    for i, w in enumerate(works):
        key = title_key(w.title)
        if len(key) >= MIN_TITLE_KEY:
            for j in by_title.get(key, []):
                if _same_by_title(works[j], w):
                    groups.join(j, i)
            by_title.setdefault(key, []).append(i)
    out: dict[int, list[Work]] = {}
    for i, w in enumerate(works):
        out.setdefault(groups.find(i), []).append(w)
    return [part for members in out.values() for part in _split_by_doi(members)]


def _split_by_doi(members: list[Work]) -> list[list[Work]]:
    """Published records with different DOIs are different publications (a conference paper and
    its journal version); the preprints and DOI-less records join the earliest of them."""
    def published_doi(w: Work) -> str | None:
        return w.doi.lower() if w.doi and w.kind != "preprint" else None

    dois = list(dict.fromkeys(d for d in map(published_doi, members) if d))
    if len(dois) <= 1:
        return [members]
    parts = {d: [w for w in members if published_doi(w) == d] for d in dois}
    earliest = min(dois, key=lambda d: min(w.date or "9999" for w in parts[d]))
    parts[earliest] += [w for w in members if published_doi(w) is None]
    return list(parts.values())


def _first(members: list[Work], order: tuple[str, ...], attr: str, published_only: bool = False) -> object:
    ranked = sorted((w for w in members if w.service in order), key=lambda w: order.index(w.service))
    for w in ranked:
        if published_only and w.kind == "preprint":
            continue
        value = getattr(w, attr)
        if value not in (None, "", []):
            return value
    return None


def combine(members: list[Work]) -> Merged:
    """The fields of one publication taken from the record that knows them best."""
    ranked = sorted(members, key=lambda w: BIBLIO_ORDER.index(w.service))
    published = [w for w in ranked if w.kind != "preprint"]
    primary = (published or ranked)[0]
    citations = None
    for service in CITATION_ORDER:
        counts = [w.citations for w in members if w.service == service and w.citations is not None]
        if counts:
            citations = max(counts)
            break
    work = Work(
        service=primary.service, id=primary.id, title=_first(published or ranked, TITLE_ORDER, "title"),
        authors=list(_first(members, AUTHOR_ORDER, "authors") or []),
        owner_names=list(dict.fromkeys(n for w in members for n in w.owner_names)),
        kind=primary.kind, date=primary.date or _first(members, BIBLIO_ORDER, "date"),
        venue=_first(members, BIBLIO_ORDER, "venue", published_only=True),
        venue_short=_first(members, BIBLIO_ORDER, "venue_short", published_only=True),
        volume=primary.volume or _first(published, BIBLIO_ORDER, "volume"),
        issue=primary.issue or _first(published, BIBLIO_ORDER, "issue"),
        pages=primary.pages or _first(published, BIBLIO_ORDER, "pages"),
        publisher=_first(members, BIBLIO_ORDER, "publisher", published_only=True),
        doi=_first(published, BIBLIO_ORDER, "doi") or _first(members, BIBLIO_ORDER, "doi"), arxiv=_first(members, BIBLIO_ORDER, "arxiv"),
        url=primary.url or (_first(published, BIBLIO_ORDER, "url") if published else _first(members, BIBLIO_ORDER, "url")),
        pdf=_first(members, ABSTRACT_ORDER, "pdf"),
        code=_first(members, BIBLIO_ORDER, "code"), abstract=_first(members, ABSTRACT_ORDER, "abstract"),
        categories=list(_first(members, ("arxiv", "openalex", "crossref"), "categories") or []),
        citations=citations, notes=[] if published else list(_first(members, ("arxiv",), "notes") or []),
    )
    if published:
        work.preprint = next((_preprint_url(w) for w in ranked if w.kind == "preprint" and not w.arxiv
                              and _preprint_url(w)), None)
    return Merged(work=work, members=members)


def _preprint_url(w: Work) -> str | None:
    return f"https://doi.org/{w.doi}" if w.doi else w.url


def merge(works: list[Work]) -> list[Merged]:
    """Every publication once, newest first (ties by title, so the output never depends on luck)."""
    merged = [combine(members) for members in group(works)]
    merged.sort(key=lambda m: m.work.title.casefold())
    merged.sort(key=lambda m: m.work.date or "", reverse=True)
    return merged
