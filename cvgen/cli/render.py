"""``cvgen render``: one or many CV files to one or many formats."""

from __future__ import annotations

from pathlib import Path

import click

from cvgen.cli.common import EXIT_INPUT, handles_errors, report

BUILTIN_ORDER = ("pdf", "docx", "latex", "html")

EPILOG = """\b
Examples:
  cvgen render cv.yaml                           # PDF next to cv.yaml
  cvgen render cv.yaml --format docx -o cv.docx
  cvgen render cv.yaml --format pdf,html -o out/ --theme modern
  cvgen render cv.yaml --format latex --compile --engine lualatex
  cvgen render cv.yaml --profile selected --since 2021
  cvgen render cvs/ --format all -o out/         # every *.yaml in cvs/
"""


def expand_formats(spec: str) -> list[str]:
    """"pdf,docx" or "all" → canonical backend names (built-in formats first)."""
    from cvgen.backends import registry

    names = registry.names()
    if spec == "all":
        return [n for n in BUILTIN_ORDER if n in names]
    out: list[str] = []
    for part in spec.split(","):
        part = part.strip()
        if part:
            canonical = registry.get(part).name
            if canonical not in out:
                out.append(canonical)
    return out


def collect_inputs(paths: tuple[str, ...]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files.extend(sorted(q for q in p.iterdir() if q.suffix in (".yaml", ".yml") and q.is_file()))
        else:
            files.append(p)
    return files


def output_path(source: Path, suffix: str, output: str | None, many: bool) -> Path:
    """Next to the input by default; ``-o x.pdf`` is a file, ``-o dir/`` a folder."""
    if output is None:
        return source.with_suffix(suffix)
    out = Path(output)
    if output.endswith(("/", "\\")) or out.is_dir() or many:
        out.mkdir(parents=True, exist_ok=True) if output.endswith(("/", "\\")) else None
        return out / (source.stem + suffix)
    return out


@click.command("render", epilog=EPILOG)
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("-f", "--format", "fmt", default="pdf", show_default=True,
              help="pdf, docx, latex, html, all, or a comma-separated list (see `cvgen formats`).")
@click.option("-o", "--output", help="Output file, or folder when it ends with / or renders several files.")
@click.option("-t", "--theme", help="Built-in theme name (classic, modern) or a theme folder.")
@click.option("-p", "--profile", help="A profile from settings.profiles (e.g. selected).")
@click.option("--since", help="Only items from this date on (e.g. 2021 or 2021-09).")
@click.option("--until", help="Only items up to this date.")
@click.option("--selected", "selected_only", is_flag=True, default=None, help="Only publications and talks marked selected.")
@click.option("--page-size", type=click.Choice(["letter", "a4"]), help="Override settings.page_size.")
@click.option("--pdf-variant", type=click.Choice(["pdf/a-3b", "pdf/ua-1"]), help="Archival or accessible PDF.")
@click.option("--compile", "compile_", is_flag=True, help="LaTeX: also compile the .tex to PDF.")
@click.option("--engine", type=click.Choice(["xelatex", "lualatex", "pdflatex"]), help="LaTeX engine for --compile.")
@handles_errors
def command(
    inputs: tuple[str, ...], fmt: str, output: str | None, theme: str | None, profile: str | None,
    since: str | None, until: str | None, selected_only: bool | None, page_size: str | None,
    pdf_variant: str | None, compile_: bool, engine: str | None,
) -> None:
    """Render CV files to PDF, DOCX, LaTeX and HTML."""
    from cvgen.api import backend_for, render_document, write_result
    from cvgen.backends.base import RenderOptions
    from cvgen.errors import InputError, Problem, UsageError
    from cvgen.loader import load_file
    from cvgen.themes import resolve_theme
    from cvgen.view import ViewOptions, prepare

    formats = expand_formats(fmt)
    backends = {name: backend_for(name) for name in formats}
    sources = collect_inputs(inputs)
    if not sources:
        raise UsageError("no CV files found")
    many = len(sources) > 1 or len(formats) > 1
    if output and many and Path(output).suffix and not Path(output).is_dir() and not output.endswith("/"):
        raise UsageError("several outputs need a folder: pass -o DIR/ (ending with /)")
    try:
        view = ViewOptions.make(profile=profile, since=since, until=until, selected_only=selected_only, page_size=page_size)
    except ValueError as exc:
        raise InputError([Problem("<command line>", None, None, "--since/--until", str(exc))]) from None
    options = RenderOptions(pdf_variant=pdf_variant, compile=compile_, engine=engine)

    failures: list[tuple[Path, int]] = []
    for source in sources:
        try:
            cv = load_file(source)
            doc = prepare(cv, view)
            for warning in doc.warnings:
                click.echo(f"warning: {source}: {warning}", err=True)
            th = resolve_theme(theme or cv.settings.theme)
            for name in formats:
                backend = backends[name]
                result = render_document(doc, name, th, options, backend)
                for path in write_result(result, output_path(source, backend.suffix, output, many)):
                    click.echo(f"wrote {path}")
        except Exception as exc:  # noqa: BLE001 - one bad CV never stops the batch
            failures.append((source, report(exc)))
    if failures:
        if len(sources) > 1:
            click.echo(f"{len(sources) - len(failures)} of {len(sources)} CVs rendered; failed: "
                       + ", ".join(str(s) for s, _ in failures), err=True)
        worst = max(code for _, code in failures)
        raise click.exceptions.Exit(EXIT_INPUT if worst == EXIT_INPUT else worst)
