"""An imported CV renders in every format with the owner in bold and the metrics line filled.

The expected metrics sentence is the OpenAlex documentation's example author (4215 citations,
h-index 20, i10-index 30, 49 works) in cvgen's documented default wording."""

from __future__ import annotations

import io
import re
import subprocess

import pytest

from cvgen.api import render
from cvgen.backends import registry
from cvgen.interop.yaml_out import dump_yaml
from cvgen.loader import load_text
from tests.conftest import require_program
from tests.interop.scholarly.test_services import imported

pytestmark = pytest.mark.e2e

# png is a picture of the pdf format, whose text is checked here; pixels have no text to read back.
FORMATS = [n for n in registry.names() if n != "png" and registry.get(n).check() is None]
METRICS = "4215 citations, h-index 20, i10-index 30, 49 papers according to OpenAlex as of July 1, 2024."


@pytest.fixture
def cv(priem, tmp_path):
    data, _ = imported(tmp_path, "openalex", "A5023888391", also=["arxiv"])
    return load_text(dump_yaml(data), "<imported>")


def _pdf_runs(data: bytes) -> list[tuple[str, bool]]:
    import pypdf

    runs: list[tuple[str, bool]] = []

    def visit(text, cm, tm, font, size) -> None:
        if font is not None and text.strip():
            runs.append((text.strip(), "Bold" in str(font.get("/BaseFont"))))

    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        page.extract_text(visitor_text=visit)
    return runs


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("fmt", FORMATS)
def test_imported_cv_renders_owner_bold_and_metrics(cv, fmt, tmp_path):
    data = render(cv, fmt)
    if fmt in ("pdf", "pdf-typst"):
        path = tmp_path / "cv.pdf"
        path.write_bytes(data)
        text = subprocess.run([require_program("pdftotext"), str(path), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert METRICS in _flat(text)
        runs = _pdf_runs(data)
        assert sum(1 for t, bold in runs if bold and t.startswith("Jason Priem")) >= 3
        assert not any(bold and t.startswith(("Heather Piwowar", "Richard Orr")) for t, bold in runs)
    elif fmt == "docx":
        import docx

        doc = docx.Document(io.BytesIO(data))
        assert METRICS in _flat(" ".join(p.text for p in doc.paragraphs))
        runs = [r for p in doc.paragraphs for r in p.runs]
        strong = [r.text for r in runs if r.bold or (r.style is not None and r.style.name == "CV Owner")]
        assert strong.count("Jason Priem") == 3 and "Heather Piwowar" not in strong
    elif fmt == "html":
        html = data.decode()
        assert html.count('<strong class="owner">Jason Priem</strong>') == 3
        assert METRICS in _flat(re.sub(r"<[^>]+>", "", html))
    elif fmt == "latex":
        tex = data.decode()
        assert tex.count(r"\cvowner{Jason Priem}") == 3 and r"\cvowner{Heather" not in tex
        assert "4215 citations, h-index 20, i10-index 30, 49 papers according to" in _flat(tex)
    elif fmt == "markdown":
        md = data.decode()
        assert md.count("**Jason Priem**") == 3
        assert "4215 citations, h-index 20, i10-index 30, 49 papers according to [**OpenAlex**](https://openalex.org/A5023888391) as of July 1, 2024." in md
    else:  # plain text has no bold; the link's address follows its label
        assert ("4215 citations, h-index 20, i10-index 30, 49 papers according to OpenAlex "
                "(https://openalex.org/A5023888391) as of July 1, 2024.") in _flat(data.decode())


def test_imported_latex_compiles(cv, tmp_path):
    tex = tmp_path / "cv.tex"
    tex.write_bytes(render(cv, "latex"))
    result = subprocess.run([require_program("xelatex"), "-interaction=nonstopmode", "-halt-on-error", tex.name],
                            cwd=tmp_path, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stdout[-2000:]


@pytest.mark.parametrize(
    ("fixture_name", "args", "owner", "metrics"),
    [
        ("carberry", ("orcid", "0000-0002-1825-0097"), "Josiah Carberry", "3 papers according to ORCID as of July 1, 2024."),
        ("szalay", ("dblp", "s/AlexanderSSzalay"), "Alexander S. Szalay", "2 papers according to DBLP as of July 1, 2024."),
        ("prendergast", ("arxiv", "cond-mat/0102536", "--with", "crossref", "--owner", "J. C. Greer"), "J. C. Greer",
         "58 citations, h-index 1, i10-index 1, 1 papers according to Crossref (per-paper counts) as of July 1, 2024."),
    ],
    ids=["orcid", "dblp", "arxiv+crossref"],
)
def test_every_import_renders_with_owner_bold_and_metrics(request, fixture_name, args, owner, metrics, tmp_path):
    from click.testing import CliRunner

    from cvgen.cli import cli

    request.getfixturevalue(fixture_name)
    out = tmp_path / "cv.yaml"
    result = CliRunner().invoke(cli, ["import", *args, "--as-of", "2024-07-01", "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = render(load_text(out.read_text(encoding="utf-8"), str(out)), "html").decode()
    # The view ties initials to the surname with a no-break space (issue 21).
    assert f'<strong class="owner">{owner}</strong>' in html.replace("\u00a0", " ")
    assert metrics in _flat(re.sub(r"<[^>]+>", "", html))
