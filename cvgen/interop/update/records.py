"""The metrics line and the file's ``sync`` block, refreshed under the same hand-edits-win rule."""

from __future__ import annotations

from typing import Any

from cvgen.interop.update.roundtrip import node, set_key
from cvgen.interop.update.works import ids_of

FIGURES = ("citations", "h_index", "i10_index", "papers")
METRICS_ORDER = ("citations", "h_index", "i10_index", "papers", "source", "url", "as_of", "extra", "by_year")


def refresh_metrics(doc: Any, plain: dict[str, Any], fresh: dict[str, Any], force: frozenset[str],
                    as_of: str) -> tuple[list[str], list[str]]:
    """Refresh the figures the user has not edited; returns (refreshed, kept) figure names.

    Only a metrics line the import wrote (with provenance from the same profile) is touched: a line
    typed from Google Scholar is the user's.
    """
    current = plain.get("metrics")
    if not isinstance(current, dict) or not isinstance(current.get("provenance"), dict) or "provenance" not in fresh:
        return [], []
    prov = current["provenance"]
    if not ids_of(prov.get("sources") or []) & ids_of(fresh["provenance"]["sources"]):
        return [], []
    metrics = doc["metrics"]
    if "values" not in metrics["provenance"]:
        metrics["provenance"]["values"] = node({})
    old_values, new_values = prov.get("values") or {}, fresh["provenance"]["values"]
    refreshed, kept = [], []
    for name in FIGURES:
        old, new = old_values.get(name), new_values.get(name)
        if old == new:
            continue
        ours = str(current[name]) == old if current.get(name) is not None else old is None
        if (ours or name in force) and name in fresh:
            set_key(metrics, name, fresh[name], after=METRICS_ORDER[: METRICS_ORDER.index(name)])
            refreshed.append(name)
        else:
            kept.append(name)
        set_key(metrics["provenance"]["values"], name, new, after=FIGURES[: FIGURES.index(name)])
    by_year = fresh.get("by_year")
    if by_year and "by_year" in current and _years(current["by_year"]) != _years(by_year):
        metrics["by_year"] = node(by_year)
        refreshed.append("by_year")
    if refreshed or kept:
        set_key(metrics, "as_of", as_of, after=METRICS_ORDER[:6])
        set_key(metrics["provenance"], "synced", as_of)
    return refreshed, kept


def _years(rows: Any) -> list[tuple[str, str]]:
    return [(str(r.get("year")), str(r.get("citations"))) for r in rows or [] if isinstance(r, dict)]


def record_sync(doc: Any, source: str, as_of: str, seen: set[str], ignored: set[str]) -> None:
    """Write the ``sync`` block: the profile, the date, every work seen, the works left out."""
    if "sync" not in doc:
        doc["sync"] = node({"source": source, "synced": as_of})
    block = doc["sync"]
    set_key(block, "source", source)
    set_key(block, "synced", as_of, after=("source",))
    if sorted(block.get("seen") or []) != sorted(seen):
        block["seen"] = node(sorted(seen))
    if ignored and sorted(block.get("ignored") or []) != sorted(ignored):
        set_key(block, "ignored", sorted(ignored))
