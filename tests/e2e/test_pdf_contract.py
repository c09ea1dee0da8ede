"""What every PDF engine (WeasyPrint `pdf`, Typst `pdf-typst`) must give for the reference CV, in both
themes and both page sizes: every fact in reading order, the footer, the owner in bold and nobody else,
metadata, page size, live links.

and every font embedded, the theme's own first. Hostile text runs through both engines in every theme
in tests/property; page parity with LaTeX and Word in test_typography_e2e. Engine-specific checks
(fetching, glyph fallback) stay in test_pdf_e2e / test_typst_e2e.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
from pathlib import Path

import pypdf
import pytest

from cvgen.themes import builtin_dir
from tests.conftest import THEMES, require_program
from tests.e2e.pdf_support import PAGE_POINTS, VARIANTS, font_runs, link_targets, pdftotext, render_variants
from tests.seed_facts import normalise, seed_problems

pytestmark = pytest.mark.e2e

ENGINES = ["pdf", "pdf-typst"]


@pytest.fixture(scope="module", params=ENGINES)
def pdfs(request, example_doc, tmp_path_factory) -> dict[tuple[str, str], Path]:
    return render_variants(example_doc, request.param, tmp_path_factory.mktemp(request.param))


@pytest.mark.parametrize(("theme", "size"), VARIANTS)
def test_every_fact_in_order(pdfs, theme: str, size: str) -> None:
    text = pdftotext(pdfs[theme, size])
    assert seed_problems(text) == []
    assert "P5." in normalise(text) and "T7." in normalise(text)
    pages = len(pypdf.PdfReader(pdfs[theme, size]).pages)  # two, or three beside the sidebar theme's narrower column
    assert re.search(rf"Sijia Liu\s+1 / {pages}", text)  # the footer: owner's name and "n / N"


@pytest.mark.parametrize("theme", THEMES)
def test_owner_in_bold_and_nobody_else(pdfs, theme: str) -> None:
    # A no-break space ties each initial to its surname (issue 21): compare words.
    runs = [dataclasses.replace(r, text=" ".join(r.text.split())) for r in font_runs(pdfs[theme, "letter"])]
    assert sum(r.text == "S. Liu" and r.bold for r in runs) == 10  # the owner in each of the ten publications
    author = re.compile(r"[A-Z]\.(?: [A-Z]\.)? [A-Z][a-z]+")
    assert {r.text for r in runs if r.bold and author.fullmatch(r.text)} == {"S. Liu"}  # no other author is bold
    assert any(not r.bold and "Y. Zhang" in r.text for r in runs)


@pytest.mark.parametrize(("theme", "size"), VARIANTS)
def test_metadata_page_size_and_links(pdfs, theme: str, size: str, example_doc) -> None:
    reader = pypdf.PdfReader(pdfs[theme, size])
    info = reader.metadata
    assert info.title == example_doc.meta.title == "Sijia Liu — Curriculum Vitae"
    assert info.author == "Sijia Liu"
    assert info.subject == example_doc.meta.description
    assert "Trustworthy ML" in info["/Keywords"] and "Zeroth-order optimization" in info["/Keywords"]
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert "/CreationDate" not in info  # no clock in the output: same input, same bytes
    width, height = PAGE_POINTS[size]
    for page in reader.pages:
        assert abs(float(page.mediabox.width) - width) < 1 and abs(float(page.mediabox.height) - height) < 1
    wanted = {c.href for c in example_doc.header.contacts if c.href}
    wanted |= {link.href for s in example_doc.sections for item in s.items for link in item.links}
    assert {"mailto:liusiji5@msu.edu", "tel:3157446778"} <= wanted <= link_targets(reader)


@pytest.mark.parametrize("theme", THEMES)
def test_fonts_are_embedded_the_themes_first(pdfs, theme: str) -> None:
    """pdffonts: every font embedded, and the first family of the theme's stylesheet among them (the
    Typst template names the same family: "TeX Gyre Termes" is TeX-Gyre-Termes or TeXGyreTermes)."""
    exe = require_program("pdffonts")
    out = subprocess.run([exe, str(pdfs[theme, "letter"])], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    assert rows
    assert all(row[-5] == "yes" for row in rows), out  # columns from the right: object ID (2), uni, sub, emb
    css = (builtin_dir() / theme / "style.css").read_text(encoding="utf-8")
    family = re.search(r'font-family:\s*"([^"]+)"', css).group(1)
    squeeze = lambda name: re.sub(r"[\s-]", "", name).casefold()  # noqa: E731
    assert any(squeeze(family) in squeeze(row[0]) for row in rows), out
