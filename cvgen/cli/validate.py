"""``cvgen validate``: check CV files without rendering."""

from __future__ import annotations

import click

from cvgen.cli.common import EXIT_INPUT, report


@click.command("validate", epilog="\b\nExample:\n  cvgen validate cv.yaml other.yaml")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--profile", help="Also check that this profile can be prepared.")
@click.option("--allow", "allow", multiple=True, type=click.Path(file_okay=False),
              help="A folder files named in the CV may also come from (repeatable); by default only the CV's own.")
def command(files: tuple[str, ...], profile: str | None, allow: tuple[str, ...]) -> None:
    """Check CV files: every problem is listed as FILE:LINE:COL: field: message."""
    from cvgen.loader import load_cv
    from cvgen.view import ViewOptions, prepare

    status = 0
    for name in files:
        try:
            cv = (loaded := load_cv(name, allow=allow)).cv
            prepare(loaded, ViewOptions(profile=profile))
        except Exception as exc:  # noqa: BLE001 - reported, never a traceback
            status = max(status, report(exc))
            continue
        click.echo(f"{name}: ok ({len(cv.publications)} publications, {len(cv.talks)} talks)")
    if status:
        raise click.exceptions.Exit(EXIT_INPUT if status == EXIT_INPUT else status)
