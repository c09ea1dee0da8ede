"""RenderCV defects of issue 16, reproduced by tests/fixtures/interop/rendercv_svg/cv.yaml (written for
these tests, modelled on real RenderCV v2 CVs) and small inline files of the same shape."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import cvgen
from cvgen.cli import cli
from cvgen.interop.rendercv import import_rendercv, rejoin_split_names
from cvgen.interop.rendercv_design import colour
from cvgen.interop.rendercv_text import typst_to_markdown, unescape
from cvgen.loader import load_cv
from cvgen.model.markup import Strong, plain

SVG_CV = Path(__file__).resolve().parent.parent / "fixtures" / "interop" / "rendercv_svg" / "cv.yaml"


@pytest.fixture(scope="module")
def imported():
    return import_rendercv(SVG_CV.read_text(encoding="utf-8"), str(SVG_CV))


@pytest.mark.parametrize(("source", "expected"), [
    ("#strong[recent talks]", "**recent talks**"),
    ("see [#underline[my group page]](https://example.org/group)", "see [my group page](https://example.org/group)"),
    ('#link("https://example.org")[our lab] and #emph[fish]', "[our lab](https://example.org) and *fish*"),
    ("#text(fill: rgb(0,0,0))[#strong[bold] words]", "**bold** words"),
    ("left#h(1fr)right", "left right"),
    ("C# and page#section stay", "C# and page#section stay"),
])
def test_typst_markup_becomes_markdown(source, expected):
    assert typst_to_markdown(source)[0] == expected


def test_an_unknown_typst_function_keeps_its_text_and_is_named():
    text, unknown = typst_to_markdown("#rotate(45deg)[tilted]")
    assert text == "tilted" and unknown == {"rotate"}


@pytest.mark.parametrize(("source", "expected"), [
    ("Ben-David†\\*", "Ben-David†*"), ("snake\\_case", "snake_case"), ("Lo{\\\"i}c", "Lo{\\\"i}c"),
])
def test_markdown_escapes_of_markdown_syntax_are_resolved(source, expected):
    assert unescape(source) == expected


def test_no_backslash_reaches_any_format(tmp_path, imported):
    pub = imported.data["publications"][0]
    assert pub["authors"][:2] == ["Shai Ben-David†*", "John Blitzer*"]
    out = tmp_path / "cv.yaml"
    assert CliRunner().invoke(cli, ["import", "rendercv", str(SVG_CV), "-o", str(out)]).exit_code == 0
    for fmt in ("text", "html"):  # (Markdown output escapes its own * on purpose)
        assert "\\*" not in cvgen.render(out, fmt).decode(), fmt
    assert "Ben-David†\\*" not in cvgen.render(out, "markdown").decode()


def test_typst_markup_in_text_is_shown_as_formatting(imported):
    assert imported.data["summary"] == ("I study learning theory; see [my group page](https://example.org/group) "
                                        "and **recent talks**.")
    assert imported.data["positions"][0]["notes"] == ["Leads the *Theory of Learning* group"]


def test_publication_entries_become_numbered_publications_with_kinds(imported):
    kinds = [(p["title"], p["kind"]) for p in imported.data["publications"]]
    assert kinds == [("A Theory of Learning from Different Domains", "conference"),  # NeurIPS
                     ("Analysis of Representations for Domain Adaptation", "journal")]  # RenderCV's "journal:"


def test_several_publication_sections_keep_their_titles_as_groups(tmp_path):
    text = """cv:
  name: Ana Souza
  sections:
    Journal Articles:
      - title: Paper one
        authors: [Ana Souza, Rui Lima]
        journal: Ecology
        date: 2020-01
    Conference Papers:
      - title: Paper two
        authors: ['***Ana Souza***']
        journal: Proc. ICML
        date: 2021-07
      - title: Paper three
        authors: [Rui Lima, Ana Souza\\\\*]
        journal: AAAI
        date: 2022-02
    Preprints:
      - title: Paper four
        authors: [Ana Souza]
        journal: arXiv
        date: 2023-03
"""
    data = import_rendercv(text, "cv.yaml").data
    assert [p["kind"] for p in data["publications"]] == ["journal", "conference", "conference", "preprint"]
    groups = data["settings"]["publications"]
    assert groups["group_by"] == "topic"
    assert [t["title"] for t in groups["topics"]] == ["Journal Articles", "Conference Papers", "Preprints"]
    assert data["settings"]["sections"] == ["publications"]
    (tmp_path / "rcv.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "cv.yaml"
    assert CliRunner().invoke(cli, ["import", str(tmp_path / "rcv.yaml"), "-o", str(out)]).exit_code == 0
    from cvgen.view import ViewOptions, prepare

    section = next(s for s in prepare(load_cv(out), ViewOptions()).sections if s.key == "publications")
    assert [plain(g.title) for g in section.groups] == ["Journal Articles", "Conference Papers", "Preprints"]
    for group in section.groups:
        assert group.numbered
        for item in group.items:
            assert any(isinstance(n, Strong) and n.role == "owner" for n in item.main), plain(item.main)


def test_page_size_theme_colour_and_language_are_carried_over(imported):
    settings = imported.data["settings"]
    assert (settings["page_size"], settings["theme"], settings["accent_colour"]) == ("a4", "classic", "#004f90")
    assert any("design.page: top_margin" in w for w in imported.warnings)
    assert colour("rgb(0, 79, 144)") == "#004f90" and colour("rgb(0,0,0)") is None and colour("#ABC") == "#abc"


def test_locale_language_is_carried_over():
    data = import_rendercv("cv:\n  name: Ana\nlocale:\n  language: spanish\n", "cv.yaml").data
    assert data["settings"]["language"] == "es"


def test_the_pdf_is_a4(tmp_path):
    out = tmp_path / "cv.yaml"
    assert CliRunner().invoke(cli, ["import", "rendercv", str(SVG_CV), "-o", str(out)]).exit_code == 0
    import io

    from pypdf import PdfReader

    page = PdfReader(io.BytesIO(cvgen.render(out, "pdf"))).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)  # A4 in points


@pytest.mark.parametrize(("authors", "expected"), [
    (["Townend", "John", "Del Carmen Juarez-Garfias", "Ilma*", "and Miyake", "Hiroe"],
     ["Townend, John", "Del Carmen Juarez-Garfias, Ilma*", "Miyake, Hiroe"]),
    (["Shi", "Q.* and Denolle", "M."], ["Shi, Q.*", "Denolle, M."]),
    (["Denolle", "M."], ["Denolle, M."]),
    (["John Doe", "and Jane Roe"], None),
    (["Ana Souza", "Rui Lima", "Tom Berg", "Ana López"], None),
])
def test_author_lists_split_at_their_commas_are_rejoined(authors, expected):
    assert rejoin_split_names(authors) == expected
