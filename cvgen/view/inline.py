"""Small helpers for building inline sequences in the view (joining, templating)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from cvgen.model.markup import Emph, Inline, Link, Node, Strong, Sup, Text, plain


def join(parts: Iterable[Inline | str | None], sep: str = ", ") -> Inline:
    """Join non-empty parts with ``sep``; plain strings become text."""
    out: list[Node] = []
    for part in parts:
        if part is None or part == "" or part == ():
            continue
        if out and sep:
            out.append(Text(sep))
        out.extend((Text(part),) if isinstance(part, str) else part)
    return merge(out)


def merge(nodes: Iterable[Node]) -> Inline:
    """Collapse neighbouring text nodes."""
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, Text) and out and type(out[-1]) is type(node):  # FinalText stays apart
            out[-1] = type(node)(out[-1].text + node.text)
        elif not (isinstance(node, Text) and not node.text):
            out.append(node)
    return tuple(out)


def strong(part: Inline | str, role: str | None = None) -> Inline:
    return (Strong((Text(part),) if isinstance(part, str) else part, role),)


def emph(part: Inline | str) -> Inline:
    return (Emph((Text(part),) if isinstance(part, str) else part),)


def sup(text: str) -> Inline:
    return (Sup((Text(text),)),)


def link(href: str | None, part: Inline | str) -> Inline:
    """``part`` linked to ``href``. Links already inside ``part`` keep their own targets.

    A link cannot hold a link (HTML nests ``<a>`` in ``<a>``, Markdown drops the outer one), so a
    title written with a link, on an entry that has a ``url`` too, becomes runs side by side: the
    title's own link for its words and the entry's link around the rest. Decided here, once.
    """
    nodes = (Text(part),) if isinstance(part, str) else part
    if not href:
        return nodes
    if not _has_link(nodes):
        return (Link(href, nodes),)
    return _joined_links(_around_links(href, nodes))


def _has_link(nodes: Inline) -> bool:
    return any(isinstance(n, Link) or (not isinstance(n, Text) and _has_link(n.children)) for n in nodes)


def _around_links(href: str, nodes: Inline) -> list[Node]:
    """Each node outside an inner link wrapped in ``Link(href)``; inner links (and what holds them) kept."""
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, Link):
            out.append(node)
        elif not isinstance(node, Text) and _has_link(node.children):
            out.append(type(node)(tuple(_joined_links(_around_links(href, node.children))), *_extra(node)))
        else:
            out.append(Link(href, (node,)))
    return out


def _extra(node: Node) -> tuple[object, ...]:
    return (node.role,) if isinstance(node, Strong) else ()


def _joined_links(nodes: list[Node]) -> Inline:
    """Neighbouring links to the same target become one link."""
    out: list[Node] = []
    for node in nodes:
        last = out[-1] if out else None
        if isinstance(node, Link) and isinstance(last, Link) and last.href == node.href:
            out[-1] = Link(node.href, merge((*last.children, *node.children)))
        else:
            out.append(node)
    return tuple(out)


_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
"""``{name}`` in user text (the metrics sentence): the one placeholder syntax."""


def placeholders(template: Inline) -> set[str]:
    """The ``{name}`` placeholders written in ``template``'s text."""
    return {m.group(1) for m in _PLACEHOLDER.finditer(plain(template))}


def fill(template: Inline, values: Mapping[str, Inline]) -> Inline:
    """Replace ``{name}`` placeholders in text nodes with inline values; unknown names stay as written."""
    out: list[Node] = []
    for node in template:
        if isinstance(node, Text):
            pos = 0
            for m in _PLACEHOLDER.finditer(node.text):
                if m.group(1) not in values:
                    continue
                out.append(Text(node.text[pos : m.start()]))
                out.extend(values[m.group(1)])
                pos = m.end()
            out.append(Text(node.text[pos:]))
        elif isinstance(node, Strong):
            out.append(Strong(fill(node.children, values), node.role))
        elif isinstance(node, Link):
            out.append(Link(node.href, fill(node.children, values)))
        else:
            out.append(type(node)(fill(node.children, values)))
    return merge(out)


def quoted_title(title: Inline) -> Inline:
    """"Title." — the period moves inside the quotes unless the title ends in punctuation."""
    text_end = _last_char(title)
    closing = "\u201d" if text_end in ".?!" else ".\u201d"
    return merge((Text("\u201c"), *title, Text(closing)))


def _last_char(nodes: Inline) -> str:
    for node in reversed(nodes):
        if isinstance(node, Text):
            if node.text:
                return node.text[-1]
        else:
            ch = _last_char(node.children)
            if ch:
                return ch
    return ""
