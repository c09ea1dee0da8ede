"""The banner theme's character, read back from the real PDFs of every engine, not from its source.

banner imitates moderncv's "banking" style (moderncvstylebanking.sty and moderncvcolorblue.sty):
the name large, bold and centred in colour1, the contact details centred under it; section titles
in colour1 over a colour1 rule; an entry's dates flush right, in italics; the body in Palatino
(TeX Gyre Pagella). These tests read the positions of the words (pdftotext -bbox-layout), the
fonts each run is set in (pypdf) and the colour of the pixels (pdftoppm), in the WeasyPrint,
Typst and LaTeX (xelatex) PDFs, and in Word's through LibreOffice; pdflatex and lualatex must
compile the same source, pdflatex in its own Palatino.
"""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest

import cvgen
from cvgen.backends.tex_compile import compile_tex
from tests.conftest import EXAMPLE, require_program
from tests.e2e.pdf_support import render_engine

pytestmark = pytest.mark.e2e

MODERNCV_BLUE = (round(0.22 * 255), round(0.45 * 255), round(0.70 * 255))
"""moderncvcolorblue.sty: \\definecolor{color1}{rgb}{0.22,0.45,0.70}, the theme's default accent."""
PAGE_WIDTH = 612.0  # US letter, in points: the example's page size
MARGIN = 0.75 * 72  # the theme's left and right margin
DPI = 150
ENGINES = ["weasyprint", "typst", "latex", "docx"]
MONTH_DATE = re.compile(r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\. \d{4}")


@dataclass(frozen=True)
class Line:
    """One line of text as pdftotext lays it out: its words and its box, in points from the top left."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def _render(engine: str, folder: Path) -> Path:
    return render_engine(EXAMPLE, "banner", engine, folder)


@pytest.fixture(scope="module", params=ENGINES)
def page_one(request, tmp_path_factory) -> tuple[str, Path, list[Line], object]:
    """(engine, PDF, page 1's lines, page 1 as an RGB image at DPI)."""
    from PIL import Image

    folder = tmp_path_factory.mktemp(f"banner-{request.param}")
    pdf = _render(request.param, folder)
    layout = subprocess.run([require_program("pdftotext"), "-bbox-layout", "-f", "1", "-l", "1", str(pdf), "-"],
                            capture_output=True, text=True, check=True, timeout=60).stdout
    pieces = []
    for attrs, body in re.findall(r"<line ([^>]*)>(.*?)</line>", layout, re.S):
        box = dict(re.findall(r'(\w+)="([\d.]+)"', attrs))
        words = re.findall(r">([^<]*)</word>", body)
        pieces.append(Line(" ".join(words), float(box["xMin"]), float(box["yMin"]), float(box["xMax"]), float(box["yMax"])))
    # pdftotext splits a line at a wide gap (Word's em spaces between contacts): join pieces on one baseline.
    lines: list[Line] = []
    for piece in sorted(pieces, key=lambda p: (round(p.y1), p.x0)):
        if lines and abs(lines[-1].y1 - piece.y1) < 1.5:
            last = lines[-1]
            lines[-1] = Line(f"{last.text} {piece.text}", min(last.x0, piece.x0), min(last.y0, piece.y0),
                             max(last.x1, piece.x1), max(last.y1, piece.y1))
        else:
            lines.append(piece)
    subprocess.run([require_program("pdftoppm"), "-png", "-r", str(DPI), "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(folder / "page")], check=True, timeout=60)
    return request.param, pdf, lines, Image.open(folder / "page.png").convert("RGB")


def _px(points: float) -> int:
    return round(points * DPI / 72)


def _near(colour: tuple[int, int, int], target: tuple[int, int, int], tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, target, strict=True))


def _line(lines: list[Line], text: str) -> Line:
    found = [line for line in lines if line.text.startswith(text)]
    assert found, (text, [line.text for line in lines[:12]])
    return found[0]


def test_the_name_is_the_largest_text_centred_at_the_top(page_one) -> None:
    engine, _, lines, _ = page_one
    name = _line(lines, "Sijia Liu")
    assert name is lines[0] or name.y0 <= min(line.y0 for line in lines) + 1, engine  # nothing above it
    assert name.y1 - name.y0 > 1.8 * max(line.y1 - line.y0 for line in lines[1:6])  # banking's \Huge name
    assert abs((name.x0 + name.x1) / 2 - PAGE_WIDTH / 2) < 2, (engine, name)


def test_affiliations_and_contacts_are_centred_lines_under_the_name(page_one) -> None:
    engine, _, lines, _ = page_one
    first_heading = _line(lines, "Primary Research Areas")
    header = [line for line in lines[1:] if line.y1 < first_heading.y0]
    assert any("Assistant Professor" in line.text for line in header)
    assert any("liusiji5@msu.edu" in line.text for line in header)
    for line in header:
        # WeasyPrint keeps the widened space (0.7em) before a wrapped contact: that line is 3.5 pt off centre.
        tolerance = 4 if engine == "weasyprint" else 1.5
        assert abs((line.x0 + line.x1) / 2 - PAGE_WIDTH / 2) < tolerance, (engine, line)
        # banking's measure: 0.8 of the text width, here 0.7 in in from each margin
        assert line.x0 > MARGIN + 0.6 * 72 and line.x1 < PAGE_WIDTH - MARGIN - 0.6 * 72, (engine, line)


def test_name_and_headings_are_in_moderncv_blue(page_one) -> None:
    engine, _, lines, image = page_one
    for text in ("Sijia Liu", "Primary Research Areas", "Education", "Honors and Recognition"):
        line = _line(lines, text)
        crop = image.crop((_px(line.x0), _px(line.y0), _px(line.x1), _px(line.y1)))
        blue = sum(count for count, pixel in crop.getcolors(1 << 24) if _near(pixel, MODERNCV_BLUE))
        assert blue > 40, (engine, text, blue)
    body = _line(lines, "Ph.D.")
    crop = image.crop((_px(body.x0), _px(body.y0), _px(body.x1), _px(body.y1)))
    assert not any(_near(pixel, MODERNCV_BLUE) for _, pixel in crop.getcolors(1 << 24)), engine  # body text is black


def _blue_rows(image, top: float, bottom: float, strict: bool, inset: float = 0) -> list[int]:
    """The pixel rows between two heights whose text-width span (less ``inset`` each side) is (nearly)
    all accent: a rule."""
    left, right = _px(MARGIN + inset + 2), _px(PAGE_WIDTH - MARGIN - inset - 2)
    rows = []
    for y in range(_px(top), _px(bottom)):
        row = [image.getpixel((x, y)) for x in range(left, right, 3)]
        if strict:
            hits = sum(_near(p, MODERNCV_BLUE, 30) for p in row)
        else:  # a thin rule is antialiased to a lighter blue: bluish, not white
            hits = sum(p[2] - p[0] > 25 and p[2] < 250 for p in row)
        if hits >= 0.97 * len(row):
            rows.append(y)
    return rows


def test_a_thick_accent_rule_closes_the_banner(page_one) -> None:
    engine, _, lines, image = page_one
    contacts = _line(lines, "Email")
    last_header_line = max((line for line in lines if line.y0 >= contacts.y0 and line.y1 < _line(lines, "Primary").y0),
                           key=lambda line: line.y1)
    top, bottom = last_header_line.y1, _line(lines, "Primary Research Areas").y0
    rows = _blue_rows(image, top, bottom, strict=True, inset=0.7 * 72)
    assert len(rows) >= _px(2.5) - 2, (engine, rows)  # 2.5 pt of solid accent across the centred measure
    assert not _blue_rows(image, top, bottom, strict=False, inset=0.5 * 72), engine  # and only across it


@pytest.mark.parametrize("heading", ["Primary Research Areas", "Education", "Professional Experience"])
def test_each_heading_has_an_accent_rule_under_it_across_the_page(page_one, heading: str) -> None:
    engine, _, lines, image = page_one
    line = _line(lines, heading)
    following = min(other.y0 for other in lines if other.y0 > line.y1 - 1)
    rows = _blue_rows(image, line.y1 - 2, following + 1, strict=False)
    assert 1 <= len(rows) <= _px(1.2) + 1, (engine, heading, rows)  # one thin rule, not a band


def test_dates_are_flush_right_in_italics(page_one) -> None:
    engine, pdf, lines, _ = page_one
    dated = [line for line in lines if MONTH_DATE.search(line.text) or re.search(r"\b(19|20)\d\d$", line.text)]
    right_edges = [line.x1 for line in dated if line.x0 > PAGE_WIDTH / 2]  # the date boxes, on their own
    right_edges += [line.x1 for line in dated if line.x0 < PAGE_WIDTH / 2 and line.x1 > PAGE_WIDTH - MARGIN - 10]
    assert len(right_edges) >= 12, (engine, [line.text for line in dated])
    assert all(abs(x - (PAGE_WIDTH - MARGIN)) < 2 for x in right_edges), (engine, right_edges)
    fonts: dict[str, set[str]] = {}

    def visit(text, cm, tm, font, size) -> None:
        for match in MONTH_DATE.finditer(text):
            fonts.setdefault(match.group(0), set()).add(str(font.get("/BaseFont")) if font is not None else "")

    pypdf.PdfReader(pdf).pages[0].extract_text(visitor_text=visit)
    assert "Mar. 2016" in fonts, (engine, fonts)  # Education: Ph.D., Syracuse University
    assert all(all("Italic" in name or "Ital" in name for name in names) for names in fonts.values()), (engine, fonts)


def test_every_engine_sets_the_body_in_pagella(page_one) -> None:
    engine, pdf, _, _ = page_one
    out = subprocess.run([require_program("pdffonts"), str(pdf)], capture_output=True, text=True, check=True).stdout
    # "TeXGyrePagella-Regular-Identity-H" (Typst, xelatex), "TeX-Gyre-Pagella" (WeasyPrint)
    families = {row.split()[0].split("+")[-1].replace("-", "") for row in out.splitlines()[2:] if row.strip()}
    assert any(name.startswith("TeXGyrePagella") and "Bold" not in name and "Italic" not in name
               for name in families), (engine, families)
    assert any(name.startswith("TeXGyrePagellaBold") for name in families), (engine, families)


@pytest.mark.parametrize("tex_engine", ["lualatex", "pdflatex"])
def test_the_latex_source_compiles_with_the_other_engines(tex_engine: str) -> None:
    result = compile_tex(cvgen.render(EXAMPLE, "latex", theme="banner").decode(), tex_engine)
    reader = pypdf.PdfReader(io.BytesIO(result.pdf))
    assert len(reader.pages) == 2
    fonts = {str(f) for page in reader.pages for f in page["/Resources"]["/Font"].values()
             for f in [f.get_object()["/BaseFont"]]}
    # pdflatex has no OpenType: Palatino itself (URW Palladio), the design TeX Gyre Pagella follows.
    expected = "TeXGyrePagella" if tex_engine == "lualatex" else "URWPalladioL"
    assert any(expected in name for name in fonts), (tex_engine, fonts)
