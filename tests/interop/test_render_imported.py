"""Imported CVs render in every available format with every imported title in the output."""

from __future__ import annotations

import re
import subprocess

import pytest

from cvgen.api import render
from cvgen.interop.bibtex import guess_owner, import_bibtex_file, skeleton
from cvgen.interop.rendercv import import_rendercv
from cvgen.interop.yaml_out import dump_yaml
from cvgen.loader import load_text
from cvgen.model.markup import plain
from tests.conftest import require_program
from tests.interop.conftest import FIXTURES, real


def _squash(text: str) -> str:
    return re.sub(r"[^0-9a-zà-ÿ]+", "", text.lower())


def _text_of(fmt: str, data: bytes, tmp_path) -> str:
    if fmt == "pdf":
        path = tmp_path / "cv.pdf"
        path.write_bytes(data)
        return subprocess.run([require_program("pdftotext"), str(path), "-"], capture_output=True, check=True,
                              text=True).stdout
    if fmt == "docx":
        import docx

        path = tmp_path / "cv.docx"
        path.write_bytes(data)
        from docx.oxml.ns import qn

        body = docx.Document(str(path)).element.body  # dated entries sit in table rows (issue 21)
        return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))
    text = data.decode("utf-8")
    if fmt in ("html",):
        import html

        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    if fmt == "latex":
        text = re.sub(r"\\[a-zA-Z]+\*?|[{}]", " ", text.replace("\\&", "&").replace("\\%", "%"))
    return text


@pytest.mark.e2e
def test_imported_bib_renders_in_every_format(tmp_path):
    result = import_bibtex_file(real("bib", "denolle-pub.bib"))
    cv = load_text(dump_yaml(skeleton(result.data, *guess_owner(result.data, result.highlighted))))
    titles = [plain(p.title) for p in cv.publications]
    for fmt in ("html", "pdf", "docx", "latex"):
        text = _squash(_text_of(fmt, render(cv, fmt), tmp_path))
        missing = [t for t in titles if _squash(t) not in text]
        assert missing == [], (fmt, missing[:3])


@pytest.mark.e2e
def test_imported_rendercv_renders_in_every_format(tmp_path):
    path = FIXTURES / "John_Doe_ClassicTheme_CV_v2.3.yaml"
    cv = load_text(dump_yaml(import_rendercv(path.read_text(encoding="utf-8")).data))
    for fmt in ("html", "pdf", "docx", "latex"):
        text = _squash(_text_of(fmt, render(cv, fmt), tmp_path))
        for fact in ("John Doe", "Stanford University", "Numbered Entries", "Extracurricular Activities"):
            assert _squash(fact) in text, (fmt, fact)


@pytest.mark.e2e
def test_imported_bib_latex_compiles(tmp_path):
    """The LaTeX of an imported list with accents, ∼ and curly quotes compiles with a real engine."""
    result = import_bibtex_file(real("bib", "dacosta-papers.bib"))
    cv = load_text(dump_yaml(skeleton(result.data, *guess_owner(result.data, result.highlighted))))
    (tmp_path / "cv.tex").write_bytes(render(cv, "latex"))
    run = subprocess.run([require_program("lualatex"), "-interaction=nonstopmode", "-halt-on-error", "cv.tex"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-2000:]
    text = _squash(_text_of("pdf", (tmp_path / "cv.pdf").read_bytes(), tmp_path))
    assert all(_squash(plain(p.title)) in text for p in cv.publications)
