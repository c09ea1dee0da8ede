"""Every theme renders the seed example and a 40-publication CV in every format it declares, read back.

The theme contract of issue 22, run against every built-in theme (``tests.conftest.THEMES``), so a
new folder in ``templates/`` is held to it without editing this file. Each output is read the way a
reader gets it: pdftotext for the WeasyPrint and Typst PDFs and for the LaTeX source compiled by
xelatex, python-docx for Word, a strict HTML5 parser for HTML, Markdown turned into HTML, text as
is. The seed example must show every fact of the seed CV (tests/seed_facts.py, transcribed from
tests/fixtures/seeds/); the 40-publication CV (bench/generate.py's generator, seed 22) every one of
its publication titles and the owner's name, which come from the generator, not from cvgen.

Each (theme, format, CV) is rendered once per module, so a theme costs one render per format per CV.
"""

from __future__ import annotations

import functools
import io
import re
import subprocess

import pytest

import cvgen
from bench.generate import make_data, to_cvgen
from cvgen.themes import resolve_theme
from tests.conftest import EXAMPLE, THEMES, require_program
from tests.security._support import html_text, markdown_text, pdf_text
from tests.seed_facts import seed_problems

pytestmark = pytest.mark.e2e

ALL_FORMATS = ("html", "pdf", "pdf-typst", "docx", "latex", "markdown", "text")
"""What a theme without a declared ``formats`` list is asked for (every layout format cvgen has)."""
SEED = 22
LONG_CV = to_cvgen(make_data(pubs=40, seed=SEED))


def declared_formats(theme: str) -> tuple[str, ...]:
    return resolve_theme(theme).manifest.formats or ALL_FORMATS


CASES = [(theme, fmt) for theme in THEMES for fmt in declared_formats(theme)]


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_reading(data: bytes) -> str:
    """Every paragraph's text as python-docx opens the file (headers, body, tables), tabs and breaks
    as spaces, Word's non-breaking hyphen as "-"."""
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [*(s.header._element for s in document.sections), document.element.body]
    shown = {W + "tab": " ", W + "br": " ", W + "noBreakHyphen": "-"}
    lines = []
    for part in parts:
        for p in part.iter(W + "p"):
            lines.append("".join(el.text or "" if el.tag == W + "t" else shown.get(el.tag, "") for el in p.iter()))
    return "\n".join(lines)


def pdf_reading(pdf: bytes, footer_name: str | None) -> str:
    """pdftotext's reading order (-raw); a line ending in a hyphen joins the next without a space
    (themes never hyphenate, so the hyphen is the text's own: "Black-" + "Box"). With ``footer_name``
    the running footers ("Name  2 / 3") are left out, so a title split by a page break reads whole."""
    if footer_name is None:
        exe = require_program("pdftotext")
        text = subprocess.run([exe, "-enc", "UTF-8", "-raw", "-", "-"], input=pdf, capture_output=True, check=True,
                              timeout=120).stdout.decode("utf-8")
    else:
        text = pdf_text(pdf, footer_name)
    return re.sub(r"-\n", "-", text)


def reading(fmt: str, data: bytes, footer_name: str | None) -> str:
    """What a reader of the output sees, as text."""
    if fmt == "latex":
        from cvgen.backends.tex_compile import compile_tex

        return pdf_reading(compile_tex(data.decode("utf-8"), "xelatex").pdf, footer_name)
    if fmt in ("pdf", "pdf-typst"):
        return pdf_reading(data, footer_name)
    readers = {"docx": docx_reading, "html": html_text, "markdown": markdown_text}
    return readers[fmt](data) if fmt in readers else data.decode("utf-8")


@functools.cache
def rendered_text(theme: str, fmt: str, which: str) -> str:
    """The seed example's text with everything on the page (its facts include dates like "02/2024",
    which a footer filter would take for "page 2 of 2024"); the long CV's without running footers."""
    if which == "seed":
        return reading(fmt, cvgen.render(EXAMPLE, fmt, theme=theme), None)
    return reading(fmt, cvgen.render(LONG_CV, fmt, theme=theme), LONG_CV["person"]["name"])


def squeezed(text: str) -> str:
    """No whitespace and plain hyphens/quotes: a PDF may break a line after "Data-" or inside a title."""
    from tests.seed_facts import normalise

    return re.sub(r"\s+", "", normalise(text))


@pytest.mark.parametrize(("theme", "fmt"), CASES)
def test_the_seed_example_shows_every_fact(theme: str, fmt: str) -> None:
    problems = seed_problems(rendered_text(theme, fmt, "seed"))
    if fmt == "docx":  # P5… and T1… are Word list numbers, not text: tests/backends/test_docx.py reads them
        problems = [p for p in problems if not p.startswith("labels out of order")]
    assert problems == [], (theme, fmt)


@pytest.mark.parametrize(("theme", "fmt"), CASES)
def test_a_40_publication_cv_shows_the_owner_and_every_title(theme: str, fmt: str) -> None:
    titles = [p["title"] for p in LONG_CV["publications"]]
    assert len(titles) == 40 and len(set(titles)) == 40
    hay = squeezed(rendered_text(theme, fmt, "long"))
    owner = LONG_CV["person"]["name"]
    assert squeezed(owner) in hay, (theme, fmt, owner)
    assert [t for t in titles if squeezed(t) not in hay] == [], (theme, fmt)
