"""One file's update, from its text to the new text and a summary; nothing is written here.

Order matters for safety: the file is validated and the profile chosen before any request; the
services are asked before the file is parsed for editing, so a network failure changes nothing;
the new text is validated by cvgen's strict loader before it is handed back to be written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cvgen.errors import CVError
from cvgen.interop.scholarly.client import ScholarlyClient
from cvgen.interop.scholarly.merge import Merged, merge
from cvgen.interop.scholarly.pipeline import ImportRequest, check_ids, harvest
from cvgen.interop.scholarly.writer import WriteOptions, metrics, publication
from cvgen.interop.update import roundtrip
from cvgen.interop.update.profile import choose_profile
from cvgen.interop.update.records import record_sync, refresh_metrics
from cvgen.interop.update.works import WorksUpdate, ids_of


class UpdateError(CVError):
    """The update would leave a CV that does not validate (a bug in cvgen): nothing is written."""

    exit_code = 1


@dataclass
class UpdateOptions:
    source: str | None = None
    """``--from``: ``openalex``, ``orcid``, ``dblp``, optionally ``:ID``."""
    also: list[str] = field(default_factory=list)
    force: frozenset[str] = frozenset()
    as_of: str = ""


@dataclass
class UpdateResult:
    text: str
    changed: bool
    summary: list[str]
    warnings: list[str]


def _plain_and_dates(text: str, filename: str, base_dir: Path | None) -> tuple[dict[str, Any], list[str]]:
    """The strict loader's reading (validated: a broken CV stops here) and each own entry's date."""
    from cvgen.interop.update.works import sortable
    from cvgen.loader.load import load_text, parse_yaml

    cv = load_text(text, filename, base_dir)
    plain = parse_yaml(text, filename).value
    own = len(plain.get("publications") or [])
    dates = [sortable("-".join(str(v) for v in (p.date.year, p.date.month, p.date.day) if v))
             for p in cv.publications[:own]]
    return plain, dates


def _write_options(plain: dict[str, Any], as_of: str) -> WriteOptions:
    """New works written like the old ones: with abstracts or categories when those were imported."""
    recorded = [((p.get("provenance") or {}).get("values") or {}) for p in plain.get("publications") or []
                if isinstance(p, dict)]
    person = plain.get("person") if isinstance(plain.get("person"), dict) else {}
    return WriteOptions(as_of=as_of, owner=str(person.get("name") or "") or None,
                        abstracts=any("abstract" in v for v in recorded),
                        categories=any("categories" in v for v in recorded))


def update_text(text: str, filename: str, opts: UpdateOptions, client: ScholarlyClient,
                base_dir: Path | None = None) -> UpdateResult:
    """The updated text of one CV (unchanged text when there is nothing new)."""
    plain, dates = _plain_and_dates(text, filename, base_dir)
    service, ident = choose_profile(plain, opts.source, filename)
    write = _write_options(plain, opts.as_of)
    request = ImportRequest(service=service, ids=[ident], write=write, also=list(opts.also))
    check_ids(request)
    harvests = harvest(client, request)  # every request before any edit: a failure changes nothing
    warnings = [w for h in harvests for w in h.warnings]
    profiles = [h.profile for h in harvests if h.profile]
    ident = next((p.id for p in profiles if p.service == service == "openalex"), ident)  # A-id, not the ORCID asked by
    merged = merge([w for h in harvests for w in h.works])

    doc, baseline = _editable(text, filename)
    works = WorksUpdate(doc, plain, dates, opts.force, opts.as_of)
    seen, ignored, first = _apply_works(works, merged, plain, write, warnings)
    m_refreshed, m_kept = refresh_metrics(doc, plain, metrics(profiles, merged, write), opts.force, opts.as_of)
    if roundtrip.dump(doc, text) != baseline or _sync_differs(plain, f"{service}:{ident}", seen, ignored):
        record_sync(doc, f"{service}:{ident}", opts.as_of, seen, ignored)  # else: up to date, nothing written

    new_text = roundtrip.dump(doc, text)
    changed = new_text != baseline
    if changed and baseline != text:
        warnings.append("the file's layout is not uniform (mixed indents, or spacing ruamel.yaml cannot keep), "
                        "so some untouched lines are laid out anew: check the diff")
    _check(new_text, filename, base_dir)
    summary = _summary(works, m_refreshed, m_kept, first)
    return UpdateResult(new_text if changed else text, changed, summary, warnings)


def _editable(text: str, filename: str) -> tuple[Any, str]:
    """The round-trip document and its text as written back unedited (the text itself, for a uniform file)."""
    try:
        doc = roundtrip.load(text)
        return doc, roundtrip.dump(doc, text)
    except Exception as exc:  # noqa: BLE001 - ruamel's own errors; the strict loader has accepted the file
        raise UpdateError(f"{filename}: cannot edit this file while keeping its layout ({type(exc).__name__}: "
                          f"{str(exc).splitlines()[0][:200] if str(exc) else ''}); nothing was written") from None


def _apply_works(works: WorksUpdate, merged: list[Merged], plain: dict[str, Any], write: WriteOptions,
                 warnings: list[str]) -> tuple[set[str], set[str], bool]:
    """Refresh, link, add or leave out every publication; returns (seen, ignored, first update)."""
    sync = plain.get("sync") if isinstance(plain.get("sync"), dict) else None
    ignored = {str(i) for i in (sync or {}).get("ignored") or []}
    if sync:
        before = {str(i) for i in sync.get("seen") or []}
    else:
        before = set().union(*(ids_of((e.get("provenance") or {}).get("sources") or [])
                               for e in works.entries if isinstance(e, dict)))
    seen: set[str] = set()
    owner = write.owner or "Your Name"
    for m in merged:
        ids = ids_of(m.sources)
        seen |= ids
        notes: list[str] = []  # the writer's warnings matter only for a work being added
        fresh = publication(m, write, owner, notes)
        if fresh is None:
            continue
        index = works.match(m)
        if index is not None and (works.entries[index] or {}).get("provenance"):
            works.refresh(index, m, fresh)
        elif index is not None:
            works.report.by_hand += 1
        elif ids & ignored:
            works.report.ignored += 1
        elif ids & before:
            ignored.add(f"{m.sources[0][0]}:{m.sources[0][1]}")
            works.report.deleted.append(m.work.title)
        else:
            works.add(fresh)
            warnings += notes
    return seen, ignored, sync is None


def _sync_differs(plain: dict[str, Any], source: str, seen: set[str], ignored: set[str]) -> bool:
    sync = plain.get("sync") if isinstance(plain.get("sync"), dict) else {}
    return (sync.get("source") != source or set(sync.get("seen") or []) != seen
            or set(sync.get("ignored") or []) != ignored)


def _check(text: str, filename: str, base_dir: Path | None) -> None:
    from cvgen.loader.load import load_text

    try:
        load_text(text, filename, base_dir)
    except CVError as exc:
        raise UpdateError(f"{filename}: the updated CV would not validate, so nothing was written ({exc})") from None


def _summary(works: WorksUpdate, m_refreshed: list[str], m_kept: list[str], first: bool) -> list[str]:
    r = works.report
    lines = [f"added {len(r.added)} work{'s' if len(r.added) != 1 else ''}" + (": " + "; ".join(r.added) if r.added else ""),
             f"refreshed the citation counts of {r.counts} work{'s' if r.counts != 1 else ''}"]
    if m_refreshed:
        lines.append("refreshed the metrics line: " + ", ".join(m_refreshed))
    lines += [f"linked the published version to the preprint {t!r}" for t in r.linked]
    lines += [f"refreshed the {what}" for what in r.refreshed]
    lines += [f"kept your {what} (the service now says otherwise; --force FIELD to take it)" for what in r.kept]
    lines += [f"kept your metrics {name} (--force {name} to take the service's)" for name in m_kept]
    lines += [f"left out {t!r}: you deleted it (recorded in sync.ignored)" for t in r.deleted]
    if r.ignored:
        lines.append(f"left out {r.ignored} ignored work{'s' if r.ignored != 1 else ''} (sync.ignored)")
    if r.by_hand:
        lines.append(f"{r.by_hand} work{'s' if r.by_hand != 1 else ''} match entries you wrote by hand; left as written")
    if first:
        lines.append("first update of this file: works it lacks count as new (deleted works are tracked from now on)")
    return lines
