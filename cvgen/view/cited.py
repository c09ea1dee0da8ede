"""Publications in a CSL citation style: ``settings.publications.style`` or ``--style``.

With a style other than ``cvgen``, each publication's main line is the style's reference entry
(:mod:`cvgen.citations`), with the owner bold and the markers on the right names; cvgen still
groups, sorts, numbers and filters the list, and adds notes ("Spotlight") and awards after the
entry, its labelled links (PDF, Code) below it, and the legend of the markers a reader sees.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from cvgen.citations import BUILTIN_STYLES, AuthorNote, builtin_style
from cvgen.citations.formatter import CitationEntry, CitationFormatter
from cvgen.errors import UsageError
from cvgen.model.authors import Author
from cvgen.model.cv import CV
from cvgen.model.loaded import Loaded
from cvgen.model.markup import Inline, Text
from cvgen.model.people import People
from cvgen.model.publications import Publication
from cvgen.view.document import Item
from cvgen.view.inline import join, merge, strong
from cvgen.view.publications import author_marks, is_et_al


@dataclass
class CitationStyle:
    """One CV's citation style, loaded once per prepared document."""

    name: str
    """As asked for: "apa", or the .csl path."""
    formatter: CitationFormatter
    shown: dict[int, list[Author]] = field(default_factory=dict)
    """The authors each formatted publication showed (by ``id(pub)``), for the legend."""

    @classmethod
    def of(cls, loaded: Loaded, spec: str) -> CitationStyle:
        """The style ``spec`` (``--style`` or the CV's setting), from the file the loader read.

        A built-in style not read with the CV (``prepare(cv, ViewOptions(style="ieee"))``) comes
        from cvgen's package data, like a theme's templates; a user's ``.csl`` file must come
        through :func:`cvgen.loader.load_cv`, which reads it beside the CV.
        """
        file = loaded.citation_style
        if file is None or file.name != spec:
            if spec not in BUILTIN_STYLES:
                raise UsageError(f"the citation style {spec!r} was not read with the CV: "
                                 f"load it with cvgen.load_cv(source, style={spec!r})")
            file = builtin_style(spec)
        ps = loaded.cv.settings.publications
        return cls(spec, CitationFormatter(file, loaded.cv.settings.language, ps.max_authors))

    def main(self, pub: Publication, cv: CV, people: People) -> tuple[Inline, frozenset[str]]:
        """The style's entry for ``pub``, then its notes and awards; and the links it already holds."""
        real = [a for a in pub.authors if not is_et_al(a)]
        annotations = tuple(AuthorNote(_bold(a, people), ",".join(author_marks(a, cv))) for a in real)
        entry = CitationEntry(pub, tuple(a.name for a in real), annotations, incomplete=len(real) < len(pub.authors))
        cited = self.formatter.cite(entry)
        self.shown[id(pub)] = [real[i] for i in sorted(cited.shown)]
        notes: list[Inline] = [*pub.notes, *(strong(a, "award") for a in pub.awards)]
        nodes = cited.nodes
        if notes:
            nodes = merge((*nodes, Text(" ("), *join(notes, "; "), Text(")")))
        return nodes, cited.hrefs

    def item(self, pub: Publication, cv: CV, people: People, base: Item) -> Item:
        """``base`` (cvgen's citation-layout item for ``pub``) with the style's entry as its main line.

        Links the entry already shows (its DOI, its URL) are not repeated below it.
        """
        main, hrefs = self.main(pub, cv, people)
        return replace(base, main=main, links=tuple(x for x in base.links if x.href not in hrefs))

    def visible(self, pub: Publication) -> list[Author]:
        """The authors a reader sees in ``pub``'s entry (after :meth:`item`)."""
        return self.shown.get(id(pub), [])


def _bold(author: Author, people: People) -> str | None:
    if people.is_owner(author):
        return "owner"
    if people.is_member(author):
        return "member"
    return None
