"""``cvgen import`` and ``cvgen export`` through the real command line, and an imported CV rendered."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from cvgen.cli import cli
from cvgen.loader import load_file
from cvgen.model.markup import plain

FIXTURES = __import__("pathlib").Path(__file__).resolve().parent.parent / "fixtures" / "interop"


@pytest.fixture
def runner():
    return CliRunner()


def test_import_bibtex_writes_a_valid_cv_and_warns_on_stderr(runner, tmp_path):
    out = tmp_path / "cv.yaml"
    result = runner.invoke(cli, ["import", "bibtex", str(FIXTURES / "messy.bib"), "-o", str(out), "--owner", "Sijia Liu"])
    assert result.exit_code == 0, result.output
    assert "warning:" in result.stderr and "messy.bib:29: misplaced2018" in result.stderr
    assert "7 publications of 7 entries" in result.stderr
    cv = load_file(out)
    assert cv.person.name == "Sijia Liu" and len(cv.publications) == 7
    check = runner.invoke(cli, ["validate", str(out)])
    assert check.exit_code == 0 and "ok (7 publications" in check.output


def test_import_bibtex_publications_only_to_stdout(runner):
    result = runner.invoke(cli, ["import", "bibtex", str(FIXTURES / "messy.bib"), "--publications-only"])
    assert result.exit_code == 0
    assert result.stdout.count("\n- title:") == 7 and "person:" not in result.stdout


def test_import_rendercv_and_render_html(runner, tmp_path):
    out = tmp_path / "cv.yaml"
    result = runner.invoke(cli, ["import", "rendercv", str(FIXTURES / "John_Doe_ClassicTheme_CV_v2.8.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "read as RenderCV" in result.stderr and "theme: classic" in out.read_text(encoding="utf-8")
    rendered = runner.invoke(cli, ["render", str(out), "--format", "html", "-o", str(tmp_path / "cv.html")])
    assert rendered.exit_code == 0, rendered.output
    html = (tmp_path / "cv.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    for fact in ("John Doe", "Princeton University", "Nexus AI", "Welcome to RenderCV", "Invited Talks",
                 "Sparse Mixture-of-Experts at Scale", "US Patent 11,234,567"):
        assert fact in text.replace("&amp;", "&"), fact


def test_import_jsonresume(runner, tmp_path):
    out = tmp_path / "cv.yaml"
    result = runner.invoke(cli, ["import", "jsonresume", str(FIXTURES / "sample.resume.json"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert load_file(out).person.name == "Richard Hendriks"


def test_broken_inputs_exit_2_without_traceback(runner, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    result = runner.invoke(cli, ["import", "jsonresume", str(bad)])
    assert result.exit_code == 2 and "Traceback" not in result.output and "bad.json:1:2" in result.stderr
    tagged = tmp_path / "tagged.yaml"
    tagged.write_text("cv:\n  name: X\n  sections: !include other.yaml\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", "rendercv", str(tagged)])
    assert result.exit_code == 2 and "tagged.yaml:3:" in result.stderr and "!include" in result.stderr


def test_export_bibtex_csl_and_jsonresume(runner, tmp_path, example_path, example_cv):
    bib = tmp_path / "p.bib"
    assert runner.invoke(cli, ["export", "bibtex", str(example_path), "-o", str(bib)]).exit_code == 0
    text = bib.read_text(encoding="utf-8")
    assert text.count("\n@") == len(example_cv.publications) and "author+an" in text
    back = runner.invoke(cli, ["import", "bibtex", str(bib), "--owner", "Sijia Liu", "-o", str(tmp_path / "b.yaml")])
    assert back.exit_code == 0
    titles = [plain(p.title) for p in load_file(tmp_path / "b.yaml").publications]
    assert titles == [plain(p.title) for p in example_cv.publications]

    csl = runner.invoke(cli, ["export", "csl-json", str(example_path)])
    assert csl.exit_code == 0 and len(json.loads(csl.stdout)) == len(example_cv.publications)
    resume = runner.invoke(cli, ["export", "jsonresume", str(example_path)])
    assert resume.exit_code == 0 and json.loads(resume.stdout)["basics"]["name"] == "Sijia Liu"
