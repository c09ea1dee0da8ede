"""``--changed-only``: a CV is rendered again only when something that shapes its output changed.

A CV's *input hash* covers everything its output depends on: the loaded CV itself (so its file,
its ``extends`` base, its record in a data file and the map, its publication file all count
through what they contribute), its photo, its citation style's CSL file, the theme's files, the formats, view and render
options, and cvgen's version. Hashing the loaded CV rather than the files means an edit that
changes nothing (a comment, a reordered key in a base) does not trigger a render.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from cvgen.model.loaded import Loaded
from cvgen.version import __version__


@lru_cache(maxsize=32)
def theme_hash(folder: str) -> str:
    """The sha256 of a theme folder's files (names and bytes), computed once per process."""
    digest = hashlib.sha256()
    root = Path(folder)
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def input_hash(loaded: Loaded, theme_folder: Path, targets: tuple[str, ...], settings: Any) -> str:
    """The hash a rerun compares: same hash, same output."""
    digest = hashlib.sha256()
    parts = [
        __version__,
        loaded.cv.model_dump_json(),
        ",".join(targets),
        repr(settings),
        theme_hash(str(theme_folder)),
    ]
    for part in parts:
        digest.update(part.encode("utf-8") + b"\0")
    if loaded.photo is not None:
        digest.update(loaded.photo.data)
    if loaded.citation_style is not None:  # a .csl file edited since the last run changes the output
        digest.update(loaded.citation_style.xml)
    return digest.hexdigest()


def previous_hashes(report: Path) -> dict[str, str]:
    """The input hash of every CV a previous report says was rendered (or skipped as unchanged), by its first output.

    Keyed by the output file, not the source, so a record that moves to another line of the data
    file is still recognised.
    """
    try:
        rows = json.loads(report.read_text(encoding="utf-8")).get("cvs", [])
    except (OSError, ValueError, AttributeError):
        return {}
    return {
        str(row["outputs"][0]): str(row["input_hash"])
        for row in rows
        if isinstance(row, dict) and row.get("status") in ("rendered", "unchanged") and row.get("input_hash") and row.get("outputs")
    }
