"""The CLI's last line of defence: messages and exit statuses, never a traceback (unless debugging)."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from cvgen.cli import cli
from cvgen.cli.common import EXIT_INPUT, EXIT_OK, EXIT_RENDER, handles_errors, report
from cvgen.errors import InputError, Problem, RenderError, UsageError


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("CVGEN_DEBUG", raising=False)
    return CliRunner()


def _command(exc: BaseException) -> click.Command:
    @click.command()
    @handles_errors
    def boom() -> None:
        raise exc

    return boom


@pytest.mark.parametrize(
    ("exc", "status", "text"),
    [
        (InputError([Problem("cv.yaml", 3, 5, "person.name", "must not be empty")]), EXIT_INPUT,
         "cv.yaml:3:5: person.name: must not be empty\n1 problem found; nothing was written.\n"),
        (UsageError("unknown format 'nope'"), EXIT_INPUT, "error: unknown format 'nope'\n"),
        (RenderError("xelatex failed"), EXIT_RENDER, "error: xelatex failed\n"),
        (ZeroDivisionError("division by zero"), EXIT_RENDER,
         "error: internal error: ZeroDivisionError: division by zero (set CVGEN_DEBUG=1 for a traceback and please report it)\n"),
        (RecursionError("maximum recursion depth exceeded"), EXIT_RENDER, "error: internal error: RecursionError"),
    ],
)
def test_errors_become_messages_and_statuses(exc: BaseException, status: int, text: str, runner: CliRunner) -> None:
    result = runner.invoke(_command(exc), [])
    assert result.exit_code == status
    assert result.stderr.startswith(text)
    assert "Traceback" not in result.output


def test_keyboard_interrupt_says_nothing_partial_was_left(runner: CliRunner) -> None:
    result = runner.invoke(_command(KeyboardInterrupt()), [])
    assert result.exit_code == 130
    assert "interrupted" in result.stderr


def test_debug_mode_lets_the_traceback_through(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CVGEN_DEBUG", "1")
    result = CliRunner().invoke(_command(ZeroDivisionError("x")), [])
    assert isinstance(result.exception, ZeroDivisionError)


def test_report_counts_problems() -> None:
    problems = [Problem("cv.yaml", i, 1, "x", "bad") for i in range(1, 4)]
    assert report(InputError(problems)) == EXIT_INPUT
    assert EXIT_OK == 0


def test_unknown_format_is_a_usage_error(runner: CliRunner, example_path) -> None:
    result = runner.invoke(cli, ["render", str(example_path), "--format", "nope"])
    assert result.exit_code == EXIT_INPUT
    assert result.stderr.startswith("error: unknown format 'nope'")


def test_missing_input_file(runner: CliRunner, tmp_path) -> None:
    missing = tmp_path / "nope.yaml"
    for args in (["validate", str(missing)], ["render", str(missing), "--format", "html"]):
        result = runner.invoke(cli, args)
        assert result.exit_code == EXIT_INPUT
        assert f"{missing}: cannot read the CV: the path does not exist" in result.stderr


def test_output_in_a_missing_folder_creates_the_folder(runner: CliRunner, example_path, tmp_path) -> None:
    out = tmp_path / "missing" / "deeper" / "cv.html"
    result = runner.invoke(cli, ["render", str(example_path), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_output_folder_that_cannot_be_made_is_a_clear_error(runner: CliRunner, example_path, tmp_path) -> None:
    (tmp_path / "a_file").write_text("x", encoding="utf-8")
    out = tmp_path / "a_file" / "cv.html"
    result = runner.invoke(cli, ["render", str(example_path), "--format", "html", "-o", str(out)])
    assert result.exit_code == 1
    assert f"error: cannot create the folder {out.parent}" in result.stderr and "Traceback" not in result.output
    assert not out.exists()


def test_missing_argument_is_clicks_usage_message(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["validate"])
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr


def test_help_and_version(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in ("render", "validate", "new", "schema"):
        assert name in result.stdout
    assert "Examples:" in result.stdout
    from cvgen import __version__

    version = runner.invoke(cli, ["--version"])
    assert version.exit_code == 0 and __version__ in version.stdout
