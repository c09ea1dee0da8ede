"""Hardening II: the command line neither loses nor misplaces files, and outputs keep their modes (issue 15, items 6 and 8)."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cvgen.cli import cli
from cvgen.loader import load_file
from cvgen.output import write_atomic

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sijia_liu.yaml"


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("CVGEN_DEBUG", raising=False)
    return CliRunner()


@pytest.fixture
def cv(tmp_path: Path) -> Path:
    path = tmp_path / "cv.yaml"
    shutil.copy(EXAMPLE, path)
    return path


# ---------------------------------------------------------------- item 8: -o onto an input, -o -, -o newdir/


@pytest.mark.parametrize("args", [
    ["render", "{cv}", "-f", "html", "-o", "{cv}"],
    ["render", "{cv}", "-f", "markdown", "-o", "{link}"],
    ["export", "bibtex", "{cv}", "-o", "{cv}"],
    ["export", "jsonresume", "{cv}", "-o", "{cv}"],
    ["import", "rendercv", "{cv}", "-o", "{cv}"],
])
def test_writing_onto_the_source_is_refused_and_the_source_kept(runner, cv: Path, args: list[str]) -> None:
    link = cv.parent / "same.yaml"
    os.link(cv, link)  # another name for the same file is the same file
    before = cv.read_bytes()
    result = runner.invoke(cli, [a.format(cv=cv, link=link) for a in args])
    assert result.exit_code == 2, result.output
    assert "refusing to write" in result.stderr and "it is the input" in result.stderr
    assert cv.read_bytes() == before


def test_export_onto_the_bib_the_cv_reads_is_refused(runner, tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text("@article{k, title={T}, author={A. B}, journal={J}, year=2020}\n", encoding="utf-8")
    cv = tmp_path / "cv.yaml"
    cv.write_text("person:\n  name: A. B\npublications_from:\n  bibtex: refs.bib\n", encoding="utf-8")
    result = runner.invoke(cli, ["export", "bibtex", str(cv), "-o", str(tmp_path / "refs.bib")])
    assert result.exit_code == 2 and "refusing to write" in result.stderr
    assert "title={T}" in (tmp_path / "refs.bib").read_text(encoding="utf-8")


def test_dash_writes_standard_output_and_no_file(runner, cv: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    rendered = runner.invoke(cli, ["render", str(cv), "-f", "markdown", "-o", "-"])
    assert rendered.exit_code == 0, rendered.output
    assert rendered.stdout.startswith("---\ntitle: \"Sijia Liu") and "wrote" not in rendered.stdout
    exported = runner.invoke(cli, ["export", "bibtex", str(cv), "-o", "-"])
    assert exported.exit_code == 0 and exported.stdout.startswith("% Publications of Sijia Liu")
    assert not (tmp_path / "-").exists()


def test_dash_with_several_outputs_is_a_usage_error(runner, cv: Path) -> None:
    result = runner.invoke(cli, ["render", str(cv), "-f", "html,markdown", "-o", "-"])
    assert result.exit_code == 2 and "one CV in one format" in result.stderr


def test_pdf_to_standard_output_is_the_pdf(cv: Path, tmp_path: Path) -> None:
    """Through a real process: the bytes on stdout are the PDF, the messages are on stderr."""
    out = subprocess.run([sys.executable, "-m", "cvgen", "render", str(cv), "-o", "-"], capture_output=True,
                         timeout=300, check=False, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(b"%PDF-") and out.stdout.rstrip().endswith(b"%%EOF")


@pytest.mark.parametrize("args", [
    ["render", "{cv}", "-f", "html", "-o", "{out}/new/deeper/cv.html"],
    ["export", "csl-json", "{cv}", "-o", "{out}/new/deeper/cv.html"],
    ["import", "rendercv", "{rendercv}", "-o", "{out}/new/deeper/cv.html"],
])
def test_a_missing_output_folder_is_created(runner, cv: Path, tmp_path: Path, args: list[str]) -> None:
    rendercv = Path(__file__).resolve().parents[1] / "fixtures" / "interop" / "John_Doe_ClassicTheme_CV_v2.8.yaml"
    result = runner.invoke(cli, [a.format(cv=cv, out=tmp_path, rendercv=rendercv) for a in args])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "new" / "deeper" / "cv.html").stat().st_size > 0


# ---------------------------------------------------------------- item 8: cvgen new "Jane Q. Doe"


def test_new_with_a_person_name_writes_a_sane_file_with_that_name(runner, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["new", "Jane Q. Doe"])
    assert result.exit_code == 0, result.output
    cv = load_file(tmp_path / "jane_q_doe.yaml")
    assert cv.person.name == "Jane Q. Doe" and "Lovelace" not in (tmp_path / "jane_q_doe.yaml").read_text(encoding="utf-8")
    assert cv.person.name_variants == ("J. Q. Doe", "Doe, J.")
    assert "next: edit jane_q_doe.yaml, then run: cvgen render jane_q_doe.yaml" in result.stdout
    assert not list(tmp_path.glob("* *"))  # no file name with spaces


def test_new_quotes_a_file_name_that_needs_it_in_its_hint(runner, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["new", "my cv.yaml"])
    assert result.exit_code == 0, result.output
    assert "cvgen render 'my cv.yaml'" in result.stdout


def test_new_with_a_name_holding_yaml_syntax_reads_back_exactly(runner, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    name = 'Zoë "Z" O\'Neil: #1'
    result = runner.invoke(cli, ["new", name])
    assert result.exit_code == 0, result.output
    assert load_file(tmp_path / "zoe_z_o_neil_1.yaml").person.name == name


# ---------------------------------------------------------------- item 8: the Markdown fragment flag


def test_fragment_flag_gives_the_publication_list_alone(runner, cv: Path, tmp_path: Path) -> None:
    from cvgen import render
    from cvgen.backends.base import RenderOptions

    out = tmp_path / "pubs.md"
    result = runner.invoke(cli, ["render", str(cv), "-f", "markdown", "--fragment", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.encode("utf-8") == render(cv, "markdown", options=RenderOptions(fragment=True))
    assert "title:" not in text and "Publications" in text


# ---------------------------------------------------------------- item 6: modes


def test_an_existing_files_mode_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "cv.pdf"
    path.write_bytes(b"old")
    path.chmod(0o600)
    write_atomic(path, b"new")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and path.read_bytes() == b"new"


def test_a_new_file_gets_the_umask_default(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        write_atomic(tmp_path / "private.pdf", b"x")
        os.umask(0o022)
        write_atomic(tmp_path / "shared.pdf", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "private.pdf").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "shared.pdf").stat().st_mode) == 0o644


def test_render_export_and_import_keep_a_private_outputs_mode(runner, cv: Path, tmp_path: Path) -> None:
    outputs = {"cv.html": ["render", str(cv), "-f", "html"], "pubs.bib": ["export", "bibtex", str(cv)],
               "back.yaml": ["import", "bibtex", str(tmp_path / "pubs.bib")]}
    for name, args in outputs.items():
        out = tmp_path / name
        out.write_bytes(b"")
        out.chmod(0o600)
        result = runner.invoke(cli, [*args, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert stat.S_IMODE(out.stat().st_mode) == 0o600 and out.stat().st_size > 0, name
