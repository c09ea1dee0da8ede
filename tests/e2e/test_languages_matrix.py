"""Every language × every format × every engine: a small CV in each language, rendered and read back.

Marked slow. The default suite runs one language per script family (Latin with accents, Cyrillic,
Traditional Chinese, Hebrew right to left, Devanagari); ``CVGEN_LANGUAGE_MATRIX=all`` runs all 21::

    CVGEN_LANGUAGE_MATRIX=all .venv/bin/python -m pytest -m slow tests/e2e/test_languages_matrix.py
"""

from __future__ import annotations

import os
import re
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

import cvgen
from cvgen.backends.tex_compile import compile_tex
from cvgen.locale import available
from cvgen.locale.tables import read_table
from tests.conftest import require_program
from tests.e2e.language_support import assert_date_column, libreoffice_pdf, normal, pdf_text

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ALL = os.environ.get("CVGEN_LANGUAGE_MATRIX") == "all"
LANGUAGES = [lang for lang in available() if lang != "en"] if ALL else ["fr", "ru", "zh-Hant", "he", "hi"]
CV = """
person: {{name: Ada Muster}}
education:
  - {{degree: Ph.D., institution: Uni, end: 2016-03}}
positions:
  - {{title: Professor, organization: Uni, start: 2019-01, end: present}}
publications:
  - {{title: A Paper, authors: [Ada Muster, B. Other], venue: Journal, date: 2024, pages: 1-9}}
settings: {{language: {language}}}
"""


@pytest.fixture(scope="module", params=LANGUAGES)
def language(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def cv(language: str):
    return cvgen.load(CV.format(language=language))


def words_of(language: str) -> list[str]:
    table = read_table(language).strings
    return [table["sections.education"], table["sections.positions"], table["terms.present"]]


def seen(word: str, text: str) -> bool:
    """Is ``word`` on the page? Case and spaces aside (small capitals come back as "F ORMATION"), and
    in either order of letters (pdftotext gives right-to-left words reversed).

    Devanagari: pdftotext maps some conjunct glyphs back to the wrong letters (वर्तमान, drawn right,
    reads "व र्चमान"), so for Hindi the word's first letter must be on a page of Devanagari text;
    that the glyphs are drawn, not boxes, cvgen itself checks before writing a PDF.
    """
    text, word = _folded(text), _folded(word)
    if DEVANAGARI.search(word):
        return word[0] in text and len(DEVANAGARI.findall(text)) >= len(word)
    if ARABIC.search(word) and word not in text and word[::-1] not in text:
        # LuaTeX's PDFs give a heading with a lam-alef ligature back in pieces ("لت" + "تحصی ا"
        # for تحصیلات, drawn whole): then every letter of the word must be on the page.
        return set(word) <= set(text)
    return word in text or word[::-1] in text


DEVANAGARI = re.compile("[\u0900-\u097f]")
ARABIC = re.compile("[\u0600-\u06ff]")


def _folded(text: str) -> str:
    """Case, spaces and two extraction quirks aside: Turkish "İ" folds to "i" plus a dot (U+0307),
    and PDFs map the Arabic lam-alef ligature (لا) back to lam alone."""
    return "".join(text.casefold().split()).replace("\u0307", "").replace("لا", "ل")


@pytest.mark.parametrize("fmt", ["html", "markdown", "text", "latex"])
def test_text_formats(cv, language: str, fmt: str) -> None:
    text = normal(cvgen.render(cv, fmt).decode("utf-8"))
    if fmt == "latex":
        text = re.sub(r"\\cv[a-z]+\{|\\,|[{}]", "", text)
    assert all(seen(w, text) for w in words_of(language)), (language, fmt)


@pytest.mark.parametrize("fmt", ["pdf", "pdf-typst"])
def test_pdf_engines(cv, language: str, fmt: str) -> None:
    pdf = cvgen.render(cv, fmt)
    lang = PdfReader(BytesIO(pdf)).trailer["/Root"]["/Lang"]
    assert lang == language or (fmt == "pdf-typst" and lang == language.split("-")[0])  # Typst: language only
    assert all(seen(w, pdf_text(pdf)) for w in words_of(language)), (language, fmt)
    assert_date_column(pdf, "2019", ("Professor", "Uni"), read_table(language).direction == "rtl")


def test_word_through_libreoffice(cv, language: str, tmp_path: Path) -> None:
    docx = cvgen.render(cv, "docx")
    with zipfile.ZipFile(BytesIO(docx)) as z:
        assert f'="{language}"' in re.search(r"<w:rPrDefault>.*?</w:rPrDefault>", z.read("word/styles.xml").decode(),
                                             re.S).group(0)
    pdf = libreoffice_pdf(docx, tmp_path)
    assert all(seen(w, pdf_text(pdf)) for w in words_of(language)), language
    assert_date_column(pdf, "2019", ("Professor", "Uni"), read_table(language).direction == "rtl")


@pytest.mark.parametrize("engine", ["xelatex", "lualatex"])
def test_latex_engines(cv, language: str, engine: str) -> None:
    require_program(engine)
    pdf = compile_tex(cvgen.render(cv, "latex").decode("utf-8"), engine).pdf
    assert all(seen(w, pdf_text(pdf)) for w in words_of(language)), (language, engine)
    assert_date_column(pdf, "2019", ("Professor", "Uni"), read_table(language).direction == "rtl")
