"""An import from start to finish: check every id, ask the services, merge, write cvgen data.

``cvgen import orcid|openalex|dblp|doi|arxiv`` and the Python API both call :func:`run_import`.
Ids are checked before the first request, so a typo costs no network traffic; any service failure
raises before anything is written.

For ``cvgen update`` (keeping a CV current): :func:`harvest` gives the services' answers and
:func:`cvgen.interop.scholarly.merge.merge` one record per publication, each with its
``sources``; an existing entry is the same publication when one of its ``provenance.sources``
(service, id) pairs is among them. :func:`cvgen.model.provenance.unchanged_since_sync` then tells a
field the user edited from one that is only stale, and :func:`~cvgen.interop.scholarly.writer.publication`
writes a new work exactly as an import would.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from cvgen.errors import UsageError
from cvgen.interop.common import Imported
from cvgen.interop.scholarly import arxiv, crossref, dblp, openalex, orcid
from cvgen.interop.scholarly.client import SERVICES, ScholarlyClient
from cvgen.interop.scholarly.merge import merge
from cvgen.interop.scholarly.records import Harvest, Work
from cvgen.interop.scholarly.writer import WriteOptions, metrics, owner_name, person, publication

PRIMARY = ("orcid", "openalex", "dblp", "doi", "arxiv")
ENRICH = ("orcid", "openalex", "crossref", "arxiv", "dblp")


@dataclass
class ImportRequest:
    """What the user asked for: a service and its ids, further services to consult, output choices."""

    service: str
    ids: list[str]
    write: WriteOptions
    also: list[str] = field(default_factory=list)
    """``--with`` values: ``openalex``, ``crossref``, ``arxiv``, ``orcid`` or ``dblp:PID``."""


def check_ids(req: ImportRequest) -> None:
    """Every id parsed before any request: a typo fails at once with exit status 2."""
    if req.service not in PRIMARY:
        raise UsageError(f"unknown service {req.service!r} (one of: {', '.join(PRIMARY)})")
    parse: Callable[[str], str] = {
        "orcid": orcid.parse_orcid, "openalex": lambda v: openalex.author_path(v), "dblp": dblp.parse_pid,
        "doi": crossref.parse_doi, "arxiv": arxiv.parse_arxiv,
    }[req.service]
    for value in req.ids:
        parse(value)
    for extra in req.also:
        name, _, ident = extra.partition(":")
        if name not in ENRICH:
            raise UsageError(f"--with {extra}: unknown service (one of: {', '.join(ENRICH)}; dblp needs dblp:PID)")
        if name == "dblp":
            if not ident:
                raise UsageError("--with dblp needs the DBLP person id: --with dblp:34/7659")
            dblp.parse_pid(ident)
        elif ident:
            raise UsageError(f"--with {extra}: only dblp takes an id")


def _primary(client: ScholarlyClient, req: ImportRequest) -> Harvest:
    abstracts = req.write.abstracts
    if req.service == "orcid":
        return orcid.fetch_orcid(client, req.ids[0])
    if req.service == "openalex":
        return openalex.fetch_author(client, req.ids[0], abstracts)
    if req.service == "dblp":
        return dblp.fetch_dblp(client, req.ids[0])
    if req.service == "doi":
        return crossref.fetch_dois(client, req.ids)
    return arxiv.fetch_arxiv(client, req.ids)


def _known_orcid(harvests: list[Harvest], req: ImportRequest) -> str | None:
    if req.service == "orcid":
        return orcid.parse_orcid(req.ids[0])
    return next((h.profile.orcid for h in harvests if h.profile and h.profile.orcid), None)


def _enrich(client: ScholarlyClient, name: str, ident: str, harvests: list[Harvest], req: ImportRequest) -> Harvest:
    """One ``--with`` service, asked about what the earlier ones found."""
    works: list[Work] = [w for h in harvests for w in h.works]
    have = {h.profile.service for h in harvests if h.profile} | {w.service for w in works}
    known = _known_orcid(harvests, req)
    if name in have and name != "crossref":
        return Harvest()
    if name == "dblp":
        return dblp.fetch_dblp(client, ident)
    if name == "orcid":
        return orcid.fetch_orcid(client, known) if known else Harvest(warnings=["--with orcid: no ORCID iD is known; skipped"])
    if name == "openalex":
        if known:
            return openalex.fetch_author(client, known, req.write.abstracts)
        dois = sorted({w.doi for w in works if w.doi})
        return Harvest(works=openalex.works_by_doi(client, dois, req.write.abstracts))
    if name == "crossref":
        done = {w.doi.lower() for w in works if w.service == "crossref" and w.doi}
        dois = sorted({w.doi for w in works if w.doi and w.doi.lower() not in done})
        return crossref.fetch_dois(client, dois, owner_orcid=known, missing_ok=True)
    ids = sorted({w.arxiv for w in works if w.arxiv})
    return arxiv.fetch_arxiv(client, ids, missing_ok=True) if ids else Harvest()


def harvest(client: ScholarlyClient, req: ImportRequest) -> list[Harvest]:
    """The primary service's answer, then each ``--with`` service's, in the order given."""
    check_ids(req)
    harvests = [_primary(client, req)]
    for extra in req.also:
        name, _, ident = extra.partition(":")
        harvests.append(_enrich(client, name, ident, harvests, req))
    return harvests


def build(harvests: list[Harvest], opts: WriteOptions) -> Imported:
    """cvgen data (person, metrics, publications) from everything the services gave."""
    warnings = [w for h in harvests for w in h.warnings]
    profiles = [h.profile for h in harvests if h.profile]
    works = [w for h in harvests for w in h.works]
    merged = merge(works)
    owner = owner_name(profiles, merged, opts.owner, warnings)
    pubs = [p for p in (publication(m, opts, owner, warnings) for m in merged) if p]
    data = {"person": person(owner, profiles, merged), "metrics": metrics(profiles, merged, opts), "publications": pubs}
    summary = (
        f"{len(pubs)} publications from {len(works)} records at "
        + ", ".join(dict.fromkeys(SERVICES[w.service].name for w in works) or ["no service"])
    )
    return Imported(data={"data": data, "summary": summary}, warnings=warnings)


def run_import(req: ImportRequest, client: ScholarlyClient) -> Imported:
    """Ask the services and build the cvgen data; raises before returning anything on any failure."""
    result = build(harvest(client, req), req.write)
    if req.service in ("orcid", "openalex", "dblp"):  # a profile `cvgen update` can return to
        result.data["data"]["sync"] = sync_block(req, result.data["data"])
    return result


def sync_block(req: ImportRequest, data: dict) -> dict:
    """What ``cvgen update`` needs to find the profile again and to tell a deleted work from a new one."""
    ident = {"orcid": orcid.parse_orcid, "dblp": dblp.parse_pid,
             "openalex": lambda v: openalex.author_path(v).rsplit("/", 1)[-1]}[req.service](req.ids[0])
    for src in (data.get("metrics") or {}).get("provenance", {}).get("sources", []):
        if src["service"] == req.service == "openalex":
            ident = src["id"]  # the author id, also when the import was asked by ORCID iD
    seen = sorted({f"{s['service']}:{s['id']}" for p in data["publications"] for s in p["provenance"]["sources"]})
    return {"source": f"{req.service}:{ident}", "synced": req.write.as_of, "seen": seen}
