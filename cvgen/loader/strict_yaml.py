"""A strict YAML reader that keeps every value's line and column.

PyYAML's own loaders resolve ``NO`` to False and ``3.10`` to 3.1, keep the last of two duplicate
keys, expand alias bombs, recurse until Python's stack runs out and, unsafely used, construct
arbitrary objects. cvgen reads PyYAML's *event stream* instead and builds plain values itself,
iteratively:

* every scalar stays the string it was written as (``null``/``~``/empty become None); pydantic
  converts the few numeric and boolean fields;
* duplicate keys, non-scalar keys, tags, more than one document, nesting deeper than
  :data:`MAX_DEPTH` and alias expansions beyond :data:`MAX_NODES` are errors, all collected;
* each value's position is recorded under its path, for located error messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

MAX_DEPTH = 64
MAX_NODES = 200_000
"""Values after alias expansion; a real CV has a few thousand."""

Path = tuple[str | int, ...]
_NULLS = {"", "~", "null", "Null", "NULL"}


@dataclass
class Located:
    """A parsed document: its value, the position of every path, and the problems found."""

    value: Any = None
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    problems: list[tuple[int, int, str, str]] = field(default_factory=list)
    """(line, col, path, message), 1-based."""


class _Frame:
    __slots__ = ("kind", "value", "path", "pending_key", "key_mark", "anchor", "first_lines", "size")

    def __init__(self, kind: str, value: Any, path: Path, anchor: str | None):
        self.kind = kind
        self.value = value
        self.path = path
        self.pending_key: Any = _NO_KEY
        self.key_mark: tuple[int, int] = (0, 0)
        self.anchor = anchor
        self.first_lines: dict[str, int] = {}
        self.size = 1


_NO_KEY = object()
_BAD_KEY = object()


def _pos(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


_MAX_KEY_SHOWN = 40


def path_str(path: Path) -> str:
    """``publications[3].authors[0]``; absurdly long keys are shortened so a message stays readable."""
    out = ""
    for part in path:
        if isinstance(part, str) and len(part) > _MAX_KEY_SHOWN:
            part = part[: _MAX_KEY_SHOWN - 1] + "…"
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def read(text: str) -> Located:
    """Parse ``text`` into plain values with positions; never raises for bad YAML."""
    doc = Located()
    anchors: dict[str, tuple[Any, int]] = {}
    open_anchors: set[str] = set()
    stack: list[_Frame] = []
    documents = 0
    total = 0
    root_set = False

    def fail(mark: Any, path: Path, message: str) -> None:
        line, col = _pos(mark)
        doc.problems.append((line, col, path_str(path), message))

    def child_path() -> Path | None:
        if not stack:
            return ()
        top = stack[-1]
        if top.kind == "seq":
            return top.path + (len(top.value),)
        if top.pending_key is _NO_KEY:
            return None  # this node is a key
        if top.pending_key is _BAD_KEY:
            return top.path + ("?",)
        return top.path + (top.pending_key,)

    def attach(value: Any, size: int, mark: Any, anchor: str | None) -> None:
        nonlocal root_set
        if anchor:
            anchors[anchor] = (value, size)
        if not stack:
            doc.value = value
            root_set = True
            return
        top = stack[-1]
        top.size += size
        if top.kind == "seq":
            top.value.append(value)
            return
        if top.pending_key is _NO_KEY:  # value is a key
            if isinstance(value, (dict, list)):
                fail(mark, top.path, "a mapping key must be plain text, not a list or mapping")
                top.pending_key = _BAD_KEY
            else:
                key = "null" if value is None else value
                line, col = _pos(mark)
                if key in top.first_lines:
                    fail(mark, top.path + (key,), f"duplicate key {key!r} (first defined at line {top.first_lines[key]})")
                    top.pending_key = _BAD_KEY
                else:
                    top.first_lines[key] = line
                    top.pending_key = key
                    doc.key_positions[top.path + (key,)] = (line, col)
            return
        if top.pending_key is not _BAD_KEY:
            top.value[top.pending_key] = value
        top.pending_key = _NO_KEY

    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    fail(event.start_mark, (), "expected one mapping, found a second YAML document ('---')")
                    break
                continue
            if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
                continue
            tag = getattr(event, "tag", None)
            if tag is not None:
                path = child_path() or (stack[-1].path if stack else ())
                fail(event.start_mark, path, f"YAML tag {tag!r} is not allowed (cvgen reads plain data only)")
                doc.value = None
                return doc
            anchor = getattr(event, "anchor", None)
            if isinstance(event, yaml.AliasEvent):
                path = child_path() or ()
                if event.anchor in open_anchors:
                    fail(event.start_mark, path, f"alias *{event.anchor} refers to itself (recursive alias)")
                    return doc
                if event.anchor not in anchors:
                    fail(event.start_mark, path, f"unknown alias *{event.anchor}")
                    return doc
                value, size = anchors[event.anchor]
                total += size
                if total > MAX_NODES:
                    fail(event.start_mark, path, f"aliases expand to more than {MAX_NODES:,} values (an alias bomb?)")
                    return doc
                if stack and child_path() is None:
                    fail(event.start_mark, stack[-1].path, "an alias cannot be used as a mapping key")
                    stack[-1].pending_key = _BAD_KEY
                    continue
                p = child_path()
                if p is not None:
                    doc.positions[p] = _pos(event.start_mark)
                attach(value, size, event.start_mark, None)
                continue
            if isinstance(event, yaml.ScalarEvent):
                total += 1
                value: Any = event.value
                if event.style is None and event.value in _NULLS:
                    value = None
                p = child_path()
                if p is not None:
                    doc.positions[p] = _pos(event.start_mark)
                attach(value, 1, event.start_mark, anchor)
                continue
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                total += 1
                p = child_path()
                if p is None:  # a collection used as a key
                    p = stack[-1].path + ("?",)
                if len(stack) >= MAX_DEPTH:  # name where the nesting starts, not 64 "[0]"s
                    fail(event.start_mark, p[:3], f"too deeply nested (more than {MAX_DEPTH} levels)")
                    return doc
                doc.positions[p] = _pos(event.start_mark)
                kind = "map" if isinstance(event, yaml.MappingStartEvent) else "seq"
                frame = _Frame(kind, {} if kind == "map" else [], p, anchor)
                frame.key_mark = _pos(event.start_mark)
                if anchor:
                    open_anchors.add(anchor)
                stack.append(frame)
                continue
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                frame = stack.pop()
                if frame.anchor:
                    open_anchors.discard(frame.anchor)
                attach(frame.value, frame.size, event.start_mark, frame.anchor)
                continue
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _pos(mark) if mark else (None, None)
        message = exc.problem or str(exc)
        if exc.context:
            message = f"{exc.context}: {message}" if "found" not in exc.context else message
        doc.problems.append((line, col, "", f"YAML syntax error: {message}"))  # type: ignore[arg-type]
        return doc
    except yaml.YAMLError as exc:  # reader errors (control characters) carry no MarkedYAMLError
        doc.problems.append((getattr(exc, "line", None), None, "", f"YAML error: {exc}"))  # type: ignore[arg-type]
        return doc
    if not root_set:
        doc.value = None
    return doc
