"""LaTeX draws what the PDF engines draw: symbols the text font lacks come from a fallback font.

The characters are the ones real publication lists hold: NASA ADS titles (``{\\ensuremath{\\sim}}``
decoded to ∼ U+223C, box drawing ─ U+2500) and a Zotero export with U+FFFD. XeLaTeX switches font
for such a character (``\\cvfb``, ``\\iffontchar``), LuaLaTeX uses luaotfload's fallback list; both are
checked by compiling and reading the PDF back. What no font has is named with its place in the CV.
"""

from __future__ import annotations

import subprocess

import pytest

import cvgen
from cvgen.backends.base import RenderOptions
from cvgen.backends.latex import LatexBackend
from cvgen.backends.tex_compile import compile_tex
from cvgen.errors import RenderError
from cvgen.themes import resolve_theme
from cvgen.view import prepare
from tests.conftest import THEMES, require_program

TITLE = "A ∼1 GHz survey of pulsars ─ the first catalogue of the Andes \ufffd a review"
CV = {
    "person": {"name": "Marta Quiñones"},
    "publications": [{"title": TITLE, "authors": ["Marta Quiñones", "Tom Berg"], "venue": "ApJL", "date": "2019",
                      "kind": "journal"}],
}


def _pdf_text_and_fonts(pdf: bytes, tmp_path) -> tuple[str, str]:
    path = tmp_path / "cv.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split()), fonts


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("engine", ["xelatex", "lualatex"])
def test_symbols_the_text_font_lacks_are_drawn(tmp_path, engine, theme):
    require_program(engine)
    tex = LatexBackend().render(prepare(cvgen.load(CV)), resolve_theme(theme), RenderOptions())
    assert "\\cvfb{∼}" in tex and "\\cvfb{─}" in tex and "\\cvfffd{}" in tex and "\ufffd" not in tex
    result = compile_tex(tex, engine)  # raises on any "Missing character" line
    text, fonts = _pdf_text_and_fonts(result.pdf, tmp_path)
    assert "∼1 GHz" in text and "pulsars ─ the" in text and "Andes \ufffd a" in text
    assert "DejaVu" in fonts  # the fallback font drew them


def _compile(cv: dict, engine: str) -> dict[str, bytes]:
    """What ``cvgen render -f latex --compile --engine ENGINE`` does after writing the .tex."""
    doc, theme = prepare(cvgen.load(cv)), resolve_theme("classic")
    backend = LatexBackend()
    tex = backend.render(doc, theme, RenderOptions())
    return backend.extra_outputs(doc, theme, RenderOptions(compile=True, engine=engine), tex.encode("utf-8"))


def test_pdflatex_names_the_place_and_the_fix():
    require_program("pdflatex")
    with pytest.raises(RenderError) as caught:
        _compile(CV, "pdflatex")
    message = str(caught.value)
    assert "∼ (U+223C)" in message and "compile with --engine xelatex or lualatex" in message
    assert "section 'Publications', P1" in message and "A ∼1 GHz survey" in message


def test_a_character_no_font_has_is_named_with_its_place():
    """Characters outside every fallback (here: Tamil, which TeX Gyre and DejaVu lack) are named, not boxed."""
    require_program("xelatex")
    cv = {"person": {"name": "Ada"}, "publications": [{"title": "Tamil தமிழ் poetry", "authors": ["Ada"],
                                                       "date": "2020"}]}
    with pytest.raises(RenderError) as caught:
        _compile(cv, "xelatex")
    message = str(caught.value)
    assert "no font for த (U+0BA4)" in message and "in section 'Publications', P1" in message
    assert "-f pdf" in message
