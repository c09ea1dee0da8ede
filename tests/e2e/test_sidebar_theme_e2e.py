"""The sidebar theme's character, read from what each PDF engine and the browser actually drew.

The geometry is the theme's own declaration (style.css, cv.typ.j2 and cv.tex.j2 all say it): a tinted
band from the sheet's left edge to 2.3in on every page, the sidebar's text beside page 1 within it, the
main column from 2.55in. pdftotext -bbox-layout gives where each line is; pdftotext's plain text gives the
reading order; pdftoppm's pixels give the colours. WeasyPrint, Typst and LaTeX (xelatex) must all agree.
"""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest

import cvgen
from cvgen.backends.tex_compile import compile_tex
from cvgen.view import prepare
from tests.conftest import EXAMPLE, require_program
from tests.e2e.pdf_support import render_engines
from tests.e2e.test_html_e2e import chromium

pytestmark = pytest.mark.e2e

ENGINES = ("weasyprint", "typst", "latex")
INCH = 72.0
BAND = 2.3 * INCH
"""The tinted band's right edge, in PDF points."""
MAIN = 2.55 * INCH
"""Where the main column starts."""
TINT = (0xF2, 0xF2, 0xF2)
ACCENT = (0xDC, 0x35, 0x22)
"""Awesome-CV's red (awesome-cv.cls: \\definecolor{awesome-red}{HTML}{DC3522}), the theme's accent."""


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    return render_engines(EXAMPLE, "sidebar", tmp_path_factory.mktemp("sidebar"), ENGINES)


@pytest.fixture(scope="module")
def doc():
    return prepare(cvgen.load_cv(EXAMPLE))


def lines_of(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    """(xMin, yMin, xMax, yMax, text) of every line pdftotext finds on ``page``, in points from the top left."""
    out = subprocess.run([require_program("pdftotext"), "-bbox-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, timeout=60, check=True).stdout
    found = []
    for m in re.finditer(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', out, re.S):
        words = " ".join(html.unescape(w) for w in re.findall(r">([^<]*)</word>", m.group(5)))
        found.append((float(m.group(1)), float(m.group(2)), float(m.group(3)), float(m.group(4)), words))
    return found


def where(lines: list, text: str) -> tuple[float, float, float, float, str]:
    squeezed = re.sub(r"\s", "", text)
    hits = [line for line in lines if squeezed in re.sub(r"\s", "", line[4])]
    assert hits, (text, [line[4] for line in lines][:40])
    return hits[0]


@pytest.mark.parametrize("engine", ENGINES)
def test_contacts_and_sidebar_sections_left_headings_right(pdfs, doc, engine: str) -> None:
    lines = lines_of(pdfs[engine], 1)
    assert doc.sidebar_sections and doc.header.contacts
    for contact in doc.header.contacts:
        x0, _, x1, _, _ = where(lines, contact.text)
        assert x0 >= 0.4 * INCH and x1 <= BAND, (engine, contact.text, x0, x1)
    for section in doc.sidebar_sections:  # "Primary Research Areas" and its lines, in the band
        x0, _, x1, _, _ = where(lines, section.title.split()[-1])
        assert x1 <= BAND, (engine, section.title, x1)
    x0, top, _, _, _ = where(lines, doc.header.name)
    assert x0 >= MAIN - 1 and top < 1.2 * INCH, (engine, x0, top)  # the name heads the main column
    page_one = [s for s in doc.main_sections if any(re.sub(r"\s", "", s.title) == re.sub(r"\s", "", ln[4])
                                                    for ln in lines)]
    assert len(page_one) >= 3, (engine, [ln[4] for ln in lines])
    for section in page_one:
        x0, _, _, _, _ = where(lines, section.title)
        assert x0 >= MAIN - 1, (engine, section.title, x0)
    # Later pages: the main column keeps its width; nothing but the band is in the sidebar's place.
    assert all(line[0] >= MAIN - 1 for line in lines_of(pdfs[engine], 2)), engine


@pytest.mark.parametrize("engine", ENGINES)
def test_reading_order_is_column_by_column(pdfs, doc, engine: str) -> None:
    """pdftotext's reading order takes the sidebar as one block, never a sidebar line between main lines."""
    text = subprocess.run([require_program("pdftotext"), "-f", "1", "-l", "1", str(pdfs[engine]), "-"],
                          capture_output=True, text=True, timeout=60, check=True).stdout
    side = [c.text for c in doc.header.contacts] + [s.title for s in doc.sidebar_sections]
    main = [s.title for s in doc.main_sections[:3]] + ["Postdoc Research Fellow", "Ph.D."]

    def column(line: str) -> str | None:
        flat = " ".join(line.split())
        if any(flat and flat in s or s in flat for s in side):
            return "side"
        return "main" if any(m in flat for m in main) else None

    order = [c for c in (column(line) for line in text.splitlines() if line.strip()) if c]
    runs = [c for n, c in enumerate(order) if n == 0 or order[n - 1] != c]
    assert runs.count("side") == 1 and len(order) >= len(side) + len(main) - 2, (engine, order)


def pixels(pdf: Path, page: int, tmp_path: Path, dpi: int = 36) -> tuple[object, float]:
    """Page ``page`` as an RGB image, and the image's pixels per PDF point."""
    from PIL import Image

    stem = tmp_path / f"{pdf.stem}-{page}-{dpi}"
    subprocess.run([require_program("pdftoppm"), "-png", "-r", str(dpi), "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(stem)], check=True, timeout=60)
    return Image.open(f"{stem}.png").convert("RGB"), dpi / INCH


@pytest.mark.parametrize("engine", ENGINES)
def test_tinted_band_on_every_page_and_red_headings(pdfs, doc, engine: str, tmp_path: Path) -> None:
    pages = len(re.findall(r"<page ", subprocess.run(
        [require_program("pdftotext"), "-bbox", str(pdfs[engine]), "-"], capture_output=True, text=True).stdout))
    assert pages >= 2
    for page in range(1, pages + 1):
        image, scale = pixels(pdfs[engine], page, tmp_path)
        width, height = image.size
        # The band: tinted from the sheet's top to its bottom at its left edge and just inside its right edge.
        for y in (2, height // 2, height - 3):
            assert image.getpixel((2, y)) == TINT, (engine, page, y)
            assert image.getpixel((int((BAND - 6) * scale), y)) == TINT, (engine, page, y)
        # Beyond the band the page is white (the gutter before the main column, the right margin).
        assert image.getpixel((int((BAND + 8) * scale), height // 2)) == (255, 255, 255), (engine, page)
        assert image.getpixel((width - 3, height // 2)) == (255, 255, 255), (engine, page)
    # The first main heading is drawn in the accent red: every pixel of its letters is a mix of the red and
    # the white paper (for such a mix red-minus-blue is 0.84 of white-minus-blue; for grey or black ink, 0).
    image, scale = pixels(pdfs[engine], 1, tmp_path, dpi=200)
    x0, y0, x1, y1, _ = where(lines_of(pdfs[engine], 1), doc.main_sections[0].title)
    box = image.crop((int(x0 * scale), int(y0 * scale), int(x1 * scale) + 1, int(y1 * scale) + 1))
    colours = [box.getpixel((x, y)) for y in range(box.height) for x in range(box.width)]
    colours = [c for c in colours if c != (255, 255, 255)]
    inked = [c for c in colours if 255 - c[2] > 30]
    assert inked and all((c[0] - c[2]) / (255 - c[2]) > 0.7 for c in inked), (engine, inked[:10])
    assert any(_near(c, ACCENT, 40) for c in colours), (engine, colours[:10])


def _near(colour: tuple[int, int, int], target: tuple[int, int, int], tolerance: int) -> bool:
    return sum(abs(a - b) for a, b in zip(colour, target, strict=True)) <= tolerance


PROBE = ("<script>const r = e => document.querySelector(e).getBoundingClientRect();"
         "document.documentElement.dataset.probe = [r('.sidebar'), r('main'), r('.cv-header')]"
         ".map(b => [b.left, b.top, b.width].map(Math.round).join(',')).join(';');</script>")


@pytest.mark.parametrize("width", [1280, 390])
def test_html_sidebar_beside_on_a_desktop_above_on_a_phone(tmp_path: Path, width: int) -> None:
    page = cvgen.render(EXAMPLE, "html", theme="sidebar").decode("utf-8").replace("</body>", PROBE + "</body>")
    path = tmp_path / "cv.html"
    path.write_text(page, encoding="utf-8")
    result = chromium(tmp_path, path.as_uri(), f"--window-size={width},2000", "--dump-dom")
    probe = re.search(r'data-probe="([\d,;-]+)"', result.stdout)
    assert probe, result.stdout[:500]
    (side_x, side_y, side_w), (main_x, main_y, main_w), (head_x, head_y, _) = (
        tuple(map(int, box.split(","))) for box in probe.group(1).split(";"))
    if width > 1000:  # two columns: the sidebar on the left, about 30% of the page, beside the header
        assert side_x < main_x and side_x + side_w <= main_x and side_y == head_y, probe.group(1)
        assert 0.25 <= side_w / (side_w + main_w) <= 0.36, probe.group(1)
    else:  # stacked: header, sidebar, main, each the full width
        assert head_y < side_y < main_y and side_x == main_x == 0 and side_w >= width - 30, probe.group(1)


def test_a_copy_made_with_theme_new_renders_every_format_with_the_sidebar(tmp_path: Path) -> None:
    """`cvgen theme new mine --from sidebar`: the copy (a sandboxed user theme) lays out the same sidebar."""
    from tests.cli.test_theme_cmd import run

    assert run("theme", "new", "mine", "--from", "sidebar", "--dir", str(tmp_path)).returncode == 0
    folder = tmp_path / "mine"
    assert 'accent = "#dc3522"' in (folder / "theme.toml").read_text()
    outputs = {fmt: tmp_path / f"cv.{fmt}" for fmt in ("html", "pdf", "pdf-typst", "latex", "docx", "markdown")}
    for fmt, out in outputs.items():
        done = run("render", str(EXAMPLE), "--theme", str(folder), "--format", fmt, "-o", str(out))
        assert done.returncode == 0 and out.stat().st_size > 1000, (fmt, done.stderr)
    for fmt in ("pdf", "pdf-typst"):
        x0, _, x1, _, _ = where(lines_of(outputs[fmt], 1), "liusiji5@msu.edu")
        assert x1 <= BAND, (fmt, x0, x1)
    assert r"\begin{cvsidebar}" in outputs["latex"].read_text()
    assert '<aside class="sidebar">' in outputs["html"].read_text()


@pytest.mark.parametrize("engine", ENGINES)
def test_arabic_mirrors_the_main_column_beside_the_same_sidebar(engine: str) -> None:
    """In Arabic the main column runs right to left (date left of its entry, headings at the right
    margin) while the sidebar keeps its place on the left in all three engines."""
    from tests.e2e.language_support import FIXTURES, first_page_words, same_line

    source = FIXTURES / "cv_ar.yaml"
    if engine == "latex":
        pdf = compile_tex(cvgen.render(source, "latex", theme="sidebar").decode("utf-8"), "xelatex").pdf
    else:
        pdf = cvgen.render(source, "pdf" if engine == "weasyprint" else "pdf-typst", theme="sidebar")
    width, words = first_page_words(pdf)
    arabic = re.compile("[\u0600-\u06ff]")
    main = [w for w in words if w.x0 >= MAIN - 1]
    date = min((w for w in main if "2016" in w.text), key=lambda w: w.y0)
    beside = [w for w in main if same_line(w, date) and w is not date and arabic.search(w.text)]
    assert beside and date.x1 < min(w.x0 for w in beside), (engine, date, beside)
    above = [w for w in main if w.y1 < date.y0]  # the line right above the first entry: its section's heading
    heading = [w for w in above if same_line(w, max(above, key=lambda w: w.y0)) and arabic.search(w.text)]
    assert heading and max(w.x1 for w in heading) > width - 0.6 * INCH - 3, (engine, heading)
    contact = next(w for w in words if "liusiji5@msu.edu" in w.text)
    assert contact.x1 <= BAND, (engine, contact)
