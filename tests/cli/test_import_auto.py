"""``cvgen import FILE``: the format detected from the content; files beside the CV; checked output; the report."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cvgen.cli import cli
from cvgen.interop.detect import detect
from cvgen.interop.json_positions import json_positions
from cvgen.loader import load_file

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
INTEROP = FIXTURES / "interop"
SVG_CV = INTEROP / "rendercv_svg"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize(("path", "found", "said"), [
    (INTEROP / "messy.bib", "bibtex", "BibTeX"),
    (INTEROP / "John_Doe_ClassicTheme_CV_v2.8.yaml", "rendercv", "RenderCV"),
    (INTEROP / "sample.resume.json", "jsonresume", "JSON Resume"),
    (FIXTURES / "alfolio" / "small" / "_data" / "cv.yml", "alfolio", "al-folio cv.yml"),
])
def test_a_bare_file_is_imported_as_the_format_its_content_has(runner, tmp_path, path, found, said):
    assert detect(path.read_text(encoding="utf-8"))[0] == found
    out = tmp_path / "cv.yaml"
    result = runner.invoke(cli, ["import", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{path}: detected {said} (" in result.stderr
    assert f"{path}: read as {said}" in result.stderr
    load_file(out)


def test_al_folio_bib_with_front_matter_is_still_bibtex():
    text = "---\n---\n\n@string{aps = {American Physical Society,}}\n@article{a, title={T}, author={A, B}, year={2020}}\n"
    assert detect(text)[0] == "bibtex"


def test_the_named_subcommand_always_wins(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("bibtex").write_text("@article{x, title={T}, author={Doe, Jane}, year={2020}}\n", encoding="utf-8")
    shutil.copy(INTEROP / "sample.resume.json", "resume.json")
    result = runner.invoke(cli, ["import", "bibtex", "resume.json"])  # a file named "bibtex" is here, too
    assert "detected" not in result.stderr  # the subcommand ran: no detection message
    assert result.exit_code == 0 and "read as BibTeX" in result.stderr


def test_an_unknown_format_exits_2_and_names_the_subcommands(runner, tmp_path):
    odd = tmp_path / "notes.txt"
    odd.write_text("just some notes\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", str(odd)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"{odd}: cannot tell the format" in result.stderr and "cvgen import bibtex|rendercv|jsonresume|alfolio" in result.stderr


def test_the_report_counts_kinds_and_names_what_went_where(runner, tmp_path):
    result = runner.invoke(cli, ["import", "rendercv", str(INTEROP / "John_Doe_ClassicTheme_CV_v2.8.yaml"),
                                 "-o", str(tmp_path / "cv.yaml")])
    assert result.exit_code == 0, result.output
    head = result.stderr.splitlines()[0]
    assert "read as RenderCV; imported" in head and "education" in head and "positions" in head
    assert "'Education' → education" in result.stderr
    # the warnings point into the RenderCV file, at the line of what was not carried over
    v23 = INTEROP / "John_Doe_ClassicTheme_CV_v2.3.yaml"
    older = runner.invoke(cli, ["import", "rendercv", str(v23), "-o", str(tmp_path / "old.yaml")])
    lines = v23.read_text(encoding="utf-8").splitlines()
    fonts = next(w for w in older.stderr.splitlines() if ": design.text: layout and typography" in w)
    line = int(fonts.split(".yaml:")[1].split(":")[0])
    assert lines[line - 1].strip() == "text:"


def test_json_positions_point_at_each_value():
    text = '{\n  "basics": {"name": "A"},\n  "work": [\n    {"name": "X",\n     "url": "nope"}\n  ]\n}\n'
    pos = json_positions(text)
    assert pos[("basics", "name")] == (2, 22)
    assert pos[("work", 0, "url")] == (5, 13)


def test_a_photo_is_copied_beside_the_output_and_named_by_its_file_name(runner, tmp_path):
    out = tmp_path / "elsewhere" / "cv.yaml"
    out.parent.mkdir()
    result = runner.invoke(cli, ["import", "rendercv", str(SVG_CV / "cv.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (out.parent / "photo.svg").read_bytes() == (SVG_CV / "photo.svg").read_bytes()
    assert load_file(out).person.photo == "photo.svg"
    check = runner.invoke(cli, ["validate", str(out)])
    assert check.exit_code == 0, check.output
    # what the sanitiser removed is reported about the source file, not about a staging folder
    assert f"{SVG_CV / 'cv.yaml'}: person.photo: removed from the SVG" in result.stderr
    assert "cvgen-import-" not in result.stderr


def test_a_different_file_of_the_same_name_is_never_overwritten(runner, tmp_path):
    (tmp_path / "photo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/>", encoding="utf-8")
    before = (tmp_path / "photo.svg").read_bytes()
    result = runner.invoke(cli, ["import", "rendercv", str(SVG_CV / "cv.yaml"), "-o", str(tmp_path / "cv.yaml")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "photo.svg").read_bytes() == before
    assert load_file(tmp_path / "cv.yaml").person.photo == "photo-2.svg"


def test_a_photo_outside_the_folder_never_appears_as_a_path(runner, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    text = (SVG_CV / "cv.yaml").read_text(encoding="utf-8").replace("photo: photo.svg", "photo: ../pics/me.svg")
    (src / "cv.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "pics").mkdir()
    shutil.copy(SVG_CV / "photo.svg", tmp_path / "pics" / "me.svg")
    out = tmp_path / "out" / "cv.yaml"
    out.parent.mkdir()
    result = runner.invoke(cli, ["import", "rendercv", str(src / "cv.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert load_file(out).person.photo == "me.svg" and (out.parent / "me.svg").is_file()


def test_a_missing_photo_is_reported_and_left_out(runner, tmp_path):
    text = (SVG_CV / "cv.yaml").read_text(encoding="utf-8").replace("photo: photo.svg", "photo: gone.png")
    (tmp_path / "cv.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = runner.invoke(cli, ["import", "rendercv", str(tmp_path / "cv.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "person.photo:" in result.stderr and "gone.png does not exist; not carried over" in result.stderr
    assert load_file(out).person.photo is None


def test_an_import_that_would_not_validate_exits_2_naming_the_source(runner, tmp_path):
    text = (SVG_CV / "cv.yaml").read_text(encoding="utf-8").replace("photo: photo.svg", "photo: broken.svg")
    (tmp_path / "cv.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "broken.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'><rect", encoding="utf-8")
    out = tmp_path / "out" / "cv.yaml"
    out.parent.mkdir()
    result = runner.invoke(cli, ["import", "rendercv", str(tmp_path / "cv.yaml"), "-o", str(out)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"{tmp_path / 'cv.yaml'}: person.photo: photo 'broken.svg' is not a usable SVG" in result.stderr
    assert not out.exists() and not (out.parent / "broken.svg").exists()  # nothing written


def test_stdout_keeps_paths_inside_the_current_folder(runner, tmp_path, monkeypatch):
    shutil.copytree(SVG_CV, tmp_path / "rcv")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["import", "rendercv", "rcv/cv.yaml"])
    assert result.exit_code == 0, result.output
    assert "photo: rcv/photo.svg" in result.stdout


def test_a_json_resume_image_file_becomes_the_photo(runner, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(SVG_CV / "photo.svg", site / "prof_pic.svg")
    (site / "resume.json").write_text('{"basics": {"name": "Ana Souza", "image": "prof_pic.svg"}}', encoding="utf-8")
    out = tmp_path / "cv" / "cv.yaml"
    result = runner.invoke(cli, ["import", str(site / "resume.json"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert load_file(out).person.photo == "prof_pic.svg" and (out.parent / "prof_pic.svg").is_file()
