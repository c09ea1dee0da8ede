"""Real files from other tools (tests/fixtures/real, tests/fixtures/alfolio/broquet) arrive whole.

Sources and licences: tests/fixtures/README.md and tests/fixtures/alfolio/README.md.

For each file: ``cvgen import FILE`` (format detected) writes a CV that validates; every entry of the
source is in it (counted from the source file itself, not from the importer); the owner is bold in
every publication that lists them; the PDF and ``--compile --engine xelatex`` succeed. Two files
render in the default suite; all of them with ``-m slow``.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from cvgen.cli import cli
from cvgen.loader import load_cv, load_file
from cvgen.model.markup import Strong, plain
from cvgen.view import ViewOptions, prepare
from tests.typo import folded

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
REAL = FIXTURES / "real"

# (source, owner's surname as the file writes it, how to count the source's entries)
CASES = [
    (REAL / "bib" / "denolle-pub.bib", "Denolle", "bib"),
    (REAL / "bib" / "amos-all.bib", "Amos", "bib"),
    (REAL / "bib" / "dacosta-papers.bib", "Costa", "bib"),
    (REAL / "bib" / "lealtaixe-mypubs.bib", "Leal-Taix", "bib"),
    (REAL / "rendercv" / "Marine_Denolle_CV_singlefile.yaml", "Denolle", "rendercv"),
    (REAL / "rendercv" / "fridljand_cv.yaml", "Fridljand", "rendercv"),
    (REAL / "jsonresume" / "jianwang-resume.json", "Wang", "jsonresume"),
    (FIXTURES / "alfolio" / "broquet", "Broquet", "alfolio"),
]
RENDERED_BY_DEFAULT = {"Marine_Denolle_CV_singlefile.yaml", "broquet"}


def _fold(text: str) -> str:
    """Accents and hyphen variants folded, for finding a surname in a raw author field."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\u2010\u2011\u2012\u2013-]", "-", text).lower()


def _source_entries(path: Path, how: str) -> int:
    """Entries in the source, counted from its text (BibTeX) or its data (YAML, JSON)."""
    if how == "bib":
        text = path.read_text(encoding="utf-8", errors="replace")
        types = re.findall(r"^\s*@+\s*([A-Za-z]+)\s*[{(]", text, re.M)
        return sum(1 for t in types if t.lower() not in ("string", "comment", "preamble"))
    if how == "alfolio":
        return _source_entries(path / "_bibliography" / "papers.bib", "bib")
    if how == "jsonresume":
        import json

        return len(json.loads(path.read_text(encoding="utf-8")).get("publications") or [])
    import yaml

    def authored(e: object) -> bool:
        return isinstance(e, dict) and any(a != "__HIDDEN__" for a in e.get("authors") or [])

    sections = yaml.safe_load(path.read_text(encoding="utf-8"))["cv"]["sections"]
    return sum(1 for entries in sections.values() if any(authored(e) for e in entries or [])
               for e in entries if isinstance(e, dict) and e.get("title") not in (None, "__HIDDEN__"))


def _is_publications(title: str) -> bool:
    return re.search(r"publication|paper|article|preprint|review|journal|conference|proceeding", title, re.I) is not None


def _walk(nodes):
    for node in nodes:
        yield node
        if isinstance(getattr(node, "children", None), tuple):
            yield from _walk(node.children)


def _slow_selected(config: pytest.Config) -> bool:
    return "slow" in (config.getoption("markexpr") or "")


@pytest.mark.parametrize(("source", "surname", "how"), CASES, ids=lambda v: v.name if isinstance(v, Path) else None)
def test_real_file_arrives_whole_with_the_owner_bold(tmp_path, source, surname, how):
    out = tmp_path / "cv.yaml"
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    cv = load_file(out)
    authored = list(cv.publications)
    kept_aside = [e for s in cv.custom_sections if s.title.endswith("(other)") and _is_publications(s.title)
                  for e in s.entries]  # entries a publication list cannot take (no date) stay, in their own section
    assert len(authored) + len(kept_aside) == _source_entries(source, how)

    items = [i for s in prepare(load_cv(out), ViewOptions()).sections if s.key == "publications" for i in s.items]
    assert len(items) == len(authored)
    for pub, item in zip(authored, items, strict=True):
        if not any(_fold(surname) in _fold(a.name) for a in pub.authors):
            continue  # the owner is not among this entry's authors (a talk, an edited volume)
        bold = [plain(n.children) for n in _walk(item.main) if isinstance(n, Strong) and n.role == "owner"]
        assert bold and _fold(surname) in _fold(bold[0]), plain(item.main)


RENDER_CASES = [c if c[0].name in RENDERED_BY_DEFAULT else pytest.param(*c, marks=pytest.mark.slow) for c in CASES]


@pytest.mark.parametrize(("source", "surname", "how"), RENDER_CASES, ids=lambda v: v.name if isinstance(v, Path) else None)
def test_real_file_renders_as_pdf_and_through_xelatex(request, tmp_path, source, surname, how):
    if source.name not in RENDERED_BY_DEFAULT and not _slow_selected(request.config):
        pytest.skip("rendered with -m slow (the default suite renders two of these files)")
    out = tmp_path / "cv.yaml"
    assert CliRunner().invoke(cli, ["import", str(source), "-o", str(out)]).exit_code == 0
    runner = CliRunner()
    pdf = runner.invoke(cli, ["render", str(out), "-f", "pdf", "-o", str(tmp_path / "weasy.pdf")])
    assert pdf.exit_code == 0, pdf.output
    (tmp_path / "tex").mkdir()
    tex = runner.invoke(cli, ["render", str(out), "-f", "latex", "--compile", "--engine", "xelatex",
                              "-o", str(tmp_path / "tex" / "cv.tex")])
    assert tex.exit_code == 0, tex.output
    titles = [" ".join(plain(p.title).split()[:4]) for p in load_file(out).publications]
    for made in (tmp_path / "weasy.pdf", tmp_path / "tex" / "cv.pdf"):  # every title reaches both PDFs
        text = subprocess.run(["pdftotext", str(made), "-"], capture_output=True, text=True, check=True).stdout
        text = folded(unicodedata.normalize("NFKC", text)).replace("-", "")  # TeX's ﬀ read as ff;
        # pdftotext drops the hyphen of a word broken at a line end ("AI-" / "ready" → "AIready");
        # folded: the view typesets quotes, dashes and "..." (issue 21)
        missing = [t for t in titles if folded(unicodedata.normalize("NFKC", t)).replace("-", "") not in text]
        assert missing == [], made.name
