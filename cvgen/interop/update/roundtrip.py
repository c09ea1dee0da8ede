"""Round-trip YAML editing: the user's text stays as written except where a value is changed.

cvgen's strict loader reads the file for validation and for every decision (it reads each scalar
as the text written, as YAML 1.2 intends). ruamel.yaml keeps comments, key order, quoting and
layout for writing. The two must agree on what a scalar is: ruamel's default reading turns ``no``
into a string but ``3.10`` into a float and ``01234`` into an int, and a YAML 1.1 reader would turn
``no`` into false. So the round-trip reader here resolves every plain scalar to a string, exactly
as the strict loader does, and an untouched scalar is written back character for character.
New values are written by cvgen's own dumper first (which quotes ``'2021'``, ``'no'``, ``'null'``),
then read back as round-trip nodes, so they read back through the strict loader unchanged.
"""

from __future__ import annotations

import io
import itertools
import re
from typing import Any


def _yaml(text: str | None = None) -> Any:
    """A ruamel round-trip reader/writer that reads every plain scalar as text, with the file's indents."""
    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.resolver import VersionedResolver

    class TextResolver(VersionedResolver):
        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if kind is ScalarNode and implicit[0]:
                return self.DEFAULT_SCALAR_TAG
            return super().resolve(kind, value, implicit)

    yaml = YAML(typ="rt")
    yaml.Resolver = TextResolver
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never fold a long title onto two lines
    if text is not None:
        mapping, sequence, offset = _indents(text)
        yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


_OPENER = re.compile(r"^( *)(?!- )[^\s#][^#]*:\s*(#.*)?$")
_ITEM = re.compile(r"^( *)-( +)\S")
_KEY = re.compile(r"^( *)[^\s#-][^#]*:(\s|$)")


def _indents(text: str) -> tuple[int, int, int]:
    """The file's mapping indent, sequence indent and dash offset, read from its first nested
    mapping and its first block list, so ruamel lays out the whole file as the file does
    (``key:\n  - item`` and ``key:\n- item`` are both common). Defaults: PyYAML's layout."""
    mapping = sequence = offset = None
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    for parent, child in itertools.pairwise(lines):
        opener = _OPENER.match(parent)
        if not opener:
            continue
        depth = len(opener.group(1))
        item, key = _ITEM.match(child), _KEY.match(child)
        if item and sequence is None and len(item.group(1)) >= depth:
            offset = len(item.group(1)) - depth
            sequence = offset + 1 + len(item.group(2))
        elif key and mapping is None and len(key.group(1)) > depth:
            mapping = len(key.group(1)) - depth
        if mapping is not None and sequence is not None:
            break
    mapping = mapping or 2
    if sequence is None:
        sequence, offset = mapping, 0
    return mapping, sequence, offset or 0


def load(text: str) -> Any:
    """The document as ruamel's commented mapping (every plain scalar a string)."""
    return _yaml(text).load(text)


def dump(doc: Any, like: str) -> str:
    """The document as text, laid out like ``like`` (the original file)."""
    out = io.StringIO()
    _yaml(like).dump(doc, out)
    return out.getvalue()


def node(value: Any) -> Any:
    """``value`` as a round-trip node, quoted the way cvgen's dumper quotes it."""
    from cvgen.interop.yaml_out import dump_yaml

    return _yaml().load(dump_yaml({"v": value}))["v"]


def styled_like(old: Any, value: Any) -> Any:
    """A new scalar in the old one's quoting style ("double" stays double), when that reads the same."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    new = node(value)
    if not isinstance(new, str):
        return new
    if isinstance(old, DoubleQuotedScalarString):
        return DoubleQuotedScalarString(str(new))
    if isinstance(old, SingleQuotedScalarString) and "\n" not in new:
        return SingleQuotedScalarString(str(new))
    return new


def set_key(mapping: Any, key: str, value: Any, after: tuple[str, ...] = ()) -> None:
    """Set ``mapping[key]``; a new key goes after the last of ``after`` present, else at the end.

    Replacing a value keeps the key's place and its end-of-line comment.
    """
    if key in mapping:
        mapping[key] = styled_like(mapping[key], value)
        return
    position = len(mapping)
    keys = list(mapping)
    present = [keys.index(k) for k in after if k in mapping]
    if present:
        position = max(present) + 1
    mapping.insert(position, key, node(value))
