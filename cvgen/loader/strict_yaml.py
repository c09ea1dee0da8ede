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


# libyaml's parser (PyYAML's C extension) gives the same events and marks as PyYAML's Python one (checked
# on every YAML file of the tests and the shared real files) about ten times faster. Its error messages
# differ, so a document it refuses is read again by the Python parser, whose messages cvgen shows.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def read(text: str) -> Located:
    """Parse ``text`` into plain values with positions; never raises for bad YAML."""
    if _FAST_LOADER is not None:
        builder = _Builder()
        try:
            return _read_events(builder, yaml.parse(text, Loader=_FAST_LOADER))
        except yaml.YAMLError:
            pass  # read again below, for PyYAML's own message
    return _read(text)


def _read_events(builder: _Builder, events: Any) -> Located:
    for event in events:
        if not builder.feed(event):
            break
    else:
        if not builder.root_set:
            builder.doc.value = None
    return builder.doc


def _read(text: str) -> Located:
    builder = _Builder()
    doc = builder.doc
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if not builder.feed(event):
                return doc
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
    if not builder.root_set:
        doc.value = None
    return doc


class _Builder:
    """Builds plain values from PyYAML events, one event at a time, with an explicit stack
    (no recursion) and a running count of values (alias expansions included)."""

    def __init__(self) -> None:
        self.doc = Located()
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open_anchors: set[str] = set()
        self.stack: list[_Frame] = []
        self.documents = 0
        self.total = 0
        self.root_set = False

    def fail(self, mark: Any, path: Path, message: str) -> None:
        line, col = _pos(mark)
        self.doc.problems.append((line, col, path_str(path), message))

    def feed(self, event: Any) -> bool:
        """Take one event; False when reading must stop (the problem is recorded)."""
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.fail(event.start_mark, (), "expected one mapping, found a second YAML document ('---')")
                return self._stop_after_document()
            return True
        if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
            return True
        tag = getattr(event, "tag", None)
        if tag is not None:
            path = self.child_path() or (self.stack[-1].path if self.stack else ())
            self.fail(event.start_mark, path, f"YAML tag {tag!r} is not allowed (cvgen reads plain data only)")
            self.doc.value = None
            return False
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.AliasEvent):
            return self.alias(event)
        if isinstance(event, yaml.ScalarEvent):
            self.scalar(event, anchor)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            return self.start(event, anchor)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = self.stack.pop()
            if frame.anchor:
                self.open_anchors.discard(frame.anchor)
            self.attach(frame.value, frame.size, event.start_mark, frame.anchor)
        return True

    def _stop_after_document(self) -> bool:
        """A second document ends reading like the end of the stream (the first one is kept)."""
        if not self.root_set:
            self.doc.value = None
        return False

    def child_path(self) -> Path | None:
        """The path of the node being read; None when it is a mapping key."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if top.kind == "seq":
            return top.path + (len(top.value),)
        if top.pending_key is _NO_KEY:
            return None  # this node is a key
        if top.pending_key is _BAD_KEY:
            return top.path + ("?",)
        return top.path + (top.pending_key,)

    def alias(self, event: Any) -> bool:
        path = self.child_path() or ()
        if event.anchor in self.open_anchors:
            self.fail(event.start_mark, path, f"alias *{event.anchor} refers to itself (recursive alias)")
            return False
        if event.anchor not in self.anchors:
            self.fail(event.start_mark, path, f"unknown alias *{event.anchor}")
            return False
        value, size = self.anchors[event.anchor]
        self.total += size
        if self.total > MAX_NODES:
            self.fail(event.start_mark, path, f"aliases expand to more than {MAX_NODES:,} values (an alias bomb?)")
            return False
        if self.stack and self.child_path() is None:
            self.fail(event.start_mark, self.stack[-1].path, "an alias cannot be used as a mapping key")
            self.stack[-1].pending_key = _BAD_KEY
            return True
        self._record_position(event)
        self.attach(value, size, event.start_mark, None)
        return True

    def scalar(self, event: Any, anchor: str | None) -> None:
        self.total += 1
        value: Any = event.value
        if not event.style and event.value in _NULLS:  # plain: None from PyYAML, "" from libyaml
            value = None
        self._record_position(event)
        self.attach(value, 1, event.start_mark, anchor)

    def _record_position(self, event: Any) -> None:
        p = self.child_path()
        if p is not None:
            self.doc.positions[p] = _pos(event.start_mark)

    def start(self, event: Any, anchor: str | None) -> bool:
        """A mapping or sequence opens: push a frame (False when nesting is too deep)."""
        self.total += 1
        p = self.child_path()
        if p is None:  # a collection used as a key
            p = self.stack[-1].path + ("?",)
        if len(self.stack) >= MAX_DEPTH:  # name where the nesting starts, not 64 "[0]"s
            self.fail(event.start_mark, p[:3], f"too deeply nested (more than {MAX_DEPTH} levels)")
            return False
        self.doc.positions[p] = _pos(event.start_mark)
        kind = "map" if isinstance(event, yaml.MappingStartEvent) else "seq"
        frame = _Frame(kind, {} if kind == "map" else [], p, anchor)
        frame.key_mark = _pos(event.start_mark)
        if anchor:
            self.open_anchors.add(anchor)
        self.stack.append(frame)
        return True

    def attach(self, value: Any, size: int, mark: Any, anchor: str | None) -> None:
        """A finished value goes into its parent (as an item, a key, or a key's value) or becomes the root."""
        if anchor:
            self.anchors[anchor] = (value, size)
        if not self.stack:
            self.doc.value = value
            self.root_set = True
            return
        top = self.stack[-1]
        top.size += size
        if top.kind == "seq":
            top.value.append(value)
        elif top.pending_key is _NO_KEY:  # value is a key
            self.key(top, value, mark)
        else:
            if top.pending_key is not _BAD_KEY:
                top.value[top.pending_key] = value
            top.pending_key = _NO_KEY

    def key(self, top: _Frame, value: Any, mark: Any) -> None:
        """A mapping key: plain text, not seen before in this mapping."""
        if isinstance(value, (dict, list)):
            self.fail(mark, top.path, "a mapping key must be plain text, not a list or mapping")
            top.pending_key = _BAD_KEY
            return
        key = "null" if value is None else value
        line, col = _pos(mark)
        if key in top.first_lines:
            self.fail(mark, top.path + (key,), f"duplicate key {key!r} (first defined at line {top.first_lines[key]})")
            top.pending_key = _BAD_KEY
        else:
            top.first_lines[key] = line
            top.pending_key = key
            self.doc.key_positions[top.path + (key,)] = (line, col)
