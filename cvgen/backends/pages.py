"""Page limits measured on the rendered PDF, not estimated from the text.

A funder's document (an NIH biosketch, NSF's one-page Synergistic Activities) carries a
:class:`~cvgen.view.document.PageLimit` decided by the view. After rendering, the PDF's own page
count is read back, and when it runs over, the section that crosses the last allowed page is
named: the PDF's outline (one bookmark per section heading, with its page) says where each
section begins (a PDF without bookmarks: the heading lines of its text), and the first line of the
first page over the limit says whether a new section starts there. pypdf reads the file; it is imported only for documents that have a limit.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cvgen.view.document import Document


@dataclass(frozen=True)
class Measured:
    """What the PDF holds: its page count, each section heading's first page (0-based), and page texts."""

    pages: int
    headings: tuple[tuple[str, int], ...]
    first_lines: tuple[str, ...]


def _plain(text: str) -> str:
    """Spaces as spaces: the view ties "A.\u00a0Personal Statement", the PDF's text may not."""
    return " ".join(text.replace("\u2060", "").split())


def measure(pdf: bytes, titles: tuple[str, ...]) -> Measured:
    """Read the page count, where each of ``titles`` begins (from the outline), and each page's first line."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    titles = tuple(_plain(t) for t in titles)
    found: list[tuple[str, int]] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            elif _plain(str(item.title)) in titles:
                found.append((_plain(str(item.title)), reader.get_destination_page_number(item)))

    walk(reader.outline)
    texts = [(page.extract_text() or "").strip().splitlines() for page in reader.pages]
    if not found:  # a PDF without bookmarks (Typst's): the headings are found in the text, as lines of their own
        seen: set[str] = set()
        for number, lines in enumerate(texts):
            for line in lines:
                title = _plain(line)
                if title in titles and title not in seen:
                    seen.add(title)
                    found.append((title, number))
    first_lines = tuple(_plain(lines[0]) if lines else "" for lines in texts)
    return Measured(len(reader.pages), tuple(found), first_lines)


def overflowing_section(m: Measured, limit: int) -> str | None:
    """The section running at the top of the first page over the limit, or None when the outline says nothing."""
    starts_there = [title for title, page in m.headings if page == limit]
    if starts_there and limit < len(m.first_lines) and m.first_lines[limit] == starts_there[0]:
        return starts_there[0]
    before = [title for title, page in m.headings if page < limit]
    return before[-1] if before else None


def over_limit(doc: Document, pdf: bytes) -> str | None:
    """A message when the PDF has more pages than ``doc.page_limit`` allows, naming the overflowing section."""
    limit = doc.page_limit
    if limit is None:
        return None
    m = measure(pdf, tuple(s.title for s in doc.sections))
    if m.pages <= limit.pages:
        return None
    section = overflowing_section(m, limit.pages)
    where = f"'{section}' runs past page {limit.pages}" if section else f"the text runs past page {limit.pages}"
    return (f"{doc.meta.subject}: the PDF has {m.pages} pages, over the limit of {limit.pages} ({limit.rule}); "
            f"{where}: shorten it")
