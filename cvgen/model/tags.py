"""Tags: free-form labels on entries, talks and bullets, for profiles that keep or drop them.

A bullet (a line of ``notes`` or ``details``) is plain text, or ``{text: …, tags: […]}`` when a
variant of the CV should keep or leave it out. A tagged bullet is still an inline sequence (a
:class:`TaggedLine` is a tuple of nodes), so everything that shows bullets reads it unchanged; the
view drops the ones a profile excludes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema

from cvgen.model.markup import Inline, _validate_rich, to_markdown
from cvgen.model.text import PlainText, clean_text

Tags = tuple[PlainText, ...]


class TaggedLine(tuple):  # type: ignore[type-arg]
    """An inline sequence that also carries the tags it was written with."""

    tags: tuple[str, ...] = ()

    def __new__(cls, nodes: Inline, tags: Iterable[str]) -> TaggedLine:
        line = super().__new__(cls, nodes)
        line.tags = tuple(tags)
        return line

    def __reduce__(self) -> tuple[Any, ...]:  # pickled for worker processes
        return (TaggedLine, (tuple(self), self.tags))


def _tag_list(value: object) -> tuple[str, ...]:
    if not isinstance(value, (list, tuple)) or not all(isinstance(t, str) for t in value):
        raise ValueError("tags: expected a list of words")
    return tuple(clean_text(t.strip()) for t in value)


def _validate_bullet(value: object) -> Inline:
    if isinstance(value, dict):
        unknown = sorted(set(value) - {"text", "tags"})
        if unknown or "text" not in value:
            raise ValueError("a tagged line is {text: …, tags: […]}" + (f"; unknown key {unknown[0]!r}" if unknown else ""))
        return TaggedLine(_validate_rich(value["text"]), _tag_list(value.get("tags", [])))
    if isinstance(value, TaggedLine):
        return value
    return _validate_rich(value)


def _dump_bullet(value: Inline) -> Any:
    if isinstance(value, TaggedLine):
        return {"text": to_markdown(tuple(value)), "tags": list(value.tags)}
    return to_markdown(value)


Bullet = Annotated[
    Inline,
    PlainValidator(_validate_bullet),
    PlainSerializer(_dump_bullet),
    WithJsonSchema({
        "anyOf": [
            {"type": ["string", "number"]},
            {"type": "object", "properties": {"text": {"type": "string"}, "tags": {"type": "array", "items": {"type": "string"}}},
             "required": ["text"], "additionalProperties": False},
        ],
        "description": "A line of text (**bold**, *italic*, [label](https://…) allowed), or {text, tags} to tag it.",
    }),
]
"""A line under an entry: rich text, optionally with tags."""


def tags_of(value: object) -> tuple[str, ...]:
    """The tags of an entry or a bullet (none when it has no ``tags``)."""
    return tuple(getattr(value, "tags", ()) or ())


def keeps(tags: Iterable[str], include: Iterable[str], exclude: Iterable[str]) -> bool:
    """Is something with ``tags`` kept when these tags are included and those excluded?

    Excluding wins. Untagged things belong to every variant, so an include list never drops them;
    a tagged thing is kept when nothing is included or when one of its tags is.
    """
    have = set(tags)
    if have & set(exclude):
        return False
    wanted = set(include)
    return not wanted or not have or bool(have & wanted)
