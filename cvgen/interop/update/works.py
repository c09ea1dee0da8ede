"""The services' works against the CV's entries: refresh, link, add, or leave out.

An entry is the same publication as a merged record when one of its ``provenance.sources``
(service, id) pairs is among the record's sources; the merge joins a preprint and its published
version, so a preprint entry meets its published version here and is linked to it (its fields
move to the published version's, the preprint kept as a link) instead of gaining a duplicate.
Entries written by hand (no provenance) that carry the record's DOI or title are left exactly as
written and the record is not added. A record matching nothing is new, unless its ids were seen
at the last update (the user deleted it: its id goes to ``sync.ignored``) or are ignored already.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cvgen.interop.scholarly.merge import Merged
from cvgen.interop.scholarly.records import title_key
from cvgen.interop.scholarly.writer import RECORDED_FIELDS
from cvgen.interop.update.fields import refresh_entry
from cvgen.interop.update.roundtrip import node, set_key

FIELD_ORDER = ("title", "authors", "kind", "venue", "venue_short", "date", "volume", "issue", "pages",
               "publisher", "doi", "url", "links", "notes", "citations", "abstract", "categories")
"""The order the import writes an entry's fields in; a field added later takes its place."""


@dataclass
class WorksReport:
    """What happened to the publications of one file."""

    added: list[str] = field(default_factory=list)
    linked: list[str] = field(default_factory=list)
    counts: int = 0
    """Entries whose citation count changed."""
    refreshed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    """"title of 'X'": a hand edit kept although the service changed the field."""
    deleted: list[str] = field(default_factory=list)
    """Works the user deleted, now recorded as ignored."""
    ignored: int = 0
    by_hand: int = 0
    """Records matching an entry written by hand (left as written)."""


def ids_of(sources: Any) -> set[str]:
    return {f"{s['service']}:{s['id']}" if isinstance(s, dict) else f"{s[0]}:{s[1]}" for s in sources}


def sortable(iso: str) -> str:
    """``YYYY[-MM[-DD]]`` padded to ``YYYY-MM-DD`` with 00 for the unknown parts."""
    parts = (iso.split("-") + ["00", "00"])[:3]
    return "-".join(p.zfill(2) for p in parts)


def set_value(entry: Any, name: str, value: Any) -> None:
    """Set or (for a value the service no longer gives) remove one field of a round-trip entry."""
    if value in (None, [], ""):
        entry.pop(name, None)
        return
    before = FIELD_ORDER[: FIELD_ORDER.index(name)] if name in FIELD_ORDER else ()
    set_key(entry, name, value, after=before)


class WorksUpdate:
    """One file's publications brought up to date; ``doc`` is edited in place."""

    def __init__(self, doc: Any, plain: dict[str, Any], dates: list[str], force: frozenset[str], as_of: str):
        self.doc, self.plain, self.force, self.as_of = doc, plain, force, as_of
        self.report = WorksReport()
        self.entries = list(plain.get("publications") or [])
        self.dates = list(dates)
        """Each entry's date as ``YYYY-MM-DD`` (unknown parts 00), from the validated model."""

    def match(self, m: Merged) -> int | None:
        """Index of the entry that is this publication, by provenance ids first, then DOI or title."""
        ids = ids_of(m.sources)
        for i, e in enumerate(self.entries):
            if isinstance(e, dict) and ids & ids_of((e.get("provenance") or {}).get("sources") or []):
                return i
        doi, key = (m.work.doi or "").lower(), title_key(m.work.title)
        for i, e in enumerate(self.entries):
            if not isinstance(e, dict) or e.get("provenance"):
                continue
            if (doi and str(e.get("doi") or "").lower() == doi) or (len(key) >= 16 and title_key(str(e.get("title") or "")) == key):
                return i
        return None

    def refresh(self, index: int, m: Merged, fresh: dict[str, Any]) -> None:
        """Bring one provenance-carrying entry up to date, hand edits kept."""
        plain = self.entries[index]
        entry = self.doc["publications"][index]
        report, updates = refresh_entry(entry, plain, fresh, self.force, set_value)
        title = str(plain.get("title"))
        if report.kept:
            self.report.kept.append(f"{', '.join(report.kept)} of {title!r}")
        if "citations" in report.refreshed:
            self.report.counts += 1
        others = [name for name in report.refreshed if name != "citations"]
        if others:
            self.report.refreshed.append(f"{', '.join(others)} of {title!r}")
        old_kind = ((plain.get("provenance") or {}).get("values") or {}).get("kind")
        if old_kind == "preprint" and fresh.get("kind") not in (None, "preprint"):
            self.report.linked.append(title)
        self._record(entry, plain, fresh, updates)

    def _record(self, entry: Any, plain: dict[str, Any], fresh: dict[str, Any], updates: dict[str, Any]) -> None:
        """The entry's provenance: changed recorded values, new sources, and the sync date when either changed."""
        prov = entry["provenance"]
        new_sources = fresh["provenance"]["sources"]
        sources_changed = ids_of(new_sources) != ids_of(plain["provenance"].get("sources") or [])
        if sources_changed:
            prov["sources"] = node(new_sources)
        if updates:
            if "values" not in prov:
                prov["values"] = node({})
            for name, value in updates.items():
                if value is None:
                    prov["values"].pop(name, None)
                else:
                    set_key(prov["values"], name, value, after=RECORDED_FIELDS[: RECORDED_FIELDS.index(name)])
        if updates or sources_changed:
            set_key(prov, "synced", self.as_of)

    def add(self, fresh: dict[str, Any]) -> None:
        """A new work, placed among the entries by date (newest first), or last."""
        if "publications" not in self.doc:  # a CV without publications gets the list now
            from ruamel.yaml.comments import CommentedSeq

            keys = list(self.doc)
            self.doc.insert(keys.index("sync") if "sync" in keys else len(keys), "publications", CommentedSeq())
        pubs = self.doc["publications"]
        date = sortable(str(fresh.get("date") or ""))
        newest_first = self.dates == sorted(self.dates, reverse=True)
        position = len(pubs)
        if newest_first:
            position = next((i for i, d in enumerate(self.dates) if d < date), len(pubs))
        pubs.insert(position, node(fresh))
        self.entries.insert(position, fresh)
        self.dates.insert(position, date)
        self.report.added.append(str(fresh.get("title")))
