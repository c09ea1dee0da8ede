"""`cvgen --help` and every subcommand's help show examples a newcomer can copy."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from cvgen.cli import cli


def test_main_help_has_examples() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.output and "cvgen render cv.yaml" in result.output


def _all_commands(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command path a user sees, nested groups included ("import bibtex"); hidden ones (the
    ``import FILE`` dispatcher, reached without its name) are covered by the group's help."""
    out = []
    for name, command in sorted(group.commands.items()):
        if command.hidden:
            continue
        out.append((*prefix, name))
        if isinstance(command, click.Group):
            out += _all_commands(command, (*prefix, name))
    return out


KNOWN_MISSING: set[str] = set()
"""Commands still without an example in their own help (reported to their owner; their group's help
has one). Remove a name once its help shows an example: the strict xfail then reminds you."""


@pytest.mark.parametrize("path", [
    pytest.param(p, marks=pytest.mark.xfail(strict=True, reason="no example yet; remove from KNOWN_MISSING when added"))
    if " ".join(p) in KNOWN_MISSING else p
    for p in _all_commands()
], ids=" ".join)
def test_subcommand_help_has_examples(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    name = " ".join(path)
    examples = result.output.split("Example", 1)
    assert len(examples) == 2, f"`cvgen {name} --help` shows no example: give the command an epilog"
    assert f"cvgen {name}" in examples[1], f"`cvgen {name} --help`'s example does not use cvgen {name}"
