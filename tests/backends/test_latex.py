"""The LaTeX backend without a TeX engine: the .tex it writes, its escaping and its engine checks.

Compiling is tested for real in tests/e2e/test_latex_e2e.py.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

import cvgen
from cvgen.backends import registry
from cvgen.backends.base import RenderOptions
from cvgen.backends.latex import LatexBackend
from cvgen.backends.tex_compile import log_error, pdflatex_unsupported
from cvgen.backends.tex_escape import SAFE_MACROS
from cvgen.errors import RenderError
from cvgen.themes import resolve_theme
from cvgen.view import prepare
from tests.conftest import THEMES, require_program
from tests.seed_facts import PUBLICATION_LABELS

SPECIAL = "& % $ # _ { } ~ ^ \\ < > | \" ' -- --- ``` ,, << >> !` ?`"
COMMANDS = [r"\input{/etc/hostname}", r"\write18{id}", "^^5cinput^^7b/etc/hostname^^7d", r"\def\x{\x}\x", r"\begin{input}"]
HTML = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "</style>"]
MARKDOWNISH = ["C++ and C#", "*nix", "snake_case_name", "2*3*4"]
URL = "https://example.org/a_b%20c/~user?x=1&y=<2>;z#frag_1"
DOI = "10.1000/abc_def%23(x)<y>;z~1&2"
LONG_WORD = "ACGT" * 125  # BAD_INPUTS 37: a 500-character word must wrap, not run off the page
NAMES = ["刘思佳", "山田 太郎", "김민준", "Nguyễn Văn An", "Αλέξανδρος Παπαδόπουλος"]


def hostile_cv() -> dict:
    """A CV whose every kind of text holds BAD_INPUTS cases 17-21 and 24, and non-Latin names."""
    return {
        "person": {
            "name": NAMES[0],
            "name_variants": ["S. Liu"],
            "affiliations": [{"title": "Professor of " + COMMANDS[0], "department": SPECIAL,
                              "institution": "Université " + COMMANDS[3]}],
            "emails": ["a_b%c@example.org"],
            "links": [{"label": "Home " + COMMANDS[1], "url": URL}],
        },
        "education": [{"degree": "Ph.D. " + COMMANDS[2], "institution": "Institut " + SPECIAL, "end": "2016-03",
                       "distinctions": [COMMANDS[4]], "advisors": [NAMES[1], NAMES[3]]}],
        "positions": [{"title": "Title with a blank line\n\nin the middle", "organization": HTML[0],
                       "start": "2020-01", "end": "present", "notes": [HTML[1] + " " + HTML[2], "gene " + LONG_WORD]}],
        "honors": [{"title": MARKDOWNISH[0] + " award", "date": 2021, "description": " ".join(MARKDOWNISH[1:])}],
        "publications": [
            {"title": "Escapes: " + SPECIAL, "authors": ["S. Liu", NAMES[2], NAMES[4]], "venue": "Venue " + COMMANDS[0],
             "date": 2024, "doi": DOI, "url": URL, "notes": [COMMANDS[1] + " " + COMMANDS[2]],
             "links": [{"label": "Code " + SPECIAL, "url": URL}]},
            {"title": "Commands: " + " ".join(COMMANDS), "authors": ["S. Liu", NAMES[0], NAMES[3]],
             "venue": "Proc. of " + " ".join(HTML), "date": 2023, "notes": ["see [the page](" + URL + ")"]},
        ],
        "talks": [{"title": "Talk " + SPECIAL, "event": "Workshop " + COMMANDS[3], "date": "2022-05", "url": URL}],
    }


def render_tex(doc, theme: str = "classic", options: RenderOptions | None = None) -> str:
    return LatexBackend().render(doc, resolve_theme(theme), options or RenderOptions())


def body(tex: str) -> str:
    return tex[tex.index(r"\begin{document}") + len(r"\begin{document}") : tex.index(r"\end{document}")]


def brace_depths_ok(tex: str) -> bool:
    """Braces balance, and no blank line (a paragraph end) falls inside a macro argument."""
    depth, i = 0, 0
    while i < len(tex):
        if tex[i] == "\\":
            i += 2
            continue
        if tex[i] == "{":
            depth += 1
        elif tex[i] == "}":
            depth -= 1
            assert depth >= 0, tex[max(0, i - 80) : i + 1]
        elif tex.startswith("\n\n", i):
            assert depth == 0, tex[max(0, i - 80) : i]
        i += 1
    return depth == 0


def test_registered_under_latex_and_tex() -> None:
    backend = registry.get("tex")
    assert isinstance(backend, LatexBackend)
    assert (backend.name, backend.suffix, backend.binary) == ("latex", ".tex", False)


@pytest.mark.parametrize("theme", THEMES)
def test_example_tex_is_readable(example_doc, theme: str) -> None:
    tex = render_tex(example_doc, theme)
    for title in ("Education", "Professional Experience", "Selected Publications"):
        assert f"% --- {title} ---\n\\cvsection{{{title}}}\n" in tex
    assert "\\cventry{Mar. 2016}{\\textbf{Ph.D.}, Electrical and Computer Engineering, Syracuse University}\n" in tex
    assert "\\cvowner{S.\u00a0Liu}" in tex and "\\textsuperscript{†,*}" in tex
    labels = re.findall(r"\\cvpub\{(P\d)\}", tex)
    assert labels == PUBLICATION_LABELS
    assert re.findall(r"\\cvnumentry\{(T\d)\}\{(\d\d/\d{4})\}", tex)[0] == ("T1", "06/2024")
    assert "letterpaper" in tex and "\n\n\n" not in tex
    # One line per entry: no entry macro is split over lines.
    for line in body(tex).splitlines():
        if line.startswith(("\\cventry", "\\cvpub", "\\cvnumentry", "\\cvdetail")):
            assert line.count("{") == line.count("}") + line.count("\\}") - line.count("\\{")


def test_page_size_comes_from_the_document(example_doc) -> None:
    doc = dataclasses.replace(example_doc, meta=dataclasses.replace(example_doc.meta, page_size="a4"))
    assert "[a4paper," in render_tex(doc)


def test_accent_colour_reaches_the_modern_theme(example_cv) -> None:
    """A short #rgb colour is expanded by the model, so every backend gets #rrggbb."""
    from cvgen.loader import validate
    from cvgen.view import prepare

    data = example_cv.model_dump(mode="json")
    data["settings"]["accent_colour"] = "#a1b"
    doc = prepare(validate(data))
    assert r"\definecolor{cvaccent}{HTML}{AA11BB}" in render_tex(doc, "modern")


def test_same_input_same_tex(example_doc) -> None:
    assert render_tex(example_doc) == render_tex(example_doc)


# Commands the templates themselves write in the document body; user text may add only SAFE_MACROS.
TEMPLATE_MACROS = {
    "cvname", "cvaffiliation", "cvcontacts", "cvcontact", "cvrank", "cvsep", "cvsection", "cvgroup", "cvintro",
    "cvline", "cventry", "cvdetail", "cvdescription", "cvabstract", "cvlinks", "cvlink", "cvpub", "cvnumentry",
    "cvowner", "textbf", "emph", "textsuperscript", "href", "color", "begin", "end", "fontsize", "selectfont",
    "cvcontactline", "mbox", "cvwhole", "cvsidesection", "cvsideitem",
}


@pytest.mark.parametrize("theme", THEMES)
def test_hostile_text_cannot_become_tex(theme: str) -> None:
    tex = body(render_tex(prepare(cvgen.load(hostile_cv())), theme))
    tex = "\n".join(line for line in tex.splitlines() if not re.fullmatch(r"% --- [^\n]* ---", line))
    words = {m.group(1) for m in re.finditer(r"\\(?:([A-Za-z]+)|.)", tex, re.S) if m.group(1)}
    assert words <= TEMPLATE_MACROS | SAFE_MACROS, words - TEMPLATE_MACROS - SAFE_MACROS
    assert set(re.findall(r"\\begin\{(\w+)\}", tex)) <= {"cvheader", "cvnumbered", "cvcontacts", "cvsidebar"}
    assert "^" not in tex and "%" not in tex.replace("\\%", "")
    for attack in ("input", "write18", "def"):
        assert re.search(rf"\\textbackslash\{{\}}{attack}", tex)
        assert not re.search(rf"(?<!\\textbackslash\{{\}})\\{attack}\b", tex)
    assert brace_depths_ok(tex) and "Title with a blank line in the middle" in tex
    assert r"\cvcjk{刘思佳}" in tex and r"\cvalt{Αλέξανδρος Παπαδόπουλος}" in tex and "Nguyễn" in tex


def test_user_theme_gets_the_same_escaping(tmp_path: Path, example_doc) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "cv.tex.j2").write_text("((( header.name ))) ((( sections[0].title ))) ((( extra|default('') )))\n")
    doc = dataclasses.replace(example_doc, header=dataclasses.replace(example_doc.header, name=r"A \input{x} & B"))
    assert LatexBackend().render(doc, resolve_theme(folder), RenderOptions()).startswith(
        r"A \textbackslash{}input\{x\} \& B Primary Research Areas"
    )


def test_check_reports_a_missing_engine_only_when_compiling() -> None:
    backend = LatexBackend()
    assert backend.check() is None
    assert backend.check(RenderOptions(compile=False, engine="nosuchtex")) is None
    assert "unknown LaTeX engine" in backend.check(RenderOptions(compile=True, engine="nosuchtex"))


def test_render_refuses_an_unusable_engine_up_front(example_doc) -> None:
    with pytest.raises(RenderError, match="nosuchtex"):
        render_tex(example_doc, options=RenderOptions(compile=True, engine="nosuchtex"))


def test_log_errors_are_short_and_point_at_the_source_line() -> None:
    source = "\\documentclass{article}\n\\begin{document}\n\\cvbroken{x}\n\\end{document}\n"
    log = "junk\n! Undefined control sequence.\nl.3 \\cvbroken\n                {x}\nmore junk\n"
    assert log_error(log, source) == "Undefined control sequence. at line 3 of the .tex: \\cvbroken{x}"
    assert log_error("no errors here\n", source) is None


def test_pdflatex_charset_comes_from_the_installed_latex() -> None:
    require_program("kpsewhich")
    assert pdflatex_unsupported("Café Müller – naïve € † ‘q’ “q”") == []
    assert pdflatex_unsupported("刘 Nguyễn Ж α") == ["刘", "ễ", "Ж", "α"]
