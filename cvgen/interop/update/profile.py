"""Which profile a CV is kept current from: ``--from``, else what the file itself records.

In order: the ``sync.source`` the last update wrote, the profile named in the metrics line's
provenance, then the ORCID, OpenAlex or DBLP link in ``person.links``. ``--from openalex`` picks
that service (OpenAlex also accepts an ORCID iD); ``--from openalex:A5023888391`` names the id.
"""

from __future__ import annotations

import re
from typing import Any

from cvgen.errors import UsageError

SERVICES = ("openalex", "orcid", "dblp")
_LINKS = (
    ("orcid", re.compile(r"orcid\.org/(\d{4}-\d{4}-\d{4}-\d{3}[\dX])", re.I)),
    ("openalex", re.compile(r"openalex\.org/(?:authors/)?(A\d{4,12})", re.I)),
    ("dblp", re.compile(r"dblp\.(?:org|uni-trier\.de)/pid/([\w/-]+?)(?:\.html)?$", re.I)),
)


def known_profiles(plain: dict[str, Any]) -> list[tuple[str, str]]:
    """(service, id) pairs the file names, most authoritative first."""
    found: list[tuple[str, str]] = []
    sync = plain.get("sync")
    if isinstance(sync, dict) and isinstance(sync.get("source"), str):
        service, _, ident = sync["source"].partition(":")
        found.append((service, ident))
    metrics = plain.get("metrics")
    prov = metrics.get("provenance") if isinstance(metrics, dict) else None
    for src in (prov or {}).get("sources") or [] if isinstance(prov, dict) else []:
        if isinstance(src, dict) and src.get("service") in SERVICES and src.get("id") != "per-paper counts":
            found.append((str(src["service"]), str(src["id"])))
    person = plain.get("person")
    for link in (person.get("links") or []) if isinstance(person, dict) else []:
        url = str(link.get("url") or "") if isinstance(link, dict) else ""
        for service, pattern in _LINKS:
            m = pattern.search(url)
            if m:
                found.append((service, m.group(1)))
    return list(dict.fromkeys(found))


def choose_profile(plain: dict[str, Any], wanted: str | None, filename: str) -> tuple[str, str]:
    """The (service, id) to update from, or a UsageError saying how to name one."""
    if wanted and ":" in wanted:
        service, _, ident = wanted.partition(":")
        if service not in SERVICES:
            raise UsageError(f"--from {wanted}: unknown service (one of: {', '.join(SERVICES)})")
        return service, ident
    known = known_profiles(plain)
    if wanted:
        if wanted not in SERVICES:
            raise UsageError(f"--from {wanted}: unknown service (one of: {', '.join(SERVICES)})")
        for service, ident in known:
            if service == wanted or (wanted == "openalex" and service == "orcid"):
                return wanted, ident
        raise UsageError(f"{filename}: no {wanted} id in the file (sync.source, metrics provenance or person.links); "
                         f"name it: --from {wanted}:ID")
    if not known:
        raise UsageError(f"{filename}: the file names no ORCID, OpenAlex or DBLP profile to update from; "
                         "name one: --from openalex:A5023888391 (or orcid:ID, dblp:PID)")
    return known[0]
