"""Inline markup: a small, safe subset of Markdown parsed once at load time.

Text fields accept ``**bold**``, ``*italic*`` (or ``_italic_``) and ``[label](https://…)``; nothing
else is markup. Raw HTML, LaTeX, backticks, headings and entities are plain text and every backend
shows them literally. The parsed form is a tiny tree of frozen nodes (:data:`Inline`) that each
backend turns into its own format through a handful of primitives, so escaping lives in one place
per backend.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any

from pydantic import WithJsonSchema

from cvgen.model.links import check_url
from cvgen.model.text import clean_text

MAX_MARKUP_DEPTH = 16
"""Bold, italic and links inside one another; real text uses two or three. Deeper nesting (a
thousand asterisks) is refused at its field, before any backend recurses through it."""


@dataclass(frozen=True, slots=True)
class Text:
    """Literal text."""

    text: str


@dataclass(frozen=True, slots=True)
class FinalText(Text):
    """Text a citation style has already set (its quotes, dashes and punctuation).

    It is text for every backend; a later typographic pass must leave it as it is.
    """


@dataclass(frozen=True, slots=True)
class Strong:
    """Bold text. ``role`` says why (``"owner"``, ``"member"``, ``"award"``) so a theme may style it."""

    children: tuple[Node, ...]
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Emph:
    """Italic text."""

    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink; ``href`` has been checked by :func:`cvgen.model.links.check_url`."""

    href: str
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Sup:
    """Superscript, used for author markers (†, *)."""

    children: tuple[Node, ...]


Node = Text | Strong | Emph | Link | Sup  # FinalText is a Text
Inline = tuple[Node, ...]

def plain(nodes: Inline) -> str:
    """The text of ``nodes`` without any markup: what a reader sees."""
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(node.text)
        else:
            out.append(plain(node.children))
    return "".join(out)


def text(value: str) -> Inline:
    """Literal text as an inline sequence (no parsing)."""
    return (Text(value),) if value else ()


# Characters the parser would treat as markup but that cvgen keeps literal in some places.
_MARKUP_CHARS = "*_[]"
_CANDIDATE = re.compile(r"[*_\[]")


@lru_cache(maxsize=1)
def _parser():  # noqa: ANN202 - markdown_it is imported lazily to keep start-up light
    from markdown_it import MarkdownIt

    md = MarkdownIt("zero").enable(["emphasis", "link", "escape"])
    md.validateLink = lambda url: True  # cvgen checks every link itself and names the field
    md.normalizeLink = lambda url: url  # keep URLs exactly as written (no percent-encoding)
    md.normalizeLinkText = lambda url: url
    return md


def parse_markup(source: str) -> Inline:
    """Parse ``source`` (already cleaned) into inline nodes.

    Lines are joined with spaces: a blank line inside a title is a space, never a paragraph break
    that a backend would have to survive.
    """
    if not _CANDIDATE.search(source):
        return text(" ".join(source.split()) if "\n" in source else source)
    simple = _simple_emphasis(source)
    if simple is not None:
        return simple
    tokens = _parser().parse(_protect(source))
    out: list[Node] = []
    first = True
    for tok in tokens:
        if tok.type != "inline":
            continue
        if not first:
            out.append(Text(" "))
        first = False
        out.extend(_convert(tok.children or []))
    return _merge(tuple(out))


# A ``*x*`` or ``**x x**`` span whose delimiters CommonMark can only read one way: the opener at the
# start or after a space or "(", the closer at the end or before a space or ".,;:)", both touching an
# ASCII letter or digit, no other asterisk inside. Such a run is a left-flanking opener and a
# right-flanking closer that cannot be anything else, so the result equals markdown-it's.
_SPAN = re.compile(r"(?:^|(?<=[ (]))(\*\*?)([A-Za-z0-9](?:[^*]*?[A-Za-z0-9])?)\1(?=$|[ .,;:)])")
# Anything that could make the parser read the text differently: escapes, links, line breaks,
# tabs and other whitespace (trimmed or flanking), and an underscore not inside a word.
_NOT_SIMPLE = re.compile(r"[\\\[\]\s](?<! )|^ | $|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")


def _simple_emphasis(source: str) -> Inline | None:
    """The nodes of ``source`` without markdown-it when its only markup is plain ``*`` / ``**`` spans.

    The common case (a bold word in a legend, an italic topic name) then costs no parser import at
    load time; anything else returns None and goes to markdown-it. tests/model/test_markup.py checks
    on generated text that both give the same nodes.
    """
    if _NOT_SIMPLE.search(source):
        return None
    out: list[Node] = []
    end = 0
    for match in _SPAN.finditer(source):
        gap = source[end : match.start()]
        if "*" in gap:
            return None
        out.append(Text(gap))
        inner = (Text(match.group(2)),)
        out.append(Strong(inner) if len(match.group(1)) == 2 else Emph(inner))
        end = match.end()
    if "*" in source[end:]:
        return None
    out.append(Text(source[end:]))
    return _merge(tuple(out))


def _is_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _protect(source: str) -> str:
    """Escape what must stay literal, so the parser's escapes are cvgen's only escapes.

    * every backslash is doubled, so ``\\input`` and ``\\\\`` come back as written;
    * a markup character right after a backslash stays literal too (``\\*x\\*`` shows as written);
    * an asterisk between two letters or digits (``2*3*4``) is arithmetic or a glob, not emphasis;
    * runs of underscores are identifiers (``__init__``), never ``__bold__`` (write ``**bold**``).
    """
    out: list[str] = []
    last = len(source) - 1
    for i, ch in enumerate(source):
        prev = source[i - 1] if i else ""
        nxt = source[i + 1] if i < last else ""
        if ch == "\\":
            out.append("\\\\")
        elif ch in _MARKUP_CHARS and (
            prev == "\\"
            or (ch == "*" and _is_word(prev) and _is_word(nxt))
            or (ch == "_" and "_" in (prev, nxt))
        ):
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def _convert(tokens: list[Any]) -> list[Node]:
    stack: list[tuple[str, str | None, list[Node]]] = [("root", None, [])]
    for tok in tokens:
        kind = tok.type
        if kind == "text":
            stack[-1][2].append(Text(tok.content))
        elif kind in ("softbreak", "hardbreak"):
            stack[-1][2].append(Text(" "))
        elif kind in ("strong_open", "em_open", "link_open"):
            if len(stack) > MAX_MARKUP_DEPTH:
                raise ValueError(f"emphasis and links nested more than {MAX_MARKUP_DEPTH} levels deep")
            stack.append((kind, str(tok.attrs.get("href", "")) if kind == "link_open" else None, []))
        elif kind in ("strong_close", "em_close", "link_close"):
            opened, href, children = stack.pop()
            kids = tuple(children)
            if opened == "strong_open":
                node: Node = Strong(kids)
            elif opened == "em_open":
                node = Emph(kids)
            else:
                node = Link(check_url(href or ""), kids)
            stack[-1][2].append(node)
        else:  # any rule we did not enable shows its source literally
            stack[-1][2].append(Text(tok.content or tok.markup or ""))
    return stack[0][2]


def _merge(nodes: Inline) -> Inline:
    """Join neighbouring Text nodes so output does not depend on how the parser split them."""
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, Text):
            if not node.text:
                continue
            if out and isinstance(out[-1], Text):
                out[-1] = Text(out[-1].text + node.text)
                continue
        elif not isinstance(node, Text):
            node = type(node)(*(_merge(v) if isinstance(v, tuple) else v for v in _fields(node)))
        out.append(node)
    return tuple(out)


def _fields(node: Node) -> tuple[Any, ...]:
    if isinstance(node, Strong):
        return (node.children, node.role)
    if isinstance(node, Link):
        return (node.href, node.children)
    return (node.children,)


def to_markdown(nodes: Inline | str) -> str:
    """Serialise nodes back to the markup they came from (for JSON/YAML export)."""
    if isinstance(nodes, str):
        return nodes
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, Strong):
            out.append(f"**{to_markdown(node.children)}**")
        elif isinstance(node, Emph):
            out.append(f"*{to_markdown(node.children)}*")
        elif isinstance(node, Link):
            out.append(f"[{to_markdown(node.children)}]({node.href})")
        else:
            out.append(to_markdown(node.children))
    return "".join(out)


def _validate_rich(value: object) -> Inline:
    if isinstance(value, tuple) and all(isinstance(n, (Text, Strong, Emph, Link, Sup)) for n in value):
        return value
    if not isinstance(value, str):
        raise ValueError("expected text")
    cleaned = clean_text(value.strip())
    if not cleaned:
        raise ValueError("must not be empty")
    return parse_markup(cleaned)


class _RichTextSchema:
    """Pydantic hook: RichText's core schema, built directly rather than derived from ``Inline``.

    ``_validate_rich`` already returns a checked tuple of nodes, so the tuple-of-dataclasses schema
    pydantic would derive from ``Inline`` (and build again for each of the fifty-odd rich fields)
    only re-checked its output; skipping it makes the model's import and first validation cheaper.
    """

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(
            _validate_rich,
            serialization=core_schema.plain_serializer_function_ser_schema(to_markdown, return_schema=core_schema.str_schema()),
        )


RichText = Annotated[
    Inline,
    _RichTextSchema(),
    WithJsonSchema(
        {"type": ["string", "number"], "description": "Text; **bold**, *italic* and [label](https://…) links allowed."}
    ),
]
"""A text field with inline markup, stored parsed."""
