"""Property tests: any valid CV renders in every format of every theme, shows all its text, injects nothing.

Each format's test is parametrized by theme (``tests.conftest.THEMES``: every built-in theme, so
a new folder in ``templates/`` is held to the same contract). Counts come from the environment:

* the default suite (``pytest``) runs a quick count with examples fixed per test (reproducible):
  ``CVGEN_PROPERTY_QUICK_EXAMPLES`` (default 25) for HTML and LaTeX source,
  ``CVGEN_PROPERTY_QUICK_HEAVY_EXAMPLES`` (default 4) for the PDFs and DOCX, and one compiled LaTeX;
* ``-m slow`` runs the full count, fresh examples each run, and goes deep with::

      CVGEN_PROPERTY_EXAMPLES=2000 .venv/bin/python -m pytest -m slow tests/property

  ``CVGEN_PROPERTY_EXAMPLES`` (default 200) drives HTML, Markdown, text and LaTeX source;
  ``CVGEN_PROPERTY_HEAVY_EXAMPLES`` (default 25, or a twentieth of the former) drives PDF, Typst and
  DOCX; ``CVGEN_PROPERTY_COMPILED_EXAMPLES`` (default a fifth of that) the compiled LaTeX;
  ``CVGEN_PROPERTY_COMPILE=1`` also compiles every LaTeX source example with xelatex.

Every PDF (WeasyPrint, Typst, xelatex) is also read with ``pdftotext -bbox``: long words must wrap,
so no word may lie outside the page.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import cvgen
from cvgen.backends.tex_escape import escape
from cvgen.model.cv import CV
from cvgen.model.markup import plain
from cvgen.themes import resolve_theme
from tests.conftest import THEMES, require_program
from tests.property.strategies import cvs
from tests.security._support import W, docx_xml, html_tree, markdown_html, missing, visible_text

EXAMPLES = int(os.environ.get("CVGEN_PROPERTY_EXAMPLES", "200"))
HEAVY = int(os.environ.get("CVGEN_PROPERTY_HEAVY_EXAMPLES", str(max(25, EXAMPLES // 20))))
COMPILED = int(os.environ.get("CVGEN_PROPERTY_COMPILED_EXAMPLES", str(max(3, HEAVY // 5))))
COMPILE = os.environ.get("CVGEN_PROPERTY_COMPILE") == "1"
QUICK = int(os.environ.get("CVGEN_PROPERTY_QUICK_EXAMPLES", "25"))
QUICK_HEAVY = int(os.environ.get("CVGEN_PROPERTY_QUICK_HEAVY_EXAMPLES", "4"))
COUNTS = {"light": (QUICK, EXAMPLES), "heavy": (QUICK_HEAVY, HEAVY), "compiled": (1, COMPILED)}
"""(default suite, ``-m slow``) example counts per kind of check."""


def deep(config: pytest.Config) -> bool:
    """True when the run selects the slow tests (``-m slow``): then the full counts apply."""
    expr = config.getoption("markexpr") or ""
    return "slow" in expr and "not slow" not in expr


def for_random_cvs(request: pytest.FixtureRequest, kind: str, check: Callable[[dict[str, Any]], None]) -> None:
    """Run ``check`` on random valid CVs, as many as :data:`COUNTS` gives ``kind`` for this run."""
    full = deep(request.config)
    count = COUNTS[kind][1 if full else 0]
    run = settings(max_examples=count, deadline=None, database=None, derandomize=not full,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])(given(cvs())(check))
    run()


def require_format(theme: str, fmt: str) -> None:
    """Skip a format the theme's manifest does not declare (a theme may leave LaTeX out, saying so)."""
    declared = resolve_theme(theme).manifest.formats
    if declared is not None and fmt not in declared:
        pytest.skip(f"theme {theme!r} declares no {fmt} layout")


def shown_texts(cv: CV) -> list[str]:
    """The visible text of every field the random CVs fill (plain text of the parsed markup)."""
    out = [cv.person.name]
    for a in cv.person.affiliations:
        out += [a.title, a.institution]
    for p in cv.publications:
        out += [plain(p.title), plain(p.venue)] + [a.name for a in p.authors]
    for h in cv.honors:
        out += [plain(h.title), plain(h.description)]
    for t in cv.talks:
        out += [plain(t.title), plain(t.event)]
    if cv.summary:
        out.append(plain(cv.summary))
    for section in cv.custom_sections:
        for e in section.entries:
            out += [plain(e.title)] + [plain(d) for d in e.details]
    return [t for t in out if t and t.strip()]


@functools.cache
def allowed_html_elements(theme: str) -> frozenset[str]:
    """Every element the theme uses (the reference example uses them all), plus inline markup."""
    from tests.conftest import EXAMPLE

    root = html_tree(cvgen.render(EXAMPLE, "html", theme=theme))
    return frozenset(el.tag for el in root.iter() if isinstance(el.tag, str)) | {"em", "strong", "a", "sup", "wbr"}


MARKDOWN_ELEMENTS = {"html", "head", "title", "body", "h1", "h2", "h3", "p", "ul", "ol", "li",
                     "strong", "em", "a", "sup", "br", "span"}


def check_html(html: bytes, theme: str) -> None:
    root = html_tree(html)  # strict HTML5: a parse error fails
    tags = {el.tag for el in root.iter() if isinstance(el.tag, str)}
    assert tags <= allowed_html_elements(theme), tags - allowed_html_elements(theme)
    for el in root.iter():
        assert not [a for a in el.attrib if a.lower().startswith("on")], (el.tag, el.attrib)
    assert [s.get("type") for s in root.iter("script")] == ["application/ld+json"]


def check_markdown(md: bytes) -> None:
    root = html_tree(markdown_html(md))
    tags = {el.tag for el in root.iter() if isinstance(el.tag, str)}
    assert tags <= MARKDOWN_ELEMENTS, tags - MARKDOWN_ELEMENTS
    for el in root.iter():
        assert set(el.attrib) <= {"href", "style", "title"}, (el.tag, el.attrib)


def assert_shown(fmt: str, data: bytes, cv: CV) -> None:
    text = visible_text(fmt, data, cv.person.name)
    assert missing(shown_texts(cv), text, squeezed=fmt == "pdf") == [], fmt


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
_WORD = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)</word>')


def words_off_the_page(pdf: bytes) -> list[tuple[int, str]]:
    """(page, word) for every word pdftotext places (partly) outside its page's media box."""
    exe = require_program("pdftotext")
    bbox = subprocess.run([exe, "-bbox", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True,
                          timeout=120).stdout.decode("utf-8", "replace")  # astral characters may come out as CESU-8
    off: list[tuple[int, str]] = []
    for number, page in enumerate(bbox.split("<page ")[1:], start=1):
        size = _PAGE.match("<page " + page)
        assert size, page[:200]
        width, height = float(size.group(1)), float(size.group(2))
        for x0, y0, x1, y1, word in _WORD.findall(page):
            if float(x0) < -0.5 or float(y0) < -0.5 or float(x1) > width + 0.5 or float(y1) > height + 0.5:
                off.append((number, word))
    return off


def assert_pdf_shows_everything_inside_the_page(pdf: bytes, cv: CV) -> None:
    assert_shown("pdf", pdf, cv)
    assert words_off_the_page(pdf) == []


@pytest.mark.slow
def test_markdown_and_text_show_everything_and_inject_nothing(request: pytest.FixtureRequest) -> None:
    """Markdown and plain text have no theme: checked once."""
    def check(data: dict[str, Any]) -> None:
        cv = cvgen.load(data)
        md, text = cvgen.render(cv, "markdown"), cvgen.render(cv, "text")
        check_markdown(md)
        assert_shown("markdown", md, cv)
        assert_shown("text", text, cv)

    for_random_cvs(request, "light", check)


@pytest.mark.slow
@pytest.mark.parametrize("theme", THEMES)
def test_html_shows_everything_and_injects_nothing(request: pytest.FixtureRequest, theme: str) -> None:
    require_format(theme, "html")

    def check(data: dict[str, Any]) -> None:
        cv = cvgen.load(data)
        html = cvgen.render(cv, "html", theme=theme)
        check_html(html, theme)
        assert_shown("html", html, cv)

    for_random_cvs(request, "light", check)


@pytest.mark.slow
@pytest.mark.parametrize("theme", THEMES)
def test_latex_source_holds_every_text_escaped(request: pytest.FixtureRequest, theme: str) -> None:
    require_format(theme, "latex")

    def check(data: dict[str, Any]) -> None:
        cv = cvgen.load(data)
        tex = cvgen.render(cv, "latex", theme=theme).decode("utf-8")
        body = tex[tex.index("\\begin{document}"):]
        for value in [cv.person.name] + [a.name for p in cv.publications for a in p.authors]:
            assert escape(value) in body, value
        if COMPILE:
            from cvgen.backends.tex_compile import compile_tex

            assert_pdf_shows_everything_inside_the_page(compile_tex(tex, "xelatex").pdf, cv)

    for_random_cvs(request, "light", check)


@pytest.mark.slow
@pytest.mark.parametrize("theme", THEMES)
def test_compiled_latex_shows_everything_inside_the_page(request: pytest.FixtureRequest, theme: str) -> None:
    require_format(theme, "latex")
    from cvgen.backends.tex_compile import compile_tex

    def check(data: dict[str, Any]) -> None:
        cv = cvgen.load(data)
        tex = cvgen.render(cv, "latex", theme=theme).decode("utf-8")
        assert_pdf_shows_everything_inside_the_page(compile_tex(tex, "xelatex").pdf, cv)

    for_random_cvs(request, "compiled", check)


@pytest.mark.slow
@pytest.mark.parametrize("theme", THEMES)
def test_pdf_shows_everything_inside_the_page(request: pytest.FixtureRequest, theme: str) -> None:
    require_format(theme, "pdf")

    def check(data: dict[str, Any]) -> None:
        cv = cvgen.load(data)
        assert_pdf_shows_everything_inside_the_page(cvgen.render(cv, "pdf", theme=theme), cv)

    for_random_cvs(request, "heavy", check)


_TYPST_LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"')
"""A Typst string literal's inside: only ``\\`` and ``"`` are special there (see cvgen.backends.typst_escape)."""


@pytest.mark.slow
@pytest.mark.parametrize("theme", THEMES)
def test_typst_pdf_holds_every_text_in_literals_and_shows_it_inside_the_page(
    request: pytest.FixtureRequest, theme: str
) -> None:
    """The Typst source carries each name as an escaped string literal (never markup), and the PDF shows all."""
    require_format(theme, "pdf-typst")
    from cvgen.backends.typst import render_source
    from cvgen.backends.typst_escape import escape_string
    from cvgen.view import prepare

    def check(data: dict[str, Any]) -> None:
        cv = cvgen.load(data)
        source, _ = render_source(prepare(cv), resolve_theme(theme))
        literals = _TYPST_LITERAL.findall(source)
        for value in [cv.person.name] + [a.name for p in cv.publications for a in p.authors]:
            assert any(escape_string(value) in literal for literal in literals), value
        assert_pdf_shows_everything_inside_the_page(cvgen.render(cv, "pdf-typst", theme=theme), cv)

    for_random_cvs(request, "heavy", check)


@pytest.mark.slow
@pytest.mark.parametrize("theme", THEMES)
def test_docx_shows_everything_without_field_codes(request: pytest.FixtureRequest, theme: str) -> None:
    require_format(theme, "docx")

    def check(data: dict[str, Any]) -> None:
        cv = cvgen.load(data)
        out = cvgen.render(cv, "docx", theme=theme)
        assert_shown("docx", out, cv)
        body = docx_xml(out)
        assert not [el for el in body.iter() if el.tag in (W + "instrText", W + "fldSimple", W + "fldChar")]

    for_random_cvs(request, "heavy", check)


def test_markup_inside_an_italic_venue_is_read_without_extra_spaces() -> None:
    """Found by the dedicated run: ``*0 0*:`` as a venue nests <em> in <em>; the text is still "0 0:"."""
    cv = cvgen.load({"person": {"name": "A A"}, "publications": [
        {"title": "0", "authors": ["A A"], "venue": "*0 0*:", "date": 1990}]})
    for fmt in ("html", "markdown", "text"):
        assert_shown(fmt, cvgen.render(cv, fmt), cv)
