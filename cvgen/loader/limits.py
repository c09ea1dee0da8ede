"""Caps on how much a CV may hold, checked on the raw data before the model validates any of it.

A CV of 110,000 publications (4.8 MB of YAML) once passed every check: validation took 23 s and the
PDF grew past 6 GB. The file-size cap alone cannot stop that, so the lists are counted first, with
a located message, before pydantic or any layout engine sees them. The values are far above any
real CV (the longest publication lists are a few thousand; the largest author lists, from
particle-physics collaborations, about 3,000 names) and are documented in ``docs/security.md``.
"""

from __future__ import annotations

from typing import Any

from cvgen.errors import Problem
from cvgen.loader.strict_yaml import Located, Path, path_str

MAX_LIST_ITEMS = 5_000
"""Items in any one list of the CV (publications, talks, a custom section's entries, …)."""
MAX_AUTHORS = 5_000
"""Authors of one publication."""
MAX_TOTAL_AUTHORS = 50_000
"""Authors over all publications (each is matched against the owner and the group's members)."""


def _problem(path: Path, located: Located | None, filename: str, message: str) -> Problem:
    pos = located.positions.get(path) if located is not None else None
    line, col = pos if pos else (None, None)
    return Problem(filename, line, col, path_str(path), message)


def _lists(data: dict[str, Any]) -> list[tuple[Path, list[Any]]]:
    """The CV's lists that can grow without bound: top-level ones and custom sections' entries."""
    found: list[tuple[Path, list[Any]]] = [((key,), value) for key, value in data.items() if isinstance(value, list)]
    sections = data.get("custom_sections")
    for i, section in enumerate(sections if isinstance(sections, list) else []):
        if isinstance(section, dict) and isinstance(section.get("entries"), list):
            found.append((("custom_sections", i, "entries"), section["entries"]))
    return found


def check_limits(data: dict[str, Any], filename: str, located: Located | None = None) -> list[Problem]:
    """Every cap ``data`` exceeds, located; an empty list when the CV is within them."""
    problems = [
        _problem(path, located, filename, f"{len(items):,} items; the limit is {MAX_LIST_ITEMS:,} per list")
        for path, items in _lists(data) if len(items) > MAX_LIST_ITEMS
    ]
    pubs = data.get("publications")
    total = 0
    for i, pub in enumerate(pubs[:MAX_LIST_ITEMS] if isinstance(pubs, list) else []):
        authors = pub.get("authors") if isinstance(pub, dict) else None
        if not isinstance(authors, list):
            continue
        total += len(authors)
        if len(authors) > MAX_AUTHORS:
            problems.append(_problem(("publications", i, "authors"), located, filename,
                                     f"{len(authors):,} authors; the limit is {MAX_AUTHORS:,} per publication"))
    if total > MAX_TOTAL_AUTHORS:
        problems.append(_problem(("publications",), located, filename,
                                 f"{total:,} authors in all; the limit is {MAX_TOTAL_AUTHORS:,} per CV"))
    return problems
