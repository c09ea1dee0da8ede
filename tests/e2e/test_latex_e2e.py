"""The .tex compiled by real TeX engines: the reference CV, a hostile CV, and the failure paths.

Each compile takes one to a few seconds, so the PDFs are made once per module (eight compiles in
all) and every test reads them back with pdftotext, pypdf and the engine's own log and -recorder
file list.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

import cvgen
from cvgen.backends.base import RenderOptions
from cvgen.backends.latex import LatexBackend
from cvgen.backends.tex_compile import CompileResult, compile_tex
from cvgen.errors import RenderError
from cvgen.themes import resolve_theme
from cvgen.view import prepare
from tests.backends.test_latex import COMMANDS, HTML, LONG_WORD, MARKDOWNISH, NAMES, SPECIAL, URL, hostile_cv
from tests.conftest import EXAMPLE, require_program
from tests.e2e.pdf_support import link_targets
from tests.seed_facts import (
    normalise,
    seed_problems,
)

pytestmark = pytest.mark.e2e

EXAMPLE_RUNS = [("classic", "xelatex"), ("classic", "lualatex"), ("modern", "xelatex"), ("compact", "lualatex")]
HOSTILE_RUNS = [("classic", "xelatex"), ("classic", "lualatex"), ("modern", "lualatex"), ("compact", "xelatex")]


def pdftotext(pdf: bytes | Path) -> str:
    """The PDF's text in drawing order, line-end hyphens kept (the themes never hyphenate)."""
    exe = require_program("pdftotext")
    args = [exe, "-enc", "UTF-8", "-raw", str(pdf) if isinstance(pdf, Path) else "-", "-"]
    out = subprocess.run(args, input=None if isinstance(pdf, Path) else pdf, capture_output=True, check=True, timeout=60)
    return re.sub(r"-\n", "-", out.stdout.decode("utf-8"))


def compile_doc(doc, theme: str, engine: str) -> CompileResult:
    require_program(engine)
    tex = LatexBackend().render(doc, resolve_theme(theme), RenderOptions())
    return compile_tex(tex, engine)


def overfull(log: str) -> list[float]:
    return [float(x) for x in re.findall(r"Overfull \\hbox \((\d+(?:\.\d+)?)pt too wide\)", log)]


@pytest.fixture(scope="module")
def example_results(example_doc) -> dict[tuple[str, str], CompileResult]:
    return {(theme, engine): compile_doc(example_doc, theme, engine) for theme, engine in EXAMPLE_RUNS}


@pytest.fixture(scope="module")
def cli_pdflatex(tmp_path_factory) -> Path:
    """``cvgen render --format latex --compile --engine pdflatex``: the .tex and its PDF side by side."""
    require_program("pdflatex")
    out = tmp_path_factory.mktemp("cli") / "cv.tex"
    proc = subprocess.run(
        [sys.executable, "-m", "cvgen", "render", str(EXAMPLE), "--format", "latex", "--theme", "modern",
         "--compile", "--engine", "pdflatex", "-o", str(out)],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert f"wrote {out}" in proc.stdout and f"wrote {out.with_suffix('.pdf')}" in proc.stdout
    return out


@pytest.fixture(scope="module")
def hostile_doc():
    return prepare(cvgen.load(hostile_cv()))


@pytest.fixture(scope="module")
def hostile_results(hostile_doc) -> dict[tuple[str, str], CompileResult]:
    return {(theme, engine): compile_doc(hostile_doc, theme, engine) for theme, engine in HOSTILE_RUNS}


def assert_every_fact(text: str) -> None:
    assert seed_problems(text) == []


@pytest.mark.parametrize(("theme", "engine"), EXAMPLE_RUNS)
def test_example_compiles_cleanly_with_every_fact(example_results, theme: str, engine: str) -> None:
    result = example_results[theme, engine]
    # Two runs: the footer's "n / N" reads the page count lastpage writes to the .aux on the first.
    assert result.pdf.startswith(b"%PDF") and result.runs == 2
    assert not re.search(r"^!", result.log, re.M)
    assert all(w <= 5 for w in overfull(result.log)), overfull(result.log)
    assert_every_fact(pdftotext(result.pdf))
    reader = pypdf.PdfReader(io.BytesIO(result.pdf))
    assert len(reader.pages) == 2
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (612, 792)  # the example asks for US letter
    assert reader.metadata.title == "Sijia Liu — Curriculum Vitae" and reader.metadata.author == "Sijia Liu"
    # The owner's name and the page number in every footer.
    for number, page in enumerate(reader.pages, start=1):
        lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        total = len(reader.pages)  # the footer reads "n / N", like the other PDFs (issue 21)
        assert re.fullmatch(rf"(Sijia Liu )?{number} / {total}", lines[-1]) or lines[-2:] == [
            "Sijia Liu", f"{number} / {total}"], lines[-3:]


def test_cli_compiles_with_pdflatex_next_to_the_tex(cli_pdflatex: Path) -> None:
    pdf = cli_pdflatex.with_suffix(".pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert r"\cvsection{Education}" in cli_pdflatex.read_text(encoding="utf-8")
    assert_every_fact(pdftotext(pdf))


@pytest.mark.parametrize(("theme", "engine"), HOSTILE_RUNS)
def test_hostile_cv_prints_everything_literally(hostile_results, theme: str, engine: str) -> None:
    result = hostile_results[theme, engine]
    assert not re.search(r"^!", result.log, re.M)
    assert "Missing character" not in result.log
    assert all(w <= 5 for w in overfull(result.log)), overfull(result.log)
    text = normalise(pdftotext(result.pdf))
    for literal in [*COMMANDS, *HTML, *MARKDOWNISH, *NAMES, SPECIAL, "Title with a blank line in the middle"]:
        assert normalise(literal) in text, literal
    assert LONG_WORD in re.sub(r"\s", "", text)  # wrapped over lines, every letter there


@pytest.mark.parametrize(("theme", "engine"), HOSTILE_RUNS)
def test_hostile_cv_reads_no_file_and_links_work(hostile_results, theme: str, engine: str) -> None:
    result = hostile_results[theme, engine]
    inputs = [line for line in result.recorder.splitlines() if line.startswith("INPUT ")]
    assert inputs, "the -recorder file lists what the engine read"
    assert not [line for line in inputs if re.search(r"/etc/(hostname|passwd)|/hostname\b", line)]
    # Writes stay in the scratch folder; lualatex's font cache may probe its own texmf-var tree.
    outputs = [line[7:] for line in result.recorder.splitlines() if line.startswith("OUTPUT ")]
    assert {o for o in outputs if not o.startswith("/")} <= {"cv.log", "cv.aux", "cv.pdf"}, outputs
    assert all("texmf" in o or "cvgen-tex-" in o for o in outputs if o.startswith("/")), outputs
    reader = pypdf.PdfReader(io.BytesIO(result.pdf))
    targets = link_targets(reader)
    assert URL.replace("<", "%3C").replace(">", "%3E") in targets
    assert "https://doi.org/10.1000/abc_def%23(x)%3Cy%3E;z~1&2" in targets


def test_pdflatex_refuses_non_latin_text_and_suggests_xelatex(hostile_doc) -> None:
    require_program("pdflatex")
    with pytest.raises(RenderError) as caught:
        compile_doc(hostile_doc, "classic", "pdflatex")
    message = str(caught.value)
    assert "刘 (U+5218)" in message and "ễ (U+1EC5)" in message and "xelatex" in message
    assert len(message) < 400


def test_tex_errors_are_one_short_line() -> None:
    require_program("pdflatex")
    source = "\\documentclass{article}\n\\begin{document}\nText \\cvbroken{x}\n\\end{document}\n"
    with pytest.raises(RenderError) as caught:
        compile_tex(source, "pdflatex")
    message = str(caught.value)
    assert message == "pdflatex failed: Undefined control sequence. at line 3 of the .tex: Text \\cvbroken{x}"


def test_a_looping_source_is_stopped() -> None:
    require_program("pdflatex")
    source = "\\documentclass{article}\n\\begin{document}\n\\def\\x{\\x}\\x\n\\end{document}\n"
    with pytest.raises(RenderError, match="did not finish within 3 s"):
        compile_tex(source, "pdflatex", timeout=3)


def test_same_tex_same_pdf_bytes(example_doc, example_results, cli_pdflatex: Path) -> None:
    """Reproducible builds: LuaTeX's file ID comes from the source, dates from SOURCE_DATE_EPOCH."""
    assert compile_doc(example_doc, "classic", "lualatex").pdf == example_results["classic", "lualatex"].pdf
    again = compile_tex(cli_pdflatex.read_text(encoding="utf-8"), "pdflatex")
    assert again.pdf == cli_pdflatex.with_suffix(".pdf").read_bytes()
