"""The compact theme's character, read back from the real PDFs (WeasyPrint, Typst, LaTeX).

What makes the theme (docs/themes.md, issue 22): the publication numbers hang in the left margin,
right-aligned, outside a text block in which every entry starts at the same x as the headings; a
9pt sans on a 1.25 leading (11.25pt from one baseline to the next); section headings in the accent
colour; TeX Gyre Heros (Helvetica's metrics) in every engine; and fewer pages than classic for a
long publication list. Positions come from poppler's ``pdftotext -bbox``, colours from page
images drawn by pypdfium2, fonts from the PDF's font resources read by pypdf.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

import cvgen
from cvgen.backends.tex_compile import compile_tex
from cvgen.themes import builtin_dir, read_manifest
from tests.conftest import EXAMPLE, require_program
from tests.e2e.pdf_support import render_engines

pytestmark = pytest.mark.e2e

ENGINES = ["weasyprint", "typst", "latex"]
LABEL = re.compile(r"^[PT]\d+\.$")
Word = tuple[float, float, float, float, str]  # xMin, yMin, xMax, yMax, text


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    return render_engines(EXAMPLE, "compact", tmp_path_factory.mktemp("compact"), (*ENGINES, "docx"))


def words(pdf: Path, page: int = 1) -> list[Word]:
    """Every word on ``page`` with its box, in points from the top-left corner."""
    done = subprocess.run([require_program("pdftotext"), "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, timeout=60, check=True)
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                       done.stdout)
    return [(float(a), float(b), float(c), float(d), text) for a, b, c, d, text in found]


def font_names(reader: PdfReader) -> set[str]:
    return {str(f.get_object()["/BaseFont"]) for p in reader.pages for f in p["/Resources"]["/Font"].values()}


def heading_left(page: list[Word], title: str) -> float:
    return next(w[0] for w in page if w[4] == title)


def numbered_entries(page: list[Word]) -> list[tuple[Word, Word]]:
    """Each number (P5., T1., …) with the first word of its entry: the nearest word right of it on its line."""
    pairs = []
    for label in (w for w in page if LABEL.match(w[4])):
        same_line = [w for w in page if abs(w[3] - label[3]) < 1.0 and w[0] > label[0] and w is not label]
        pairs.append((label, min(same_line, key=lambda w: w[0])))
    return pairs


def pages(pdf: Path) -> list[list[Word]]:
    return [words(pdf, n) for n in range(1, len(PdfReader(pdf).pages) + 1)]


def right_aligned(engine: str) -> bool:
    """Whether the engine right-aligns the numbers: all but a format whose manifest fallback says otherwise."""
    fallbacks = dict(read_manifest(builtin_dir() / "compact").fallbacks)
    return "left-aligned" not in fallbacks.get(engine, "")


@pytest.mark.parametrize("engine", [*ENGINES, "docx"])
def test_numbers_hang_in_the_margin_right_aligned_and_entries_share_one_left_edge(pdfs, engine: str) -> None:
    every = pages(pdfs[engine])
    margin = heading_left(every[0], "Education")
    entries = [pair for page in every for pair in numbered_entries(page)]
    assert len(entries) >= 12, (engine, entries)  # the example numbers P5…P1 and T1…T7 (some twice)
    starts = {round(first[0], 1) for _, first in entries}
    # Every entry's text starts at the same x, and that x is the headings' (the text block's) left edge.
    assert max(starts) - min(starts) < 0.6 and abs(min(starts) - margin) < 0.6, (engine, starts, margin)
    for label, first in entries:
        assert label[2] < first[0] - 2.0, (engine, label, first)  # the number ends left of the text, with a gap
        assert label[0] < margin, (engine, label)  # …in the page margin
    # Right-aligned: the numbers end at one x (their widths may differ, e.g. "P5." and "T12."). Word's
    # list numbering starts them at one x instead, as the manifest's [fallbacks] says for docx.
    edge = 2 if right_aligned(engine) else 0
    ends = [label[edge] for label, _ in entries]
    assert max(ends) - min(ends) < 0.6, (engine, ends)
    # Nothing but the numbers stands in the margin (the footer sits on the text block's edge too).
    assert [w for page in every for w in page if w[0] < margin - 0.6 and not LABEL.match(w[4])] == [], engine


@pytest.mark.parametrize("engine", ENGINES)
def test_body_is_set_on_a_leading_of_eleven_and_a_quarter_points(pdfs, engine: str) -> None:
    """9pt at line-height 1.25: the lines of a wrapped publication lie 11.25pt apart (style.css)."""
    pitches = []
    for page in pages(pdfs[engine]):
        for label, first in numbered_entries(page):
            # The next line's words; bold and italic faces end a little higher, so take the commonest bottom.
            below = [round(w[3], 1) for w in page if w[0] >= first[0] - 0.6 and 0.5 < w[3] - label[3] < 14]
            if below:
                pitches.append(max(set(below), key=below.count) - label[3])
    pitches = [p for p in pitches if p < 12]  # one-line entries: the next entry, a gap further down
    assert len(pitches) >= 5 and all(abs(p - 11.25) < 0.35 for p in pitches), (engine, pitches)


@pytest.mark.parametrize("engine", ENGINES)
def test_the_font_is_tex_gyre_heros(pdfs, engine: str) -> None:
    names = font_names(PdfReader(pdfs[engine]))
    assert names and all(re.search(r"TeX-?Gyre-?Heros", n) for n in names), (engine, names)


@pytest.mark.parametrize("engine", ENGINES)
def test_section_headings_are_in_the_accent_colour(pdfs, engine: str) -> None:
    """The darkest pixels of the heading "Education" are the manifest's accent, not the black of the body."""
    import pypdfium2

    accent = read_manifest(builtin_dir() / "compact").accent
    want = tuple(int(accent[i : i + 2], 16) for i in (1, 3, 5))
    x0, y0, x1, y1, _ = next(w for w in words(pdfs[engine]) if w[4] == "Education")
    scale = 4
    image = pypdfium2.PdfDocument(str(pdfs[engine]))[0].render(scale=scale).to_pil().convert("RGB")
    crop = image.crop((int(x0 * scale), int(y0 * scale), int(x1 * scale), int(y1 * scale)))
    darkest = min((rgb for _, rgb in crop.getcolors(1 << 20)), key=sum)
    assert all(abs(a - b) < 24 for a, b in zip(darkest, want, strict=True)), (engine, darkest, want)


@pytest.mark.parametrize("engine", ["pdflatex", "lualatex"])
def test_the_latex_source_compiles_with_every_engine_in_the_same_font_design(engine: str) -> None:
    """pdflatex has no OpenType: it sets Helvetica (URW Nimbus Sans), whose metrics TeX Gyre Heros copies."""
    reader = PdfReader(io.BytesIO(compile_tex(cvgen.render(EXAMPLE, "latex", theme="compact").decode(), engine).pdf))
    names = font_names(reader)
    family = r"NimbusSan" if engine == "pdflatex" else r"TeXGyreHeros"
    assert names and all(re.search(family, n) for n in names), (engine, names)
    assert len(reader.pages) == 2


def _pages(source: Path, theme: str, fmt: str) -> int:
    return len(PdfReader(io.BytesIO(cvgen.render(source, fmt, theme=theme))).pages)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["pdf", "pdf-typst"])
def test_a_long_publication_list_takes_clearly_fewer_pages_than_classic(tmp_path, fmt: str) -> None:
    """The point of the theme: 40 publications (bench/generate.py's CV) on at least a fifth fewer pages."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from generate import write_pair

    source, _ = write_pair(tmp_path, "cv", 40, 0)
    compact, classic = _pages(source, "compact", fmt), _pages(source, "classic", fmt)
    assert compact <= classic * 0.8, (fmt, compact, classic)
