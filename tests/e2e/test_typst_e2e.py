"""The Typst PDF (``-f pdf-typst``) through the real engine, read back with poppler and pypdf.

The reference CV in both themes and both page sizes must show every seed fact in order, with working
links and full metadata (the owner's bold run is checked for both engines in test_pdf_contract); hostile text (BAD_INPUTS 17-21, 24
and Typst's own syntax) must print literally; CJK, Vietnamese and Greek names get real glyphs; the
same input gives the same bytes in two processes.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

import cvgen
from cvgen.errors import RenderError
from tests.conftest import THEMES, require_program
from tests.e2e.pdf_support import link_targets, pdftotext, render_variants
from tests.security._support import HOSTILE, every_field_cv, missing, pdf_text
from tests.seed_facts import (
    missing_facts,
)

pytestmark = pytest.mark.e2e

# Typst's own syntax (its block comment "/* */" is left to tests/backends/test_typst_escape.py: in a CV its
# asterisks would pair with the "*nix" above as Markdown emphasis, in every format).
TYPST_HOSTILE = ('#read("/etc/passwd") #import "@preview/x:0.1.0" #include "/etc/passwd" #eval("1") $x^2$ @ref <label> '
                 '// not a comment ] [ \\ "quoted" = heading - list + enum')


@pytest.fixture(scope="module")
def pdfs(example_doc, tmp_path_factory) -> dict[tuple[str, str], Path]:
    return render_variants(example_doc, "pdf-typst", tmp_path_factory.mktemp("typst"))


def test_both_themes_look_different(pdfs) -> None:
    fonts = {}
    for theme in THEMES:
        out = subprocess.run([require_program("pdffonts"), str(pdfs[theme, "letter"])], capture_output=True, text=True)
        fonts[theme] = out.stdout
    assert "TeXGyreTermes" in fonts["classic"] and "NotoSans" not in fonts["classic"]
    assert "NotoSans" in fonts["modern"] and "TeXGyreTermes" not in fonts["modern"]


@pytest.fixture(scope="module")
def hostile() -> dict:
    data, tags = every_field_cv(f"{HOSTILE} {TYPST_HOSTILE}")
    cv = cvgen.load(data)
    return {"cv": cv, "tags": tags, "out": {t: cvgen.render(cv, "pdf-typst", theme=t) for t in THEMES}}


@pytest.mark.parametrize("theme", THEMES)
def test_hostile_text_prints_literally(hostile, theme: str) -> None:
    text = pdf_text(hostile["out"][theme], hostile["cv"].person.name)
    assert missing(hostile["tags"], text, squeezed=True) == []
    assert "root:x:0" not in text  # /etc/passwd was never read


def test_awkward_urls_and_dois_are_working_links() -> None:
    url = "https://example.org/a_b%20c/~user?x=1&y=<2>;z#frag_1"
    doi = "10.1000/abc_def%23(x)<y>;z~1&2"
    cv = cvgen.load({
        "person": {"name": "Ada Lovelace", "links": [{"label": "Home page", "url": url}]},
        "publications": [{"title": "Awkward", "authors": ["A. Lovelace"], "date": 2020, "doi": doi, "url": url}],
    })
    pdf = cvgen.render(cv, "pdf-typst")
    targets = link_targets(pypdf.PdfReader(io.BytesIO(pdf)))
    assert url in targets and f"https://doi.org/{doi}" in targets, targets
    assert doi in pdf_text(pdf, "Ada Lovelace").replace(" ", "").replace("\n", "")


NAMES = ["刘思佳", "山田 太郎", "김민준", "Nguyễn Văn Đức", "Αλέξανδρος Παπαδόπουλος", "Zoë Ŝtajn"]


@pytest.mark.parametrize("theme", THEMES)
def test_cjk_vietnamese_and_greek_names_get_real_glyphs(theme: str) -> None:
    cv = cvgen.load({"person": {"name": "刘思佳 (Sijia Liu)"},
                     "publications": [{"title": f"Paper {i}", "authors": ["刘思佳", name], "date": 2020 + i}
                                      for i, name in enumerate(NAMES)]})
    pdf = cvgen.render(cv, "pdf-typst", theme=theme)
    text = pdf_text(pdf, "刘思佳 (Sijia Liu)")
    for name in NAMES:
        assert name in text, name
    fonts = subprocess.run([require_program("pdffonts"), "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert "CJK" in fonts, fonts
    rows = fonts.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows)  # every font embedded


def test_a_character_no_font_has_fails_loudly() -> None:
    cv = cvgen.load({"person": {"name": "Ada Lovelace"},
                     "publications": [{"title": "DNA \U0001f9ec", "authors": ["A. Lovelace"], "date": 2020}]})
    with pytest.raises(RenderError, match="U\\+1F9EC"):
        cvgen.render(cv, "pdf-typst")


def test_same_bytes_in_two_processes(example_path, tmp_path) -> None:
    outs = []
    for i in range(2):
        out = tmp_path / f"cv{i}.pdf"
        subprocess.run([sys.executable, "-m", "cvgen", "render", str(example_path), "-f", "pdf-typst", "-o", str(out)],
                       check=True, capture_output=True, timeout=120)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] and outs[0].startswith(b"%PDF")


def test_cli_alias_and_batch_workers(example_path, tmp_path) -> None:
    """``-f typst`` works from the command line, and batch workers (forked) render Typst PDFs."""
    folder = tmp_path / "cvs"
    folder.mkdir()
    for name in ("a", "b", "c"):
        (folder / f"{name}.yaml").write_text(example_path.read_text(encoding="utf-8"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "cvgen", "render", str(folder), "-f", "typst", "-j", "2",
                           "-o", f"{tmp_path / 'out'}/"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    pdfs = sorted((tmp_path / "out").glob("*.pdf"))
    assert [p.stem for p in pdfs] == ["a", "b", "c"]
    assert all(missing_facts(pdftotext(p)) == [] for p in pdfs)
