"""Citation styles through every format and real engine: owner bold, markers on the right names,
numbering, legend, notes and awards kept (``--style apa`` and ``--style ieee`` on the example).

PDFs are read back with pypdf (bold runs) and pdftotext, DOCX with python-docx, HTML with an HTML
parser, LaTeX is compiled by XeLaTeX, Markdown and text are read as they are.
"""

from __future__ import annotations

import io
import re
import subprocess
from functools import cache
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

import cvgen
from cvgen.cli import cli
from cvgen.view import ViewOptions
from tests.conftest import EXAMPLES, require_program
from tests.e2e.test_publication_lists import FORMATS, LEGEND, extract, titles_in
from tests.seed_facts import PUBLICATION_LABELS, PUBLICATION_TITLES, labels_in_order, normalise

pytestmark = pytest.mark.e2e

# How each style writes the owner (S. Liu) and the first author of the first paper (Y. Zhang†,*).
OWNER = {"apa": "Liu, S.", "ieee": "S. Liu"}
FIRST = {"apa": "Zhang, Y.", "ieee": "Y. Zhang"}


@cache
def rendered(fmt: str, style: str) -> bytes:
    return cvgen.render(EXAMPLES / "sijia_liu.yaml", fmt, view=ViewOptions(style=style))


def _pdf_bold_texts(data: bytes) -> list[str]:
    """Consecutive bold runs joined: what a reader sees in bold."""
    runs: list[tuple[str, bool]] = []

    def visit(text, cm, tm, font, size) -> None:
        if font is not None and text:
            runs.append((text, "Bold" in _font_name(font)))

    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        page.extract_text(visitor_text=visit)
    out, current = [], ""
    for text, bold in runs:
        if bold:
            current += text
        elif current:
            out.append(" ".join(current.split()))  # a line break inside a name is a space
            current = ""
    return [*out, " ".join(current.split())] if current else out


def _font_name(font) -> str:
    """BaseFont, or for Chromium's Type3 fonts the FontDescriptor's FontName."""
    descriptor = font.get("/FontDescriptor")
    return str(font.get("/BaseFont") or (descriptor.get_object().get("/FontName") if descriptor else ""))


@pytest.mark.parametrize("style", sorted(OWNER))
@pytest.mark.parametrize("fmt", FORMATS)
def test_numbering_legend_titles_and_markers(fmt: str, style: str, tmp_path: Path) -> None:
    text = extract(fmt, rendered(fmt, style), tmp_path)
    assert labels_in_order(text, PUBLICATION_LABELS), fmt
    assert titles_in(text) == set(PUBLICATION_TITLES)
    flat = normalise(text)
    if fmt != "latex":  # the .tex source spells markers as macros; compiled below
        assert LEGEND in flat
        assert f"{FIRST[style]}†,*, " in flat  # markers right after the first author's name
        assert "Spotlight" in flat and "Best Paper Runner-Up Award" in flat


@pytest.mark.parametrize("style", sorted(OWNER))
@pytest.mark.parametrize("fmt", FORMATS)
def test_owner_bold_in_the_styles_form(fmt: str, style: str) -> None:
    data, owner = rendered(fmt, style), OWNER[style]
    if fmt == "markdown":
        md = data.decode()
        assert md.count(f"**{owner}**") == 10
        assert f"{FIRST[style]}<sup>†,\\*</sup>" in md
    elif fmt == "html":
        html = data.decode()
        assert html.count(f'<strong class="owner">{owner}</strong>') == 10
        assert f"{FIRST[style]}<sup>†,*</sup>" in html
        assert len(re.findall(r'<strong class="owner">', html)) == 10  # nobody else
    elif fmt == "latex":
        tex = data.decode()
        assert tex.count(rf"\cvowner{{{owner}}}") == 10
    elif fmt == "docx":
        import docx
        from docx.oxml.ns import qn
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
        paragraphs = [Paragraph(p, document._body) for p in document.element.body.iter(qn("w:p"))]  # tables too
        runs = [r for p in paragraphs for r in p.runs]
        strong = [r.text for r in runs if r.bold or (r.style is not None and r.style.name == "CV Owner")]
        assert strong.count(owner) == 10
        assert any(r.font.superscript and r.text == "†,*" for r in runs)
    elif data.startswith(b"%PDF-"):
        bold = _pdf_bold_texts(data)
        assert sum(owner in b for b in bold) == 10, bold
        assert not any("Zhang" in b or "Jia" in b for b in bold)  # co-authors stay regular
    else:
        assert fmt == "text" and f"{FIRST[style]}†,*" in data.decode()


def test_compiled_latex_shows_the_apa_entries(tmp_path: Path) -> None:
    require_program("xelatex")
    (tmp_path / "cv.tex").write_bytes(rendered("latex", "apa"))
    subprocess.run(["xelatex", "-interaction=nonstopmode", "-halt-on-error", "cv.tex"], cwd=tmp_path,
                   capture_output=True, check=True, timeout=240)
    text = normalise(subprocess.run(["pdftotext", "-enc", "UTF-8", str(tmp_path / "cv.pdf"), "-"],
                                    capture_output=True, check=True, text=True).stdout)
    text = re.sub(r" ,", ",", text)  # pdftotext puts a space after a raised marker
    assert "Zhang, Y.†,*, Jia, J.†,*, Chen, X., Chen, A.†" in text
    assert LEGEND in text


def test_cli_style_option_and_default_layout(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "cv.md"
    result = runner.invoke(cli, ["render", str(EXAMPLES / "sijia_liu.yaml"), "-f", "markdown", "--style", "ieee",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "**S. Liu**, “SalUn:" in out.read_text(encoding="utf-8")
    default = cvgen.render(EXAMPLES / "sijia_liu.yaml", "markdown").decode()
    assert "“SalUn:" in default and "**S. Liu**, “SalUn:" not in default.replace("S. Liu**, “Sal", "")


def test_cli_broken_csl_is_a_located_error(tmp_path: Path) -> None:
    cv = tmp_path / "cv.yaml"
    cv.write_text((EXAMPLES / "sijia_liu.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "mine.csl").write_text("<style xmlns='http://purl.org/net/xbiblio/csl'>\n<info>\n</style>\n",
                                       encoding="utf-8")
    result = CliRunner().invoke(cli, ["render", str(cv), "-f", "text", "--style", "mine.csl", "-o",
                                      str(tmp_path / "out.txt")])
    assert result.exit_code == 2
    assert "mine.csl:3:" in result.output and "not a valid CSL file" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "out.txt").exists()


@pytest.mark.parametrize("style", sorted(OWNER))
def test_html_printed_by_chromium_keeps_owner_bold(style: str, tmp_path: Path) -> None:
    """The HTML as a browser lays it out: Chromium prints it, pypdf reads the bold runs back."""
    from tests.e2e.test_html_e2e import chromium

    page = tmp_path / "cv.html"
    page.write_bytes(rendered("html", style))
    pdf = tmp_path / "cv.pdf"
    chromium(tmp_path, page.as_uri(), f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    bold = _pdf_bold_texts(pdf.read_bytes())
    assert sum(OWNER[style] in b for b in bold) == 10, bold
    assert not any("Zhang" in b or "Jia" in b for b in bold)


def test_a_users_csl_named_in_the_cv_renders(tmp_path: Path) -> None:
    from tests.citations.test_style_files import MINIMAL_CSL

    text = (EXAMPLES / "sijia_liu.yaml").read_text(encoding="utf-8")
    (tmp_path / "cv.yaml").write_text(text.replace("\n  publications:\n", "\n  publications:\n    style: mine.csl\n"),
                                      encoding="utf-8")
    (tmp_path / "mine.csl").write_text(MINIMAL_CSL, encoding="utf-8")
    result = CliRunner().invoke(cli, ["render", str(tmp_path / "cv.yaml"), "-f", "markdown", "-o",
                                      str(tmp_path / "cv.md")])
    assert result.exit_code == 0, result.output
    md = (tmp_path / "cv.md").read_text(encoding="utf-8")
    # The test style: "Family, I.; …: Title (Year)." — with the owner bold and the markers kept.
    assert "Zhang, Y.<sup>†,\\*</sup>; Jia, J.<sup>†,\\*</sup>; Chen, X.;" in md
    assert "**Liu, S.**: SalUn: Empowering Machine Unlearning" in md
