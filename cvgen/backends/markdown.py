"""Markdown output: a whole CV for a Jekyll or Hugo site, or just the publication list.

The conventions follow a lab homepage's publication list (seeds/optml_lab_homepage.md): ``*``
bullets, ``<br>`` between an item's lines, bold owner and group members, markers as
``<sup>†,\\*</sup>``, award notes in bold red (``**<span style="color:…">(Spotlight)</span>**``,
the CV's accent colour or red). ``RenderOptions(fragment=True)`` gives the publications alone,
with group headings as bold paragraphs, ready to paste under a page's own heading.

Escaping lives in :func:`escape`, the one function every piece of user text goes through. It
escapes what CommonMark, GitHub and kramdown (Jekyll) would read as markup, and writes ``{``,
``}`` and ``~`` as character references so Liquid (``{{ … }}``) never runs user text and
kramdown, which has no ``\\~`` escape, shows a tilde.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING
from urllib.parse import quote

from cvgen.backends.base import Backend, InlineFormat, RenderOptions, render_inline
from cvgen.model.markup import Inline, Text

if TYPE_CHECKING:
    from cvgen.themes import Theme
    from cvgen.view.document import Document, Group, Item, Section

_BACKSLASHED = re.compile(r"([\\`*_\[\]|$])")
_REFERENCES = {"<": "&lt;", ">": "&gt;", "{": "&#123;", "}": "&#125;", "~": "&#126;"}
_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# Text that would start a block (heading, list, quote, rule, setext underline) at a line's start.
_BLOCK_START = re.compile(r"^(\s*)(?:([#+\-=])|(\d+)([.)]))")
DETAIL_INDENT = "    "


def escape(text: str) -> str:
    """User text → Markdown that shows exactly that text. The only escaping function here."""
    text = " ".join(text.split("\n"))
    text = _ENTITY_LIKE.sub("&amp;", text)
    text = _BACKSLASHED.sub(r"\\\1", text)
    text = "".join(_REFERENCES.get(ch, ch) for ch in text)
    return _BLOCK_START.sub(_unblock, text, count=1)


def _unblock(m: re.Match[str]) -> str:
    space, symbol, digits, punct = m.groups()
    return f"{space}\\{symbol}" if symbol else f"{space}{digits}\\{punct}"


def _href(url: str) -> str:
    """A link destination that survives every Markdown flavour (percent-encoding, not escaping)."""
    # CommonMark decodes entity references in a destination: "&amp;" written in a URL must stay itself.
    return _ENTITY_LIKE.sub("&amp;", quote(url, safe=":/?#[]@!$&'*+,;=%-._"))


class MarkdownInline(InlineFormat):
    """``award_colour`` colours award notes (publications only; honours stay plain bold)."""

    def __init__(self, award_colour: str | None = None):
        self.award_colour = award_colour

    def text(self, s: str) -> str:
        return escape(s)

    def strong(self, inner: str, role: str | None) -> str:
        if role == "award" and self.award_colour:
            return f'**<span style="color:{self.award_colour}">{inner}</span>**'
        return f"**{inner}**"

    def emph(self, inner: str) -> str:
        return f"*{inner}*"

    def link(self, href: str, inner: str) -> str:
        return f"[{inner}]({_href(href)})"

    def sup(self, inner: str) -> str:
        return f"<sup>{inner}</sup>"


class MarkdownBackend(Backend):
    name = "markdown"
    aliases = ("md",)
    suffix = ".md"
    binary = False
    description = "Markdown for Jekyll/Hugo sites (RenderOptions.fragment: publications only)"

    def render(self, doc: Document, theme: Theme, options: RenderOptions) -> str:
        return MarkdownWriter(doc, fragment=options.fragment).write()


class MarkdownWriter:
    """Walks the prepared document; layout only (the view has decided everything)."""

    def __init__(self, doc: Document, fragment: bool = False):
        self.doc = doc
        self.fragment = fragment
        self.fmt = MarkdownInline()
        self.pub_fmt = MarkdownInline(doc.meta.accent_colour or "red")

    def md(self, nodes: Inline, fmt: MarkdownInline | None = None) -> str:
        return render_inline(nodes, fmt or self.fmt)

    def write(self) -> str:
        blocks: list[str] = []
        if self.fragment:
            for section in self.doc.fragment_sections:
                blocks.extend(self.section(section, level=3))
        else:
            blocks.extend(self.front_matter())
            blocks.extend(self.header())
            for section in self.doc.sections:
                blocks.extend(self.section(section, level=2))
        return "\n\n".join(b for b in blocks if b) + "\n"

    def front_matter(self) -> list[str]:
        meta = self.doc.meta
        fields = {"title": meta.title, "author": meta.author, "description": meta.description, "lang": meta.language}
        if meta.direction != "ltr":
            fields["dir"] = meta.direction  # a right-to-left CV: themes of static sites read it
        # JSON strings are valid YAML scalars: quotes, colons and newlines cannot break the block.
        lines = [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in fields.items() if v]
        return ["---\n" + "\n".join(lines) + "\n---"]

    def header(self) -> list[str]:
        h = self.doc.header
        blocks = [f"# {escape(h.name)}"]
        for aff in h.affiliations:
            blocks.append("<br>\n".join(self.md(line) for line in aff))
        contacts = []
        for c in h.contacts:
            value = self.fmt.link(c.href, escape(c.text)) if c.href else escape(c.text)
            caption = c.caption if c.kind == "link" else c.label  # the view's caption ("ORCID") for links
            contacts.append(f"{escape(caption)}: {value}" if caption else value)
        if contacts:
            blocks.append(" · ".join(contacts))
        return blocks

    def section(self, section: Section, level: int) -> list[str]:
        blocks = [f"{'#' * level} {escape(section.title)}"]
        blocks.extend(self.md(p) for p in section.intro)
        if section.chart is not None:
            c = section.chart
            blocks.append("\n".join((
                "| " + " | ".join([escape(c.year_label), *(str(b.year) for b in c.bars)]) + " |",
                "|" + "---|" + "--:|" * len(c.bars),
                "| " + " | ".join([escape(c.count_label), *(str(b.count) for b in c.bars)]) + " |",
            )))
        for group in section.groups:
            blocks.extend(self.group(group, level))
        return blocks

    def group(self, group: Group, level: int) -> list[str]:
        blocks: list[str] = []
        if group.title:
            title = self.md(group.title)
            blocks.append(f"**{title}**" if self.fragment else f"{'#' * (level + 1)} {title}")
        if group.items:
            blocks.append("\n\n".join(self.item(item) for item in group.items))
        return blocks

    def item(self, item: Item) -> str:
        fmt = self.pub_fmt if item.kind == "publication" else self.fmt
        first = self.md(item.main, fmt)
        if item.label:
            first = f"{escape(item.label + '.')} {first}"  # "1." must not start an ordered list
        if item.date:
            first += f", {escape(item.date)}"
        lines = [first, *(self.md(d, fmt) for d in item.details)]
        if item.links:
            lines.append(" · ".join(self.fmt.link(x.href, escape(x.label)) for x in item.links))
        out = "* " + f"<br>\n{DETAIL_INDENT}".join(lines)
        if item.abstract:
            out += f"\n\n{DETAIL_INDENT}> **{self.md((Text(self.doc.meta.abstract_label),))}.** {self.md(item.abstract)}"
        return out
