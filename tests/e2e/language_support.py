"""Reading rendered pages back for the language tests: words with their positions, and real engines.

Positions come from ``pdftotext -bbox`` (poppler), so "the date sits left of the entry" is checked
on the page as drawn, for every engine: WeasyPrint, Typst, TeX, LibreOffice and Chromium.
"""

from __future__ import annotations

import html
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import require_program

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "locale"
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)"')


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def middle(self) -> float:
        return (self.y0 + self.y1) / 2


def normal(text: str) -> str:
    """NFKC: Arabic presentation forms (what PDFs often store) back to letters; ligatures undone."""
    return unicodedata.normalize("NFKC", text)


def first_page_words(pdf: bytes) -> tuple[float, list[Word]]:
    """(page width, words of page 1 with their boxes) as pdftotext reads them."""
    exe = require_program("pdftotext")
    out = subprocess.run([exe, "-bbox", "-f", "1", "-l", "1", "-", "-"], input=pdf, capture_output=True,
                         check=True, timeout=60).stdout.decode("utf-8")
    width = float(_PAGE.search(out).group(1))
    words = [Word(normal(html.unescape(m.group(5))), *map(float, m.groups()[:4])) for m in _WORD.finditer(out)]
    return width, words


def pdf_text(pdf: bytes) -> str:
    exe = require_program("pdftotext")
    return normal(subprocess.run([exe, "-", "-"], input=pdf, capture_output=True, check=True, timeout=60).stdout
                  .decode("utf-8"))


def find(words: list[Word], text: str) -> Word:
    """The first word that is (or, for a word pdftotext split or merged, contains) ``text``.

    pdftotext gives right-to-left words in the order their letters are drawn (reversed): both count.
    """
    forms = (text, text[::-1])
    exact = [w for w in words if w.text in forms]
    found = exact or [w for w in words if any(f in w.text for f in forms)]
    assert found, f"{text!r} not on the page: {[w.text for w in words][:80]}"
    return found[0]


def same_line(a: Word, b: Word) -> bool:
    return abs(a.middle - b.middle) < max(a.y1 - a.y0, b.y1 - b.y0)


def libreoffice_pdf(docx: bytes, tmp: Path) -> bytes:
    """The .docx as LibreOffice lays it out (a fresh profile, a time limit)."""
    soffice = require_program("soffice")
    (tmp / "cv.docx").write_bytes(docx)
    profile = tmp / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(tmp), str(tmp / "cv.docx")],
                   capture_output=True, timeout=180, check=True)
    return (tmp / "cv.pdf").read_bytes()


def chromium_pdf(page: str, tmp: Path) -> bytes:
    """The HTML page as headless Chromium prints it."""
    from tests.e2e.test_html_e2e import CHROMIUM_FLAGS

    exe = require_program("chromium")
    (tmp / "cv.html").write_text(page, encoding="utf-8")
    profile = tmp / "chromium-profile"
    profile.mkdir(exist_ok=True)
    subprocess.run([exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--no-pdf-header-footer",
                    f"--print-to-pdf={tmp / 'cv.pdf'}", (tmp / "cv.html").as_uri()],
                   capture_output=True, timeout=120, check=True)
    return (tmp / "cv.pdf").read_bytes()


def assert_date_column(pdf: bytes, date_text: str, main_words: tuple[str, ...], rtl: bool) -> None:
    """On page 1, the first line holding ``date_text`` has the entry's own words (``main_words``) on
    the right of the date (right to left) or on its left (left to right): the date column, as drawn."""
    _, words = first_page_words(pdf)
    date = min((w for w in words if date_text in w.text), key=lambda w: w.y0)
    main = [w for w in words if same_line(w, date) and any(m in w.text for m in main_words)]
    assert main, f"no {main_words} beside the date {date}"
    if rtl:
        assert date.x1 < min(w.x0 for w in main), (date, main)
    else:
        assert date.x0 > max(w.x1 for w in main), (date, main)
