"""Merged publications and profiles written as cvgen data, each entry with its provenance."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from cvgen.interop.common import Data, good_url, prune
from cvgen.interop.scholarly.client import SERVICES
from cvgen.interop.scholarly.merge import Merged
from cvgen.interop.scholarly.records import Profile, reads_as_markup
from cvgen.model.authors import COMPACT_MARKERS
from cvgen.model.provenance import recorded

PROFILE_ORDER = ("orcid", "openalex", "dblp")
"""Whose spelling of the owner's name heads the CV."""
RECORDED_FIELDS = ("title", "authors", "kind", "venue", "venue_short", "date", "volume", "issue", "pages",
                   "publisher", "doi", "url", "links", "citations", "abstract", "categories", "notes")


@dataclass
class WriteOptions:
    as_of: str
    """ISO date recorded as the sync date and shown in the metrics line."""
    owner: str | None = None
    abstracts: bool = False
    categories: bool = False


def author_entry(name: str) -> str | Data:
    """The compact form, unless the name itself ends in a marker character (then a mapping keeps it literal)."""
    if name[-1] in COMPACT_MARKERS or name[0] in COMPACT_MARKERS:
        return {"name": name}
    return name


def _links(m: Merged) -> list[Data]:
    w = m.work
    links = []
    if w.arxiv and (w.kind != "preprint" or (w.url or "").find(w.arxiv) < 0):
        links.append({"label": "arXiv", "url": f"https://arxiv.org/abs/{w.arxiv}"})
    if w.preprint and good_url(w.preprint):
        links.append({"label": "Preprint", "url": w.preprint})
    if w.pdf and good_url(w.pdf):
        links.append({"label": "PDF", "url": w.pdf})
    if w.code and good_url(w.code):
        links.append({"label": "Code", "url": w.code, "kind": "github" if "github.com" in w.code else "other"})
    return links


def _url(m: Merged) -> str | None:
    url = m.work.url
    if not url or not good_url(url) or "doi.org/" in url:
        return None
    return url


def publication(m: Merged, opts: WriteOptions, owner: str, warnings: list[str]) -> Data | None:
    """One publication entry, or None (with a warning) when the services give no date for it."""
    w = m.work
    if not w.date:
        warnings.append(f"skipped {w.title!r} ({w.service} {w.id}): no service gives a publication date")
        return None
    authors = w.authors
    if not authors:
        authors = [owner]
        warnings.append(f"{w.title!r} ({w.service} {w.id}) lists no authors; only you are listed, check the others")
    entry: Data = {
        "title": w.title, "authors": [author_entry(a) for a in authors], "kind": w.kind,
        "venue": w.venue, "venue_short": w.venue_short, "date": w.date,
        "volume": w.volume, "issue": w.issue, "pages": w.pages, "publisher": w.publisher, "doi": w.doi,
        "url": _url(m), "links": _links(m), "notes": w.notes, "citations": w.citations,
        "abstract": w.abstract if opts.abstracts else None, "categories": w.categories if opts.categories else [],
    }
    entry = prune(entry)
    for name in ("title", "venue", "publisher", "abstract"):
        if name in entry and reads_as_markup(entry[name]):
            warnings.append(f"{w.title!r}: its {name} holds * _ or [ ] that cvgen reads as markup; check how it shows")
    values = {}
    for name in RECORDED_FIELDS:
        if name in entry:
            value = entry[name]
            if name == "authors":
                value = [a["name"] if isinstance(a, dict) else a for a in value]
            elif name == "links":
                value = [lnk["url"] for lnk in value]
            values[name] = recorded(value)
    entry["provenance"] = {
        "sources": [{"service": s, "id": i} for s, i in m.sources], "synced": opts.as_of,
        "values": {k: list(v) if isinstance(v, tuple) else v for k, v in values.items()},
    }
    return entry


def owner_name(profiles: list[Profile], merged: list[Merged], explicit: str | None,
               warnings: list[str]) -> str:
    """The owner: as given, else as the profile services spell it, else the most frequent author."""
    if explicit:
        return explicit
    for service in PROFILE_ORDER:
        for p in profiles:
            if p.service == service and p.name:
                return p.name
    counts = Counter(a for m in merged for a in m.work.authors)
    if not counts:
        return "Your Name"
    name = counts.most_common(1)[0][0]
    warnings.append(f"the CV owner was taken to be {name!r} (the most frequent author); pass --owner to choose")
    return name


def person(owner: str, profiles: list[Profile], merged: list[Merged]) -> Data:
    # OpenAlex's name alternatives are machine-made and can hold a namesake; ORCID's are the owner's own.
    declared = [v for p in profiles if p.service != "openalex" for v in p.variants]
    spellings = [p.name for p in profiles if p.name] + declared + [n for m in merged for n in m.work.owner_names]
    variants = [v for v in dict.fromkeys(spellings) if v != owner]
    links: dict[str, Data] = {}
    for p in profiles:
        for label, url, kind in p.links:
            if good_url(url) and url.rstrip("/") not in links:
                links[url.rstrip("/")] = {"label": label, "url": url, "kind": kind}
    return prune({"name": owner, "name_variants": variants, "links": list(links.values())})


def h_index(counts: list[int]) -> int:
    ranked = sorted(counts, reverse=True)
    return sum(1 for i, c in enumerate(ranked, 1) if c >= i)


def metrics(profiles: list[Profile], merged: list[Merged], opts: WriteOptions) -> Data:
    """The metrics line: OpenAlex's author figures when there is an OpenAlex profile, else figures
    computed from the per-paper counts (and said to be), else the number of works."""
    oa = next((p for p in profiles if p.service == "openalex"), None)
    if oa:
        data: Data = {"citations": oa.citations, "h_index": oa.h_index, "i10_index": oa.i10_index,
                      "papers": oa.works_count, "source": "OpenAlex", "url": oa.url, "as_of": opts.as_of,
                      "by_year": [{"year": y, "citations": c} for y, c in oa.by_year]}
        sources = [{"service": "openalex", "id": oa.id}]
    else:
        data, sources = _computed_metrics(profiles, merged, opts)
    data = prune(data)
    recorded_values = {k: str(data[k]) for k in ("citations", "h_index", "i10_index", "papers") if k in data}
    if sources:
        data["provenance"] = {"sources": sources, "synced": opts.as_of, "values": recorded_values}
    return data


def _computed_metrics(profiles: list[Profile], merged: list[Merged], opts: WriteOptions) -> tuple[Data, list[Data]]:
    """Figures from the per-paper counts when no service gave author metrics, named as such."""
    counts = [m.work.citations for m in merged if m.work.citations is not None]
    counted = sorted({w.service for m in merged for w in m.members if w.citations is not None})
    first = profiles[0] if profiles else None
    data: Data = {}
    if counts:
        data = {"citations": sum(counts), "h_index": h_index(counts), "i10_index": sum(1 for c in counts if c >= 10)}
    data["papers"] = len(merged)
    if counts:
        data["source"] = ", ".join(SERVICES[s].name for s in counted) + " (per-paper counts)"
    else:
        data["source"] = ", ".join(dict.fromkeys(SERVICES[w.service].name for m in merged for w in m.members))
    data |= {"url": first.url if first else None, "as_of": opts.as_of}
    sources = [{"service": p.service, "id": p.id} for p in profiles]
    sources += [{"service": s, "id": "per-paper counts"} for s in counted if s not in {p.service for p in profiles}]
    return data, sources
