"""Publication lists through every installed format: numbering, owner, markers, legend, metrics,
profiles from the command line, and the lab homepage rebuilt in Markdown.

Each format's text is read back with a real reader: pdftotext for PDF, python-docx for DOCX, an
HTML parser for HTML, the .tex source for LaTeX (compiling it is the LaTeX tests' job).
"""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import replace
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

import cvgen
from cvgen.backends import registry
from cvgen.cli import cli
from tests.conftest import EXAMPLES, SEEDS, require_program
from tests.e2e.pdf_support import font_runs
from tests.seed_facts import PUBLICATION_LABELS, PUBLICATION_TITLES, TALK_LABELS, labels_in_order, normalise

pytestmark = pytest.mark.e2e

# png is a picture of the pdf format, whose text is checked here; pixels have no text to read back.
FORMATS = [n for n in registry.names() if n != "png" and registry.get(n).check() is None]
LEGEND = "* denotes equal contribution; † denotes student authors under my supervision."
METRICS = "Full list of publications can be found at Google Scholar (8509 citations as of July 16, 2024)."


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style", "head")
        if tag in ("p", "li", "div", "br", "h1", "h2", "h3", "h4", "section", "tr"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style", "head")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def extract(fmt: str, data: bytes, tmp: Path, numbers: bool = True) -> str:
    """What a reader of this format sees, as text (DOCX list numbers only when ``numbers``: slow)."""
    if data.startswith(b"%PDF-"):  # every PDF backend (pdf, pdf-typst)
        require_program("pdftotext")
        path = tmp / "x.pdf"
        path.write_bytes(data)
        return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True,
                              text=True).stdout
    if fmt == "docx" and not numbers:
        import docx

        return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    if fmt == "docx":  # LibreOffice writes Word's list numbers (P5…P1) out as text
        soffice = require_program("soffice")
        (tmp / "x.docx").write_bytes(data)
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/lo", "--headless", "--convert-to",
                        "txt:Text (encoded):UTF8", "--outdir", str(tmp), str(tmp / "x.docx")],
                       capture_output=True, check=True, timeout=120)
        return (tmp / "x.txt").read_text(encoding="utf-8-sig")
    if fmt == "html":
        parser = _Text()
        parser.feed(data.decode())
        return "".join(parser.parts)
    if fmt == "markdown":
        return data.decode().replace("\\*", "*").replace("<sup>", "").replace("</sup>", "").replace("**", "")
    return data.decode()  # text, latex source


def squash(text: str) -> str:
    """Letters and digits only: line breaks and hyphenation in PDFs cannot hide a title."""
    return re.sub(r"[^0-9a-z]", "", normalise(text).casefold())


def titles_in(text: str) -> set[str]:
    hay = squash(text)
    return {t for t in PUBLICATION_TITLES if squash(t) in hay}


@cache
def rendered(fmt: str, profile: str | None = None) -> bytes:
    return cvgen.render(EXAMPLES / "sijia_liu.yaml", fmt, profile=profile)


def test_every_builtin_and_text_format_is_installed() -> None:
    assert {"markdown", "text"} <= set(FORMATS)
    assert not {"markdown", "text"} & set(registry.broken())


@pytest.mark.parametrize("fmt", FORMATS)
def test_numbering_legend_and_metrics(fmt: str, tmp_path: Path) -> None:
    text = extract(fmt, rendered(fmt), tmp_path)
    assert labels_in_order(text, PUBLICATION_LABELS + TALK_LABELS), fmt
    flat = normalise(text)
    if fmt != "latex":  # the .tex source spells markers as macros; its compiled PDF is checked elsewhere
        assert LEGEND in flat
        assert METRICS in flat
        assert "Y. Zhang†,*, J. Jia†,*" in flat
    assert "corresponding author" not in flat  # no ✉ marker is used, so the legend does not mention it
    assert titles_in(text) == set(PUBLICATION_TITLES)


@pytest.mark.parametrize("fmt", FORMATS)
def test_owner_is_bold_and_other_lius_are_not(fmt: str) -> None:
    data = rendered(fmt)
    # Initials are tied to the surname by a no-break space (issue 21).
    others = ("Y.\u00a0Liu", "G.\u00a0Liu", "J.\u00a0Liu")
    if fmt == "markdown":
        md = data.decode()
        assert md.count("**S.\u00a0Liu**") == 10
        assert not any(f"**{o}**" in md for o in others)
        assert "<sup>†,\\*</sup>" in md
    elif fmt == "html":
        html = data.decode()
        assert html.count('<strong class="owner">S.\u00a0Liu</strong>') == 10
        assert not any(re.search(rf"<strong[^>]*>{re.escape(o)}</strong>", html) for o in others)
        assert "<sup>†,*</sup>" in html
    elif fmt == "latex":
        tex = data.decode()
        assert tex.count("\\cvowner{S.\u00a0Liu}") == 10
        assert not any(rf"\cvowner{{{o}}}" in tex for o in others)
    elif fmt == "docx":
        import docx
        from docx.oxml.ns import qn
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
        paragraphs = [Paragraph(p, document._body) for p in document.element.body.iter(qn("w:p"))]  # tables too
        runs = [r for p in paragraphs for r in p.runs]
        strong = [r.text for r in runs if r.bold or (r.style is not None and r.style.name == "CV Owner")]
        assert strong.count("S.\u00a0Liu") == 10
        assert not set(strong) & set(others)
        assert any(r.font.superscript and r.text == "†,*" for r in runs)
    elif data.startswith(b"%PDF-"):  # every PDF engine (pdf, pdf-typst): bold is the font's face
        runs = [replace(r, text=" ".join(r.text.split())) for r in font_runs(data)]  # a no-break space is a space
        words = [" ".join(o.split()) for o in others]
        assert sum(r.text == "S. Liu" and r.bold for r in runs) == 10
        assert not any(o in r.text for r in runs if r.bold for o in words)
        assert all(any(o in r.text for r in runs if not r.bold) for o in words)
        body = max(r.size for r in runs if r.text.endswith("Zhang"))
        assert any(r.text == "†,*" and r.size < body for r in runs)  # the markers are set smaller
    else:
        assert fmt == "text", f"{fmt}: no check that the owner is set apart"
        pytest.skip("plain text has no bold")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--profile", "selected"], {0, 1, 5, 8}),
        (["--since", "2023"], {0, 1, 2, 5, 6}),
        (["--selected", "--until", "2023"], {8}),
    ],
)
def test_cli_profiles_give_exact_publication_sets(fmt: str, args: list[str], expected: set[int], tmp_path: Path) -> None:
    if fmt in ("pdf", "docx") and args[0] == "--selected":
        pytest.skip("one slow-format run per profile is enough")
    out = tmp_path / f"cv{registry.get(fmt).suffix}"
    result = CliRunner().invoke(cli, ["render", str(EXAMPLES / "sijia_liu.yaml"), "-f", fmt, "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    text = extract(fmt, out.read_bytes(), tmp_path, numbers=False)
    assert titles_in(text) == {PUBLICATION_TITLES[i] for i in expected}
    full = extract(fmt, rendered(fmt), tmp_path, numbers=False)
    assert len(normalise(text)) < len(normalise(full))


def test_cli_prints_document_warnings(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["render", str(EXAMPLES / "sijia_liu.yaml"), "-f", "text", "--profile",
                                      "biosketch", "-o", str(tmp_path / "b.txt")])
    assert result.exit_code == 0
    assert "Products Most Closely Related to the Proposed Project" in (tmp_path / "b.txt").read_text()
    source = tmp_path / "syn.yaml"  # no service and no 'synergistic' section: the document says so
    source.write_text("person: {name: Ada Quill}\nsettings: {profiles: {syn: {layout: synergistic}}}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["render", str(source), "-f", "text", "-p", "syn", "-o", str(tmp_path / "s.txt")])
    assert result.exit_code == 0
    assert f"warning: {source}: synergistic activities: none" in result.output


# --- the lab homepage ---------------------------------------------------------------------------

def parse_lab_list(md: str) -> list[tuple[str, list[tuple[str, str, bool, bool]]]]:
    """[(group, [(title, authors, bold names, starred names, award notes)…])] from a lab page's Markdown."""
    md = re.sub(r"<!--.*?-->", "", md, flags=re.S)
    groups: list = []
    for block in re.split(r"\n\s*\n", md):
        block = block.strip()
        heading = re.fullmatch(r"(?:\*\*(.+)\*\*|#{2,4} (.+))", block)
        if heading and not block.startswith("* "):
            groups.append((heading.group(1) or heading.group(2), []))
        elif block.startswith("* [") and groups:
            lines = [x.strip() for x in re.split(r"<br\s*/?>", block)]
            title = re.match(r"\* \[(.+?)\]\(", lines[0]).group(1)
            names = []
            for raw in lines[1].replace("<sup>", "").replace("</sup>", "").split(","):
                if raw.strip():
                    name = " ".join(raw.replace("**", "").replace("\\*", "").replace("\u2019", "'").split())  # typeset: fold
                    names.append((name, "**" in raw, "\\*" in raw))
            awards = re.findall(r"\(([^()]+)\)</span>", lines[2])
            groups[-1][1].append((title, tuple(names), tuple(awards)))
    return [(g, items) for g, items in groups if items]


def test_lab_markdown_reproduces_the_homepage_list(tmp_path: Path) -> None:
    out = tmp_path / "lab.md"
    result = CliRunner().invoke(cli, ["render", str(EXAMPLES / "optml_lab.yaml"), "--format", "markdown", "-o", str(out)])
    assert result.exit_code == 0, result.output
    seed_md = (SEEDS / "optml_lab_homepage.md").read_text()
    seed_list = seed_md.split("### Representative Publications")[1].split("### Sponsors")[0]
    ours = parse_lab_list(out.read_text())
    seed = parse_lab_list(seed_list)
    assert len(seed) == 2 and sum(len(items) for _, items in seed) == 12
    assert [g for g, _ in ours] == [g for g, _ in seed]
    assert ours == seed  # same titles, authors, bold members, equal-contribution marks, award notes
    # The legend's straight quotes come out curly (issue 21).
    assert "Authors marked in **bold** indicate our group members, and \u201c\\*\u201d indicates equal contribution." in out.read_text()


def test_lab_fragment_has_bold_group_headings() -> None:
    from cvgen.backends.base import RenderOptions

    md = cvgen.render(EXAMPLES / "optml_lab.yaml", "markdown", options=RenderOptions(fragment=True)).decode()
    assert md.startswith("### Representative Publications\n")
    assert "**Trustworthy AI: Robustness, fairness, and model explanation**" in md
    assert "About Us" not in md


def test_scholar_profile_example(tmp_path: Path) -> None:
    md = cvgen.render(EXAMPLES / "scholar_profile.yaml", "markdown", profile="web").decode()
    assert md.count("> **Abstract.**") == 26
    assert "h-index 27, i10-index 41, 26 papers (as of September 1, 2025)" in md
    assert "…, **A.\u00a0Quillfeather**, et al." in md
    assert "**B. Quillfeather**" not in md  # another Quillfeather is not the owner
    assert re.findall(r"^\* (\d+)\\\. ", md, flags=re.M) == [str(n) for n in range(26, 0, -1)]
    plain_text = cvgen.render(EXAMPLES / "scholar_profile.yaml", "text", profile="recent").decode()
    assert "Abstract:" not in plain_text
    assert "March 27, 2022" not in plain_text and "January 15, 2025" in plain_text
