"""Typography and layout read back from every PDF engine (issue 21).

Each theme's CV is rendered by WeasyPrint, Typst, LaTeX (xelatex) and Word (through LibreOffice);
pdftotext reads back what a reader gets: curly quotes and apostrophes, en dashes in page ranges,
the ellipsis, author markers in the order written, the ORCID iD on paper, no word broken without a
hyphen, the LaTeX footer "n / N", the Word date on the first line of a wrapped entry, and the page
parity of the four engines (same page count, every section heading on the same page).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

import cvgen
from cvgen.loader import load_cv
from cvgen.model.markup import plain
from cvgen.themes import resolve_theme
from cvgen.view import prepare
from tests.conftest import EXAMPLE, THEMES, require_program
from tests.e2e import pdf_support
from tests.e2e.pdf_support import render_engines

pytestmark = pytest.mark.e2e

ENGINES = list(pdf_support.ENGINES)
ENGINE_FORMAT = {"weasyprint": "pdf", "typst": "pdf-typst", "latex": "latex", "docx": "docx"}
"""The cvgen format each engine lays out (the name a theme manifest's ``own_pages`` uses)."""
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "typography_cv.yaml"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _render(source: Path, theme: str, folder: Path) -> dict[str, Path]:
    """The CV as four PDFs: WeasyPrint, Typst, xelatex and Word converted by LibreOffice."""
    return render_engines(source, theme, folder, ENGINES)


@pytest.fixture(scope="module", params=THEMES)
def fixture_pdfs(request, tmp_path_factory) -> tuple[str, dict[str, Path]]:
    return request.param, _render(FIXTURE, request.param, tmp_path_factory.mktemp(f"typo-{request.param}"))


@pytest.fixture(scope="module", params=THEMES)
def example_pdfs(request, tmp_path_factory) -> tuple[str, dict[str, Path]]:
    return request.param, _render(EXAMPLE, request.param, tmp_path_factory.mktemp(f"example-{request.param}"))


def text_of(pdf: Path, *args: str) -> str:
    exe = require_program("pdftotext")
    done = subprocess.run([exe, "-enc", "UTF-8", *args, str(pdf), "-"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "Syntax Error" not in done.stderr, done.stderr  # the Typst MarkInfo fix
    return done.stdout


def flat(text: str) -> str:
    """One line, every kind of space (no-break ones too) a plain space."""
    return " ".join(text.split())


@pytest.mark.parametrize("engine", ENGINES)
def test_quotes_dashes_ellipsis_markers_and_orcid_are_typeset(fixture_pdfs, engine: str) -> None:
    theme, pdfs = fixture_pdfs
    text = flat(text_of(pdfs[engine]))
    # Chicago 6.78: an en dash in a range; CLDR en: “ ” and ’.
    assert "51584\u201351605" in text and "38\u201359" in text, (theme, engine)
    assert "\u201cRobust Single-Cell Atlases\u201d" in text and "AAAI\u201923" in text
    assert "O\u2019Reilly" in text and '"' not in text and "'" not in text
    assert "Bioinformatics \u2026 and Beyond" in text
    assert "A. Chen*,\u2020" in text and "P.-Y. Chen\u2020,*" in text  # markers in the order written
    assert "0000-0002-1825-0097" in text and "@maeve_or" in text and "github.com/maeve-oreilly" in text
    # Addresses stay as written: the code link's "--" is no dash.
    assert "doi:10.1038/s41592-024-01234-5" in text


def _words(source: Path) -> set[str]:
    doc = prepare(load_cv(source))
    parts = [doc.header.name, *(c.text for c in doc.header.contacts)]
    parts += [plain(line) for block in doc.header.affiliations for line in block]
    for section in doc.sections:
        parts += [section.title, *(plain(p) for p in section.intro)]
        parts += [plain(g.title) for g in section.groups if g.title]
        for item in section.items:
            parts += [plain(item.main), item.date, *(plain(d) for d in item.details)]
    return {w for w in re.findall(r"[^\W\d_]{2,}", " ".join(parts))}


def broken_words(text: str, vocabulary: set[str]) -> list[str]:
    """Words split over two lines with no hyphen: the line ends in a piece of a word and the next line
    starts with the rest ("Bi" / "oinformatics"), where neither piece is a word of the CV."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    found = []
    for before, after in zip(lines, lines[1:], strict=False):
        tail = re.search(r"([^\W\d_]+)$", before)
        head = re.match(r"([^\W\d_]+)", after)
        if not tail or not head:
            continue
        joined = tail.group(1) + head.group(1)
        if joined in vocabulary and tail.group(1) not in vocabulary and head.group(1) not in vocabulary:
            found.append(f"{tail.group(1)}|{head.group(1)}")
    return found


@pytest.mark.parametrize("engine", ENGINES)
def test_no_word_breaks_mid_word(fixture_pdfs, example_pdfs, engine: str) -> None:
    """Only URLs and DOIs may break anywhere (the modern theme broke "Bi|oinformatics")."""
    for source, (theme, pdfs) in ((FIXTURE, fixture_pdfs), (EXAMPLE, example_pdfs)):
        text = text_of(pdfs[engine], "-raw")
        assert broken_words(text, _words(source)) == [], (source.name, theme, engine)


def test_broken_word_check_sees_a_break() -> None:
    assert broken_words("Department of Computational Medicine & Bi\noinformatics", {"Bioinformatics"}) == [
        "Bi|oinformatics"]
    assert broken_words("Computational\nMedicine", {"Computational", "Medicine"}) == []


def test_latex_footer_is_page_of_pages_and_spacing_is_french(example_pdfs) -> None:
    theme, pdfs = example_pdfs
    log = (pdfs["latex"].parent / "latex.log").read_text(encoding="utf-8")
    assert "lastpage.sty" in log and "undefined" not in log.lower().replace("undefined references", "")
    pages = text_of(pdfs["latex"], "-layout").split("\f")
    total = len([p for p in pages if p.strip()])
    for number, page in enumerate(pages[:total], start=1):
        footer = [line for line in page.splitlines() if line.strip()][-1]
        assert re.search(rf"\b{number}\s*/\s*{total}\s*$", footer), (theme, footer)
    tex = cvgen.render(EXAMPLE, "latex", theme=theme).decode("utf-8")
    assert "\\frenchspacing" in tex


def test_word_date_stays_on_the_first_line_of_a_wrapped_entry(fixture_pdfs) -> None:
    """The long honor wraps; LibreOffice draws its date on the line of "Outstanding", not the last one."""
    theme, pdfs = fixture_pdfs
    lines = text_of(pdfs["docx"], "-layout").splitlines()
    first = next(i for i, line in enumerate(lines) if "Outstanding Contribution Award" in line)
    assert re.search(r"\s2023\s*$", lines[first]), (theme, lines[first : first + 3])
    assert "Reviewing Service" not in lines[first]  # it did wrap


def _section_pages(pdf: Path, titles: list[str]) -> tuple[int, tuple[int, ...]]:
    """The page count and the page of each section heading (headings in any case, letter-spaced or not).

    A heading is a line by itself, or a column's part of a line: beside a sidebar, pdftotext's layout
    puts the sidebar's text and the main column's heading on one line, several spaces apart."""
    pages = text_of(pdf, "-layout").split("\f")
    pages = [p for p in pages if p.strip()]
    where = []
    for title in titles:
        key = re.sub(r"\s", "", title).upper()
        hits = [n for n, page in enumerate(pages, 1)
                if any(re.sub(r"\s", "", part).upper() == key
                       for line in page.splitlines() for part in re.split(r"\s{3,}", line))]
        assert hits, (pdf, title)
        where.append(hits[0])
    return len(pages), tuple(where)


def parity_engines(theme: str) -> list[str]:
    """The engines whose pages must agree for ``theme``: all four, less each one whose format the
    theme's manifest lists in ``own_pages`` (a fallback layout that breaks pages differently on
    purpose: the sidebar theme's one-column DOCX). A fallback that keeps the pages stays checked."""
    own = resolve_theme(theme).manifest.own_pages
    engines = [engine for engine in ENGINES if ENGINE_FORMAT[engine] not in own]
    assert len(engines) >= 3, (theme, own)  # WeasyPrint, Typst and LaTeX always share the layout
    return engines


def test_parity_leaves_out_exactly_the_formats_a_manifest_says_have_their_own_pages(tmp_path) -> None:
    for theme in THEMES:
        expected = [e for e in ENGINES if ENGINE_FORMAT[e] not in resolve_theme(theme).manifest.own_pages]
        assert parity_engines(theme) == expected
    folder = tmp_path / "sidebar-like"
    folder.mkdir()
    (folder / "theme.toml").write_text(
        'own_pages = ["docx"]\n[fallbacks]\ndocx = "one column: the sidebar comes first"\n', encoding="utf-8")
    assert parity_engines(str(folder)) == ["weasyprint", "typst", "latex"]
    other = tmp_path / "detail-fallback"  # a new folder: themes are read once per path
    other.mkdir()
    (other / "theme.toml").write_text('[fallbacks]\ndocx = "numbers left-aligned"\n', encoding="utf-8")
    assert parity_engines(str(other)) == ENGINES  # a fallback alone keeps the format under parity


def test_page_parity_of_the_four_engines(example_pdfs) -> None:
    """Same page count, every section heading on the same page, in WeasyPrint, Typst, LaTeX and Word
    (less the engines whose format the theme's manifest says breaks its pages its own way)."""
    theme, pdfs = example_pdfs
    titles = [s.title for s in prepare(load_cv(EXAMPLE)).sections]
    layout = {engine: _section_pages(pdfs[engine], titles) for engine in parity_engines(theme)}
    assert len(set(layout.values())) == 1, (theme, layout)


def test_only_the_sidebar_docx_leaves_parity() -> None:
    """The sidebar theme's DOCX is one column (its manifest says so): it alone leaves the comparison.
    banner's and compact's DOCX fallbacks (a header with a photo, left-aligned numbers) keep the pages."""
    assert parity_engines("sidebar") == ["weasyprint", "typst", "latex"]
    for theme in ("classic", "modern", "banner", "compact"):
        assert parity_engines(theme) == ENGINES, theme


@pytest.mark.slow
@pytest.mark.parametrize("name", ["optml_lab.yaml", "scholar_profile.yaml"])
@pytest.mark.parametrize("theme", THEMES)
def test_page_parity_of_the_other_examples(tmp_path, name: str, theme: str) -> None:
    source = EXAMPLES / name
    pdfs = _render(source, theme, tmp_path)
    titles = [s.title for s in prepare(load_cv(source)).sections]
    layout = {engine: _section_pages(pdfs[engine], titles) for engine in parity_engines(theme)}
    assert len(set(layout.values())) == 1, (name, theme, layout)
