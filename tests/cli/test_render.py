"""`cvgen render` format selection: aliases, "all", and formats that would overwrite each other."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cvgen.cli import cli
from cvgen.cli.render import expand_formats


def test_all_is_the_four_main_formats() -> None:
    assert expand_formats("all") == ["pdf", "docx", "latex", "html"]


def test_aliases_and_duplicates_collapse() -> None:
    assert expand_formats("tex, latex,word") == ["latex", "docx"]


def test_two_formats_with_one_suffix_are_refused(example_path: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["render", str(example_path), "-f", "pdf,pdf-typst", "-o", f"{tmp_path}/out/"])
    assert result.exit_code == 2
    assert "both write .pdf" in result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
