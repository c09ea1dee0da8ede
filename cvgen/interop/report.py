"""The short, honest report every ``cvgen import`` ends with.

Three parts: how many items of each kind the written YAML holds, which source section went where,
and what was not carried over, each with the source line it came from. Importers warn as
``"<file>: <path>: <message>"`` (a path such as ``work[0].url`` or ``cv.sections.Talks[2]``);
:func:`locate` turns the path into ``<file>:<line>:<col>`` with the positions of the source, so
every line of the report points at the file the user has, never at the output.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

Positions = dict[tuple[Any, ...], tuple[int, int]]

_STEP = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")


def parse_path(path: str) -> tuple[Any, ...]:
    """``"cv.sections.Talks[2].url"`` → ``("cv", "sections", "Talks", 2, "url")``."""
    return tuple(int(m.group(1)) if m.group(1) is not None else m.group(2) for m in _STEP.finditer(path))


def position(positions: Positions, path: tuple[Any, ...]) -> tuple[int, int] | None:
    """Where ``path`` (or the nearest enclosing value that has a position) starts."""
    probe = path
    while probe:
        if probe in positions:
            return positions[probe]
        probe = probe[:-1]
    return None


def locate(warnings: list[str], filename: str, positions: Positions) -> list[str]:
    """Rewrite ``"file: path: message"`` warnings as ``"file:line:col: path: message"``."""
    out = []
    prefix = f"{filename}: "
    for w in warnings:
        if w.startswith(prefix):
            path, sep, message = w[len(prefix):].partition(": ")
            pos = position(positions, parse_path(path)) if sep and " " not in path.strip() else None
            if pos:
                w = f"{filename}:{pos[0]}:{pos[1]}: {path}: {message}"
        out.append(w)
    return out


def counts(data: dict[str, Any]) -> Counter[str]:
    """Items per kind in converted cvgen data (publications counted by their kind)."""
    found: Counter[str] = Counter()
    for key, value in data.items():
        if key in ("person", "settings", "summary", "publications_from", "metrics"):
            continue
        if key == "publications":
            for pub in value:
                found[f"publications ({pub.get('kind', 'other')})"] += 1
        elif key == "custom_sections":
            for section in value:
                found[f"entries in '{section.get('title')}'"] += len(section.get("entries", []))
        elif isinstance(value, list):
            found[key.replace("_", " ")] += len(value)
    if data.get("summary"):
        found["summary"] += 1
    return found


@dataclass
class Report:
    """What one import did, for the end of ``cvgen import``."""

    source: str
    """The file imported."""
    found: str
    """The format, as the user would name it ("RenderCV", "al-folio cv.yml")."""
    data: dict[str, Any]
    """The converted cvgen data."""
    mapped: list[str] = field(default_factory=list)
    """"source section → cvgen section" lines."""
    not_carried: list[str] = field(default_factory=list)
    """Warnings: what was not carried over or needs a look, each with its source line."""
    extra: Counter[str] = field(default_factory=Counter)
    """Counts the data does not show (publications read through ``publications_from``)."""

    def lines(self) -> list[str]:
        total = counts(self.data) + self.extra
        shown = ", ".join(f"{n} {what}" for what, n in total.items()) or "nothing"
        out = [f"{self.source}: read as {self.found}; imported {shown}"]
        out += [f"  {line}" for line in self.mapped]
        out += [f"warning: {w}" for w in self.not_carried]
        if not self.not_carried:
            out.append("  nothing was left out")
        return out
