"""`cvgen validate` and `cvgen render` on every hostile loading case: exit 2, located lines, nothing written."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cvgen.cli import cli
from tests.loader.cases import CASES, PERSON, Case, billion_laughs, deep_nesting

OLD_OUTPUT = b"<p>an older, good CV</p>\n"


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("CVGEN_DEBUG", raising=False)
    return CliRunner()


def _expected_line(case: Case, path: Path) -> re.Pattern[str]:
    """FILE:LINE:COL: field.path: message (or FILE: message for whole-file problems)."""
    where = re.escape(str(path))
    where += f":{case.line}:\\d+" if case.line is not None else r"(:\d+:\d+)?"
    field = f"{re.escape(case.path)}: " if case.path else r"([\w.\[\]]+: )?"
    return re.compile(f"^{where}: {field}.*{re.escape(case.message)}", re.MULTILINE)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_validate_reports_located_problem(case: Case, tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "cv.yaml"
    path.write_bytes(case.data)
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert _expected_line(case, path).search(result.stderr), result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_render_writes_nothing_and_keeps_an_older_output(case: Case, tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "cv.yaml"
    path.write_bytes(case.data)
    fresh = tmp_path / "fresh.html"
    result = runner.invoke(cli, ["render", str(path), "--format", "html", "-o", str(fresh)])
    assert result.exit_code == 2, result.output
    assert _expected_line(case, path).search(result.stderr), result.stderr
    assert "Traceback" not in result.output
    assert not fresh.exists()

    older = tmp_path / "older.html"
    older.write_bytes(OLD_OUTPUT)
    before = older.stat().st_mtime_ns
    result = runner.invoke(cli, ["render", str(path), "--format", "html", "-o", str(older)])
    assert result.exit_code == 2
    assert older.read_bytes() == OLD_OUTPUT and older.stat().st_mtime_ns == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cv.yaml", "older.html"]  # no temporary files left


def test_validate_lists_every_problem_and_a_count(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "cv.yaml"
    path.write_text("person:\n  name: ''\npublicatons: []\nhonors:\n  - {title: Prize, date: 2024-13}\n", encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert [line.split(": ")[0] for line in lines[:3]] == [f"{path}:2:9", f"{path}:3:1", f"{path}:5:26"]
    assert lines[3] == "3 problems found; nothing was written."


def test_validate_several_files_reports_each(tmp_path: Path, runner: CliRunner, example_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(PERSON + "publicatons: []\n", encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(example_path), str(bad)])
    assert result.exit_code == 2
    assert f"{example_path}: ok (10 publications, 7 talks)" in result.stdout
    assert f"{bad}:3:1: publicatons: unknown field" in result.stderr


def test_validate_example_is_ok(example_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["validate", str(example_path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"{example_path}: ok (10 publications, 7 talks)"
    assert result.stderr == ""


def test_validate_checks_the_profile(example_path: Path, runner: CliRunner) -> None:
    assert runner.invoke(cli, ["validate", str(example_path), "--profile", "selected"]).exit_code == 0
    result = runner.invoke(cli, ["validate", str(example_path), "--profile", "nonexistent"])
    assert result.exit_code != 0
    assert "nonexistent" in result.output and "Traceback" not in result.output


def test_big_file_is_refused_before_rendering(tmp_path: Path, runner: CliRunner) -> None:
    """BAD_INPUTS 16 through the CLI: a 50 MB file, answered at once, nothing written."""
    path = tmp_path / "big.yaml"
    with path.open("wb") as f:
        f.write(PERSON.encode() + b"summary: ")
        f.write(b"x" * (50 * 1024 * 1024) + b"\n")
    out = tmp_path / "big.html"
    start = time.perf_counter()
    result = runner.invoke(cli, ["render", str(path), "--format", "html", "-o", str(out)])
    assert time.perf_counter() - start < 2
    assert result.exit_code == 2
    assert re.search(rf"^{re.escape(str(path))}: file is [\d,]+ bytes; the limit is", result.stderr, re.MULTILINE)
    assert not out.exists()


def test_ten_million_character_field_is_refused(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "long.yaml"
    path.write_text(PERSON + "summary: " + "x" * 10_000_000 + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 2 and "the limit is" in result.stderr


HOSTILE_FOR_SUBPROCESS = {
    "billion-laughs": PERSON + billion_laughs(),
    "recursive-alias": PERSON + "summary: &x [*x]\n",
    "deep-nesting": deep_nesting(),
    "python-tag": "person: !!python/object/apply:os.system ['touch PWNED']\n",
    "list-key": "[]: r\n",
}


def test_real_command_exits_2_without_traceback(tmp_path: Path) -> None:
    """The installed `cvgen` program, in its own processes (run side by side to stay fast): no hang, no
    traceback, nothing executed, nothing written."""
    env = {k: v for k, v in os.environ.items() if k != "CVGEN_DEBUG"}
    cvgen = str(Path(sys.executable).with_name("cvgen"))
    runs: list[tuple[Path, Path, subprocess.Popen[str]]] = []
    for name, text in sorted(HOSTILE_FOR_SUBPROCESS.items()):
        folder = tmp_path / name
        folder.mkdir()
        path, out = folder / "cv.yaml", folder / "cv.html"
        path.write_text(text, encoding="utf-8")
        commands = [["validate", str(path)]]
        if name in ("billion-laughs", "python-tag"):  # render too; each process costs a second of CPU
            commands.append(["render", str(path), "--format", "html", "-o", str(out)])
        for args in commands:
            proc = subprocess.Popen([cvgen, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                    cwd=folder, env=env)
            runs.append((path, out, proc))
    for path, out, proc in runs:
        stdout, stderr = proc.communicate(timeout=60)
        assert proc.returncode == 2, stderr
        assert "Traceback" not in stdout + stderr
        assert re.search(rf"^{re.escape(str(path))}:\d+:\d+: ", stderr, re.MULTILINE), stderr
        assert not out.exists()
        assert not (path.parent / "PWNED").exists()
