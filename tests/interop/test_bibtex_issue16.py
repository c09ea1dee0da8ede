"""BibTeX defects of issue 16, each reproduced by an entry of tests/fixtures/interop/issue16.bib.

The fixture imitates real exports: a NASA ADS entry (``{\\ensuremath{\\sim}}``, ``\\apjl``), al-folio
entries typing NeurIPS and CVPR papers as ``@article``, a Zotero export holding U+FFFD, the owner
written with U+2010 and U+2011 hyphens, a handle.net address in ``doi`` and a key without its comma.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cvgen.cli import cli
from cvgen.interop.bibtex import import_bibtex, import_bibtex_file
from cvgen.loader import load_cv
from cvgen.model.markup import Strong, plain
from cvgen.model.people import NameMatcher
from cvgen.view import ViewOptions, prepare

BIB = Path(__file__).resolve().parent.parent / "fixtures" / "interop" / "issue16.bib"


@pytest.fixture(scope="module")
def result():
    return import_bibtex_file(BIB)


def by_key(result, key):
    return next(p for p in result.data if p["key"] == key)


@pytest.mark.parametrize("written", ["Marta Quiñones‐Ruiz", "M. Quiñones‑Ruiz", "Quiñones–Ruiz, Marta",
                                     "Quiñones−Ruiz, M.", "Marta Quiñones-Ruiz"])
def test_every_unicode_hyphen_matches_the_owner(written):
    # U+2010 HYPHEN, U+2011 NON-BREAKING HYPHEN, U+2013 EN DASH (ADS's {\textendash}), U+2212 MINUS
    assert NameMatcher(["Marta Quiñones-Ruiz"]).matches(written)


def test_the_owner_is_bold_in_every_entry_however_the_hyphen_is_written(tmp_path):
    out = tmp_path / "cv.yaml"
    result = CliRunner().invoke(cli, ["import", "bibtex", str(BIB), "--owner", "Marta Quiñones-Ruiz", "-o", str(out)])
    assert result.exit_code == 0, result.output
    items = [i for s in prepare(load_cv(out), ViewOptions()).sections if s.key == "publications" for i in s.items]
    assert len(items) == 7

    def owner(node):
        if isinstance(node, Strong) and node.role == "owner":
            yield plain(node.children)
        for child in getattr(node, "children", ()) or ():
            yield from owner(child)

    for item in items:
        assert [n for node in item.main for n in owner(node)], plain(item.main)


def test_conference_papers_typed_article_are_conference_papers(result):
    neurips = by_key(result, "quinones2023neurips")
    cvpr = by_key(result, "berg2024cvpr")
    assert neurips["kind"] == "conference" and cvpr["kind"] == "conference"
    assert by_key(result, "lopez2021")["kind"] == "journal"  # Oikos stays a journal
    # the venue already names NeurIPS: no second "(NeurIPS)" after it
    assert neurips["venue"] == "Neural Information Processing Systems (NeurIPS)" and "venue_short" not in neurips
    assert cvpr["venue_short"] == "CVPR"


def test_the_venue_is_not_said_twice_on_the_page():
    data = {"person": {"name": "Marta Quiñones-Ruiz"}, "publications": [by_key(import_bibtex_file(BIB),
                                                                               "quinones2023neurips")]}
    import cvgen

    text = cvgen.render(data, "text").decode()
    assert text.count("NeurIPS") == 1, text


def test_ads_titles_and_journal_macros_decode(result):
    ads = by_key(result, "2019ApJ...881L..12Q")
    assert ads["title"] == "A ∼1 GHz survey of pulsars — the first catalogue"
    assert ads["venue"] == "ApJL"  # AASTeX's \apjl, which would otherwise vanish
    assert {"label": "ADS", "url": "https://ui.adsabs.harvard.edu/abs/2019ApJ...881L..12Q"} in ads["links"]


def test_a_handle_address_in_doi_is_kept_as_a_link(result):
    thesis = by_key(result, "quinones2019thesis")
    assert "doi" not in thesis
    assert thesis["links"] == [{"label": "Handle", "url": "http://hdl.handle.net/10481/55555"}]
    assert any("hdl.handle.net" in w and "kept as a link" in w for w in result.warnings)


def test_a_replacement_character_is_kept_and_named_with_its_line(result):
    assert "\ufffd" in by_key(result, "quinones2020andes")["title"]
    lines = BIB.read_text(encoding="utf-8").splitlines()
    warning = next(w for w in result.warnings if "U+FFFD" in w)
    line = int(warning.split(":")[1])
    assert "\ufffd" in lines[line - 1] and "quinones2020andes" in warning


def test_a_key_without_its_comma_is_read_and_said(result):
    workshop = by_key(result, "berg2022workshop")
    assert workshop["title"] == "A broken entry: the comma after its key is missing"
    assert workshop["kind"] == "workshop"
    assert any(w.startswith(f"{BIB}:56: berg2022workshop: no comma after the key") for w in result.warnings)
    assert result.entries == len(result.data) == 7


def test_an_unreadable_entry_is_counted_and_its_reason_is_not_empty():
    text = "@article{a, title={One}, author={Doe, J.}, year={2020}}\n\n@article{b, title={Two, author={Doe, J.}, year=2021}\n"
    result = import_bibtex(text, "refs.bib")
    assert result.entries == 2 and len(result.data) == 1  # the summary says "1 publications of 2 entries"
    skipped = next(w for w in result.warnings if "cannot read this block" in w)
    assert "()" not in skipped and skipped.startswith("refs.bib:3:")


def test_jekyll_front_matter_is_no_warning():
    result = import_bibtex("---\n---\n\n@article{a, title={T}, author={Doe, J.}, year={2020}}\n", "papers.bib")
    assert result.warnings == [] and len(result.data) == 1


def test_a_remark_written_as_an_author_becomes_a_note():
    """AB-Ares/website's papers.bib writes ``{[Dual first authorship]}`` in the author list."""
    text = ("@article{b, title={Mercury's crust}, author={Broquet, A. and Rolser, F. and {[Dual first authorship]} "
            "and Plesa, A.-C.}, journal={Icarus}, year={2024}}")
    pub = import_bibtex(text, "papers.bib").data[0]
    assert pub["authors"] == ["A. Broquet", "F. Rolser", "A.-C. Plesa"]
    assert pub["notes"] == ["Dual first authorship"]
