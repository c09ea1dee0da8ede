"""BibTeX import: LaTeX decoding, names, markers, misplaced DOIs, broken entries, the real files."""

from __future__ import annotations

import functools
import re

import pytest

from cvgen.interop.bibtex import guess_owner, import_bibtex, import_bibtex_file, skeleton
from cvgen.interop.yaml_out import dump_yaml
from cvgen.loader import load_text
from cvgen.model.markup import plain
from cvgen.view import prepare
from tests.interop.conftest import FIXTURES, SPEC_NAMES, reading_order, real, unlicensed
from tests.typo import folded


@pytest.fixture(scope="module")
def messy():
    return import_bibtex_file(FIXTURES / "messy.bib")


def by_key(result, key):
    return next(p for p in result.data if p["key"] == key)


def test_returns_publications_and_warnings(messy):
    pubs, warnings = messy
    assert len(pubs) == 7 and all(isinstance(w, str) for w in warnings)


def test_latex_accents_braces_and_specials_decoded(messy):
    pub = by_key(messy, "kopfli2021")
    assert pub["title"] == "Ambient Noise at Köpfli's station: 50% more & less"
    assert pub["authors"][:3] == ["Manuela Köpfli", "Michal Rolínek", "Joahannes B D da Costa"]


def test_organisation_kept_whole_and_others_becomes_et_al(messy):
    authors = by_key(messy, "kopfli2021")["authors"]
    assert "IBM Research" in authors
    assert authors[-1] == "et al."


def test_string_macro_month_pages_doi_url(messy):
    pub = by_key(messy, "kopfli2021")
    assert pub["venue"] == "Geophysical Journal International"
    assert pub["date"] == "2021-02"
    assert (pub["volume"], pub["issue"], pub["pages"]) == ("12", "3", "100–110")
    assert pub["doi"] == "10.1093/gji/ggab001"


def test_markers_annotations_and_highlighting(messy):
    pub = by_key(messy, "marks2020")
    # *Pang (leading star) + author+an student; Paulus* + author+an corresponding; $^{\dagger}$ → †
    assert pub["authors"] == ["Ce Pang†*", "Anselm Paulus*✉", "Sijia Liu†", "S. Liu", "Y. Zhang"]
    assert {"Liu, Sijia", "S. Liu", "Y. Zhang"} <= set(messy.highlighted)
    assert any("author marks †" in w for w in messy.warnings)


def test_alfolio_fields(messy):
    pub = by_key(messy, "marks2020")
    assert pub["venue_short"] == "NeurIPS" and pub["selected"] is True and pub["kind"] == "conference"
    assert [(lnk["label"], lnk["url"]) for lnk in pub["links"]] == [
        ("PDF", "https://example.org/paper.pdf"),
        ("Code", "https://github.com/example/code"),
        ("Slides", "https://example.org/slides.pdf"),
    ]
    assert any("thesis2016" in w and "'thesis.pdf' is not a web address" in w for w in messy.warnings)


def test_doi_in_wrong_field_moved_with_warning(messy):
    pub = by_key(messy, "misplaced2018")
    assert pub["doi"] == "10.1016/j.coldregions.2018.02.006" and pub["date"] == "2018"
    assert any(":29: misplaced2018: the DOI was written in the month field" in w for w in messy.warnings)
    assert pub["links"] == [{"label": "URL", "url": "https://example.org/landing"}]


def test_kinds(messy):
    kinds = {p["key"]: p["kind"] for p in messy.data}
    assert kinds["kopfli2021"] == "journal" and kinds["preprint2023"] == "preprint" and kinds["thesis2016"] == "thesis"


def test_broken_entries_reported_with_line_and_still_imported(messy):
    assert by_key(messy, "broken2019")["date"] == "2019"
    assert any(w.endswith("messy.bib:53: broken2019: broken entry (field year given twice); imported with the first value")
               for w in messy.warnings)
    stray = by_key(messy, "stray2018")
    assert stray["status"] == "under-review"
    assert any(":61: a stray '@'" in w for w in messy.warnings)
    assert any(":1: text outside any entry skipped: '--- layout: none ---'" in w for w in messy.warnings)


@pytest.mark.parametrize(("written", "first", "von", "last", "jr"), SPEC_NAMES)
def test_names_with_von_and_jr_parts_in_reading_order(written, first, von, last, jr):
    pubs, warnings = import_bibtex(f"@article{{a, title={{T}}, journal={{J}}, year=2020, author={{{written} and A. B}}}}")
    assert warnings == []
    assert pubs[0]["authors"] == [reading_order(first, von, last, jr), "A. B"]


def test_month_macro_and_string_with_numbers():
    pubs, _ = import_bibtex("@article{a, title={T}, author={A. B}, journal={J}, year=2020, month=sep, day={5}}")
    assert pubs[0]["date"] == "2020-09-05"


def test_noop_year_and_duplicate_keys():
    text = r"""@preamble{ " \newcommand{\noop}[1]{} " }
@article{x, title={T}, author={A. B}, journal={J}, year={\noop{2025}in review}}
@article{x, title={U}, author={A. B}, journal={J}, year={2020}}"""
    pubs, warnings = import_bibtex(text, "f.bib")
    assert [(p["key"], p["date"], p.get("status")) for p in pubs] == [("x", "2025", "under-review"), ("x-2", "2020", None)]
    assert any("the key 'x' is used twice" in w for w in warnings)
    assert any("@preamble skipped" in w for w in warnings)


def test_imported_text_shows_literally():
    """Imported titles never turn into markup: what the .bib says is what the CV shows."""
    pubs, _ = import_bibtex(r"@article{x, title={2*3*4 and snake_case_name}, author={A. B}, journal={J}, year=2020}")
    cv = load_text(dump_yaml(skeleton(pubs, "A. B")))
    assert plain(cv.publications[0].title) == "2*3*4 and snake_case_name"


def test_owner_guess_prefers_fullest_spelling(messy):
    name, _ = guess_owner(messy.data, messy.highlighted)
    assert name == "Sijia Liu"


REAL_FILES = ["amos-all.bib", "dacosta-papers.bib", "denolle-pub.bib", "lealtaixe-mypubs.bib"]
UNLICENSED_FILES = ["edwards-mypubs.bib", "marshall-mypubs.bib"]  # not redistributable: see tests/fixtures/README.md


def bib_path(name: str):
    return real("bib", name) if name in REAL_FILES else unlicensed("bib", name)


@functools.cache
def imported(name: str):
    """Each real file is imported once per test run."""
    return import_bibtex_file(bib_path(name))
_ENTRY = re.compile(r"^\s*@+(?!string\b|preamble\b|comment\b)[A-Za-z]+\s*\{", re.I | re.M)


@pytest.mark.parametrize("name", REAL_FILES + [pytest.param(n, marks=pytest.mark.unlicensed) for n in UNLICENSED_FILES])
def test_real_files_import_every_entry_and_validate(name):
    path = bib_path(name)
    result = imported(name)
    expected = len(_ENTRY.findall(path.read_text(encoding="utf-8", errors="replace")))
    assert expected >= 30
    assert len(result.data) == result.entries == expected
    owner, variants = guess_owner(result.data, result.highlighted)
    cv = load_text(dump_yaml(skeleton(result.data, owner, variants)), name)
    doc = prepare(cv)
    items = [item for s in doc.sections for item in s.items]
    assert len(items) == expected
    # The owner is recognised in every entry (no hand-made highlighting needed).
    assert all("owner" in repr(item.main) for item in items)
    text = folded("\n".join(plain(item.main) for item in items))
    for pub in cv.publications:
        assert folded(plain(pub.title)) in text


def test_real_file_oddities():
    amos = imported("amos-all.bib")
    assert any(":907: a stray '@'" in w for w in amos.warnings)
    assert sum("broken entry" in w for w in amos.warnings) == 3
    paulus = next(p for p in amos.data if p["key"] == "paulus2021comboptnet")
    assert "Michal Rolínek" in paulus["authors"] and "Vít Musil" in paulus["authors"]
    denolle = imported("denolle-pub.bib")
    assert any("doi 'XX' is not a DOI" in w for w in denolle.warnings)
    gaete = next(p for p in denolle.data if p["key"] == "Gaete26")
    assert gaete["status"] == "under-review" and gaete["venue"] == "Seismica"
    dacosta = imported("dacosta-papers.bib")
    assert any(p["authors"][0] == "Joahannes B D da Costa" for p in dacosta.data)
    leal = imported("lealtaixe-mypubs.bib")
    assert all("<strong>" not in a and "\\bf" not in a for p in leal.data for a in p["authors"])


@pytest.mark.unlicensed
def test_unlicensed_real_file_oddities():
    marshall = imported("marshall-mypubs.bib")
    assert sum("DOI was written in the" in w for w in marshall.warnings) >= 8
    assert guess_owner(marshall.data, marshall.highlighted)[0] == "Hans Peter Marshall"
    edwards = imported("edwards-mypubs.bib")
    assert any(a == "et al." for p in edwards.data for a in p["authors"])
