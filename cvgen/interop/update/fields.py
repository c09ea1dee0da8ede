"""Field by field: is a value still the service's (refresh it) or the user's (keep it)?

The import recorded, for each field, the value the service gave (``provenance.values``). A field
whose current value still equals that record is the service's; a different value is a hand edit.
A field recorded but now absent was deleted by hand, and stays deleted. A field never recorded and
still absent is news from the service (a volume, a DOI once published) and is added.
``--force FIELD`` refreshes a field even over a hand edit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cvgen.interop.scholarly.writer import RECORDED_FIELDS
from cvgen.model.provenance import recorded

FORCEABLE = (*RECORDED_FIELDS, "h_index", "i10_index", "papers")
"""What ``--force`` can name: a publication's recorded fields and the metrics line's figures
(``citations`` names both the per-paper counts and the total)."""


@dataclass
class FieldReport:
    """What happened to the fields of one entry."""

    refreshed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    """Fields the service changed but the user had edited by hand (kept)."""


def comparable(name: str, value: Any) -> Any:
    """A field's value as the provenance records it: author names, link URLs, text."""
    if value is None:
        return None
    if name == "authors":
        value = [a.get("name") if isinstance(a, dict) else a for a in value]
    elif name == "links":
        value = [lnk.get("url") if isinstance(lnk, dict) else lnk for lnk in value]
    return recorded(value)


def as_recorded(value: Any) -> Any:
    """A recorded value from the strict loader's plain data (lists become tuples, like ``recorded``)."""
    return tuple(value) if isinstance(value, list) else value


def refresh_entry(entry: Any, plain: dict[str, Any], fresh: dict[str, Any], force: frozenset[str],
                  set_value: Any) -> tuple[FieldReport, dict[str, Any]]:
    """Decide every recorded field of one publication; returns the report and the new recorded values.

    ``entry`` is the round-trip mapping (edited through ``set_value``), ``plain`` the strict
    loader's reading of it, ``fresh`` the entry the import would write today.
    """
    report = FieldReport()
    old_values = {k: as_recorded(v) for k, v in ((plain.get("provenance") or {}).get("values") or {}).items()}
    new_values = dict(fresh["provenance"]["values"])
    updates: dict[str, Any] = {}
    for name in RECORDED_FIELDS:
        old, new = old_values.get(name), as_recorded(new_values.get(name))
        if old == new:
            continue
        current = comparable(name, plain.get(name))
        ours = current == old if name in plain else old is None
        if ours or name in force:
            set_value(entry, name, fresh.get(name))
            report.refreshed.append(name)
        elif name == "links" and name in plain:
            _add_links(entry, plain, fresh, old)
            report.kept.append(name)
        else:
            report.kept.append(name)
        updates[name] = new_values.get(name)
    return report, updates


def _add_links(entry: Any, plain: dict[str, Any], fresh: dict[str, Any], old: Any) -> None:
    """Links the user changed: the service's new links are added after theirs, none removed."""
    from cvgen.interop.update.roundtrip import node

    have = {lnk.get("url") for lnk in plain.get("links") or [] if isinstance(lnk, dict)}
    dropped = set(old or ())
    for lnk in fresh.get("links") or []:
        if lnk["url"] not in have and lnk["url"] not in dropped:
            entry["links"].append(node(lnk))
