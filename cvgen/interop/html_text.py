"""Inline HTML (as al-folio sites write it in YAML values) → cvgen's inline Markdown.

al-folio prints ``cv.yml`` values into the page unescaped, so people write ``<a href=…>``, ``<b>``,
``<i>``, ``<u>``, ``<br>`` and even ``<ul><li>…</li></ul>`` lists inside them. cvgen's text fields take
**bold**, *italic* and [links](…), so those are kept; list items become "; "-separated text, line
breaks become spaces, and every other tag is dropped with its text kept. The standard library's
HTML parser does the reading (entities included), so no regular expression guesses at tags.
"""

from __future__ import annotations

from html.parser import HTMLParser

from cvgen.interop.common import good_url, squeeze

_STRONG = {"b", "strong"}
_EMPH = {"i", "em", "cite"}
_BREAKS = {"br", "p", "div", "ul", "ol"}


class _ToMarkdown(HTMLParser):
    """Collects Markdown text and the tags it could not keep."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.links: list[str | None] = []
        self.dropped: set[str] = set()
        self.items = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _STRONG:
            self.out.append("**")
        elif tag in _EMPH:
            self.out.append("*")
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            url = good_url(href.strip())
            self.links.append(url)
            if url:
                self.out.append("[")
            elif href:
                self.dropped.add(f"link {href!r}")
        elif tag == "li":
            self.out.append("; " if self.items else " ")
            self.items += 1
        elif tag in _BREAKS:
            self.out.append(" ")
        elif tag not in ("span", "u", "small", "sup", "sub", "font", "center"):
            self.dropped.add(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in _STRONG:
            self.out.append("**")
        elif tag in _EMPH:
            self.out.append("*")
        elif tag == "a" and self.links:
            url = self.links.pop()
            if url:
                self.out.append(f"]({url})")
        elif tag in _BREAKS:
            self.out.append(" ")

    def handle_data(self, data: str) -> None:
        self.out.append(data)


def html_to_markdown(value: str) -> tuple[str, set[str]]:
    """(Markdown text, what was not kept) for an al-folio value that may hold inline HTML."""
    if "<" not in value and "&" not in value:
        return squeeze(value), set()
    parser = _ToMarkdown()
    parser.feed(value)
    parser.close()
    text = squeeze("".join(parser.out))
    for empty in ("****", "**  **", "[]"):
        text = text.replace(empty, "")
    return _tidy(text), parser.dropped


def _tidy(text: str) -> str:
    """Move spaces out of emphasis (``** Prize**`` → ``**Prize**``), which Markdown would not read."""
    import re

    text = re.sub(r"(\*\*|\*)\s+([^*]+?)\s*\1", lambda m: f" {m.group(1)}{m.group(2).strip()}{m.group(1)}", text)
    return squeeze(text)
