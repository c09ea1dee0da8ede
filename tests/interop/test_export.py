"""BibTeX and CSL-JSON export, and the cvgen → BibTeX → cvgen round trip."""

from __future__ import annotations

import re

import pytest

from cvgen.interop.bibtex import import_bibtex
from cvgen.interop.export import to_bibtex, to_csl
from cvgen.loader import load
from cvgen.model.markup import plain
from tests.interop.conftest import SPEC_NAMES, reading_order


def _norm_pages(p):
    return re.sub(r"[-–—]+", "–", p) if p else p


def test_round_trip_keeps_titles_authors_roles_venues_years_pages_dois(example_cv):
    pubs, warnings = import_bibtex(to_bibtex(example_cv), "export.bib")
    assert warnings == []
    back = load({"person": {"name": example_cv.person.name}, "publications": pubs})
    assert len(back.publications) == len(example_cv.publications)
    for a, b in zip(example_cv.publications, back.publications, strict=True):
        assert plain(b.title) == plain(a.title)
        assert b.authors == a.authors  # names and student/equal/corresponding roles
        assert plain(b.venue) == plain(a.venue)
        assert (b.date, b.kind, b.doi, b.status) == (a.date, a.kind, a.doi, a.status)
        assert _norm_pages(b.pages) == _norm_pages(a.pages)
        assert [plain(n) for n in b.notes] == [plain(n) for n in a.notes]
        assert [plain(n) for n in b.awards] == [plain(n) for n in a.awards]
        assert (b.selected, b.topics) == (a.selected, a.topics)


def test_special_characters_escaped_and_read_back():
    title = "Costs & benefits: 50% of $x_1$ in C# {braces} ~tilde^ back\\slash — Köpfli"
    cv = load({"person": {"name": "A. Person"}, "publications": [
        {"title": title, "authors": ["A. Person", "IBM Research", "et al."], "venue": "J. Q&A", "date": "2020-05",
         "doi": "10.1000/x_y%z", "links": [{"label": "PDF", "url": "https://example.org/a_b%20c.pdf"}]}]})
    bib = to_bibtex(cv)
    assert "\\&" in bib and "\\%" in bib and "doi = {10.1000/x_y%z}" in bib
    assert "{IBM Research}" in bib and " and others" in bib
    pubs, _ = import_bibtex(bib)
    assert pubs[0]["title"] == title
    assert pubs[0]["authors"] == ["A. Person", "IBM Research", "et al."]
    assert pubs[0]["doi"] == "10.1000/x_y%z" and pubs[0]["date"] == "2020-05"
    assert pubs[0]["links"] == [{"label": "PDF", "url": "https://example.org/a_b%20c.pdf"}]


def _spec_cv():
    names = [reading_order(*parts) for _written, *parts in SPEC_NAMES]
    return load({"person": {"name": "A. Person"},
                 "publications": [{"title": "T", "authors": names, "venue": "J", "date": "2020"}]})


def test_names_with_von_and_jr_parts_survive_the_round_trip():
    cv = _spec_cv()
    pubs, warnings = import_bibtex(to_bibtex(cv))
    assert warnings == []
    assert pubs[0]["authors"] == [reading_order(*parts) for _written, *parts in SPEC_NAMES]


def _exported_names() -> list[str]:
    field = re.search(r"\bauthor = \{(.*)\},\n", to_bibtex(_spec_cv())).group(1)
    return field.split(" and ")


@pytest.mark.parametrize(("index", "parts"), [
    pytest.param(i, parts, id=written) for i, (written, *parts) in enumerate(SPEC_NAMES)])
def test_exported_names_split_into_the_right_bibtex_parts(index: int, parts: list[str]) -> None:
    """Any BibTeX reader (styles abbreviate First and sort by von Last) must see the parts the name had."""
    from bibtexparser.middlewares.names import parse_single_name_into_parts

    split = parse_single_name_into_parts(_exported_names()[index])
    assert [" ".join(split.first), " ".join(split.von), " ".join(split.last), " ".join(split.jr)] == parts


def test_roles_written_as_biblatex_annotations(example_cv):
    bib = to_bibtex(example_cv)
    assert "author+an = {1=student,equal; 2=student,equal; 4=student; 5=student; 6=student; 8=highlight}" in bib


def test_csl_json_items(example_cv):
    items = to_csl(example_cv)
    assert len(items) == len(example_cv.publications)
    first, pub = items[0], example_cv.publications[0]
    assert first["type"] == "paper-conference" and first["title"] == plain(pub.title)
    assert first["author"][0] == {"family": "Zhang", "given": "Y."}
    assert first["issued"] == {"date-parts": [[pub.date.year]]}
    assert first["custom"]["author_roles"]["1"] == ["student", "equal"]
    assert first["custom"]["owner_positions"] == [len(pub.authors)]
    assert len({i["id"] for i in items}) == len(items)
