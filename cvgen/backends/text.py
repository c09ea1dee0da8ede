"""Plain text output, for pasting into web forms (grant portals, HR systems, annual reports).

No markup and no hard wrapping (forms reflow text themselves): one paragraph per entry, an
entry's further lines indented, headings in capitals, links written as "label (address)".
``RenderOptions(fragment=True)`` gives the publication list alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cvgen.backends.base import Backend, InlineFormat, RenderOptions, render_inline
from cvgen.model.markup import Inline

if TYPE_CHECKING:
    from cvgen.themes import Theme
    from cvgen.view.document import Document, Group, Item, Section

INDENT = "    "


def as_text(text: str) -> str:
    """The one text function: plain text needs no escaping, only single lines."""
    return " ".join(text.split("\n"))


class TextInline(InlineFormat):
    def text(self, s: str) -> str:
        return as_text(s)

    def strong(self, inner: str, role: str | None) -> str:
        return inner

    def emph(self, inner: str) -> str:
        return inner

    def link(self, href: str, inner: str) -> str:
        target = href.removeprefix("mailto:").removeprefix("tel:")
        return inner if target == inner or href == inner else f"{inner} ({href})"

    def sup(self, inner: str) -> str:
        return inner


class TextBackend(Backend):
    name = "text"
    aliases = ("txt",)
    suffix = ".txt"
    binary = False
    description = "Plain text for web forms; RenderOptions.fragment gives publications only"

    def render(self, doc: Document, theme: Theme, options: RenderOptions) -> str:
        return TextWriter(doc, fragment=options.fragment).write()


class TextWriter:
    def __init__(self, doc: Document, fragment: bool = False):
        self.doc = doc
        self.fragment = fragment
        self.fmt = TextInline()

    def tx(self, nodes: Inline) -> str:
        return render_inline(nodes, self.fmt)

    def write(self) -> str:
        blocks: list[str] = []
        if not self.fragment:
            blocks.extend(self.header())
        for section in self.doc.sections:
            if self.fragment and section.key not in self.doc.fragment_keys:
                continue
            blocks.extend(self.section(section))
        return "\n\n".join(b for b in blocks if b) + "\n"

    def header(self) -> list[str]:
        h = self.doc.header
        blocks = [as_text(h.name)]
        blocks.extend("\n".join(self.tx(line) for line in aff) for aff in h.affiliations)
        contacts = []
        for c in h.contacts:
            value = self.fmt.link(c.href, as_text(c.text)) if c.href and c.kind == "link" else as_text(c.text)
            caption = c.caption if c.kind == "link" else c.label  # the view's caption ("ORCID") for links
            contacts.append(f"{as_text(caption)}: {value}" if caption else value)
        if contacts:
            blocks.append("\n".join(contacts))
        return blocks

    def section(self, section: Section) -> list[str]:
        blocks = [as_text(section.title).upper()]
        blocks.extend(self.tx(p) for p in section.intro)
        if section.chart is not None:
            blocks.append(as_text(section.chart.summary))
        for group in section.groups:
            blocks.extend(self.group(group))
        return blocks

    def group(self, group: Group) -> list[str]:
        blocks = [self.tx(group.title)] if group.title else []
        blocks.extend(self.item(item) for item in group.items)
        return blocks

    def item(self, item: Item) -> str:
        first = self.tx(item.main)
        if item.label:
            first = f"{as_text(item.label)}. {first}"
        if item.date:
            first += f", {as_text(item.date)}"
        lines = [first, *(INDENT + self.tx(d) for d in item.details)]
        lines.extend(f"{INDENT}{as_text(x.label)}: {x.href}" for x in item.links)
        if item.abstract:
            lines.append(f"{INDENT}{as_text(self.doc.meta.abstract_label)}: {self.tx(item.abstract)}")
        return "\n".join(lines)
