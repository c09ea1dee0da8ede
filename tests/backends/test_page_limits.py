"""Funders' page limits, measured on the real rendered PDF (WeasyPrint), never estimated.

Over-long fixtures: an NIH biosketch whose honors push section B past five pages, and a
Synergistic Activities page whose five activities need more than one page. The section named
is checked against the PDF's own text (pypdf), not against the code's idea of it.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from cvgen.backends.pages import Measured, overflowing_section
from cvgen.cli import cli
from cvgen.errors import LimitError
from cvgen.pipeline import Job, run
from cvgen.view import ViewOptions

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def long_nih() -> dict[str, Any]:
    return {
        "person": {"name": "Ada Quill", "affiliations": [{"title": "Professor", "institution": "Example U"}]},
        "positions": [{"title": "Professor", "organization": "Example U", "start": 2020, "end": "present"}],
        "honors": [{"title": f"Award number {i} for work on a long and carefully named topic", "awarder": "A Society",
                    "date": 1900 + i} for i in range(260)],
        "biosketch": {"personal_statement": "I study things.", "contributions": [{"description": "Found things."}]},
        "settings": {"profiles": {"nih": {"layout": "nih-biosketch"}}},
    }


def long_synergistic() -> dict[str, Any]:
    sentence = "Led an outreach programme that brought research experiences to many students. "
    return {
        "person": {"name": "Ada Quill"},
        "custom_sections": [{"key": "synergistic", "title": "Synergistic Activities",
                             "entries": [{"title": f"Activity {i}. " + sentence * 16} for i in range(5)]}],
        "settings": {"profiles": {"syn": {"layout": "synergistic"}}},
    }


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def test_nih_over_five_pages_warns_naming_section_b() -> None:
    done = run(Job(long_nih(), (("pdf", None),), view=ViewOptions(profile="nih")))
    pages = pdf_pages(done.rendered[0].data)
    assert len(pages) > 5
    assert "Award number" in pages[5]  # page 6 continues the honors of section B
    assert "C. Contributions to Science" not in "".join(pages[:5])
    [warning] = [w for w in done.doc.warnings if "over the limit" in w]
    assert f"the PDF has {len(pages)} pages, over the limit of 5" in warning
    assert "'B. Positions, Scientific Appointments and Honors' runs past page 5" in warning


def test_synergistic_over_one_page_and_docx_alone_is_checked_too() -> None:
    done = run(Job(long_synergistic(), (("docx", None),), view=ViewOptions(profile="syn")))
    [warning] = [w for w in done.doc.warnings if "over the limit" in w]
    assert "over the limit of 1 (NSF Synergistic Activities: one page" in warning
    assert "'Synergistic Activities' runs past page 1" in warning


def test_strict_fails_and_writes_nothing(tmp_path: Path) -> None:
    from cvgen.backends.base import RenderOptions

    out = tmp_path / "syn.pdf"
    with pytest.raises(LimitError, match="runs past page 1"):
        run(Job(long_synergistic(), (("pdf", out),), view=ViewOptions(profile="syn"),
                options=RenderOptions(strict=True)))
    assert not out.exists()


def test_cli_strict_exit_status_and_message(tmp_path: Path) -> None:
    import yaml

    source = tmp_path / "syn.yaml"
    source.write_text(yaml.safe_dump(long_synergistic()), encoding="utf-8")
    result = CliRunner().invoke(cli, ["render", str(source), "-p", "syn", "-f", "pdf,docx", "-o", f"{tmp_path}/out/",
                                      "--strict"])
    assert result.exit_code == 2
    assert "'Synergistic Activities' runs past page 1" in result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    plain = CliRunner().invoke(cli, ["render", str(source), "-p", "syn", "-o", str(tmp_path / "s.pdf")])
    assert plain.exit_code == 0 and "runs past page 1" in plain.output and (tmp_path / "s.pdf").exists()


def test_within_the_limit_no_warning() -> None:
    done = run(Job(EXAMPLES / "grant_documents.yaml", (("pdf", None),), view=ViewOptions(profile="nih")))
    assert len(pdf_pages(done.rendered[0].data)) <= 5
    assert not [w for w in done.doc.warnings if "over the limit" in w]


def test_section_starting_at_the_top_of_the_first_page_over() -> None:
    m = Measured(3, (("A", 0), ("B", 1), ("C", 2)), ("Name", "B", "C"))
    assert overflowing_section(m, 2) == "C"  # page 3 begins with C's heading
    m = Measured(3, (("A", 0), ("B", 1), ("C", 2)), ("Name", "B", "more of B"))
    assert overflowing_section(m, 2) == "B"  # C starts lower down page 3; B's text runs onto it first
    assert overflowing_section(Measured(2, (), ("x", "y")), 1) is None


def test_the_last_page_never_holds_one_product_alone(example_path: Path) -> None:
    done = run(Job(example_path, (("pdf", None), ("docx", None)), view=ViewOptions(profile="biosketch")))
    pages = pdf_pages(done.rendered[0].data)
    assert len(pages) == 2
    numbered = [line for line in pages[-1].splitlines() if line[:2] in {f"{n}." for n in range(1, 6)}]
    assert len(numbered) == 2, pages[-1]
    document = docx.Document(io.BytesIO(done.rendered[1].data))
    products = [p for p in document.paragraphs if "S. Liu" in " ".join(p.text.split())]
    assert products[-2].paragraph_format.keep_with_next is True  # Word keeps the last two together too
    assert not products[-3].paragraph_format.keep_with_next


def test_typst_pdf_without_bookmarks_is_measured_from_its_text() -> None:
    done = run(Job(long_nih(), (("pdf-typst", None),), view=ViewOptions(profile="nih")))
    pages = pdf_pages(done.rendered[0].data)
    assert len(pages) > 5
    [warning] = [w for w in done.doc.warnings if "over the limit" in w]
    assert "'B. Positions, Scientific Appointments and Honors' runs past page 5" in warning
