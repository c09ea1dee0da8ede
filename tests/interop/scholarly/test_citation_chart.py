"""The optional citations-per-year chart: vector bars in HTML and both PDFs, a table in Word,
LaTeX, Markdown and text, the same bytes every time, and nothing at all unless asked for."""

from __future__ import annotations

import io
import re
import subprocess

import pytest

from cvgen.api import render
from cvgen.loader import load_text
from cvgen.view import prepare
from tests.conftest import THEMES, require_program

BASE = """\
person:
  name: Jason Priem
metrics:
  citations: 4215
  source: OpenAlex
  by_year:
  - {year: 2020, citations: 10}
  - {year: 2022, citations: 5}
publications:
- title: Scientometrics 2.0
  authors: [Jason Priem]
  date: 2010
"""


def cv(chart: bool = True):
    settings = "settings:\n  publications:\n    citation_chart: true\n" if chart else ""
    return load_text(BASE + settings, "<chart>")


def chart_of(doc):
    return next(s for s in doc.sections if s.key == "publications").chart


def test_no_chart_unless_asked():
    assert chart_of(prepare(cv(chart=False))) is None
    assert "citation-chart" not in render(cv(chart=False), "html").decode()


def test_missing_years_are_zero_bars_and_heights_are_shares_of_the_tallest():
    # OpenAlex documents that years without citations are left out: 2021 is a real zero.
    chart = chart_of(prepare(cv()))
    assert [(b.year, b.count, b.percent) for b in chart.bars] == [(2020, 10, 100), (2021, 0, 0), (2022, 5, 50)]
    assert chart.summary == "Citations per year: 2020: 10, 2021: 0, 2022: 5"


def test_html_draws_one_vector_bar_per_year_with_the_numbers_as_text():
    html = render(cv(), "html").decode()
    svg = re.search(r"<svg[^>]*class=\"citation-chart\".*?</svg>", html, re.S).group(0)
    # 56 px for the tallest bar: 10 → 56, 0 → 0, 5 → 28, drawn from the baseline at y = 11 + 56.
    assert re.findall(r'<rect x="(\d+)" y="(\d+)" width="24" height="(\d+)"', svg) == [
        ("0", "11", "56"), ("30", "67", "0"), ("60", "39", "28")]
    assert [t for t in re.findall(r">(\d+)</text>", svg)] == ["10", "2020", "0", "2021", "5", "2022"]
    assert 'aria-label="Citations per year: 2020: 10, 2021: 0, 2022: 5"' in svg
    assert render(cv(), "html") == render(cv(), "html")


@pytest.mark.e2e
@pytest.mark.parametrize("fmt", ["pdf", "pdf-typst"])
def test_both_pdfs_draw_vectors_not_images_and_are_deterministic(fmt, tmp_path):
    import pypdf

    first, second = render(cv(), fmt), render(cv(), fmt)
    assert first == second
    reader = pypdf.PdfReader(io.BytesIO(first))
    page = reader.pages[0]
    xobjects = page["/Resources"].get("/XObject", {}) if "/Resources" in page else {}
    assert not any(xobjects[name].get_object().get("/Subtype") == "/Image" for name in xobjects)

    def fills(data: bytes) -> int:
        contents = pypdf.PdfReader(io.BytesIO(data)).pages[0].get_contents().get_data()
        return len(re.findall(rb"(?:^|\s)f\*?(?=\s)", contents))

    assert fills(first) - fills(render(cv(chart=False), fmt)) >= 2  # the two non-zero bars are filled paths
    path = tmp_path / "cv.pdf"
    path.write_bytes(first)
    text = subprocess.run([require_program("pdftotext"), str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "2020" in text and "2021" in text and "2022" in text


@pytest.mark.e2e
def test_docx_has_a_small_table():
    import docx

    doc = docx.Document(io.BytesIO(render(cv(), "docx")))
    rows = [[cell.text for cell in row.cells] for table in doc.tables for row in table.rows]
    assert ["Year", "2020", "2021", "2022"] in rows and ["Citations", "10", "0", "5"] in rows


def test_markdown_and_text_give_the_numbers():
    md = render(cv(), "markdown").decode()
    assert "| Year | 2020 | 2021 | 2022 |\n|---|--:|--:|--:|\n| Citations | 10 | 0 | 5 |" in md
    assert "Citations per year: 2020: 10, 2021: 0, 2022: 5" in render(cv(), "text").decode()


@pytest.mark.e2e
@pytest.mark.parametrize("theme", THEMES)
def test_latex_table_compiles(theme, tmp_path):
    from cvgen.themes import resolve_theme

    tex = render(cv(), "latex", theme=resolve_theme(theme)).decode()
    assert r"\cvchart{\textbf{Year}}{ & \textbf{2020} & \textbf{2021} & \textbf{2022}}{Citations & 10 & 0 & 5}{3}" in tex
    (tmp_path / "cv.tex").write_text(tex, encoding="utf-8")
    result = subprocess.run([require_program("xelatex"), "-interaction=nonstopmode", "-halt-on-error", "cv.tex"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stdout[-2000:]
    text = subprocess.run([require_program("pdftotext"), str(tmp_path / "cv.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Citations" in text and "2021" in text


def test_the_chart_speaks_the_cvs_language():
    """The chart's words come from the language tables like every other word cvgen writes."""
    german = load_text(BASE + "settings:\n  language: de\n  publications:\n    citation_chart: true\n", "<chart>")
    chart = chart_of(prepare(german))
    # "Jahr" is German for year (CLDR's displayName for the year field in de).
    assert chart.year_label == "Jahr"
    assert chart.summary.startswith("Zitationen pro Jahr: 2020: 10")
