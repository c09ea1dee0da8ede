"""``cvgen validate``: check CV files (or a department's records and their map) without rendering."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from cvgen.cli.common import EXIT_INPUT, report

EPILOG = """\b
Examples:
  cvgen validate cv.yaml other.yaml
  cvgen validate --data faculty.csv --map map.yaml     # every record, as it would render
"""


@click.command("validate", epilog=EPILOG)
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--profile", help="Also check that this profile can be prepared.")
@click.option("--allow", "allow", multiple=True, type=click.Path(file_okay=False),
              help="A folder files named in the CV may also come from (repeatable); by default only the CV's own.")
@click.option("--data", type=click.Path(dir_okay=False), help="A .csv or .json file of records (with --map).")
@click.option("--map", "map_", type=click.Path(dir_okay=False), help="The map from the records' columns to CV fields.")
@click.option("--base", "bases", multiple=True, type=click.Path(file_okay=False), help="A folder where base files may sit.")
def command(
    files: tuple[str, ...], profile: str | None, allow: tuple[str, ...], data: str | None, map_: str | None,
    bases: tuple[str, ...],
) -> None:
    """Check CV files: every problem is listed as FILE:LINE:COL: field: message."""
    roots = tuple(Path(a) for a in (*allow, *bases))
    if not (files or data or map_):
        raise click.UsageError("Missing argument 'FILES...' (or --data and --map).", click.get_current_context())
    if bool(data) != bool(map_) or (data and files):
        raise click.UsageError("name CV files, or --data and --map together", click.get_current_context())
    status = 0
    for name, source in _sources(files, data, map_, roots):
        try:
            loaded = _check(source, profile, roots)
        except Exception as exc:  # noqa: BLE001 - reported, never a traceback
            status = max(status, report(exc))
            continue
        cv = loaded.cv
        click.echo(f"{name}: ok ({len(cv.publications)} publications, {len(cv.talks)} talks)")
    if status:
        raise click.exceptions.Exit(EXIT_INPUT if status == EXIT_INPUT else status)


def _sources(files: tuple[str, ...], data: str | None, map_: str | None, roots: tuple[Path, ...]) -> list[tuple[str, Any]]:
    """(name shown, source) for each CV file, or each record of the data file poured into the map."""
    if not data:
        return [(name, name) for name in files]
    from cvgen.loader.mapping import load_map
    from cvgen.loader.record_source import sources
    from cvgen.loader.records import read_table

    try:
        table = read_table(data)
        records = sources(table, load_map(map_ or ""), (*((table.folder,) if table.folder else ()), *roots))
    except Exception as exc:  # noqa: BLE001 - a bad data file or map: reported, never a traceback
        raise click.exceptions.Exit(report(exc)) from None
    return [(f"{s.label} ({s.person_name or s.stem})", s) for s in records]


def _check(source: Any, profile: str | None, roots: tuple[Path, ...]) -> Any:
    from cvgen.loader import load_cv
    from cvgen.loader.record_source import RecordSource
    from cvgen.view import ViewOptions, prepare

    loaded = source.load(roots) if isinstance(source, RecordSource) else load_cv(source, allow=roots)
    prepare(loaded, ViewOptions(profile=profile))
    return loaded
