"""What each backend writes for a CV's language besides its words: the footer's page words, the
LaTeX babel setup, Typst's direction, the Word defaults; English output is checked byte for byte by
scripts/render_snapshot.py, here only that none of it appears for an English CV."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

import pytest

import cvgen
from cvgen.backends.tex_language import BABEL_NAMES, tex_language
from cvgen.backends.typst import render_source
from cvgen.locale import available
from cvgen.locale.tables import read_table
from cvgen.themes import resolve_theme
from cvgen.view import prepare

GERMAN = """
person: {name: Ada Muster}
positions: [{title: Professorin, organization: Uni, start: 2021-01, end: present}]
settings:
  language: de
  strings: {footer.page: "Seite {page} von {pages}"}
"""


def test_the_footer_words_reach_every_paged_format() -> None:
    cv = cvgen.load(GERMAN)
    html = cvgen.render(cv, "html").decode()
    assert 'content: "Seite " counter(page) " von " counter(pages) "";' in html
    source, _ = render_source(prepare(cv), resolve_theme("classic"))
    assert '#counter(page).display((page, total) => [#"Seite ";#page#" von ";#total], both: true)' in source
    with zipfile.ZipFile(BytesIO(cvgen.render(cv, "docx"))) as z:
        footer = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/footer"))
    assert ">Seite </w:t>" in footer and "> von </w:t>" in footer


def test_the_pdf_footer_reads_in_german() -> None:
    from tests.e2e.language_support import pdf_text

    cv = cvgen.load(GERMAN)
    for fmt in ("pdf", "pdf-typst"):
        assert "Seite 1 von 1" in pdf_text(cvgen.render(cv, fmt)), fmt


def test_an_english_cv_gets_no_language_setup() -> None:
    cv = cvgen.load("person: {name: Ada}\npositions: [{title: P, organization: U, start: 2021}]\n")
    assert "babel" not in cvgen.render(cv, "latex").decode()
    assert " dir=" not in cvgen.render(cv, "html").decode()
    source, _ = render_source(prepare(cv), resolve_theme("classic"))
    assert "dir: ltr" not in source and "dir: rtl" not in source


def test_babel_setup_per_language() -> None:
    assert tex_language("en").preamble() == ""
    assert "\\babelprovide[import=de, main]{ngerman}" in tex_language("de-AT").preamble()
    arabic = tex_language("ar", "rtl").preamble()
    assert "bidi=basic" in arabic and "bidi=default" in arabic and "\\babelsublr" in arabic
    assert tex_language("zh-TW").babel == "chinese-traditional"
    assert tex_language("sw").preamble() == ""  # no table: TeX's defaults, no guessed babel name
    assert tex_language("ru").pdflatex_problem() and not tex_language("pl").pdflatex_problem()


SMALL = "person: {{name: Ada}}\npositions: [{{title: P, organization: U, start: 2021}}]\nsettings: {{language: {tag}}}\n"


@pytest.mark.parametrize("tag", [lang for lang in available() if lang != "en"])
def test_every_language_tag_reaches_html_markdown_word_and_latex(tag: str) -> None:
    """Each format that can say its language says it, for every table (PDFs: the slow matrix)."""
    cv = cvgen.load(SMALL.format(tag=tag))
    direction = read_table(tag).direction
    assert f'<html lang="{tag}" dir="{direction}">' in cvgen.render(cv, "html").decode()
    assert f'lang: "{tag}"' in cvgen.render(cv, "markdown").decode()
    with zipfile.ZipFile(BytesIO(cvgen.render(cv, "docx"))) as z:
        defaults = re.search(r"<w:rPrDefault>.*?</w:rPrDefault>", z.read("word/styles.xml").decode(), re.S).group(0)
    assert f'="{tag}"' in defaults
    assert f"\\babelprovide[import={tag}, main]{{{BABEL_NAMES[tag]}}}" in cvgen.render(cv, "latex").decode()
