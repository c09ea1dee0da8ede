"""Property tests: any valid CV renders in every format, all its text is shown, and nothing is injected.

Counts come from the environment so the default suite stays quick and a dedicated run goes deep::

    CVGEN_PROPERTY_EXAMPLES=2000 .venv/bin/python -m pytest -m slow tests/property

``CVGEN_PROPERTY_EXAMPLES`` (default 200) drives HTML, Markdown, text and LaTeX source;
``CVGEN_PROPERTY_HEAVY_EXAMPLES`` (default 25, or a twentieth of the former) drives PDF and DOCX;
``CVGEN_PROPERTY_COMPILE=1`` also compiles each LaTeX example with xelatex.
"""

from __future__ import annotations

import functools
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import cvgen
from cvgen.backends.tex_escape import escape
from cvgen.model.cv import CV
from cvgen.model.markup import plain
from tests.property.strategies import cvs
from tests.security._support import W, docx_xml, html_tree, markdown_html, missing, visible_text

EXAMPLES = int(os.environ.get("CVGEN_PROPERTY_EXAMPLES", "200"))
HEAVY = int(os.environ.get("CVGEN_PROPERTY_HEAVY_EXAMPLES", str(max(25, EXAMPLES // 20))))
COMPILE = os.environ.get("CVGEN_PROPERTY_COMPILE") == "1"




def _settings(count: int) -> settings:
    return settings(max_examples=count, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


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


@functools.lru_cache(maxsize=1)
def allowed_html_elements() -> frozenset[str]:
    """Every element the themes use (the reference example uses them all), plus inline markup."""
    from tests.conftest import EXAMPLE

    root = html_tree(cvgen.render(EXAMPLE, "html"))
    return frozenset(el.tag for el in root.iter() if isinstance(el.tag, str)) | {"em", "strong", "a", "sup"}


MARKDOWN_ELEMENTS = {"html", "head", "title", "body", "h1", "h2", "h3", "p", "ul", "ol", "li",
                     "strong", "em", "a", "sup", "br", "span"}


def check_html(html: bytes) -> None:
    root = html_tree(html)  # strict HTML5: a parse error fails
    tags = {el.tag for el in root.iter() if isinstance(el.tag, str)}
    assert tags <= allowed_html_elements(), tags - allowed_html_elements()
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


@pytest.mark.slow
@given(cvs())
@_settings(EXAMPLES)
def test_html_markdown_and_text_show_everything_and_inject_nothing(data: dict[str, Any]) -> None:
    cv = cvgen.load(data)
    html, md, text = (cvgen.render(cv, fmt) for fmt in ("html", "markdown", "text"))
    check_html(html)
    check_markdown(md)
    for fmt, out in (("html", html), ("markdown", md), ("text", text)):
        assert_shown(fmt, out, cv)


@pytest.mark.slow
@given(cvs())
@_settings(EXAMPLES)
def test_latex_source_holds_every_text_escaped(data: dict[str, Any]) -> None:
    cv = cvgen.load(data)
    tex = cvgen.render(cv, "latex").decode("utf-8")
    body = tex[tex.index("\\begin{document}"):]
    for value in [cv.person.name] + [a.name for p in cv.publications for a in p.authors]:
        assert escape(value) in body, value
    if COMPILE:
        from cvgen.backends.tex_compile import compile_tex

        result = compile_tex(tex, "xelatex")
        assert_shown("pdf", result.pdf, cv)


@pytest.mark.slow
@given(cvs())
@_settings(HEAVY)
def test_docx_shows_everything_without_field_codes(data: dict[str, Any]) -> None:
    cv = cvgen.load(data)
    out = cvgen.render(cv, "docx")
    assert_shown("docx", out, cv)
    body = docx_xml(out)
    assert not [el for el in body.iter() if el.tag in (W + "instrText", W + "fldSimple", W + "fldChar")]


@pytest.mark.slow
@given(cvs())
@_settings(HEAVY)
def test_pdf_shows_everything(data: dict[str, Any]) -> None:
    cv = cvgen.load(data)
    assert_shown("pdf", cvgen.render(cv, "pdf"), cv)


def test_markup_inside_an_italic_venue_is_read_without_extra_spaces() -> None:
    """Found by the dedicated run: ``*0 0*:`` as a venue nests <em> in <em>; the text is still "0 0:"."""
    cv = cvgen.load({"person": {"name": "A A"}, "publications": [
        {"title": "0", "authors": ["A A"], "venue": "*0 0*:", "date": 1990}]})
    for fmt in ("html", "markdown", "text"):
        assert_shown(fmt, cvgen.render(cv, fmt), cv)
