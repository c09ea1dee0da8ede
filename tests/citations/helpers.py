"""Build publications and format them in a style, for the citation tests."""

from __future__ import annotations

from typing import Any

from cvgen.citations import AuthorNote, builtin_style
from cvgen.citations.formatter import CitationEntry, CitationFormatter
from cvgen.model.markup import Inline, plain
from cvgen.model.publications import Publication

_FORMATTERS: dict[tuple[str, str, int | None], CitationFormatter] = {}


def formatter(style: str, language: str = "en", max_authors: int | None = None) -> CitationFormatter:
    key = (style, language, max_authors)
    if key not in _FORMATTERS:
        _FORMATTERS[key] = CitationFormatter(builtin_style(style), language, max_authors)
    return _FORMATTERS[key]


def pub(**fields: Any) -> Publication:
    return Publication.model_validate(fields)


def cite(style: str, publication: Publication, notes: dict[int, AuthorNote] | None = None, **kw: Any) -> Inline:
    names = tuple(a.name for a in publication.authors)
    all_notes = tuple((notes or {}).get(i, AuthorNote()) for i in range(len(names)))
    return formatter(style, **kw).format(CitationEntry(publication, names, all_notes))


def text(style: str, publication: Publication, **kw: Any) -> str:
    return plain(cite(style, publication, **kw))
