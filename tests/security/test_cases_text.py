"""BAD_INPUTS 17-21: hostile text in every kind of text field comes out literally in every format.

One CV holds the same hostile string (TeX specials and commands, ``^^`` notation, HTML that would
inject an element, Markdown-like text) in every field a reader sees, each tagged ``F01``, ``F02``…
It is rendered once per format (the LaTeX source compiled once with xelatex) and every tagged
string must be read back from every output exactly as written, while nothing it contains became
markup: no element, attribute, field code or TeX command.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

import cvgen
from cvgen.backends.tex_compile import CompileResult, compile_tex
from cvgen.model.markup import parse_markup, plain
from tests.conftest import require_program
from tests.security._support import (
    HOSTILE,
    W,
    docx_text,
    docx_xml,
    every_field_cv,
    html_tree,
    markdown_html,
    missing,
    pdf_text,
    visible_text,
)
from tests.seed_facts import normalise

pytestmark = pytest.mark.e2e

FORMATS = ("pdf", "docx", "html", "markdown", "text", "latex")


@pytest.fixture(scope="module")
def hostile() -> dict:
    data, tags = every_field_cv(HOSTILE)
    cv = cvgen.load(data)
    return {"cv": cv, "tags": tags, "name": cv.person.name,
            "out": {fmt: cvgen.render(cv, fmt) for fmt in FORMATS}}


@pytest.fixture(scope="module")
def benign() -> dict:
    """The same CV with harmless text: the elements and styles a hostile CV may produce, no more."""
    data, _ = every_field_cv("plain words")
    cv = cvgen.load(data)
    return {fmt: cvgen.render(cv, fmt) for fmt in ("html", "markdown", "docx")}


@pytest.fixture(scope="module")
def compiled(hostile) -> CompileResult:
    require_program("xelatex")
    return compile_tex(hostile["out"]["latex"].decode("utf-8"), "xelatex")


def test_hostile_text_is_not_markup_in_the_model() -> None:
    """The visible text of the hostile string is the string itself: no emphasis, link or escape taken."""
    assert plain(parse_markup(HOSTILE)) == HOSTILE


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html", "markdown", "text"])
def test_every_field_is_shown_literally(hostile, fmt: str) -> None:
    text = visible_text(fmt, hostile["out"][fmt], hostile["name"])
    assert missing(hostile["tags"], text, squeezed=fmt == "pdf") == []
    # As written, but for the view's typographic quotes and dashes (normalise folds them, issue 21).
    name, shown = normalise(hostile["name"]), normalise(text)
    assert name in shown or fmt == "pdf" and re.sub(r"\s", "", name) in re.sub(r"\s", "", shown)
    # BAD_INPUTS 19: a blank line inside a heading or a note is a space, and nothing broke.
    assert "Heading with a blank line in the middle".casefold() in text.casefold()


def test_compiled_latex_shows_every_field_and_read_no_file(hostile, compiled: CompileResult) -> None:
    text = pdf_text(compiled.pdf, hostile["name"])
    assert missing(hostile["tags"], text, squeezed=True) == []
    assert "HEADING WITH A BLANK LINE IN THE MIDDLE" in text.upper()
    assert not re.search(r"^!", compiled.log, re.M), "a TeX error (e.g. Paragraph ended before…)"
    assert "Paragraph ended" not in compiled.log and "Runaway argument" not in compiled.log
    read = [line for line in compiled.recorder.splitlines() if line.startswith("INPUT ")]
    assert read and not [line for line in read if re.search(r"/etc/(hostname|passwd)|hostname$", line)]


def test_latex_source_holds_no_user_command(hostile) -> None:
    """Outside the template's own macros, user text never leaves a backslash, brace or ^^ live."""
    tex = hostile["out"]["latex"].decode("utf-8")
    for live in (r"\input{", r"\write18{", "^^5c", r"\def\x", r"\begin{input}", "<script>"):
        # "<script>" is harmless TeX, but it must come out as \textless{}script\textgreater{}
        assert live not in tex, live
    assert r"\textbackslash{}input\{/etc/hostname\}" in tex
    assert r"\textasciicircum{}\textasciicircum{}5cinput" in tex


def _elements(root) -> Counter:
    return Counter(el.tag for el in root.iter() if isinstance(el.tag, str))


def test_html_has_only_the_elements_of_a_harmless_cv(hostile, benign) -> None:
    root, plain_root = html_tree(hostile["out"]["html"]), html_tree(benign["html"])
    assert _elements(root) == _elements(plain_root)
    for el in root.iter():
        assert not [a for a in el.attrib if a.lower().startswith("on")], (el.tag, el.attrib)
    assert [s.get("type") for s in root.iter("script")] == ["application/ld+json"]
    assert all("alert" not in (s.text or "") for s in root.iter("style"))


def test_markdown_renders_to_the_elements_of_a_harmless_cv(hostile, benign) -> None:
    """CommonMark would pass raw HTML through: the Markdown output must have escaped every bit of it."""
    root = html_tree(markdown_html(hostile["out"]["markdown"]))
    plain_root = html_tree(markdown_html(benign["markdown"]))
    assert _elements(root) == _elements(plain_root)
    assert not list(root.iter("script")) and not list(root.iter("img")) and not list(root.iter("style"))


def test_docx_has_no_field_code_or_extra_hyperlink(hostile, benign) -> None:
    body = docx_xml(hostile["out"]["docx"])
    assert not [el for el in body.iter() if el.tag in (W + "instrText", W + "fldSimple", W + "fldChar")]
    links = [el for el in body.iter(W + "hyperlink")]
    assert len(links) == len(list(docx_xml(benign["docx"]).iter(W + "hyperlink")))
    # The tags count the same in the hostile and harmless documents: no paragraph was split or lost.
    assert docx_text(hostile["out"]["docx"]).count("\n") == docx_text(benign["docx"]).count("\n")


def test_plain_text_output_is_the_text_itself(hostile) -> None:
    text = hostile["out"]["text"].decode("utf-8")
    assert "&amp;" not in text and "&lt;" not in text and "\\&" not in text  # no escaping meant for another format
