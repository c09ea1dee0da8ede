"""``cvgen new``: a starter CV wired to the JSON Schema for editor completion."""

from __future__ import annotations

from pathlib import Path

import click

from cvgen.cli.common import handles_errors

STARTER = Path(__file__).resolve().parent.parent / "starter.yaml"


@click.command("new", epilog="\b\nExample:\n  cvgen new my_cv.yaml && cvgen render my_cv.yaml")
@click.argument("name", required=False, default="cv.yaml")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@handles_errors
def command(name: str, force: bool) -> None:
    """Write a starter CV (and cvgen.schema.json beside it for editor completion)."""
    from cvgen.errors import UsageError
    from cvgen.output import write_atomic
    from cvgen.schema import schema_text

    path = Path(name if name.endswith((".yaml", ".yml")) else f"{name}.yaml")
    if path.exists() and not force:
        raise UsageError(f"{path} exists; pass --force to overwrite it")
    write_atomic(path, STARTER.read_text(encoding="utf-8"))
    schema_path = path.parent / "cvgen.schema.json"
    write_atomic(schema_path, schema_text())
    click.echo(f"wrote {path} and {schema_path}\nnext: edit {path}, then run: cvgen render {path}")
