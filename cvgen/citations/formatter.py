"""Format publications in a CSL style: the one entry point the view uses.

:class:`CitationFormatter` loads the style once per CV (citeproc-py is imported here, on first
use) and turns each publication, with the view's decisions about its authors, into inline nodes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from cvgen.citations import output
from cvgen.citations.csl_input import AuthorNote, csl_item
from cvgen.model.loaded import StyleFile
from cvgen.model.markup import Inline, plain
from cvgen.model.publications import Publication

if TYPE_CHECKING:
    from cvgen.citations.engine import LoadedStyle

_NO_LIMIT = "1000000"
_PLACEHOLDER = "\u2026"  # stands for the authors an incomplete list leaves out; never printed


@dataclass(frozen=True)
class CitationEntry:
    """One publication as the view sees it: the authors it shows and what it decided about them.

    ``names`` are the real authors in order ("et al." written in the input removed, with
    ``incomplete`` set); ``notes`` go with ``names``, one each.
    """

    pub: Publication
    names: tuple[str, ...]
    notes: tuple[AuthorNote, ...]
    incomplete: bool = False

    @property
    def owner_index(self) -> int | None:
        return next((i for i, n in enumerate(self.notes) if n.bold == "owner"), None)


@dataclass(frozen=True)
class Cited:
    """A formatted entry, with what the view needs for the legend and the link list."""

    nodes: Inline
    shown: frozenset[int]
    """Indices (into ``CitationEntry.names``) of the authors the style printed."""
    hrefs: frozenset[str]
    """Every link in ``nodes`` (the DOI, the URL, the title's link)."""


class CitationFormatter:
    """A CSL style in the CV's language, formatting one entry at a time."""

    def __init__(self, source: StyleFile, language: str, max_authors: int | None = None):
        from cvgen.citations.engine import LoadedStyle  # the engine (citeproc-py, lxml) loads here

        self.style: LoadedStyle = LoadedStyle.load(source, language)
        self.max_authors = max_authors

    def format(self, entry: CitationEntry) -> Inline:
        """The entry as inline nodes."""
        return self.cite(entry).nodes

    def cite(self, entry: CitationEntry) -> Cited:
        """The entry formatted, with the authors shown and the links made."""
        names = [*entry.names, _PLACEHOLDER] if entry.incomplete else list(entry.names)
        bold = frozenset(i for i, n in enumerate(entry.notes) if n.bold)
        item = csl_item(entry.pub, "pub", names, marked=bold)
        links = _title_links(entry.pub)
        decoded = output.decode(self.style.format(item, self._et_al(entry)), links)
        owner = entry.owner_index
        if owner is not None and owner not in decoded.starts:  # the style's "et al." hid the owner
            decoded = output.decode(self.style.format(item, _reveal(owner, len(names))), links)
        inserts = output.annotate(decoded, output.name_spans(decoded), entry.notes)
        output.add_links(decoded, entry.pub.url, entry.pub.doi, plain(entry.pub.title))
        if self.style.punctuation_in_quote:
            output.punctuation_in_quote(decoded, self.style.quote_terms())
        hrefs = frozenset(st[1] for styles in decoded.styles for st in styles if st[0] == "link")
        shown = frozenset(i for i in decoded.starts if i < len(entry.names))
        return Cited(output.build(decoded, inserts), shown, hrefs)

    def _et_al(self, entry: CitationEntry) -> dict[str, str] | None:
        """The CV's own author limit, or the cut an incomplete list asks for; else the style's rules."""
        count = len(entry.names)
        limit = self.max_authors
        if entry.incomplete:
            shown = min(limit or count, count)
            return {"et-al-min": str(count + 1), "et-al-use-first": str(shown)}
        if limit is None:
            return None
        if count > limit:
            return {"et-al-min": str(limit + 1), "et-al-use-first": str(limit)}
        return {"et-al-min": _NO_LIMIT}


def _reveal(owner: int, count: int) -> dict[str, str]:
    """Et-al options that show every name up to the owner's (all of them when the owner is last)."""
    if owner + 1 >= count:
        return {"et-al-min": _NO_LIMIT}
    return {"et-al-min": str(owner + 2), "et-al-use-first": str(owner + 1)}


def _title_links(pub: Publication) -> list[str]:
    from cvgen.citations.csl_input import encode_rich

    links: list[str] = []
    encode_rich(pub.title, links)
    return links

