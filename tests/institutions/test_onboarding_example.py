"""examples/onboarding: a data file, a map and a base file, rendered by the one command its map
names, with no Python written; what HR's spreadsheet says is in every CV."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

pytestmark = pytest.mark.e2e

FOLDER = EXAMPLES / "onboarding"
CVGEN = [sys.executable, "-m", "cvgen"]


def _command_in_map() -> list[str]:
    """The command the map's own comment tells the reader to run."""
    line = next(x for x in (FOLDER / "map.yaml").read_text().splitlines() if "cvgen render" in x)
    return line.split("cvgen", 1)[1].split()


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("onboarding") / "onboarding"
    shutil.copytree(FOLDER, work, ignore=shutil.ignore_patterns("out"))
    result = subprocess.run([*CVGEN, *_command_in_map()], cwd=work, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return work


def _docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode("utf-8")


def test_every_person_gets_a_pdf_and_a_word_file(rendered: Path) -> None:
    with open(FOLDER / "faculty.csv", newline="", encoding="utf-8") as fh:
        people = [row["name"] for row in csv.DictReader(fh)]
    out = rendered / "out"
    report = json.loads((out / "cvgen-report.json").read_text())
    assert [r["name"] for r in report["cvs"]] == people
    assert {r["status"] for r in report["cvs"]} == {"rendered"}
    for row in report["cvs"]:
        pdf, docx = (Path(p) if Path(p).is_absolute() else rendered / p for p in row["outputs"])
        assert pdf.read_bytes()[:5] == b"%PDF-" and zipfile.is_zipfile(docx)


def test_what_the_spreadsheet_says_is_in_the_cvs(rendered: Path) -> None:
    out = rendered / "out"
    text = subprocess.run(["pdftotext", str(out / "grace-hopper.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    for fact in ("Grace Hopper", "Assistant Professor", "Yale University", "ghopper@example.edu", "555 0101",
                 "APPOINTMENTS", "The Education of a Computer"):  # the base's title, set in capitals by the theme
        assert fact in text, fact
    ada = _docx_text(out / "ada-o-brien-co.docx")
    # literal, escaped once (the apostrophe may be set as ’ by the typography of the CV's language)
    assert "Statistics &lt;Data Science&gt;" in ada and ("O'Brien &amp; Co" in ada or "O\u2019Brien &amp; Co" in ada)
    yang = _docx_text(out / "chen-ning-yang.docx")
    assert "cnyang@example.edu" in yang and "yang@physics.example.edu" in yang  # one cell, split on ";"


def test_the_public_variant_has_no_phone_numbers(rendered: Path) -> None:
    result = subprocess.run([*CVGEN, "render", "--data", "faculty.csv", "--map", "map.yaml", "-f", "docx,markdown",
                             "--profile", "public", "-o", "public/"], cwd=rendered, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    for name in ("grace-hopper", "chen-ning-yang"):
        assert "555 010" not in (rendered / "public" / f"{name}.md").read_text()
        assert "555 010" not in _docx_text(rendered / "public" / f"{name}.docx")
    assert "ghopper@example.edu" in (rendered / "public" / "grace-hopper.md").read_text()
