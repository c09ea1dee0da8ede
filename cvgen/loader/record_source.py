"""Each person of a data file as a CV source the pipeline loads like a YAML file.

:func:`sources` pours every record into the map (cheap, in the caller); :meth:`RecordSource.load`
validates one (in a worker), reading the person's publication file and the map's base, so a bad
record fails alone with problems located in the data file, the map, the base or the publication
file, wherever the wrong value was written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cvgen.errors import InputError, Problem
from cvgen.loader.mapping import Filled, Map, check, fill, text_of
from cvgen.loader.records import Row, Table
from cvgen.model.loaded import Loaded


@dataclass(frozen=True)
class RecordSource:
    """One record poured into the map, ready to load."""

    label: str
    """Where the record is: ``faculty.csv:5`` (its line), ``records[4]``."""
    stem: str
    """Its output files' name, unique in the batch."""
    filled: Filled
    filename: str
    folder: Path | None
    roots: tuple[Path, ...] = ()
    columns: dict[tuple[int, int], str] = field(default_factory=dict)
    """The column of each located cell, for messages."""
    publications: str | None = None
    publications_at: tuple[int, int] | None = None
    problems: tuple[Problem, ...] = ()
    """What is wrong with the record itself, reported when it is loaded."""

    def __str__(self) -> str:
        return self.label

    @property
    def person_name(self) -> str:
        """The name the record gives, even when the record does not validate (for the report)."""
        person = self.filled.value.get("person")
        name = person.get("name") if isinstance(person, dict) else None
        return name if isinstance(name, str) else ""

    def load(self, roots: tuple[Path, ...] = (), style: str | None = None) -> Loaded:
        """Validate this person's CV (``style``: a ``--style`` override); problems name the file, line and column that are wrong."""
        from cvgen.loader.load import load_cv, loaded_from_located
        from cvgen.loader.strict_yaml import Located

        if self.problems:
            raise InputError(list(self.problems))
        located = Located(_copy(self.filled.value), dict(self.filled.positions))
        files = dict(self.filled.files)
        try:
            if self.publications:
                self._add_publications(located, files)
            loaded = loaded_from_located(located, self.filename, self.folder, (*self.roots, *roots), files)
            return load_cv(loaded, style=style)
        except InputError as exc:
            raise InputError([self._name_column(p) for p in exc.problems]) from None

    def _add_publications(self, located: Any, files: dict[tuple[Any, ...], str]) -> None:
        name = self.publications or ""
        if self.publications_at:
            located.positions[("publications_from",)] = self.publications_at
            located.positions[("publications_from", "bibtex")] = self.publications_at
        if name.lower().endswith(".bib"):
            located.value["publications_from"] = {"bibtex": name}
            return
        from cvgen.loader.publication_file import append_publications

        append_publications(located, files, self.folder, name, Problem(self.filename, *(self.publications_at or (None, None)), "publications", ""))

    def _name_column(self, problem: Problem) -> Problem:
        column = self.columns.get((problem.line or 0, problem.col or 0)) if problem.file == self.filename else None
        if column is None:
            return problem
        return Problem(problem.file, problem.line, problem.col, problem.path, f"{problem.message} (column {column!r})")


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def sources(table: Table, mapping: Map, roots: tuple[Path, ...] = ()) -> list[RecordSource]:
    """Every record of ``table`` as a source; a map that reads a column the data lacks is refused first."""
    check(mapping, table)
    taken: set[str] = set()
    out = []
    for row in table.rows:
        out.append(_source(table, mapping, row, roots, taken))
    return out


def _source(table: Table, mapping: Map, row: Row, roots: tuple[Path, ...], taken: set[str]) -> RecordSource:
    filled = fill(mapping, table, row)
    name = (filled.value.get("person") or {}).get("name") if isinstance(filled.value.get("person"), dict) else None
    stem = unique(slug(text_of(mapping, row, "output") or (name if isinstance(name, str) else "") or f"record-{row.number}"), taken)
    label = f"{table.filename}:{row.line}" if row.line else f"{table.filename}[{row.number - 1}]"
    pubs = text_of(mapping, row, "publications")
    pubs_at = _cell_of(mapping, row, "publications")
    folder = table.folder or mapping.folder
    columns = {pos: column for column, pos in row.positions.items()}
    return RecordSource(label, stem, filled, table.filename, folder, (mapping.folder, *roots), columns, pubs, pubs_at, row.problems)


def _cell_of(mapping: Map, row: Row, key: str) -> tuple[int, int] | None:
    from cvgen.loader.mapping import _fields

    template = mapping.setting(key)
    names = _fields(template) if template else []
    return row.positions.get(names[0]) if names else mapping.located.positions.get((key,))


def slug(text: str) -> str:
    """A file-name-safe stem: "Ada O'Brien & Co" → "ada-o-brien-co" (accents folded, never empty)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:80] or "cv"


def unique(stem: str, taken: set[str]) -> str:
    """``stem``, or ``stem-2``, ``stem-3``… when another record already has it."""
    candidate, n = stem, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}"
    taken.add(candidate)
    return candidate
