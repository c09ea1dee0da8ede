"""A person's own YAML publication file, named by the map, merged into their CV with its positions.

The file is a list of publications, or a mapping with ``publications:``; it must sit inside the
data file's folder. Its entries are appended to the CV's ``publications`` and a wrong one is
reported at its own line in that file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cvgen.errors import InputError, Problem
from cvgen.loader.extends import inside


def append_publications(located: Any, files: dict[tuple[Any, ...], str], folder: Path | None, name: str, where: Problem) -> None:
    """Append the file's publications to ``located.value['publications']``, keeping their positions and file."""
    from cvgen.loader.load import _read_file, parse_yaml

    path = (folder / name) if folder else Path(name)
    if folder is None or not path.is_file() or not inside(path, (folder,)):
        raise InputError([Problem(where.file, where.line, where.col, "publications",
                                  f"{name!r} is not a file inside the data file's folder")])
    text, filename, _ = _read_file(path)
    pubs_located = parse_yaml(text, filename) if not text.lstrip().startswith("-") else _list_file(text, filename)
    value = pubs_located.value
    entries = value.get("publications") if isinstance(value, dict) else value
    prefix: tuple[Any, ...] = ("publications",) if isinstance(value, dict) else ()
    if not isinstance(entries, list):
        raise InputError([Problem(filename, 1, 1, "", "expected a list of publications (or publications: [...])")])
    existing = located.value.setdefault("publications", [])
    if not isinstance(existing, list):
        return  # validation reports the malformed value
    offset = len(existing)
    existing.extend(entries)
    n = len(prefix)
    for table, found in ((located.positions, pubs_located.positions), (located.key_positions, pubs_located.key_positions)):
        for p, pos in found.items():
            if p[:n] == prefix and len(p) > n and isinstance(p[n], int):
                target = ("publications", offset + p[n], *p[n + 1:])
                table[target] = pos
                files[target] = filename


def _list_file(text: str, filename: str) -> Any:
    from cvgen.loader.load import check_text
    from cvgen.loader.strict_yaml import read

    check_text(text, filename)
    found = read(text)
    if found.problems:
        raise InputError([Problem(filename, ln, col, p, msg) for ln, col, p, msg in found.problems])
    return found
