"""The reference CV as Word files, opened by python-docx and laid out by LibreOffice.

Each theme is rendered through the public API, reopened with python-docx, converted to PDF with
``soffice --headless`` (a fresh profile per session, with a time limit) and read back with
pdftotext: every fact of the seed CV must be there, and Word's list numbering must show
P5…P1 in each publication group and T1…T7, in that order.
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import THEMES, require_program
from tests.seed_facts import PUBLICATION_LABELS, TALK_LABELS, labels_in_order, missing_facts, normalise

pytestmark = pytest.mark.e2e

@pytest.fixture(scope="session")
def lo_profile(tmp_path_factory) -> Path:
    """A fresh LibreOffice profile for this test session (never the user's own)."""
    return tmp_path_factory.mktemp("lo-profile")


@pytest.fixture(scope="session")
def converted(tmp_path_factory, example_path, lo_profile) -> dict[str, tuple[Path, Path]]:
    """theme → (docx, pdf), converted in one LibreOffice run."""
    import cvgen

    soffice = require_program("soffice")
    require_program("pdftotext")
    out = tmp_path_factory.mktemp("docx-e2e")
    profile = lo_profile
    files = {}
    for theme in THEMES:
        path = out / f"cv-{theme}.docx"
        cvgen.render_to_file(example_path, path, theme=theme)
        files[theme] = path
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(out), *map(str, files.values())],
        capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 0, result.stderr
    pairs = {theme: (path, path.with_suffix(".pdf")) for theme, path in files.items()}
    for _, pdf in pairs.values():
        assert pdf.is_file() and pdf.stat().st_size > 10_000, result.stdout + result.stderr
    return pairs


def pdf_text(pdf: Path, mode: str = "-raw") -> str:
    """The PDF's text in reading order; a line ending in a hyphen is joined to the next.

    Raw mode: a dated entry is a table row whose date sits beside the entry's first line (issue 21),
    so layout mode would put the date in the middle of a wrapped entry's text; raw mode reads the
    text cell, then the date. LibreOffice breaks lines after the hyphen of "Gradient-based" (it adds
    no hyphens of its own: automatic hyphenation is off), so "-" + newline is the real hyphen.
    Right-to-left text needs ``-layout``: raw mode gives its glyphs in visual order.
    """
    args = ["pdftotext", "-enc", "UTF-8", mode, str(pdf), "-"]
    text = subprocess.run(args, capture_output=True, text=True, check=True, timeout=60).stdout
    return re.sub(r"-[ \t]*\n[ \t]*", "-", text)


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True, timeout=60).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


@pytest.mark.parametrize("theme", THEMES)
def test_docx_text_has_every_fact(converted, theme):
    import docx

    path, _ = converted[theme]
    document = docx.Document(io.BytesIO(path.read_bytes()))
    paragraphs = [p.text for p in document.paragraphs]
    paragraphs += [p.text for t in document.tables for c in t._cells for p in c.paragraphs]
    assert missing_facts("\n".join(paragraphs)) == []


@pytest.mark.parametrize("theme", THEMES)
def test_libreoffice_pdf_has_every_fact_and_the_numbering(converted, theme):
    _, pdf = converted[theme]
    text = pdf_text(pdf)
    assert missing_facts(text) == []
    flat = normalise(text)
    assert labels_in_order(flat, [f"{label}." for label in PUBLICATION_LABELS + TALK_LABELS])
    # Each label is followed by its own entry: the numbers are attached to the right items.
    assert flat.index("P5. Y. Zhang") < flat.index("P1. Y. Zhang") < flat.index("P5. Y. Zhang", flat.index("P1."))
    assert 'T1. "Machine Unlearning in Computer Vision' in flat  # normalise folds the curly quotes
    assert 'T7. "Foundational Robustness of Foundation Models' in flat


@pytest.mark.parametrize("theme", THEMES)
def test_libreoffice_layout_is_a_short_cv_with_page_numbers(converted, theme):
    _, pdf = converted[theme]
    pages = page_count(pdf)
    assert 2 <= pages <= 4
    text = pdf_text(pdf)
    for n in range(1, pages + 1):
        assert re.search(rf"Sijia Liu +{n} ?/ ?{pages}\n", text), n


def test_cjk_arabic_and_vietnamese_names_get_real_glyphs(tmp_path_factory, lo_profile):
    """The theme's East Asian and complex-script font slots give real glyphs, not boxes."""
    import cvgen

    soffice = require_program("soffice")
    out = tmp_path_factory.mktemp("docx-scripts")
    profile = lo_profile
    names = ["Nguyễn Văn An", "王小明", "محمد علي", "김민준"]
    cv = {"person": {"name": names[0]},
          "publications": [{"title": "Learning 深度学习 and التعلم العميق", "authors": names, "venue": "会议",
                            "date": 2021}]}
    path = out / "scripts.docx"
    path.write_bytes(cvgen.render(cv, "docx"))
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(out), str(path)],
                   capture_output=True, text=True, timeout=180, check=True)
    pdf = path.with_suffix(".pdf")
    text = re.sub("[\u202a-\u202e\u200e\u200f]", "", pdf_text(pdf, "-layout"))  # bidi marks pdftotext adds
    for name in names:
        assert name in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True, timeout=60).stdout
    assert "CJK" in fonts and "Arabic" in fonts
