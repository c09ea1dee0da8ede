"""`cvgen new`: a starter that validates with cvgen and with the JSON Schema it is wired to."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from cvgen.cli import cli
from cvgen.loader import load_file
from cvgen.schema import schema_text
from tests.cli.test_schema import editor_view


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("CVGEN_DEBUG", raising=False)
    return CliRunner()


def test_new_writes_a_starter_wired_to_its_schema(tmp_path: Path, runner: CliRunner) -> None:
    target = tmp_path / "my_cv.yaml"
    result = runner.invoke(cli, ["new", str(target)])
    assert result.exit_code == 0, result.output
    assert f"wrote {target}" in result.stdout

    text = target.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first == "# yaml-language-server: $schema=./cvgen.schema.json"
    schema_file = tmp_path / "cvgen.schema.json"
    assert schema_file.read_text(encoding="utf-8") == schema_text()

    cv = load_file(target)
    assert cv.person.name and cv.publications  # a useful starter, not an empty shell
    validator = jsonschema.Draft202012Validator(json.loads(schema_file.read_text(encoding="utf-8")))
    assert [e.message for e in validator.iter_errors(editor_view(text))] == []

    check = runner.invoke(cli, ["validate", str(target)])
    assert check.exit_code == 0, check.output


def test_new_adds_the_yaml_suffix(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["new", str(tmp_path / "cv")])
    assert result.exit_code == 0
    assert (tmp_path / "cv.yaml").is_file()


def test_new_defaults_to_cv_yaml_in_the_current_folder(tmp_path: Path, runner: CliRunner,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(cli, ["new"]).exit_code == 0
    assert (tmp_path / "cv.yaml").is_file() and (tmp_path / "cvgen.schema.json").is_file()


def test_new_never_overwrites_without_force(tmp_path: Path, runner: CliRunner) -> None:
    target = tmp_path / "cv.yaml"
    target.write_text("person: {name: Mine}\n", encoding="utf-8")
    result = runner.invoke(cli, ["new", str(target)])
    assert result.exit_code == 2
    assert "exists; pass --force" in result.stderr and "Traceback" not in result.output
    assert target.read_text(encoding="utf-8") == "person: {name: Mine}\n"

    assert runner.invoke(cli, ["new", str(target), "--force"]).exit_code == 0
    assert load_file(target).person.name != "Mine"


def test_new_into_a_missing_folder_is_a_clear_error(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["new", str(tmp_path / "nope" / "cv.yaml")])
    assert result.exit_code != 0
    assert result.stderr.startswith("error: ") and "Traceback" not in result.output
