"""The reference CV through WeasyPrint in both themes and both page sizes, read back with poppler and pypdf."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pypdf
import pytest

from cvgen.api import render
from tests.conftest import THEMES, require_program
from tests.e2e.pdf_support import VARIANTS, link_targets, pdftotext, render_variants
from tests.seed_facts import (
    SECTION_TITLES,
    normalise,
)

pytestmark = pytest.mark.e2e



@pytest.fixture(scope="module")
def pdfs(example_doc, tmp_path_factory) -> dict[tuple[str, str], Path]:
    return render_variants(example_doc, "pdf", tmp_path_factory.mktemp("pdf"))


@pytest.mark.parametrize(("theme", "size"), VARIANTS)
def test_footer_and_no_heading_ends_a_page(pdfs, theme: str, size: str) -> None:
    path = pdfs[theme, size]
    pages = len(pypdf.PdfReader(path).pages)
    assert 2 <= pages <= 3
    headings = {normalise(t).casefold() for t in SECTION_TITLES}
    for n in range(1, pages + 1):
        lines = [normalise(line) for line in pdftotext(path, "-layout", "-f", str(n), "-l", str(n)).splitlines()]
        lines = [line for line in lines if line]
        assert re.fullmatch(rf"Sijia Liu\s+{n}\s*/\s*{pages}", lines[-1]), lines[-1]  # owner's name and page number
        last_body_line = lines[-2].casefold()
        assert last_body_line not in headings, f"page {n} ends with the heading {lines[-2]!r}"
        assert not last_body_line.startswith("five representative publications")


INTERNATIONAL = "Nguyễn Thị Minh Khai 李思佳 山田太郎 김민준 Zoë Ångström Łukasz"


@pytest.mark.parametrize("theme", THEMES)
def test_cjk_and_vietnamese_names_get_real_glyphs(theme: str, tmp_path: Path) -> None:
    cv = {
        "person": {"name": INTERNATIONAL, "affiliations": [{"title": "教授", "institution": "Đại học Quốc gia Hà Nội"}]},
        "publications": [{"title": "Học máy và 机器学习", "authors": [INTERNATIONAL, "Trần Văn Ơn"],
                          "venue": "Tạp chí", "date": "2024"}],
        "settings": {"theme": theme},
    }
    path = tmp_path / "intl.pdf"
    path.write_bytes(render(cv, "pdf"))
    # A line may wrap between two Han characters; pdftotext's newline there is no space in the text.
    text = normalise(re.sub(r"(?<=[\u4e00-\u9fff])\n(?=[\u4e00-\u9fff])", "", pdftotext(path)))
    for piece in (INTERNATIONAL, "Đại học Quốc gia Hà Nội", "Học máy và 机器学习", "Trần Văn Ơn", "教授"):
        assert piece in text
    fonts = subprocess.run([require_program("pdffonts"), str(path)], capture_output=True, text=True).stdout
    assert "CJK" in fonts  # the Han, kana and Hangul came from a CJK font, not a tofu box
    png = tmp_path / "intl"
    subprocess.run([require_program("pdftoppm"), "-png", "-r", "40", "-f", "1", "-l", "1", str(path), str(png)],
                   check=True, timeout=60)
    assert (tmp_path / "intl-1.png").stat().st_size > 1000


def test_long_word_wraps_inside_the_page(tmp_path: Path) -> None:
    word = "ACGT" * 125  # 500 characters, no spaces (BAD_INPUTS 37)
    cv = {"person": {"name": "Ada Lovelace"}, "honors": [{"title": word, "date": "2020"}],
          "publications": [{"title": f"On {word}", "authors": ["A. Lovelace"], "venue": "J", "date": "2021"}],
          # right after the hanging "T1." label and an opening quote: ran off the page before <wbr>
          "talks": [{"title": word, "event": "E", "date": "2022"}]}
    for theme in THEMES:
        path = tmp_path / f"long-{theme}.pdf"
        path.write_bytes(render(cv, "pdf", theme=theme))
        bbox = pdftotext(path, "-bbox")
        width = float(re.search(r'<page width="([\d.]+)"', bbox).group(1))
        right_edges = [float(x) for x in re.findall(r'xMax="([\d.]+)"', bbox)]
        assert right_edges and max(right_edges) < width - 20, (theme, max(right_edges), width)
        assert normalise(pdftotext(path)).replace(" ", "").count(word) == 3


def test_pdf_links_and_owner_from_starter(tmp_path: Path) -> None:
    starter = Path(__file__).resolve().parents[2] / "cvgen" / "starter.yaml"
    reader = pypdf.PdfReader(io.BytesIO(render(starter.read_text(encoding="utf-8"), "pdf")))
    uris = link_targets(reader)
    assert "https://doi.org/10.1000/example.2023" in uris and "https://example.org" in uris
