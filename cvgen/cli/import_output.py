"""What every ``cvgen import`` does last: check the YAML loads, then write it (or print it)."""

from __future__ import annotations

from pathlib import Path

import click


def emit(text: str, output: str | None, warnings: list[str], what: str) -> None:
    """Warnings to stderr, then the YAML to ``output`` (atomically) or to stdout."""
    from cvgen.output import write_atomic

    for w in warnings:
        click.echo(f"warning: {w}", err=True)
    if output:
        write_atomic(Path(output), text)
        click.echo(f"wrote {output} ({what}; {len(warnings)} warning{'s' if len(warnings) != 1 else ''})", err=True)
    else:
        click.echo(text, nl=False)


def check_loads(text: str, name: str) -> None:
    """The written YAML must load: a converter bug is reported, never a file cvgen cannot read."""
    from cvgen.loader import load_text

    load_text(text, name, base_dir=Path.cwd())
