"""A strict JSON reader that keeps every value's line and column, like the strict YAML reader.

Python's :func:`json.loads` keeps the last of two duplicate keys, accepts ``NaN`` and
``Infinity`` (which are not JSON), converts a 5,000-digit number until ``int()`` gives up with a
ValueError, and recurses once per nested array until the stack runs out. This reader runs the
standard library's own pure-Python scanner with its object and array readers wrapped, so it:

* refuses duplicate keys, non-finite numbers and numbers longer than :data:`MAX_NUMBER_CHARS`;
* refuses nesting deeper than :data:`~cvgen.loader.strict_yaml.MAX_DEPTH` before recursing into it;
* counts values and stops past :data:`~cvgen.loader.strict_yaml.MAX_NODES`;
* records each value's ``(line, column)`` under its path, in the same :class:`Located` the YAML
  reader returns, so the importers' shape checks report ``file:line:col`` exactly as the loader does.
"""

from __future__ import annotations

import bisect
import json
import json.decoder
import json.scanner
import math
from typing import Any

from cvgen.loader.strict_yaml import MAX_DEPTH, MAX_NODES, Located, Path, path_str

MAX_NUMBER_CHARS = 100
"""Longest number accepted; a CV's numbers (years, pages, citation counts) have a few digits."""


class _Refused(Exception):
    def __init__(self, index: int, message: str) -> None:
        super().__init__(message)
        self.index = index
        self.message = message


class _Reader:
    """The wrapped scanner and what it records: child positions per container, the value count."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.depth = 0
        self.count = 0
        self.last = 0
        self.children: dict[int, list[int]] = {}
        decoder = json.JSONDecoder(parse_int=self.number(int), parse_float=self.number(float),
                                   parse_constant=self.constant)
        decoder.parse_object = self.parse_object  # type: ignore[attr-defined]
        decoder.parse_array = self.parse_array  # type: ignore[attr-defined]
        decoder.memo = {}  # type: ignore[attr-defined]
        self.scan_once = json.scanner.py_make_scanner(decoder)

    def number(self, convert: Any) -> Any:
        def parse(text: str) -> Any:
            if len(text) > MAX_NUMBER_CHARS:
                raise _Refused(self.last, f"a number of {len(text):,} characters; the limit is {MAX_NUMBER_CHARS}")
            value = convert(text)
            if isinstance(value, float) and not math.isfinite(value):
                raise _Refused(self.last, f"the number {text} is too large to be finite")
            return value
        return parse

    def constant(self, name: str) -> Any:
        raise _Refused(self.last, f"{name} is not a JSON value (JSON has no NaN or Infinity)")

    def counting(self, scan: Any, starts: list[int]) -> Any:
        def scan_once(text: str, index: int) -> Any:
            self.count += 1
            if self.count > MAX_NODES:
                raise _Refused(index, f"more than {MAX_NODES:,} values")
            self.last = index
            starts.append(index)
            return scan(text, index)
        return scan_once

    def enter(self, index: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Refused(index, f"too deeply nested (more than {MAX_DEPTH} levels)")

    def parse_object(self, s_and_end: tuple[str, int], strict: bool, scan_once: Any, hook: Any, pairs_hook: Any,
                     memo: Any = None) -> tuple[dict[str, Any], int]:
        self.enter(s_and_end[1] - 1)
        starts: list[int] = []
        try:
            pairs, end = json.decoder.JSONObject(s_and_end, strict, self.counting(scan_once, starts), None,
                                                 list, memo if memo is not None else {})
        finally:
            self.depth -= 1
        out: dict[str, Any] = {}
        for (key, value), start in zip(pairs, starts, strict=True):
            if key in out:
                raise _Refused(start, f"duplicate key {key!r} (JSON readers disagree on which one counts)")
            out[key] = value
        self.children[id(out)] = starts
        return out, end

    def parse_array(self, s_and_end: tuple[str, int], scan_once: Any) -> tuple[list[Any], int]:
        self.enter(s_and_end[1] - 1)
        starts: list[int] = []
        try:
            values, end = json.decoder.JSONArray(s_and_end, self.counting(scan_once, starts))
        finally:
            self.depth -= 1
        self.children[id(values)] = starts
        return values, end


def read_json(text: str) -> Located:
    """Parse ``text`` into plain values with positions; never raises for bad JSON."""
    doc = Located()
    line_starts = [0, *(i + 1 for i, ch in enumerate(text) if ch == "\n")]

    def at(index: int) -> tuple[int, int]:
        line = bisect.bisect_right(line_starts, index)
        return line, index - line_starts[line - 1] + 1

    reader = _Reader(text)
    start = len(text) - len(text.lstrip(" \t\n\r"))
    try:
        value, end = reader.scan_once(text, start)
        rest = len(text) - len(text[end:].lstrip(" \t\n\r"))
        if rest < len(text):
            raise json.JSONDecodeError("Extra data", text, rest)
    except _Refused as exc:
        doc.problems.append((*at(exc.index), "", exc.message))
        return doc
    except StopIteration as exc:
        doc.problems.append((*at(exc.value), "", "JSON syntax error: expected a value"))
        return doc
    except json.JSONDecodeError as exc:
        doc.problems.append((exc.lineno, exc.colno, "", f"JSON syntax error: {exc.msg}"))
        return doc
    doc.value = value
    _record(doc, value, at(start), reader.children, at)
    return doc


def _record(doc: Located, root: Any, where: tuple[int, int], children: dict[int, list[int]], at: Any) -> None:
    """Every value's position under its path (top down, without recursion)."""
    todo: list[tuple[Path, Any, tuple[int, int]]] = [((), root, where)]
    while todo:
        path, value, pos = todo.pop()
        doc.positions[path] = pos
        starts = children.get(id(value))
        if starts is None:
            continue
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for (key, child), start in zip(items, starts, strict=True):
            child_pos = at(start)
            if isinstance(value, dict):
                doc.key_positions[(*path, key)] = child_pos
            todo.append(((*path, key), child, child_pos))


__all__ = ["MAX_NUMBER_CHARS", "path_str", "read_json"]
