"""``cvgen schema``: the JSON Schema of the CV format, generated from the model."""

from __future__ import annotations

import click

from cvgen.cli.common import handles_errors


@click.command("schema", epilog="\b\nExample:\n  cvgen schema -o cvgen.schema.json")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@handles_errors
def command(output: str | None) -> None:
    """Print the JSON Schema for CV files (for editors and validators)."""
    from cvgen.schema import schema_text

    text = schema_text()
    if output:
        from pathlib import Path

        from cvgen.output import write_atomic

        write_atomic(Path(output), text)
    else:
        click.echo(text, nl=False)
