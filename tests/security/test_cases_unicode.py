"""BAD_INPUTS 35-38: scripts and emoji, NFC/NFD twins, 500-character words, 5,000 publications.

35: names in Chinese, Japanese, Korean, Arabic, Vietnamese, with combining accents and emoji get
real glyphs in PDF and compiled LaTeX, or a loud "no font for U+…" error (the machine has no
colour emoji font, so U+1F9EC has no glyph anywhere; DejaVu Sans draws the older U+1F600).
36: the same name in NFC and NFD gives byte-identical output, recognised as the owner both ways.
37: a 500-character word stays inside the page in compiled LaTeX (PDF and HTML: see docs/security.md).
38: many publications render in bounded time and memory (CVGEN_SECURITY_PUBLICATIONS, default 500).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

import cvgen
from cvgen.backends.glyphs import missing_glyphs
from cvgen.backends.tex_compile import compile_tex
from cvgen.errors import RenderError
from tests.conftest import require_program
from tests.security._support import html_tree, pdf_text, visible_text

pytestmark = pytest.mark.e2e

NAMES = ["刘思佳", "山田 太郎", "김민준", "محمد بن موسى الخوارزمي", "Nguyễn Văn An", "Zoë x\u0302y\u0323\u0302", "Ada 😀 Lovelace"]
NO_FONT = "\U0001f9ec"  # DNA DOUBLE HELIX: no installed font has it


def names_cv(owner: str = "Ada Lovelace", extra: str = "") -> dict:
    return {
        "person": {"name": owner},
        "publications": [{"title": f"Paper {i}{extra}", "authors": [owner, name], "date": 2020 + i}
                         for i, name in enumerate(NAMES)],
    }


@pytest.fixture(scope="module")
def names_pdf() -> bytes:
    return cvgen.render(names_cv(), "pdf")


def test_every_script_is_found_in_the_pdf_text(names_pdf: bytes) -> None:
    text = visible_text("pdf", names_pdf, "Ada Lovelace")
    for name in NAMES:
        if name.startswith("محمد"):  # pdftotext writes right-to-left runs in visual order
            assert all(word in text or word[::-1] in text for word in name.split()), text
        else:
            assert unicodedata.normalize("NFC", name) in text, name


def test_every_script_has_an_embedded_font_and_a_glyph(names_pdf: bytes) -> None:
    exe = require_program("pdffonts")
    fonts = subprocess.run([exe, "-"], input=names_pdf, capture_output=True, check=True).stdout.decode()
    rows = fonts.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), fonts  # every font embedded
    assert "CJK" in fonts, fonts
    assert missing_glyphs("".join(NAMES)) == []  # some installed font has every character


def test_a_character_no_font_has_is_a_loud_pdf_error() -> None:
    with pytest.raises(RenderError) as caught:
        cvgen.render(names_cv(extra=f" {NO_FONT}"), "pdf")
    assert "no font for" in str(caught.value) and "U+1F9EC" in str(caught.value)


@pytest.fixture(scope="module")
def names_xelatex():
    require_program("xelatex")
    data = names_cv()
    data["publications"] = [p for p in data["publications"] if p["authors"][1] in (NAMES[:3] + NAMES[4:6])]
    return compile_tex(cvgen.render(data, "latex").decode(), "xelatex")


def test_xelatex_draws_cjk_vietnamese_and_combining_accents(names_xelatex) -> None:
    assert "Missing character" not in names_xelatex.log
    text = pdf_text(names_xelatex.pdf, "Ada Lovelace")
    for name in NAMES[:3] + NAMES[4:6]:
        assert unicodedata.normalize("NFC", name) in unicodedata.normalize("NFC", text), name


def test_xelatex_sets_an_arabic_name_in_an_english_cv() -> None:
    """An Arabic co-author in an English CV: the escaper wraps the name in \\cvarab, the template then
    defines it with Noto Naskh Arabic (docs/languages.md), and the name is in the PDF, not boxes."""
    require_program("xelatex")
    data = names_cv()
    data["publications"] = [p for p in data["publications"] if p["authors"][1] == NAMES[3]]
    tex = cvgen.render(data, "latex").decode()
    assert "\\cvarab{محمد بن موسى الخوارزمي}" in tex and "babel" not in tex  # English: no language setup
    text = unicodedata.normalize("NFKC", pdf_text(compile_tex(tex, "xelatex").pdf, "Ada Lovelace"))
    assert all(word in text or word[::-1] in text for word in NAMES[3].split()), text


def test_xelatex_without_a_glyph_fails_loudly() -> None:
    require_program("xelatex")
    with pytest.raises(RenderError) as caught:
        compile_tex(cvgen.render(names_cv(extra=f" {NO_FONT}"), "latex").decode(), "xelatex")
    assert "no font for" in str(caught.value) and "U+1F9EC" in str(caught.value)


# ----------------------------------------------------------------------------- 36: NFC and NFD

OWNER = "Nguyễn Thị Hồng Müller"


def twin_files(folder: Path) -> tuple[Path, Path]:
    data = {"person": {"name": OWNER}, "summary": "Études sur la café",
            "publications": [{"title": "Über Straße", "authors": ["N. T. H. Müller", "José Peña"], "date": 2021},
                             {"title": "Second", "authors": [OWNER, "Zoë"], "date": 2022}]}
    text = json.dumps(data, ensure_ascii=False)  # JSON is YAML
    nfc, nfd = folder / "nfc.yaml", folder / "nfd.yaml"
    nfc.write_text(unicodedata.normalize("NFC", text), encoding="utf-8")
    nfd.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    assert nfc.read_bytes() != nfd.read_bytes()
    return nfc, nfd


@pytest.mark.parametrize("fmt", ["pdf", "docx", "latex", "html", "markdown", "text"])
def test_nfc_and_nfd_give_identical_bytes(tmp_path: Path, fmt: str) -> None:
    nfc, nfd = twin_files(tmp_path)
    assert cvgen.render(nfc, fmt) == cvgen.render(nfd, fmt)


def test_nfd_owner_is_recognised_in_both_author_forms(tmp_path: Path) -> None:
    _, nfd = twin_files(tmp_path)
    root = html_tree(cvgen.render(nfd, "html"))
    # The view ties initials with no-break spaces (issue 21); compare the words.
    owners = [" ".join("".join(el.itertext()).split()) for el in root.iter("strong") if "owner" in (el.get("class") or "")]
    assert sorted(owners) == sorted(["N. T. H. Müller", unicodedata.normalize("NFC", OWNER)]), owners


# ----------------------------------------------------------------------------- 37: long words

WORD = "ACGT" * 125


def test_long_word_stays_inside_the_page_in_compiled_latex() -> None:
    require_program("xelatex")
    cv = {"person": {"name": "Ada Lovelace"}, "honors": [{"title": WORD, "date": 2020}],
          "publications": [{"title": f"On {WORD}", "authors": ["A. Lovelace"], "venue": WORD, "date": 2021}],
          "summary": f"https://example.org/{WORD}"}
    result = compile_tex(cvgen.render(cv, "latex").decode(), "xelatex", timeout=120)
    bbox = subprocess.run([require_program("pdftotext"), "-bbox", "-", "-"], input=result.pdf,
                          capture_output=True, check=True).stdout.decode()
    width = float(re.search(r'<page width="([\d.]+)"', bbox).group(1))
    right_edges = [float(x) for x in re.findall(r'xMax="([\d.]+)"', bbox)]
    assert right_edges and max(right_edges) <= width - 18, (max(right_edges), width)  # inside the margin
    assert re.sub(r"\s", "", pdf_text(result.pdf, "Ada Lovelace")).count(WORD) >= 3


# ----------------------------------------------------------------------------- 38: many publications

PUBLICATIONS = int(os.environ.get("CVGEN_SECURITY_PUBLICATIONS", "500"))
SCRIPT = """
import sys, time
import cvgen
n, fmt, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
cv = {"person": {"name": "Ada Lovelace"}, "publications": [
    {"title": f"Paper number {i} on a long subject with several words", "venue": "Journal of Things",
     "authors": ["A. Lovelace", f"B. Author{i}", "C. Third†", "D. Fourth*"], "date": 1990 + i % 35}
    for i in range(n)]}
start = time.monotonic()
data = cvgen.render(cv, fmt)
open(out, "wb").write(data)
# VmHWM is this program's own peak: ru_maxrss would carry over the peak of the (large) test
# process that forked it, since Linux keeps it across exec.
peak_kb = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(time.monotonic() - start, peak_kb // 1024)
"""


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_many_publications_render_in_bounded_time_and_memory(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"cv.{fmt}"
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(PUBLICATIONS), fmt, str(out)],
                          capture_output=True, text=True, timeout=60 + PUBLICATIONS * 0.2)
    assert proc.returncode == 0, proc.stderr
    seconds, megabytes = (float(x) for x in proc.stdout.split())
    assert megabytes < 1500, megabytes
    # Linear budget, generous for a loaded machine: 5,000 publications stay under ~8 minutes of PDF.
    assert seconds < 20 + PUBLICATIONS * (0.08 if fmt == "pdf" else 0.01), seconds
    text = visible_text(fmt, out.read_bytes(), "Ada Lovelace")
    assert f"Paper number {PUBLICATIONS - 1} on" in text and "Paper number 0 on" in text
