"""``cvgen update``: keep CVs current from their scholarly profiles, leaving what the user wrote alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from cvgen.cli.common import EXIT_INPUT, handles_errors, report

EPILOG = """\b
Examples:
  cvgen update cv.yaml --dry-run          # show what would change
  cvgen update cv.yaml                    # add new works, refresh counts and metrics
  cvgen update cv.yaml --from openalex:A5023888391
  cvgen update lab/*.yaml                 # several CVs, a summary for each
  cvgen update cv.yaml --force title      # take the service's titles over your edits

\b
Fields you edited by hand are kept (compared with the values recorded at the last sync);
works you deleted are recorded in sync.ignored and never added again. Nothing is written
when a service cannot be reached. Responses are cached for a day (--refresh to ask again).
"""


@click.command("update", epilog=EPILOG)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, exists=False))
@click.option("--from", "source", metavar="SERVICE[:ID]",
              help="orcid, openalex or dblp, optionally with the id (default: the profile the file names).")
@click.option("--with", "also", multiple=True, metavar="SERVICE",
              help="Also consult openalex, crossref, arxiv, orcid or dblp:PID, as cvgen import does.")
@click.option("--dry-run", is_flag=True, help="Show the changes as a diff; write nothing.")
@click.option("--force", multiple=True, metavar="FIELD",
              help="Refresh FIELD (title, venue, citations, ...) even where you edited it by hand.")
@click.option("--as-of", metavar="DATE", help="Date recorded as the sync date (default: today).")
@click.option("--mailto", envvar="CVGEN_MAILTO", metavar="EMAIL", help="Contact address sent to the services.")
@click.option("--offline", is_flag=True, help="Use cached responses only.")
@click.option("--refresh", is_flag=True, help="Ignore cached responses and ask the services again.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Seconds to wait for a service to answer.")
@handles_errors
def command(files: tuple[str, ...], dry_run: bool, **kw: Any) -> None:
    """Add new works, refresh citation counts and the metrics line of CVs made by cvgen import."""
    from cvgen.interop.scholarly.client import ScholarlyClient

    opts, client_options = _options(kw)
    status = 0
    with ScholarlyClient(client_options) as client:
        for name in files:
            try:
                _update_one(Path(name), opts, client, dry_run)
            except Exception as exc:  # noqa: BLE001 - reported per file; the other files still update
                status = max(status, report(exc))
    if status:
        raise click.exceptions.Exit(EXIT_INPUT if status == EXIT_INPUT else status)


def _options(kw: dict[str, Any]) -> tuple[Any, Any]:
    import datetime

    from cvgen.errors import UsageError
    from cvgen.interop.scholarly.client import ClientOptions, default_cache_dir
    from cvgen.interop.scholarly.records import iso_date
    from cvgen.interop.update.run import UpdateOptions

    as_of = kw["as_of"] or datetime.date.today().isoformat()
    if iso_date(*as_of.split("-")[:3]) != as_of:
        raise UsageError(f"--as-of {as_of!r} is not a date (YYYY-MM-DD)")
    if kw["offline"] and kw["refresh"]:
        raise UsageError("--offline and --refresh contradict each other; choose one")
    from cvgen.interop.update.fields import FORCEABLE

    unknown = sorted(set(kw["force"]) - set(FORCEABLE))
    if unknown:
        raise UsageError(f"--force {unknown[0]}: not a field cvgen update refreshes (one of: {', '.join(FORCEABLE)})")
    opts = UpdateOptions(source=kw["source"], also=list(kw["also"]), force=frozenset(kw["force"]), as_of=as_of)
    # An update should fail fast without a network: two quick retries, not the import's patient three.
    client = ClientOptions(mailto=kw["mailto"], cache_dir=None if kw["no_cache"] else default_cache_dir(),
                           offline=kw["offline"], refresh=kw["refresh"], read_timeout=kw["timeout"],
                           connect_timeout=min(5.0, kw["timeout"]), retries=2, backoff=0.5)
    return opts, client


def _update_one(path: Path, opts: Any, client: Any, dry_run: bool) -> None:
    """Read, update and (unless --dry-run) write one CV; a summary on stderr, the diff on stdout."""
    from cvgen.errors import UsageError
    from cvgen.interop.update.run import update_text
    from cvgen.loader.load import _read_file
    from cvgen.output import write_atomic

    text, filename, base_dir = _read_file(path)
    stamp = _stamp(path)
    bom = path.read_bytes()[:3] == b"\xef\xbb\xbf"
    crlf = "\r\n" in text  # edited with \n line ends, written back with the file's own
    result = update_text(text.replace("\r\n", "\n"), filename, opts, client, base_dir)
    for w in result.warnings:
        click.echo(f"warning: {filename}: {w}", err=True)
    if dry_run and result.changed:
        click.echo(_diff(text.replace("\r\n", "\n"), result.text, filename), nl=False)
    if result.changed and not dry_run:
        if _stamp(path) != stamp:  # saved in an editor while the services were asked: theirs wins
            raise UsageError(f"{filename} changed while it was being updated; nothing was written, run cvgen update again")
        out = result.text.replace("\n", "\r\n") if crlf else result.text
        write_atomic(path, (b"\xef\xbb\xbf" if bom else b"") + out.encode("utf-8"))  # write_atomic keeps the file's mode
    verb = "would update" if dry_run and result.changed else "updated" if result.changed else "up to date"
    click.echo(f"{filename}: {verb}", err=True)
    for line in result.summary:
        click.echo(f"  {line}", err=True)


def _stamp(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_mtime_ns, st.st_size


def _diff(old: str, new: str, filename: str) -> str:
    import difflib

    return "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                        f"{filename} (now)", f"{filename} (updated)"))
