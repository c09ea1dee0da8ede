"""``cvgen import orcid|openalex|dblp|doi|arxiv``: publication records from scholarly services."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from cvgen.cli.common import handles_errors

SERVICE_NAMES = {"orcid": "ORCID", "openalex": "OpenAlex", "dblp": "DBLP", "doi": "Crossref", "arxiv": "arXiv"}

SERVICE_EPILOG = """\b
Network use: only the named services are asked (see --with); responses are cached in
~/.cache/cvgen/scholarly for a day. --offline uses the cache only, --refresh ignores it.
Give a contact address with --mailto (or CVGEN_MAILTO): the services ask for one.
"""


def _options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The options every scholarly import shares."""
    opts = [
        click.option("-o", "--output", type=click.Path(dir_okay=False), help="YAML file to write (default: stdout)."),
        click.option("--owner", help="The CV owner's name as it heads the CV (default: the service's spelling)."),
        click.option("--with", "also", multiple=True, metavar="SERVICE",
                     help="Also consult openalex, crossref, arxiv, orcid or dblp:PID and merge what they know."),
        click.option("--abstracts", is_flag=True, help="Include abstracts."),
        click.option("--categories", is_flag=True, help="Include subject categories (arXiv's cs.LG, OpenAlex topics)."),
        click.option("--publications-only", is_flag=True, help="Write only the publications: list."),
        click.option("--mailto", envvar="CVGEN_MAILTO", metavar="EMAIL",
                     help="Contact address sent to the services, as their polite-use rules ask."),
        click.option("--offline", is_flag=True, help="Use cached responses only; never touch the network."),
        click.option("--refresh", is_flag=True, help="Ignore cached responses and ask the services again."),
        click.option("--cache-dir", type=click.Path(file_okay=False), help="Cache folder (default ~/.cache/cvgen/scholarly)."),
        click.option("--no-cache", is_flag=True, help="Neither read nor write the cache."),
        click.option("--as-of", metavar="DATE", help="Date recorded as the sync date (default: today)."),
        click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
                     help="Seconds to wait for a service to answer."),
    ]
    return functools.reduce(lambda f, opt: opt(f), reversed(opts), fn)


def _run(service: str, ids: tuple[str, ...], output: str | None, **kw: Any) -> None:
    """Shared body of the five commands: import, then check, report and write as every import does."""
    import datetime

    from cvgen.cli.import_finish import Converted, finish
    from cvgen.errors import UsageError
    from cvgen.interop.scholarly.client import ClientOptions, ScholarlyClient, default_cache_dir
    from cvgen.interop.scholarly.pipeline import ImportRequest, run_import
    from cvgen.interop.scholarly.records import iso_date
    from cvgen.interop.scholarly.writer import WriteOptions

    as_of = kw["as_of"] or datetime.date.today().isoformat()
    if iso_date(*as_of.split("-")[:3]) != as_of:
        raise UsageError(f"--as-of {as_of!r} is not a date (YYYY-MM-DD)")
    if kw["offline"] and kw["refresh"]:
        raise UsageError("--offline and --refresh contradict each other; choose one")
    cache = None if kw["no_cache"] else Path(kw["cache_dir"]) if kw["cache_dir"] else default_cache_dir()
    write = WriteOptions(as_of=as_of, owner=kw["owner"], abstracts=kw["abstracts"], categories=kw["categories"])
    request = ImportRequest(service=service, ids=list(ids), write=write, also=list(kw["also"]))
    options = ClientOptions(mailto=kw["mailto"], cache_dir=cache, offline=kw["offline"], refresh=kw["refresh"],
                            read_timeout=kw["timeout"], connect_timeout=min(10.0, kw["timeout"]))
    with ScholarlyClient(options) as client:
        result = run_import(request, client)
    data, summary = result.data["data"], result.data["summary"]
    source = " ".join([service, *ids])
    comment = f"Imported from {source} by cvgen on {as_of}: {summary}."
    publications_only = kw["publications_only"]
    conv = Converted(
        source=source, found=f"{SERVICE_NAMES[service]} records", warnings=result.warnings, summary=summary,
        data={"publications": data["publications"]} if publications_only else data,
        mapped=[summary, f"metrics line: {data['metrics'].get('source', 'none')}"],
        check_as_cv=not publications_only,
    )
    finish(conv, output, comment)


@click.command("orcid", epilog="\b\nExamples:\n  cvgen import orcid 0000-0002-1825-0097 -o cv.yaml\n"
               "  cvgen import orcid 0000-0002-1825-0097 --with openalex --with crossref -o cv.yaml\n\n" + SERVICE_EPILOG)
@click.argument("orcid_id", metavar="ORCID")
@_options
@handles_errors
def orcid(orcid_id: str, output: str | None, **kw: Any) -> None:
    """Import the works on an ORCID record (add --with openalex for citation counts and metrics)."""
    _run("orcid", (orcid_id,), output, **kw)


@click.command("openalex", epilog="\b\nExamples:\n  cvgen import openalex A5023888391 -o cv.yaml\n"
               "  cvgen import openalex 0000-0001-6187-6610 --with arxiv --categories\n\n" + SERVICE_EPILOG)
@click.argument("author", metavar="AUTHOR-ID-OR-ORCID")
@_options
@handles_errors
def openalex(author: str, output: str | None, **kw: Any) -> None:
    """Import an OpenAlex author's works, per-paper counts and metrics (h-index, i10, citations)."""
    _run("openalex", (author,), output, **kw)


@click.command("dblp", epilog="\b\nExamples:\n  cvgen import dblp 34/7659 -o cv.yaml\n"
               "  cvgen import dblp https://dblp.org/pid/34/7659.html --with openalex\n\n" + SERVICE_EPILOG)
@click.argument("pid", metavar="PID-OR-URL")
@_options
@handles_errors
def dblp(pid: str, output: str | None, **kw: Any) -> None:
    """Import a DBLP person page (short venue names, arXiv versions merged with published ones)."""
    _run("dblp", (pid,), output, **kw)


@click.command("doi", epilog="\b\nExamples:\n  cvgen import doi 10.1063/1.1383585 --owner \"J. C. Greer\"\n"
               "  cvgen import doi 10.1145/3442188.3445922 10.1038/nature14539 --with openalex\n\n" + SERVICE_EPILOG)
@click.argument("dois", metavar="DOI...", nargs=-1, required=True)
@_options
@handles_errors
def doi(dois: tuple[str, ...], output: str | None, **kw: Any) -> None:
    """Import one or many DOIs through Crossref."""
    _run("doi", dois, output, **kw)


@click.command("arxiv", epilog="\b\nExamples:\n  cvgen import arxiv 1706.03762 --owner \"Ashish Vaswani\" --abstracts\n"
               "  cvgen import arxiv cond-mat/0102536 --with crossref\n\n" + SERVICE_EPILOG)
@click.argument("ids", metavar="ID...", nargs=-1, required=True)
@_options
@handles_errors
def arxiv(ids: tuple[str, ...], output: str | None, **kw: Any) -> None:
    """Import arXiv preprints by id (categories, abstract, PDF and code links)."""
    _run("arxiv", ids, output, **kw)


COMMANDS = (orcid, openalex, dblp, doi, arxiv)
