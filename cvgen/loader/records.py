"""A department's records (a CSV or JSON export) as rows whose every cell knows where it was written.

A CSV cell is located as ``faculty.csv:LINE:COLUMN`` (the row's line in the file, the column's
number counted from 1); a JSON value as the line and column where it starts. Rows handed over from
Python (``render_many(records, mapping=…)``) have no file: they are named ``records[3]``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cvgen.errors import InputError, Problem

MAX_RECORDS_BYTES = 200 * 1024 * 1024
"""A data file for 100,000 people is well under this."""


@dataclass(frozen=True)
class Row:
    """One person's record: the values by column, and where each was written."""

    number: int
    """1 for the first record."""
    values: dict[str, Any]
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    line: int | None = None
    problems: tuple[Problem, ...] = ()
    """What is wrong with the row itself (more cells than columns): it fails alone, when loaded."""


@dataclass(frozen=True)
class Table:
    """The records of one data file (or of a Python list), with its column names."""

    filename: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    folder: Path | None = None
    """The data file's folder: per-person files (publications, photos) are looked up in it."""


def read_table(path: str | Path) -> Table:
    """A ``.csv`` or ``.json`` data file → its rows; unreadable files are located input errors."""
    path = Path(path)
    name = str(path)
    try:
        if path.stat().st_size > MAX_RECORDS_BYTES:
            raise InputError([Problem(name, None, None, "", f"the data file is larger than {MAX_RECORDS_BYTES:,} bytes")])
        text = _read_text(path.read_bytes(), name)
    except OSError as exc:
        raise InputError([Problem(name, None, None, "", f"cannot read the data file: {exc.strerror or exc}")]) from None
    if path.suffix.lower() == ".json":
        table = _from_json(text, name)
    elif path.suffix.lower() in (".csv", ".tsv", ".txt"):
        table = _from_csv(text, name, "\t" if path.suffix.lower() == ".tsv" else ",")
    else:
        raise InputError([Problem(name, None, None, "", "a data file is .csv, .tsv or .json")])
    return Table(table.filename, table.columns, table.rows, path.resolve().parent)


def _read_text(raw: bytes, name: str) -> str:
    """UTF-8 (a spreadsheet's BOM allowed); anything else is an error naming the line."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError([Problem(name, line, None, "", f"not valid UTF-8 at line {line}; export the data as UTF-8")]) from None


def _from_csv(text: str, name: str, delimiter: str) -> Table:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError([Problem(name, 1, 1, "", "the data file is empty; its first line names the columns")]) from None
    columns = tuple(h.strip() for h in header)
    problems = _header_problems(columns, name)
    rows: list[Row] = []
    start = reader.line_num + 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append(_csv_row(len(rows) + 1, start, cells, columns, name))
            start = reader.line_num + 1
    except csv.Error as exc:
        problems.append(Problem(name, reader.line_num, None, "", f"not valid CSV: {exc}"))
    if problems:
        raise InputError(problems)
    return Table(name, columns, tuple(rows))


def _header_problems(columns: tuple[str, ...], name: str) -> list[Problem]:
    problems = []
    for i, column in enumerate(columns):
        if not column:
            problems.append(Problem(name, 1, i + 1, "", f"column {i + 1} has no name in the first line"))
        elif column in columns[:i]:
            problems.append(Problem(name, 1, i + 1, "", f"column {column!r} is named twice"))
    return problems


def _csv_row(number: int, line: int, cells: list[str], columns: tuple[str, ...], name: str) -> Row:
    problems: tuple[Problem, ...] = ()
    if len(cells) > len(columns):
        message = f"this row has {len(cells)} cells; the header names {len(columns)} columns (a comma inside a cell needs quotes)"
        problems = (Problem(name, line, len(columns) + 1, "", message),)
    values = {column: (cells[i].strip() if i < len(cells) else "") for i, column in enumerate(columns)}
    positions = {column: (line, i + 1) for i, column in enumerate(columns)}
    return Row(number, values, positions, line, problems)


def _from_json(text: str, name: str) -> Table:
    from cvgen.loader.strict_yaml import read

    located = read(text)
    if located.problems:
        raise InputError([Problem(name, ln, col, path, msg) for ln, col, path, msg in located.problems])
    if not isinstance(located.value, list) or not all(isinstance(r, dict) for r in located.value):
        raise InputError([Problem(name, 1, 1, "", "expected a list of records, one {column: value} object per person")])
    columns: dict[str, None] = {}
    rows = []
    for i, record in enumerate(located.value):
        columns.update(dict.fromkeys(str(k) for k in record))
        positions = {str(k): located.positions.get((i, k), located.positions.get((i,), (1, 1))) for k in record}
        rows.append(Row(i + 1, {str(k): v for k, v in record.items()}, positions, located.positions.get((i,), (None, None))[0]))
    return Table(name, tuple(columns), tuple(rows))


def table_of(records: Iterable[Mapping[str, Any]], name: str = "records") -> Table:
    """Records given from Python (dicts, or rows of a database cursor as mappings) as a table."""
    rows = []
    columns: dict[str, None] = {}
    for i, record in enumerate(records):
        if not isinstance(record, Mapping):
            raise InputError([Problem(f"{name}[{i}]", None, None, "", "expected a mapping of column → value")])
        values = {str(k): v for k, v in record.items()}
        columns.update(dict.fromkeys(values))
        rows.append(Row(i + 1, values))
    return Table(name, tuple(columns), tuple(rows))
