"""An annual activity report for cvgen: each section's items in the reporting period, counted.

Faculty are asked every year what they published, taught and won. Rendered with cvgen's own
period filter, this backend answers in one plain-text file::

    cvgen render cv.yaml --format annual-report --since 2024-01 --until 2024-12

The backend only lays out the prepared document: cvgen has already chosen, ordered, numbered and
dated every item, and marked the owner in author lists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cvgen import Backend, InlineFormat, RenderOptions
from cvgen.backends.base import render_inline

if TYPE_CHECKING:
    from cvgen.themes import Theme
    from cvgen.view.document import Document, Item


class PlainInline(InlineFormat):
    """Inline markup as plain text. Plain text needs no escaping, so ``text`` returns it unchanged."""

    def text(self, s: str) -> str:
        return s

    def strong(self, inner: str, role: str | None) -> str:
        return inner

    def emph(self, inner: str) -> str:
        return inner

    def link(self, href: str, inner: str) -> str:
        return inner if inner == href else f"{inner} <{href}>"

    def sup(self, inner: str) -> str:
        return inner


_PLAIN = PlainInline()


def item_line(item: Item) -> str:
    label = f"[{item.label}] " if item.label else ""
    date = f" ({item.date})" if item.date else ""
    return f"  - {label}{render_inline(item.main, _PLAIN)}{date}"


class AnnualReportBackend(Backend):
    """``--format annual-report``: one plain-text report, sections with their item counts."""

    name = "annual-report"
    aliases = ("annual",)
    suffix = ".txt"
    binary = False
    description = "Annual activity report (plain text)"

    def render(self, doc: Document, theme: Theme, options: RenderOptions) -> str:
        title = f"Annual activity report: {doc.header.name}"
        lines = [title, "=" * len(title), ""]
        summary = []
        for section in doc.sections:
            items = section.items
            if not items:
                continue
            summary.append(f"{section.title}: {len(items)}")
            lines.append(f"{section.title} ({len(items)})")
            lines.extend(item_line(item) for item in items)
            lines.append("")
        lines += ["Totals", *(f"  {entry}" for entry in summary), ""]
        return "\n".join(lines)
