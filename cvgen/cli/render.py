"""``cvgen render``: one or many CV files to one or many formats."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from cvgen.cli.common import error, handles_errors
from cvgen.errors import problems_found

if TYPE_CHECKING:
    from cvgen.batch import BatchResult

BUILTIN_ORDER = ("pdf", "docx", "latex", "html")

EPILOG = """\b
Examples:
  cvgen render cv.yaml                           # PDF next to cv.yaml
  cvgen render cv.yaml --format docx -o cv.docx
  cvgen render cv.yaml --format pdf,html -o out/ --theme modern
  cvgen render cv.yaml --pdf-engine typst          # the PDF laid out by Typst: several times faster
  cvgen render cv.yaml --format latex --compile --engine lualatex
  cvgen render cv.yaml --profile selected --since 2021
  cvgen render cv.yaml --profile nih -f pdf,docx --strict   # fail past NIH's page limit
  cvgen render cvs/ --format all -o out/         # every *.yaml in cvs/
  cvgen render cvs/*.yaml -f pdf,docx -o out/ -j 2   # two worker processes
  cvgen render --data faculty.csv --map map.yaml -o out/   # one CV per record
  cvgen render cv.yaml --include-tags ml --exclude-tags internal
  cvgen render --data faculty.csv --map map.yaml -o out/ --changed-only   # nightly reruns
  cvgen render cv.yaml -f markdown --fragment -o -   # publications only, to stdout
"""


def expand_formats(spec: str) -> list[str]:
    """"pdf,docx" or "all" → canonical backend names ("all": the four main formats)."""
    from cvgen.backends import registry
    from cvgen.batch import canonical_formats

    if spec == "all":
        names = registry.names()
        return [n for n in BUILTIN_ORDER if n in names]
    return canonical_formats(spec)


def _with_pdf_engine(spec: str, pdf_engine: str | None) -> str:
    """``pdf`` named as its engine's format up front, so the other engine's backend is never imported."""
    from cvgen.pipeline import PDF_ENGINES

    if pdf_engine is None:
        return spec
    parts = [x.strip() for x in spec.split(",")]
    if parts == ["all"]:
        parts = list(BUILTIN_ORDER)
    return ",".join(PDF_ENGINES[pdf_engine] if x.lower() == "pdf" else x for x in parts)


def collect_inputs(paths: tuple[str, ...]) -> list[Path]:
    """Files as given; a folder stands for the *.yaml files in it."""
    from cvgen.batch import expand_sources

    return expand_sources(paths)


def output_path(source: Path, suffix: str, output: str | None, many: bool) -> Path:
    """Next to the input by default; ``-o x.pdf`` is a file, ``-o dir/`` a folder."""
    if output is None:
        return source.with_suffix(suffix)
    out = Path(output)
    if output.endswith(("/", "\\")) or out.is_dir() or many:
        out.mkdir(parents=True, exist_ok=True) if output.endswith(("/", "\\")) else None
        return out / (source.stem + suffix)
    from cvgen.output import make_folder

    make_folder(out)  # -o newdir/file makes the folder, as -o newdir/ does
    return out


@click.command("render", epilog=EPILOG)
@click.argument("inputs", nargs=-1, type=click.Path())
@click.option("-f", "--format", "fmt", default="pdf", show_default=True,
              help="pdf, docx, latex, html, all, or a comma-separated list (see `cvgen formats`).")
@click.option("-o", "--output", help="Output file, folder (ending with /, or for several files), or - for stdout.")
@click.option("-t", "--theme", help="Built-in theme name (classic, modern) or a theme folder.")
@click.option("-p", "--profile", help="A profile from settings.profiles (e.g. selected).")
@click.option("--since", help="Only items from this date on (e.g. 2021 or 2021-09).")
@click.option("--until", help="Only items up to this date.")
@click.option("--selected", "selected_only", is_flag=True, default=None, help="Only publications and talks marked selected.")
@click.option("--include-tags", help="Keep only tagged items carrying one of these tags (comma-separated); untagged items stay.")
@click.option("--exclude-tags", help="Leave out items carrying one of these tags (comma-separated).")
@click.option("--data", "data", type=click.Path(), help="A .csv or .json file of records, one CV per record (needs --map).")
@click.option("--map", "map_", type=click.Path(), help="The map: which column feeds which CV field (see docs: For institutions).")
@click.option("--base", "bases", multiple=True, type=click.Path(file_okay=False),
              help="A folder where `extends:` base files may sit (repeatable); the CV's own folder always counts.")
@click.option("--report", type=click.Path(dir_okay=False),
              help="Write the batch report here (JSON, and CSV beside it). Default with --data: OUT/cvgen-report.json.")
@click.option("--changed-only", is_flag=True, help="Skip CVs whose inputs, theme and cvgen version are unchanged since the report.")
@click.option("--page-size", type=click.Choice(["letter", "a4"]), help="Override settings.page_size.")
@click.option("--style", help="Citation style of publications: cvgen, apa, ieee, chicago-author-date, "
              "chicago-note-bibliography, vancouver, nature, acm, harvard, mla, ama, or a .csl file.")
@click.option("--pdf-engine", type=click.Choice(["weasyprint", "typst"]),
              help="What lays out the PDF: weasyprint (HTML/CSS themes) or typst (several times faster). "
              "Default: settings.pdf_engine, else weasyprint. `-f pdf-typst` is the same as typst.")
@click.option("--pdf-variant", type=click.Choice(["pdf/a-3b", "pdf/ua-1"]), help="Archival or accessible PDF.")
@click.option("--compile", "compile_", is_flag=True, help="LaTeX: also compile the .tex to PDF.")
@click.option("--engine", type=click.Choice(["xelatex", "lualatex", "pdflatex"]),
              help="LaTeX engine for --compile (the PDF's engine is --pdf-engine).")
@click.option("--strict", is_flag=True, help="Fail (exit 2, nothing written) when a funder's page limit is exceeded.")
@click.option("--dpi", type=click.IntRange(1, 600), help="PNG previews (-f png): pixels per inch (default 96).")
@click.option("--fragment", is_flag=True, help="Markdown, text, HTML: the publication list alone, to paste into a web page.")
@click.option("--allow", "allow", multiple=True, type=click.Path(file_okay=False),
              help="A folder files named in the CV may also come from (repeatable); by default only the CV's own.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Worker processes for many CVs (0: one per CPU); each loads its engines once.")
@handles_errors
def command(
    inputs: tuple[str, ...], fmt: str, output: str | None, theme: str | None, profile: str | None,
    since: str | None, until: str | None, selected_only: bool | None, include_tags: str | None,
    exclude_tags: str | None, data: str | None, map_: str | None, bases: tuple[str, ...], report: str | None,
    changed_only: bool, page_size: str | None, style: str | None, pdf_engine: str | None, pdf_variant: str | None,
    compile_: bool, engine: str | None, strict: bool, dpi: int | None, fragment: bool, allow: tuple[str, ...], jobs: int,
) -> None:
    """Render CV files (or a department's records, with --data and --map) to PDF, DOCX, LaTeX and HTML."""
    from cvgen import batch
    from cvgen.backends.base import RenderOptions
    from cvgen.errors import InputError, Problem

    formats = expand_formats(_with_pdf_engine(fmt, pdf_engine))
    try:
        from cvgen.view import ViewOptions

        view = ViewOptions.make(profile=profile, since=since, until=until, selected_only=selected_only, page_size=page_size,
                                style=style, include_tags=include_tags, exclude_tags=exclude_tags)
    except ValueError as exc:
        raise InputError([Problem("<command line>", None, None, "--since/--until", str(exc))]) from None
    options = RenderOptions(pdf_variant=pdf_variant, compile=compile_, engine=engine, fragment=fragment,
                            pdf_engine=pdf_engine, strict=strict, dpi=dpi)
    if output == "-" and not (data or map_):
        _to_stdout(collect_inputs(inputs), formats, theme, view, options)
        return
    allowed = (*allow, *bases)  # --base names a folder for extends bases: one more allowed folder
    roots = tuple(Path(a) for a in allowed)
    tasks = _records_tasks(data, map_, inputs, formats, output, roots) if data or map_ else _file_tasks(inputs, formats, output)
    report_path = _report_path(report, data, output, changed_only)
    previous = None
    if changed_only:
        from cvgen.rerun import previous_hashes

        previous = previous_hashes(report_path) if report_path else {}
    reporter = Reporter(len(tasks))
    with reporter:
        results = batch.run_tasks(tasks, jobs or batch.default_jobs(), theme=theme, view=view, options=options,
                                  on_result=reporter.result, allow=allowed, previous=previous,
                                  hash_inputs=report_path is not None)
    reporter.summary(results)
    if report_path is not None:
        from cvgen.reports import write_reports

        for path in write_reports(results, report_path, report_path.with_suffix(".csv")):
            click.echo(f"wrote {path}")
    status = batch.exit_status(results)
    if status:
        raise click.exceptions.Exit(status)


def _file_tasks(inputs: tuple[str, ...], formats: list[str], output: str | None) -> list[Any]:
    """One task per CV file; outputs next to each file, or in -o."""
    from cvgen import batch
    from cvgen.backends import registry
    from cvgen.errors import UsageError

    sources = collect_inputs(inputs)
    if not sources:
        raise UsageError("no CV files found" if inputs else "name the CV files to render, or pass --data and --map")
    many = len(sources) > 1 or len(formats) > 1
    if output and many and Path(output).suffix and not Path(output).is_dir() and not output.endswith("/"):
        raise UsageError("several outputs need a folder: pass -o DIR/ (ending with /)")
    suffixes = {name: registry.get(name).suffix for name in formats}
    tasks = [
        batch.Task(source, tuple((name, output_path(source, suffixes[name], output, many)) for name in formats))
        for source in sources
    ]
    batch.check_collisions(tasks)
    if output and many:
        Path(output).mkdir(parents=True, exist_ok=True)
    return tasks


def _records_tasks(
    data: str | None, map_: str | None, inputs: tuple[str, ...], formats: list[str], output: str | None, roots: tuple[Path, ...],
) -> list[Any]:
    """One task per record of --data poured into --map; outputs in -o (a folder), else beside the data."""
    from cvgen import batch
    from cvgen.errors import UsageError

    if not data or not map_:
        raise UsageError("--data and --map go together: the records and the map saying which column feeds which field")
    if inputs:
        raise UsageError("render either CV files or --data records, not both in one run")
    if output:
        Path(output).mkdir(parents=True, exist_ok=True)
    return batch.plan_records(data, map_, formats, output, roots)


def _report_path(report: str | None, data: str | None, output: str | None, changed_only: bool) -> Path | None:
    """Where the report goes: --report, else with --data the output folder's cvgen-report.json."""
    from cvgen.errors import UsageError

    if report:
        return Path(report)
    if data:
        return Path(output or Path(data).parent) / "cvgen-report.json"
    if changed_only:
        raise UsageError("--changed-only compares with the previous run's report: pass --report FILE")
    return None


def _to_stdout(sources: list[Path], formats: list[str], theme: str | None, view: Any, options: Any) -> None:
    """``-o -``: one CV in one format, its bytes on standard output (messages stay on stderr)."""
    from cvgen.errors import UsageError
    from cvgen.pipeline import Job, run

    if len(sources) != 1 or len(formats) != 1 or options.compile:
        raise UsageError("-o - writes one CV in one format to standard output (without --compile)")
    done = run(Job(sources[0], ((formats[0], None),), theme, view, options))
    for warning in done.doc.warnings:
        click.echo(f"warning: {sources[0]}: {warning}", err=True)
    sys.stdout.flush()
    sys.stdout.buffer.write(done.rendered[0].data)
    sys.stdout.buffer.flush()


class Reporter:
    """Prints each CV's outcome as it finishes, a progress bar on a terminal, and the batch summary.

    The bar (rich) is shown only when stderr is a terminal and there is more than one CV, and rich is
    imported only then. It refreshes on each finished CV (no refresh thread, so forking workers stays safe).
    """

    def __init__(self, total: int) -> None:
        self.total = total
        self.show_bar = total > 1 and sys.stderr.isatty()
        self.progress: Any = None
        self.task: Any = None

    def __enter__(self) -> Reporter:
        if self.show_bar:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.progress = Progress(
                TextColumn("rendering"), BarColumn(), MofNCompleteColumn(), TextColumn("CVs"), TimeElapsedColumn(),
                console=Console(stderr=True), auto_refresh=False, transient=True,
            )
            self.progress.start()
            self.task = self.progress.add_task("render", total=self.total)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()

    def result(self, r: BatchResult) -> None:
        for warning in r.warnings:
            click.echo(f"warning: {r.source}: {warning}", err=True)
        if r.skipped:
            click.echo(f"unchanged {r.source}")
        for path in () if r.skipped else r.outputs:
            click.echo(f"wrote {path}")
        if not r.ok:
            if r.problems:
                click.echo(r.error or "", err=True)
                click.echo(problems_found(r.problems), err=True)
            else:
                error(r.error or "failed")
        if self.progress is not None:
            self.progress.update(self.task, advance=1, refresh=True)

    def summary(self, results: list[BatchResult]) -> None:
        if len(results) < 2:
            return
        failed = [r for r in results if not r.ok]
        skipped = sum(1 for r in results if r.skipped)
        line = f"{len(results) - len(failed) - skipped} rendered, " + (f"{skipped} unchanged, " if skipped else "") + f"{len(failed)} failed"
        click.echo(line + (":" if failed else "."), err=True)
        for r in failed:
            first = (r.error or "").splitlines()[0] if r.error else "failed"
            more = f" (+{r.problems - 1} more)" if r.problems > 1 else ""
            where = "" if first.startswith(str(r.source)) else f"{r.source}: "
            click.echo(f"  {where}{first}{more}", err=True)
