"""The map: which column of a department's records feeds which field of each person's CV.

A map is a YAML file whose ``cv:`` is a CV written with ``{column}`` placeholders::

    base: base.yaml                    # the institution's shared settings (an ``extends`` base)
    output: "{netid}"                  # each person's file name (default: from the name)
    publications: "pubs/{netid}.bib"   # a .bib or .yaml of publications per person, beside the data
    cv:
      person:
        name: "{name}"
        emails: {column: email, split: ";"}     # a list from one cell
        affiliations:
          - {title: "{title}", department: "{department}", institution: Example University}
      education:
        - {degree: Ph.D., field: "{phd_field}", institution: "{phd_institution}", end: "{phd_year}"}

An empty cell leaves its field out; a mapping (an education entry) whose every column is empty is
left out. Problems are located where they were written: a bad value at the record's cell
(``faculty.csv:LINE:COLUMN``), a wrong map at its line in the map.
"""

from __future__ import annotations

import difflib
import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cvgen.errors import InputError, Problem
from cvgen.loader.records import Row, Table
from cvgen.loader.strict_yaml import Located

KEYS = {"cv": "the CV with {column} placeholders", "base": "a base file", "output": "the output file name",
        "publications": "a publication file per person"}
_MISSING = object()
_FORMATTER = string.Formatter()


@dataclass(frozen=True)
class Map:
    filename: str
    folder: Path
    located: Located
    """The map file's values and positions."""

    @property
    def cv(self) -> dict[str, Any]:
        return self.located.value["cv"]

    def setting(self, key: str) -> str | None:
        value = self.located.value.get(key)
        return value if isinstance(value, str) else None


def load_map(path: str | Path) -> Map:
    """Read and check a map file (its structure; columns are checked against the data later)."""
    from cvgen.loader.load import _read_file, parse_yaml

    text, name, folder = _read_file(path)
    located = parse_yaml(text, name)
    problems = [Problem(name, ln, col, p, msg) for ln, col, p, msg in located.problems]
    for key in located.value:
        if key not in KEYS:
            close = difflib.get_close_matches(str(key), list(KEYS), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; known keys: {', '.join(KEYS)}"
            problems.append(_at(name, located, (key,), f"unknown key {key!r}{hint}", keys=True))
    if not isinstance(located.value.get("cv"), dict):
        problems.append(_at(name, located, ("cv",), "expected cv: a mapping, the CV with {column} placeholders"))
    for key in ("base", "output", "publications"):
        if key in located.value and not isinstance(located.value[key], str):
            problems.append(_at(name, located, (key,), f"expected text: {KEYS[key]}"))
    if problems:
        raise InputError(problems)
    return Map(name, folder, located)


def _at(name: str, located: Located, path: tuple[Any, ...], message: str, keys: bool = False) -> Problem:
    from cvgen.loader.strict_yaml import path_str

    table = located.key_positions if keys else located.positions
    line, col = table.get(path, located.positions.get(path, (None, None)))
    return Problem(name, line, col, path_str(path), message)


# ----------------------------------------------------------------------------- columns


def columns_in(template: Any) -> list[tuple[str, tuple[Any, ...]]]:
    """Every (column, path in the map) the template reads."""
    found: list[tuple[str, tuple[Any, ...]]] = []
    stack: list[tuple[Any, tuple[Any, ...]]] = [(template, ())]
    while stack:
        value, path = stack.pop()
        if _is_column_ref(value):
            found.append((str(value["column"]), (*path, "column")))
        elif isinstance(value, dict):
            stack.extend((v, (*path, k)) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, (*path, i)) for i, v in enumerate(value))
        elif isinstance(value, str):
            found.extend((name, path) for name in _fields(value))
    return sorted(found, key=lambda f: str(f[1]))


def _is_column_ref(value: Any) -> bool:
    return isinstance(value, dict) and "column" in value and set(value) <= {"column", "split"}


def _fields(text: str) -> list[str]:
    try:
        return [f for _, f, _, _ in _FORMATTER.parse(text) if f is not None]
    except ValueError:
        return []


def check(mapping: Map, table: Table) -> None:
    """Every column the map reads exists in the data, every placeholder is well formed; else located errors."""
    problems = []
    roots = [("cv", mapping.cv)] + [(k, mapping.located.value[k]) for k in ("output", "publications") if k in mapping.located.value]
    known = set(table.columns)
    for key, template in roots:
        for column, path in columns_in(template):
            if table.columns and column not in known:
                close = difflib.get_close_matches(column, table.columns, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else f"; its columns: {', '.join(table.columns)}"
                problems.append(_at(mapping.filename, mapping.located, (key, *path), f"column {column!r} is not in {table.filename}{hint}"))
        problems.extend(_placeholder_problems(mapping, key, template))
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.line or 0, p.col or 0)))


def _placeholder_problems(mapping: Map, key: str, template: Any) -> list[Problem]:
    problems = []
    stack: list[tuple[Any, tuple[Any, ...]]] = [(template, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict):
            stack.extend((v, (*path, k)) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, (*path, i)) for i, v in enumerate(value))
        elif isinstance(value, str):
            try:
                bad = [f for _, f, spec, conv in _FORMATTER.parse(value) if f is not None and (not f or spec or conv)]
            except ValueError as exc:
                bad = [str(exc)]
            if bad:
                problems.append(_at(mapping.filename, mapping.located, (key, *path),
                                    "write a column as {name} (write {{ and }} for literal braces)"))
    return problems


# ----------------------------------------------------------------------------- one record


@dataclass
class Filled:
    """One record poured into the map: CV data plus where each value was written."""

    value: Any
    positions: dict[tuple[Any, ...], tuple[int, int]] = field(default_factory=dict)
    files: dict[tuple[Any, ...], str] = field(default_factory=dict)


def fill(mapping: Map, table: Table, row: Row) -> Filled:
    """The CV data for one record (``extends`` set to the map's base, ``publications_from`` to its .bib)."""
    out = Filled({})
    cv = _fill(mapping, table, row, mapping.cv, ("cv",), (), out)
    out.value = cv if isinstance(cv, dict) else {}
    base = mapping.setting("base")
    if base is not None:
        out.value["extends"] = str(mapping.folder / base)
        _from_map(out, ("extends",), mapping, ("base",))
    return out


def text_of(mapping: Map, row: Row, key: str) -> str | None:
    """A top-level text template (``output``, ``publications``) filled from the record; None when empty."""
    template = mapping.setting(key)
    if template is None:
        return None
    value = _text(template, row)
    return value if isinstance(value, str) and value.strip() else None


def _from_map(out: Filled, path: tuple[Any, ...], mapping: Map, map_path: tuple[Any, ...]) -> None:
    pos = mapping.located.positions.get(map_path)
    if pos:
        out.positions[path] = pos
    out.files[path] = mapping.filename


def _from_cell(out: Filled, path: tuple[Any, ...], row: Row, column: str) -> None:
    pos = row.positions.get(column)
    if pos:
        out.positions[path] = pos


def _fill(mapping: Map, table: Table, row: Row, template: Any, map_path: tuple[Any, ...], path: tuple[Any, ...], out: Filled) -> Any:
    if _is_column_ref(template):
        return _column_value(template, row, path, out)
    if isinstance(template, dict):
        return _fill_mapping(mapping, table, row, template, map_path, path, out)
    if isinstance(template, list):
        items = []
        for i, item in enumerate(template):
            value = _fill(mapping, table, row, item, (*map_path, i), (*path, len(items)), out)
            if value is not _MISSING:
                items.append(value)
        _from_map(out, path, mapping, map_path)
        return items
    if isinstance(template, str) and _fields(template):
        _from_cell(out, path, row, _fields(template)[0])  # an empty cell locates "required field is missing"
        return _text(template, row)
    _from_map(out, path, mapping, map_path)
    return template


def _fill_mapping(mapping: Map, table: Table, row: Row, template: dict[str, Any], map_path: tuple[Any, ...],
                  path: tuple[Any, ...], out: Filled) -> Any:
    result = {}
    for key, sub in template.items():
        value = _fill(mapping, table, row, sub, (*map_path, key), (*path, key), out)
        if value is not _MISSING:
            result[key] = value
    reads = columns_in(template)
    if path and reads and not any(_present(row.values.get(c)) for c, _ in reads):
        _from_cell(out, path, row, reads[0][0])  # a required entry left empty is reported at its first cell
        return _MISSING  # an entry whose every column is empty is not there
    _from_map(out, path, mapping, map_path)
    return result


def _present(value: Any) -> bool:
    return value is not None and (not isinstance(value, str) or value.strip() != "") and value != []


def _column_value(ref: dict[str, Any], row: Row, path: tuple[Any, ...], out: Filled) -> Any:
    value = row.values.get(str(ref["column"]))
    _from_cell(out, path, row, str(ref["column"]))
    if not _present(value):
        return _MISSING
    split = ref.get("split")
    if isinstance(value, str) and isinstance(split, str) and split:
        parts = [p.strip() for p in (re.split(r"\r?\n", value) if split == "\\n" else value.split(split))]
        value = [p for p in parts if p]
        for i in range(len(value)):
            _from_cell(out, (*path, i), row, str(ref["column"]))
    return value


def _text(template: str, row: Row) -> Any:
    """Fill ``{column}`` placeholders; a lone placeholder keeps the cell's own value (a JSON list)."""
    parts = list(_FORMATTER.parse(template))
    if len(parts) == 1 and parts[0][0] == "" and parts[0][1] is not None:
        value = row.values.get(parts[0][1])
        return value if _present(value) else _MISSING
    if not any(_present(row.values.get(f)) for _, f, _, _ in parts if f is not None):
        return _MISSING
    out = []
    for literal, name, _, _ in parts:
        out.append(literal)
        if name is not None:
            value = row.values.get(name)
            out.append("" if value is None else str(value))
    return "".join(out)
